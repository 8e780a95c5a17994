"""Piles on a full top stay on the top: never on books standing inside a bookshelf."""

from scenegen.pipeline import make
from validators import validate
from validators.config import profile_config


def test_books_do_not_pile_on_the_books_inside_a_bookshelf():
    """A first version piled the thirtieth book on books standing on the shelf's boards, through the board above."""
    scene = make("a room with only a bookshelf with thirty books on it", seed=0, planner="rules",
                 density="minimal").scene
    report = validate(scene, only=["collision"], config=profile_config("sceneeval"))
    assert [f.message for f in report.findings if f.status == "fail"] == []

