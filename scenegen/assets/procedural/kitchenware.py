"""Kitchen and dining: range hood, wall oven, kettle, toaster, coffee machine, blender, fruit bowl, plates, cups,
glasses, bottles, cutting board, pots, serving and bar carts, knife block, dish rack, water cooler."""

from __future__ import annotations

import math

from scenegen.assets.procedural.parts import (BLACK, CHROME, DARK_METAL, GLASS, SCREEN, WHITE, Parts, Spec, casework,
                                              darker, generator, lighter, rot_x)

_FRUIT = ((0.85, 0.15, 0.12), (0.95, 0.75, 0.15), (0.45, 0.7, 0.2), (0.95, 0.5, 0.1), (0.5, 0.15, 0.4))


def _corners(m: Parts, hw: float, hd: float, h: float, colour: tuple[float, float, float]) -> None:
    """Two tiny cubes at opposite corners of the box, so that a round object's bounds span its full (w, d, h)."""
    m.box((-hw, -hd, 0.0), (-hw + 0.001, -hd + 0.001, 0.001), colour)
    m.box((hw - 0.001, hd - 0.001, h - 0.001), (hw, hd, h), colour)


@generator("range_hood")
def range_hood(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    canopy = min(0.25, h * 0.4)
    m.cyl(0, 0, 0.0, canopy, hw, s.c, r_top=hw * 0.45, sections=4, sy=hd / hw)  # a four-sided pyramid canopy
    m.box((-hw, -hd, 0.0), (hw, hd, 0.03), darker(s.c, 0.1))
    m.box((-hw * 0.8, -hd * 0.8, -0.0), (hw * 0.8, hd * 0.8, 0.005), DARK_METAL)  # filter
    if s.p.get("chimney", 1.0) > 0.5:
        m.box((-hw * 0.3, -hd, canopy), (hw * 0.3, -hd + s.d * 0.55, h), s.c)
    else:
        m.box((-hw * 0.3, -hd, canopy), (hw * 0.3, -hd + 0.05, h), s.c)
    m.box((-hw * 0.5, hd - 0.005, 0.01), (-hw * 0.2, hd, 0.025), BLACK)  # controls


@generator("wall_oven")
def wall_oven(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    n = s.n("ovens", 1)
    oven_h = 0.6
    top = min(h - 0.05, 0.85 + n * oven_h)
    casework(m, -hw, hw, -hd, hd, 0.1, 0.85, [("drawer", 1, 0.5), ("drawer", 1, 0.5)], s.c)
    m.box((-hw, -hd, 0.0), (hw, hd - 0.06, 0.1), BLACK)
    for k in range(n):
        z0 = 0.85 + k * oven_h
        m.box((-hw, -hd, z0), (hw, hd - 0.02, z0 + oven_h), DARK_METAL)
        m.box((-hw + 0.03, hd - 0.02, z0 + 0.05), (hw - 0.03, hd - 0.005, z0 + oven_h - 0.12), SCREEN)
        m.box((-hw + 0.03, hd - 0.02, z0 + oven_h - 0.1), (hw - 0.03, hd - 0.01, z0 + oven_h - 0.02), BLACK)
        m.rod((-hw + 0.08, hd - 0.005, z0 + oven_h - 0.14), (hw - 0.08, hd - 0.005, z0 + oven_h - 0.14), 0.01, CHROME)
    if top < h - 0.01:
        casework(m, -hw, hw, -hd, hd, top, h, [("door", 1, 1.0)], s.c)


@generator("kettle")
def kettle(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd) * 0.8
    m.cyl(0, 0, 0.0, h * 0.08, r, BLACK, sections=20)  # base
    m.cyl(0, 0, h * 0.08, h * 0.75, r * 0.95, s.c, r_top=r * 0.75, sections=20)
    m.cyl(0, 0, h * 0.75, h * 0.8, r * 0.6, darker(s.c, 0.2), sections=16)  # lid
    m.rod((0.0, -r * 0.6, h * 0.78), (0.0, -r * 0.6, h), 0.012, BLACK, sections=8)  # handle
    m.rod((0.0, r * 0.2, h), (0.0, -r * 0.6, h), 0.012, BLACK, sections=8)
    m.rod((0.0, r * 0.8, h * 0.45), (0.0, hd, h * 0.7), r * 0.15, s.c, sections=8)  # spout at the front
    m.box((-hw, -hd, 0.0), (-hw + 0.001, -hd + 0.001, 0.001), s.c)
    m.box((hw - 0.001, hd - 0.001, 0.0), (hw, hd, 0.001), s.c)


@generator("toaster")
def toaster(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, 0.015), (hw, hd, h - 0.005), s.c)
    n = s.n("slots", 2)
    for i in range(n):
        x = -hw + (i + 0.5) * s.w / n
        m.box((x - 0.015, -hd * 0.7, h - 0.005), (x + 0.015, hd * 0.7, h), BLACK)
    m.box((-hw + 0.02, -hd + 0.02, 0.0), (hw - 0.02, hd - 0.02, 0.015), BLACK)
    m.box((hw * 0.5, hd - 0.002, h * 0.6), (hw * 0.8, hd, h * 0.75), CHROME)  # lever
    m.box((-hw * 0.8, hd - 0.002, h * 0.3), (-hw * 0.5, hd, h * 0.4), BLACK)  # dial


@generator("coffee_machine")
def coffee_machine(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, 0.0), (hw, hd - 0.05, h), s.c)  # body
    m.box((-hw * 0.8, hd - 0.12, 0.0), (hw * 0.8, hd, 0.03), DARK_METAL)  # drip tray
    m.box((-hw * 0.6, hd - 0.12, h * 0.55), (hw * 0.6, hd, h * 0.68), s.c)  # head
    m.cyl(0.0, hd - 0.07, h * 0.45, h * 0.55, 0.015, CHROME, sections=8)  # spout
    m.cyl(0.0, hd - 0.07, 0.03, 0.11, 0.035, WHITE, sections=14)  # a cup
    m.box((-hw * 0.7, hd - 0.052, h * 0.75), (hw * 0.7, hd - 0.05, h * 0.92), SCREEN)  # panel
    m.box((-hw * 0.9, -hd * 0.9, h - 0.002), (hw * 0.9, -hd * 0.2, h), GLASS)  # bean hopper lid


@generator("blender")
def blender(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    m.box((-hw, -hd, 0.0), (hw, hd, h * 0.3), s.c)  # motor base
    m.box((-hw * 0.4, hd - 0.003, h * 0.1), (hw * 0.4, hd, h * 0.2), BLACK)
    m.cyl(0, 0, h * 0.3, h * 0.92, r * 0.6, GLASS, r_top=r * 0.85, sections=16)  # jug
    m.cyl(0, 0, h * 0.92, h, r * 0.88, BLACK, sections=16)  # lid
    m.box((r * 0.75, -0.02, h * 0.4), (hw, 0.02, h * 0.85), BLACK)  # handle


@generator("fruit_bowl")
def fruit_bowl(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    bowl_h = h * 0.6
    m.cyl(0, 0, 0.0, bowl_h * 0.15, r * 0.45, s.c, sections=20)  # foot
    m.cyl(0, 0, bowl_h * 0.15, bowl_h, r * 0.55, s.c, r_top=r, sections=24, sy=hd / hw * 1.0)
    n = s.n("fruit", 5)
    for i in range(n):
        a = 2 * math.pi * i / max(1, n) + float(s.rng.uniform(-0.2, 0.2))
        fr = r * float(s.rng.uniform(0.22, 0.3))
        rad = (r - fr) * (0.55 if i % 2 else 0.2)
        z = bowl_h - fr * 0.2 + (fr * 0.8 if i % 3 == 0 else 0.0)
        m.ball((rad * math.cos(a), rad * math.sin(a), min(z, h - fr)), (fr, fr, fr), _FRUIT[i % len(_FRUIT)])
    _corners(m, hw, hd, h, s.c)


@generator("plates")
def plates(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    n = s.n("count", 4)
    t = h / n
    for k in range(n):
        m.cyl(0, 0, k * t, k * t + t * 0.35, r * 0.6, s.c, r_top=r, sections=24)
        m.cyl(0, 0, k * t + t * 0.35, (k + 1) * t, r, lighter(s.c, 0.3) if k % 2 else s.c, sections=24)
    _corners(m, hw, hd, h, s.c)


@generator("cups")
def cups(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw * 0.7, hd)
    m.cyl(-hw + r, 0.0, 0.0, h, r * 0.9, s.c, r_top=r, sections=20)
    m.cyl(-hw + r, 0.0, h - 0.003, h, r * 0.85, (0.3, 0.18, 0.1), sections=20)  # coffee
    hx = -hw + 2 * r
    m.rod((hx - 0.005, 0.0, h * 0.75), (hw, 0.0, h * 0.7), 0.007, s.c, sections=8)  # handle
    m.rod((hw, 0.0, h * 0.7), (hw - 0.004, 0.0, h * 0.3), 0.007, s.c, sections=8)
    m.rod((hw - 0.004, 0.0, h * 0.3), (hx - 0.005, 0.0, h * 0.3), 0.007, s.c, sections=8)
    _corners(m, hw, hd, h, s.c)


@generator("glasses")
def glasses(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    if s.p.get("stem", 0.0) > 0.5:
        m.cyl(0, 0, 0.0, 0.004, r * 0.8, s.c, sections=20)
        m.cyl(0, 0, 0.004, h * 0.45, 0.004, s.c, sections=8)
        m.cyl(0, 0, h * 0.45, h, r * 0.5, s.c, r_top=r, sections=20)
        m.cyl(0, 0, h * 0.5, h * 0.62, r * 0.6, (0.55, 0.1, 0.15), r_top=r * 0.75, sections=20)  # wine
    else:
        m.cyl(0, 0, 0.0, h, r * 0.85, s.c, r_top=r, sections=20)
        m.cyl(0, 0, 0.005, h * 0.6, r * 0.8, lighter(s.c, 0.4), r_top=r * 0.9, sections=20)  # water
    _corners(m, hw, hd, h, s.c)


@generator("bottles")
def bottles(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    m.cyl(0, 0, 0.0, h * 0.62, r, s.c, sections=18)
    m.cyl(0, 0, h * 0.62, h * 0.75, r, s.c, r_top=r * 0.35, sections=18)
    m.cyl(0, 0, h * 0.75, h * 0.95, r * 0.32, s.c, sections=12)
    m.cyl(0, 0, h * 0.95, h, r * 0.36, (0.6, 0.1, 0.1), sections=12)  # cap
    m.cyl(0, 0, h * 0.25, h * 0.45, r * 1.01, (0.93, 0.9, 0.8), sections=18)  # label
    _corners(m, hw, hd, h, s.c)


@generator("cutting_board")
def cutting_board(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw * 0.85, -hd, 0.0), (hw, hd, h), s.c)
    m.box((-hw, -hd * 0.25, 0.0), (-hw * 0.85, hd * 0.25, h), s.c)  # handle
    m.box((-hw * 0.6, -hd * 0.6, h - 0.001), (hw * 0.75, hd * 0.6, h), lighter(s.c, 0.1))


@generator("cooking_pot")
def cooking_pot(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw * 0.78, hd)
    lid = s.p.get("lid", 1.0) > 0.5
    body = h * (0.82 if lid else 1.0)
    m.cyl(0, 0, 0.0, body, r, s.c, sections=24)
    m.cyl(0, 0, body - 0.004, body, r * 0.93, darker(s.c, 0.5), sections=24)
    for sx in (-1, 1):  # side handles
        m.box((sx * r - (0.0 if sx > 0 else hw - r), -0.03, body * 0.75),
              (sx * r + (hw - r if sx > 0 else 0.0), 0.03, body * 0.85), BLACK)
    if lid:
        m.cyl(0, 0, body, h * 0.93, r * 1.01, lighter(s.c, 0.1), r_top=r * 0.5, sections=24)
        m.cyl(0, 0, h * 0.93, h, 0.025, BLACK, sections=10)
    else:
        m.box((-0.001, -0.001, h - 0.001), (0.001, 0.001, h), s.c)
    m.box((-0.001, -hd, 0.0), (0.001, -hd + 0.001, 0.001), s.c)
    m.box((-0.001, hd - 0.001, 0.0), (0.001, hd, 0.001), s.c)


def _cart(s: Spec, m: Parts, shelves: int, shelf_colour: tuple[float, float, float]) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    wheel = 0.04
    for sx in (-1, 1):
        for sy in (-1, 1):
            x, y = sx * (hw - 0.03), sy * (hd - 0.03)
            m.rod((x, y, wheel), (x, y, h - 0.1 if sx < 0 else h - 0.02), 0.011, s.c, sections=8)
            m.rod((x - 0.015, y, wheel), (x + 0.015, y, wheel), wheel, BLACK, sections=12)
    for k in range(shelves):
        z = wheel + 0.1 + k * (h - 0.2 - wheel) / max(1, shelves - 1)
        m.box((-hw + 0.02, -hd + 0.02, z), (hw - 0.02, hd - 0.02, z + 0.015), shelf_colour)
        m.box((-hw + 0.02, -hd + 0.02, z + 0.015), (hw - 0.02, -hd + 0.03, z + 0.05), s.c)
        m.box((-hw + 0.02, hd - 0.03, z + 0.015), (hw - 0.02, hd - 0.02, z + 0.05), s.c)
    m.rod((hw - 0.03, -hd + 0.03, h - 0.02), (hw - 0.03, hd - 0.03, h - 0.02), 0.012, s.c, sections=8)  # handle


@generator("serving_cart")
def serving_cart(s: Spec, m: Parts) -> None:
    _cart(s, m, s.n("shelves", 2), lighter(s.c, 0.1))


@generator("bar_cart")
def bar_cart(s: Spec, m: Parts) -> None:
    _cart(s, m, 2, GLASS)
    hw, hd, h = s.hw, s.hd, s.h
    top = 0.04 + 0.1 + (h - 0.2 - 0.04) + 0.015
    n = s.n("bottles", 4)
    tints = ((0.3, 0.15, 0.08), (0.15, 0.3, 0.15), (0.8, 0.75, 0.6), (0.35, 0.1, 0.12))
    for i in range(n):
        x = -hw + 0.1 + (i + 0.5) * (s.w - 0.25) / max(1, n)
        bh = min(0.28, h - top - 0.01)
        if bh > 0.05:
            m.cyl(x, 0.0, top, top + bh * 0.7, 0.035, tints[i % 4], sections=12, material="glass")
            m.cyl(x, 0.0, top + bh * 0.7, top + bh, 0.012, tints[i % 4], sections=8, material="glass")


@generator("knife_block")
def knife_block(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    body_h = h * 0.75
    # the slanted body stands on the base plate: its lowest corner at the plate's top, so the plate is the footprint
    lift = 0.01 + body_h / 2 * math.cos(0.3) + s.d * 0.4 * math.sin(0.3)
    m.box_tf((s.w, s.d * 0.8, body_h), rot_x(0.3, (0.0, hd * 0.05, lift)), s.c)
    n = s.n("knives", 5)
    for i in range(n):  # handles fanning out of the slanted top
        x = -hw * 0.7 + i * (s.w * 0.7) / max(1, n - 1)
        m.rod((x, -hd * 0.1, body_h * 0.85), (x * 1.15, -hd * 0.45, h - 0.005), 0.007, BLACK, sections=6)
    m.box((-hw, -hd, 0.0), (hw, hd, 0.01), darker(s.c, 0.2))


@generator("dish_rack")
def dish_rack(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, 0.0), (hw, hd, 0.02), DARK_METAL)  # drip tray
    for sy in (-1, 1):
        m.rod((-hw, sy * (hd - 0.01), h * 0.6), (hw, sy * (hd - 0.01), h * 0.6), 0.005, s.c, sections=6)
    for i in range(9):
        x = -hw + 0.03 + i * (s.w - 0.06) / 8
        m.rod((x, -hd + 0.01, 0.02), (x, -hd + 0.01, h * 0.6), 0.004, s.c, sections=6)
        m.rod((x, hd - 0.01, 0.02), (x, hd - 0.01, h * 0.6), 0.004, s.c, sections=6)
    for i in range(3):  # plates standing in it
        x = -hw * 0.6 + i * hw * 0.3
        m.rod((x - 0.004, 0.0, h * 0.55), (x + 0.004, 0.0, h * 0.55), min(hd * 0.9, h * 0.5), WHITE, sections=20)
    m.box((-0.001, -0.001, h - 0.001), (0.001, 0.001, h), s.c)


@generator("water_cooler")
def water_cooler(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    body = h * 0.68
    m.box((-hw, -hd, 0.0), (hw, hd, body), s.c)
    m.box((-hw * 0.6, hd - 0.003, body * 0.62), (hw * 0.6, hd, body * 0.82), darker(s.c, 0.3))  # tap recess
    for sx in (-1, 1):
        m.box((sx * hw * 0.3 - 0.015, hd - 0.03, body * 0.75), (sx * hw * 0.3 + 0.015, hd, body * 0.8),
              (0.2, 0.3, 0.8) if sx < 0 else (0.8, 0.2, 0.2))
    m.cyl(0, 0, body, h * 0.98, min(hw, hd) * 0.85, (0.55, 0.75, 0.92), r_top=min(hw, hd) * 0.8, sections=20)
    m.cyl(0, 0, h * 0.98, h, min(hw, hd) * 0.35, (0.45, 0.65, 0.85), sections=12)
