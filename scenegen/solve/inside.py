"""Putting a thing inside its container (``catalog.Container``): towels on a basket's floor, books on a bookshelf's
boards, blankets stored behind a wardrobe's doors. The thing rests on the lowest level of the container's inside
(``assets.cavity``) where it fits with room above it, clear of what is already inside, squared to the container."""

from __future__ import annotations

import math

import numpy as np

from scenegen.assets.cavity import cavity
from scenegen.geometry import footprint_corners, wrap_angle
from scenegen.solve.footprints import dims, overlaps
from scenegen.solve.items import Item
from scenegen.solve.relations import Box
from scenegen.solve.state import SolverState


def place_inside(st: SolverState, it: Item, host: Box) -> Box | str:
    """The box of ``it`` resting inside ``host`` (its support), or why it cannot: too big for the inside, or the inside
    already full. Lower levels first; on a level, the left end first, as a shelf fills."""
    cav = cavity(st.items[host.id].ref.model_dump_json())
    w, d, h = it.size
    inside = [b for b in st.boxes.values() if b.support == host.id]
    fitted = False
    c, s = math.cos(host.yaw), math.sin(host.yaw)
    for level in cav.levels():
        for turn, fw, fd in ((0.0, w, d), (math.pi / 2, d, w)):
            lx, ly = cav.spots(level, fw, fd, h)
            if len(lx) == 0:
                continue
            fitted = True
            z = host.z + level
            x, y = host.cx + lx * c - ly * s, host.cy + lx * s + ly * c
            rects = footprint_corners(x, y, fw / 2, fd / 2, host.yaw)
            ok = np.ones(len(x), dtype=bool)
            for b in inside:
                if b.z < z + h and b.top > z:  # things on other levels (or on the top) are out of the way
                    ok &= ~overlaps(rects, b.corners, margin=1e-4)
            if ok.any():
                k = int(np.flatnonzero(ok)[np.argmin((lx + 0.1 * np.abs(ly))[ok])])
                return Box(it.obj.id, float(x[k]), float(y[k]), float(z), float(wrap_angle(host.yaw + turn)), w, d, h,
                           host.id)
    if fitted:
        return f"the inside of {host.id} is full ({', '.join(b.id for b in inside)} already in it)"
    return f"{dims(it)}, {h:.2f} m tall, does not fit inside {host.id} ({cav.describe()})"
