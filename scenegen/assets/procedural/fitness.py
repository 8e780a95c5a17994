"""Sport and fitness gear and care furniture: ball, baseball bat, tennis racket, plyo box, yoga block, balance board,
ab roller, sandbag, skipping rope, chin-up bar; wheelchair, massage table, baby bouncer; magazine rack, pallet,
watering can.

Object frame as everywhere: metres, z up, bottom-centre origin, front +y; wall things have their back at y = -d/2.
"""

from __future__ import annotations

import math

import numpy as np
import trimesh

from scenegen.assets.procedural.household import arc, frustum_x, torus
from scenegen.assets.procedural.parts import (BLACK, CHROME, DARK_METAL, WHITE, Parts, Spec, darker, generator,
                                              lighter, rot_x)

_COVERS = ((0.85, 0.2, 0.15), (0.15, 0.35, 0.7), (0.95, 0.8, 0.2), (0.2, 0.55, 0.3), (0.9, 0.9, 0.88))


def _corners(m: Parts, hw: float, hd: float, h: float, colour: tuple[float, float, float]) -> None:
    """Millimetre cubes at two opposite corners, so the fitted mesh spans the planned box without stretching."""
    m.box((-hw, -hd, 0.0), (-hw + 0.001, -hd + 0.001, 0.001), colour)
    m.box((hw - 0.001, hd - 0.001, h - 0.001), (hw, hd, h), colour)


def _wheel(m: Parts, x: float, y: float, r: float, t: float, tyre: tuple[float, float, float],
           hub: tuple[float, float, float], spokes: int = 0) -> None:
    """An upright wheel turning about the x axis, centred at (x, y, r): tyre ring, hub, optional spokes."""
    torus(m, (x, y, r), r - t, t, tyre, transform=rot_y90(), sections=24)
    m.rod((x - t * 0.8, y, r), (x + t * 0.8, y, r), r * 0.15, hub, sections=12)
    for k in range(spokes):
        a = math.pi * k / max(spokes, 1)
        dy, dz = (r - t) * math.cos(a), (r - t) * math.sin(a)
        m.rod((x, y - dy, r - dz), (x, y + dy, r + dz), 0.003, CHROME, sections=4)


def rot_y90() -> np.ndarray:
    """(4, 4) rotation taking the xy plane to the yz plane (a ring lying flat stands up facing x)."""
    return trimesh.transformations.rotation_matrix(math.pi / 2, (0, 1, 0))


# ----------------------------------------------------------------------------------------------------------------
# Balls, bats, rackets
# ----------------------------------------------------------------------------------------------------------------


@generator("ball")
def ball(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    big = min(hw, hd, h / 2)
    r = big / 1.03  # the seams and patches stand 1-2 % proud of the ball; the flat contact patch stays lowest
    c = big
    pattern = s.n("pattern", 0)
    # a ball at rest is squashed a little where it meets the floor: a flat patch it stands on without rolling off
    m.cyl(0.0, 0.0, 0.0, big - r * 0.97, r * 0.34, darker(s.c if pattern == 0 else WHITE, 0.1), sections=16)
    if pattern == 1:  # a football: white with dark patches
        m.ball((0.0, 0.0, c), (r, r, r), WHITE, subdivisions=2)
        for k in range(12):
            z = 1 - 2 * (k + 0.5) / 12
            a = k * 2.39996
            q = math.sqrt(max(0.0, 1 - z * z))
            p = (q * math.cos(a) * r * 0.72, q * math.sin(a) * r * 0.72, c + z * r * 0.72)
            m.ball(p, (r * 0.3, r * 0.3, r * 0.3), darker(s.c, 0.8) if k % 2 else BLACK, subdivisions=1)
        return
    base = s.c if pattern == 0 else WHITE
    m.ball((0.0, 0.0, c), (r, r, r), base, subdivisions=2)
    seam = BLACK if pattern == 0 else s.c
    t = 0.004 if pattern == 0 else r * 0.25
    m.rod((-t, 0.0, c), (t, 0.0, c), r * 1.01, seam, sections=32)  # a band around the ball (plane x = 0)
    m.rod((0.0, -t, c), (0.0, t, c), r * 1.01, seam if pattern == 0 else (0.2, 0.45, 0.8), sections=32)
    if pattern == 0:
        m.cyl(0.0, 0.0, c - t, c + t, r * 1.01, seam, sections=32)


@generator("baseball_bat")
def baseball_bat(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    with_ball = s.p.get("ball", 0.0) > 0.5 and s.d > 0.09
    r = min(h, 0.07) / 2
    y = -hd + r if with_ball else 0.0
    frustum_x(m, -hw + 0.012, -hw * 0.2, r * 0.4, r * 0.5, y, r, s.c)  # handle
    frustum_x(m, -hw * 0.2, hw * 0.55, r * 0.5, r, y, r, s.c)  # taper
    frustum_x(m, hw * 0.55, hw - r * 0.3, r, r * 0.95, y, r, s.c)  # barrel
    m.ball((hw - r * 0.3, y, r), (r * 0.3, r * 0.95, r * 0.95), s.c)
    m.rod((-hw, y, r), (-hw + 0.012, y, r), r * 0.7, darker(s.c, 0.3))  # knob
    frustum_x(m, -hw + 0.012, -hw * 0.55, r * 0.43, r * 0.46, y, r, BLACK)  # grip tape
    # a round bat rolls in a physics settle: it rests on a flat strip along its underside, out of sight
    m.box((-hw + 0.02, y - r * 0.3, 0.0), (hw - r, y + r * 0.3, r * 0.6), s.c)
    if with_ball:
        br = min(0.037, hd * 0.5)
        m.ball((hw * 0.3, hd - br, br), (br, br, br), WHITE, subdivisions=2)
    _corners(m, hw, hd, h, s.c)


@generator("tennis_racket")
def tennis_racket(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    t = min(h, 0.03) / 2
    head_ry = hd * 0.36
    cy = hd - head_ry  # head at +y, handle at -y
    ring = [(hw * 0.93 * math.cos(2 * math.pi * k / 20), cy + head_ry * math.sin(2 * math.pi * k / 20))
            for k in range(20)]
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        m.rod((x0, y0, t), (x1, y1, t), t, s.c, sections=8)
        m.ball((x1, y1, t), (t, t, t), s.c, subdivisions=0)
    for k in range(1, 8):  # strings
        x = -hw * 0.9 + k * hw * 1.8 / 8
        span = head_ry * math.sqrt(max(0.0, 1 - (x / (hw * 0.93)) ** 2))
        m.box((x - 0.001, cy - span, t - 0.001), (x + 0.001, cy + span, t + 0.001), WHITE)
    for k in range(1, 10):
        y = cy - head_ry + k * 2 * head_ry / 10
        span = hw * 0.93 * math.sqrt(max(0.0, 1 - ((y - cy) / head_ry) ** 2))
        m.box((-span, y - 0.001, t - 0.001), (span, y + 0.001, t + 0.001), WHITE)
    throat = cy - head_ry
    for sx in (-1, 1):
        m.rod((sx * hw * 0.5, throat + head_ry * 0.15, t), (0.0, throat - hd * 0.2, t), t * 0.8, s.c, sections=8)
    m.box((-0.016, -hd, 0.0), (0.016, throat - hd * 0.18, 2 * t), BLACK)  # handle grip
    _corners(m, hw, hd, h, s.c)


# ----------------------------------------------------------------------------------------------------------------
# Small fitness gear
# ----------------------------------------------------------------------------------------------------------------


@generator("plyo_box")
def plyo_box(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    if s.p.get("soft", 0.0) > 0.5:
        m.box((-hw, -hd, 0.0), (hw, hd, h), s.c)
        for z in (0.0, h):  # piping along the top and bottom edges
            for sy in (-1, 1):
                m.rod((-hw, sy * hd, z), (hw, sy * hd, z), 0.008, darker(s.c, 0.4), sections=6)
            for sx in (-1, 1):
                m.rod((sx * hw, -hd, z), (sx * hw, hd, z), 0.008, darker(s.c, 0.4), sections=6)
        m.box((-hw * 0.5, hd, h * 0.4), (hw * 0.5, hd + 0.002, h * 0.6), WHITE)  # label
        return
    ply = 0.018
    m.box((-hw + ply, -hd + ply, ply), (hw - ply, hd - ply, h - ply), darker(s.c, 0.2))
    for sx in (-1, 1):
        m.box((sx * hw - ply if sx > 0 else -hw, -hd, 0.0), (hw if sx > 0 else -hw + ply, hd, h), s.c)
    m.box((-hw + ply, -hd, 0.0), (hw - ply, -hd + ply, h), s.c)
    m.box((-hw + ply, hd - ply, 0.0), (hw - ply, hd, h), s.c)
    m.box((-hw + ply, -hd + ply, h - ply), (hw - ply, hd - ply, h), lighter(s.c, 0.05))
    for sy in (-1, 1):  # hand holes
        m.box((-hw * 0.3, sy * hd - 0.001 if sy > 0 else -hd - 0.001, h * 0.66),
              (hw * 0.3, hd + 0.001 if sy > 0 else -hd + 0.001, h * 0.76), darker(s.c, 0.7))


@generator("yoga_block")
def yoga_block(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    n = s.n("count", 1)
    bw = s.w / n
    for i in range(n):
        x0 = -hw + i * bw + (0.01 if i else 0.0)
        x1 = -hw + (i + 1) * bw
        col = s.c if i % 2 == 0 else lighter(s.c, 0.3)
        m.box((x0 + 0.008, -hd, 0.0), (x1 - 0.008, hd, h), col)
        m.box((x0, -hd + 0.008, 0.008), (x1, hd - 0.008, h - 0.008), col)  # rounded-looking edges


@generator("balance_board")
def balance_board(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    top_t = min(0.02, h * 0.3)
    if s.p.get("round", 0.0) > 0.5:
        r = min(hw, hd)
        m.ball((0.0, 0.0, (h - top_t) * 0.5), (r * 0.35, r * 0.35, (h - top_t) * 0.5), DARK_METAL)
        m.cyl(0.0, 0.0, h - top_t, h, r, s.c, sections=32)
        m.cyl(0.0, 0.0, h - 0.001, h + 0.0005, r * 0.85, BLACK, sections=32)  # grip surface
        m.box((-hw, -hd, 0.0), (-hw + 0.001, -hd + 0.001, 0.001), s.c)
        return
    roller = (h - top_t) / 2
    m.rod((-hw * 0.95, 0.0, roller), (hw * 0.95, 0.0, roller), roller, DARK_METAL, sections=20)
    m.box((-hw, -hd, h - top_t), (hw, hd, h), s.c)
    m.box((-hw * 0.9, -hd * 0.85, h - 0.001), (hw * 0.9, hd * 0.85, h + 0.0005), BLACK)
    for sx in (-1, 1):  # stops under the ends
        m.box((sx * hw * 0.9 - 0.02, -hd * 0.8, h - top_t - 0.02), (sx * hw * 0.9 + 0.02, hd * 0.8, h - top_t), s.c)
    m.box((-hw, -hd, 0.0), (-hw + 0.001, -hd + 0.001, 0.001), s.c)


@generator("ab_roller")
def ab_roller(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hd, h / 2)
    wt = min(0.08, s.w * 0.25)
    m.rod((-wt / 2, 0.0, r), (wt / 2, 0.0, r), r, s.c, sections=28)  # wheel
    for sx in (-1, 1):
        m.rod((sx * wt / 2, 0.0, r), (sx * (wt / 2 + 0.006), 0.0, r), r * 0.75, (0.85, 0.2, 0.15), sections=28)
    m.rod((-hw * 0.6, 0.0, r), (hw * 0.6, 0.0, r), 0.008, CHROME, sections=10)  # axle
    for sx in (-1, 1):  # foam handles
        m.rod((sx * hw * 0.55, 0.0, r), (sx * hw, 0.0, r), min(0.018, r * 0.3), BLACK, sections=12)


@generator("sandbag")
def sandbag(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hd, h / 2)
    m.rod((-hw + r * 0.6, 0.0, r), (hw - r * 0.6, 0.0, r), r, s.c, sections=20)
    m.box((-hw + r * 0.6, -r * 0.7, 0.0), (hw - r * 0.6, r * 0.7, r), s.c)  # a full bag settles flat underneath
    for sx in (-1, 1):
        m.ball((sx * (hw - r * 0.6), 0.0, r), (r * 0.6, r, r), darker(s.c, 0.2))
        m.rod((sx * (hw - r * 0.9), 0.0, r), (sx * (hw - r * 0.75), 0.0, r), r * 1.02, BLACK, sections=20)  # strap
    n = s.n("handles", 3)
    for k in range(n):
        x = -hw * 0.6 + k * hw * 1.2 / max(n - 1, 1)
        arc(m, (x - 0.05, 0.0, 2 * r - 0.01), (x + 0.05, 0.0, 2 * r - 0.01), min(0.04, h - 2 * r + 0.03) if h > 2 * r
            else 0.0, 0.008, BLACK, steps=4)
    _corners(m, hw, hd, h, s.c)


@generator("skipping_rope")
def skipping_rope(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    n = s.n("coils", 2)
    rope = min(0.005, h / (2 * n + 1))
    for k in range(n):
        rr = min(hw, hd) * (0.7 - 0.12 * k)
        torus(m, (float(s.rng.uniform(-0.02, 0.02)), 0.0, rope * (1 + 2 * k)), rr, rope, s.c, sections=28)
    for sx in (-1, 1):  # handles lying out from the coil
        a = sx * 0.4
        x0, y0 = sx * min(hw, hd) * 0.6, hd * 0.4
        x1, y1 = x0 + sx * 0.13 * math.cos(a), y0 + 0.13 * math.sin(abs(a))
        m.rod((x0, y0, h / 2), (x1, y1, h / 2), h / 2, darker(s.c, 0.3) if s.c[0] > 0.3 else (0.85, 0.2, 0.15),
              sections=12)
    _corners(m, hw, hd, h, s.c)


@generator("chin_up_bar")
def chin_up_bar(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    zb = h * 0.7
    for sx in (-1, 1):
        x = sx * (hw - 0.04)
        m.box((x - 0.04, -hd, h * 0.1), (x + 0.04, -hd + 0.012, h), DARK_METAL)  # wall plate
        m.box((x - 0.015, -hd, zb - 0.02), (x + 0.015, hd - 0.02, zb + 0.02), s.c)  # arm
        m.rod((x, hd * 0.2, h * 0.95), (x, hd - 0.02, zb), 0.01, s.c, sections=8)  # brace
    m.rod((-hw, hd - 0.02, zb), (hw, hd - 0.02, zb), 0.016, CHROME, sections=14)  # the bar
    for sx in (-1, 1):
        m.rod((sx * hw * 0.55, hd - 0.02, zb), (sx * hw * 0.92, hd - 0.02, zb), 0.02, BLACK, sections=14)  # foam
        if s.p.get("angled", 0.0) > 0.5:
            m.rod((sx * hw * 0.9, hd - 0.02, zb), (sx * hw * 0.78, hd - 0.02, 0.0), 0.016, s.c, sections=10)
    m.box((-hw, -hd, 0.0), (-hw + 0.001, -hd + 0.001, 0.001), s.c)


# ----------------------------------------------------------------------------------------------------------------
# Care furniture
# ----------------------------------------------------------------------------------------------------------------


@generator("wheelchair")
def wheelchair(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    big = min(0.3, h * 0.33)  # rear wheel radius (60 cm wheels)
    seat_z = min(0.5, h * 0.55)
    sw = hw - 0.06  # seat half-width inside the wheels
    for sx in (-1, 1):
        _wheel(m, sx * (hw - 0.02), -hd + big, big, 0.014, BLACK, DARK_METAL, spokes=6)
        torus(m, (sx * hw, -hd + big, big), big * 0.85, 0.005, CHROME, transform=rot_y90(), sections=20)  # rim
        _wheel(m, sx * sw * 0.9, hd - 0.08, 0.07, 0.015, BLACK, DARK_METAL)  # caster
        for x, y in ((sx * (hw - 0.02), -hd + big), (sx * sw * 0.9, hd - 0.08)):  # tyre contact patches
            m.box((x - 0.012, y - 0.03, 0.0), (x + 0.012, y + 0.03, 0.003), BLACK)
        m.rod((sx * sw * 0.9, hd - 0.08, 0.14), (sx * sw * 0.9, hd * 0.35, seat_z), 0.011, CHROME, sections=8)
        m.rod((sx * sw, -hd + big, seat_z), (sx * sw, hd * 0.35, seat_z), 0.011, CHROME, sections=8)  # seat rail
        m.rod((sx * sw, -hd + big * 0.9, 0.12), (sx * sw, -hd + big * 0.75, h - 0.04), 0.011, CHROME, sections=8)
        m.rod((sx * sw, -hd + big * 0.75, h - 0.04), (sx * sw, -hd + 0.02, h - 0.02), 0.014, BLACK, sections=8)
        m.box((sx * sw - 0.025, -hd + big * 0.9, seat_z + 0.2), (sx * sw + 0.025, hd * 0.25, seat_z + 0.23),
              BLACK)  # armrest
        m.rod((sx * sw * 0.7, hd * 0.35, seat_z), (sx * sw * 0.7, hd - 0.06, 0.16), 0.01, CHROME, sections=8)
        m.box((sx * sw * 0.7 - 0.07, hd - 0.14, 0.12), (sx * sw * 0.7 + 0.07, hd - 0.02, 0.14), BLACK)  # footrest
    m.box((-sw, -hd + big * 0.8, seat_z - 0.02), (sw, hd * 0.35, seat_z + 0.03), s.c)  # sling seat
    m.box_tf((2 * sw, 0.02, h - seat_z - 0.12), rot_x(-0.12, (0.0, -hd + big * 0.75, (h + seat_z) / 2)), s.c)


@generator("massage_table")
def massage_table(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    face = s.p.get("face_rest", 1.0) > 0.5
    y_end = hd - (0.3 if face else 0.0)  # the pad ends here; the face cradle stands beyond it at +y
    pad_t = 0.07
    m.box((-hw, -hd, h - pad_t), (hw, y_end, h), s.c)
    m.box((-hw + 0.01, -hd + 0.01, h - pad_t - 0.03), (hw - 0.01, y_end - 0.01, h - pad_t), (0.75, 0.6, 0.42))
    legc = (0.72, 0.56, 0.38)
    for y in (-hd + 0.12, y_end - 0.12):  # two leg frames with a cross brace
        for sx in (-1, 1):
            m.rod((sx * (hw - 0.05), y, 0.0), (sx * (hw - 0.05), y, h - pad_t - 0.03), 0.02, legc, sections=10)
        m.rod((-hw + 0.05, y, h * 0.2), (hw - 0.05, y, h * 0.2), 0.012, legc, sections=8)
    for sx in (-1, 1):
        m.rod((sx * (hw - 0.05), -hd + 0.12, h * 0.25), (sx * (hw - 0.05), y_end - 0.12, h * 0.25), 0.008,
              (0.85, 0.85, 0.85), sections=6)  # cables
    if face:
        torus(m, (0.0, hd - 0.14, h - 0.05), 0.11, 0.045, s.c, sections=20)
        m.box((-0.1, y_end - 0.05, h - 0.09), (0.1, y_end + 0.08, h - 0.07), CHROME)
        m.box((-0.06, hd - 0.02, h - 0.1), (0.06, hd, h - 0.02), s.c)
    _corners(m, hw, hd, h, s.c)


@generator("baby_bouncer")
def baby_bouncer(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    frame = CHROME
    r = 0.009
    for sx in (-1, 1):  # the wire base: two runners on the floor joined at the front and back
        x = sx * (hw - r)
        m.rod((x, -hd + r, r), (x, hd - r, r), r, frame, sections=8)
    m.rod((-hw + r, hd - r, r), (hw - r, hd - r, r), r, frame, sections=8)
    m.rod((-hw + r, -hd + r, r), (hw - r, -hd + r, r), r, frame, sections=8)
    seat_h = h * (0.6 if s.p.get("toy_bar", 1.0) > 0.5 else 0.95)
    for sx in (-1, 1):  # springy side wires rising to the seat back
        arc(m, (sx * (hw - 0.05), hd - 0.05, r), (sx * (hw - 0.05), -hd + 0.06, seat_h), 0.05, r, frame, steps=5,
            axis=2)
    # the fabric seat: a low front (the baby's feet, +y) rising steeply to a padded head end at the back
    m.box_tf((s.w * 0.75, s.d * 0.4, 0.06), rot_x(-0.25, (0.0, hd * 0.3, 0.09)), s.c)
    back = math.hypot(s.d * 0.45, seat_h - 0.1)
    tilt = math.atan2(seat_h - 0.1, s.d * 0.45)
    m.box_tf((s.w * 0.75, back, 0.06), rot_x(-tilt, (0.0, -hd * 0.2, (seat_h + 0.1) / 2)), s.c)
    m.rod((-hw * 0.7, -hd * 0.42, seat_h - 0.03), (hw * 0.7, -hd * 0.42, seat_h - 0.03), 0.04,
          lighter(s.c, 0.3), sections=12)  # head roll
    for sx in (-1, 1):  # the sides of the seat
        m.box_tf((0.03, back, 0.1), rot_x(-tilt, (sx * s.w * 0.36, -hd * 0.2, (seat_h + 0.1) / 2 + 0.03)),
                 darker(s.c, 0.15))
    if seat_h < h * 0.9:  # an arch of hanging toys over the seat
        arc(m, (-hw + 0.03, 0.0, seat_h * 0.5), (hw - 0.03, 0.0, seat_h * 0.5), h - seat_h * 0.5 - 0.012, 0.012,
            (0.95, 0.8, 0.3), steps=8)
        for k, col in enumerate(((0.85, 0.3, 0.3), (0.3, 0.6, 0.85), (0.4, 0.75, 0.4))):
            x = (k - 1) * hw * 0.4
            m.rod((x, 0.0, h - 0.03), (x, 0.0, h - 0.1), 0.003, WHITE, sections=4)
            m.ball((x, 0.0, h - 0.12), (0.025, 0.025, 0.025), col)
    _corners(m, hw, hd, h, s.c)


# ----------------------------------------------------------------------------------------------------------------
# Leftovers of real rooms
# ----------------------------------------------------------------------------------------------------------------


@generator("magazine_rack")
def magazine_rack(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    wall_h = h * 0.7
    t = 0.015
    for sx in (-1, 1):  # end panels with a carrying cut-out at the top
        m.box((sx * hw - (t if sx > 0 else 0.0), -hd, 0.0), (sx * hw + (0.0 if sx > 0 else t), hd, wall_h), s.c)
    for sy in (-1, 0, 1):  # front, back and middle slats
        y = sy * (hd - t / 2) if sy else 0.0
        m.box((-hw + t, y - t / 2, 0.02), (hw - t, y + t / 2, wall_h * 0.55 if sy else h * 0.85),
              darker(s.c, 0.1 * abs(sy)))
    m.box((-hw * 0.3, -t / 2 - 0.001, h * 0.66), (hw * 0.3, t / 2 + 0.001, h * 0.76), darker(s.c, 0.6))  # grip
    m.box((-hw + t, -hd, 0.0), (hw - t, hd, 0.02), darker(s.c, 0.2))
    n = s.n("magazines", 3)
    for k in range(n):  # magazines standing in the two bays, leaning a little
        bay = -1 if k % 2 == 0 else 1
        y = bay * hd * 0.5 + float(s.rng.uniform(-0.02, 0.02))
        mh = h * float(s.rng.uniform(0.8, 1.0))
        lean = float(s.rng.uniform(-0.15, 0.15))
        m.box_tf((s.w * 0.7, 0.008, mh - 0.03), rot_x(lean, (0.0, y, 0.02 + mh / 2 - 0.015)),
                 _COVERS[int(s.rng.integers(len(_COVERS)))])
    _corners(m, hw, hd, h, s.c)


@generator("pallet")
def pallet(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    count = max(1, min(4, int(round(h / 0.144))))
    ph = h / count
    board, block = ph * 0.15, ph * 0.7
    slats = s.n("slats", 5)
    for i in range(count):
        z = i * ph
        col = s.c if i % 2 == 0 else darker(s.c, 0.08)
        for y in (-hd + 0.05, 0.0, hd - 0.05):  # bottom boards along x
            m.box((-hw, y - 0.05, z), (hw, y + 0.05, z + board), darker(col, 0.1))
        for x in (-hw + 0.05, 0.0, hw - 0.05):  # blocks
            for y in (-hd + 0.05, 0.0, hd - 0.05):
                m.box((x - 0.05, y - 0.05, z + board), (x + 0.05, y + 0.05, z + board + block), darker(col, 0.2))
        for y in (-hd + 0.05, 0.0, hd - 0.05):  # stringer boards
            m.box((-hw, y - 0.05, z + board + block), (hw, y + 0.05, z + ph - board), col)
        gap = s.d / slats
        for k in range(slats):  # top deck boards across the stringers
            y = -hd + (k + 0.5) * gap
            m.box((-hw, y - gap * 0.35, z + ph - board), (hw, y + gap * 0.35, z + ph), lighter(col, 0.08))


@generator("watering_can")
def watering_can(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    body_r = min(hd, h * 0.4)
    body_w = s.w * 0.45
    xb = -hw + body_w / 2 + 0.02
    body_h = h * 0.7
    m.cyl(xb, 0.0, 0.0, body_h, body_w / 2, s.c, sy=body_r / (body_w / 2), sections=24)  # oval body
    m.cyl(xb, 0.0, body_h, body_h + 0.01, body_w * 0.3, darker(s.c, 0.2), sections=16)  # filler
    spout_end = (hw - 0.03, 0.0, h - 0.03)
    m.rod((xb + body_w * 0.35, 0.0, body_h * 0.2), spout_end, 0.012, s.c, sections=10)
    if s.p.get("rose", 1.0) > 0.5:
        m.ball(spout_end, (0.03, 0.035, 0.035), darker(s.c, 0.15))
    arc(m, (xb - body_w * 0.45, 0.0, body_h * 0.9), (xb + body_w * 0.25, 0.0, body_h * 0.95), h - body_h - 0.01,
        0.01, s.c, steps=6)
    _corners(m, hw, hd, h, s.c)
