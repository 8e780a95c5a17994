"""``scenegen bench assets``: how long the procedural generators take and how big their meshes are.

Per category: ``seeds`` assets planned and built (``ProceduralBackend.build``, uncached), the build time of each in
milliseconds (wall clock, best of ``repeats`` builds of the same ref, so another process on a shared machine only ever
makes a sample slower) and its face count. Over all categories: median and p95 ms per object, median and max faces.
Then a 40-object room: the first 40 categories (sorted) planned once each, all 40 meshes built in one go, best of
``repeats``; the target is under 1 s (issue 16).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

ROOM_OBJECTS = 40
ROOM_TARGET_S = 1.0


@dataclass
class CategoryRow:
    category: str
    ms_median: float
    ms_max: float
    faces_median: int
    faces_max: int


@dataclass
class AssetBench:
    categories: int
    objects: int
    ms_median: float
    ms_p95: float
    faces_median: int
    faces_max: int
    room_objects: int
    room_s: float
    rows: list[CategoryRow] = field(default_factory=list)

    @property
    def room_ok(self) -> bool:
        return self.room_s < ROOM_TARGET_S


def _best_build_ms(backend: object, ref: object, repeats: int) -> tuple[float, int]:
    best, faces = float("inf"), 0
    for _ in range(repeats):
        t0 = time.perf_counter()
        mesh = backend.build(ref)  # type: ignore[attr-defined]
        best = min(best, (time.perf_counter() - t0) * 1000.0)
        faces = len(mesh.faces)
    return best, faces


def bench_assets(seeds: int = 3, repeats: int = 3, categories: list[str] | None = None) -> AssetBench:
    """Time and size every category's generator (see the module docstring)."""
    from scenegen import catalog
    from scenegen.assets import ASSET_BACKENDS
    from scenegen.rng import stage_rng
    from scenegen.scene import PlannedObject

    backend = ASSET_BACKENDS.get("procedural")
    names = categories or catalog.names()
    rows, all_ms, all_faces = [], [], []
    for name in names:
        ms, faces = [], []
        for seed in range(seeds):
            ref = backend.plan_asset(PlannedObject(id=f"{name}_1", category=name), stage_rng(seed, f"bench/{name}"))
            t, f = _best_build_ms(backend, ref, repeats)
            ms.append(t)
            faces.append(f)
        rows.append(CategoryRow(name, float(np.median(ms)), max(ms), int(np.median(faces)), max(faces)))
        all_ms += ms
        all_faces += faces
    room = [backend.plan_asset(PlannedObject(id=f"{n}_1", category=n), stage_rng(0, f"bench/room/{n}"))
            for n in sorted(names)[:ROOM_OBJECTS]]
    room_s = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        for ref in room:
            backend.build(ref)
        room_s = min(room_s, time.perf_counter() - t0)
    return AssetBench(categories=len(names), objects=len(all_ms), ms_median=float(np.median(all_ms)),
                      ms_p95=float(np.percentile(all_ms, 95)), faces_median=int(np.median(all_faces)),
                      faces_max=max(all_faces), room_objects=len(room), room_s=room_s, rows=rows)
