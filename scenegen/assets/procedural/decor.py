"""Decor and small things: mirrors, rugs, pictures, plants, vases, books, clocks, baskets, bins, coat stands."""

from __future__ import annotations

import math

from scenegen.assets.procedural.parts import (BLACK, CREAM, LEAF, MIRROR, Parts, SOIL, Spec, WHITE, darker,
    generator, lighter, mix, tub, wall_frame)

WALL = 0.012
"""metres: wall and floor thickness of a woven or plastic container (a laundry basket)"""


@generator("mirror")
def mirror(s: Spec, m: Parts) -> None:
    f = min(0.05, s.w * 0.08, s.h * 0.08)
    wall_frame(m, s.hw, s.hd, s.h, f, s.c, MIRROR, frame_material="painted_wood")  # the glass is the mirror


@generator("rug")
def rug(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    b = min(0.12, s.w * 0.08, s.d * 0.08)
    m.box((-hw, -hd, 0.0), (hw, hd, h * 0.7), darker(s.c, 0.3))
    m.box((-hw + b, -hd + b, 0.0), (hw - b, hd - b, h), s.c)
    m.box((-hw + 2 * b, -hd + 2 * b, 0.0), (hw - 2 * b, hd - 2 * b, h * 0.85), lighter(s.c, 0.3))


@generator("painting")
def painting(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    f = min(0.04, s.w * 0.06, s.h * 0.06)
    wall_frame(m, hw, hd, h, f, darker(s.c, 0.2), lighter(s.c, 0.5))
    palette = [(0.8, 0.3, 0.2), (0.2, 0.4, 0.7), (0.9, 0.75, 0.3), (0.3, 0.55, 0.35), (0.15, 0.15, 0.2)]
    for _ in range(s.n("patches", 4)):
        pw, ph = float(s.rng.uniform(0.15, 0.45)) * (s.w - 2 * f), float(s.rng.uniform(0.15, 0.45)) * (h - 2 * f)
        x = float(s.rng.uniform(-hw + f, hw - f - pw))
        z = float(s.rng.uniform(f, h - f - ph))
        m.box((x, hd * 0.3 - 0.002, z), (x + pw, hd * 0.3 + 0.002, z + ph), palette[int(s.rng.integers(5))])


@generator("plant")
def plant(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    pot_h = min(0.35 * h, max(0.15, r * 1.2))
    pot_r = r * 0.55
    m.cyl(0, 0, 0.0, pot_h, pot_r * 0.8, s.c, r_top=pot_r)
    m.cyl(0, 0, pot_h, pot_h + 0.01, pot_r * 0.95, SOIL)
    m.cyl(0, 0, pot_h, h * 0.6, max(0.01, r * 0.05), (0.35, 0.25, 0.15), sections=8, material="wood")
    leaf = (0.2 + float(s.rng.uniform(-0.05, 0.05)), 0.45 + float(s.rng.uniform(-0.08, 0.08)), 0.18)
    k = s.n("clumps", 5)
    for i in range(k):
        a = 2 * math.pi * i / k + float(s.rng.uniform(-0.3, 0.3))
        rad = r * float(s.rng.uniform(0.3, 0.55))
        zc = pot_h + (h - pot_h) * float(s.rng.uniform(0.4, 0.75))
        lr = r * float(s.rng.uniform(0.35, 0.5))
        m.ball((rad * math.cos(a), rad * math.sin(a), zc), (lr, lr, lr * 1.2), mix(leaf, LEAF, i / k),
               material="foliage")
    m.ball((0, 0, h - r * 0.4), (r * 0.4, r * 0.4, r * 0.4), leaf, material="foliage")


@generator("vase")
def vase(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    flowers = s.p.get("flowers", 0.0) > 0.5
    body_h = h * (0.55 if flowers else 1.0)
    m.cyl(0, 0, 0.0, body_h * 0.55, r * 0.6, s.c, r_top=r, sections=20)
    m.cyl(0, 0, body_h * 0.55, body_h * 0.85, r, s.c, r_top=r * 0.45, sections=20)
    m.cyl(0, 0, body_h * 0.85, body_h, r * 0.45, s.c, r_top=r * 0.55, sections=20)
    if flowers:
        cols = [(0.9, 0.3, 0.4), (0.95, 0.85, 0.3), (0.95, 0.95, 0.95), (0.6, 0.3, 0.7)]
        for i in range(5):
            a = 2 * math.pi * i / 5
            tip = (r * 0.6 * math.cos(a), r * 0.6 * math.sin(a), h - r * 0.35)
            m.rod((0.0, 0.0, body_h * 0.8), tip, 0.004, LEAF, sections=6)
            m.ball(tip, (r * 0.35,) * 3, cols[int(s.rng.integers(len(cols)))])


@generator("books")
def books(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    n = s.n("count", 4)
    palette = [s.c, (0.15, 0.3, 0.5), (0.2, 0.4, 0.25), (0.8, 0.7, 0.5), (0.85, 0.85, 0.8), (0.5, 0.2, 0.4)]
    z = 0.0
    for i in range(n):
        t = h / n
        bw = s.w * float(s.rng.uniform(0.75, 1.0))
        bd = s.d * float(s.rng.uniform(0.75, 1.0))
        ox = float(s.rng.uniform(-(s.w - bw) / 2, (s.w - bw) / 2))
        oy = float(s.rng.uniform(-(s.d - bd) / 2, (s.d - bd) / 2))
        col = palette[0] if i == 0 else palette[int(s.rng.integers(len(palette)))]
        m.box((ox - bw / 2, oy - bd / 2, z), (ox + bw / 2, oy + bd / 2, z + t), col)
        m.box((ox - bw / 2 + 0.005, oy + bd / 2 - 0.004, z + t * 0.1), (ox + bw / 2 - 0.005, oy + bd / 2 + 0.001,
                                                                        z + t * 0.9), CREAM)  # page edge
        z += t
    m.box((-hw, -hd, 0.0), (-hw + 0.001, -hd + 0.001, 0.001), s.c)  # corner marker so bounds span w x d
    m.box((hw - 0.001, hd - 0.001, 0.0), (hw, hd, 0.001), s.c)


@generator("wall_clock")
def wall_clock(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, h / 2)
    zc = h / 2
    m.rod((0.0, -hd, zc), (0.0, hd * 0.4, zc), r, s.c, sections=32)  # rim/body
    m.rod((0.0, hd * 0.4, zc), (0.0, hd * 0.6, zc), r * 0.9, WHITE, sections=32)  # face
    for i in range(12):
        a = 2 * math.pi * i / 12
        x, z = r * 0.78 * math.sin(a), zc + r * 0.78 * math.cos(a)
        m.box((x - 0.004, hd * 0.6, z - 0.004), (x + 0.004, hd * 0.65, z + 0.004), BLACK)
    m.box((-0.005, hd * 0.65, zc), (0.005, hd * 0.75, zc + r * 0.7), BLACK)  # minute hand (12)
    m.box((0.0, hd * 0.75, zc - 0.005), (r * 0.45, hd * 0.85, zc + 0.005), BLACK)  # hour hand (3)
    m.rod((0.0, hd * 0.6, zc), (0.0, hd, zc), 0.008, (0.7, 0.1, 0.1), sections=8)


@generator("trash_can")
def trash_can(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = hw
    if s.p.get("round", 1.0) > 0.5:
        m.cyl(0, 0, 0.0, h - 0.03, r * 0.85, s.c, r_top=r * 0.97, sections=24, sy=hd / r)
        m.cyl(0, 0, h - 0.03, h, r, darker(s.c, 0.2), sections=24, sy=hd / r)
        m.box((-0.04, hd * 0.8, 0.0), (0.04, hd, 0.02), BLACK)  # pedal
    else:
        m.box((-hw * 0.92, -hd * 0.92, 0.0), (hw * 0.92, hd * 0.92, h - 0.03), s.c)
        m.box((-hw, -hd, h - 0.03), (hw, hd, h), darker(s.c, 0.2))


@generator("coat_rack")
def coat_rack(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    for i in range(4):  # feet
        a = i * math.pi / 2
        m.rod((0.0, 0.0, 0.12), (r * math.cos(a), r * math.sin(a), 0.015), 0.015, s.c, sections=8)
    m.cyl(0, 0, 0.0, h - 0.05, 0.02, s.c, sections=12)
    m.ball((0, 0, h - 0.035), (0.035, 0.035, 0.035), s.c)
    hooks = s.n("hooks", 6)
    for i in range(hooks):
        a = 2 * math.pi * i / hooks
        m.rod((0.0, 0.0, h - 0.25), (r * 0.75 * math.cos(a), r * 0.75 * math.sin(a), h - 0.12), 0.01, s.c, sections=8)
        m.ball((r * 0.75 * math.cos(a), r * 0.75 * math.sin(a), h - 0.12), (0.015,) * 3, darker(s.c, 0.3))


@generator("laundry_basket")
def laundry_basket(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    bands = s.n("bands", 6)
    for i in range(bands):
        z0, z1 = h * i / bands, h * (i + 1) / bands
        k = 0.9 + 0.1 * i / max(1, bands - 1)
        col = s.c if i % 2 == 0 else darker(s.c, 0.15)
        tub(m, hw * k, hd * k, z0, z1 - (0.0 if i == bands - 1 else 0.002), WALL, col, floor=i == 0)
    for sx in (-1, 1):  # handles
        m.box((sx * hw - (0.01 if sx > 0 else 0), -0.06, h * 0.75), (sx * hw + (0 if sx > 0 else 0.01), 0.06, h * 0.85),
              darker(s.c, 0.3))
    if s.p.get("clothes", 1.0) > 0.5:
        # a heap of laundry with a flat top, so a shirt thrown on it lies still
        m.cyl(0.0, 0.0, h * 0.9, h, hw * 0.7, (0.75, 0.8, 0.9), sections=16, sy=hd / hw)
