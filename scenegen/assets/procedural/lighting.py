"""Lamps and ceiling fixtures."""

from __future__ import annotations

import math

from scenegen.assets.procedural.parts import BLACK, BULB, CREAM, METAL, Parts, Spec, darker, generator, lighter, rot_z


@generator("table_lamp")
def table_lamp(s: Spec, m: Parts) -> None:
    hw, h = s.hw, s.h
    shade = CREAM if s.p.get("shade_light", 1.0) > 0.5 else lighter(s.c, 0.3)
    base_r = min(hw, s.hd) * 0.5
    m.cyl(0, 0, 0.0, h * 0.05, base_r, darker(s.c, 0.1))
    m.cyl(0, 0, h * 0.05, h * 0.35, base_r * 0.75, s.c, r_top=base_r * 0.35)  # body
    m.cyl(0, 0, h * 0.35, h * 0.6, base_r * 0.1, METAL, sections=10)
    m.ball((0, 0, h * 0.58), (base_r * 0.25,) * 3, BULB)
    m.cyl(0, 0, h * 0.55, h, min(hw, s.hd), shade, r_top=min(hw, s.hd) * 0.65, sy=s.hd / max(hw, 1e-6),
          material="fabric")


@generator("floor_lamp")
def floor_lamp(s: Spec, m: Parts) -> None:
    h = s.h
    r = min(s.hw, s.hd)
    m.cyl(0, 0, 0.0, 0.03, r * 0.65, s.c)
    m.cyl(0, 0, 0.03, h * 0.8, 0.012, s.c, sections=10)
    m.ball((0, 0, h * 0.8), (0.03, 0.03, 0.03), BULB)
    m.cyl(0, 0, h * 0.76, h, r, CREAM, r_top=r * 0.7, material="fabric")


@generator("ceiling_light")
def ceiling_light(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    if h <= 0.2 or s.p.get("flush", 0.0) > 0.5:  # flush mount: a dome under a canopy
        m.cyl(0, 0, h * 0.8, h, r * 0.9, s.c, sections=24)
        m.cyl(0, 0, 0.0, h * 0.8, r * 0.7, lighter(s.c, 0.4), r_top=r, sections=24, material="glass")
        return
    m.cyl(0, 0, h - 0.025, h, min(0.07, r * 0.5), s.c, sections=16)  # canopy at the ceiling
    shade_h = min(0.25, h * 0.45)
    m.cyl(0, 0, shade_h, h - 0.025, 0.005, BLACK, sections=6)  # cord
    m.cyl(0, 0, 0.0, shade_h, r, s.c, r_top=r * 0.35, sections=24)  # shade, wide at the bottom
    m.ball((0, 0, shade_h * 0.3), (r * 0.3,) * 3, BULB)


@generator("chandelier")
def chandelier(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    m.cyl(0, 0, h - 0.03, h, 0.08, s.c, sections=16)
    body_z = h * 0.35
    m.cyl(0, 0, body_z, h - 0.03, 0.01, s.c, sections=8)  # chain / rod
    m.ball((0, 0, body_z), (r * 0.15, r * 0.15, r * 0.25), s.c)
    m.cyl(0, 0, 0.0, body_z - r * 0.2, r * 0.04, s.c, r_top=r * 0.1, sections=10)  # finial at the bottom
    arms = s.n("arms", 6)
    for i in range(arms):
        a = 2 * math.pi * i / arms
        tip = ((r - 0.03) * math.cos(a), (r - 0.03) * math.sin(a), body_z + h * 0.1)
        m.rod((0.0, 0.0, body_z), tip, 0.008, s.c, sections=8)
        m.cyl(tip[0], tip[1], tip[2], tip[2] + 0.015, 0.03, s.c, sections=12)  # cup
        m.cyl(tip[0], tip[1], tip[2] + 0.015, tip[2] + 0.1, 0.012, CREAM, sections=10, material="plastic")  # candle
        m.ball((tip[0], tip[1], tip[2] + 0.12), (0.015, 0.015, 0.025), BULB)


@generator("ceiling_fan")
def ceiling_fan(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    m.cyl(0, 0, h - 0.04, h, 0.07, s.c, sections=16)
    motor_top = min(h - 0.04, 0.2)
    m.cyl(0, 0, motor_top, h - 0.04, 0.012, s.c, sections=8)  # downrod
    m.cyl(0, 0, 0.06, motor_top, 0.1, s.c, sections=20)  # motor
    m.cyl(0, 0, 0.0, 0.06, 0.06, lighter(s.c, 0.5), r_top=0.09, sections=16, material="glass")  # light bowl
    blades = s.n("blades", 5)
    blade_c = darker(s.c, 0.45) if s.p.get("wood_blades", 1.0) > 0.5 else s.c
    for i in range(blades):
        a = 2 * math.pi * i / blades
        length = r - 0.08
        mid = 0.08 + length / 2
        m.box_tf((length, min(0.14, r * 0.2), 0.01), rot_z(a, (mid * math.cos(a), mid * math.sin(a), 0.11)), blade_c)
