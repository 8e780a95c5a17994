"""Seating: chairs, sofas, stools, benches, ottomans."""

from __future__ import annotations

import math

from scenegen.assets.procedural.parts import BLACK, CHROME, DARK_METAL, METAL, Parts, Spec, darker, generator, lighter


@generator("armchair")
def armchair(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    arm_w = min(0.16, s.w * 0.16)
    back_t = min(0.2, s.d * 0.22)
    leg = min(0.1, h * 0.12)
    seat = min(0.45, h * 0.5)
    m.legs(hw, hd, 0.0, leg, 0.04, darker(s.c, 0.6), inset=0.03)
    m.box((-hw, -hd, leg), (hw, hd, seat - 0.1), s.c)
    m.box((-hw + arm_w, -hd + back_t, seat - 0.1), (hw - arm_w, hd - 0.01, seat), lighter(s.c, 0.08))
    m.box((-hw, -hd, leg), (hw, -hd + back_t, h), s.c)
    for sx in (-1, 1):
        x0, x1 = (hw - arm_w, hw) if sx > 0 else (-hw, -hw + arm_w)
        m.box((x0, -hd, leg), (x1, hd, seat + 0.18), s.c)


@generator("office_chair")
def office_chair(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    seat_z = min(0.5, h * 0.45)
    for i in range(5):
        a = 2 * math.pi * i / 5 + math.pi / 2
        tip = (r * 0.92 * math.cos(a), r * 0.92 * math.sin(a), 0.06)
        m.rod((0.0, 0.0, 0.08), tip, 0.018, DARK_METAL, sections=8)
        m.ball((tip[0], tip[1], 0.03), (0.03, 0.03, 0.03), BLACK, subdivisions=1)
    m.cyl(0, 0, 0.06, seat_z - 0.08, 0.025, CHROME, sections=12)
    m.box((-0.12, -0.12, seat_z - 0.1), (0.12, 0.12, seat_z - 0.07), DARK_METAL)
    sw, sd = s.w * 0.75, s.d * 0.75
    m.box((-sw / 2, -sd / 2 + 0.02, seat_z - 0.08), (sw / 2, sd / 2 + 0.02, seat_z), s.c)
    m.box((-0.03, -sd / 2 - 0.03, seat_z - 0.06), (0.03, -sd / 2 + 0.04, seat_z + 0.15), DARK_METAL)
    m.box((-sw / 2 + 0.02, -sd / 2 - 0.06, seat_z + 0.1), (sw / 2 - 0.02, -sd / 2 - 0.0, h), s.c)
    for sx in (-1, 1):
        x = sx * (sw / 2 + 0.03)
        m.box((x - 0.015, -0.05, seat_z - 0.06), (x + 0.015, 0.0, seat_z + 0.2), DARK_METAL)
        m.box((x - 0.03, -0.15, seat_z + 0.2), (x + 0.03, 0.12, seat_z + 0.23), BLACK)


@generator("chair")
def chair(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    seat = min(0.47, h * 0.52)
    t = s.p.get("leg", 0.035)
    st = 0.035
    legc = darker(s.c, 0.2)
    m.legs(hw - 0.01, hd - 0.01, 0.0, seat - st, t, legc)
    m.box((-hw, -hd, seat - st), (hw, hd, seat), s.c)
    for sx in (-1, 1):  # back posts continue the back legs
        x = sx * (hw - 0.01 - t / 2)
        m.box((x - t / 2, -hd + 0.01, seat), (x + t / 2, -hd + 0.01 + t, h), legc)
    slats = s.n("slats", 1)
    for i in range(slats):
        z1 = h - i * (h - seat) * 0.3
        m.box((-hw + 0.01 + t, -hd + 0.012, z1 - (h - seat) * (0.35 if slats == 1 else 0.15)),
              (hw - 0.01 - t, -hd + 0.01 + t - 0.005, z1), s.c)
    m.box((-hw + 0.02, -hd + 0.02, 0.12), (hw - 0.02, -hd + 0.035, 0.14), legc)  # stretcher


@generator("sofa")
def sofa(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    arm_w = min(0.2, s.w * 0.09)
    back_t = min(0.22, s.d * 0.24)
    leg = min(0.1, h * 0.12)
    seat = min(0.45, h * 0.53)
    m.legs(hw, hd, 0.0, leg, 0.05, darker(s.c, 0.6), inset=0.04)
    m.box((-hw, -hd, leg), (hw, hd, seat - 0.12), darker(s.c, 0.1))
    m.box((-hw, -hd, leg), (hw, -hd + back_t * 0.5, h), s.c)  # back frame
    n = s.n("seats", 3)
    inner = s.w - 2 * arm_w
    for i in range(n):
        x0 = -hw + arm_w + i * inner / n
        m.box((x0 + 0.005, -hd + back_t, seat - 0.12), (x0 + inner / n - 0.005, hd - 0.01, seat), lighter(s.c, 0.06))
        m.box((x0 + 0.01, -hd + back_t * 0.5, seat), (x0 + inner / n - 0.01, -hd + back_t, h - 0.05), s.c)
    for sx in (-1, 1):
        x0, x1 = (hw - arm_w, hw) if sx > 0 else (-hw, -hw + arm_w)
        m.box((x0, -hd, leg), (x1, hd, seat + 0.17), s.c)


@generator("ottoman")
def ottoman(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    leg = min(0.06, h * 0.15)
    if s.p.get("round", 0.0) > 0.5:
        r = hw
        m.cyl(0, 0, leg, h - 0.02, r, s.c, sections=24, sy=hd / r)
        m.cyl(0, 0, h - 0.02, h, r * 0.95, lighter(s.c, 0.08), sections=24, sy=hd / r)
        m.cyl(0, 0, 0.0, leg, r * 0.6, darker(s.c, 0.5), sections=16)
    else:
        m.legs(hw, hd, 0.0, leg, 0.04, darker(s.c, 0.6), inset=0.03)
        m.box((-hw, -hd, leg), (hw, hd, h - 0.04), s.c)
        m.box((-hw + 0.01, -hd + 0.01, h - 0.04), (hw - 0.01, hd - 0.01, h), lighter(s.c, 0.08))


@generator("bar_stool")
def bar_stool(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    seat = h if s.p.get("back", 0.0) < 0.5 else min(h, 0.78)
    seat = min(seat, h)
    for sx in (-1, 1):
        for sy in (-1, 1):
            m.rod((sx * r * 0.45, sy * r * 0.45, seat - 0.05), (sx * (r - 0.015), sy * (r - 0.015), 0.0), 0.014,
                  darker(s.c, 0.2), sections=8)
    fz = min(0.3, seat * 0.4)
    for a in range(4):
        ang = a * math.pi / 2
        p0 = (r * 0.8 * math.cos(ang + math.pi / 4), r * 0.8 * math.sin(ang + math.pi / 4), fz)
        p1 = (r * 0.8 * math.cos(ang + 3 * math.pi / 4), r * 0.8 * math.sin(ang + 3 * math.pi / 4), fz)
        m.rod(p0, p1, 0.01, METAL, sections=8)
    m.cyl(0, 0, seat - 0.06, seat, r * 0.85, s.c, sections=24)
    if seat < h - 0.05:
        m.box((-r * 0.6, -r * 0.9, seat), (r * 0.6, -r * 0.8, h), s.c)
        m.box((-r * 0.6, -r * 0.9, h - 0.1), (r * 0.6, -r * 0.8, h), s.c)


@generator("bench")
def bench(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    t = min(0.05, h * 0.12)
    m.box((-hw, -hd, h - t), (hw, hd, h), s.c)
    if s.p.get("panel_legs", 1.0) > 0.5:
        for sx in (-1, 1):
            x = sx * (hw - 0.08)
            m.box((x - 0.02, -hd + 0.02, 0.0), (x + 0.02, hd - 0.02, h - t), darker(s.c, 0.2))
        m.box((-hw + 0.1, -0.02, h * 0.3), (hw - 0.1, 0.02, h * 0.36), darker(s.c, 0.2))
    else:
        m.legs(hw, hd, 0.0, h - t, 0.045, darker(s.c, 0.2), inset=0.04)


@generator("stool")
def stool(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    legs = s.n("legs", 3)
    for i in range(legs):
        a = 2 * math.pi * i / legs + math.pi / 2
        m.rod((r * 0.45 * math.cos(a), r * 0.45 * math.sin(a), h - 0.04),
              ((r - 0.02) * math.cos(a), (r - 0.02) * math.sin(a), 0.0), 0.018, darker(s.c, 0.15), sections=8)
    m.cyl(0, 0, h - 0.04, h, r * 0.85, s.c, sections=24)
    m.cyl(0, 0, h * 0.35, h * 0.37, r * 0.72, darker(s.c, 0.15), sections=20)
