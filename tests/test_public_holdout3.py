"""The third held-out plan-eval set ``prompts/eval/public_holdout3.jsonl`` stays well formed: it loads like the other
sets, its keys are today's catalog names or ``generic:`` nouns the catalog does not know, its relations and attributes
name counted objects, every line says where it came from, and no prompt repeats another eval set (the first two
held-out sets included) or the training corpus (``prompts/eval/SOURCES.md``). The lead engineer wires it into
``scenegen eval plan`` after merging."""

from __future__ import annotations

import json
import re
import typing
from pathlib import Path

import pytest

from scenegen import catalog
from scenegen.scene import ARCHITECTURE_RELATIONS, RelationKind
from scenegen.training.plan.evaluate import load_eval_set

HOLDOUT3_SET = Path(__file__).resolve().parent.parent / "prompts" / "eval" / "public_holdout3.jsonl"
ROOM_PARTS = {"wall", "window", "door", "room", "ceiling"}
MODES = ("(verbatim", "(trimmed", "(adapted", "written for this set")


@pytest.fixture(scope="module")
def items():
    return load_eval_set(HOLDOUT3_SET, rekey=False)


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def test_the_set_exists_and_is_big_enough(items):
    assert HOLDOUT3_SET.is_file() and len(items) >= 60


def test_ids_are_unique_and_every_line_has_a_source_with_its_mode(items):
    ids = [it["id"] for it in items]
    assert ids == [f"pq{i:03d}" for i in range(1, len(items) + 1)]
    for it in items:
        assert set(it) == {"id", "prompt", "room", "counts", "attributes", "relations", "source"}, it["id"]
        assert it["prompt"].strip() and it["counts"], it["id"]
        assert any(m in it["source"] for m in MODES), (it["id"], it["source"])


def test_keys_are_catalog_categories_or_unknown_generic_nouns(items):
    for it in items:
        for key, n in it["counts"].items():
            if key.startswith("generic:"):
                noun = key.split(":", 1)[1]
                assert noun == noun.lower().strip() and "-" not in noun, (it["id"], key)
                assert catalog.resolve(noun) is None, (it["id"], key, "resolves in today's catalog")
            else:
                assert key in catalog.CATALOG, (it["id"], key)
            assert (isinstance(n, int) and n >= 0) or (isinstance(n, list) and len(n) == 2 and 0 < n[0] < n[1]), \
                (it["id"], key, n)


def test_relations_and_attributes_name_counted_objects(items):
    kinds = set(typing.get_args(RelationKind))
    for it in items:
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


def test_no_prompt_repeats_another_eval_set(items):
    earlier = [HOLDOUT3_SET.with_name("public_holdout.jsonl"), HOLDOUT3_SET.with_name("public_holdout2.jsonl")]
    others = set()
    for path in HOLDOUT3_SET.parent.glob("*.jsonl"):
        if path != HOLDOUT3_SET:
            others |= {_norm(json.loads(ln)["prompt"]) for ln in path.read_text().splitlines() if ln.strip()}
    mine = [_norm(it["prompt"]) for it in items]
    assert len(set(mine)) == len(mine)
    assert not set(mine) & others
    for path in earlier:
        theirs = {_norm(json.loads(ln)["prompt"]) for ln in path.read_text().splitlines() if ln.strip()}
        assert theirs and not set(mine) & theirs, path.name


def test_no_prompt_shares_half_its_4grams_with_a_corpus_description(items):
    """The overlap check of SOURCES.md, against the corpus generated without any exclusion."""
    from scenegen.training.plan.corpus import _ngrams, generate

    index: dict[tuple, set[int]] = {}
    for i, (text, _) in enumerate(generate(20000, seed=0, exclude=[])):
        for g in _ngrams(text):
            index.setdefault(g, set()).add(i)
    for it in items:
        grams = _ngrams(it["prompt"])
        hits: dict[int, int] = {}
        for g in grams:
            for i in index.get(g, ()):
                hits[i] = hits.get(i, 0) + 1
        assert max(hits.values(), default=0) < 0.5 * len(grams), it["id"]


def test_the_set_is_wired_into_eval_and_kept_out_of_training():
    from scenegen.training.plan.evaluate import EVAL_SETS, HELD_OUT_SETS, HOLDOUT3_SET

    assert EVAL_SETS["holdout3"] == HOLDOUT3_SET and HOLDOUT3_SET in HELD_OUT_SETS
