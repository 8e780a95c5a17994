"""Open vocabulary and the compact plan format: a planner's proposal for an object outside the catalog (size, support,
shape) reaches the asset stage, the solver and the validators; the grammar and the fine-tuning corpus agree with it."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from scenegen import catalog
from scenegen.plan.constrain import nullable, plan_grammar, step
from scenegen.training.plan.corpus import OPEN_VOCAB, generate
from scenegen.plan.schema import parse_reply, to_layout_plan
from scenegen.scene import GenericProposal, LayoutPlan, PlannedObject, Relation, Room

REPLY = ('{"room":{"type":"kitchen"},"objects":[{"category":"stove","count":1},'
         '{"category":"bread maker","count":1,"size":[1.5,1.2,1.1],"support":"floor","shape":"box"},'
         '{"category":"notice board","count":1,"size":[1.0,0.03,0.7],"support":"wall","shape":"box"}],'
         '"relations":[{"kind":"next_to","subject":"bread maker","target":"stove"}]}')


def test_a_proposal_becomes_a_sized_generic_object_and_a_note():
    plan = to_layout_plan(parse_reply(REPLY), "a kitchen with a stove, a bread maker and a notice board", "test")
    maker = next(o for o in plan.objects if o.description == "bread maker")
    assert maker.generic and maker.category == "generic"
    assert maker.proposal == GenericProposal(size=(1.5, 1.2, 1.1), support="floor", shape="box")
    assert any("bread maker" in n and "1.50×1.20×1.10 m" in n for n in plan.notes)
    assert [(r.kind, r.subject, r.target) for r in plan.relations] == [("next_to", maker.id, "stove_1")]


def test_an_implausible_proposal_is_dropped_for_the_default_box():
    reply = REPLY.replace("[1.5,1.2,1.1]", "[0,1.2,99]")
    plan = to_layout_plan(parse_reply(reply), "x", "test")
    maker = next(o for o in plan.objects if o.description == "bread maker")
    assert maker.generic and maker.proposal is None
    assert any("'bread maker' is not in the catalog; it is placed as a generic object" == n for n in plan.notes)


def test_proposals_are_built_placed_and_validated_at_their_size(monkeypatch):
    import scenegen.plan as plan_module
    from scenegen.pipeline import make

    room = Room.rectangle(4.0, 3.5, type="kitchen")
    objs = [PlannedObject(id="stove_1", category="stove", description="stove"),
            PlannedObject(id="generic_1", category="generic", description="bread maker", generic=True,
                          proposal=GenericProposal(size=(1.5, 1.2, 1.1))),
            PlannedObject(id="generic_2", category="generic", description="notice board", generic=True,
                          proposal=GenericProposal(size=(1.0, 0.03, 0.7), support="wall")),
            PlannedObject(id="generic_3", category="generic", description="disco ball", generic=True,
                          proposal=GenericProposal(size=(0.4, 0.4, 0.4), support="ceiling", shape="sphere"))]
    fixed = LayoutPlan(prompt="p", room=room, objects=objs,
                       relations=[Relation(kind="next_to", subject="generic_1", target="stove_1")])
    monkeypatch.setattr(plan_module, "plan", lambda prompt, planner="rules", seed=0, **_: fixed)
    result = make("p", seed=0)
    by_id = {o.id: o for o in result.scene.objects}
    assert not result.scene.unplaced
    assert by_id["generic_1"].size == pytest.approx((1.5, 1.2, 1.1), abs=1e-6)
    assert by_id["generic_1"].support is None and by_id["generic_1"].bbox[0][2] == pytest.approx(0.0, abs=1e-6)
    assert by_id["generic_2"].support == "wall" and by_id["generic_2"].bbox[0][2] > 0.8
    ball = by_id["generic_3"]
    assert ball.support == "ceiling" and ball.bbox[1][2] == pytest.approx(room.height, abs=0.02)
    failed = {f.validator for f in result.report.findings if f.status == "fail"}
    assert not failed & {"collision", "support", "out_of_bounds", "counts"}, failed


@pytest.mark.parametrize("shape,volume_fraction", [("box", 1.0), ("cylinder", math.pi / 4), ("sphere", math.pi / 6)])
def test_coarse_shapes_fill_their_box(shape, volume_fraction):
    from scenegen.assets import ASSET_BACKENDS

    box = ASSET_BACKENDS.get("box")
    obj = PlannedObject(id="generic_1", category="generic", description="thing", generic=True,
                        proposal=GenericProposal(size=(0.6, 0.4, 0.9), shape=shape))
    mesh = box.build(box.plan_asset(obj, np.random.default_rng(0)))
    assert mesh.is_watertight
    assert mesh.bounds.ravel().tolist() == pytest.approx([-0.3, -0.2, 0.0, 0.3, 0.2, 0.9], abs=1e-9)
    assert mesh.volume == pytest.approx(volume_fraction * 0.6 * 0.4 * 0.9, rel=0.06)


def test_the_hybrid_keeps_the_models_proposal_for_a_noun_the_text_names():
    from scenegen.plan.crosscheck import cross_check
    from scenegen.plan.rules import plan_rules

    prompt = "a kitchen with a stove and a bread maker"
    rules = plan_rules(prompt)
    assert any(o.generic and o.proposal is None for o in rules.objects)
    model = to_layout_plan(parse_reply(REPLY), prompt, "test", fallback_room=rules.room)
    merged = cross_check(model, rules)
    maker = [o for o in merged.objects if o.description == "bread maker"]
    assert len(maker) == 1 and maker[0].proposal is not None and maker[0].proposal.size == (1.5, 1.2, 1.1)


def test_the_grammar_accepts_every_corpus_target_and_rejects_near_misses():
    g = plan_grammar()
    for _, target in generate(300, seed=3):
        assert nullable(step(g, target)), target
    base = '{"room":{"type":"bedroom"},"objects":[{"category":"bed","count":1%s}],"relations":[]}'
    assert nullable(step(g, base % ""))
    assert nullable(step(g, base % ',"attributes":{"colour":"red","size":"queen"}'))
    for bad in (',"attributes":{}',  # empty attributes are written as no attributes
                ',"attributes":{"size":"queen","colour":"red"}',  # keys out of order
                ',"size":[1,2],"support":"floor","shape":"box"',  # two numbers
                ',"size":[1,2,3],"support":"roof","shape":"box"'):  # unknown support
        assert not nullable(step(g, base % bad)), bad


def test_the_corpus_is_consistent_and_keeps_the_eval_sets_nouns_out():
    from scenegen.training.plan.evaluate import HELD_OUT_SETS, load_eval_set

    items = [it for path in HELD_OUT_SETS for it in load_eval_set(path, rekey=False)]
    eval_generic = {k.split(":", 1)[1] for it in items for k in it.get("counts", {}) if k.startswith("generic:")}
    eval_prompts = {it["prompt"].lower() for it in items}
    vocab = {o[0] for o in OPEN_VOCAB}
    assert vocab & eval_generic, "the test needs an open-vocabulary noun shared with the eval set"
    open_seen = set()
    each = 0
    for text, target in generate(1500, seed=0):
        assert text.lower() not in eval_prompts
        plan = json.loads(target)
        names = {o["category"] for o in plan["objects"]}
        for o in plan["objects"]:
            if "size" in o:
                open_seen.add(o["category"])
                assert o["category"] in vocab and o["support"] in ("floor", "object", "wall", "ceiling")
        for r in plan["relations"]:
            assert r["subject"] in names
            assert r["target"] in names or r["target"] in ("wall", "window", "door", "room", "ceiling")
        if " on each " in text:
            each += 1
            counts = {o["category"]: o["count"] for o in plan["objects"]}
            on_top = [r for r in plan["relations"] if r["kind"] == "on_top"]  # "on each" is one of them
            assert any(counts[r["subject"]] >= counts[r["target"]] for r in on_top), text
    assert not open_seen & eval_generic
    assert not {n for n in open_seen if catalog.resolve(n) is not None}  # the catalog's nouns are never proposals
    assert len(open_seen) >= 15 and each >= 10
