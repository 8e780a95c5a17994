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

import numpy as np

from scenegen import catalog

ROOM_TYPES = {"bedroom": ("bedroom", "bed room", "guest room"), "living_room": ("living room", "lounge", "sitting room"),
              "kitchen": ("kitchen",), "dining_room": ("dining room",), "office": ("office", "study", "home office"),
              "bathroom": ("bathroom", "washroom"), "gym": ("gym", "home gym", "workout room")}
OPENERS = ("a {room} with {list}", "{Room}: {list}", "I want a {room} with {list}", "design a {room} containing {list}",
           "{list}, all in a {room}", "my {room} has {list}", "picture a {room} featuring {list}")
NUMBERS = {1: ("a", "one", "a single"), 2: ("two", "a pair of", "2"), 3: ("three", "3"), 4: ("four", "4"),
           5: ("five",), 6: ("six", "6")}
COLOURS = ("red", "blue", "green", "white", "black", "grey", "yellow", "brown", "beige", "pink")
MATERIALS = ("wooden", "oak", "metal", "leather", "glass", "velvet", "walnut")
_MATERIAL_VALUE = {"wooden": "wood"}
SIZES = ("small", "large")
OBJ_REL = {"next_to": ("next to", "beside"), "in_front_of": ("in front of",), "on_top": ("on", "on top of"),
           "across_from": ("across from", "opposite"), "behind": ("behind",)}
ARCH_REL = {"against_wall": ("against the wall", "along the wall"), "corner": ("in the corner",),
            "next_to_window": ("by the window", "near the window"), "middle_of_room": ("in the middle of the room",),
            "next_to_door": ("next to the door",)}


def _plural(word: str) -> str:
    if word.endswith(("s", "sh", "ch", "x")):
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


def _sample_pair(rng: np.random.Generator) -> tuple[str, dict]:
    room = list(ROOM_TYPES)[rng.integers(len(ROOM_TYPES))]
    pool = [n for n in catalog.names() if room in catalog.get(n).rooms] or catalog.names()
    k = int(rng.integers(2, min(6, len(pool)) + 1))
    cats = [pool[i] for i in rng.choice(len(pool), size=k, replace=False)]
    objects, phrases, relations = [], [], []
    for j, cat in enumerate(cats):
        c = catalog.get(cat)
        count = int(rng.choice([1, 1, 1, 2, 2, 3, 4, 6]))
        noun = c.synonyms[rng.integers(len(c.synonyms))] if c.synonyms and rng.random() < 0.5 else cat.replace("_", " ")
        attrs = {"colour": None, "material": None, "style": None, "size": None}
        adj = []
        if rng.random() < 0.3:
            attrs["size"] = SIZES[rng.integers(len(SIZES))]
            adj.append(attrs["size"])
        if rng.random() < 0.35:
            attrs["colour"] = COLOURS[rng.integers(len(COLOURS))]
            adj.append(attrs["colour"])
        if rng.random() < 0.2:
            m = MATERIALS[rng.integers(len(MATERIALS))]
            attrs["material"] = _MATERIAL_VALUE.get(m, m)
            adj.append(m)
        words = NUMBERS[count]
        qty = words[rng.integers(len(words))]
        head = noun if count == 1 else _plural(noun)
        if qty == "a" and (adj[0] if adj else noun)[0] in "aeiou":
            qty = "an"
        phrase = " ".join([qty, *adj, head])
        if rng.random() < 0.45:
            if j > 0 and rng.random() < 0.5:
                kind = list(OBJ_REL)[rng.integers(len(OBJ_REL))]
                if kind == "on_top" and c.support != "object":
                    kind = "next_to"
                target = cats[rng.integers(j)]
                words_ = OBJ_REL[kind]
                phrase += f" {words_[rng.integers(len(words_))]} the {target.replace('_', ' ')}"
                relations.append({"kind": kind, "subject": cat, "target": target})
            elif c.support == "floor":
                kind = list(ARCH_REL)[rng.integers(len(ARCH_REL))]
                words_ = ARCH_REL[kind]
                phrase += " " + words_[rng.integers(len(words_))]
                from scenegen.plan.schema import DEFAULT_ARCH_TARGET

                relations.append({"kind": kind, "subject": cat, "target": DEFAULT_ARCH_TARGET[kind]})
        phrases.append(phrase)
        objects.append({"category": cat, "count": count, "attributes": attrs})
    joined = ", ".join(phrases[:-1]) + (" and " if len(phrases) > 1 else "") + phrases[-1]
    names = ROOM_TYPES[room]
    rname = names[rng.integers(len(names))]
    opener = OPENERS[rng.integers(len(OPENERS))]
    text = opener.format(room=rname, Room=rname.capitalize(), list=joined)
    return text, {"room": {"type": room, "width": None, "depth": None}, "objects": objects, "relations": relations}


def generate(n: int, seed: int = 0, exclude: list[str] | None = None) -> Iterator[tuple[str, str]]:
    """``n`` (description, target JSON) pairs; descriptions that copy ``exclude`` (default: the eval set's prompts)
    are skipped and replaced."""
    if exclude is None:
        from scenegen.plan.evaluate import load_eval_set

        exclude = [it["prompt"] for it in load_eval_set()]
    excluded = Excluder(exclude)
    rng = np.random.default_rng([seed, 7])  # the corpus stage's own generator
    made, seen = 0, set()
    while made < n:
        text, target = _sample_pair(rng)
        if text in seen or excluded(text):
            continue
        seen.add(text)
        made += 1
        yield text, json.dumps(target, separators=(",", ":"))
