"""Where on a host an object can rest: the height of the host's top surface under a footprint.

A table's top is its box's top, but a bed's mattress lies below its headboard and a sofa's seat below its back and
arms. The solver used to stand everything at the box's top, so cushions floated over a bed at headboard height and
the support and stability checks let them fall. Here the host's mesh is sampled once into a height map (a ray cast
straight down at each grid point, local frame) and a footprint rests on the highest point under it, where that part
of the surface is flat.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from scenegen.geometry import vertical_hits
from scenegen.scene import AssetRef

if TYPE_CHECKING:
    import trimesh

CELL = 0.025
"""metres between height-map samples"""
UNEVEN = 0.02
"""metres: a host whose sampled top varies by more than this is uneven (bed, sofa); flat hosts keep their box top"""
FLAT_ENOUGH = 0.02
"""metres: the most the surface may vary under a footprint that rests on it"""
FILLED = 0.95
"""share of a host's box footprint its top must cover to count as rectangular (a round top covers about 0.8)"""
LEVEL = 0.005
"""metres: a surface this even under a footprint is preferred (a towel on the counter, not astride the basin's rim)"""


@lru_cache(maxsize=256)
def _height_map(ref_json: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """(xs (X,), ys (Y,), heights (Y, X), box top) of the highest surface under each sample point of the asset's
    mesh, local frame, metres; ``-inf`` where nothing is under the point. The box top is the mesh's highest point,
    which a thin part the grid misses (a faucet) may hold."""
    from scenegen.assets import build_mesh

    mesh = build_mesh(AssetRef.model_validate_json(ref_json))
    xs, ys = _cells(mesh)
    # each cell is the highest of 3 x 3 rays over it (its centre, edges and corners), so a part thinner than a cell
    # (a faucet's 2 cm spout) is not missed between samples and nothing is set down through it
    fx = np.concatenate([xs - CELL / 2, xs[-1:] + CELL / 2]) if len(xs) else xs
    fy = np.concatenate([ys - CELL / 2, ys[-1:] + CELL / 2]) if len(ys) else ys
    fine_x = np.sort(np.concatenate([fx, xs]))
    fine_y = np.sort(np.concatenate([fy, ys]))
    gx, gy = np.meshgrid(fine_x, fine_y)
    fine = _cast_down(np.asarray(mesh.triangles), gx.ravel(), gy.ravel()).reshape(gx.shape)
    heights = np.full((len(ys), len(xs)), -np.inf)
    for dj in range(3):
        for di in range(3):
            heights = np.maximum(heights, fine[dj:dj + 2 * len(ys):2, di:di + 2 * len(xs):2])
    return xs, ys, heights, float(mesh.bounds[1][2])


def _cells(mesh: "trimesh.Trimesh") -> tuple[np.ndarray, np.ndarray]:
    """(xs (X,), ys (Y,)): the centres of the ``CELL`` grid over the mesh's footprint, local frame, metres."""
    (x0, y0, _), (x1, y1, _) = mesh.bounds
    return np.arange(x0 + CELL / 2, x1, CELL), np.arange(y0 + CELL / 2, y1, CELL)


def _cast_down(tri: np.ndarray, px: np.ndarray, py: np.ndarray, chunk: int = 512, lowest: bool = False
               ) -> np.ndarray:
    """(N,) highest z of the triangles ``tri`` (F, 3, 3) over each point (px, py), ``-inf`` where none covers it;
    with ``lowest``, the lowest z instead (``inf`` where none covers it): what a ray up from the floor meets."""
    out = np.full(len(px), np.inf if lowest else -np.inf)
    for k, z, inside, _ in vertical_hits(tri, px, py, chunk):
        out[k:k + chunk] = np.where(inside, z, np.inf).min(axis=1) if lowest else \
            np.where(inside, z, -np.inf).max(axis=1)
    return out


def is_uneven(ref: AssetRef) -> bool:
    """Whether the host's top is not one flat level (a headboard over a mattress, a back over a seat), its box top
    stands above where things rest (a vanity's faucet over its counter), or its top does not fill its box (a round
    side table, whose box corners hold nothing up)."""
    _, _, h, box_top = _height_map(ref.model_dump_json())
    top = h[np.isfinite(h)]
    if top.size == 0:
        return False
    return top.size < FILLED * h.size or float(max(top.max(), box_top) - np.percentile(top, 50)) > UNEVEN


def rest_heights(ref: AssetRef, host_cx: float, host_cy: float, host_yaw: float, rects: np.ndarray,
                 tolerance: float = FLAT_ENOUGH) -> tuple[np.ndarray, np.ndarray]:
    """For N candidate footprints ``rects`` (N, 4, 2) world xy on a host posed at (cx, cy, yaw): the height above the
    host's base each would rest at (N,) metres, and whether the surface under it varies by at most ``tolerance``
    metres with its middle third on the highest part (N,) bool."""
    xs, ys, h, _ = _height_map(ref.model_dump_json())
    c, s = math.cos(-host_yaw), math.sin(-host_yaw)
    dx, dy = rects[..., 0] - host_cx, rects[..., 1] - host_cy
    lx, ly = dx * c - dy * s, dx * s + dy * c  # footprint corners in the host's frame
    i0 = np.clip(np.searchsorted(xs, lx.min(axis=1)), 0, len(xs) - 1)
    i1 = np.clip(np.searchsorted(xs, lx.max(axis=1), side="right"), 1, len(xs))
    j0 = np.clip(np.searchsorted(ys, ly.min(axis=1)), 0, len(ys) - 1)
    j1 = np.clip(np.searchsorted(ys, ly.max(axis=1), side="right"), 1, len(ys))
    top = np.empty(len(rects))
    flat = np.empty(len(rects), dtype=bool)
    for n in range(len(rects)):  # the footprint's axis-aligned cover in the host frame (footprints turn by quarters)
        under = h[j0[n]:max(j1[n], j0[n] + 1), i0[n]:max(i1[n], i0[n] + 1)]
        top[n] = under.max()
        rows, cols = under.shape
        middle = under[rows // 3:max(rows - rows // 3, rows // 3 + 1), cols // 3:max(cols - cols // 3, cols // 3 + 1)]
        # its middle must rest on the highest part under it: a kettle on a burner's edge tips over (its centre of
        # mass is outside what holds it), one centred on the burner stands
        flat[n] = bool(np.isfinite(under).all() and under.max() - under.min() <= tolerance
                       and (middle >= top[n] - LEVEL).all())
    return top, flat


@lru_cache(maxsize=256)
def _underside_map(ref_json: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(xs (X,), ys (Y,), clear (Y, X)): the height of the first part of the asset above the floor at each sample
    point (local frame, metres; ``inf`` where nothing is above): a desk's knee space is where this is high."""
    from scenegen.assets import build_mesh

    mesh = build_mesh(AssetRef.model_validate_json(ref_json))
    xs, ys = _cells(mesh)
    gx, gy = np.meshgrid(xs, ys)
    return xs, ys, _cast_down(np.asarray(mesh.triangles), gx.ravel(), gy.ravel(), lowest=True).reshape(gx.shape)


def clear_under(ref: AssetRef, host_cx: float, host_cy: float, host_yaw: float, rects: np.ndarray) -> np.ndarray:
    """For N footprints ``rects`` (N, 4, 2) world xy under a host posed at (cx, cy, yaw): the free height above the
    floor over each (N,) metres (the lowest part of the host above it; ``inf`` outside the host)."""
    xs, ys, clear = _underside_map(ref.model_dump_json())
    c, s = math.cos(-host_yaw), math.sin(-host_yaw)
    dx, dy = rects[..., 0] - host_cx, rects[..., 1] - host_cy
    lx, ly = dx * c - dy * s, dx * s + dy * c
    out = np.full(len(rects), np.inf)
    for n in range(len(rects)):
        inx = (xs >= lx[n].min() - CELL / 2) & (xs <= lx[n].max() + CELL / 2)
        iny = (ys >= ly[n].min() - CELL / 2) & (ys <= ly[n].max() + CELL / 2)
        under = clear[np.ix_(iny, inx)]
        if under.size:
            out[n] = float(under.min())
    return out
