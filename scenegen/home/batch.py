"""Homes in ``scenegen batch``: a home prompt in a batch is made by ``make_home`` and written with its home files;
``BatchHome`` gives the batch worker what it reads from a single room's result (exit code, timings, a report
summary) and a ``write`` for the folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scenegen.home.make import HomeReport, HomeResult, make_home

@dataclass
class BatchReport:
    report: HomeReport

    def summary(self) -> dict[str, dict[str, int]]:
        """Per validator (rooms' validators summed over rooms, home checks as ``home``): findings per status."""
        out: dict[str, dict[str, int]] = {}
        findings = [*self.report.findings, *(f for rep in self.report.rooms.values() for f in rep.findings)]
        for f in findings:
            row = out.setdefault(f.validator, {"pass": 0, "fail": 0, "warn": 0, "skip": 0})
            row[f.status] += 1
        return out


@dataclass
class BatchHome:
    result: HomeResult

    @property
    def exit_code(self) -> int:
        return self.result.exit_code

    @property
    def timings(self) -> dict[str, float]:
        return dict(self.result.timings)

    @property
    def report(self) -> BatchReport:
        return BatchReport(self.result.report)

    def write(self, out: str | Path, pictures: bool = True) -> None:
        from scenegen.home.outputs import write_home_outputs

        write_home_outputs(self.result, out, pictures=pictures)


def make_batch_home(prompt: str, *, seed: int, planner: str, attempts: int, density: str = "normal") -> BatchHome:
    """A home made for a batch (``density``: the run's ``--density``; a home at minimal would stand empty)."""
    return BatchHome(make_home(prompt, seed=seed, planner=planner, density=density, attempts=attempts))
