"""One row per validator: its overall status, its summary score and its first failure.

Convention (see ``validators/physical.py`` and ``validators/semantic.py``): each validator emits one *summary* finding
whose score is the validator's headline number (``collision_rate``, ``support_rate``, ``object_counts``, ...), next to
per-object findings. ``summary_finding`` finds it without a hard-coded list, so a new validator's score shows up too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from scenegen.scene import Finding, Report

_SUMMARY_SUFFIXES = ("_rate", "_score")
_STATUS_ORDER = {"fail": 0, "warn": 1, "pass": 2, "skip": 3}
"""Order of rows and findings: failures first."""


@dataclass(frozen=True)
class ValidatorSummary:
    """A validator's row: ``status`` is fail if any finding fails, else warn if any warns, else pass (skip when every
    finding was skipped); ``score`` is the summary finding's, in [0, 1], or None."""

    validator: str
    status: str
    score: float | None
    summary: Finding | None
    fails: list[Finding] = field(default_factory=list)
    warns: list[Finding] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def summary_finding(validator: str, findings: list[Finding]) -> Finding | None:
    """The validator's summary finding among its ``findings``, or None when none can be told apart.

    In order of preference: a check named ``*_rate`` or ``*_score``; a check named after the validator and emitted
    once (``navigability``, ``counts`` -> ``object_counts``, ``room_type``); the last scored finding whose check name
    occurs only once (the summary is emitted once, after the per-object findings). Only scored findings count.
    """
    own = [f for f in findings if f.validator == validator]
    scored = [f for f in own if f.score is not None]
    counts: dict[str, int] = {}
    for f in own:
        counts[f.check] = counts.get(f.check, 0) + 1
    stem = validator.rstrip("s")
    by_suffix = [f for f in scored if f.check.endswith(_SUMMARY_SUFFIXES)]
    named = [f for f in scored if f.check.rstrip("s") == stem or f.check.endswith("_" + validator)]
    if by_suffix:
        once = [f for f in by_suffix if counts[f.check] == 1]
        return (once or by_suffix)[-1]
    for group in (named, scored):
        once = [f for f in group if counts[f.check] == 1]
        if once:
            return once[-1]
    return None


def summarize(report: Report) -> list[ValidatorSummary]:
    """One ``ValidatorSummary`` per validator in ``report``, failing ones first, then warnings, then passes (by name
    within each group). Findings inside each row are ordered the same way."""
    by_validator: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_validator.setdefault(f.validator, []).append(f)
    rows = [_row(name, findings) for name, findings in by_validator.items()]
    return sorted(rows, key=lambda r: (_STATUS_ORDER[r.status], r.validator))


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Failures first, then warnings, passes, skips; stable within each status."""
    return sorted(findings, key=lambda f: _STATUS_ORDER[f.status])


def _row(name: str, findings: list[Finding]) -> ValidatorSummary:
    fails = [f for f in findings if f.status == "fail"]
    warns = [f for f in findings if f.status == "warn"]
    if fails:
        status = "fail"
    elif warns:
        status = "warn"
    elif findings and all(f.status == "skip" for f in findings):
        status = "skip"
    else:
        status = "pass"
    summary = summary_finding(name, findings)
    return ValidatorSummary(validator=name, status=status, score=summary.score if summary else None,
                            summary=summary, fails=fails, warns=warns, findings=sort_findings(findings))
