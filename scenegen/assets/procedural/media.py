"""Work and media, bath and laundry, household odds: keyboard, mouse, desk organiser, pen holder, projector and
screen, game console, gaming PC, soundbar, podium, flip chart; bath mat, towel, ironing board, drying rack; vacuum
cleaner, fire extinguisher, suitcase, backpack, air purifier, safe."""

from __future__ import annotations

import math

from scenegen.assets.procedural.parts import (BLACK, CHROME, DARK_METAL, METAL, WHITE, Parts, Spec, darker,
                                              generator, lighter, rot_x)

_PENS = ((0.1, 0.2, 0.7), (0.8, 0.1, 0.1), (0.1, 0.1, 0.1), (0.95, 0.8, 0.1), (0.2, 0.6, 0.3))
_RGB = ((0.1, 0.9, 0.95), (0.95, 0.2, 0.85), (0.2, 0.95, 0.3))


def _pin(m: Parts, hw: float, hd: float, h: float, colour: tuple[float, float, float]) -> None:
    m.box((-hw, -hd, 0.0), (-hw + 0.001, -hd + 0.001, 0.001), colour)
    m.box((hw - 0.001, hd - 0.001, h - 0.001), (hw, hd, h), colour)


@generator("keyboard")
def keyboard(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box_tf((s.w, s.d, h * 0.6), rot_x(0.04, (0.0, 0.0, h * 0.35)), s.c)
    rows, cols = 5, max(8, int(s.w / 0.02))
    kw, kd = s.w * 0.94 / cols, s.d * 0.8 / rows
    for r in range(rows):
        for c in range(cols if r < rows - 1 else 3):
            x = -hw + s.w * 0.03 + c * kw if r < rows - 1 else -kw * 3 + c * kw * 2
            y = -hd + s.d * 0.1 + r * kd
            w = kw * (0.85 if r < rows - 1 else 1.8)
            m.box((x, y, h * 0.6), (x + w, y + kd * 0.85, h), lighter(s.c, 0.25))
    _pin(m, hw, hd, h, s.c)


@generator("computer_mouse")
def computer_mouse(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    z0 = 0.0
    if s.p.get("pad", 0.0) > 0.5:
        z0 = 0.003
        m.box((-hw, -hd, 0.0), (hw, hd, z0), BLACK)
        mw, md = min(0.065, s.w * 0.4), min(0.11, s.d * 0.6)
    else:
        mw, md = s.w, s.d
    body = h - z0
    m.ball((0.0, 0.0, z0 + body / 2), (mw / 2, md / 2, body / 2), s.c, subdivisions=2)
    m.box((-mw * 0.35, -md * 0.4, z0), (mw * 0.35, md * 0.4, z0 + body * 0.35), s.c)  # flat sole: no rocking
    m.box((-0.002, 0.0, h * 0.8), (0.002, md * 0.4, h), darker(s.c, 0.5))  # button split
    _pin(m, hw, hd, h, s.c)


@generator("desk_organiser")
def desk_organiser(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    n = s.n("slots", 3)
    t = 0.005
    m.box((-hw, -hd, 0.0), (hw, hd, t), s.c)
    for i in range(n + 1):  # dividers stepping down to the front
        y = -hd + i * (s.d - t) / n
        m.box((-hw, y, 0.0), (hw, y + t, h * (1.0 - 0.5 * i / n)), s.c)
    for sx in (-1, 1):
        m.box((sx * hw - (t if sx > 0 else 0.0), -hd, 0.0), (sx * hw + (0.0 if sx > 0 else t), hd, h), s.c)
    for i in range(n):  # papers in the slots
        y = -hd + (i + 0.5) * (s.d - t) / n
        m.box((-hw * 0.85, y - 0.003, t), (hw * 0.85, y + 0.003, h * (0.95 - 0.5 * i / n)), WHITE)


@generator("pen_holder")
def pen_holder(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    cup = h * 0.65
    m.cyl(0, 0, 0.0, cup, r * 0.85, s.c, sections=18)
    for i in range(s.n("pens", 5)):
        a = 2 * math.pi * i / max(1, s.n("pens", 5)) + float(s.rng.uniform(-0.3, 0.3))
        x, y = r * 0.4 * math.cos(a), r * 0.4 * math.sin(a)
        m.rod((x * 0.5, y * 0.5, cup * 0.2), (x * 1.8, y * 1.8, h - 0.004), 0.004, _PENS[i % len(_PENS)], sections=6)
    _pin(m, hw, hd, h, s.c)


@generator("projector")
def projector(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    body_h = min(0.12, h * 0.5)
    m.box((-hw, -hd, 0.0), (hw, hd, body_h), s.c)
    m.rod((hw * 0.4, hd - 0.01, body_h / 2), (hw * 0.4, hd, body_h / 2), body_h * 0.35, BLACK, sections=18)  # lens
    m.rod((hw * 0.4, hd - 0.012, body_h / 2), (hw * 0.4, hd - 0.002, body_h / 2), body_h * 0.25, (0.3, 0.4, 0.6),
          sections=18)
    for k in range(4):  # vents
        m.box((-hw * 0.8 + k * 0.03, hd - 0.002, body_h * 0.3), (-hw * 0.8 + k * 0.03 + 0.015, hd, body_h * 0.7),
              darker(s.c, 0.4))
    m.box((-0.06, -0.06, body_h), (0.06, 0.06, body_h + 0.02), DARK_METAL)  # ceiling mount plate
    m.cyl(0, 0, body_h + 0.02, h - 0.01, 0.02, DARK_METAL, sections=10)
    m.box((-0.07, -0.07, h - 0.01), (0.07, 0.07, h), DARK_METAL)


@generator("projector_screen")
def projector_screen(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.rod((-hw, 0.0, h - 0.05), (hw, 0.0, h - 0.05), min(0.05, hd), DARK_METAL, sections=12)  # roller housing
    m.box((-hw + 0.04, -hd * 0.3, 0.05), (hw - 0.04, hd * 0.2, h - 0.08), s.c)  # the screen
    m.box((-hw + 0.04, hd * 0.2 - 0.001, h - 0.25), (hw - 0.04, hd * 0.2, h - 0.08), BLACK)  # top border
    m.rod((-hw + 0.04, 0.0, 0.05), (hw - 0.04, 0.0, 0.05), 0.012, BLACK, sections=8)  # bottom bar
    m.box((-hw, -hd, 0.0), (-hw + 0.001, -hd + 0.001, 0.001), s.c)


@generator("game_console")
def game_console(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    if s.p.get("upright", 0.0) > 0.5 and h > 0.15:
        bw = min(s.w, 0.1)
        m.box((-bw / 2, -hd, 0.0), (bw / 2, hd, h), s.c)
        m.box((-bw / 2 + 0.01, -hd, h * 0.3), (bw / 2 - 0.01, hd, h * 0.7), BLACK)  # black core
        m.box((-hw, -hd, 0.0), (-hw + 0.001, -hd + 0.001, 0.001), s.c)
        m.box((hw - 0.001, hd - 0.001, 0.0), (hw, hd, 0.001), s.c)
        return
    bh = min(h, 0.08)
    m.box((-hw, -hd, 0.0), (hw, hd, bh * 0.45), s.c)
    m.box((-hw, -hd, bh * 0.45), (hw, hd, bh * 0.55), BLACK)
    m.box((-hw, -hd, bh * 0.55), (hw, hd, bh), s.c)
    m.box((hw * 0.6, hd - 0.002, bh * 0.2), (hw * 0.8, hd, bh * 0.35), (0.2, 0.5, 0.95))  # power light
    if h > bh + 0.001:
        m.box((-0.001, -0.001, h - 0.001), (0.001, 0.001, h), s.c)


@generator("gaming_pc")
def gaming_pc(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    glow = _RGB[s.n("rgb", 0)] if s.n("rgb", 0) < 3 else None
    m.box((-hw, -hd, 0.02), (hw, hd, h), s.c)
    m.box((-hw - 0.0, -hd * 0.9, 0.06), (-hw + 0.003, hd * 0.9, h - 0.04), (0.12, 0.14, 0.18))  # glass side
    for sy in (-1, 1):
        m.box((-hw * 0.8, sy * hd * 0.8 - 0.02, 0.0), (hw * 0.8, sy * hd * 0.8 + 0.02, 0.02), BLACK)  # feet
    if glow is not None:
        for k in range(3):  # three lit fans on the front
            z = 0.1 + k * (h - 0.15) / 3 + 0.05
            m.rod((0.0, hd - 0.002, z), (0.0, hd, z), min(hw * 0.8, 0.06), glow, sections=16)
    m.box((-hw * 0.6, hd - 0.001, h - 0.06), (-hw * 0.2, hd, h - 0.04), CHROME)  # power button


@generator("soundbar")
def soundbar(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, 0.005), (hw, hd, h), s.c)
    m.box((-hw + 0.01, hd - 0.002, 0.01), (hw - 0.01, hd, h - 0.01), darker(s.c, 0.5))  # grille
    for sx in (-1, 1):
        m.box((sx * hw * 0.8 - 0.02, -hd * 0.5, 0.0), (sx * hw * 0.8 + 0.02, hd * 0.5, 0.005), BLACK)


@generator("podium")
def podium(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, 0.0), (hw, hd, 0.05), darker(s.c, 0.3))  # base
    m.box((-hw * 0.8, -hd * 0.7, 0.05), (hw * 0.8, hd * 0.8, h - 0.12), s.c)  # column
    m.box((-hw * 0.5, hd * 0.8 - 0.001, h * 0.45), (hw * 0.5, hd * 0.8, h * 0.65), (0.75, 0.62, 0.3))  # emblem
    if s.p.get("slant", 1.0) > 0.5:
        m.box_tf((s.w, s.d * 0.9, 0.04), rot_x(0.35, (0.0, 0.0, h - 0.07)), s.c)  # slanted reading desk
    else:  # a flat top, for what the plan stands on it
        m.box((-hw, -hd, h - 0.12), (hw, hd, h), s.c)
    m.rod((hw * 0.5, -hd * 0.2, h - 0.05), (hw * 0.3, 0.0, h), 0.005, BLACK, sections=6)  # microphone
    m.box((-hw, -hd, h - 0.001), (-hw + 0.001, -hd + 0.001, h), s.c)


@generator("flip_chart")
def flip_chart(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    board_top = h - 0.05
    board_h = min(1.0, h * 0.5)
    for sx in (-1, 1):  # tripod legs
        m.rod((sx * (hw - 0.03), hd - 0.03, 0.0), (sx * 0.2, 0.0, board_top - board_h), 0.012, s.c, sections=8)
    m.rod((0.0, -hd + 0.03, 0.0), (0.0, -0.03, board_top - board_h), 0.012, s.c, sections=8)
    m.box((-0.3, -0.02, board_top - board_h), (0.3, 0.0, board_top), WHITE)  # board
    m.box((-0.3, 0.0, board_top - board_h * 0.9), (0.3, 0.006, board_top), (0.97, 0.97, 0.95))  # paper pad
    for k in range(3):  # writing
        m.box((-0.22, 0.006, board_top - 0.15 - k * 0.1), (0.1 + 0.05 * k, 0.008, board_top - 0.14 - k * 0.1),
              (0.15, 0.3, 0.7))
    m.box((-0.32, -0.03, board_top), (0.32, 0.02, h), s.c)
    m.box((-0.3, 0.0, board_top - board_h - 0.03), (0.3, 0.06, board_top - board_h), s.c)  # marker tray


@generator("bath_mat")
def bath_mat(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, 0.0), (hw, hd, h * 0.8), s.c)
    for k in range(5):  # ribbed pile
        y = -hd + 0.04 + k * (s.d - 0.08) / 5
        m.box((-hw + 0.04, y, h * 0.8), (hw - 0.04, y + (s.d - 0.08) / 10, h), lighter(s.c, 0.12))


@generator("towel")
def towel(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    n = s.n("count", 3)
    t = h / n
    for k in range(n):
        col = s.c if k % 2 == 0 else lighter(s.c, 0.1)
        m.box((-hw, -hd, k * t), (hw, hd - t / 2, (k + 1) * t - 0.002), col)
        m.rod((-hw, hd - t / 2, k * t + t / 2), (hw, hd - t / 2, k * t + t / 2), t / 2 - 0.001, col, sections=10)
        m.box((-hw, hd - t * 0.8, k * t + t * 0.3), (hw, hd - t * 0.79, k * t + t * 0.45), darker(s.c, 0.2))


@generator("ironing_board")
def ironing_board(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    top = h - 0.03
    m.box((-hw + hd, -hd, top), (hw - 0.05, hd, h), s.c)
    m.cyl(-hw + hd, 0.0, top, h, hd, s.c, sections=20)  # the pointed nose
    for sx in (-1, 1):  # X legs
        m.rod((sx * hw * 0.45, -hd + 0.02, 0.0), (-sx * hw * 0.3, 0.0, top), 0.011, METAL, sections=8)
        m.rod((sx * hw * 0.45, hd - 0.02, 0.0), (-sx * hw * 0.3, 0.0, top), 0.011, METAL, sections=8)
        m.rod((sx * hw * 0.45, -hd + 0.02, 0.01), (sx * hw * 0.45, hd - 0.02, 0.01), 0.011, METAL, sections=8)
    m.box((hw - 0.12, -hd, top), (hw, hd, top + 0.01), DARK_METAL)  # iron rest
    if s.p.get("iron", 0.0) > 0.5:
        m.box((hw - 0.11, -0.06, top + 0.01), (hw - 0.01, 0.06, top + 0.05), (0.3, 0.5, 0.8))
        m.box((hw - 0.09, -0.02, top + 0.05), (hw - 0.03, 0.02, h), (0.3, 0.5, 0.8))
    else:
        m.box((hw - 0.001, -0.001, h - 0.001), (hw, 0.001, h), s.c)


@generator("drying_rack")
def drying_rack(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    for sy in (-1, 1):  # A-frame
        for sx in (-1, 1):
            m.rod((sx * (hw - 0.02), sy * (hd - 0.02), 0.0), (sx * (hw - 0.02), sy * 0.05, h - 0.02), 0.01, s.c,
                  sections=6)
    for k in range(6):
        t = (k + 1) / 7
        y = (hd - 0.02) * (1 - t) + 0.05 * t
        z = (h - 0.02) * t
        for sy in (-1, 1):
            m.rod((-hw + 0.02, sy * y, z), (hw - 0.02, sy * y, z), 0.005, s.c, sections=6)
    palette = ((0.3, 0.45, 0.75), (0.9, 0.9, 0.85), (0.8, 0.3, 0.3), (0.35, 0.35, 0.35))
    for i in range(s.n("laundry", 3)):
        x = -hw + 0.1 + (i + 0.5) * (s.w - 0.2) / max(1, s.n("laundry", 3))
        m.box((x - 0.08, -hd * 0.55, h * 0.3), (x + 0.08, -hd * 0.5, h * 0.85), palette[i % 4])
    m.rod((-hw + 0.02, 0.0, h - 0.01), (hw - 0.02, 0.0, h - 0.01), 0.01, s.c, sections=6)


@generator("vacuum_cleaner")
def vacuum_cleaner(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    if h < 0.3:  # a robot vacuum
        m.cyl(0, 0, 0.0, h, min(hw, hd), s.c, sections=28, sy=hd / hw)
        m.cyl(0, 0, h - 0.002, h, min(hw, hd) * 0.35, BLACK, sections=16)
        return
    m.box((-hw, hd * 0.2, 0.0), (hw, hd, 0.07), darker(s.c, 0.4))  # floor head at the front
    m.box((-hw * 0.6, -hd, 0.0), (hw * 0.6, hd * 0.2, h * 0.35), s.c)  # body
    m.cyl(0.0, -hd * 0.4, h * 0.1, h * 0.35, min(hw * 0.5, hd * 0.5), (0.7, 0.75, 0.8), sections=16)  # bin
    m.rod((0.0, -hd * 0.2, h * 0.35), (0.0, -hd * 0.5, h - 0.05), 0.018, METAL, sections=8)  # handle
    m.box((-0.05, -hd * 0.55, h - 0.06), (0.05, -hd * 0.45, h), BLACK)


@generator("fire_extinguisher")
def fire_extinguisher(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw * 0.7, hd)
    m.cyl(-hw + r, 0.0, 0.0, h * 0.8, r, s.c, sections=20)
    m.cyl(-hw + r, 0.0, h * 0.8, h * 0.86, r, s.c, r_top=r * 0.4, sections=20)
    m.cyl(-hw + r, 0.0, h * 0.86, h * 0.92, r * 0.35, BLACK, sections=12)  # valve
    m.box((-hw + r - 0.01, -0.01, h * 0.92), (-hw + r + r * 1.2, 0.01, h), BLACK)  # lever
    m.rod((-hw + r, 0.0, h * 0.9), (hw, 0.0, h * 0.5), 0.008, BLACK, sections=6)  # hose
    m.cyl(-hw + r, 0.0, h * 0.35, h * 0.55, r * 1.01, WHITE, sections=20)  # label
    m.box((-hw, -hd, 0.0), (-hw + 0.001, -hd + 0.001, 0.001), s.c)


@generator("suitcase")
def suitcase(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    body = h * 0.78
    m.box((-hw, -hd, 0.04), (hw, hd, body), s.c)
    for k in range(3):
        x = -hw * 0.6 + k * hw * 0.6
        m.box((x - 0.01, hd - 0.002, 0.06), (x + 0.01, hd, body - 0.02), darker(s.c, 0.2))  # ribs
    for sx in (-1, 1):
        for sy in (-1, 1):
            m.cyl(sx * (hw - 0.03), sy * (hd - 0.03), 0.0, 0.04, 0.02, BLACK, sections=10)  # wheels
        m.rod((sx * hw * 0.5, -hd + 0.02, body), (sx * hw * 0.5, -hd + 0.02, h - 0.02), 0.008, METAL, sections=6)
    m.rod((-hw * 0.5, -hd + 0.02, h - 0.015), (hw * 0.5, -hd + 0.02, h - 0.015), 0.015, BLACK, sections=8)


@generator("backpack")
def backpack(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, 0.0), (hw, hd * 0.4, h * 0.88), s.c)
    m.ball((0.0, -hd * 0.3, h * 0.88), (hw, hd * 0.7, h * 0.12), s.c)  # rounded top
    m.box((-hw * 0.8, hd * 0.4, 0.03), (hw * 0.8, hd, h * 0.45), darker(s.c, 0.15))  # front pocket
    m.box((-hw * 0.6, hd - 0.002, h * 0.4), (hw * 0.6, hd, h * 0.42), BLACK)  # zip
    for sx in (-1, 1):  # straps at the back
        m.box((sx * hw * 0.5 - 0.025, -hd, h * 0.1), (sx * hw * 0.5 + 0.025, -hd + 0.01, h * 0.85), BLACK)


@generator("air_purifier")
def air_purifier(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    m.cyl(0, 0, 0.0, h * 0.92, r, s.c, sections=24)
    for k in range(8):  # intake slots
        z = h * 0.15 + k * h * 0.08
        m.cyl(0, 0, z, z + h * 0.03, r * 1.005, darker(s.c, 0.15), sections=24)
    m.cyl(0, 0, h * 0.92, h, r * 0.9, (0.35, 0.35, 0.38), sections=24)  # outlet grille
    m.cyl(0, r * 0.5, h - 0.001, h, r * 0.15, (0.3, 0.8, 0.5), sections=10)


@generator("safe_box")
def safe_box(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, 0.0), (hw, hd - 0.03, h), s.c)
    m.box((-hw + 0.03, hd - 0.03, 0.03), (hw - 0.03, hd - 0.005, h - 0.03), lighter(s.c, 0.08))  # door
    m.rod((0.0, hd - 0.005, h * 0.6), (0.0, hd, h * 0.6), min(0.05, hw * 0.2), CHROME, sections=20)  # dial
    m.rod((hw * 0.4, hd - 0.005, h * 0.45), (hw * 0.4, hd, h * 0.45), 0.012, CHROME, sections=8)
    m.box((hw * 0.4 - 0.005, hd - 0.004, h * 0.3), (hw * 0.4 + 0.005, hd, h * 0.45), CHROME)  # handle
