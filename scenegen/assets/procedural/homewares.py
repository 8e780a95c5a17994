"""Decor, textiles and lighting: curtains, cushions, throws, picture frames, posters, decals, sculptures, candles,
clocks, globes, baskets, trays, book rows and open books, floor mirror, fireplace, radiator, room divider; pendants,
sconces, reading and desk lamps, string lights, floor fan, air conditioner."""

from __future__ import annotations

import math

from scenegen.assets.procedural.parts import (BLACK, BULB, CHROME, CREAM, DARK_METAL, GLASS, METAL, MIRROR, WHITE,
                                              Parts, Spec, darker, generator, lighter, rot_x, rot_z, tub)

WALL = 0.012
"""metres: wall and floor thickness of a woven container (a storage basket)"""
_ART = ((0.85, 0.3, 0.2), (0.2, 0.4, 0.7), (0.95, 0.78, 0.3), (0.3, 0.55, 0.35), (0.15, 0.15, 0.2),
        (0.9, 0.55, 0.6))
_SPINES = ((0.55, 0.15, 0.12), (0.15, 0.3, 0.5), (0.2, 0.4, 0.25), (0.8, 0.7, 0.5), (0.3, 0.25, 0.2),
           (0.85, 0.85, 0.8), (0.5, 0.2, 0.4))


def _pin(m: Parts, hw: float, hd: float, h: float, colour: tuple[float, float, float]) -> None:
    """Tiny cubes at two opposite corners so a mesh's bounds span the object's whole box."""
    m.box((-hw, -hd, 0.0), (-hw + 0.001, -hd + 0.001, 0.001), colour)
    m.box((hw - 0.001, hd - 0.001, h - 0.001), (hw, hd, h), colour)


@generator("curtains")
def curtains(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.rod((-hw, -hd + 0.03, h - 0.02), (hw, -hd + 0.03, h - 0.02), 0.014, METAL, sections=8)
    for sx in (-1, 1):
        m.box((sx * hw - (0.02 if sx > 0 else 0.0), -hd, h - 0.05), (sx * hw + (0.0 if sx > 0 else 0.02), -hd + 0.04,
                                                                     h - 0.01), METAL)
        m.ball((sx * (hw - 0.02), -hd + 0.03, h - 0.02), (0.025, 0.025, 0.025), METAL)
    folds = s.n("folds", 8)
    tied = s.p.get("tied", 0.0) > 0.5
    panel = hw * 0.48
    for sx in (-1, 1):  # two panels of vertical folds
        for k in range(folds // 2):
            x = sx * (hw - 0.02 - (k + 0.5) * panel / (folds // 2))
            width = panel / (folds // 2) * 0.7
            bottom = 0.0 if not tied else h * 0.05
            y = -hd + 0.05 + (0.02 if k % 2 else 0.0)
            m.box((x - width / 2 - 0.01, y - 0.02, bottom), (x + width / 2 + 0.01, y + 0.02, h - 0.04),
                  s.c if k % 2 else darker(s.c, 0.08))
        if tied:
            m.box((sx * (hw - panel / 2) - panel / 2, -hd + 0.02, h * 0.45), (sx * (hw - panel / 2) + panel / 2,
                                                                               hd, h * 0.5), darker(s.c, 0.3))


@generator("cushions")
def cushions(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    n = s.n("count", 1)
    cw = s.w / n
    for i in range(n):
        x = -hw + (i + 0.5) * cw
        col = s.c if i % 2 == 0 else lighter(s.c, 0.35)
        # a square pillow standing on its lower edge: the body reaches the ground, so it stands on half its depth
        # (not on the 6 mm piping seam alone, which tipped at a 1° lean)
        m.box((x - cw * 0.46, -hd * 0.5, 0.0), (x + cw * 0.46, hd * 0.5, h * 0.96), col)
        m.ball((x, 0.0, h / 2), (cw * 0.45, hd, h * 0.45), col, subdivisions=2)  # puffed in the middle
        m.box((x - cw / 2, -0.003, 0.0), (x + cw / 2, 0.003, h), darker(col, 0.15))  # piping seam


@generator("throw_blanket")
def throw_blanket(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    n = s.n("folds", 3)
    t = h / n
    for k in range(n):
        inset = 0.005 * k
        col = s.c if k % 2 == 0 else darker(s.c, 0.1)
        m.box((-hw + inset, -hd + inset, k * t), (hw - inset, hd - inset, (k + 1) * t), col)
    m.rod((-hw, hd - t / 2, t / 2), (hw, hd - t / 2, t / 2), t / 2, lighter(s.c, 0.1), sections=10)  # rolled edge
    for i in range(8):  # fringe
        x = -hw + 0.02 + i * (s.w - 0.04) / 7
        m.box((x - 0.004, hd - 0.004, 0.0), (x + 0.004, hd, t * 0.6), lighter(s.c, 0.2))


@generator("picture_frame")
def picture_frame(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    lean = math.atan2(s.d * 0.6, h)
    t = 0.012
    # the picture faces +y and its top leans back (-y), onto an easel leg that reaches the table behind it
    m.box_tf((s.w, t, h / math.cos(lean) * 0.98), rot_x(lean, (0.0, 0.0, h / 2)), s.c)
    m.box_tf((s.w * 0.8, t * 0.3, h * 0.78), rot_x(lean, (0.0, t * 0.55, h / 2)), _ART[int(s.rng.integers(6))])
    back_y = -(h * 0.1) * math.tan(lean) - t / 2  # the frame's back face at 60% of its height
    m.rod((0.0, back_y, h * 0.6), (0.0, -hd, 0.0), 0.006, darker(s.c, 0.3), sections=6)  # easel back
    # the bounds pins sit where the leaning frame is (front bottom, back top), so its hull is the frame's own shape
    m.box((-hw, hd - 0.001, 0.0), (-hw + 0.001, hd, 0.001), s.c)
    m.box((hw - 0.001, -hd, h - 0.001), (hw, -hd + 0.001, h), s.c)


@generator("poster")
def poster(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, 0.0), (hw, hd * 0.5, h), s.c)  # the sheet
    for _ in range(s.n("shapes", 4)):
        pw, ph = float(s.rng.uniform(0.2, 0.6)) * s.w, float(s.rng.uniform(0.1, 0.35)) * h
        x, z = float(s.rng.uniform(-hw, hw - pw)), float(s.rng.uniform(0.05 * h, h - ph - 0.05 * h))
        if s.rng.random() < 0.5:
            m.box((x, hd * 0.5, z), (x + pw, hd, z + ph), _ART[int(s.rng.integers(6))])
        else:
            r = min(pw, ph) / 2
            m.rod((x + r, hd * 0.5, z + r), (x + r, hd, z + r), r, _ART[int(s.rng.integers(6))], sections=20)
    m.box((-hw * 0.8, hd * 0.5, h * 0.88), (hw * 0.8, hd, h * 0.94), BLACK)  # title line
    for sx in (-1, 1):  # pins
        m.rod((sx * (hw - 0.02), hd * 0.5, h - 0.02), (sx * (hw - 0.02), hd, h - 0.02), 0.006, (0.8, 0.1, 0.1),
              sections=6)


@generator("wall_decal")
def wall_decal(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, 0.0), (-hw + 0.002, hd, 0.002), s.c)
    m.box((hw - 0.002, -hd, h - 0.002), (hw, hd, h), s.c)
    for _ in range(s.n("shapes", 6)):  # stars, moons and dots stuck to the wall
        r = float(s.rng.uniform(0.05, 0.15)) * min(s.w, h)
        x, z = float(s.rng.uniform(-hw + r, hw - r)), float(s.rng.uniform(r, h - r))
        col = s.c if s.rng.random() < 0.5 else _ART[int(s.rng.integers(6))]
        sides = int(s.rng.choice([5, 16, 3]))
        m.rod((x, -hd, z), (x, hd, z), r, col, sections=sides)


@generator("sculpture")
def sculpture(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    m.box((-hw, -hd, 0.0), (hw, hd, h * 0.12), darker(s.c, 0.5))  # plinth
    style = s.n("style", 0)
    if style == 0:  # a bust
        m.cyl(0, 0, h * 0.12, h * 0.45, r * 0.9, s.c, r_top=r * 0.5, sections=16, sy=0.7)
        m.cyl(0, 0, h * 0.45, h * 0.58, r * 0.22, s.c, sections=12)
        m.ball((0, 0, h * 0.77), (r * 0.38, r * 0.42, h * 0.23), s.c, subdivisions=2)
    elif style == 1:  # an abstract loop
        for k in range(12):
            a0, a1 = 2 * math.pi * k / 12, 2 * math.pi * (k + 1) / 12
            p0 = (r * 0.7 * math.cos(a0), 0.0, h * 0.55 + (h * 0.43) * math.sin(a0))
            p1 = (r * 0.7 * math.cos(a1), 0.0, h * 0.55 + (h * 0.43) * math.sin(a1))
            m.rod(p0, p1, r * 0.15, s.c, sections=10)
        m.box((-0.001, -0.001, h - 0.001), (0.001, 0.001, h), s.c)
    else:  # stacked pebbles
        z = h * 0.12
        for k in range(4):
            rz = (h - h * 0.12) / 4 / 2
            m.ball((0.0, 0.0, z + rz), (r * (0.9 - 0.15 * k), r * (0.8 - 0.15 * k), rz), lighter(s.c, 0.05 * k))
            z += 2 * rz


@generator("candles")
def candles(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    n = s.n("count", 3)
    for i in range(n):
        x = -hw + (i + 0.5) * s.w / n
        r = min(s.w / n, s.d) * 0.35
        ch = h * (0.92 - 0.25 * (i % 2))
        m.cyl(x, 0.0, 0.0, 0.015, r * 1.3, (0.75, 0.62, 0.3), sections=14)  # holder
        m.cyl(x, 0.0, 0.015, ch - 0.03, r, s.c, sections=14)
        m.cyl(x, 0.0, ch - 0.03, ch - 0.02, 0.002, BLACK, sections=6)  # wick
        m.ball((x, 0.0, ch - 0.01), (0.008, 0.008, 0.012), BULB)  # flame
    _pin(m, hw, hd, h, s.c)


@generator("alarm_clock")
def alarm_clock(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, h * 0.45)
    zc = h * 0.48
    m.rod((0.0, -hd * 0.6, zc), (0.0, hd * 0.7, zc), r, s.c, sections=24)  # round body
    m.rod((0.0, hd * 0.7, zc), (0.0, hd, zc), r * 0.85, WHITE, sections=24)  # face
    m.box((-0.003, hd - 0.001, zc), (0.003, hd, zc + r * 0.6), BLACK)
    m.box((0.0, hd - 0.001, zc - 0.003), (r * 0.45, hd, zc + 0.003), BLACK)
    for sx in (-1, 1):
        m.ball((sx * r * 0.6, 0.0, zc + r * 0.95), (r * 0.3, r * 0.3, r * 0.25), s.c)  # bells
        for sy in (-1, 1):  # four splayed feet: two in a line would rock forward and back
            m.rod((sx * r * 0.5, 0.0, zc - r * 0.8), (sx * r * 0.8, sy * hd * 0.55, 0.0), 0.004, s.c, sections=6)
            m.ball((sx * r * 0.8, sy * hd * 0.55, 0.004), (0.008, 0.008, 0.004), s.c)  # a pad it stands on
    _pin(m, hw, hd, h, s.c)


@generator("grandfather_clock")
def grandfather_clock(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, 0.0), (hw, hd, h * 0.25), s.c)  # base
    m.box((-hw * 0.75, -hd * 0.85, h * 0.25), (hw * 0.75, hd * 0.85, h * 0.72), s.c)  # trunk
    m.box((-hw * 0.55, hd * 0.85 - 0.003, h * 0.3), (hw * 0.55, hd * 0.85, h * 0.68), GLASS)
    m.rod((0.0, hd * 0.8, h * 0.66), (0.0, hd * 0.8, h * 0.4), 0.006, (0.8, 0.65, 0.3), sections=6)  # pendulum
    m.rod((0.0, hd * 0.75, h * 0.38), (0.0, hd * 0.84, h * 0.38), 0.06, (0.8, 0.65, 0.3), sections=16)
    m.box((-hw, -hd, h * 0.72), (hw, hd, h * 0.92), s.c)  # hood
    m.rod((0.0, hd * 0.95, h * 0.82), (0.0, hd, h * 0.82), min(hw * 0.8, h * 0.08), CREAM, sections=24)  # dial
    m.box((-hw * 1.0, -hd, h * 0.92), (hw, hd, h * 0.95), darker(s.c, 0.2))
    m.cyl(0.0, 0.0, h * 0.95, h, hw * 0.6, darker(s.c, 0.2), sections=4, sy=hd / hw)  # crown


@generator("globe")
def globe(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd, (h - h * 0.2) / 2)
    zc = h - r
    m.cyl(0, 0, 0.0, h * 0.04, min(hw, hd) * 0.7, s.c, sections=20)  # foot
    m.cyl(0, 0, h * 0.04, zc - r * 0.9, 0.012, s.c, sections=8)
    m.ball((0.0, 0.0, zc), (r * 0.95, r * 0.95, r * 0.95), (0.3, 0.5, 0.75), subdivisions=2)  # ocean
    for k in range(5):  # continents
        a, b = float(s.rng.uniform(0, 2 * math.pi)), float(s.rng.uniform(-0.8, 0.8))
        p = (r * 0.9 * math.cos(a) * math.cos(b), r * 0.9 * math.sin(a) * math.cos(b), zc + r * 0.9 * math.sin(b))
        m.ball(p, (r * 0.28, r * 0.28, r * 0.2), (0.45, 0.6, 0.3))
    for k in range(10):  # the meridian arc
        a0, a1 = math.pi * (k / 10 - 0.5) * 1.6, math.pi * ((k + 1) / 10 - 0.5) * 1.6
        m.rod((r * math.cos(a0), 0.0, zc + r * math.sin(a0)), (r * math.cos(a1), 0.0, zc + r * math.sin(a1)), 0.006,
              s.c, sections=6)
    _pin(m, hw, hd, h, s.c)


@generator("storage_basket")
def storage_basket(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    bands = max(3, int(h / 0.05))
    for k in range(bands):
        z0, z1 = h * k / bands, h * (k + 1) / bands - 0.002
        k_w = 0.9 + 0.1 * k / max(1, bands - 1)
        tub(m, hw * k_w, hd * k_w, z0, z1, WALL, s.c if k % 2 else darker(s.c, 0.15), sections=20, floor=k == 0)
    if s.p.get("handles", 0.0) > 0.5:
        for sx in (-1, 1):
            m.box((sx * hw - (0.01 if sx > 0 else 0.0), -0.05, h * 0.78), (sx * hw + (0.0 if sx > 0 else 0.01), 0.05,
                                                                           h * 0.9), darker(s.c, 0.35))


@generator("tray")
def tray(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    if s.p.get("round", 0.0) > 0.5:
        m.cyl(0, 0, 0.0, h * 0.3, hw, s.c, sections=28, sy=hd / hw)
        m.cyl(0, 0, h * 0.3, h, hw, darker(s.c, 0.15), r_top=hw, sections=28, sy=hd / hw)
        return
    m.box((-hw, -hd, 0.0), (hw, hd, h * 0.3), s.c)
    for sy in (-1, 1):
        m.box((-hw, sy * hd - (0.01 if sy > 0 else 0.0), 0.0), (hw, sy * hd + (0.0 if sy > 0 else 0.01), h),
              darker(s.c, 0.15))
    for sx in (-1, 1):
        m.box((sx * hw - (0.01 if sx > 0 else 0.0), -hd, 0.0), (sx * hw + (0.0 if sx > 0 else 0.01), hd, h),
              darker(s.c, 0.15))


@generator("book_row")
def book_row(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    end_t = 0.015
    for sx in (-1, 1):  # bookends
        x0 = sx * hw - (end_t if sx > 0 else 0.0)
        m.box((x0, -hd, 0.0), (x0 + end_t, hd, h * 0.8), s.c)
        m.box((x0 - sx * 0.06 if sx > 0 else x0, -hd, 0.0), (x0 + end_t if sx > 0 else x0 + 0.07, hd, 0.006), s.c)
    x = -hw + end_t + 0.002
    while x < hw - end_t - 0.02:
        bw = float(s.rng.uniform(0.018, 0.045))
        bh = h * float(s.rng.uniform(0.7, 1.0))
        bd = s.d * float(s.rng.uniform(0.75, 1.0))
        m.box((x, -hd, 0.006), (min(x + bw, hw - end_t - 0.002), -hd + bd, bh), _SPINES[int(s.rng.integers(7))],
              material="paper")
        x += bw + 0.002
    m.box((-0.001, -0.001, h - 0.001), (0.001, 0.001, h), s.c)


@generator("open_book")
def open_book(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    for sx in (-1, 1):  # two halves sloping up from the spine
        m.box_tf((hw * 0.98, s.d, h * 0.25), _rot_y(sx * 0.08, (sx * hw / 2, 0.0, h * 0.25)), s.c)
        m.box_tf((hw * 0.95, s.d * 0.95, h * 0.45), _rot_y(sx * 0.08, (sx * hw / 2, 0.0, h * 0.6)), CREAM)
        for k in range(4):  # text lines
            y = -hd * 0.6 + k * hd * 0.35
            m.box((sx * hw * 0.15 - (hw * 0.7 if sx < 0 else 0.0), y, h - 0.002),
                  (sx * hw * 0.15 + (hw * 0.7 if sx > 0 else 0.0), y + 0.006, h), (0.3, 0.3, 0.3))


def _rot_y(angle: float, at: tuple[float, float, float]):  # noqa: ANN202 - (4, 4) transform
    import trimesh

    tf = trimesh.transformations.rotation_matrix(angle, (0, 1, 0))
    tf[:3, 3] = at
    return tf


@generator("floor_mirror")
def floor_mirror(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    lean = math.atan2(s.d * 0.8, h)
    frame = min(0.05, s.w * 0.08)
    length = h / math.cos(lean)
    centre = (0.0, 0.0, h / 2)
    m.box_tf((s.w, 0.03, length * 0.99), rot_x(-lean, centre), s.c)
    m.box_tf((s.w - 2 * frame, 0.01, length * 0.99 - 2 * frame), rot_x(-lean, (0.0, 0.016 * math.cos(lean),
                                                                                h / 2)), MIRROR)
    # a foot rail under each side, front to back: the leaning frame stands on them rather than on its front edge
    # alone (nothing in the support and settle checks leans it on the wall)
    for x0 in (-hw, hw - frame):
        m.box((x0, -hd, 0.0), (x0 + frame, hd, 0.03), s.c)
    _pin(m, hw, hd, h, s.c)


@generator("fireplace")
def fireplace(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    mantel = 0.06
    m.box((-hw, -hd, h - mantel), (hw, hd, h), lighter(s.c, 0.05))  # mantel shelf
    m.box((-hw + 0.05, -hd, 0.0), (hw - 0.05, hd - 0.06, h - mantel), s.c)  # surround
    ow, oh = s.w * 0.45, (h - mantel) * 0.6
    m.box((-ow / 2, hd - 0.061, 0.08), (ow / 2, hd - 0.059, 0.08 + oh), (0.08, 0.07, 0.07))  # firebox opening
    m.box((-hw * 0.8, -hd, 0.0), (hw * 0.8, hd, 0.06), darker(s.c, 0.35))  # hearth
    if s.p.get("lit", 0.0) > 0.5:
        for k in range(3):
            m.ball((-ow * 0.25 + k * ow * 0.25, hd - 0.045, 0.14), (ow * 0.12, 0.012, oh * 0.18),
                   ((1.0, 0.55, 0.1), (1.0, 0.8, 0.2), (0.95, 0.35, 0.1))[k])
    for k in range(2):
        m.rod((-ow * 0.3, hd - 0.04, 0.1 + k * 0.04), (ow * 0.3, hd - 0.04, 0.1 + k * 0.04), 0.02, (0.35, 0.22, 0.12),
              sections=8)


@generator("radiator")
def radiator(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    n = s.n("columns", 10)
    cw = s.w / n
    for i in range(n):
        x = -hw + (i + 0.5) * cw
        m.box((x - cw * 0.38, -hd * 0.6, 0.03), (x + cw * 0.38, hd, h - 0.03), s.c)
    m.box((-hw, -hd * 0.3, 0.0), (hw, hd * 0.7, 0.04), darker(s.c, 0.05))
    m.box((-hw, -hd * 0.3, h - 0.04), (hw, hd * 0.7, h), darker(s.c, 0.05))
    m.box((-hw, -hd, h * 0.2), (-hw + 0.02, -hd * 0.3, h * 0.3), METAL)  # bracket to the wall
    m.box((hw - 0.02, -hd, h * 0.2), (hw, -hd * 0.3, h * 0.3), METAL)


@generator("room_divider")
def room_divider(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    n = s.n("panels", 3)
    pw = s.w / n
    for i in range(n):  # zig-zag panels in plan
        x0, x1 = -hw + i * pw, -hw + (i + 1) * pw
        y0, y1 = (-hd, hd) if i % 2 == 0 else (hd, -hd)
        ang = math.atan2(y1 - y0, x1 - x0)
        length = math.hypot(x1 - x0, y1 - y0)
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        m.box_tf((length * 0.98, 0.025, h - 0.04), rot_z(ang, (cx, cy * 0.85, h / 2)), s.c)
        m.box_tf((length * 0.98, 0.03, 0.04), rot_z(ang, (cx, cy * 0.85, h - 0.02)), darker(s.c, 0.4))
        m.box_tf((length * 0.98, 0.03, 0.04), rot_z(ang, (cx, cy * 0.85, 0.02)), darker(s.c, 0.4))


@generator("pendant_light")
def pendant_light(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    shade_h = min(r * 1.1, h * 0.45)
    m.cyl(0, 0, h - 0.02, h, min(0.06, r * 0.4), s.c, sections=14)  # canopy
    m.cyl(0, 0, shade_h, h - 0.02, 0.008, BLACK, sections=6)  # cord
    style = s.n("shade", 0)
    if style == 0:  # dome
        m.cyl(0, 0, shade_h * 0.1, shade_h, r, s.c, r_top=r * 0.2, sections=24)
        m.cyl(0, 0, 0.0, shade_h * 0.1, r, s.c, sections=24)
        m.ball((0, 0, shade_h * 0.2), (r * 0.25,) * 3, BULB)
    elif style == 1:  # globe
        m.ball((0, 0, shade_h / 2), (r, r, shade_h / 2), lighter(BULB, 0.3), subdivisions=2)
        m.cyl(0, 0, shade_h * 0.9, shade_h, r * 0.3, s.c, sections=12)
    else:  # cage
        for k in range(8):
            a = 2 * math.pi * k / 8
            m.rod((0.0, 0.0, shade_h), (r * math.cos(a), r * math.sin(a), shade_h * 0.5), 0.003, s.c, sections=4)
            m.rod((r * math.cos(a), r * math.sin(a), shade_h * 0.5), (0.0, 0.0, 0.0), 0.003, s.c, sections=4)
        m.ball((0, 0, shade_h * 0.45), (r * 0.3, r * 0.3, shade_h * 0.3), BULB)
    m.box((-hw, -hd, h - 0.001), (-hw + 0.001, -hd + 0.001, h), s.c)
    m.box((hw - 0.001, hd - 0.001, h - 0.001), (hw, hd, h), s.c)


@generator("wall_sconce")
def wall_sconce(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw * 0.35, -hd, h * 0.3), (hw * 0.35, -hd + 0.015, h * 0.7), s.c)  # wall plate
    m.rod((0.0, -hd + 0.015, h * 0.45), (0.0, hd * 0.2, h * 0.45), 0.008, s.c, sections=8)  # arm
    m.cyl(0.0, hd * 0.2, h * 0.45, h * 0.5, 0.025, s.c, sections=12)
    m.ball((0.0, hd * 0.2, h * 0.58), (0.025, 0.025, 0.035), BULB)
    m.cyl(0.0, hd * 0.2, h * 0.5, h, min(hw, hd * 0.8), CREAM, r_top=min(hw, hd * 0.8) * 0.7, sections=18,
          material="fabric")
    m.box((-hw, -hd, 0.0), (-hw + 0.001, -hd + 0.001, 0.001), s.c)
    m.box((hw - 0.001, hd - 0.001, 0.0), (hw, hd, 0.001), s.c)


@generator("reading_lamp")
def reading_lamp(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd) * 0.7
    by = -hd + r
    m.cyl(0.0, by, 0.0, 0.03, r, s.c, sections=20)  # heavy base at the back
    m.cyl(0.0, by, 0.03, h * 0.85, 0.012, s.c, sections=10)
    m.rod((0.0, by, h * 0.85), (0.0, hd - 0.1, h - 0.02), 0.01, s.c, sections=8)  # angled arm over the reader
    m.cyl(0.0, hd - 0.1, h - 0.2, h, 0.1, s.c, r_top=0.04, sections=16)  # shade
    m.ball((0.0, hd - 0.1, h - 0.17), (0.04, 0.04, 0.03), BULB)
    _pin(m, hw, hd, h, s.c)


@generator("desk_lamp")
def desk_lamp(s: Spec, m: Parts) -> None:
    """A swing-arm lamp on a broad weighted base: the base's disc and its weight plate carry the lamp's centre (the
    support check places it at the surface centroid) inside the base, under a head reaching forward."""
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, 0.09)
    by = -hd + r
    m.cyl(0.0, by, 0.0, 0.03, r, s.c, sections=18)
    m.cyl(0.0, by, 0.03, 0.012, r * 0.7, darker(s.c, 0.2), sections=18)  # weight plate
    reach = min(hd - 0.05, by + r + 0.06)  # the head hangs just beyond the base's front edge
    elbow = (0.0, by + (reach - by) * 0.1, h * 0.7)
    m.rod((0.0, by, 0.04), elbow, 0.007, s.c, sections=8)
    m.rod(elbow, (0.0, reach, h - 0.03), 0.007, s.c, sections=8)
    m.ball(elbow, (0.015, 0.015, 0.015), CHROME)
    m.box_tf((0.07, 0.08, 0.03), rot_x(0.6, (0.0, reach, h - 0.04)), s.c)  # head tilted down
    _pin(m, hw, hd, h, s.c)


@generator("string_lights")
def string_lights(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    n = s.n("bulbs", 14)
    pts = []
    for i in range(n + 1):  # a sagging catenary between two hooks
        t = i / n
        x = -hw + t * s.w
        z = h - (h - 0.03) * 4 * t * (1 - t)
        pts.append((x, 0.0, z))
    for p0, p1 in zip(pts, pts[1:]):
        m.rod(p0, p1, 0.006, s.c, sections=4)
    for x, y, z in pts[1:-1]:
        m.ball((x, y, z - 0.03), (0.025, 0.025, 0.035), (1.0, 0.85, 0.45), material="light_emissive")
    for sx in (-1, 1):
        m.box((sx * hw - (0.01 if sx > 0 else 0.0), -hd, h - 0.02), (sx * hw + (0.0 if sx > 0 else 0.01), hd, h),
              DARK_METAL)
    m.box((-0.001, -hd, 0.0), (0.001, -hd + 0.001, 0.001), s.c)


@generator("floor_fan")
def floor_fan(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, h * 0.2)
    hub_z = h - r
    m.cyl(0.0, -hd * 0.2, 0.0, 0.04, min(hw, hd) * 0.8, s.c, sections=20)
    m.cyl(0.0, -hd * 0.2, 0.04, hub_z - 0.05, 0.015, s.c, sections=10)
    m.rod((0.0, -hd * 0.5, hub_z), (0.0, hd * 0.2, hub_z), 0.07, s.c, sections=16)  # motor
    m.rod((0.0, hd * 0.2, hub_z), (0.0, hd * 0.6, hub_z), r, (0.8, 0.85, 0.9), sections=24)  # guard disc
    for k in range(3):
        a = 2 * math.pi * k / 3
        m.box_tf((r * 0.8, 0.01, r * 0.35), _rot_y(a, (r * 0.4 * math.cos(a), hd * 0.62, hub_z + r * 0.4 *
                                                       math.sin(a))), s.c)
    m.rod((0.0, hd * 0.6, hub_z), (0.0, hd, hub_z), 0.03, s.c, sections=10)  # spinner
    m.box((-hw, -hd, 0.0), (-hw + 0.001, -hd + 0.001, 0.001), s.c)
    m.box((hw - 0.001, hd - 0.001, 0.0), (hw, hd, 0.001), s.c)


@generator("air_conditioner")
def air_conditioner(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, h * 0.2), (hw, hd, h), s.c)
    m.box((-hw + 0.02, -hd * 0.2, 0.0), (hw - 0.02, hd, h * 0.2), darker(s.c, 0.05))  # rounded bottom lip
    m.box((-hw + 0.05, hd - 0.003, h * 0.05), (hw - 0.05, hd, h * 0.15), DARK_METAL)  # louvre
    m.box((hw * 0.6, hd - 0.002, h * 0.6), (hw * 0.8, hd, h * 0.7), (0.3, 0.7, 0.9))  # display
