"""Putting a thing inside its container (``catalog.Container``): towels on a basket's floor, books on a bookshelf's
boards, blankets stored behind a wardrobe's doors. The thing rests on the lowest level of the container's inside
(``assets.cavity``) where it fits with room above it, clear of what is already inside, squared to the container; when
no level has room left, it is piled on a thing already inside that its footprint fits on (a second blanket on the
first), where the inside is tall enough."""

from __future__ import annotations

import math

import numpy as np

from scenegen.assets.cavity import Cavity, cavity
from scenegen.geometry import footprint_corners, wrap_angle
from scenegen.solve.footprints import dims, overlaps
from scenegen.solve.items import Item
from scenegen.solve.relations import Box
from scenegen.solve.state import SolverState


def contents(st: SolverState, host: str) -> list[Box]:
    """The placed boxes held by ``host``, directly or piled on what it holds."""
    out = [b for b in st.boxes.values() if b.support == host]
    k = 0
    while k < len(out):
        out += [b for b in st.boxes.values() if b.support == out[k].id]
        k += 1
    return out


def place_inside(st: SolverState, it: Item, host: Box) -> Box | str:
    """The box of ``it`` resting inside ``host`` (its support), or why it cannot: too big for the inside, or the inside
    already full. Lower levels first; on a level, the left end first, as a shelf fills; then piled on a thing inside."""
    cav = cavity(st.items[host.id].ref.model_dump_json())
    w, d, h = it.size
    inside = contents(st, host.id)
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
        piled = _pile(cav, it, host, inside)
        return piled or f"the inside of {host.id} is full ({', '.join(b.id for b in inside)} already in it)"
    return f"{dims(it)}, {h:.2f} m tall, does not fit inside {host.id} ({cav.describe()})"


def _pile(cav: Cavity, it: Item, host: Box, inside: list[Box]) -> Box | None:
    """``it`` laid on the top of a thing inside ``host`` that nothing rests on yet, centred on it, when its footprint
    fits that top and the inside has room for both above their level (a closed wardrobe's shelf above); else None."""
    w, d, h = it.size
    c, s = math.cos(-host.yaw), math.sin(-host.yaw)
    for b in sorted(inside, key=lambda b: (b.top, b.id)):
        if any(o.support == b.id for o in inside):
            continue
        turned = abs(math.sin(b.yaw - host.yaw)) > 0.5  # its width runs along the host's depth
        bw, bd = (b.depth, b.width) if turned else (b.width, b.depth)
        level = _base_level(b, inside, host)
        for turn, fw, fd in ((0.0, w, d), (math.pi / 2, d, w)):
            if fw > bw + 1e-6 or fd > bd + 1e-6:
                continue
            bx, by = (b.cx - host.cx) * c - (b.cy - host.cy) * s, (b.cx - host.cx) * s + (b.cy - host.cy) * c
            if cav.headroom(level, bx, by, bw, bd) >= b.top - (host.z + level) + h:
                return Box(it.obj.id, b.cx, b.cy, b.top, float(wrap_angle(host.yaw + turn)), w, d, h, b.id)
    return None


def _base_level(b: Box, inside: list[Box], host: Box) -> float:
    """Height above ``host``'s base (metres) of the level the pile that ``b`` tops stands on."""
    by_id = {o.id: o for o in inside}
    while b.support in by_id:
        b = by_id[b.support]
    return b.z - host.z
