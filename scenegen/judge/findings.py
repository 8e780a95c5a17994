"""Findings from a judge's verdict: the checks of the ``vision`` validator (``validators.vision``), kept here so that
evaluation code can use them without registering the validator.

Checks, each finding naming its object and the judge that spoke (``evidence["judge"]``):

* ``category``: the object's render does not read as its stated category (``category_ok`` < ``category_min`` and the
  judge sees something else), e.g. a mesh swapped for another category's;
* ``colour``: its colour does not match the colour the plan asks (``colour_ok`` < ``colour_min``);
* ``hidden``: it cannot be seen from any view although it is in frame (visible fraction < ``hidden_max``), e.g. inside
  another object; an object in frame in no view gets a ``warn`` (``not_in_view``);
* ``visible_count``: per planned category, recognised visible instances against the planned count (``warn`` when
  they differ: the physical cause is reported by the checks above or by ``counts``);
* ``vision_score``: the share of judged objects with no failing check.
"""

from __future__ import annotations

from scenegen.judge.schema import SceneVerdict
from scenegen.scene import Finding, Scene

CATEGORY_MIN = 0.1
"""Below this pooled probability of its stated category (and predicted as another), an object fails ``category``
(``scenegen eval judge``: 0.7 % of clean held-out objects flagged, 69 % of mesh swaps caught)."""
COLOUR_MIN = 0.5
"""Below this ``colour_ok`` an object fails ``colour`` (the bundled judge's 0.5 is a 0.3 RGB distance)."""
HIDDEN_MAX = 0.05
"""An object whose best view shows less than this share of its surface fails ``hidden``."""


def vision_findings(scene: Scene, verdict: SceneVerdict, *, category_min: float = CATEGORY_MIN,
                    colour_min: float = COLOUR_MIN, hidden_max: float = HIDDEN_MAX) -> list[Finding]:
    """Findings from a ``scenegen.judge.SceneVerdict`` at the given thresholds (see the module docstring)."""
    judge = verdict.judge
    findings: list[Finding] = []
    bad: set[str] = set()
    judged = 0

    def emit(check: str, status: str, score: float | None, message: str, oid: str | None, evidence: dict,
             fix: str = "") -> None:
        findings.append(Finding(validator="vision", check=check, status=status,  # type: ignore[arg-type]
                                score=None if score is None else round(float(score), 4), message=message,
                                object_ids=[oid] if oid else [], evidence={"judge": judge, **evidence}, fix=fix))

    for o in verdict.objects:
        if o.visible_fraction is None:
            emit("not_in_view", "warn", None, f"{o.id} is in frame in none of the {verdict.views} judging views, "
                 f"so the {judge} judge could not look at it", o.id, {"views": verdict.views})
            continue
        if o.visible_fraction < hidden_max:
            bad.add(o.id)
            emit("hidden", "fail", o.visible_fraction,
                 f"{o.id} ({o.category.replace('_', ' ')}) cannot be seen from any of the {verdict.views} views: at "
                 f"most {o.visible_fraction:.0%} of it shows; it is inside or behind another object", o.id,
                 {"visible_fraction": o.visible_fraction}, fix=f"move {o.id} out of whatever encloses it")
            continue
        if o.category_ok is None and o.colour_ok is None:
            continue
        judged += 1
        if (o.category_ok is not None and o.category_ok < category_min
                and o.predicted_category not in (None, o.category)):
            bad.add(o.id)
            emit("category", "fail", o.category_ok,
                 f"{o.id} does not look like a {o.category.replace('_', ' ')} to the {judge} judge: it reads as a "
                 f"{o.predicted_category.replace('_', ' ')} ({o.reason})", o.id,
                 {"category": o.category, "predicted": o.predicted_category, "category_ok": o.category_ok},
                 fix=f"rebuild {o.id}'s mesh with the {o.category} generator")
        if o.colour_ok is not None and o.colour_ok < colour_min:
            bad.add(o.id)
            seen = o.predicted_colour
            shown = f"RGB({seen[0]:.2f}, {seen[1]:.2f}, {seen[2]:.2f})" if seen else "another colour"
            emit("colour", "fail", o.colour_ok,
                 f"{o.id} should be {o.colour} but its render reads as {shown} to the {judge} judge", o.id,
                 {"asked": o.colour, "predicted_rgb": list(seen) if seen else None, "colour_ok": o.colour_ok},
                 fix=f"give {o.id} the colour {o.colour}")
    for c in verdict.counts:
        if c.planned == 0:
            continue
        ok = c.visible == c.planned
        emit("visible_count", "pass" if ok else "warn", 1.0 if ok else min(c.visible, c.planned) / c.planned,
             f"{c.category.replace('_', ' ')}: planned {c.planned}, placed {c.placed}, {c.visible} visible and "
             f"recognised by the {judge} judge", None,
             {"category": c.category, "planned": c.planned, "placed": c.placed, "visible": c.visible})
    n = max(judged + len([f for f in findings if f.check == "hidden"]), 1)
    score = 1.0 - len(bad) / n if verdict.objects else 1.0
    emit("vision_score", "fail" if bad else "pass", max(score, 0.0),
         (f"{len(bad)} object(s) fail the {judge} judge's checks: {', '.join(sorted(bad))}" if bad else
          f"the {judge} judge finds all {judged} judged object(s) as planned") + f" ({verdict.seconds:.1f} s)",
         None, {"objects": sorted(bad), "seconds": verdict.seconds})
    return findings
