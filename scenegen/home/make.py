"""make_home(): home prompt -> program -> floor plan -> each room designed, built, solved and validated by the
single-room pipeline's pieces -> home validators -> a 2.0 ``Home``.

Each room is a ``LayoutPlan`` whose room is the floor plan's rectangle (world coordinates, metres) with its doors and
windows as openings, so the solver keeps every door's clearance box free on both sides of the wall (each room sees the
door) and the room's own validators check it. Randomness: the floor plan draws from the ``home/floorplan`` stream;
each room uses its own seed derived from (seed, room id), so adding a room never changes another's furniture.
"""

from __future__ import annotations

import platform
import time
from dataclasses import dataclass, field

from pydantic import Field

from scenegen import __version__
from scenegen.home.floorplan import FloorPlan, RoomSpec, plan_floor
from scenegen.home.model import Door, Home, HomeProgram, HomeRoom
from scenegen.home.program import home_data, hub_type
from scenegen.home.prompt import HomeRequest, read_home
from scenegen.pipeline import DEFAULT_ATTEMPTS, EXIT_INVALID, EXIT_OK, EXIT_UNPLACED, ProgressFn
from scenegen.rng import stage_rng, stage_seed
from scenegen.scene import Finding, LayoutPlan, PlannedObject, Provenance, Report, _Model

ROOM_SEED_BITS = 31
"""Room seeds are ``stage_seed(seed, "room/<id>")`` reduced to this many bits (a plain int in scene.json)."""


class HomeReport(_Model):
    """report.json of a home: home-level findings, each room's own Report, seconds per stage and per room."""

    version: str = "2.0"
    findings: list[Finding] = Field(default_factory=list, description="home-level findings")
    rooms: dict[str, Report] = Field(default_factory=dict, description="room id -> that room's report")
    timings: dict[str, float] = Field(default_factory=dict, description="seconds per stage and per room")

    @property
    def passed(self) -> bool:
        return all(f.status != "fail" for f in self.findings) and all(r.passed for r in self.rooms.values())

    def failures(self) -> list[str]:
        """'room: validator.check: message' of every failed finding, home-level first."""
        out = [f"home: {f.validator}.{f.check}: {f.message}" for f in self.findings if f.status == "fail"]
        for rid, rep in self.rooms.items():
            out += [f"{rid}: {f.validator}.{f.check}: {f.message}" for f in rep.findings if f.status == "fail"]
        return out


@dataclass
class HomeResult:
    request: HomeRequest
    plan: FloorPlan
    home: Home
    report: HomeReport
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        """0 when every room placed everything and every check passed; 3 when objects could not be placed; 4 when a
        check failed."""
        if any(r.scene.unplaced for r in self.home.rooms):
            return EXIT_UNPLACED
        return EXIT_OK if self.report.passed else EXIT_INVALID


def room_specs(request: HomeRequest) -> tuple[list[RoomSpec], str]:
    """The rooms a request asks for (ids ``<type>_<k>``, target areas from programs.toml) and the hub's id."""
    specs = []
    for t, n in request.rooms.items():
        rt = home_data().room_type(t)
        for k in range(n):
            specs.append(RoomSpec(id=f"{t}_{k + 1}", type=t, area=rt.area))
    hub = hub_type([s.type for s in specs])
    return specs, f"{hub}_1"


def make_home(prompt: str, *, seed: int = 0, planner: str = "rules", density: str = "normal",
              attempts: int = DEFAULT_ATTEMPTS, progress: ProgressFn | None = None,
              request: HomeRequest | None = None) -> HomeResult:
    """Make the home ``prompt`` asks for. Raises ``PlanError`` (a prompt with no rooms) or ``FloorPlanError`` (a
    program that does not fit), each one line. ``progress`` is called with "floor plan", then "room k/n: <id>"."""
    step = progress or (lambda _s: None)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    req = request or read_home(prompt)
    if planner != "rules":  # rooms come from the home program and the design stage; no language model is asked
        req.notes.append(f"homes are read by the rules home reader; --planner {planner} is not used for homes")
        planner = "rules"
    specs, hub = room_specs(req)
    step("floor plan")
    fp = _floor_plan(req, specs, hub, seed)
    timings["floorplan"] = time.perf_counter() - t0
    rooms: list[HomeRoom] = []
    reports: dict[str, Report] = {}
    for k, spec in enumerate(fp.specs):
        step(f"room {k + 1}/{len(fp.specs)}: {spec.id}")
        t0 = time.perf_counter()
        room, report = _make_room(fp, spec, req, seed=seed, planner=planner, density=density, attempts=attempts)
        timings[f"room.{spec.id}"] = time.perf_counter() - t0
        rooms.append(room)
        reports[spec.id] = report
    home = _assemble(req, fp, rooms, seed=seed, planner=planner)
    step("home checks")
    t0 = time.perf_counter()
    from scenegen.home.validate import validate_home

    findings = validate_home(home, fp)
    timings["home_checks"] = time.perf_counter() - t0
    report = HomeReport(findings=findings, rooms=reports, timings=timings)
    return HomeResult(req, fp, home, report, timings)


HALLWAY_FROM = 6
"""Rooms from which a home whose rooms do not all fit around its hub gets a hallway added (with a note)."""


def _floor_plan(req: HomeRequest, specs: list[RoomSpec], hub: str, seed: int) -> FloorPlan:
    """The floor plan of ``specs``; when a home of ``HALLWAY_FROM`` rooms or more without a hallway cannot be laid
    out around its hub (twelve bedrooms cannot all open off the living room), once more with a hallway as the hub,
    and a note saying so. Raises ``FloorPlanError`` when that fails too."""
    from scenegen.home.floorplan import FloorPlanError

    def plan(rooms: list[RoomSpec], h: str) -> FloorPlan:
        pairs = _open_pairs(rooms) if req.open_kitchen else frozenset()
        return plan_floor(rooms, h, stage_rng(seed, "home/floorplan"), total_area=req.total_area, open_pairs=pairs,
                          shape=req.shape)

    try:
        return plan(specs, hub)
    except FloorPlanError as first:
        if len(specs) < HALLWAY_FROM or any(s.type == "hallway" for s in specs):
            raise
        try:
            fp = plan([*specs, RoomSpec(id="hallway_1", type="hallway", area=0.0)], "hallway_1")
        except FloorPlanError:
            raise first from None
    fp.notes.append(f"the {len(specs)} rooms do not all fit around {hub}: a hallway was added as the entrance hub")
    return fp


def _open_pairs(specs: list[RoomSpec]) -> frozenset[frozenset[str]]:
    """Kitchen-living and kitchen-dining pairs: an open kitchen opens to them without a door."""
    kitchens = [s.id for s in specs if s.type == "kitchen"]
    others = [s.id for s in specs if s.type in ("living_room", "dining_room")]
    return frozenset(frozenset((k, o)) for k in kitchens for o in others)


def room_prompt(spec: RoomSpec, area: float, req: HomeRequest) -> str:
    """The words the design stage reads for one room: its size (so the program does not resize it), style, type, and
    the home's persona and pet words where the type is themed ("a 19.8 m² living room for a researcher and a cat")."""
    rt = home_data().room_type(spec.type)
    style = f"{req.style} " if req.style else ""
    text = f"a {area:.1f} m² {style}{spec.type.replace('_', ' ')}"
    if rt.themed and req.themes:
        text += " for a " + " and a ".join(req.themes)
    return text


ROOM_TRIES = 3
"""Seeds a room is made with before the home settles for its best try (fewest unplaced, then fewest failures)."""


def _make_room(fp: FloorPlan, spec: RoomSpec, req: HomeRequest, *, seed: int, planner: str, density: str,
               attempts: int) -> tuple[HomeRoom, Report]:
    """Design, build, solve and validate one room of the plan with the single-room pipeline's stages. A room that
    fails is made again from the next of ``ROOM_TRIES`` seeds derived from (seed, room id, try)."""
    best: tuple[tuple[int, int], HomeRoom, Report] | None = None
    for k in range(ROOM_TRIES):
        stream = f"room/{spec.id}" if k == 0 else f"room/{spec.id}/try{k + 1}"
        rseed = stage_seed(seed, stream) >> (63 - ROOM_SEED_BITS)
        room, report = _try_room(fp, spec, req, rseed=rseed, planner=planner, density=density, attempts=attempts)
        rank = (len(room.scene.unplaced), sum(f.status == "fail" for f in report.findings))
        if best is None or rank < best[0]:
            best = (rank, room, report)
        if rank == (0, 0):
            break
    assert best is not None
    return best[1], best[2]


def _try_room(fp: FloorPlan, spec: RoomSpec, req: HomeRequest, *, rseed: int, planner: str, density: str,
              attempts: int) -> tuple[HomeRoom, Report]:
    from scenegen.pipeline import _solve_and_repair, build_assets

    rt = home_data().room_type(spec.type)
    room = fp.room(spec.id)
    objects = [PlannedObject(id=f"{c}_{k + 1}", category=c, description=f"{spec.type} fitting")
               for k, c in enumerate(rt.objects)]
    layout = LayoutPlan(prompt=room_prompt(spec, room.area, req), room=room, objects=objects, planner=planner,
                        program=rt.design, style=req.style, themes=list(req.themes) if rt.themed else [])
    if density != "minimal":
        from scenegen.design import complete

        layout = complete(layout, density, stage_rng(rseed, "design"))  # type: ignore[arg-type]
        layout = layout.model_copy(update={"room": room})  # the floor plan fixes the room; design never resizes it
    refs, sizes = build_assets(layout, seed=rseed)
    timings: dict[str, float] = {}
    scene, report = _solve_and_repair(layout, refs, sizes, seed=rseed, planner=planner, assets="procedural",
                                      validators=None, attempts=attempts, step=lambda _s: None, timings=timings)
    report = report.model_copy(update={"timings": {**timings, **report.timings}})
    name = spec.id.replace("_", " ")
    return HomeRoom(id=spec.id, name=name, type=spec.type, target_area=round(spec.area, 2), scene=scene), report


def _assemble(req: HomeRequest, fp: FloorPlan, rooms: list[HomeRoom], *, seed: int, planner: str) -> Home:
    """The 2.0 Home: the rooms, the plan's doors, the footprint rectangle, notes and provenance."""
    doors = [Door(id=d.id, a=d.a, b=d.b, center=d.center, axis=d.axis, width=d.width,  # type: ignore[arg-type]
                  swing_into=d.swing_into, hinge=d.hinge, open_plan=d.open_plan)  # type: ignore[arg-type]
             for d in fp.doors]
    provenance = Provenance(prompt=req.prompt, seed=seed, planner=planner, assets="procedural",
                            solver="home: row floor plan + group-beam per room",
                            versions={"scenegen": __version__, "python": platform.python_version()})
    notes = [f"rooms read by the home reader (rules): {', '.join(f'{n} {t}' for t, n in req.rooms.items())}",
             *req.notes, *fp.notes]
    return Home(prompt=req.prompt, program=HomeProgram(name=req.program, rooms=[s.type for s in fp.specs], hub=fp.hub),
                footprint=fp.footprint, rooms=rooms, doors=doors,
                entrance=fp.entrance.id, themes=list(req.themes), notes=notes, provenance=provenance)
