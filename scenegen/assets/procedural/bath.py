"""Bathroom fixtures."""

from __future__ import annotations

from scenegen.assets.procedural.parts import CHROME, CREAM, GLASS, Parts, Spec, WHITE, casework, generator, lighter


@generator("sink")
def sink(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    if s.w > 0.8:  # a sink cabinet: doors below, counter with a basin and a tap
        top = h - 0.12
        casework(m, -hw + 0.01, hw - 0.01, -hd, hd - 0.01, 0.0, top - 0.04, [("door", 2, 1.0)], s.c)
        m.box((-hw, -hd, top - 0.04), (hw, hd, top), (0.75, 0.75, 0.74))
        bw = min(0.7, s.w * 0.5)
        m.box((-bw / 2, -hd + 0.12, top - 0.035), (bw / 2, hd - 0.06, top + 0.001), CHROME)
        m.rod((0.0, -hd + 0.06, top), (0.0, -hd + 0.06, h - 0.012), 0.015, CHROME)
        m.rod((0.0, -hd + 0.06, h - 0.012), (0.0, -hd + 0.2, h - 0.012), 0.012, CHROME)
        return
    basin_z = h - 0.18
    m.cyl(0, -hd * 0.2, 0.0, basin_z, min(0.09, s.w * 0.2), s.c, r_top=min(0.07, s.w * 0.15), sections=20)
    m.cyl(0, 0, basin_z, h - 0.02, hw, s.c, sections=24, sy=hd / hw, r_top=hw)
    m.cyl(0, hd * 0.12, h - 0.021, h - 0.02 + 0.001, hw * 0.7, lighter(s.c, 0.5), sections=24, sy=hd * 0.6 / (hw * 0.7))
    m.rod((0.0, -hd * 0.75, h - 0.02), (0.0, -hd * 0.75, h), 0.015, CHROME)


@generator("toilet")
def toilet(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    tank_d = min(0.2, s.d * 0.3)
    seat_z = min(0.42, h * 0.55)
    m.box((-hw * 0.55, -hd + tank_d * 0.5, 0.0), (hw * 0.55, hd * 0.4, seat_z * 0.5), s.c)  # pedestal
    by = (-hd + tank_d + hd) / 2
    br = hw * 0.95
    sy = (hd - (-hd + tank_d)) / 2 / br
    m.cyl(0, by, seat_z * 0.4, seat_z - 0.03, br * 0.75, s.c, r_top=br, sy=sy)  # bowl
    m.cyl(0, by, seat_z - 0.03, seat_z, br, WHITE, sy=sy)  # seat
    m.cyl(0, by, seat_z, seat_z + 0.02, br * 0.97, lighter(s.c, 0.3), sy=sy)  # lid
    m.box((-hw, -hd, seat_z), (hw, -hd + tank_d, h - 0.02), s.c)  # tank
    m.box((-hw, -hd, h - 0.02), (hw, -hd + tank_d + 0.01, h), lighter(s.c, 0.2))
    m.box((-hw * 0.8, -hd + tank_d * 0.4, seat_z * 0.5), (hw * 0.8, -hd + tank_d, seat_z), s.c)
    m.box((hw * 0.5, -hd + tank_d, h - 0.08), (hw * 0.8, -hd + tank_d + 0.01, h - 0.06), CHROME)


@generator("bathtub")
def bathtub(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    t = min(0.07, s.d * 0.1)
    inner = WHITE
    m.box((-hw, -hd, 0.0), (hw, hd, 0.08), s.c)  # floor of the tub
    m.box((-hw, hd - t, 0.0), (hw, hd, h), s.c)  # front apron
    m.box((-hw, -hd, 0.0), (hw, -hd + t, h), s.c)
    m.box((-hw, -hd + t, 0.0), (-hw + t, hd - t, h), s.c)
    m.box((hw - t, -hd + t, 0.0), (hw, hd - t, h), s.c)
    m.box((-hw + t, -hd + t, 0.08), (hw - t, hd - t, 0.1), inner)
    m.rod((hw - t - 0.02, -hd + t / 2, h - 0.01), (hw - t - 0.02, 0.0, h - 0.01), 0.012, CHROME)


@generator("shower")
def shower(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    tray = 0.06
    m.box((-hw, -hd, 0.0), (hw, hd, tray), WHITE)
    m.box((-0.05, -0.05, tray), (0.05, 0.05, tray + 0.002), CHROME)  # drain
    g = 0.008
    m.box((-hw, hd - g, tray), (-hw + s.w * 0.45, hd, h - 0.1), GLASS)  # fixed front pane
    m.box((-hw + s.w * 0.55, hd - 2.5 * g, tray), (hw, hd - 1.5 * g, h - 0.1), GLASS)  # sliding pane
    m.box((-hw, -hd, tray), (-hw + g, hd - g, h - 0.1), GLASS)
    m.box((hw - g, -hd, tray), (hw, hd - 2.5 * g, h - 0.1), GLASS)
    m.box((-hw, -hd, h - 0.1), (hw, hd, h - 0.08), s.c)  # top rail
    m.rod((0.0, -hd + 0.03, 1.0), (0.0, -hd + 0.03, h - 0.15), 0.012, CHROME)
    m.rod((0.0, -hd + 0.03, h - 0.15), (0.0, -hd + 0.25, h - 0.15), 0.01, CHROME)
    m.cyl(0.0, -hd + 0.25, h - 0.18, h - 0.16, 0.09, CHROME)
    m.cyl(0.0, -hd + 0.03, 1.0, 1.08, 0.03, CHROME)  # mixer
    m.box((-hw, -hd, h - 0.002 - 0.08), (hw, -hd + 0.001, h), s.c)  # reach the full height at the back


@generator("bathroom_vanity")
def bathroom_vanity(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    top = h - 0.05
    n = 2 if s.w > 0.7 else 1
    casework(m, -hw + 0.01, hw - 0.01, -hd, hd - 0.01, 0.12, top - 0.03, [("door", n, 0.7), ("drawer", 1, 0.3)],
              s.c)
    m.legs(hw - 0.01, hd - 0.02, 0.0, 0.12, 0.035, CHROME, round_=True, inset=0.03)
    m.box((-hw, -hd, top - 0.03), (hw, hd, top), (0.95, 0.94, 0.92))
    bw, bd = min(0.5, s.w * 0.6), s.d * 0.55
    m.cyl(0, 0.02, top - 0.008, top + 0.0008, bw / 2, WHITE, sections=24, sy=bd / bw)  # basin flush in the counter
    m.rod((0.0, -hd + 0.05, top), (0.0, -hd + 0.05, h), 0.015, CHROME)
    m.rod((0.0, -hd + 0.05, h - 0.012), (0.0, -hd + 0.14, h - 0.012), 0.01, CHROME)


@generator("towel_rack")
def towel_rack(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(0.012, h * 0.15, s.d * 0.15)
    n = s.n("bars", 3)
    y = hd - r * 1.5
    if h < 0.2 or n <= 1:  # a single towel bar on two brackets
        zc = h / 2
        for sx in (-1, 1):
            m.box((sx * (hw - 0.03) - 0.015, -hd, zc - 0.015), (sx * (hw - 0.03) + 0.015, y, zc + 0.015), s.c)
        m.rod((-hw, y, zc), (hw, y, zc), r, s.c)
        m.box((-hw * 0.6, y - r - 0.005, 0.0), (hw * 0.6, y - r, zc), lighter(s.c, 0.5) if s.c != WHITE else CREAM)
        return
    for sx in (-1, 1):
        x = sx * (hw - r)
        m.rod((x, y, 0.0), (x, y, h), r * 1.3, s.c)
        for zz in (h * 0.15, h * 0.85):
            m.rod((x, -hd, zz), (x, y, zz), r, s.c)
    for i in range(n):
        z = h * (0.1 + 0.8 * i / max(1, n - 1))
        m.rod((-hw + r, y, z), (hw - r, y, z), r, s.c)
    towel = (0.93, 0.92, 0.88)
    m.box((-hw * 0.5, y + r, h * 0.35), (hw * 0.5, y + r + 0.004, h * 0.9 + r), towel, material="fabric")
