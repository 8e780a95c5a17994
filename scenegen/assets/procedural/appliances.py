"""Appliances and electronics: kitchen machines, screens, computers, printers, speakers, boards."""

from __future__ import annotations

import math

from scenegen.assets.procedural.parts import (BLACK, CHROME, DARK_METAL, Parts, SCREEN, Spec, WHITE, darker,
    generator, lighter, rot_x, screen, wall_frame)


@generator("fridge")
def fridge(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, 0.0), (hw, hd - 0.05, h), s.c)
    split = h * (0.3 if s.p.get("freezer_bottom", 1.0) > 0.5 else 0.68)
    doors = s.n("doors", 1)
    for z0, z1 in ((0.01, split - 0.005), (split + 0.005, h - 0.01)):
        cw = s.w / doors
        for i in range(doors):
            x0, x1 = -hw + i * cw + 0.005, -hw + (i + 1) * cw - 0.005
            m.box((x0, hd - 0.05, z0), (x1, hd - 0.015, z1), lighter(s.c, 0.05))
            hx = x1 - 0.05 if i == 0 else x0 + 0.05
            zc, hl = (z1 - 0.15, 0.2) if z0 < 0.1 else (z0 + 0.25, min(0.45, (z1 - z0) * 0.5))
            zc = min(max(zc, z0 + hl / 2), z1 - hl / 2)
            m.box((hx - 0.012, hd - 0.015, zc - hl / 2), (hx + 0.012, hd, zc + hl / 2), CHROME)


@generator("stove")
def stove(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    top = h - 0.08
    m.box((-hw, -hd, 0.0), (hw, hd - 0.03, top), s.c)
    m.box((-hw, -hd, top - 0.02), (hw, hd - 0.03, top), BLACK)  # hob plate
    m.box((-hw, -hd, top), (hw, -hd + 0.05, h), s.c)  # back guard
    m.box((-hw + 0.04, hd - 0.03, 0.1), (hw - 0.04, hd - 0.01, top - 0.15), darker(s.c, 0.1))  # oven door
    m.box((-hw + 0.12, hd - 0.01, 0.25), (hw - 0.12, hd - 0.005, top - 0.25), SCREEN)  # window
    m.box((-hw + 0.08, hd - 0.01, top - 0.2), (hw - 0.08, hd, top - 0.18), CHROME)  # handle
    n = s.n("burners", 4)
    cols = 2 if n <= 4 else 3
    rows_n = math.ceil(n / cols)
    br = min(s.w / (cols * 2.6), s.d / 6)
    for i in range(n):
        cx = -hw + (i % cols + 0.5) * s.w / cols
        cy = -hd + 0.05 + (i // cols + 0.5) * (s.d - 0.1) / rows_n
        m.cyl(cx, cy, top, top + 0.015, br, DARK_METAL, sections=16)
    for i in range(4):
        kx = -hw + (i + 0.5) * s.w / 4
        m.box((kx - 0.02, hd - 0.03, top - 0.1), (kx + 0.02, hd, top - 0.06), BLACK)


@generator("microwave")
def microwave(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, 0.01), (hw, hd - 0.01, h), s.c)
    m.box((-hw + 0.03, hd - 0.01, 0.03), (hw - s.w * 0.3, hd, h - 0.03), SCREEN)
    m.box((hw - s.w * 0.25, hd - 0.01, 0.03), (hw - 0.03, hd, h - 0.03), darker(s.c, 0.3))
    for sx in (-1, 1):  # four feet: two on the centre line let the door's weight tip it forward
        for sy in (-1, 1):
            m.cyl(sx * (hw - 0.05), sy * (hd - 0.05), 0.0, 0.01, 0.02, BLACK, sections=10)


@generator("dishwasher")
def dishwasher(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, 0.0), (hw, hd - 0.03, h), darker(s.c, 0.2))
    m.box((-hw + 0.005, hd - 0.03, 0.1), (hw - 0.005, hd - 0.01, h - 0.12), s.c)
    m.box((-hw + 0.005, hd - 0.03, h - 0.11), (hw - 0.005, hd - 0.01, h - 0.005), darker(s.c, 0.5))
    m.box((-hw + 0.08, hd - 0.01, h - 0.16), (hw - 0.08, hd, h - 0.14), CHROME)


@generator("washing_machine")
def washing_machine(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, 0.0), (hw, hd - 0.04, h), s.c)
    m.box((-hw + 0.02, hd - 0.04, h - 0.14), (hw - 0.02, hd - 0.035, h - 0.02), darker(s.c, 0.1))  # panel
    m.box((-hw + 0.05, hd - 0.04, h - 0.11), (-hw + 0.15, hd - 0.03, h - 0.06), SCREEN)
    m.rod((hw - 0.1, hd - 0.04, h - 0.08), (hw - 0.1, hd - 0.02, h - 0.08), 0.025, CHROME, sections=16)
    r = min(hw * 0.75, (h - 0.2) * 0.4)
    zc = (h - 0.16) * 0.5 + 0.02
    m.rod((0.0, hd - 0.04, zc), (0.0, hd - 0.01, zc), r, CHROME, sections=24)
    m.rod((0.0, hd - 0.01, zc), (0.0, hd, zc), r * 0.75, SCREEN, sections=24)


@generator("tv")
def tv(s: Spec, m: Parts) -> None:
    screen(s, m, foot_h=min(0.08, s.h * 0.1), panel_d=min(0.06, s.d * 0.3), bezel=min(0.015, s.w * 0.02))


@generator("monitor")
def monitor(s: Spec, m: Parts) -> None:
    screen(s, m, foot_h=min(0.1, s.h * 0.2), panel_d=min(0.04, s.d * 0.3), bezel=min(0.01, s.w * 0.02))


@generator("laptop")
def laptop(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    base_t = min(0.02, h * 0.1)
    lid_t = 0.008
    lean = min(0.06, s.d * 0.25)  # how far the open lid leans back beyond the hinge
    hinge_y = -hd + lean
    m.box((-hw, hinge_y, 0.0), (hw, hd, base_t), s.c)
    m.box((-hw + 0.02, hinge_y + 0.02, base_t), (hw - 0.02, hinge_y + (hd - hinge_y) * 0.6, base_t + 0.002), BLACK)
    m.box((-hw * 0.25, hd - (hd - hinge_y) * 0.3, base_t), (hw * 0.25, hd - 0.02, base_t + 0.001), darker(s.c, 0.2))
    lid_len = math.hypot(h - base_t, lean)
    ang = math.atan2(lean, h - base_t)
    tf = rot_x(ang, (0.0, hinge_y - lean / 2, base_t + (h - base_t) / 2))
    m.box_tf((s.w, lid_t, lid_len), tf, s.c)
    tf2 = rot_x(ang, (0.0, hinge_y - lean / 2 + lid_t * 0.6 * math.cos(ang), base_t + (h - base_t) / 2
                       + lid_t * 0.6 * math.sin(ang)))
    m.box_tf((s.w - 0.03, 0.003, lid_len - 0.03), tf2, SCREEN)


@generator("printer")
def printer(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, 0.0), (hw, hd - 0.08, h - 0.02), s.c)
    m.box((-hw + 0.01, -hd + 0.01, h - 0.02), (hw - 0.01, hd - 0.09, h), lighter(s.c, 0.2))
    m.box((-hw * 0.7, hd - 0.08, h * 0.35), (hw * 0.7, hd, h * 0.4), darker(s.c, 0.2))  # out tray
    m.box((-hw * 0.6, hd - 0.08, h * 0.4), (hw * 0.6, hd - 0.01, h * 0.4 + 0.004), WHITE)  # paper
    m.box((-hw * 0.8, hd - 0.085, h * 0.5), (-hw * 0.3, hd - 0.08, h * 0.65), SCREEN)  # panel
    m.box((-hw * 0.8, hd - 0.08, 0.02), (hw * 0.8, hd - 0.05, h * 0.25), darker(s.c, 0.1))  # paper drawer


@generator("speaker")
def speaker(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, 0.0), (hw, hd - 0.015, h), s.c)
    r = min(hw * 0.75, h * 0.2)
    zs = [h - r * 0.6 - 0.03] + [h - r * 1.4 - 0.05 - (i + 1) * r * 2.3 for i in range(s.n("woofers", 2))]
    for i, z in enumerate(zs):
        rr = r * 0.45 if i == 0 else r
        if z - rr < 0.01:
            break
        m.rod((0.0, hd - 0.015, z), (0.0, hd, z), rr, DARK_METAL if i else CHROME, sections=20)


@generator("whiteboard")
def whiteboard(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    f = min(0.025, s.w * 0.03)
    inner = WHITE if s.p.get("chalk", 0.0) < 0.5 else (0.15, 0.22, 0.18)
    wall_frame(m, hw, hd, h, f, CHROME, s.c if s.p.get("chalk", 0.0) < 0.5 else inner)
    m.box((-hw * 0.6, -hd, 0.0), (hw * 0.6, hd, f * 1.5), CHROME)  # marker tray
    for i, col in enumerate(((0.1, 0.1, 0.1), (0.8, 0.1, 0.1), (0.1, 0.2, 0.8))):
        x = -hw * 0.4 + i * 0.06
        m.rod((x, hd * 0.5, f * 1.5), (x + 0.05, hd * 0.5, f * 1.5 + 0.0001), min(0.006, hd * 0.4), col, sections=8)
