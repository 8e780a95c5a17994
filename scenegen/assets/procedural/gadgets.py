"""Small things of daily life: power strip, telephone, mobile phone, remote control, headphones, baby monitor; wall
calendar and window blinds; bag, shoes, a pile of clothes and a hat.

Object frame as everywhere: metres, z up, bottom-centre origin, front +y; wall things have their back at y = -d/2.
"""

from __future__ import annotations

import math

import numpy as np
import trimesh

from scenegen.assets.procedural.household import KRAFT, RED, arc
from scenegen.assets.procedural.parts import (BLACK, CHROME, DARK_METAL, SCREEN, Parts, Spec, darker, generator,
                                              lighter, rot_x, rot_z)

_ART = ((0.85, 0.3, 0.2), (0.2, 0.4, 0.7), (0.95, 0.78, 0.3), (0.3, 0.55, 0.35), (0.9, 0.55, 0.6))


def _corners(m: Parts, hw: float, hd: float, h: float, colour: tuple[float, float, float]) -> None:
    """Millimetre cubes at two opposite corners, so the fitted mesh spans the planned box without stretching."""
    m.box((-hw, -hd, 0.0), (-hw + 0.001, -hd + 0.001, 0.001), colour)
    m.box((hw - 0.001, hd - 0.001, h - 0.001), (hw, hd, h), colour)


# ----------------------------------------------------------------------------------------------------------------
# Electronics
# ----------------------------------------------------------------------------------------------------------------


@generator("power_strip")
def power_strip(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    body_x0 = -hw + s.w * 0.15  # the cable leaves at -x
    m.box((body_x0, -hd, 0.0), (hw, hd, h), s.c)
    n = s.n("sockets", 4)
    step = (hw - body_x0 - 0.05) / n
    for i in range(n):
        x = body_x0 + 0.045 + (i + 0.5) * step
        m.cyl(x, 0.0, h, h + 0.001, min(step * 0.38, hd * 0.7), darker(s.c, 0.15), sections=16)
        for sx in (-1, 1):
            m.box((x + sx * 0.006 - 0.0015, -0.004, h), (x + sx * 0.006 + 0.0015, 0.004, h + 0.0015), BLACK)
    m.box((body_x0 + 0.008, -hd * 0.5, h), (body_x0 + 0.03, hd * 0.5, h + 0.002), RED)  # switch
    m.rod((-hw, 0.0, h * 0.35), (body_x0, 0.0, h * 0.35), min(0.004, h * 0.3), darker(s.c, 0.05), sections=8)


@generator("telephone")
def telephone(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    base_h = h * 0.5
    m.box((-hw * 0.8, -hd, 0.0), (hw * 0.8, hd, base_h * 0.45), s.c)
    slope = math.atan2(base_h * 0.55, s.d)
    m.box_tf((s.w * 1.6 / 2, s.d / math.cos(slope), base_h * 0.5),
             rot_x(slope, (0.0, 0.0, base_h * 0.45 + base_h * 0.02)), s.c)  # the wedge, rising to the back
    keys = lighter(s.c, 0.7)
    if s.p.get("rotary", 0.0) > 0.5:
        dz = base_h * 0.75
        m.cyl(0.0, hd * 0.4, dz - 0.01, dz + 0.012, min(hw, hd) * 0.42, keys, sections=20)
        for k in range(10):
            a = 2 * math.pi * k / 12
            m.cyl(min(hw, hd) * 0.3 * math.cos(a), hd * 0.4 + min(hw, hd) * 0.3 * math.sin(a), dz + 0.012,
                  dz + 0.014, 0.007, BLACK, sections=6)
    else:
        for i in range(4):
            for j in range(3):
                x, y = (j - 1) * hw * 0.22, hd * 0.8 - i * hd * 0.17
                z = base_h * 0.45 + (hd - y) / s.d * base_h * 0.55
                m.box((x - 0.011, y - 0.008, z), (x + 0.011, y + 0.008, z + 0.012), keys)
    # the handset across the back: a grip with an ear and a mouth piece resting in the cradle
    zc = h - min(hd, h) * 0.2
    yc = -hd * 0.55
    m.rod((-hw * 0.75, yc, zc), (hw * 0.75, yc, zc), min(hd, h) * 0.14, s.c, sections=12)
    for sx in (-1, 1):
        m.ball((sx * hw * 0.8, yc, zc - h * 0.12), (hw * 0.2, hd * 0.32, h * 0.14), lighter(s.c, 0.08))
        m.box((sx * hw * 0.8 - 0.02, yc - 0.02, base_h), (sx * hw * 0.8 + 0.02, yc + 0.02, zc - h * 0.2),
              darker(s.c, 0.3))  # cradle prong
    arc(m, (-hw * 0.8, yc, base_h * 0.3), (-hw, hd * 0.5, 0.01), -0.03, 0.003, BLACK, steps=4, axis=0)  # coiled cord


@generator("mobile_phone")
def mobile_phone(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, 0.0), (hw, hd, h * 0.85), s.c)
    m.box((-hw * 0.9, -hd * 0.93, h * 0.85), (hw * 0.9, hd * 0.93, h), SCREEN)
    m.box((-hw * 0.8, -hd * 0.7, h * 0.999), (hw * 0.8, hd * 0.75, h), (0.16, 0.3, 0.5))  # lit screen
    m.cyl(0.0, hd * 0.87, h * 0.99, h, 0.003, BLACK, sections=8)  # front camera


@generator("remote_control")
def remote_control(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, 0.0), (hw, hd, h * 0.8), s.c)
    m.box((-hw * 0.85, -hd * 0.9, h * 0.8), (hw * 0.85, hd * 0.9, h * 0.85), lighter(s.c, 0.08))
    m.cyl(hw * 0.45, hd * 0.8, h * 0.85, h, hw * 0.22, RED, sections=10)  # power
    m.cyl(0.0, hd * 0.45, h * 0.85, h, hw * 0.42, DARK_METAL, sections=16)  # navigation ring
    for i in range(4):
        for j in range(3):
            x, y = (j - 1) * hw * 0.5, -hd * 0.05 - i * hd * 0.18
            m.box((x - hw * 0.16, y - hd * 0.05, h * 0.85), (x + hw * 0.16, y + hd * 0.05, h * 0.97),
                  lighter(s.c, 0.45))


@generator("headphones")
def headphones(s: Spec, m: Parts) -> None:
    """Headphones lying on a desk: the two ear cups flat at +-x, the headband arching back along -y between them
    (stood on their round cups they roll over)."""
    hw, hd, h = s.hw, s.hd, s.h
    cup_r = min(hw * 0.42, hd * 0.4)
    yc = hd - cup_r
    for sx in (-1, 1):
        x = sx * (hw - cup_r)
        m.cyl(x, yc, 0.0, h * 0.6, cup_r, s.c, sections=20)  # cup
        m.cyl(x, yc, h * 0.6, h, cup_r * 0.85, darker(s.c, 0.5), sections=20)  # cushion (facing up)
        m.rod((x, yc - cup_r * 0.9, h * 0.3), (x, yc - cup_r * 1.3, h * 0.3), 0.005, CHROME, sections=8)  # slider
    band_r = min(0.009, h * 0.2)
    arc(m, (-(hw - cup_r), yc - cup_r * 1.3, band_r), (hw - cup_r, yc - cup_r * 1.3, band_r),
        -(yc - cup_r * 1.3 + hd - band_r), band_r, lighter(s.c, 0.1), steps=8, axis=1)  # the band, lying flat


@generator("baby_monitor")
def baby_monitor(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    m.cyl(0.0, 0.0, 0.0, h * 0.12, r, s.c, r_top=r * 0.85, sections=20)  # foot
    m.cyl(0.0, 0.0, h * 0.12, h * 0.45, r * 0.18, lighter(s.c, 0.05), sections=10)  # neck
    head = min(r, (h * 0.55) / 2)
    m.ball((0.0, 0.0, h - head), (r * 0.95, r * 0.9, head), s.c, subdivisions=2)  # camera head
    m.rod((0.0, r * 0.5, h - head), (0.0, hd, h - head), head * 0.45, BLACK, sections=16)  # lens
    m.cyl(r * 0.45, r * 0.55, h - head * 0.5, h - head * 0.45, 0.004, (0.2, 0.8, 0.3), sections=6)  # status light


@generator("sound_machine")
def sound_machine(s: Spec, m: Parts) -> None:
    """A white-noise machine: a low drum with a domed, slotted top and a dial at the front."""
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    m.cyl(0.0, 0.0, 0.0, h * 0.65, r, s.c, r_top=r * 0.95, sections=28)
    m.ball((0.0, 0.0, h * 0.65), (r * 0.95, r * 0.95, h * 0.35), s.c, subdivisions=2)
    for k in range(8):  # speaker slots round the top
        a = 2 * math.pi * k / 8
        m.box_tf((r * 0.45, 0.006, 0.01), rot_z(a, (r * 0.45 * math.cos(a), r * 0.45 * math.sin(a), h * 0.88)),
                 darker(s.c, 0.45))
    m.rod((0.0, r * 0.9, h * 0.35), (0.0, r * 1.0, h * 0.35), r * 0.18, darker(s.c, 0.2), sections=14)  # dial
    m.cyl(r * 0.45, r * 0.8, h * 0.2, h * 0.25, 0.005, (0.3, 0.6, 0.9), sections=8)  # light


# ----------------------------------------------------------------------------------------------------------------
# Walls and windows
# ----------------------------------------------------------------------------------------------------------------


@generator("wall_calendar")
def wall_calendar(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, 0.0), (hw, 0.0, h * 0.96), s.c)  # the pages
    m.box((-hw * 0.92, 0.0, h * 0.52), (hw * 0.92, hd * 0.6, h * 0.92), _ART[int(s.rng.integers(len(_ART)))])
    m.box((-hw * 0.6, 0.0, h * 0.62), (hw * 0.3, hd * 0.8, h * 0.8), _ART[int(s.rng.integers(len(_ART)))])
    cw, ch = s.w * 0.9 / 7, h * 0.42 / 5
    for i in range(5):  # the month's grid of days
        for j in range(7):
            x0, z0 = -hw * 0.9 + j * cw, h * 0.05 + i * ch
            col = RED if j == 6 else lighter(s.c, 0.0) if (i + j) % 2 else darker(s.c, 0.08)
            m.box((x0 + cw * 0.08, 0.0, z0 + ch * 0.08), (x0 + cw * 0.92, hd * 0.4, z0 + ch * 0.92), col)
    m.rod((-hw * 0.9, hd * 0.2, h * 0.95), (hw * 0.9, hd * 0.2, h * 0.95), min(hd * 0.8, 0.006), DARK_METAL,
          sections=8)  # binding
    m.box((-0.003, -hd, h * 0.94), (0.003, hd, h), DARK_METAL)  # hanger


@generator("blinds")
def blinds(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    drop = h * float(s.p.get("drop", 0.8))
    m.box((-hw, -hd, h - 0.05), (hw, hd, h), lighter(s.c, 0.05))  # head rail
    bottom = h - drop
    if s.p.get("slatted", 0.0) > 0.5:
        n = max(4, min(40, int(drop / 0.05)))
        step = (drop - 0.05) / n
        for k in range(n):
            z = h - 0.05 - (k + 1) * step
            m.box_tf((s.w * 0.97, s.d * 0.7, 0.004), rot_x(0.35, (0.0, 0.0, z + step * 0.5)), s.c)
        for sx in (-0.6, 0.6):  # ladder strings
            m.box((sx * hw - 0.002, -0.002, bottom), (sx * hw + 0.002, 0.002, h - 0.05), darker(s.c, 0.2))
    else:
        m.rod((-hw * 0.98, 0.0, h - 0.07), (hw * 0.98, 0.0, h - 0.07), min(hd, 0.03), s.c, sections=14)  # roller
        m.box((-hw * 0.97, -hd * 0.3, bottom + 0.02), (hw * 0.97, hd * 0.1, h - 0.07), s.c)  # the sheet
    m.box((-hw * 0.98, -hd * 0.6, bottom), (hw * 0.98, hd * 0.6, bottom + 0.025), darker(s.c, 0.25))  # bottom bar
    m.rod((hw * 0.9, hd * 0.7, 0.0), (hw * 0.9, hd * 0.7, h - 0.05), 0.002, darker(s.c, 0.4), sections=6)  # cord
    m.ball((hw * 0.9, hd * 0.7, 0.012), (0.008, 0.008, 0.012), darker(s.c, 0.4))
    _corners(m, hw, hd, h, s.c)


# ----------------------------------------------------------------------------------------------------------------
# Bags, shoes, clothes
# ----------------------------------------------------------------------------------------------------------------


@generator("bag")
def bag(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    style = s.n("style", 0)
    if style == 2:  # a paper shopping bag with rope handles
        body = h * 0.72
        m.box((-hw, -hd, 0.0), (hw, hd, body), KRAFT)
        m.box((-hw * 0.98, -hd * 0.98, body), (hw * 0.98, hd * 0.98, body + 0.004), darker(KRAFT, 0.35))
        for sy in (-1, 1):
            arc(m, (-hw * 0.4, sy * hd * 0.8, body - 0.02), (hw * 0.4, sy * hd * 0.8, body - 0.02), h - body + 0.015,
                0.004, darker(KRAFT, 0.3), steps=6)
        m.box((-hw * 0.5, hd, body * 0.35), (hw * 0.5, hd + 0.001, body * 0.6), s.c)  # printed logo
        return
    body = h * (0.62 if style == 0 else 0.7)
    if style == 0:  # a handbag: tapered body, flap, clasp, two handles
        tapered(m, (-hw, -hd, 0.0), (hw, hd, body), 0.72, s.c)
        m.box_tf((s.w * 0.88, 0.012, body * 0.45), rot_x(-0.08, (0.0, hd * 0.85, body * 0.72)), darker(s.c, 0.15))
        m.box((-0.015, hd * 0.9, body * 0.5), (0.015, hd, body * 0.58), (0.8, 0.68, 0.3))  # clasp
        arc(m, (-hw * 0.5, 0.0, body), (hw * 0.5, 0.0, body), h - body - 0.008, 0.008, darker(s.c, 0.2), steps=8)
    else:  # a tote: tall soft body, straps over the top
        tapered(m, (-hw, -hd, 0.0), (hw, hd, body), 1.15, s.c, top_y=0.6)
        m.box((-hw * 1.1, -hd * 0.55, body), (hw * 1.1, hd * 0.55, body + 0.003), darker(s.c, 0.4))
        for sy in (-1, 1):
            arc(m, (-hw * 0.45, sy * hd * 0.9, body - 0.05), (hw * 0.45, sy * hd * 0.9, body - 0.05),
                h - body + 0.04, 0.008, lighter(s.c, 0.25), steps=7)


def tapered(m: Parts, lo: tuple[float, float, float], hi: tuple[float, float, float], top_x: float, colour,
            top_y: float = 1.0) -> None:
    """A box from ``lo`` to ``hi`` whose top face is scaled by ``top_x`` along x and ``top_y`` along y (a bag body
    narrowing to its opening)."""
    mesh = trimesh.creation.box(extents=np.subtract(hi, lo))
    v = mesh.vertices.copy()
    top = v[:, 2] > 0
    v[top, 0] *= top_x
    v[top, 1] *= top_y
    mesh.vertices = v
    mesh.apply_translation(np.add(lo, hi) / 2.0)
    m.add(mesh, colour)


def _placed(m: Parts, mesh: trimesh.Trimesh, tf: np.ndarray, colour: tuple[float, float, float]) -> None:
    """Add a closed ``mesh`` moved by the (4, 4) ``tf``."""
    mesh.apply_transform(tf)
    m.add(mesh, colour)


def _block(lo: tuple[float, float, float], hi: tuple[float, float, float]) -> trimesh.Trimesh:
    mesh = trimesh.creation.box(extents=np.subtract(hi, lo))
    mesh.apply_translation(np.add(lo, hi) / 2.0)
    return mesh


def _egg(centre: tuple[float, float, float], radii: tuple[float, float, float]) -> trimesh.Trimesh:
    mesh = trimesh.creation.icosphere(subdivisions=1, radius=1.0)
    mesh.apply_scale(radii)
    mesh.apply_translation(centre)
    return mesh


def _shoe(m: Parts, x: float, angle: float, w: float, d: float, h: float, boot: bool,
          colour: tuple[float, float, float]) -> None:
    """One shoe along y (toe at +y), ``w`` x ``d`` (metres), turned by ``angle`` (rad) about z and set at x;
    ``h`` is the top of the shaft for a boot, else the top of the heel counter."""
    tf = rot_z(angle, (x, 0.0, 0.0))
    sole, low = 0.02, min(h, 0.1)
    _placed(m, _block((-w / 2, -d / 2, 0.0), (w / 2, d / 2, sole)), tf, darker(colour, 0.6))
    _placed(m, _egg((0.0, d * 0.15, low * 0.45), (w / 2 * 0.95, d * 0.35, low * 0.45)), tf, colour)  # toe box
    _placed(m, _block((-w / 2 * 0.92, -d / 2, sole), (w / 2 * 0.92, d * 0.05, low)), tf, colour)  # heel
    _placed(m, _block((-w / 2 * 0.6, -d * 0.32, low - 0.004), (w / 2 * 0.6, -d * 0.02, low + 0.002)), tf,
            darker(colour, 0.55))  # the opening
    if boot and h > 0.12:
        shaft = trimesh.creation.cylinder(radius=w / 2 * 0.9, height=h - sole, sections=16)
        shaft.apply_scale((1.0, 1.25, 1.0))
        shaft.apply_translation((0.0, -d * 0.22, (h + sole) / 2))
        _placed(m, shaft, tf, colour)


@generator("shoes")
def shoes(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    boot = s.p.get("boots", 0.0) > 0.5 and h > 0.12
    splay = float(s.p.get("splay", 0.15))
    sw = s.w * 0.4
    sd = s.d * 0.85
    for sx in (-1, 1):
        _shoe(m, sx * s.w * 0.24, -sx * splay * 0.5, sw, sd, h if boot else min(h, 0.1), boot, s.c)
    _corners(m, hw, hd, h, s.c)


@generator("clothes")
def clothes(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    n = s.n("layers", 3)
    t = h / n
    palette = (s.c, lighter(s.c, 0.4), (0.85, 0.84, 0.8), darker(s.c, 0.3), (0.6, 0.2, 0.2), (0.25, 0.3, 0.4))
    for k in range(n):
        col = palette[int(s.rng.integers(len(palette)))] if k else s.c
        dx, dy = float(s.rng.uniform(-0.02, 0.02)), float(s.rng.uniform(-0.02, 0.02))
        shrink = 0.04 * k
        x0, x1 = -hw + shrink * hw + abs(dx), hw - shrink * hw - abs(dx)
        y0, y1 = -hd + abs(dy), hd - abs(dy)
        z0 = k * t
        m.box((x0, y0, z0), (x1, y1 - t * 0.5, z0 + t * 0.96), col)
        m.rod((x0, y1 - t * 0.5, z0 + t * 0.48), (x1, y1 - t * 0.5, z0 + t * 0.48), t * 0.48, lighter(col, 0.05),
              sections=10)  # the folded front edge
        if k == n - 1:  # a collar or a waistband on top
            m.box((-hw * 0.25, y1 - t * 0.5 - 0.05, z0 + t * 0.96), (hw * 0.25, y1 - t * 0.5, z0 + t),
                  darker(col, 0.2))
    _corners(m, hw, hd, h, s.c)


@generator("hat")
def hat(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    brim = float(s.p.get("brim", 0.25))
    crown = min(hw, hd) * (1.0 - brim)
    m.cyl(0.0, 0.0, 0.0, h * 0.08, min(hw, hd), s.c, sy=hd / hw if hw else 1.0, sections=28)  # brim
    m.cyl(0.0, 0.0, h * 0.08, h * 0.85, crown, s.c, r_top=crown * 0.85, sections=24)  # crown
    m.ball((0.0, 0.0, h * 0.85), (crown * 0.85, crown * 0.85, h * 0.15), s.c)
    m.cyl(0.0, 0.0, h * 0.08, h * 0.28, crown * 1.02, darker(s.c, 0.55), sections=24)  # band
