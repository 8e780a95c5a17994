"""The inside of a container, read from its mesh: the levels a thing can rest on inside it (a basket's floor, a
bookshelf's boards, the bottom panel behind a wardrobe's doors) and the free height above each.

Rays are cast straight down through the asset at a grid of cells (local frame) and every surface each one crosses is
kept, with whether it faces up. A cell can hold a thing of height h at level L when an upward surface lies at L (and
nothing solid rests on it there: the bottom of a built-in row of books) and no surface lies between L and L + h.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from scenegen.geometry import vertical_hits
from scenegen.scene import AssetRef

CELL = 0.02
"""metres between the cells rays are cast at"""
TOL = 0.005
"""metres: surfaces this close to a level are at it"""
STEP = 0.02
"""metres between the candidate centres tried on a level"""


@dataclass(frozen=True)
class Cavity:
    """Every surface under each cell of an asset, local frame, metres. ``xs`` (X,), ``ys`` (Y,) cell centres; ``z``
    (Y, X, K) heights ascending, ``nan``-padded; ``up`` (Y, X, K) whether each surface faces up; ``top`` the box top."""

    xs: np.ndarray
    ys: np.ndarray
    z: np.ndarray
    up: np.ndarray
    top: float

    def levels(self) -> list[float]:
        """Heights (metres above the base, ascending) of the upward surfaces below the top: where things rest inside."""
        zs = np.round(self.z[self.up & np.isfinite(self.z)] / TOL) * TOL
        return [float(v) for v in np.unique(zs) if v < self.top - 2 * TOL]

    def free(self, level: float, height: float) -> np.ndarray:
        """(Y, X) bool: cells where a thing ``height`` metres tall can rest at ``level`` (see the module docstring)."""
        at = np.abs(self.z - level) <= TOL
        floor = (at & self.up).any(axis=2) & ~(at & ~self.up).any(axis=2)
        between = ((self.z > level + TOL) & (self.z < level + height + TOL)).any(axis=2)
        return floor & ~between

    def spots(self, level: float, fw: float, fd: float, height: float) -> tuple[np.ndarray, np.ndarray]:
        """Local centres (lx (N,), ly (N,) metres, ``STEP`` apart) where an ``fw`` × ``fd`` footprint ``height`` metres
        tall rests at ``level`` over free cells only, counting the cells within one ``CELL`` of the footprint so that
        it keeps clear of walls thinner than a cell."""
        free = self.free(level, height)
        x0, x1 = self.xs[0] - CELL / 2 + fw / 2, self.xs[-1] + CELL / 2 - fw / 2
        y0, y1 = self.ys[0] - CELL / 2 + fd / 2, self.ys[-1] + CELL / 2 - fd / 2
        if not free.any() or x1 < x0 or y1 < y0:
            return np.zeros(0), np.zeros(0)
        gx, gy = np.meshgrid(np.arange(x0, x1 + 1e-9, STEP), np.arange(y0, y1 + 1e-9, STEP))
        gx, gy = gx.ravel(), gy.ravel()
        bad = np.pad(np.cumsum(np.cumsum(~free, axis=0), axis=1), ((1, 0), (1, 0)))  # integral image, unusable cells
        i0 = np.searchsorted(self.xs, gx - fw / 2 - CELL)
        i1 = np.searchsorted(self.xs, gx + fw / 2 + CELL, side="right")
        j0 = np.searchsorted(self.ys, gy - fd / 2 - CELL)
        j1 = np.searchsorted(self.ys, gy + fd / 2 + CELL, side="right")
        ok = bad[j1, i1] - bad[j0, i1] - bad[j1, i0] + bad[j0, i0] == 0
        return gx[ok], gy[ok]

    def fits(self, w: float, d: float, h: float) -> bool:
        """Whether a ``w`` × ``d`` × ``h`` box (metres) rests somewhere inside, as it comes or turned a quarter."""
        return any(len(self.spots(level, fw, fd, h)[0]) for level in self.levels() for fw, fd in ((w, d), (d, w)))

    def describe(self) -> str:
        """The largest inside in words: its floor's extent and the free height over it ("0.34×0.25 m inside, open
        above")."""
        best, area = "", 0.0
        for level in self.levels():
            floor = self.free(level, 0.0)
            if not floor.any():
                continue
            cols, rows = np.flatnonzero(floor.any(axis=0)), np.flatnonzero(floor.any(axis=1))
            fw, fd = (cols[-1] - cols[0] + 1) * CELL, (rows[-1] - rows[0] + 1) * CELL
            if fw * fd > area:
                clear = float(self.clear_above(level)[floor].max())  # over its middle; walls stand at its edge
                area, best = fw * fd, f"{fw:.2f}×{fd:.2f} m inside, " + (
                    "open above" if not math.isfinite(clear) else f"{clear:.2f} m high")
        return best or "nothing can rest inside it"

    def headroom(self, level: float, lx: float, ly: float, fw: float, fd: float) -> float:
        """Metres free above ``level`` over the ``fw`` × ``fd`` footprint centred at local (lx, ly): the least over
        the cells under it (``inf`` under an open top)."""
        inx = np.abs(self.xs - lx) <= fw / 2
        iny = np.abs(self.ys - ly) <= fd / 2
        under = self.clear_above(level)[np.ix_(iny, inx)]
        return float(under.min()) if under.size else 0.0

    def clear_above(self, level: float) -> np.ndarray:
        """(Y, X) metres from ``level`` up to the next surface (``inf`` where nothing is above: an open top)."""
        above = np.where(self.z > level + TOL, self.z, np.inf).min(axis=2)
        return above - level


@lru_cache(maxsize=128)
def cavity(ref_json: str) -> Cavity:
    """The ``Cavity`` of the asset ``ref_json`` (an ``AssetRef`` as JSON), built once per asset."""
    from scenegen.assets import build_mesh

    mesh = build_mesh(AssetRef.model_validate_json(ref_json))
    (x0, y0, _), (x1, y1, z1) = mesh.bounds
    xs, ys = np.arange(x0 + CELL / 2, x1, CELL), np.arange(y0 + CELL / 2, y1, CELL)
    gx, gy = np.meshgrid(xs, ys)
    z, up = _all_hits(np.asarray(mesh.triangles), np.asarray(mesh.face_normals)[:, 2], gx.ravel(), gy.ravel())
    return Cavity(xs, ys, z.reshape(*gx.shape, -1), up.reshape(*gx.shape, -1), float(z1))


def _all_hits(tri: np.ndarray, nz: np.ndarray, px: np.ndarray, py: np.ndarray, chunk: int = 256
              ) -> tuple[np.ndarray, np.ndarray]:
    """(N, K) heights of every triangle of ``tri`` (F, 3, 3) over each point (px, py), ascending and ``nan``-padded,
    and (N, K) whether each faces up (its normal's z ``nz`` (F,) > 0)."""
    zs, ups = [], []
    for _, z, inside, keep in vertical_hits(tri, px, py, chunk):
        z = np.where(inside, z, np.nan)
        order = np.argsort(np.where(inside, z, np.inf), axis=1)
        zs.append(np.take_along_axis(z, order, axis=1))
        ups.append(np.take_along_axis(np.broadcast_to(nz[keep] > 0, z.shape), order, axis=1))
    width = max(int(np.isfinite(z).sum(axis=1).max(initial=0)) for z in zs) if zs else 0
    z = np.concatenate([z[:, :width] for z in zs]) if zs else np.zeros((0, 0))
    up = np.concatenate([u[:, :width] for u in ups]) if ups else np.zeros((0, 0), dtype=bool)
    return z, up & np.isfinite(z)
