"""The bundled judge checkpoint (``scenegen/weights/judge.safetensors``): it loads, its card is complete, it is small,
it recognises clean objects on a hand-built scene, and the ``vision`` validator catches a planted mesh swap with it.
Its held-out scores are measured by ``scenegen eval judge``, not here."""

from __future__ import annotations

import json

import pytest

from scenegen.judge.bundled import WEIGHTS
from scenegen.rng import stage_rng
from tests.test_judge import hand_scene, instance
from scenegen.judge.findings import CATEGORY_MIN
from tests.test_judge_validator import vision_validator  # noqa: F401  (fixture)

pytestmark = pytest.mark.skipif(not WEIGHTS.is_file(), reason=f"no bundled judge weights at {WEIGHTS} (train them "
                                                               "with `scenegen train judge`)")


@pytest.fixture(scope="module")
def judge():
    pytest.importorskip("torch")
    from scenegen.judge.bundled import BundledJudge

    return BundledJudge()


@pytest.fixture(scope="module")
def scene():
    return hand_scene([instance("bed_1", "bed", (1.3, 1.7), colour="white"),
                       instance("wardrobe_1", "wardrobe", (3.3, 0.4)),
                       instance("fridge_1", "fridge", (0.5, 0.45)),
                       instance("sofa_1", "sofa", (3.0, 3.0), yaw=3.14159)])


def test_weights_load_with_a_complete_card(judge):
    card = json.loads(WEIGHTS.with_suffix(".json").read_text())
    assert WEIGHTS.stat().st_size <= 30 * 1024 * 1024
    assert card["config"]["categories"] == judge.config.categories and len(judge.config.categories) == 65
    assert card["data"]["categories_covered"] == 65
    held = card["held_out"]
    assert held["objects"] > 100 and 0.0 <= held["object_category_accuracy"] <= 1.0
    assert card["training"]["epochs_done"] >= 1 and "seed" in card["training"]


def test_recognises_clean_objects(judge, scene):
    from scenegen.judge import judge_scene

    verdict = judge_scene(scene, judge)
    assert verdict.judge == "bundled"
    for o in verdict.objects:
        assert o.predicted_category == o.category, o.reason
        assert o.category_ok > 3 * CATEGORY_MIN, o.reason  # well clear of the validator's fail threshold
    bed = verdict.object("bed_1")
    assert bed.colour_ok > 0.5, bed.reason  # asked white, built white


def test_validator_flags_a_mesh_swap(judge, scene, monkeypatch, vision_validator):  # noqa: F811
    from scenegen.training.judge.faults import swap_mesh
    from validators import validate

    swapped, fault = swap_mesh(scene, stage_rng(3, "t"))
    report = validate(swapped, only=["vision"])
    (finding,) = [f for f in report.findings if f.check == "category"]
    assert finding.object_ids == fault.object_ids and finding.status == "fail"
    assert finding.evidence["judge"] == "bundled" and finding.evidence["predicted"] != finding.evidence["category"]
    clean = validate(scene, only=["vision"])
    assert not [f for f in clean.findings if f.status == "fail"]
