"""Beds and cots."""

from __future__ import annotations

from scenegen.assets.procedural.parts import CREAM, Parts, Spec, WHITE, darker, generator, lighter


@generator("bed")
def bed(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    head_t = min(0.08, s.d * 0.04)
    top = min(0.6, 0.65 * h)  # mattress top
    mat_t = min(0.25, 0.4 * top)
    leg_h = 0.3 * (top - mat_t)
    m.box((-hw, -hd, 0.0), (hw, -hd + head_t, h), s.c)  # headboard at the back (-y)
    m.legs(hw, hd, 0.0, leg_h + 0.01, min(0.07, s.w * 0.05), darker(s.c, 0.3))
    m.box((-hw, -hd + head_t, leg_h), (hw, hd, top - mat_t + 0.02), s.c)  # frame
    m.box((-hw + 0.03, -hd + head_t, top - mat_t), (hw - 0.03, hd - 0.03, top), WHITE)  # mattress
    duvet = lighter(s.c, 0.25)
    y_fold = -hd + head_t + s.d * 0.3
    m.box((-hw + 0.01, y_fold, top - mat_t * 0.5), (hw - 0.01, hd - 0.01, top + 0.03), duvet)
    m.box((-hw + 0.01, y_fold - 0.1, top - mat_t * 0.5), (hw - 0.01, y_fold, top + 0.05), lighter(duvet, 0.3))
    n = s.n("pillows", 2)
    ph = min(0.12, (h - top) * 0.8)
    pw = (s.w - 0.1) / n - 0.04
    for i in range(n):
        cx = -hw + 0.05 + (i + 0.5) * (s.w - 0.1) / n
        m.ball((cx, -hd + head_t + 0.2, top + ph / 2), (pw / 2, 0.18, ph / 2), CREAM)


@generator("crib")
def crib(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    post = 0.045
    mat_z = 0.35
    for sx in (-1, 1):
        for sy in (-1, 1):
            x, y = sx * (hw - post / 2), sy * (hd - post / 2)
            m.box((x - post / 2, y - post / 2, 0.0), (x + post / 2, y + post / 2, h), s.c)
    rail = 0.03
    for z0 in (mat_z - 0.1, h - 0.05):
        for sy in (-1, 1):
            y = sy * (hd - post / 2)
            m.box((-hw + post, y - rail / 2, z0), (hw - post, y + rail / 2, z0 + 0.04), s.c)
        for sx in (-1, 1):
            x = sx * (hw - post / 2)
            m.box((x - rail / 2, -hd + post, z0), (x + rail / 2, hd - post, z0 + 0.04), s.c)
    slat = 0.02
    n_long = max(2, int((s.w - 2 * post) / 0.08))
    n_short = max(2, int((s.d - 2 * post) / 0.08))
    for sy in (-1, 1):
        y = sy * (hd - post / 2)
        for i in range(n_long):
            x = -hw + post + (i + 0.5) * (s.w - 2 * post) / n_long
            m.box((x - slat / 2, y - slat / 2, mat_z - 0.06), (x + slat / 2, y + slat / 2, h - 0.05), s.c)
    for sx in (-1, 1):
        x = sx * (hw - post / 2)
        for i in range(n_short):
            y = -hd + post + (i + 0.5) * (s.d - 2 * post) / n_short
            m.box((x - slat / 2, y - slat / 2, mat_z - 0.06), (x + slat / 2, y + slat / 2, h - 0.05), s.c)
    m.box((-hw + post, -hd + post, mat_z - 0.06), (hw - post, hd - post, mat_z + 0.06), (0.85, 0.9, 0.95))
