"""``eval homes`` and ``bench home``: the home path measured on the public home prompts and on growing programs.

eval homes, per prompt of ``prompts/eval/homes.jsonl``: whether it is read as a home, whether the rooms read match the
expected counts (an int, or an inclusive [lo, hi] range; a type the prompt did not expect is a mismatch), and, when
made, whether the home is valid (exit code 0: everything placed, every per-room and home check passing) and whether
every room is reachable from the entrance (the ``home.reachable`` check).

bench home: seconds to make homes of growing room counts with the given planner and density, and seconds per room.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

HOMES_SET = Path(__file__).resolve().parents[2] / "prompts" / "eval" / "homes.jsonl"
BENCH_PROGRAMS: dict[int, dict[str, int]] = {
    2: {"living_room": 1, "bedroom": 1},
    3: {"living_room": 1, "bedroom": 1, "bathroom": 1},
    5: {"living_room": 1, "kitchen": 1, "bedroom": 2, "bathroom": 1},
    8: {"living_room": 1, "kitchen": 1, "dining_room": 1, "bedroom": 3, "bathroom": 2},
    10: {"living_room": 1, "kitchen": 1, "dining_room": 1, "bedroom": 3, "bathroom": 2, "office": 1,
         "laundry_room": 1},
    12: {"living_room": 1, "kitchen": 1, "dining_room": 1, "bedroom": 4, "bathroom": 2, "office": 1,
         "laundry_room": 1, "garage": 1},
}
"""Room programs of ``bench home`` by room count."""


@dataclass
class HomeCase:
    prompt: str
    expected: dict[str, int | list[int]]
    read: dict[str, int] = field(default_factory=dict)
    is_home: bool = False
    counts_match: bool = False
    made: bool = False
    valid: bool = False
    reachable: bool = False
    exit_code: int | None = None
    seconds: float = 0.0
    error: str = ""
    failures: list[str] = field(default_factory=list)


def counts_match(read: dict[str, int], expected: dict[str, int | list[int]]) -> bool:
    """Every expected type has its count (or a count in its [lo, hi] range) and no other type was read."""
    for t, want in expected.items():
        got = read.get(t, 0)
        if isinstance(want, list):
            if not want[0] <= got <= want[1]:
                return False
        elif got != want:
            return False
    return set(read) <= set(expected)


def load_set(path: str | Path = HOMES_SET) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def eval_homes(*, path: str | Path = HOMES_SET, make: bool = True, seed: int = 0, planner: str = "rules",
               density: str = "normal", limit: int | None = None, out_dir: str | Path | None = None,
               progress: Callable[[str], None] | None = None) -> list[HomeCase]:
    """One ``HomeCase`` per prompt of the set (the first ``limit``). ``make=False`` reads prompts and lays out floor
    plans only (no furniture): valid then means the floor plan was made and its door checks pass."""
    from scenegen.home.prompt import is_home_prompt, read_home

    cases = []
    for k, row in enumerate(load_set(path)[:limit]):
        if progress:
            progress(f"{k + 1}: {row['prompt'][:60]}")
        case = HomeCase(prompt=row["prompt"], expected=row["rooms"])
        case.is_home = is_home_prompt(row["prompt"])
        t0 = time.perf_counter()
        try:
            req = read_home(row["prompt"])
            case.read = dict(req.rooms)
            case.counts_match = case.is_home and counts_match(case.read, case.expected)
            _make_case(case, req, make=make, seed=seed, planner=planner, density=density,
                       out=Path(out_dir) / f"home_{k:02d}" if out_dir else None)
        except ValueError as exc:  # PlanError, FloorPlanError: the prompt could not be made
            case.error = str(exc).splitlines()[0]
        case.seconds = time.perf_counter() - t0
        cases.append(case)
    return cases


def _make_case(case: HomeCase, req, *, make: bool, seed: int, planner: str, density: str,  # noqa: ANN001
               out: Path | None) -> None:
    from scenegen.home.make import make_home

    if not make:
        from scenegen.home.floorplan import plan_floor
        from scenegen.home.make import _open_pairs, room_specs
        from scenegen.rng import stage_rng

        specs, hub = room_specs(req)
        plan_floor(specs, hub, stage_rng(seed, "home/floorplan"), total_area=req.total_area,
                   open_pairs=_open_pairs(specs) if req.open_kitchen else frozenset())
        case.made = case.valid = case.reachable = True
        return
    result = make_home(req.prompt, seed=seed, planner=planner, density=density, request=req)
    case.made = True
    case.exit_code = result.exit_code
    case.valid = result.exit_code == 0
    case.reachable = all(f.status == "pass" for f in result.report.findings if f.check == "reachable")
    case.failures = result.report.failures()[:5]
    if out is not None:
        from scenegen.home.outputs import write_home_outputs

        write_home_outputs(result, out, pictures=False)


def eval_summary(cases: list[HomeCase]) -> dict[str, float]:
    n = max(len(cases), 1)
    return {"prompts": len(cases), "read_as_home": sum(c.is_home for c in cases) / n,
            "counts_match": sum(c.counts_match for c in cases) / n, "made": sum(c.made for c in cases) / n,
            "valid": sum(c.valid for c in cases) / n, "all_rooms_reachable": sum(c.reachable for c in cases) / n,
            "seconds_mean": sum(c.seconds for c in cases) / n}


def cases_json(cases: list[HomeCase]) -> list[dict]:
    return [asdict(c) for c in cases]


@dataclass
class BenchRow:
    rooms: int
    seconds: float
    per_room: dict[str, float]
    exit_code: int
    objects: int

    @property
    def seconds_per_room(self) -> float:
        return self.seconds / self.rooms


def bench_home(sizes: list[int], *, seed: int = 0, planner: str = "rules", density: str = "normal",
               progress: Callable[[str], None] | None = None) -> list[BenchRow]:
    """Seconds to make a home of each size in ``sizes`` (``BENCH_PROGRAMS``): floor plan, every room designed,
    built, solved and validated, and the home checks (no files written)."""
    from scenegen.home.make import make_home
    from scenegen.home.prompt import HomeRequest

    rows = []
    for n in sizes:
        if n not in BENCH_PROGRAMS:
            raise ValueError(f"bench home has programs of {', '.join(map(str, BENCH_PROGRAMS))} rooms, not {n}")
        req = HomeRequest(prompt=f"a home of {n} rooms", rooms=dict(BENCH_PROGRAMS[n]), program=f"bench_{n}")
        if progress:
            progress(f"{n} rooms")
        t0 = time.perf_counter()
        result = make_home(req.prompt, seed=seed, planner=planner, density=density, request=req)
        total = time.perf_counter() - t0
        per_room = {k.removeprefix("room."): v for k, v in result.timings.items() if k.startswith("room.")}
        rows.append(BenchRow(rooms=n, seconds=total, per_room=per_room, exit_code=result.exit_code,
                             objects=sum(len(r.scene.objects) for r in result.home.rooms)))
    return rows


def growth_exponent(rows: list[BenchRow]) -> float | None:
    """k in seconds ∝ rooms^k, from the smallest and largest home measured (1: linear in rooms)."""
    if len(rows) < 2 or rows[0].rooms == rows[-1].rooms:
        return None
    return math.log(rows[-1].seconds / rows[0].seconds) / math.log(rows[-1].rooms / rows[0].rooms)


HOME_FAULT_CHECKS = {"doorless": ("doors", "reachable"), "block_door": ("reachable", "door_swing")}
"""The home checks each planted home fault must fail (``scenegen.home.mutate``)."""


@dataclass
class HomeFaultRow:
    check: str
    faults: list[str]
    planted: int = 0
    detected: int = 0
    clean_homes: int = 0
    clean_fails: int = 0


def eval_home_faults(homes: int, *, seed: int = 0, density: str = "minimal", path: str | Path = HOMES_SET,
                     progress: Callable[[str], None] | None = None) -> list[HomeFaultRow]:
    """Make the first ``homes`` homes of the set, count each home check's fails on them (clean fail rate), plant
    every home fault in each and count whether the checks that must catch it fail naming the planted room or door
    (detection rate)."""
    from scenegen.home.make import make_home
    from scenegen.home.mutate import HOME_FAULTS, plant_home_fault
    from scenegen.home.validate import validate_home
    from scenegen.rng import stage_rng

    checks = sorted({c for cs in HOME_FAULT_CHECKS.values() for c in cs} | {"windows", "program"})
    rows = {c: HomeFaultRow(check=c, faults=[k for k, cs in HOME_FAULT_CHECKS.items() if c in cs]) for c in checks}
    for k, row in enumerate(load_set(path)[:homes]):
        if progress:
            progress(f"home {k + 1}/{homes}: {row['prompt'][:50]}")
        home = make_home(row["prompt"], seed=seed, planner="rules", density=density).home
        failed = {f.check for f in validate_home(home) if f.status == "fail"}
        for c in rows.values():
            c.clean_fails += c.check in failed
        for kind in HOME_FAULTS:
            mutated, ids = plant_home_fault(home, kind, stage_rng(seed, f"mutate/home{k}/{kind}"))
            findings = validate_home(mutated)
            for check in HOME_FAULT_CHECKS[kind]:
                rows[check].planted += 1
                rows[check].detected += any(f.check == check and f.status == "fail" and
                                            (set(ids) & set(f.object_ids) or any(i in f.message for i in ids))
                                            for f in findings)
    for c in rows.values():
        c.clean_homes = homes
    return list(rows.values())
