"""Floor things stand on their own: the support and settle checks lean nothing on a wall, so a leaning floor mirror
or ladder shelf resting on its front edge, or a kettlebell on its round belly, failed both in every room that had
one. A sweep of every floor category alone in a room (seed 0, minimal design) found these three and no others; a
sweep of every tabletop category alone on a host found a microwave on two feet in a line and an alarm clock on
pin-thin legs."""

import pytest

from scenegen.pipeline import make
from validators import validate
from validators.config import profile_config


@pytest.mark.parametrize("name, category", [("full-length floor mirror", "floor_mirror"), ("ladder shelf", "ladder_shelf"),
                                            ("kettlebell", "kettlebell")])
def test_it_is_supported_and_stays_put_alone_in_a_room(name, category):
    scene = make(f"a room with only a {name}", seed=1, planner="rules", density="minimal").scene
    (thing,) = [o for o in scene.objects if o.category == category]
    report = validate(scene, only=["support", "stability"], config=profile_config("sceneeval"))
    assert [f.message for f in report.findings if f.status == "fail" and thing.id in f.object_ids] == []


@pytest.mark.parametrize("name, category", [("microwave", "microwave"), ("alarm clock", "alarm_clock")])
def test_it_is_supported_alone_on_a_table(name, category):
    scene = make(f"a room with only a dining table and a {name} on it", seed=0, planner="rules",
                 density="minimal").scene
    (thing,) = [o for o in scene.objects if o.category == category]
    report = validate(scene, only=["support", "stability"], config=profile_config("sceneeval"))
    assert [f.message for f in report.findings if f.status == "fail" and thing.id in f.object_ids] == []


def test_things_on_a_trunk_stay_put():
    """The trunk's lid was a half cylinder: books and an ornament on it tilted 8° in every seed (a held-out dolls'
    house bedroom); the lid is flat now, its long edges rounded."""
    scene = make("a bedroom with only a bed and a trunk with some books, a framed picture and a sculpture on top",
                 seed=0, planner="rules", density="minimal").scene
    on_trunk = {o.id for o in scene.objects if (o.support or "").startswith("trunk")}
    assert len(on_trunk) >= 2
    report = validate(scene, only=["support", "stability"], config=profile_config("sceneeval"))
    assert [f.message for f in report.findings if f.status == "fail" and set(f.object_ids) & on_trunk] == []


@pytest.mark.parametrize("seed", [0, 1])
def test_cookware_on_a_stove_rests_on_a_burner(seed):
    """A kettle or pan set down across a burner's edge rested on the burner alone with its centre of mass outside it
    (4 of 6 stove scenes failed support or settle); a spot counts as level only where the thing's middle third rests
    on the highest part under it."""
    scene = make("a kitchen with only a stove with a cooking pot and a kettle on it", seed=seed, planner="rules",
                 density="minimal").scene
    on_stove = {o.id for o in scene.objects if (o.support or "").startswith("stove")}
    assert len(on_stove) == 2
    report = validate(scene, only=["support", "stability"], config=profile_config("sceneeval"))
    assert [f.message for f in report.findings if f.status == "fail"] == []


def test_nothing_is_set_down_on_a_sloped_top():
    """A drafting table's top slopes: things were set at its box top and slid off (a sweep of every floor host with
    books and a vase on it); now they are unplaced, with the reason, rather than placed to fall."""
    scene = make("a room with only a drafting table with a stack of books on it", seed=0, planner="rules",
                 density="minimal").scene
    assert all(not (o.support or "").startswith("drafting_table") for o in scene.objects)
    assert [u.category for u in scene.unplaced] == ["books"]
