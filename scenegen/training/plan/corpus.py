"""The fine-tuning corpus for the planner: (description, compact plan JSON) pairs generated from the catalog.

catalog categories × counts × attributes × relations × room types, with varied phrasings (openers, count words,
synonyms, connective words, relation phrases). The target is built alongside the description, not read back from it,
so it is right by construction. Pairs that copy the evaluation set are dropped: any description equal to an eval
prompt, or sharing half its word 4-grams with one. Deterministic: the same seed gives the same corpus.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from scenegen import catalog

ROOM_TYPES = {"bedroom": ("bedroom", "bed room", "guest room", "master bedroom"),
              "living_room": ("living room", "lounge", "sitting room", "family room"),
              "kitchen": ("kitchen",), "dining_room": ("dining room", "dining area"),
              "office": ("office", "study", "home office", "workspace"), "bathroom": ("bathroom", "washroom"),
              "gym": ("gym", "home gym", "workout room", "fitness room"), "nursery": ("nursery", "baby room"),
              "classroom": ("classroom",), "music_room": ("music room", "practice room"),
              "laundry_room": ("laundry room", "utility room"), "hallway": ("hallway", "entryway", "hall")}
ROOM_MOODS = ("", "", "", "cozy ", "bright ", "spacious ", "small ", "modern ", "quiet ", "simple ", "sunny ")
LIST_OPENERS = ("a {room} with {list}", "{Room}: {list}", "I want a {room} with {list}", "design a {room} containing {list}",
                "{list}, all in a {room}", "my {room} has {list}", "picture a {room} featuring {list}",
                "make me a {room} that has {list}", "{Room} with {list}", "a {room}; {list}",
                "generate a {room} including {list}", "there is a {room} with {list}", "{list} in a {room}")
SENTENCE_OPENERS = ("I need a {room}. Put {list}.", "{Room}. Add {list}.", "Create a {room}. It has {list}.",
                    "Set up a {room}: place {list}.", "Please furnish a {room} with {list}.")
NUMBERS = {1: ("a", "one", "a single"), 2: ("two", "a pair of", "2", "a couple of"), 3: ("three", "3"),
           4: ("four", "4"), 5: ("five", "5"), 6: ("six", "6"), 8: ("eight", "8")}
COLOURS = ("red", "blue", "green", "white", "black", "grey", "yellow", "brown", "beige", "pink", "orange", "purple",
           "navy", "cream", "teal")
MATERIALS = ("wooden", "oak", "metal", "leather", "glass", "velvet", "walnut", "pine", "marble", "wicker", "steel",
             "fabric", "rattan")
_MATERIAL_VALUE = {"wooden": "wood"}
STYLES = ("modern", "rustic", "vintage", "industrial", "scandinavian", "minimalist", "classic", "retro")
SIZES = {"small": "small", "large": "large", "big": "large", "tiny": "small", "little": "small", "tall": "large",
         "huge": "large", "compact": "small"}
BED_SIZES = ("queen", "king", "single", "double")
FILLERS = ("comfortable", "cozy", "round", "sturdy", "nice", "simple", "lovely", "square", "low")
OBJ_REL = {"next_to": ("next to", "beside", "by"), "near": ("near", "close to"), "in_front_of": ("in front of",),
           "on_top": ("on", "on top of", "sitting on", "resting on"), "across_from": ("across from", "opposite"),
           "behind": ("behind",), "face_to": ("facing",), "under": ("under", "beneath", "underneath"),
           "around": ("around",), "left_of": ("to the left of", "left of"), "right_of": ("to the right of",
                                                                                       "right of")}
ARCH_REL = {"against_wall": ("against the wall", "along the wall", "against a wall", "up against the wall"),
            "corner": ("in the corner", "in a corner", "tucked in the corner"),
            "next_to_window": ("by the window", "near the window", "under the window", "next to the window"),
            "middle_of_room": ("in the middle of the room", "in the centre of the room", "in the center",
                               "in the middle"),
            "next_to_door": ("next to the door", "by the door", "near the entrance")}
WALL_REL = ("on the wall", "hung on the wall", "mounted on the wall", "on a wall")
CEILING_REL = ("hanging from the ceiling", "on the ceiling", "from the ceiling")
OPEN_VOCAB: tuple[tuple[str, tuple[float, float, float], str, str, tuple[str, ...]], ...] = (
    # (noun, W×D×H metres, support, shape, rooms): objects outside the catalog, for open-vocabulary training. Nouns in
    # the evaluation set's generic objects are left out, so the eval measures proposals for nouns never trained on.
    ("popcorn machine", (0.5, 0.45, 1.5), "floor", "box", ("living_room",)),
    ("ballet barre", (2.0, 0.3, 1.0), "floor", "box", ("gym", "music_room")),
    ("drum set", (1.5, 1.2, 1.1), "floor", "box", ("music_room",)),
    ("aquarium", (1.0, 0.4, 0.6), "object", "box", ("living_room", "office")),
    ("fish tank", (0.8, 0.35, 0.5), "object", "box", ("living_room",)),
    ("grandfather clock", (0.5, 0.3, 1.9), "floor", "box", ("living_room", "hallway")),
    ("harp", (0.9, 0.5, 1.8), "floor", "box", ("music_room",)),
    ("cello", (0.45, 0.4, 1.25), "floor", "box", ("music_room",)),
    ("drum", (0.5, 0.5, 0.6), "floor", "cylinder", ("music_room",)),
    ("umbrella stand", (0.3, 0.3, 0.6), "floor", "cylinder", ("hallway",)),
    ("dog bed", (0.8, 0.6, 0.25), "floor", "box", ("living_room", "bedroom")),
    ("bird cage", (0.5, 0.5, 0.7), "object", "cylinder", ("living_room",)),
    ("globe lamp", (0.3, 0.3, 0.3), "object", "sphere", ("bedroom", "living_room")),
    ("exercise ball", (0.65, 0.65, 0.65), "floor", "sphere", ("gym",)),
    ("kettlebell", (0.25, 0.2, 0.3), "floor", "sphere", ("gym",)),
    ("squat rack", (1.3, 1.2, 2.2), "floor", "box", ("gym",)),
    ("stepper", (0.6, 0.5, 0.3), "floor", "box", ("gym",)),
    ("mini fridge", (0.5, 0.5, 0.85), "floor", "box", ("office", "bedroom")),
    ("safe", (0.45, 0.45, 0.6), "floor", "box", ("office", "bedroom")),
    ("projector screen", (2.0, 0.1, 1.5), "wall", "box", ("living_room", "classroom")),
    ("notice board", (1.0, 0.03, 0.7), "wall", "box", ("office", "classroom")),
    ("coat hooks", (0.6, 0.08, 0.15), "wall", "box", ("hallway",)),
    ("key holder", (0.3, 0.05, 0.2), "wall", "box", ("hallway",)),
    ("disco ball", (0.4, 0.4, 0.4), "ceiling", "sphere", ("living_room",)),
    ("hanging chair", (0.9, 0.9, 1.3), "ceiling", "sphere", ("living_room", "bedroom")),
    ("paper lantern", (0.5, 0.5, 0.5), "ceiling", "sphere", ("bedroom", "living_room")),
    ("teacher desk", (1.4, 0.7, 0.75), "floor", "box", ("classroom",)),
    ("podium", (0.6, 0.5, 1.15), "floor", "box", ("classroom",)),
    ("bread maker", (0.3, 0.35, 0.35), "object", "box", ("kitchen",)),
    ("coffee machine", (0.3, 0.4, 0.4), "object", "box", ("kitchen", "office")),
    ("toaster", (0.3, 0.2, 0.2), "object", "box", ("kitchen",)),
    ("wine rack", (0.6, 0.3, 1.0), "floor", "box", ("kitchen", "dining_room")),
    ("high chair", (0.6, 0.6, 1.0), "floor", "box", ("dining_room", "kitchen")),
    ("ironing board", (1.3, 0.4, 0.9), "floor", "box", ("laundry_room",)),
    ("tumble dryer", (0.6, 0.6, 0.85), "floor", "box", ("laundry_room",)),
    ("drying rack", (1.0, 0.6, 1.0), "floor", "box", ("laundry_room",)),
    ("laundry sink", (0.6, 0.5, 0.9), "floor", "box", ("laundry_room",)),
    ("towel warmer", (0.5, 0.1, 0.8), "wall", "box", ("bathroom",)),
    ("bidet", (0.4, 0.55, 0.4), "floor", "box", ("bathroom",)),
    ("medicine cabinet", (0.5, 0.15, 0.6), "wall", "box", ("bathroom",)),
    ("play mat", (1.5, 1.5, 0.02), "floor", "box", ("nursery",)),
    ("rocking horse", (0.9, 0.35, 0.7), "floor", "box", ("nursery",)),
    ("baby monitor", (0.1, 0.1, 0.15), "object", "box", ("nursery",)),
    ("mobile", (0.5, 0.5, 0.4), "ceiling", "sphere", ("nursery",)),
    ("amplifier", (0.6, 0.3, 0.5), "floor", "box", ("music_room",)),
    ("music stand", (0.5, 0.4, 1.3), "floor", "box", ("music_room",)),
    ("keyboard stand", (1.0, 0.5, 0.8), "floor", "box", ("music_room",)),
    ("server rack", (0.6, 1.0, 2.0), "floor", "box", ("office",)),
    ("shredder", (0.4, 0.3, 0.6), "floor", "box", ("office",)),
    ("globe", (0.35, 0.35, 0.45), "object", "sphere", ("office", "classroom")),
)


def _plural(word: str) -> str:
    if word.endswith("s") and not word.endswith("ss"):
        return word  # already plural ("books")
    if word.endswith("shelf"):
        return word[:-1] + "ves"
    if word.endswith(("ss", "sh", "ch", "x")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _ngrams(text: str, n: int = 4) -> set[tuple[str, ...]]:
    w = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}


class Excluder:
    """Says whether a description copies an eval prompt (equal text, or ≥ ``overlap`` of its word 4-grams)."""

    def __init__(self, prompts: list[str], overlap: float = 0.5) -> None:
        self.texts = {" ".join(re.findall(r"[a-z0-9]+", p.lower())) for p in prompts}
        self.grams = [g for g in (_ngrams(p) for p in prompts) if g]
        self.overlap = overlap

    def __call__(self, description: str) -> bool:
        if " ".join(re.findall(r"[a-z0-9]+", description.lower())) in self.texts:
            return True
        mine = _ngrams(description)
        return any(len(mine & g) >= self.overlap * len(g) for g in self.grams)


def _pick(rng: np.random.Generator, options: tuple | list):  # type: ignore[no-untyped-def]
    return options[int(rng.integers(len(options)))]


@dataclass
class _Obj:
    """One object group of a sampled description: its target entry and the words that describe it."""

    name: str  # catalog category, or the open-vocabulary noun
    noun: str  # the word the description uses (a synonym or the name)
    count: int
    support: str
    has_top: bool
    item: dict
    phrase: str = ""


def _object(rng: np.random.Generator, name: str, open_vocab: tuple | None) -> _Obj:
    """An object group with a random count, noun and attributes."""
    if open_vocab is not None:
        noun, size, support, shape, _ = open_vocab
        item: dict = {"category": noun, "count": 1}
        has_top = False
    else:
        c = catalog.get(name)
        noun = _pick(rng, c.synonyms) if c.synonyms and rng.random() < 0.5 else name.replace("_", " ")
        support, has_top = c.support, c.has_top
        item = {"category": name, "count": 1}
    count = int(_pick(rng, (1, 1, 1, 1, 2, 2, 2, 3, 4, 6, 8) if support == "object" or open_vocab is None else (1, 1, 2)))
    attrs: dict[str, str] = {}
    adj: list[str] = []
    if rng.random() < 0.12:
        adj.append(_pick(rng, FILLERS))
    if name == "bed" and rng.random() < 0.4:
        attrs["size"] = _pick(rng, BED_SIZES)
        adj.append(attrs["size"])
    elif rng.random() < 0.25:
        word = _pick(rng, list(SIZES))
        attrs["size"] = SIZES[word]
        adj.append(word)
    if rng.random() < 0.1:
        attrs["style"] = _pick(rng, STYLES)
        adj.append(attrs["style"])
    if rng.random() < 0.35:
        attrs["colour"] = _pick(rng, COLOURS)
        adj.append(attrs["colour"])
    if rng.random() < 0.2:
        m = _pick(rng, MATERIALS)
        attrs["material"] = _MATERIAL_VALUE.get(m, m)
        adj.append(m)
    if attrs:
        item["attributes"] = {k: attrs[k] for k in ("colour", "material", "style", "size") if k in attrs}
    if open_vocab is not None:
        item.update(size=list(open_vocab[1]), support=open_vocab[2], shape=open_vocab[3])
    obj = _Obj(noun if open_vocab is not None else name, noun, count, support, has_top, item)
    obj.phrase = " ".join(adj)
    return obj


def _quantity(count: int, rng: np.random.Generator, first_word: str) -> str:
    q = _pick(rng, NUMBERS[count])
    return "an" if q == "a" and first_word[:1] in "aeiou" else q


def _sample_pair(rng: np.random.Generator, open_vocab: list[tuple]) -> tuple[str, dict]:
    """One (description, compact plan) pair: the plan is built first and the text written from it."""
    room, objs = _sample_objects(rng, open_vocab)
    relations: list[dict] = []
    phrases: list[str] = []
    for j, o in enumerate(objs):
        rel_text, count, relation = _sample_relation(rng, objs, j)
        if relation is not None:
            relations.append(relation)
        o.count = o.item["count"] = count
        head = o.noun if count == 1 else _plural(o.noun)
        words = " ".join(x for x in (o.phrase, head) if x)
        phrases.append(" ".join(x for x in (_quantity(count, rng, words), words, rel_text) if x))
    joined = ", ".join(phrases[:-1]) + (_pick(rng, (" and ", ", and ", ", plus ")) if len(phrases) > 1 else "") + \
        phrases[-1]
    rphrase, room_item = _room_phrase(rng, room)
    opener = _pick(rng, SENTENCE_OPENERS if rng.random() < 0.2 else LIST_OPENERS)
    text = opener.format(room=rphrase, Room=rphrase[:1].upper() + rphrase[1:], list=joined)
    if rng.random() < 0.3:
        text = text[:1].upper() + text[1:]
    uniq_rel = list({json.dumps(r, sort_keys=True): r for r in relations}.values())
    return text, {"room": room_item, "objects": _merged_items(objs), "relations": uniq_rel}


def _sample_objects(rng: np.random.Generator, open_vocab: list[tuple]) -> tuple[str, list[_Obj]]:
    """A room type and 1-6 of its catalog categories as object groups, plus (30 % of the time, where the room has
    some) one open-vocabulary object at a random place in the list."""
    room = _pick(rng, list(ROOM_TYPES))
    pool = [n for n in catalog.names() if room in catalog.get(n).rooms] or catalog.names()
    k = int(rng.integers(1, min(6, len(pool)) + 1))
    cats = [pool[i] for i in rng.choice(len(pool), size=k, replace=False)]
    objs = [_object(rng, c, None) for c in cats]
    ov = [o for o in open_vocab if room in o[4]]
    if ov and rng.random() < 0.3:
        objs.insert(int(rng.integers(len(objs) + 1)), _object(rng, "", _pick(rng, ov)))
    return room, objs


def _sample_relation(rng: np.random.Generator, objs: list[_Obj], j: int) -> tuple[str, int, dict | None]:
    """For ``objs[j]``: the relation phrase (maybe none), its count (a relation such as "on each" or "on either side"
    can change it) and the relation entry, related to an earlier object or to the room's architecture."""
    o = objs[j]
    rel_text = ""
    count = o.count
    earlier = objs[:j]
    tops = [t for t in earlier if t.has_top]
    r = rng.random()
    if o.support == "object" and tops and r < 0.7:
        t = _pick(rng, tops)
        if t.count > 1 and rng.random() < 0.5:
            count = t.count
            rel_text = f"on each {t.noun}"
        else:
            rel_text = f"{_pick(rng, OBJ_REL['on_top'])} the {t.noun if t.count == 1 else _plural(t.noun)}"
        return rel_text, count, {"kind": "on_top", "subject": o.name, "target": t.name}
    if o.support == "wall" and r < 0.5:
        return _pick(rng, WALL_REL), count, {"kind": "on_wall", "subject": o.name, "target": "wall"}
    if o.support == "ceiling" and r < 0.5:
        return _pick(rng, CEILING_REL), count, {"kind": "hang_from_ceiling", "subject": o.name, "target": "ceiling"}
    if o.support == "floor" and earlier and r < 0.4:
        t = _pick(rng, [e for e in earlier if e.support == "floor"] or earlier)
        kinds = [kd for kd in OBJ_REL if kd not in ("on_top", "under", "around")]
        if o.name == "rug" and t.support == "floor":
            kinds = ["under"]
        elif count >= 2 and t.has_top and o.name in ("chair", "stool", "bar_stool", "office_chair"):
            kinds = ["around", "next_to"]
        kind = _pick(rng, kinds)
        if kind == "next_to" and t.count == 1 and rng.random() < 0.2:
            count = 2
            rel_text = f"on either side of the {t.noun}"
        else:
            ref = ("it" if t.count == 1 else "them") if t is objs[j - 1] and rng.random() < 0.4 else (
                f"the {t.noun if t.count == 1 else _plural(t.noun)}")
            rel_text = f"{_pick(rng, OBJ_REL[kind])} {ref}"
        return rel_text, count, {"kind": kind, "subject": o.name, "target": t.name}
    if o.support == "floor" and r < 0.7:
        kind = _pick(rng, list(ARCH_REL))
        rel_text = _pick(rng, ARCH_REL[kind])
        from scenegen.plan.schema import DEFAULT_ARCH_TARGET

        return rel_text, count, {"kind": kind, "subject": o.name, "target": DEFAULT_ARCH_TARGET[kind]}
    return rel_text, count, None


def _room_phrase(rng: np.random.Generator, room: str) -> tuple[str, dict]:
    """The words for the room (12 % of the time with a size in metres, else maybe a mood word) and its plan entry."""
    rname = _pick(rng, ROOM_TYPES[room])
    size_text, room_item = "", {"type": room}
    if rng.random() < 0.12:
        w = float(_pick(rng, (2.5, 3, 3.5, 4, 4.5, 5, 6)))
        d = float(_pick(rng, (2.5, 3, 3.5, 4, 5)))
        ws, ds = (f"{x:g}" for x in (w, d))
        size_text = _pick(rng, (f"{ws} by {ds} m ", f"{ws}x{ds} m ", f"{ws} x {ds} metre "))
        room_item = {"type": room, "width": w, "depth": d}
    return size_text + (_pick(rng, ROOM_MOODS) if not size_text else "") + rname, room_item


def _merged_items(objs: list[_Obj]) -> list[dict]:
    """The plan's object entries: the same category twice (a catalog noun and its synonym) is one entry per
    attribute set, counts added."""
    merged: dict[tuple, dict] = {}
    for o in objs:
        key = (o.item["category"], json.dumps(o.item.get("attributes"), sort_keys=True))
        if key in merged:
            merged[key]["count"] += o.item["count"]
        else:
            merged[key] = o.item
    return list(merged.values())


def generate(n: int, seed: int = 0, exclude: list[str] | None = None) -> Iterator[tuple[str, str]]:
    """``n`` (description, target JSON) pairs; descriptions that copy ``exclude`` (default: the prompts of every
    evaluation set, ``HELD_OUT_SETS``) are skipped and replaced; open-vocabulary nouns the sets annotate, and those the
    catalog has grown a category for, are never used as proposals."""
    from scenegen.training.plan.evaluate import HELD_OUT_SETS, load_eval_set

    items = [it for path in HELD_OUT_SETS for it in load_eval_set(path, rekey=False)]
    if exclude is None:
        exclude = [it["prompt"] for it in items]
    held_out = {k.split(":", 1)[1] for it in items for k in it.get("counts", {}) if k.startswith("generic:")}
    open_vocab = [o for o in OPEN_VOCAB if o[0] not in held_out and catalog.resolve(o[0]) is None]
    excluded = Excluder(exclude)
    rng = np.random.default_rng([seed, 7])  # the corpus stage's own generator
    made, seen = 0, set()
    while made < n:
        text, target = _sample_pair(rng, open_vocab)
        if text in seen or excluded(text):
            continue
        seen.add(text)
        made += 1
        yield text, json.dumps(target, separators=(",", ":"))
