"""Assets sized for where the plan puts them: on a host's top, or under a raised host."""

from __future__ import annotations

from scenegen.plan import get_planner
from scenegen.pipeline import build_assets


def _on_top_pairs(layout):  # noqa: ANN001, ANN202
    return [(r.subject, r.target) for r in layout.relations if r.kind == "on_top"]


def test_an_open_vocabulary_object_on_a_narrow_shelf_is_scaled_whole_to_fit_its_top() -> None:
    layout = get_planner("rules")("an office with a wall shelf holding two trophies", 0)
    generics = {o.id for o in layout.objects if o.generic}
    pairs = [(s, t) for s, t in _on_top_pairs(layout) if s in generics]
    assert len(pairs) == 2, layout.relations
    refs, sizes = build_assets(layout, seed=0)
    for subject, host in pairs:
        w, d, h = sizes[subject]
        top_w, top_d = sizes[host][0], sizes[host][1]
        assert min(w, d) <= min(top_w, top_d) and max(w, d) <= max(top_w, top_d)
        # proportions kept: the generic box is a cube before and after
        assert abs(w - h) < 1e-3 and abs(d - h) < 1e-3
        assert w < 0.45  # the generic size is 0.5 m, a shelf is about 0.2 m deep
