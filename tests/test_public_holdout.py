"""The held-out plan-eval sets ``prompts/eval/public_holdout*.jsonl`` (issue 17) stay well formed: each loads like the
other sets, its keys are today's catalog names or ``generic:`` nouns the catalog does not know, its relations and
attributes name counted objects, every line says where it came from, no prompt repeats another eval set or the
training corpus (``prompts/eval/SOURCES.md``), and ``scenegen eval plan`` scores it while the corpus leaves it out."""

from __future__ import annotations

import json
import re
import typing
from pathlib import Path

import pytest

from scenegen import catalog
from scenegen.scene import ARCHITECTURE_RELATIONS, RelationKind
from scenegen.training.plan.evaluate import (EVAL_SETS, HELD_OUT_SETS, HOLDOUT2_SET, HOLDOUT3_SET, HOLDOUT4_SET,
                                             HOLDOUT5_SET, HOLDOUT6_SET, HOLDOUT7_SET, HOLDOUT8_SET, HOLDOUT9_SET,
                                             HOLDOUT_SET, load_eval_set)

ROOM_PARTS = {"wall", "window", "door", "room", "ceiling"}
MODES = ("(verbatim", "(trimmed", "(adapted", "written for this set")
SETS = [  # (eval-set name, file, id prefix, fewest lines)
    ("holdout", HOLDOUT_SET, "ph", 50),
    ("holdout2", HOLDOUT2_SET, "pk", 70),
    ("holdout3", HOLDOUT3_SET, "pq", 60),
    ("holdout4", HOLDOUT4_SET, "pr", 60),
    ("holdout5", HOLDOUT5_SET, "pt", 60),
    ("holdout6", HOLDOUT6_SET, "ps", 60),
    ("holdout7", HOLDOUT7_SET, "pu", 60),
    ("holdout8", HOLDOUT8_SET, "pv", 60),
    ("holdout9", HOLDOUT9_SET, "pw", 60),
]


@pytest.fixture(scope="module", params=SETS, ids=[s[0] for s in SETS])
def held_out(request) -> tuple[str, Path, str, int, list[dict]]:
    name, path, prefix, fewest = request.param
    return name, path, prefix, fewest, load_eval_set(path, rekey=False)


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _prompts(path: Path) -> set[str]:
    return {_norm(json.loads(ln)["prompt"]) for ln in path.read_text().splitlines() if ln.strip()}


def test_the_set_is_wired_into_eval_and_kept_out_of_training(held_out):
    name, path, _, fewest, items = held_out
    assert path.is_file() and len(items) >= fewest
    assert EVAL_SETS[name] == path and path in HELD_OUT_SETS


def test_ids_are_unique_and_every_line_has_a_source_with_its_mode(held_out):
    _, _, prefix, _, items = held_out
    ids = [it["id"] for it in items]
    assert ids == [f"{prefix}{i:03d}" for i in range(1, len(items) + 1)]
    for it in items:
        assert set(it) == {"id", "prompt", "room", "counts", "attributes", "relations", "source"}, it["id"]
        assert it["prompt"].strip() and it["counts"], it["id"]
        assert any(m in it["source"] for m in MODES), (it["id"], it["source"])


def test_keys_are_catalog_categories_or_unknown_generic_nouns(held_out):
    for it in held_out[4]:
        for key, n in it["counts"].items():
            if key.startswith("generic:"):
                noun = key.split(":", 1)[1]
                assert noun == noun.lower().strip() and "-" not in noun, (it["id"], key)
                assert catalog.resolve(noun) is None, (it["id"], key, "resolves in today's catalog")
            else:
                assert key in catalog.CATALOG, (it["id"], key)
            assert (isinstance(n, int) and n >= 0) or (isinstance(n, list) and len(n) == 2 and 0 < n[0] < n[1]), \
                (it["id"], key, n)


def test_relations_and_attributes_name_counted_objects(held_out):
    kinds = set(typing.get_args(RelationKind))
    for it in held_out[4]:
        present = {k for k, n in it["counts"].items() if n != 0}
        for subject, kind, target in it["relations"]:
            assert kind in kinds, (it["id"], kind)
            assert subject in present, (it["id"], subject)
            if kind in ARCHITECTURE_RELATIONS:
                assert target in ROOM_PARTS, (it["id"], kind, target)
            else:
                assert target in present, (it["id"], kind, target)
        for key, field, value in it["attributes"]:
            assert key in present and field in ("colour", "material", "style", "size") and value, (it["id"], key)


def test_no_prompt_repeats_another_eval_set(held_out):
    _, path, _, _, items = held_out
    mine = [_norm(it["prompt"]) for it in items]
    assert len(set(mine)) == len(mine)
    for other in path.parent.glob("*.jsonl"):
        if other != path:
            theirs = _prompts(other)
            assert theirs and not set(mine) & theirs, other.name


@pytest.fixture(scope="module")
def corpus_index() -> dict[tuple, set[int]]:
    """Word 4-gram -> the corpus descriptions holding it, for the corpus generated without any exclusion (built once
    for all the sets: about a minute)."""
    from scenegen.training.plan.corpus import _ngrams, generate

    index: dict[tuple, set[int]] = {}
    for i, (text, _) in enumerate(generate(20000, seed=0, exclude=[])):
        for g in _ngrams(text):
            index.setdefault(g, set()).add(i)
    return index


def test_no_prompt_shares_half_its_4grams_with_a_corpus_description(held_out, corpus_index):
    """The overlap check of SOURCES.md."""
    from scenegen.training.plan.corpus import _ngrams

    for it in held_out[4]:
        grams = _ngrams(it["prompt"])
        hits: dict[int, int] = {}
        for g in grams:
            for i in corpus_index.get(g, ()):
                hits[i] = hits.get(i, 0) + 1
        assert max(hits.values(), default=0) < 0.5 * len(grams), it["id"]
