"""The ``vision`` validator: findings from verdicts at its thresholds, a hidden object caught through ``validate``
with a tiny judge checkpoint built from config, and a one-line skip when the weights are absent."""

from __future__ import annotations

import pytest

from scenegen.options import JudgeOptions

from scenegen.judge.findings import vision_findings
from scenegen.judge.schema import CategoryCount, ObjectVerdict, SceneVerdict
from scenegen.rng import stage_rng
from tests.test_judge import hand_scene, instance
from validators import validate


@pytest.fixture
def vision_validator():
    """Register ``vision`` for one test only: importing ``validators.vision`` registers it for the whole process, and
    an un-named validate() elsewhere in the session would then run it too (it is opt-in)."""
    from validators.registry import VALIDATORS

    VALIDATORS.names()  # load the builtin modules first
    builtin = "validators.vision" in VALIDATORS._builtin_modules
    import validators.vision as module

    VALIDATORS._items["vision"] = module.vision
    yield module.vision
    if not builtin:
        VALIDATORS._items.pop("vision", None)


@pytest.fixture(scope="module")
def scene():
    return hand_scene([instance("bed_1", "bed", (1.2, 1.6), colour="red"),
                       instance("wardrobe_1", "wardrobe", (3.3, 0.5)),
                       instance("plant_1", "plant", (3.4, 3.0))])


def verdict(**changes: dict) -> SceneVerdict:
    base = {"bed_1": dict(category="bed", colour="red", predicted_category="bed", category_ok=0.9, colour_ok=0.9,
                          visible_fraction=1.0),
            "wardrobe_1": dict(category="wardrobe", predicted_category="wardrobe", category_ok=0.8,
                               visible_fraction=1.0),
            "plant_1": dict(category="plant", predicted_category="plant", category_ok=0.7, visible_fraction=0.9)}
    objects = [ObjectVerdict(id=k, **{**v, **changes.get(k, {})}) for k, v in base.items()]
    counts = [CategoryCount(category=c, planned=1, placed=1, visible=1) for c in ("bed", "plant", "wardrobe")]
    return SceneVerdict(judge="bundled", objects=objects, counts=counts, views=4)


def fails(findings) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in findings:
        if f.status == "fail" and f.check != "vision_score":
            out.setdefault(f.check, []).extend(f.object_ids)
    return out


def test_clean_verdict_passes_and_names_the_judge(scene):
    findings = vision_findings(scene, verdict())
    assert not fails(findings)
    summary = [f for f in findings if f.check == "vision_score"]
    assert len(summary) == 1 and summary[0].status == "pass" and summary[0].score == 1.0
    assert all(f.evidence["judge"] == "bundled" for f in findings)


def test_each_kind_of_fault_is_reported_on_its_object(scene):
    v = verdict(bed_1={"colour_ok": 0.1, "predicted_colour": (0.1, 0.5, 0.3)},
                wardrobe_1={"category_ok": 0.01, "predicted_category": "fridge"},
                plant_1={"visible_fraction": 0.0})
    findings = vision_findings(scene, v)
    assert fails(findings) == {"colour": ["bed_1"], "category": ["wardrobe_1"], "hidden": ["plant_1"]}
    category = next(f for f in findings if f.check == "category")
    assert "reads as a fridge" in category.message and category.evidence["predicted"] == "fridge"
    summary = next(f for f in findings if f.check == "vision_score")
    assert summary.status == "fail" and summary.score == 0.0
    # a low score for a category the judge still predicts is not a swap; a confident other guess above the
    # threshold is not flagged either
    assert not fails(vision_findings(scene, verdict(wardrobe_1={"category_ok": 0.01})))
    assert not fails(vision_findings(scene, verdict(wardrobe_1={"category_ok": 0.3, "predicted_category": "fridge"})))


def test_not_in_view_is_a_warning_and_counts_are_compared(scene):
    v = verdict(plant_1={"visible_fraction": None})
    v = v.model_copy(update={"counts": [CategoryCount(category="plant", planned=2, placed=1, visible=0)]})
    findings = vision_findings(scene, v)
    assert [(f.check, f.status) for f in findings if f.check in ("not_in_view", "visible_count")] == [
        ("not_in_view", "warn"), ("visible_count", "warn")]
    count = next(f for f in findings if f.check == "visible_count")
    assert count.evidence == {"judge": "bundled", "category": "plant", "planned": 2, "placed": 1, "visible": 0}


@pytest.fixture
def tiny_weights(tmp_path, monkeypatch, vision_validator):
    torch = pytest.importorskip("torch")
    from scenegen.judge.model import build_model, save_checkpoint, tiny_config

    torch.manual_seed(0)
    config = tiny_config()
    path = tmp_path / "tiny.safetensors"
    save_checkpoint(build_model(config), config, path, {"note": "tiny, random"})
    return JudgeOptions(name="bundled", path=str(path))


def test_validate_catches_an_object_hidden_inside_another(scene, tiny_weights):
    from scenegen.training.judge.faults import plant

    hidden, fault = plant(scene, "hide_inside", stage_rng(0, "t"))
    report = validate(hidden, only=["vision"], judge=tiny_weights)
    assert fault.caught_by(report)
    (finding,) = [f for f in report.findings if f.check == "hidden"]
    assert finding.object_ids == ["plant_1"] and finding.evidence["judge"] == "bundled"
    assert finding.evidence["visible_fraction"] == 0.0
    clean = validate(scene, only=["vision"], judge=tiny_weights)
    assert not [f for f in clean.findings if f.check == "hidden"]


def test_absent_weights_give_a_skip_not_a_crash(scene, tmp_path, monkeypatch, vision_validator):
    monkeypatch.setenv("SCENEGEN_JUDGE_PATH", str(tmp_path / "elsewhere.safetensors"))  # the library reads no env
    report = validate(scene, only=["vision"], judge=JudgeOptions(path=str(tmp_path / "absent.safetensors")))
    (finding,) = report.findings
    assert finding.status == "skip" and "scenegen train judge" in finding.message


def test_thresholds_are_validator_params(scene, tiny_weights):
    with pytest.raises(ValueError, match="vision has no parameter 'colour_max'"):
        validate(scene, only=["vision"], config={"vision": {"colour_max": 0.5}}, judge=tiny_weights)
    # everything counts hidden
    report = validate(scene, only=["vision"], config={"vision": {"hidden_max": 1.01}}, judge=tiny_weights)
    assert {oid for f in report.findings if f.check == "hidden" for oid in f.object_ids} == {
        "bed_1", "wardrobe_1", "plant_1"}
