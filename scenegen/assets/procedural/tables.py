"""Tables and desks."""

from __future__ import annotations

import math

from scenegen.assets.procedural.parts import BLACK, Parts, Spec, casework, darker, generator, table


@generator("desk")
def desk(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    top_t = 0.03
    m.box((-hw, -hd, h - top_t), (hw, hd, h), s.c)
    ped = s.p.get("pedestal", 1.0) > 0.5 and s.w >= 1.0
    legc = darker(s.c, 0.25)
    lt = 0.05
    if ped:
        pw = min(0.42, s.w * 0.35)
        casework(m, hw - pw, hw, -hd + 0.02, hd - 0.02, 0.0, h - top_t, [("drawer", 1, 1.0)] * 3, s.c)
        m.box((-hw + 0.02, -hd + 0.02, 0.0), (-hw + 0.02 + lt, -hd + 0.02 + lt, h - top_t), legc)
        m.box((-hw + 0.02, hd - 0.02 - lt, 0.0), (-hw + 0.02 + lt, hd - 0.02, h - top_t), legc)
        m.box((-hw + 0.02, -hd + 0.02, h - top_t - 0.35), (hw - pw, -hd + 0.04, h - top_t), legc)  # modesty panel
    else:
        m.legs(hw, hd, 0.0, h - top_t, lt, legc, inset=0.02)
        m.box((-hw + 0.02, -hd + 0.02, h - top_t - 0.3), (hw - 0.02, -hd + 0.04, h - top_t), legc)


@generator("coffee_table")
def coffee_table(s: Spec, m: Parts) -> None:
    table(s, m, top_t=min(0.04, s.h * 0.12), leg_t=min(0.05, s.w * 0.06), apron=False,
           shelf=s.p.get("shelf", 1.0) > 0.5)


@generator("side_table")
def side_table(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    if s.p.get("round", 0.0) > 0.5:
        r = hw
        m.cyl(0, 0, h - 0.03, h, r, s.c, sections=24, sy=hd / r)
        for i in range(3):
            a = 2 * math.pi * i / 3 + math.pi / 2
            m.rod((0.0, 0.0, h - 0.03), (0.8 * hw * math.cos(a), 0.8 * hd * math.sin(a), 0.0), 0.015,
                  darker(s.c, 0.3), sections=8)
        m.cyl(0, 0, h * 0.35, h * 0.37, r * 0.6, darker(s.c, 0.1), sections=20)
    else:
        table(s, m, top_t=0.03, leg_t=min(0.04, s.w * 0.08), apron=True, shelf=True)


@generator("dining_table")
def dining_table(s: Spec, m: Parts) -> None:
    table(s, m, top_t=0.04, leg_t=min(0.07, s.w * 0.05), apron=True, round_legs=s.p.get("round_legs", 0.0) > 0.5)


@generator("kitchen_island")
def kitchen_island(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    top_t = 0.04
    over = min(0.3, s.d * 0.3) if s.p.get("overhang", 1.0) > 0.5 else 0.0
    m.box((-hw + 0.05, -hd + over, 0.0), (hw - 0.05, hd - 0.08, 0.1), BLACK)
    n = max(1, int(s.w / 0.6))
    uw = (s.w - 0.1) / n
    for i in range(n):
        x0 = -hw + 0.05 + i * uw
        casework(m, x0, x0 + uw, -hd + over, hd - 0.04, 0.1, h - top_t, [("door", 1, 0.75), ("drawer", 1, 0.25)],
                  s.c)
    m.box((-hw, -hd, h - top_t), (hw, hd, h), (0.92, 0.91, 0.88))
