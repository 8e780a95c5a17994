"""Children's rooms: bunk and loft beds, changing table, toy box, rocking horse, play kitchen, dollhouse, play mat,
mobile, playpen, stroller, stuffed animal."""

from __future__ import annotations

import math

from scenegen.assets.procedural.parts import (BLACK, CHROME, CREAM, DARK_METAL, WHITE, Parts, Spec, casework, darker,
                                              generator, lighter)

_TOY_COLOURS = ((0.9, 0.25, 0.2), (0.2, 0.5, 0.85), (0.95, 0.8, 0.2), (0.3, 0.7, 0.35), (0.75, 0.4, 0.8))


def _deck(m: Parts, hw: float, hd: float, z: float, frame: tuple[float, float, float], bedding: tuple[float, ...]
          ) -> None:
    """A bed deck at height ``z``: frame rails, a mattress and a pillow at the head (-y)."""
    m.box((-hw + 0.05, -hd + 0.05, z - 0.06), (hw - 0.05, hd - 0.05, z), frame)
    m.box((-hw + 0.06, -hd + 0.06, z), (hw - 0.06, hd - 0.06, z + 0.14), WHITE)
    m.box((-hw + 0.07, -hd + 0.55, z + 0.14), (hw - 0.07, hd - 0.07, z + 0.17), bedding)
    m.ball((0.0, -hd + 0.25, z + 0.19), (hw * 0.55, 0.14, 0.05), CREAM)


@generator("bunk_bed")
def bunk_bed(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    post = 0.06
    for sx in (-1, 1):
        for sy in (-1, 1):
            x, y = sx * (hw - post / 2), sy * (hd - post / 2)
            m.box((x - post / 2, y - post / 2, 0.0), (x + post / 2, y + post / 2, h), s.c)
    low, high = 0.2, h - 0.5
    if s.p.get("lower_bunk", 1.0) > 0.5:
        _deck(m, hw, hd, low + 0.06, s.c, (0.35, 0.55, 0.8))
    _deck(m, hw, hd, high, s.c, (0.85, 0.45, 0.4))
    for z in (high + 0.3, h - 0.05):  # guard rails around the top bunk
        for sx in (-1, 1):
            m.box((sx * (hw - 0.03) - 0.015, -hd + post, z - 0.04), (sx * (hw - 0.03) + 0.015, hd - post, z), s.c)
        m.box((-hw + post, -hd + 0.01, z - 0.04), (hw - post, -hd + 0.04, z), s.c)
    ladder_x = (-1 if s.p.get("ladder_left", 0.0) > 0.5 else 1) * (hw - 0.35)
    for dx in (-0.18, 0.18):  # a ladder at the foot end (+y)
        m.box((ladder_x + dx - 0.02, hd - 0.04, 0.0), (ladder_x + dx + 0.02, hd, h - 0.05), s.c)
    for k in range(5):
        z = 0.3 + k * (high - 0.2) / 5
        m.rod((ladder_x - 0.16, hd - 0.02, z), (ladder_x + 0.16, hd - 0.02, z), 0.015, darker(s.c, 0.2), sections=8)
    m.box((-hw + post, hd - 0.04, high + 0.26), (ladder_x - 0.2, hd - 0.01, high + 0.3), s.c)


@generator("loft_bed")
def loft_bed(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    post = 0.06
    for sx in (-1, 1):
        for sy in (-1, 1):
            x, y = sx * (hw - post / 2), sy * (hd - post / 2)
            m.box((x - post / 2, y - post / 2, 0.0), (x + post / 2, y + post / 2, h), s.c)
    deck = h - 0.45
    _deck(m, hw, hd, deck, s.c, (0.45, 0.6, 0.8))
    for sx in (-1, 1):
        m.box((sx * (hw - 0.03) - 0.015, -hd + post, h - 0.05), (sx * (hw - 0.03) + 0.015, hd - post, h), s.c)
    m.box((-hw + post, -hd + 0.01, h - 0.05), (hw - post, -hd + 0.04, h), s.c)
    for k in range(6):  # ladder at the foot end (+y)
        z = 0.25 + k * (deck - 0.3) / 6
        m.rod((-hw + 0.12, hd - 0.03, z), (-hw + 0.45, hd - 0.03, z), 0.014, darker(s.c, 0.2), sections=8)
    m.box((-hw + 0.45, hd - 0.05, 0.0), (-hw + 0.49, hd - 0.01, deck + 0.3), s.c)
    if s.p.get("desk", 1.0) > 0.5:  # a desk and a shelf underneath
        m.box((-hw + post, -hd + 0.4, 0.72), (hw - post, hd - 0.55, 0.75), lighter(s.c, 0.05))
        casework(m, hw - 0.5, hw - post, -hd + 0.4, hd - 0.55, 0.0, 0.72, [("drawer", 1, 1.0)] * 3, s.c)
        m.box((-hw + post, -hd + post, 1.0), (hw - post, -hd + 0.3, 1.02), s.c)


@generator("changing_table")
def changing_table(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    top = h - 0.1
    casework(m, -hw, hw, -hd, hd, 0.05, top, [("drawer", 2 if s.w > 0.8 else 1, 1.0)] * 3, s.c)
    m.box((-hw + 0.02, -hd + 0.02, 0.0), (hw - 0.02, hd - 0.05, 0.05), darker(s.c, 0.3))
    m.box((-hw, -hd, top), (hw, hd, top + 0.01), s.c)
    for sx in (-1, 1):  # rails that keep the baby on
        m.box((sx * hw - (0.02 if sx > 0 else 0.0), -hd, top), (sx * hw + (0.0 if sx > 0 else 0.02), hd, h), s.c)
    m.box((-hw, -hd, top), (hw, -hd + 0.02, h), s.c)
    m.box((-hw + 0.03, -hd + 0.03, top + 0.01), (hw - 0.03, hd - 0.03, top + 0.06), (0.75, 0.88, 0.95))  # pad


@generator("toy_box")
def toy_box(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    lid = 0.03
    body = h - lid if s.p.get("open", 0.0) < 0.5 else h * 0.72
    m.box((-hw, -hd, 0.0), (hw, hd, body), s.c)
    m.box((-hw + 0.03, hd - 0.002, body * 0.3), (hw - 0.03, hd, body * 0.7), lighter(s.c, 0.35))  # label panel
    if s.p.get("open", 0.0) < 0.5:
        m.box((-hw - 0.0, -hd, body), (hw, hd, h), darker(s.c, 0.15))
        return
    m.box((-hw, -hd, body), (hw, -hd + lid, h), darker(s.c, 0.15))  # lid flipped up at the back
    for i in range(s.n("toys", 3)):  # toy blocks level with the rim: a stuffed animal put in sits flat on them
        x = -hw * 0.6 + i * hw * 1.2 / max(1, s.n("toys", 3) - 1)
        r = min(0.08, hd * 0.4)
        m.box((x - r, -r, body - 2 * r), (x + r, r, body + 0.002), _TOY_COLOURS[i % len(_TOY_COLOURS)])


@generator("rocking_horse")
def rocking_horse(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    for sx in (-1, 1):  # two curved rockers along y
        x = sx * (hw - 0.02)
        arc = [(-1 + 2 * i / 7) * 1.2 for i in range(8)]
        pts = [(x, hd * math.sin(a), 0.02 + 0.08 * (1 - math.cos(a))) for a in arc]
        for p0, p1 in zip(pts, pts[1:]):
            m.rod(p0, p1, 0.018, darker(s.c, 0.3), sections=8)
    body_z = h * 0.55
    for sy in (-1, 1):
        for sx in (-1, 1):
            m.rod((sx * hw * 0.35, sy * hd * 0.28, body_z), (sx * (hw - 0.02), sy * hd * 0.55, 0.1), 0.022, s.c,
                  sections=8)
    m.ball((0.0, 0.0, body_z), (hw * 0.55, hd * 0.38, h * 0.13), s.c, subdivisions=2)  # body
    m.rod((0.0, hd * 0.3, body_z), (0.0, hd * 0.5, h * 0.85), hw * 0.25, s.c, sections=12)  # neck
    m.ball((0.0, hd * 0.62, h * 0.86), (hw * 0.3, hd * 0.16, h * 0.08), s.c, subdivisions=2)  # head (front +y)
    m.box((-0.02, hd * 0.2, h * 0.72), (0.02, hd * 0.5, h), darker(s.c, 0.5))  # mane
    m.box((-hw * 0.4, -hd * 0.1, body_z + h * 0.1), (hw * 0.4, hd * 0.15, body_z + h * 0.14), (0.7, 0.15, 0.15))
    m.rod((0.0, -hd * 0.35, body_z), (0.0, -hd * 0.55, body_z - h * 0.2), 0.025, darker(s.c, 0.5), sections=8)


@generator("play_kitchen")
def play_kitchen(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    accent = ((0.95, 0.7, 0.75), (0.65, 0.88, 0.78), (0.6, 0.75, 0.92), (0.98, 0.88, 0.5))[s.n("accent", 0) % 4]
    counter = h * 0.55
    casework(m, -hw, hw, -hd, hd, 0.0, counter - 0.03, [("door", 2, 1.0)], s.c, front=accent)
    m.box((-hw, -hd, counter - 0.03), (hw, hd, counter), lighter(s.c, 0.05))
    for x in (-hw * 0.55, -hw * 0.15):  # hob rings
        m.cyl(x, 0.0, counter, counter + 0.01, min(0.06, hd * 0.3), BLACK, sections=16)
    m.box((hw * 0.2, -hd * 0.6, counter - 0.01), (hw * 0.8, hd * 0.6, counter + 0.002), CHROME)  # sink
    m.box((-hw, -hd, counter), (hw, -hd + 0.03, h), s.c)  # back panel
    m.box((-hw + 0.05, -hd + 0.03, h * 0.8), (hw - 0.05, -hd + 0.15, h * 0.82), accent)  # shelf
    m.rod((hw * 0.5, -hd + 0.05, counter), (hw * 0.5, -hd + 0.05, counter + 0.15), 0.01, CHROME)
    m.cyl(-hw * 0.6, -hd + 0.1, h * 0.82, h * 0.82 + 0.08, 0.04, (0.9, 0.3, 0.25), sections=12)  # a toy pot
    m.box((-hw, -hd, h - 0.001), (-hw + 0.001, -hd + 0.001, h), s.c)


@generator("dollhouse")
def dollhouse(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    floors = s.n("floors", 2)
    wall_top = h * 0.7
    t = 0.015
    m.box((-hw, -hd, 0.0), (hw, -hd + t, wall_top), s.c)  # back
    for sx in (-1, 1):
        m.box((sx * hw - (t if sx > 0 else 0.0), -hd, 0.0), (sx * hw + (0.0 if sx > 0 else t), hd, wall_top), s.c)
    for k in range(floors + 1):
        z = k * wall_top / floors
        m.box((-hw, -hd, max(0.0, z - t)), (hw, hd, max(t, z)), lighter(s.c, 0.2))
    m.box((-t / 2, -hd, 0.0), (t / 2, hd * 0.6, wall_top), s.c)  # a dividing wall
    for sx in (-1, 1):  # gable roof: two slanted slabs made of stepped boxes
        for k in range(6):
            x0, x1 = sorted((sx * hw * (1 - k / 6), sx * hw * (1 - (k + 1) / 6)))
            z0 = wall_top + (h - wall_top) * k / 6
            m.box((x0, -hd, z0), (x1, hd, z0 + (h - wall_top) / 6 + 0.01), (0.7, 0.3, 0.3))
    for k in range(floors):  # windows on the back wall
        z = (k + 0.4) * wall_top / floors
        for sx in (-1, 1):
            m.box((sx * hw * 0.5 - 0.04, -hd + t, z), (sx * hw * 0.5 + 0.04, -hd + t + 0.003, z + 0.08),
                  (0.7, 0.85, 0.95))


@generator("play_mat")
def play_mat(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    n = s.n("tiles", 4)
    size = min(s.w, s.d) / n
    nx, ny = max(1, round(s.w / size)), max(1, round(s.d / size))
    colours = ((0.55, 0.75, 0.9), (0.95, 0.75, 0.4), (0.6, 0.85, 0.55), (0.95, 0.6, 0.65))
    for i in range(nx):
        for j in range(ny):
            x0, y0 = -hw + i * s.w / nx, -hd + j * s.d / ny
            m.box((x0, y0, 0.0), (x0 + s.w / nx, y0 + s.d / ny, h), colours[(i + j) % 4] if (i + j) % 2 else s.c)


@generator("baby_mobile")
def baby_mobile(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    m.cyl(0, 0, h - 0.02, h, 0.04, s.c, sections=12)
    hub = h * 0.55
    m.rod((0.0, 0.0, hub), (0.0, 0.0, h - 0.02), 0.004, s.c, sections=6)
    arms, charms = s.n("arms", 3), s.n("charms", 3)
    for i in range(arms):
        a = math.pi * i / arms
        p0 = (-(r - 0.02) * math.cos(a), -(r - 0.02) * math.sin(a), hub)
        p1 = ((r - 0.02) * math.cos(a), (r - 0.02) * math.sin(a), hub)
        m.rod(p0, p1, 0.004, darker(s.c, 0.2), sections=6)
        for end in (p0, p1):
            for k in range(charms):
                z = hub - 0.05 - k * (hub - 0.05) / charms
                col = _TOY_COLOURS[(i * 2 + k) % len(_TOY_COLOURS)]
                if k == charms - 1:
                    m.ball((end[0], end[1], max(0.025, z)), (0.025, 0.025, 0.025), col)
                else:
                    m.box((end[0] - 0.02, end[1] - 0.004, z - 0.02), (end[0] + 0.02, end[1] + 0.004, z + 0.02), col)
            m.rod((end[0], end[1], 0.05), (end[0], end[1], hub), 0.0015, CREAM, sections=4)


@generator("playpen")
def playpen(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw + 0.03, -hd + 0.03, 0.0), (hw - 0.03, hd - 0.03, 0.05), (0.75, 0.85, 0.95))  # floor pad
    for sx in (-1, 1):
        for sy in (-1, 1):
            m.box((sx * hw - (0.04 if sx > 0 else 0.0), sy * hd - (0.04 if sy > 0 else 0.0), 0.0),
                  (sx * hw + (0.0 if sx > 0 else 0.04), sy * hd + (0.0 if sy > 0 else 0.04), h), s.c)
    for z in (0.05, h - 0.04):
        m.box((-hw, -hd, z), (hw, -hd + 0.03, z + 0.04), s.c)
        m.box((-hw, hd - 0.03, z), (hw, hd, z + 0.04), s.c)
        m.box((-hw, -hd, z), (-hw + 0.03, hd, z + 0.04), s.c)
        m.box((hw - 0.03, -hd, z), (hw, hd, z + 0.04), s.c)
    for sx in (-1, 1):  # slats
        n = max(3, int(s.d / 0.09))
        for i in range(n):
            y = -hd + (i + 0.5) * s.d / n
            m.box((sx * (hw - 0.015) - 0.01, y - 0.01, 0.09), (sx * (hw - 0.015) + 0.01, y + 0.01, h - 0.04), s.c)
    for sy in (-1, 1):
        n = max(3, int(s.w / 0.09))
        for i in range(n):
            x = -hw + (i + 0.5) * s.w / n
            m.box((x - 0.01, sy * (hd - 0.015) - 0.01, 0.09), (x + 0.01, sy * (hd - 0.015) + 0.01, h - 0.04), s.c)


@generator("stroller")
def stroller(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    wr = min(0.12, h * 0.12)
    for sx in (-1, 1):
        for y in (-hd + wr, hd - wr):
            m.rod((sx * (hw - 0.03), y, wr), (sx * (hw - 0.0), y, wr), wr, BLACK, sections=16)
        m.rod((sx * (hw - 0.05), -hd + wr, wr), (sx * (hw - 0.05), hd * 0.2, h * 0.5), 0.012, DARK_METAL, sections=8)
        m.rod((sx * (hw - 0.05), hd - wr, wr), (sx * (hw - 0.05), -hd * 0.2, h * 0.5), 0.012, DARK_METAL, sections=8)
        m.rod((sx * (hw - 0.05), -hd * 0.2, h * 0.5), (sx * (hw - 0.05), -hd + 0.02, h - 0.02), 0.012, DARK_METAL,
              sections=8)
    m.rod((-hw + 0.05, -hd + 0.02, h - 0.02), (hw - 0.05, -hd + 0.02, h - 0.02), 0.016, BLACK, sections=8)  # handle
    m.box((-hw * 0.7, -hd * 0.35, h * 0.45), (hw * 0.7, hd * 0.55, h * 0.62), s.c)  # seat tub
    m.box((-hw * 0.7, -hd * 0.4, h * 0.5), (hw * 0.7, -hd * 0.25, h * 0.85), s.c)  # back
    m.ball((0.0, -hd * 0.1, h * 0.82), (hw * 0.75, hd * 0.4, h * 0.12), darker(s.c, 0.2))  # canopy


@generator("stuffed_animal")
def stuffed_animal(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.ball((0.0, 0.0, h * 0.3), (hw * 0.75, hd * 0.8, h * 0.3), s.c, subdivisions=2)  # body
    m.cyl(0.0, 0.0, 0.0, h * 0.1, min(hw * 0.6, hd * 0.65), s.c, sections=16)  # it sits on a flat, stuffed seat
    m.ball((0.0, hd * 0.1, h * 0.72), (hw * 0.6, hd * 0.6, h * 0.26), s.c, subdivisions=2)  # head
    for sx in (-1, 1):
        m.ball((sx * hw * 0.45, hd * 0.05, h * 0.94), (hw * 0.2, hd * 0.12, h * 0.06), darker(s.c, 0.15))  # ears
        m.ball((sx * hw * 0.6, hd * 0.45, h * 0.12), (hw * 0.22, hd * 0.28, h * 0.12), s.c)  # feet
        m.ball((sx * hw * 0.78, hd * 0.2, h * 0.38), (hw * 0.2, hd * 0.2, h * 0.13), s.c)  # arms
        m.ball((sx * hw * 0.2, hd * 0.62, h * 0.76), (0.01, 0.008, 0.01), BLACK)  # eyes
    m.ball((0.0, hd * 0.66, h * 0.68), (hw * 0.2, hd * 0.12, h * 0.08), lighter(s.c, 0.4))  # muzzle
    m.box((-hw, -hd, 0.0), (-hw + 0.001, -hd + 0.001, 0.001), s.c)
    m.box((hw - 0.001, hd - 0.001, 0.0), (hw, hd, 0.001), s.c)
