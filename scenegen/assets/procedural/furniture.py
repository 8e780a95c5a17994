"""More seating and tables: recliner, rocking chair, bean bag, chaise, sectional, gaming/high/folding chairs;
console, bistro, bar, folding, lab, teacher's, school, drafting, children's, picnic and dressing tables, sun lounger."""

from __future__ import annotations

import math

from scenegen.assets.procedural.parts import (BLACK, CHROME, CREAM, DARK_METAL, METAL, MIRROR, WHITE, Parts, Spec,
                                              casework, darker, generator, lighter, rot_x, rot_z, table)


@generator("recliner")
def recliner(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    arm = min(0.2, s.w * 0.2)
    seat = min(0.5, h * 0.48)
    m.box((-hw, -hd, 0.0), (hw, hd * 0.55, 0.12), darker(s.c, 0.5))  # plinth
    m.box((-hw + arm, -hd + 0.25, 0.12), (hw - arm, hd * 0.55, seat), lighter(s.c, 0.06))  # seat cushion
    m.box((-hw + arm * 0.6, -hd, 0.12), (hw - arm * 0.6, -hd + 0.25, h), s.c)  # back
    m.box((-hw + arm, -hd + 0.2, h * 0.7), (hw - arm, -hd + 0.3, h - 0.05), lighter(s.c, 0.1))  # head pillow
    for sx in (-1, 1):
        x0, x1 = (hw - arm, hw) if sx > 0 else (-hw, -hw + arm)
        m.box((x0, -hd, 0.1), (x1, hd * 0.55, seat + 0.15), s.c)
        m.box((x0, -hd + 0.1, seat + 0.15), (x1, hd * 0.5, seat + 0.2), lighter(s.c, 0.05))  # padded arm top
    if s.p.get("footrest", 0.0) > 0.5:
        m.box((-hw + arm, hd * 0.55, seat - 0.22), (hw - arm, hd, seat - 0.08), lighter(s.c, 0.06))
    else:
        m.box((-hw + arm, hd * 0.55, 0.12), (hw - arm, hd * 0.62, seat - 0.02), s.c)
        m.box((-hw + 0.05, hd - 0.01, 0.0), (-hw + 0.06, hd, 0.01), s.c)  # marker: the extended footprint


@generator("rocking_chair")
def rocking_chair(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    seat = min(0.45, h * 0.42)
    wood = s.c
    for sx in (-1, 1):  # curved rockers: a chain of short rods on an arc
        x = sx * (hw - 0.03)
        pts = [(x, hd * math.sin(a), 0.04 + 0.12 * (1 - math.cos(a))) for a in
               [(-1.0 + 2.0 * i / 7) * 1.3 for i in range(8)]]
        for p0, p1 in zip(pts, pts[1:]):
            m.rod(p0, p1, 0.02, darker(wood, 0.2), sections=8)
        for y in (-hd * 0.45, hd * 0.45):  # legs up to the seat
            m.rod((x, y, 0.06), (x * 0.95, y * 0.9, seat), 0.02, wood, sections=8)
        m.rod((x * 0.95, -hd * 0.4, seat + 0.2), (x * 0.95, hd * 0.45, seat + 0.2), 0.018, wood, sections=8)  # arm
        m.rod((x * 0.95, hd * 0.42, seat), (x * 0.95, hd * 0.42, seat + 0.2), 0.016, wood, sections=8)
    m.box((-hw + 0.04, -hd * 0.5, seat - 0.04), (hw - 0.04, hd * 0.5, seat), wood)
    back_y = -hd * 0.55
    for sx in (-1, 1):
        m.box((sx * (hw - 0.06) - 0.02, back_y - 0.02, seat), (sx * (hw - 0.06) + 0.02, back_y + 0.02, h), wood)
    m.box((-hw + 0.04, back_y - 0.025, h - 0.08), (hw - 0.04, back_y + 0.025, h), wood)  # top rail
    n = s.n("spindles", 6)
    for i in range(n):
        x = -hw + 0.1 + (i + 0.5) * (s.w - 0.2) / n
        m.rod((x, back_y, seat), (x, back_y, h - 0.08), 0.009, lighter(wood, 0.1), sections=6)
    m.box((-hw + 0.08, -hd * 0.45, seat), (hw - 0.08, hd * 0.45, seat + 0.05), CREAM)  # seat pad


@generator("bean_bag")
def bean_bag(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.cyl(0.0, hd * 0.05, 0.0, h * 0.14, min(hw, hd) * 0.75, s.c, sections=20)  # flat where it sags on the floor
    m.ball((0.0, hd * 0.1, h * 0.28), (hw, hd * 0.9, h * 0.28), s.c, subdivisions=2)  # the sagging base
    m.ball((0.0, -hd * 0.35, h * 0.55), (hw * 0.85, hd * 0.55, h * 0.45), s.c, subdivisions=2)  # the back
    m.ball((0.0, hd * 0.2, h * 0.42), (hw * 0.6, hd * 0.45, h * 0.14), lighter(s.c, 0.08), subdivisions=2)  # dent


@generator("chaise_longue")
def chaise_longue(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    side = -1 if s.p.get("left", 1.0) > 0.5 else 1
    seat = min(0.42, h * 0.5)
    m.legs(hw, hd, 0.0, 0.1, 0.04, darker(s.c, 0.6), inset=0.04)
    m.box((-hw, -hd, 0.1), (hw, hd, seat - 0.08), darker(s.c, 0.1))
    m.box((-hw + 0.02, -hd + 0.02, seat - 0.08), (hw - 0.02, hd - 0.02, seat), lighter(s.c, 0.08))
    x_end = side * hw
    rest = min(0.55, s.w * 0.35)  # a back rest rising towards one end, as one sloped slab
    ang = math.atan2(h - seat, rest)
    slab = math.hypot(h - seat, rest)
    from scenegen.assets.procedural.parts import rot_z

    tf = rot_z(0.0 if side > 0 else math.pi, (x_end - side * rest / 2, 0.0, seat + (h - seat) / 2))
    import trimesh

    tilt = trimesh.transformations.rotation_matrix(-ang, (0, 1, 0))
    m.box_tf((slab, s.d - 0.04, 0.1), tf @ tilt, s.c)
    m.box((x_end - side * 0.06 - 0.06, -hd, seat - 0.02), (x_end - side * 0.06 + 0.06, hd, seat + 0.05), s.c)
    m.cyl(x_end - side * 0.08, -hd + 0.1, h - 0.1, h, 0.09, lighter(s.c, 0.15), sections=16)  # bolster


@generator("sectional_sofa")
def sectional_sofa(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    arm = min(0.2, s.w * 0.07)
    back = min(0.22, s.d * 0.14)
    depth = min(0.95, s.d * 0.55)  # the main run's depth; the chaise runs to the front
    seat = min(0.45, h * 0.53)
    side = -1 if s.p.get("left", 0.0) > 0.5 else 1
    cw = min(0.95, s.w * 0.35)  # chaise width
    for x, y in ((-hw + 0.06, -hd + 0.06), (hw - 0.06, -hd + 0.06), (-side * (hw - 0.06), -hd + depth - 0.06),
                 (side * (hw - 0.06), hd - 0.06), (side * (hw - cw + 0.06), hd - 0.06)):
        m.box((x - 0.025, y - 0.025, 0.0), (x + 0.025, y + 0.025, 0.08), darker(s.c, 0.6))  # legs under the L
    m.box((-hw, -hd, 0.08), (hw, -hd + depth, seat - 0.12), darker(s.c, 0.1))
    cx0, cx1 = sorted((side * (hw - cw), side * hw))
    m.box((cx0, -hd + depth, 0.08), (cx1, hd, seat - 0.12), darker(s.c, 0.1))
    m.box((-hw, -hd, 0.08), (hw, -hd + back, h), s.c)  # back
    n = s.n("seats", 3)
    inner = s.w - 2 * arm
    for i in range(n):
        x0 = -hw + arm + i * inner / n
        m.box((x0 + 0.005, -hd + back, seat - 0.12), (x0 + inner / n - 0.005, -hd + depth, seat), lighter(s.c, 0.06))
        m.box((x0 + 0.01, -hd + back * 0.5, seat), (x0 + inner / n - 0.01, -hd + back * 1.6, h - 0.06), s.c)
    m.box((cx0 + (arm if side < 0 else 0.0), -hd + depth, seat - 0.12),
          (cx1 - (arm if side > 0 else 0.0), hd - 0.01, seat), lighter(s.c, 0.06))
    for sx in (-1, 1):
        x0, x1 = (hw - arm, hw) if sx > 0 else (-hw, -hw + arm)
        y1 = hd if sx == side else -hd + depth
        m.box((x0, -hd, 0.08), (x1, y1, seat + 0.15), s.c)


@generator("gaming_chair")
def gaming_chair(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    accent = ((0.75, 0.1, 0.1), (0.1, 0.3, 0.8), (0.15, 0.6, 0.25), (0.92, 0.92, 0.9))[s.n("accent", 0) % 4]
    r = min(hw, hd)
    seat_z = min(0.5, h * 0.38)
    for i in range(5):
        a = 2 * math.pi * i / 5 + math.pi / 2
        tip = (r * 0.92 * math.cos(a), r * 0.92 * math.sin(a), 0.06)
        m.rod((0.0, 0.0, 0.08), tip, 0.02, BLACK, sections=8)
        m.ball((tip[0], tip[1], 0.03), (0.03, 0.03, 0.03), BLACK)
    m.cyl(0, 0, 0.06, seat_z - 0.08, 0.028, CHROME, sections=12)
    sw, sd = s.w * 0.72, s.d * 0.72
    m.box((-sw / 2, -sd / 2 + 0.04, seat_z - 0.09), (sw / 2, sd / 2 + 0.04, seat_z), s.c)
    for sx in (-1, 1):  # seat bolsters in the accent colour
        m.box((sx * sw / 2 - 0.05, -sd / 2 + 0.04, seat_z), (sx * sw / 2 + 0.0 * sx, sd / 2 + 0.04, seat_z + 0.05),
              accent)
        m.box((sx * (sw / 2 + 0.03) - 0.015, -0.05, seat_z - 0.05), (sx * (sw / 2 + 0.03) + 0.015, 0.0, seat_z + 0.2),
              DARK_METAL)
        m.box((sx * (sw / 2 + 0.03) - 0.035, -0.15, seat_z + 0.2), (sx * (sw / 2 + 0.03) + 0.035, 0.1, seat_z + 0.23),
              BLACK)
    bw = sw * 0.95
    y0 = -sd / 2 - 0.06
    m.box((-bw / 2, y0, seat_z), (bw / 2, y0 + 0.1, h - 0.08), s.c)  # tall back
    m.box((-bw / 2 - 0.04, y0 - 0.02, seat_z + 0.1), (-bw / 2, y0 + 0.12, h - 0.2), accent)  # side wings
    m.box((bw / 2, y0 - 0.02, seat_z + 0.1), (bw / 2 + 0.04, y0 + 0.12, h - 0.2), accent)
    m.box((-bw * 0.3, y0, h - 0.08), (bw * 0.3, y0 + 0.1, h), s.c)  # headrest
    m.box((-bw * 0.25, y0 + 0.1, h - 0.22), (bw * 0.25, y0 + 0.16, h - 0.12), accent)  # head pillow
    m.box((-bw * 0.05, y0 + 0.1, seat_z + 0.1), (bw * 0.05, y0 + 0.105, h - 0.3), accent)  # centre stripe


@generator("high_chair")
def high_chair(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    seat = h * 0.55
    legc = darker(s.c, 0.15)
    for sx in (-1, 1):
        for sy in (-1, 1):
            m.rod((sx * hw * 0.9, sy * hd * 0.9, 0.0), (sx * hw * 0.45, sy * hd * 0.4, seat), 0.016, legc, sections=8)
    m.box((-hw * 0.45, -hd * 0.4, seat - 0.04), (hw * 0.45, hd * 0.25, seat), s.c)  # seat
    m.box((-hw * 0.45, -hd * 0.45, seat), (hw * 0.45, -hd * 0.35, h), s.c)  # back
    for sx in (-1, 1):
        m.box((sx * hw * 0.45 - 0.02, -hd * 0.4, seat), (sx * hw * 0.45 + 0.02, hd * 0.2, seat + 0.18), s.c)
    m.box((-hw * 0.55, hd * 0.15, seat + 0.16), (hw * 0.55, hd * 0.6, seat + 0.19), WHITE)  # tray
    m.box((-hw * 0.45, hd * 0.4, 0.18), (hw * 0.45, hd * 0.5, 0.2), legc)  # footrest bar


@generator("folding_chair")
def folding_chair(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    seat = min(0.46, h * 0.55)
    for sx in (-1, 1):
        x = sx * (hw - 0.015)
        m.rod((x, -hd + 0.02, 0.0), (x, hd * 0.5, seat), 0.011, s.c, sections=8)  # front leg, crossing
        m.rod((x, hd - 0.02, 0.0), (x, -hd * 0.6, h), 0.011, s.c, sections=8)  # back leg and post
    m.box((-hw + 0.02, -hd * 0.5, seat - 0.025), (hw - 0.02, hd * 0.6, seat), darker(s.c, 0.2))
    m.box((-hw + 0.02, -hd * 0.66, h - 0.2), (hw - 0.02, -hd * 0.56, h - 0.04), darker(s.c, 0.2))  # back panel
    m.rod((-hw + 0.015, hd - 0.05, 0.1), (hw - 0.015, hd - 0.05, 0.1), 0.008, s.c, sections=6)


@generator("console_table")
def console_table(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    table(s, m, top_t=0.03, leg_t=min(0.04, s.w * 0.05), apron=True, shelf=s.p.get("shelf", 0.0) > 0.5)
    n = s.n("drawers", 0)
    for i in range(n):
        x0 = -hw + 0.06 + i * (s.w - 0.12) / max(n, 1)
        x1 = x0 + (s.w - 0.12) / n - 0.02
        m.box((x0, hd - 0.07, h - 0.12), (x1, hd - 0.045, h - 0.035), lighter(s.c, 0.1))
        m.box(((x0 + x1) / 2 - 0.03, hd - 0.045, h - 0.085), ((x0 + x1) / 2 + 0.03, hd - 0.035, h - 0.07), METAL)


def _pedestal(s: Spec, m: Parts, top_t: float, foot_r: float) -> None:
    """A round or square top on one column with a cross foot."""
    hw, hd, h = s.hw, s.hd, s.h
    if s.p.get("square", 0.0) > 0.5:
        m.box((-hw, -hd, h - top_t), (hw, hd, h), s.c)
    else:
        m.cyl(0, 0, h - top_t, h, hw, s.c, sections=28, sy=hd / hw)
    m.cyl(0, 0, 0.03, h - top_t, 0.035, darker(s.c, 0.2), sections=14)
    for a in (0.25, 1.25):
        m.box_tf((foot_r * 2, 0.05, 0.03), rot_z(math.radians(a * 90), (0.0, 0.0, 0.015)), darker(s.c, 0.3))
    m.cyl(0, 0, 0.0, 0.03, 0.06, darker(s.c, 0.3), sections=12)


@generator("bistro_table")
def bistro_table(s: Spec, m: Parts) -> None:
    _pedestal(s, m, top_t=0.025, foot_r=min(s.hw, s.hd) * 0.75)


@generator("bar_table")
def bar_table(s: Spec, m: Parts) -> None:
    _pedestal(s, m, top_t=0.035, foot_r=min(s.hw, s.hd) * 0.8)
    m.cyl(0, 0, 0.25, 0.27, min(s.hw, s.hd) * 0.45, CHROME, sections=20)  # foot ring


@generator("folding_table")
def folding_table(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, h - 0.04), (hw, hd, h), s.c)
    m.box((-hw + 0.02, -hd + 0.02, h - 0.06), (hw - 0.02, hd - 0.02, h - 0.04), darker(s.c, 0.25))  # rim
    for sx in (-1, 1):  # folding A-legs near each end
        x = sx * (hw - 0.2)
        for sy in (-1, 1):
            m.rod((x, sy * (hd - 0.05), 0.0), (x, sy * 0.1, h - 0.06), 0.012, DARK_METAL, sections=8)
        m.rod((x, -hd + 0.05, 0.02), (x, hd - 0.05, 0.02), 0.01, DARK_METAL, sections=8)


@generator("lab_bench")
def lab_bench(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    top_z = min(0.9, h)
    top_t = 0.035
    n = max(1, int(s.w / 0.6))
    cw = s.w / n
    for i in range(n):
        x0 = -hw + i * cw
        if i % 2 == 0:
            casework(m, x0 + 0.01, x0 + cw - 0.01, -hd, hd - 0.02, 0.1, top_z - top_t, [("door", 1, 0.6),
                                                                                    ("drawer", 1, 0.4)], s.c)
            m.box((x0 + 0.02, -hd, 0.0), (x0 + cw - 0.02, hd - 0.08, 0.1), BLACK)  # toe kick
        else:  # knee space between the cupboards
            m.box((x0 + 0.01, -hd, 0.0), (x0 + cw - 0.01, -hd + 0.03, top_z - top_t), s.c)
    m.box((-hw, -hd, top_z - top_t), (hw, hd, top_z), (0.12, 0.12, 0.13))  # black resin top
    if s.p.get("shelf", 0.0) > 0.5 and h > top_z + 0.02:
        for sx in (-1, 1):
            m.rod((sx * (hw - 0.05), -hd + 0.05, top_z), (sx * (hw - 0.05), -hd + 0.05, h), 0.012, METAL)
        m.box((-hw + 0.02, -hd + 0.01, h - 0.02), (hw - 0.02, -hd + 0.2, h), s.c)
    m.rod((hw - 0.25, -hd + 0.08, top_z), (hw - 0.25, -hd + 0.08, top_z + 0.3), 0.01, CHROME)  # gas tap
    m.rod((hw - 0.25, -hd + 0.08, top_z + 0.3), (hw - 0.25, -hd + 0.2, top_z + 0.3), 0.008, CHROME)


@generator("teachers_desk")
def teachers_desk(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    top_t = 0.03
    pw = min(0.4, s.w * 0.28)
    m.box((-hw, -hd, h - top_t), (hw, hd, h), lighter(s.c, 0.08))
    # pedestals open to the back (-y), where the teacher sits; the front is a closed modesty panel
    for sx in (-1, 1):
        x0, x1 = sorted((sx * hw, sx * (hw - pw)))
        m.box((x0, -hd + 0.02, 0.0), (x1, hd, h - top_t), s.c)
        for k in range(3):
            z0 = 0.05 + k * (h - top_t - 0.05) / 3
            m.box((x0 + 0.01, -hd, z0 + 0.01), (x1 - 0.01, -hd + 0.02, z0 + (h - top_t - 0.05) / 3 - 0.01),
                  lighter(s.c, 0.1))
    m.box((-hw + pw, hd - 0.03, 0.15), (hw - pw, hd, h - top_t), s.c)


@generator("school_desk")
def school_desk(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, h - 0.025), (hw, hd, h), s.c)
    m.box((-hw, -hd, h - 0.03), (hw, -hd + 0.02, h - 0.025), darker(s.c, 0.3))  # edge band
    for sx in (-1, 1):
        x = sx * (hw - 0.04)
        for sy in (-1, 1):
            m.rod((x, sy * (hd - 0.04), 0.0), (x, sy * (hd - 0.04), h - 0.025), 0.013, DARK_METAL, sections=8)
        m.rod((x, -hd + 0.04, 0.12), (x, hd - 0.04, 0.12), 0.01, DARK_METAL, sections=8)
    if s.p.get("tray", 1.0) > 0.5:
        m.box((-hw + 0.05, -hd + 0.03, h - 0.16), (hw - 0.05, hd - 0.1, h - 0.15), DARK_METAL)
        m.box((-hw + 0.05, -hd + 0.03, h - 0.15), (hw - 0.05, -hd + 0.04, h - 0.04), DARK_METAL)


@generator("drafting_table")
def drafting_table(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    tilt = math.radians(min(45.0, max(0.0, float(s.p.get("tilt_deg", 25.0)))))
    board_d = s.d * 0.9
    zc = h - board_d / 2 * math.sin(tilt) - 0.01
    m.box_tf((s.w, board_d, 0.025), rot_x(-tilt, (0.0, 0.0, zc)), s.c)  # slopes down towards the user (+y)
    m.box_tf((s.w * 0.9, 0.03, 0.03), rot_x(-tilt, (0.0, board_d / 2 * math.cos(tilt) - 0.02,
                                                  zc - board_d / 2 * math.sin(tilt) + 0.02)), METAL)  # rule ledge
    for sx in (-1, 1):  # trestle ends
        x = sx * (hw - 0.05)
        m.box((x - 0.02, -hd, 0.0), (x + 0.02, hd, 0.05), DARK_METAL)
        m.box((x - 0.02, -0.03, 0.05), (x + 0.02, 0.03, zc - 0.05), DARK_METAL)
    m.rod((-hw + 0.05, 0.0, 0.3), (hw - 0.05, 0.0, 0.3), 0.015, DARK_METAL)
    m.box((-hw, -hd, zc - 0.06), (-hw + 0.001, -hd + 0.001, zc - 0.059), DARK_METAL)


@generator("kids_table")
def kids_table(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    if s.p.get("round", 0.0) > 0.5:
        m.cyl(0, 0, h - 0.03, h, hw, s.c, sections=28, sy=hd / hw)
        for i in range(4):
            a = math.pi / 4 + i * math.pi / 2
            m.cyl(hw * 0.55 * math.cos(a), hd * 0.55 * math.sin(a), 0.0, h - 0.03, 0.03, WHITE, sections=12)
    else:
        table(s, m, top_t=0.03, leg_t=0.05, apron=False, round_legs=True, leg_colour=WHITE)


@generator("picnic_table")
def picnic_table(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    top_d = s.d * 0.45
    bench_z = h * 0.6
    for k in range(4):  # top planks
        y0 = -top_d / 2 + k * top_d / 4
        m.box((-hw, y0 + 0.005, h - 0.04), (hw, y0 + top_d / 4 - 0.005, h), s.c)
    for sy in (-1, 1):  # benches
        m.box((-hw, sy * hd - (0.25 if sy > 0 else 0) + (0 if sy > 0 else 0.0), bench_z - 0.04),
              (hw, sy * hd + (0.25 if sy < 0 else 0), bench_z), s.c)
    for sx in (-1, 1):  # A-frames
        x = sx * (hw - 0.25)
        for sy in (-1, 1):
            m.rod((x, sy * (hd - 0.05), 0.0), (x, sy * 0.08, h - 0.04), 0.03, darker(s.c, 0.2), sections=8)
        m.box((x - 0.03, -hd, bench_z - 0.1), (x + 0.03, hd, bench_z - 0.04), darker(s.c, 0.2))


@generator("dressing_table")
def dressing_table(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    top = min(0.76, h * 0.55)
    m.box((-hw, -hd, top - 0.03), (hw, hd, top), s.c)
    m.legs(hw, hd, 0.0, top - 0.03, 0.04, darker(s.c, 0.1), round_=True, inset=0.02)
    casework(m, -hw + 0.02, -hw + s.w * 0.3, -hd + 0.02, hd - 0.01, top - 0.2, top - 0.03, [("drawer", 1, 1.0)], s.c)
    casework(m, hw - s.w * 0.3, hw - 0.02, -hd + 0.02, hd - 0.01, top - 0.2, top - 0.03, [("drawer", 1, 1.0)], s.c)
    mh = h - top - 0.05
    if s.p.get("round_mirror", 0.0) > 0.5:
        r = min(mh / 2, s.w * 0.3)
        m.rod((0.0, -hd + 0.02, top + 0.05 + mh / 2), (0.0, -hd + 0.05, top + 0.05 + mh / 2), r, s.c, sections=32)
        m.rod((0.0, -hd + 0.05, top + 0.05 + mh / 2), (0.0, -hd + 0.056, top + 0.05 + mh / 2), r * 0.9, MIRROR,
              sections=32)
        m.box((-0.03, -hd + 0.02, top), (0.03, -hd + 0.05, top + 0.06), s.c)
        m.box((-0.001, -hd + 0.02, h - 0.002), (0.001, -hd + 0.022, h), s.c)
    else:
        mw = s.w * 0.55
        m.box((-mw / 2, -hd + 0.02, top), (mw / 2, -hd + 0.05, h), s.c)
        m.box((-mw / 2 + 0.03, -hd + 0.05, top + 0.05), (mw / 2 - 0.03, -hd + 0.055, h - 0.03), MIRROR)


@generator("sun_lounger")
def sun_lounger(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    bed_z = min(0.35, h * 0.4)
    m.box((-hw, -hd * 0.35, bed_z - 0.05), (hw, hd, bed_z), s.c)  # flat part towards the feet (+y)
    ang = math.atan2(h - bed_z, hd * 0.65)
    mid = (0.0, -hd * 0.35 - hd * 0.65 / 2, bed_z + (h - bed_z) / 2)
    m.box_tf((s.w, math.hypot(hd * 0.65, h - bed_z), 0.05), rot_x(-ang, mid), s.c)
    frame = lighter(s.c, 0.2) if sum(s.c) < 1.5 else darker(s.c, 0.5)
    for sx in (-1, 1):
        for y in (-hd * 0.3, hd - 0.05):
            m.box((sx * (hw - 0.03) - 0.02, y - 0.02, 0.0), (sx * (hw - 0.03) + 0.02, y + 0.02, bed_z - 0.05), frame)
    m.box((-hw, -hd, 0.0), (-hw + 0.001, -hd + 0.001, 0.001), frame)
