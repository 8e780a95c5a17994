"""Household sundries: bucket, broom and dustpan, plunger; toilet-paper holder, soap dispenser and dish, tissue box,
hair dryer, bathroom scale; paper-towel holder, jars, pitcher, kitchen utensils, cutlery; power strip, telephone,
mobile phone, remote control, headphones, baby monitor; wall calendar, window blinds; bag, shoes, clothes, hat.

Object frame as everywhere: metres, z up, bottom-centre origin, front +y; wall things have their back at y = -d/2.
"""

from __future__ import annotations

import math

import numpy as np
import trimesh

from scenegen.assets.procedural.parts import (BLACK, CHROME, DARK_METAL, METAL, RGB, SCREEN, WHITE, WOOD,
                                              Parts, Spec, darker, generator, lighter, mix, rot_x, rot_z)

PAPER: RGB = (0.96, 0.96, 0.94)
KRAFT: RGB = (0.68, 0.52, 0.35)
RED: RGB = (0.8, 0.15, 0.12)


def torus(m: Parts, centre: tuple[float, float, float], major: float, minor: float, colour: RGB,
          transform: np.ndarray | None = None, sections: int = 20) -> None:
    """A closed ring of radius ``major`` (tube radius ``minor``) lying in the xy plane at ``centre``, optionally
    turned by the (4, 4) ``transform`` about its own centre first."""
    mesh = trimesh.creation.torus(major_radius=major, minor_radius=minor, major_sections=sections, minor_sections=8)
    if transform is not None:
        mesh.apply_transform(transform)
    mesh.apply_translation(centre)
    m.add(mesh, colour)


def frustum_x(m: Parts, x0: float, x1: float, r0: float, r1: float, y: float, z: float, colour: RGB,
              sections: int = 16) -> None:
    """A horizontal tapered cylinder along x from ``x0`` (radius ``r0``) to ``x1`` (radius ``r1``) at (y, z)."""
    mesh = trimesh.creation.cylinder(radius=r0, height=abs(x1 - x0), sections=sections)
    v = mesh.vertices.copy()
    top = v[:, 2] > 0
    v[top, :2] *= r1 / r0
    mesh.vertices = v
    mesh.apply_transform(trimesh.transformations.rotation_matrix(math.pi / 2, (0, 1, 0)))  # +z becomes +x
    mesh.apply_translation(((x0 + x1) / 2, y, z))
    m.add(mesh, colour)


def arc(m: Parts, p0: tuple[float, float, float], p1: tuple[float, float, float], rise: float, r: float,
        colour: RGB, steps: int = 5, axis: int = 2) -> None:
    """A bent rod (half a sine) from ``p0`` to ``p1`` bulging by ``rise`` along ``axis`` (0 x, 1 y, 2 z)."""
    pts = []
    for k in range(steps + 1):
        t = k / steps
        p = [p0[i] + (p1[i] - p0[i]) * t for i in range(3)]
        p[axis] += rise * math.sin(math.pi * t)
        pts.append(tuple(p))
    for a, b in zip(pts, pts[1:]):
        m.rod(a, b, r, colour, sections=8)
        m.ball(b, (r, r, r), colour, subdivisions=0)


# ----------------------------------------------------------------------------------------------------------------
# Cleaning
# ----------------------------------------------------------------------------------------------------------------


@generator("bucket")
def bucket(s: Spec, m: Parts) -> None:
    r, h = min(s.hw, s.hd), s.h
    body = h * 0.8 if s.p.get("handle", 1.0) > 0.5 else h
    m.cyl(0.0, 0.0, 0.0, body, r * 0.78, s.c, r_top=r * 0.97, sections=24)
    m.cyl(0.0, 0.0, body - 0.02, body + 0.004, r * 0.9, darker(s.c, 0.55), sections=24)  # the dark opening
    torus(m, (0.0, 0.0, body - 0.01), r * 0.97, 0.012, lighter(s.c, 0.1), sections=24)  # rolled rim
    if body < h:
        arc(m, (-r * 0.96, 0.0, body - 0.03), (r * 0.96, 0.0, body - 0.03), h - body + 0.02, 0.005, METAL, steps=6)


@generator("broom")
def broom(s: Spec, m: Parts) -> None:
    """An upright lobby set: the broom stands on its head at the back, the dustpan on its base in front, both
    handles vertical (a broom leant on a wall slides off in a physics settle)."""
    hw, hd, h = s.hw, s.hd, s.h
    straw = s.p.get("straw", 0.0) > 0.5
    head_d = min(0.07, s.d * 0.35)
    yb = -hd + head_d / 2  # broom axis
    if straw:
        m.cyl(0.0, yb, 0.0, h * 0.3, hw * 0.8, (0.85, 0.72, 0.4), r_top=hw * 0.15, sy=head_d / (1.6 * hw))
        m.cyl(0.0, yb, h * 0.24, h * 0.27, hw * 0.2, RED, sy=0.5)  # binding
        top = h * 0.27
    else:
        m.box((-hw * 0.9, -hd, 0.0), (hw * 0.9, -hd + head_d, 0.07), darker(s.c, 0.5))  # bristles
        m.box((-hw * 0.9, -hd, 0.07), (hw * 0.9, -hd + head_d, 0.1), s.c)  # block
        top = 0.1
    m.rod((0.0, yb, top - 0.01), (0.0, yb, h - 0.01), 0.012, WOOD if straw else s.c, sections=10)
    m.ball((0.0, yb, h - 0.012), (0.015, 0.015, 0.012), darker(s.c, 0.3))
    # the dustpan in front: a flat scoop with a hood at the back, low sides and its own upright handle
    y0 = -hd + head_d + 0.01
    pan = lighter(s.c, 0.15)
    m.box((-hw, y0, 0.0), (hw, hd, 0.008), pan)
    m.box((-hw, y0, 0.0), (hw, y0 + 0.035, 0.1), pan)  # hood
    for x0 in (-hw, hw - 0.008):  # low sides
        m.box((x0, y0, 0.0), (x0 + 0.008, hd * 0.6, 0.05), pan)
    m.rod((hw * 0.5, y0 + 0.02, 0.1), (hw * 0.5, y0 + 0.02, h * 0.72), 0.01, s.c, sections=8)
    m.cyl(hw * 0.5, y0 + 0.02, h * 0.66, h * 0.74, 0.014, darker(s.c, 0.4), sections=10)  # grip


@generator("plunger")
def plunger(s: Spec, m: Parts) -> None:
    r, h = min(s.hw, s.hd), s.h
    m.cyl(0.0, 0.0, 0.0, h * 0.14, r, s.c, r_top=r * 0.55, sections=20)  # rubber cup
    m.ball((0.0, 0.0, h * 0.14), (r * 0.55, r * 0.55, h * 0.04), s.c)
    m.cyl(0.0, 0.0, h * 0.14, h, 0.012, WOOD, sections=10)
    m.ball((0.0, 0.0, h - 0.005), (0.015, 0.015, 0.008), darker(WOOD, 0.3))


# ----------------------------------------------------------------------------------------------------------------
# Bathroom sundries
# ----------------------------------------------------------------------------------------------------------------


@generator("toilet_paper_holder")
def toilet_paper_holder(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    spare = s.p.get("spare", 0.0) > 0.5
    top = h * 0.55 if spare else h  # the roll below, a shelf with a spare above
    r = min(top * 0.48, hd * 0.85)
    zc = top - r
    m.box((-hw, -hd, max(0.0, zc - 0.03)), (-hw + 0.02, -hd + 0.015, min(top, zc + 0.03)), s.c)  # wall rose
    m.rod((-hw + 0.01, -hd + 0.008, zc), (-hw + 0.01, -hd + r + 0.01, zc), 0.006, s.c, sections=8)
    m.rod((-hw + 0.01, -hd + r + 0.01, zc), (hw * 0.8, -hd + r + 0.01, zc), 0.006, s.c, sections=8)
    m.rod((-hw + 0.03, -hd + r + 0.01, zc), (hw * 0.75, -hd + r + 0.01, zc), r, PAPER, sections=20)
    m.rod((-hw + 0.028, -hd + r + 0.01, zc), (-hw + 0.031, -hd + r + 0.01, zc), r * 0.35, darker(KRAFT, 0.2))
    m.box((hw * 0.1, -hd + r + 0.01 + r * 0.7, 0.0), (hw * 0.6, -hd + r + 0.01 + r * 0.95, zc), PAPER)  # loose end
    if spare:
        m.box((-hw, -hd, top + 0.01), (hw, hd, top + 0.02), s.c)
        rs = min((h - top - 0.02) / 2, hd * 0.9)
        m.cyl(0.0, 0.0, top + 0.02, top + 0.02 + rs * 2, rs, PAPER, sections=16)
        m.box((-hw, -hd, h - 0.001), (-hw + 0.001, -hd + 0.001, h), s.c)


@generator("soap_dispenser")
def soap_dispenser(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    body = h * 0.72
    if s.p.get("square", 0.0) > 0.5:
        m.box((-hw, -hd, 0.0), (hw, hd, body), s.c)
    else:
        m.cyl(0.0, 0.0, 0.0, body, min(hw, hd), s.c, sections=20)
    m.cyl(0.0, 0.0, body, body + h * 0.05, min(hw, hd) * 0.45, CHROME, sections=14)  # collar
    m.cyl(0.0, 0.0, body + h * 0.05, h * 0.93, 0.007, CHROME, sections=8)  # stem
    m.box((-0.012, -0.012, h * 0.9), (0.012, hd, h), CHROME)  # head and nozzle, pointing +y
    if s.p.get("square", 0.0) > 0.5:
        m.box((-hw * 0.7, hd - 0.001, body * 0.3), (hw * 0.7, hd + 0.001, body * 0.6), darker(s.c, 0.3))  # label
    else:
        m.cyl(0.0, 0.0, body * 0.3, body * 0.6, min(hw, hd) * 1.01, darker(s.c, 0.3), sections=20)  # label band


@generator("soap_dish")
def soap_dish(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.cyl(0.0, 0.0, 0.0, h * 0.2, hw * 0.7, s.c, r_top=hw, sy=hd / hw, sections=24)
    m.cyl(0.0, 0.0, h * 0.2, h * 0.45, hw, s.c, sy=hd / hw, sections=24)
    if s.p.get("soap", 1.0) > 0.5:
        soap = mix(s.c, (0.95, 0.75, 0.8), 0.7) if s.c[0] > 0.8 else (0.95, 0.9, 0.75)
        m.ball((0.0, 0.0, h * 0.5), (hw * 0.62, hd * 0.6, h * 0.5), soap, subdivisions=2)


@generator("tissue_box")
def tissue_box(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    body = h * 0.78
    m.box((-hw, -hd, 0.0), (hw, hd, body), s.c)
    m.box((-hw * 0.96, -hd - 0.001, body * 0.3), (hw * 0.96, hd + 0.001, body * 0.55), lighter(s.c, 0.35))  # band
    m.cyl(0.0, 0.0, body, body + 0.002, min(hw * 0.55, hd * 0.6), darker(s.c, 0.4), sy=0.45, sections=16)
    m.ball((0.0, 0.0, body), (min(hw * 0.3, 0.04), hd * 0.22, h - body), PAPER)  # the tissue that sticks out


@generator("hair_dryer")
def hair_dryer(s: Spec, m: Parts) -> None:
    """A hair dryer lying on its side on a counter: barrel along y (nozzle to +y), handle lying out along +x."""
    hw, hd, h = s.hw, s.hd, s.h
    r = h / 2
    xb = -hw + r  # barrel axis
    m.rod((xb, -hd + r * 0.8, r), (xb, hd * 0.55, r), r, s.c, sections=18)  # barrel
    m.box((xb - r * 0.7, -hd + r * 0.5, 0.0), (xb + r * 0.7, hd * 0.7, r), s.c)  # flat side it lies on
    m.ball((xb, -hd + r * 0.8, r), (r, r * 0.8, r), s.c)  # rounded back (the motor)
    m.rod((xb, -hd - 0.001, r), (xb, -hd + 0.004, r), r * 0.7, darker(s.c, 0.5))  # intake grille
    m.rod((xb, hd * 0.55, r), (xb, hd, r), r * 0.72, darker(s.c, 0.25), sections=18)  # nozzle
    hy = -hd * 0.05
    m.box((xb, hy - r * 0.55, 0.0), (hw - 0.01, hy + r * 0.55, r * 1.1), lighter(s.c, 0.08))  # handle
    m.box((hw - 0.012, hy - 0.004, r * 0.3), (hw, hy + 0.004, r * 0.8), darker(s.c, 0.4))  # hanging loop
    m.box((hw * 0.1, hy + r * 0.55, r * 0.4), (hw * 0.3, hy + r * 0.58, r * 0.75), WHITE)  # switch


@generator("bathroom_scale")
def bathroom_scale(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw * 0.9, -hd * 0.9, 0.0), (hw * 0.9, hd * 0.9, h * 0.3), DARK_METAL)  # feet base
    m.box((-hw, -hd, h * 0.3), (hw, hd, h), s.c)  # platform
    if s.p.get("dial", 0.0) > 0.5:
        m.cyl(0.0, hd * 0.55, h, h + 0.002, min(hw, hd) * 0.3, WHITE, sections=20)
        m.box((-0.002, hd * 0.55, h + 0.002), (0.002, hd * 0.55 + min(hw, hd) * 0.25, h + 0.003), RED)
    else:
        m.box((-hw * 0.25, hd * 0.55, h), (hw * 0.25, hd * 0.8, h + 0.002), SCREEN)
    for sx in (-1, 1):  # foot pads
        m.box((sx * hw * 0.55 - hw * 0.2, -hd * 0.5, h), (sx * hw * 0.55 + hw * 0.2, hd * 0.3, h + 0.002),
              darker(s.c, 0.12))


@generator("scrub_brush")
def scrub_brush(s: Spec, m: Parts) -> None:
    """A hand scrubbing brush lying on its bristles: a wooden back along y, bristle tufts under it; a taller box is
    a dish brush standing in its cup."""
    hw, hd, h = s.hw, s.hd, s.h
    if h > 0.12:  # a dish brush standing head-down in a cup
        m.cyl(0.0, 0.0, 0.0, h * 0.3, min(hw, hd * 0.4), darker(s.c, 0.1), sections=16)
        m.rod((0.0, 0.0, h * 0.2), (0.0, hd * 0.6, h), 0.008, s.c, sections=8)
        m.box((-hw * 0.8, -hd, 0.0), (hw * 0.8, -hd + 0.001, 0.001), s.c)
        return
    bristle = h * 0.45
    for i in range(3):  # rows of tufts
        for j in range(6):
            x, y = (i - 1) * hw * 0.6, -hd * 0.8 + j * hd * 0.32
            m.box((x - hw * 0.22, y - hd * 0.12, 0.0), (x + hw * 0.22, y + hd * 0.12, bristle + 0.002),
                  (0.93, 0.9, 0.82))
    m.box((-hw, -hd, bristle), (hw, hd * 0.95, h * 0.85), s.c)  # the wooden back
    m.ball((0.0, -hd * 0.1, h * 0.85), (hw * 0.75, hd * 0.8, h * 0.15), s.c)  # rounded grip


@generator("shower_head")
def shower_head(s: Spec, m: Parts) -> None:
    """A shower arm from the wall (back at -y) with its head at the front, facing down."""
    hw, hd, h = s.hw, s.hd, s.h
    rain = s.p.get("rain", 0.0) > 0.5
    r = min(hw, hd * 0.45) if rain else min(hw, hd * 0.3) * 0.7
    yc = hd - r
    m.rod((0.0, -hd, h - 0.03), (0.0, -hd + 0.012, h - 0.03), 0.03, s.c, sections=16)  # wall flange
    m.rod((0.0, -hd + 0.01, h - 0.03), (0.0, yc, h - 0.03), 0.011, s.c, sections=10)  # arm
    hh = min(0.025 if rain else 0.06, h * 0.25)  # head height
    m.rod((0.0, yc, h - 0.03), (0.0, yc, hh), 0.011, s.c, sections=10)  # drop
    m.cyl(0.0, yc, 0.0, hh, r, s.c, r_top=r * (0.95 if rain else 0.45), sections=24)  # head
    m.cyl(0.0, yc, -0.001, 0.002, r * 0.85, darker(s.c, 0.35), sections=24)  # nozzle face
    m.box((-hw, -hd, h - 0.001), (-hw + 0.001, -hd + 0.001, h), s.c)
    m.box((hw - 0.001, -hd, h - 0.001), (hw, -hd + 0.001, h), s.c)


# ----------------------------------------------------------------------------------------------------------------
# Kitchen sundries
# ----------------------------------------------------------------------------------------------------------------


@generator("paper_towel_holder")
def paper_towel_holder(s: Spec, m: Parts) -> None:
    r, h = min(s.hw, s.hd), s.h
    m.cyl(0.0, 0.0, 0.0, 0.015, r, s.c, sections=24)  # base
    m.cyl(0.0, 0.0, 0.015, h * 0.93, r * 0.88, PAPER, sections=24)  # the roll
    m.cyl(0.0, 0.0, 0.015, h, 0.008, s.c, sections=8)  # spindle
    m.ball((0.0, 0.0, h - 0.01), (0.014, 0.014, 0.012), s.c)
    m.box((r * 0.2, r * 0.78, h * 0.05), (r * 0.7, r * 0.95, h * 0.9), PAPER)  # loose sheet


@generator("jar")
def jar(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    n = s.n("count", 1)
    fill = float(s.p.get("fill", 0.6))
    cw = s.w / n
    r = min(cw * 0.46, hd)
    goods = ((0.6, 0.35, 0.15), (0.9, 0.85, 0.7), (0.75, 0.2, 0.15), (0.4, 0.25, 0.12), (0.95, 0.95, 0.92))
    for i in range(n):
        x = -hw + (i + 0.5) * cw
        jh = h * (1.0 if i == 0 else float(s.rng.uniform(0.7, 1.0)))
        body = jh * 0.86
        m.cyl(x, 0.0, 0.0, body, r, s.c, sections=20)  # glass
        m.cyl(x, 0.0, 0.004, 0.004 + (body - 0.01) * fill, r * 1.01, goods[int(s.rng.integers(len(goods)))],
              sections=20)  # what it holds, seen through the glass
        m.cyl(x, 0.0, body, jh, r * 0.92, WOOD if s.rng.random() < 0.5 else CHROME, sections=20)  # lid
    m.box((hw - 0.001, hd - 0.001, h - 0.001), (hw, hd, h), s.c)


@generator("pitcher")
def pitcher(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hd, hw * 0.75)
    xc = -hw * 0.1
    m.cyl(xc, 0.0, 0.0, h * 0.55, r * 0.8, s.c, r_top=r, sections=22)
    m.cyl(xc, 0.0, h * 0.55, h * 0.97, r, s.c, r_top=r * 0.85, sections=22)
    m.cyl(xc, 0.0, h * 0.96, h * 0.97 + 0.002, r * 0.78, darker(s.c, 0.4), sections=22)  # opening
    m.box((xc + r * 0.7, -r * 0.18, h * 0.9), (hw, r * 0.18, h), s.c)  # spout
    arc(m, (xc - r * 0.8, 0.0, h * 0.85), (xc - r * 0.8, 0.0, h * 0.25), -(hw + xc - r * 0.8) + 0.0, 0.012, s.c,
        axis=0)


_TOOL_HEADS = ("spatula", "ladle", "whisk", "spoon")


@generator("kitchen_utensils")
def kitchen_utensils(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    crock = h * 0.45
    m.cyl(0.0, 0.0, 0.0, crock, r * 0.9, s.c, r_top=r, sections=22)
    m.cyl(0.0, 0.0, crock - 0.01, crock + 0.002, r * 0.85, darker(s.c, 0.5), sections=22)
    n = s.n("tools", 4)
    for i in range(n):
        a = 2 * math.pi * i / n + float(s.rng.uniform(-0.3, 0.3))
        top = h * float(s.rng.uniform(0.8, 0.97)) if i else h * 0.9
        tip = (r * 0.7 * math.cos(a), r * 0.7 * math.sin(a), top)
        base = (r * 0.15 * math.cos(a), r * 0.15 * math.sin(a), crock * 0.5)
        metal = s.rng.random() < 0.5
        col = CHROME if metal else WOOD
        m.rod(base, tip, 0.007, BLACK if metal else WOOD, sections=6)
        kind = _TOOL_HEADS[int(s.rng.integers(len(_TOOL_HEADS)))] if i else "spatula"
        hx, hy, hz = tip
        if kind == "spatula":
            m.box_tf((0.06, 0.008, 0.075), rot_z(a + math.pi / 2, (hx, hy, hz - 0.03)), col)
        elif kind == "ladle":
            m.ball((hx, hy, hz - 0.03), (0.04, 0.04, 0.03), col)
        elif kind == "whisk":
            m.ball((hx, hy, hz - 0.045), (0.025, 0.025, 0.05), CHROME)
        else:
            m.ball((hx, hy, hz - 0.03), (0.022, 0.012, 0.035), col)
    m.box((hw - 0.001, hd - 0.001, h - 0.001), (hw, hd, h), s.c)
    m.box((-hw, -hd, 0.0), (-hw + 0.001, -hd + 0.001, 0.001), s.c)


@generator("cutlery")
def cutlery(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    pieces = ("fork", "knife", "spoon")[:s.n("pieces", 3)]
    slot = s.w / len(pieces)
    t = min(h, 0.006)
    for i, kind in enumerate(pieces):
        x = -hw + (i + 0.5) * slot
        pw = min(slot * 0.6, 0.025)
        m.box((x - pw * 0.35, -hd, 0.0), (x + pw * 0.35, hd * 0.1, t), s.c)  # handle
        if kind == "fork":
            m.box((x - pw / 2, hd * 0.1, 0.0), (x + pw / 2, hd * 0.35, t), s.c)
            for k in range(4):
                tx = x - pw / 2 + (k + 0.5) * pw / 4
                m.box((tx - pw * 0.06, hd * 0.35, 0.0), (tx + pw * 0.06, hd, t), s.c)
        elif kind == "knife":
            m.box((x - pw * 0.45, hd * 0.1, 0.0), (x + pw * 0.45, hd * 0.95, t * 0.8), lighter(s.c, 0.15))
            m.box((x - pw * 0.2, hd * 0.95, 0.0), (x + pw * 0.3, hd, t * 0.8), lighter(s.c, 0.15))
        else:
            m.ball((x, hd * 0.6, h * 0.5), (pw * 0.55, hd * 0.4, h * 0.5), s.c)
    m.box((hw - 0.001, hd - 0.001, h - 0.001), (hw, hd, h), s.c)
    m.box((-hw, -hd, 0.0), (-hw + 0.001, -hd + 0.001, 0.001), s.c)
