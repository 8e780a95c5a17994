"""Sport and music: exercise machines, weights, mats, instruments."""

from __future__ import annotations

import math

from scenegen.assets.procedural.parts import (BLACK, CHROME, DARK_METAL, METAL, Parts, SCREEN, Spec, WHITE, darker,
    generator, lighter)


@generator("treadmill")
def treadmill(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    deck_h = 0.18
    m.box((-hw + 0.05, -hd, 0.0), (hw - 0.05, hd - 0.15, deck_h), s.c)  # deck
    m.box((-hw + 0.1, -hd + 0.05, deck_h), (hw - 0.1, hd - 0.2, deck_h + 0.01), BLACK)  # belt
    m.box((-hw + 0.05, hd - 0.35, 0.0), (hw - 0.05, hd, 0.1), darker(s.c, 0.3))  # motor hood
    for sx in (-1, 1):
        x = sx * (hw - 0.06)
        m.rod((x, hd - 0.2, 0.05), (x, hd - 0.06, h - 0.1), 0.03, METAL)
        m.rod((x, hd - 0.06, h * 0.75), (x, hd * 0.3, h * 0.75), 0.018, METAL)  # handrail
    m.box((-hw, hd - 0.12, h - 0.2), (hw, hd, h), darker(s.c, 0.2))  # console
    m.box((-hw * 0.5, hd - 0.125, h - 0.15), (hw * 0.5, hd - 0.12, h - 0.05), SCREEN)


@generator("exercise_bike")
def exercise_bike(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    fc = s.c
    m.box((-hw, hd - 0.12, 0.0), (hw, hd - 0.04, 0.05), fc)  # front stabiliser
    m.box((-hw, -hd + 0.04, 0.0), (hw, -hd + 0.12, 0.05), fc)  # back stabiliser
    m.rod((0.0, -hd + 0.08, 0.05), (0.0, hd - 0.08, 0.05), 0.03, fc)
    fr = min(0.25, h * 0.2)
    m.rod((-0.03, hd * 0.45, fr + 0.08), (0.03, hd * 0.45, fr + 0.08), fr, DARK_METAL, sections=24)  # flywheel
    m.rod((0.0, -hd * 0.45, 0.05), (0.0, -hd * 0.25, h * 0.68), 0.025, fc)  # seat post
    m.box((-0.09, -hd * 0.3 - 0.12, h * 0.68), (0.09, -hd * 0.3 + 0.12, h * 0.72), BLACK)  # saddle
    m.rod((0.0, hd * 0.15, 0.05), (0.0, hd * 0.55, h - 0.05), 0.03, fc)  # handlebar post
    m.rod((-hw + 0.02, hd * 0.6, h - 0.03), (hw - 0.02, hd * 0.6, h - 0.03), 0.018, BLACK)
    m.box((-0.1, hd * 0.5, h - 0.12), (0.1, hd * 0.58, h - 0.04), SCREEN)
    m.rod((0.0, hd * 0.45, fr + 0.08), (0.0, -hd * 0.25, h * 0.3), 0.025, fc)  # crank tube
    for sx in (-1, 1):
        m.box((sx * 0.12 - 0.04, -0.05, h * 0.2), (sx * 0.12 + 0.04, 0.05, h * 0.23), BLACK)  # pedals


@generator("weight_bench")
def weight_bench(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    rack = h > 0.7
    pad_h = min(0.45, h) if rack else h
    pad_w = min(0.3, s.w)
    m.box((-hw, hd - 0.1, 0.0), (hw, hd - 0.04, 0.05), DARK_METAL)
    m.box((-hw, -hd + 0.04, 0.0), (hw, -hd + 0.1, 0.05), DARK_METAL)
    m.box((-0.03, -hd + 0.07, 0.05), (0.03, hd - 0.07, 0.1), DARK_METAL)
    for y in (-hd * 0.5, hd * 0.5):
        m.box((-0.03, y - 0.03, 0.05), (0.03, y + 0.03, pad_h - 0.07), DARK_METAL)
    m.box((-pad_w / 2, -hd + 0.02, pad_h - 0.07), (pad_w / 2, hd - 0.02, pad_h), s.c)  # pad
    if rack:  # a rack with a barbell at the head end (-y)
        for sx in (-1, 1):
            x = sx * min(0.55, hw - 0.06)
            m.box((x - 0.03, -hd + 0.04, 0.0), (x + 0.03, -hd + 0.1, h - 0.1), DARK_METAL)
        bar_z = h - 0.12
        m.rod((-hw, -hd + 0.07, bar_z), (hw, -hd + 0.07, bar_z), 0.014, CHROME)
        for sx in (-1, 1):
            m.rod((sx * (hw - 0.06), -hd + 0.07, bar_z), (sx * (hw - 0.01), -hd + 0.07, bar_z), 0.1, BLACK,
                  sections=20)


@generator("dumbbell_rack")
def dumbbell_rack(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    for sx in (-1, 1):
        x = sx * (hw - 0.03)
        m.box((x - 0.03, -hd, 0.0), (x + 0.03, hd, 0.04), s.c)
        m.box((x - 0.025, -0.03, 0.04), (x + 0.025, 0.03, h * 0.85), s.c)
    tiers = s.n("tiers", 2)
    for t in range(tiers):
        z = h * 0.85 * (0.45 + 0.55 * t / max(1, tiers - 1)) if tiers > 1 else h * 0.75
        m.box((-hw, -hd * 0.6, z - 0.03), (hw, hd * 0.6, z), s.c)
        n = max(1, int((s.w - 0.1) / 0.15))
        for i in range(n):
            x = -hw + 0.05 + (i + 0.5) * (s.w - 0.1) / n
            r = 0.035 + 0.015 * (i / max(1, n - 1)) + 0.01 * t
            m.rod((x, -hd * 0.5, z + r), (x, hd * 0.5, z + r), 0.015, CHROME, sections=8)
            for sy in (-1, 1):
                m.rod((x, sy * hd * 0.5, z + r), (x, sy * (hd * 0.5 - 0.06), z + r), r, BLACK, sections=6)
    m.box((-hw, -hd, h - 0.005), (-hw + 0.005, -hd + 0.005, h), s.c)  # reach the full height


@generator("yoga_mat")
def yoga_mat(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, 0.0), (hw, hd, h), s.c)
    m.box((-hw + 0.03, hd - 0.12, h * 0.5), (hw - 0.03, hd - 0.1, h * 1.02), lighter(s.c, 0.3))  # logo stripe


@generator("piano")
def piano(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    key_z = min(0.72, h * 0.6)
    kb_d = 0.2
    if s.d > 1.0:  # grand: body slab on legs, keyboard at the front (+y)
        m.box((-hw, -hd, key_z - 0.05), (hw, hd - kb_d, h), s.c)
        for x, y in ((-hw + 0.1, hd - kb_d - 0.1), (hw - 0.1, hd - kb_d - 0.1), (0.0, -hd + 0.15)):
            m.cyl(x, y, 0.0, key_z - 0.05, 0.05, s.c, sections=12)
        m.box((-hw, hd - kb_d, key_z - 0.08), (hw, hd - 0.05, key_z), s.c)
        m.box((-0.1, hd - kb_d - 0.1, 0.0), (0.1, hd - kb_d, 0.05), CHROME)  # pedals
        kb_y0 = hd - kb_d
    else:
        body_d = s.d * 0.55
        m.box((-hw, -hd, 0.0), (hw, -hd + body_d, h), s.c)  # case
        for sx in (-1, 1):
            m.box((sx * hw - (0.05 if sx > 0 else 0), -hd + body_d, 0.0), (sx * hw + (0 if sx > 0 else 0.05), hd,
                                                                         key_z + 0.02), s.c)  # cheeks
        m.box((-hw + 0.05, -hd + body_d, key_z - 0.08), (hw - 0.05, hd - 0.04, key_z), s.c)
        m.box((-hw + 0.1, -hd + body_d, key_z + 0.15), (hw - 0.1, -hd + body_d + 0.04, key_z + 0.35), s.c)
        m.box((-0.1, -hd + body_d, 0.0), (0.1, -hd + body_d + 0.08, 0.04), CHROME)
        kb_y0 = -hd + body_d
    kb_x0, kb_x1 = -hw + 0.06, hw - 0.06
    m.box((kb_x0, kb_y0, key_z), (kb_x1, hd - 0.01 - (0.04 if s.d <= 1.0 else 0.05), key_z + 0.02), WHITE)
    octave_w = (kb_x1 - kb_x0) / 7.3
    for o in range(7):
        for k in (1, 2, 4, 5, 6):
            x = kb_x0 + o * octave_w + k * octave_w / 7
            m.box((x - octave_w / 28, kb_y0, key_z + 0.02), (x + octave_w / 28, kb_y0 + 0.09, key_z + 0.035), BLACK)


@generator("guitar")
def guitar(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    for a in (math.pi / 2, math.pi / 2 + 2.2, math.pi / 2 - 2.2):  # tripod stand
        m.rod((0.0, -hd * 0.3, 0.3), (hw * 0.9 * math.cos(a), hd * 0.9 * math.sin(a), 0.0), 0.008, BLACK, sections=6)
    m.rod((-hw * 0.6, hd * 0.2, 0.12), (hw * 0.6, hd * 0.2, 0.12), 0.01, BLACK, sections=6)  # cradle
    body_t = min(0.1, s.d * 0.4)
    lower = min(hw * 0.95, h * 0.2)
    m.ball((0.0, 0.0, 0.12 + lower), (lower, body_t / 2, lower * 1.1), s.c, subdivisions=2)
    m.ball((0.0, 0.0, 0.12 + lower * 2.3), (lower * 0.78, body_t / 2, lower * 0.85), s.c, subdivisions=2)
    m.rod((0.0, body_t / 2, 0.12 + lower * 1.6), (0.0, body_t / 2 + 0.002, 0.12 + lower * 1.6001), lower * 0.3,
          BLACK, sections=16)  # sound hole
    m.box((-0.025, -0.015, 0.12 + lower * 2.6), (0.025, 0.015, h - 0.18), darker(s.c, 0.5))  # neck
    m.box((-0.04, -0.02, h - 0.18), (0.04, 0.02, h), darker(s.c, 0.6))  # head
