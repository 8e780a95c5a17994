"""A leaning floor mirror stands on its own feet: the support and settle checks lean nothing on a wall, so a frame
resting on its front edge alone failed both in every bedroom that asked for one."""

from scenegen.pipeline import make
from validators import validate
from validators.config import profile_config


def test_a_full_length_mirror_is_supported_and_stays_put():
    scene = make("a bedroom with a bed and a full-length floor mirror", seed=1, planner="rules").scene
    (mirror,) = [o for o in scene.objects if o.category == "floor_mirror"]
    report = validate(scene, only=["support", "stability"], config=profile_config("sceneeval"))
    failed = [f.message for f in report.findings if f.status == "fail" and mirror.id in f.object_ids]
    assert failed == []
