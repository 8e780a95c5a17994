"""Hobby, sport, music, pets, plants and the outdoors: drum kit, music stand, easel, pool/ping-pong/foosball tables,
dartboard, arcade cabinet, squat rack, kettlebell, exercise ball, barre, bicycle, rowing machine, punching bag,
amplifier, microphone stand, telescope, ladder; cat tree, pet bed, litter box, aquarium, pet crate, bird cage, cat,
dog; succulent, hanging plant, indoor tree; barbecue, parasol."""

from __future__ import annotations

import math

from scenegen.assets.procedural.parts import (BLACK, CHROME, CREAM, DARK_METAL, GLASS, LEAF, METAL, SCREEN, SOIL,
                                              WHITE, Parts, Spec, darker, generator, lighter, mix, rot_x)


def _pin(m: Parts, hw: float, hd: float, h: float, colour: tuple[float, float, float]) -> None:
    m.box((-hw, -hd, 0.0), (-hw + 0.001, -hd + 0.001, 0.001), colour)
    m.box((hw - 0.001, hd - 0.001, h - 0.001), (hw, hd, h), colour)


def _drum(m: Parts, x: float, y: float, z0: float, z1: float, r: float, shell: tuple[float, float, float]) -> None:
    m.cyl(x, y, z0, z1, r, shell, sections=20)
    m.cyl(x, y, z1, z1 + 0.005, r * 0.98, WHITE, sections=20)


@generator("drum_kit")
def drum_kit(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.rod((-0.06, hd * 0.3, 0.28), (0.06, hd * 0.3, 0.28), 0.27, s.c, sections=20)  # bass drum facing front
    m.rod((0.06, hd * 0.3, 0.28), (0.07, hd * 0.3, 0.28), 0.26, WHITE, sections=20)
    _drum(m, -0.35, 0.0, 0.45, 0.6, 0.18, s.c)  # snare (shell colour)
    m.cyl(-0.35, 0.0, 0.0, 0.45, 0.01, CHROME, sections=6)
    for i in range(s.n("toms", 2)):
        _drum(m, -0.12 + i * 0.25, hd * 0.15, 0.62, 0.78, 0.12, s.c)
    _drum(m, hw - 0.3, -0.05, 0.3, 0.55, 0.2, s.c)  # floor tom
    for x, y, z in ((-hw + 0.2, hd * 0.1, h * 0.72), (hw - 0.2, hd - 0.3, h - 0.02), (0.1, hd - 0.2, h * 0.85)):
        m.cyl(x, y, 0.0, z, 0.01, CHROME, sections=6)  # cymbal stands
        m.cyl(x, y, z, z + 0.01, 0.2, (0.85, 0.7, 0.3), r_top=0.03, sections=20)
    m.cyl(0.0, -hd + 0.2, 0.0, 0.5, 0.02, CHROME, sections=8)  # throne at the back
    m.cyl(0.0, -hd + 0.2, 0.5, 0.57, 0.18, BLACK, sections=18)
    _pin(m, hw, hd, h, s.c)


@generator("music_stand")
def music_stand(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    for k in range(3):
        a = math.pi / 2 + 2 * math.pi * k / 3
        m.rod((0.0, 0.0, 0.25), (hw * 0.7 * math.cos(a), hd * 0.7 * math.sin(a), 0.0), 0.007, s.c, sections=6)
    m.cyl(0, 0, 0.25, h * 0.75, 0.01, s.c, sections=8)
    m.box_tf((s.w, 0.01, h * 0.3), rot_x(-0.35, (0.0, 0.0, h * 0.85)), s.c)  # desk tilted back
    m.box_tf((s.w * 0.7, 0.004, h * 0.22), rot_x(-0.35, (0.0, 0.01, h * 0.86)), CREAM)  # sheet music
    _pin(m, hw, hd, h, s.c)


@generator("easel")
def easel(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    for sx in (-1, 1):
        m.rod((sx * (hw - 0.03), hd * 0.4, 0.0), (sx * 0.04, 0.0, h), 0.015, s.c, sections=8)
    m.rod((0.0, -hd + 0.03, 0.0), (0.0, 0.0, h * 0.9), 0.015, s.c, sections=8)
    m.box((-hw * 0.7, 0.0, h * 0.4), (hw * 0.7, hd * 0.45, h * 0.43), s.c)  # ledge
    if s.p.get("canvas", 1.0) > 0.5:
        m.box_tf((hw * 1.3, 0.02, h * 0.4), rot_x(-0.2, (0.0, hd * 0.3, h * 0.64)), WHITE)
        for k in range(3):
            at = (-hw * 0.3 + k * hw * 0.3, hd * 0.32, h * 0.6 + k * 0.05)
            m.box_tf((hw * 0.3, 0.004, h * 0.08), rot_x(-0.2, at), ((0.8, 0.3, 0.2), (0.2, 0.5, 0.8), (0.95, 0.8, 0.3))[k])
    _pin(m, hw, hd, h, s.c)


@generator("pool_table")
def pool_table(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    rail = 0.1
    m.box((-hw, -hd, h - 0.22), (hw, hd, h - 0.04), (0.35, 0.22, 0.12), material="wood")
    m.box((-hw + rail, -hd + rail, h - 0.04), (hw - rail, hd - rail, h - 0.03), s.c, material="fabric")  # cloth
    for sx in (-1, 1):
        m.box((sx * hw - (rail if sx > 0 else 0.0), -hd, h - 0.04), (sx * hw + (0.0 if sx > 0 else rail), hd, h),
              (0.3, 0.18, 0.1), material="wood")
    for sy in (-1, 1):
        m.box((-hw, sy * hd - (rail if sy > 0 else 0.0), h - 0.04), (hw, sy * hd + (0.0 if sy > 0 else rail), h),
              (0.3, 0.18, 0.1), material="wood")
    for sx in (-1, 0, 1):  # pockets
        for sy in (-1, 1):
            m.cyl(sx * (hw - rail), sy * (hd - rail), h - 0.035, h - 0.028, 0.05, BLACK, sections=12)
    for sx in (-1, 1):
        for sy in (-1, 1):
            m.box((sx * (hw - 0.2) - 0.07, sy * (hd - 0.15) - 0.07, 0.0), (sx * (hw - 0.2) + 0.07,
                                                                           sy * (hd - 0.15) + 0.07, h - 0.22),
                  (0.3, 0.18, 0.1), material="wood")
    for k in range(6):  # a rack of balls
        r = 0.028
        m.ball((hw * 0.4 + (k % 3) * r * 2, -r * 2 + (k // 3) * r * 2.2 + (k % 3) * r, h - 0.03 + r), (r, r, r),
               ((0.9, 0.8, 0.1), (0.8, 0.1, 0.1), (0.1, 0.2, 0.7), (0.5, 0.1, 0.5), (0.9, 0.4, 0.1), BLACK)[k],
               material="plastic")
    m.ball((-hw * 0.5, 0.0, h - 0.03 + 0.028), (0.028,) * 3, WHITE, material="plastic")


@generator("ping_pong_table")
def ping_pong_table(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    top = h - 0.16
    m.box((-hw, -hd, top - 0.025), (hw, hd, top), s.c)
    m.box((-hw + 0.01, -0.005, top), (hw - 0.01, 0.005, top + 0.001), WHITE)  # centre line along x
    for sx in (-1, 1):
        m.box((sx * hw - (0.02 if sx > 0 else 0.0), -hd, top), (sx * hw + (0.0 if sx > 0 else 0.02), hd, top + 0.001),
              WHITE)
    m.box((-0.005, -hd - 0.0, top), (0.005, hd, h), (0.15, 0.15, 0.15))  # net across the middle
    for sx in (-1, 1):
        for sy in (-1, 1):
            m.box((sx * (hw - 0.3) - 0.025, sy * (hd - 0.2) - 0.025, 0.0),
                  (sx * (hw - 0.3) + 0.025, sy * (hd - 0.2) + 0.025, top - 0.025), DARK_METAL)


@generator("foosball_table")
def foosball_table(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    box_z = h * 0.62
    pw = hw * 0.82
    m.box((-pw, -hd * 0.75, box_z), (pw, hd * 0.75, h - 0.05), s.c)
    m.box((-pw + 0.03, -hd * 0.75 + 0.03, h - 0.14), (pw - 0.03, hd * 0.75 - 0.03, h - 0.13), (0.2, 0.55, 0.25))
    for sx in (-1, 1):
        for sy in (-1, 1):
            m.box((sx * (pw - 0.04) - 0.035, sy * (hd * 0.75 - 0.04) - 0.035, 0.0),
                  (sx * (pw - 0.04) + 0.035, sy * (hd * 0.75 - 0.04) + 0.035, box_z), s.c)
    for k in range(8):  # rods across the width, handles out both sides
        x = -pw + (k + 0.5) * 2 * pw / 8
        m.rod((x, -hd, h - 0.09), (x, hd, h - 0.09), 0.008, CHROME, sections=6)
        m.box((x - 0.01, (-hd if k % 2 else hd - 0.1), h - 0.11), (x + 0.01, (-hd + 0.1 if k % 2 else hd), h - 0.07),
              BLACK)
        for j in range(2):
            y = -hd * 0.3 + j * hd * 0.6
            m.box((x - 0.01, y - 0.01, h - 0.13), (x + 0.01, y + 0.01, h - 0.05),
                  (0.85, 0.1, 0.1) if k % 2 else (0.1, 0.25, 0.8))
    m.box((-hw, -0.05, h - 0.05), (hw, 0.05, h), s.c)  # score bar across
    m.box((-hw, -hd, 0.0), (-hw + 0.001, -hd + 0.001, 0.001), s.c)


@generator("dartboard")
def dartboard(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, h / 2)
    zc = h / 2
    m.rod((0.0, -hd, zc), (0.0, hd * 0.5, zc), r, BLACK, sections=20)
    rings = ((0.9, (0.1, 0.5, 0.2)), (0.8, (0.93, 0.9, 0.75)), (0.55, (0.75, 0.1, 0.1)), (0.45, (0.93, 0.9, 0.75)),
             (0.12, (0.1, 0.5, 0.2)), (0.05, (0.75, 0.1, 0.1)))
    for i, (k, col) in enumerate(rings):
        m.rod((0.0, hd * 0.5 + i * 0.002, zc), (0.0, hd * 0.5 + (i + 1) * 0.002, zc), r * k, col, sections=20)
    for k in range(3):  # darts
        a = 2 * math.pi * k / 3 + 0.4
        p = (r * 0.3 * math.cos(a), hd * 0.5, zc + r * 0.3 * math.sin(a))
        m.rod(p, (p[0], hd, p[2]), 0.004, (0.2, 0.3, 0.8), sections=4)
    _pin(m, hw, hd, h, BLACK)


@generator("arcade_cabinet")
def arcade_cabinet(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    panel_z = h * 0.52
    m.box((-hw, -hd, 0.0), (hw, hd * 0.2, h), s.c)  # tall body
    m.box((-hw, hd * 0.2, 0.0), (hw, hd * 0.55, panel_z - 0.08), s.c)  # lower front
    m.box_tf((s.w, hd * 0.9, 0.05), rot_x(0.25, (0.0, hd * 0.55, panel_z)), darker(s.c, 0.3))  # control deck
    for k in range(4):
        m.cyl(-hw * 0.2 + k * 0.06, hd * 0.55, panel_z + 0.02, panel_z + 0.04, 0.015,
              ((0.9, 0.1, 0.1), (0.1, 0.4, 0.9), (0.95, 0.85, 0.1), (0.1, 0.7, 0.3))[k], sections=10)
    m.cyl(-hw * 0.55, hd * 0.55, panel_z + 0.02, panel_z + 0.1, 0.008, BLACK, sections=6)  # joystick
    m.ball((-hw * 0.55, hd * 0.55, panel_z + 0.1), (0.02, 0.02, 0.02), (0.8, 0.1, 0.1))
    m.box_tf((s.w * 0.8, 0.01, h * 0.25), rot_x(-0.2, (0.0, hd * 0.22, h * 0.72)), SCREEN)
    m.box((-hw, -hd, h - 0.12), (hw, hd * 0.45, h), (0.95, 0.8, 0.2))  # marquee
    m.box((-hw, hd * 0.45, h - 0.12), (hw, hd, h - 0.1), s.c)
    m.box((-hw, -hd, 0.0), (hw, hd, 0.001), s.c)


@generator("squat_rack")
def squat_rack(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    post = 0.06
    for sx in (-1, 1):
        for sy in (-1, 1):
            x, y = sx * (hw - 0.15 - post / 2), sy * (hd - post / 2)
            m.box((x - post / 2, y - post / 2, 0.0), (x + post / 2, y + post / 2, h), s.c)
        m.box((sx * (hw - 0.15) - post, -hd, 0.0), (sx * (hw - 0.15), hd, post), s.c)
        m.box((sx * (hw - 0.15) - post, -hd, h - post), (sx * (hw - 0.15), hd, h), s.c)
    m.box((-hw + 0.15, -hd, h - post), (hw - 0.15, -hd + post, h), s.c)  # pull-up bar
    bar_z = h * 0.62
    m.rod((-hw, hd * 0.6, bar_z), (hw, hd * 0.6, bar_z), 0.014, CHROME)
    for sx in (-1, 1):
        m.rod((sx * (hw - 0.12), hd * 0.6, bar_z), (sx * (hw - 0.02), hd * 0.6, bar_z), 0.22, BLACK, sections=20)


@generator("kettlebell")
def kettlebell(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    n = s.n("count", 1)
    for i in range(n):
        x = -hw + (i + 0.5) * s.w / n
        r = min(s.w / n / 2, hd, h / 2.3)
        m.ball((x, 0.0, r * 0.95), (r, r, r * 0.95), s.c)
        m.rod((x, 0.0, 0.0), (x, 0.0, r * 0.25), r * 0.6, s.c, sections=12)  # the flat bottom it stands on
        for k in range(6):  # handle arc
            a0, a1 = math.pi * k / 6, math.pi * (k + 1) / 6
            m.rod((x + r * 0.6 * math.cos(a0), 0.0, r * 1.5 + r * 0.7 * math.sin(a0)),
                  (x + r * 0.6 * math.cos(a1), 0.0, r * 1.5 + r * 0.7 * math.sin(a1)), r * 0.2, s.c, sections=6)
        for sx in (-1, 1):
            m.rod((x + sx * r * 0.6, 0.0, r * 1.2), (x + sx * r * 0.6, 0.0, r * 1.5), r * 0.2, s.c, sections=6)
    _pin(m, hw, hd, h, s.c)


@generator("exercise_ball")
def exercise_ball(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.ball((0.0, 0.0, h / 2), (hw, hd, h / 2), s.c, subdivisions=3)
    m.ball((0.0, 0.0, h * 0.995), (hw * 0.12, hd * 0.12, h * 0.005), lighter(s.c, 0.3))  # valve


@generator("ballet_barre")
def ballet_barre(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    bars = (h - 0.03,) if s.p.get("double", 0.0) < 0.5 else (h - 0.03, h * 0.35)
    for z in bars:
        m.rod((-hw, hd - 0.03, z), (hw, hd - 0.03, z), 0.02, s.c, sections=12)
    for sx in (-1, 0, 1):
        x = sx * (hw - 0.1)
        m.box((x - 0.015, -hd, 0.0), (x + 0.015, -hd + 0.02, h), CHROME)
        for z in bars:
            m.rod((x, -hd + 0.02, z), (x, hd - 0.03, z), 0.008, CHROME, sections=6)


@generator("bicycle")
def bicycle(s: Spec, m: Parts) -> None:
    """A bicycle on its kickstand: the frame leans 7° towards the stand (+x), so it rests on three points (two tyres
    and the stand's foot) with its centre of mass inside them, as a parked bike does, instead of balancing on a line."""
    hw, hd, h = s.hw, s.hd, s.h
    lean = math.tan(math.radians(7.0))

    def p(x: float, y: float, z: float) -> tuple[float, float, float]:
        return (x + z * lean, y, z)

    wr = min(0.34, hd * 0.38)
    for y in (-hd + wr, hd - wr):  # wheels as rings of short rods in the (leaning) y-z plane
        for k in range(16):
            a0, a1 = 2 * math.pi * k / 16, 2 * math.pi * (k + 1) / 16
            m.rod(p(0.0, y + wr * math.cos(a0), wr + wr * math.sin(a0)),
                  p(0.0, y + wr * math.cos(a1), wr + wr * math.sin(a1)), 0.018, BLACK, sections=6)
        m.rod(p(-0.03, y, wr), p(0.03, y, wr), 0.03, METAL, sections=8)  # hub
    rear, front = p(0.0, -hd + wr, wr), p(0.0, hd - wr, wr)
    crank = p(0.0, -0.05, wr * 0.85)
    seat = p(0.0, -hd * 0.3, h * 0.85)
    head = p(0.0, hd * 0.45, h * 0.82)
    for a, b in ((rear, crank), (crank, seat), (rear, seat), (seat, head), (crank, head), (head, front)):
        m.rod(a, b, 0.018, s.c, sections=8)
    m.box(p(-0.06, seat[1] - 0.12, seat[2]), p(0.06, seat[1] + 0.08, seat[2] + 0.04), BLACK)  # saddle
    bar = hw - h * lean  # the bars stay inside the box once leaning
    m.rod(p(-bar, head[1] - 0.05, h - 0.02), p(bar, head[1] - 0.05, h - 0.02), 0.013, DARK_METAL, sections=8)
    m.rod(head, p(0.0, head[1] - 0.05, h - 0.02), 0.015, s.c, sections=8)
    m.rod(p(-0.08, crank[1], crank[2]), p(0.08, crank[1], crank[2]), 0.06, DARK_METAL, sections=12)  # chainring
    m.rod(p(0.0, crank[1] - 0.08, wr * 0.6), (min(0.2, hw * 0.8), crank[1] - 0.2, -0.006), 0.012, DARK_METAL,
          sections=6)  # kickstand: its foot reaches as low as the tyres (rod radius 0.018), beside the bike


@generator("rowing_machine")
def rowing_machine(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    rail_z = min(0.4, h * 0.6)
    m.rod((0.0, -hd + 0.05, 0.1), (0.0, hd * 0.5, rail_z), 0.035, METAL, sections=10)  # monorail
    m.box((-hw, -hd, 0.0), (hw, -hd + 0.08, 0.1), s.c)  # rear foot
    m.rod((-0.12, hd * 0.72, h * 0.5), (0.12, hd * 0.72, h * 0.5), min(h * 0.5, hd * 0.25), s.c, sections=20)  # fan
    m.box((-hw, hd - 0.12, 0.0), (hw, hd, 0.08), s.c)  # front foot
    m.box((-0.12, -hd * 0.2, rail_z * 0.75 + 0.02), (0.12, hd * 0.0, rail_z * 0.75 + 0.08), BLACK)  # seat
    for sx in (-1, 1):
        m.box((sx * 0.1 - 0.06, hd * 0.3, rail_z * 0.9), (sx * 0.1 + 0.06, hd * 0.45, rail_z * 0.95), BLACK)  # feet
    m.rod((0.0, hd * 0.55, h - 0.05), (0.0, hd * 0.72, h * 0.7), 0.015, s.c, sections=8)  # monitor arm
    m.box((-0.08, hd * 0.5, h - 0.1), (0.08, hd * 0.56, h), SCREEN)


@generator("punching_bag")
def punching_bag(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    bag_h = h * 0.75
    m.cyl(0, 0, 0.0, bag_h, r, s.c, sections=20)
    m.cyl(0, 0, bag_h * 0.45, bag_h * 0.55, r * 1.01, BLACK, sections=20)  # band
    for k in range(4):  # chains to a swivel
        a = math.pi / 4 + k * math.pi / 2
        m.rod((r * 0.8 * math.cos(a), r * 0.8 * math.sin(a), bag_h), (0.0, 0.0, h * 0.88), 0.005, CHROME,
              sections=4)
    m.cyl(0, 0, h * 0.88, h, 0.012, CHROME, sections=6)
    m.cyl(0, 0, h - 0.01, h, 0.05, DARK_METAL, sections=10)


@generator("amplifier")
def amplifier(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, 0.0), (hw, hd, h), s.c)
    m.box((-hw + 0.02, hd - 0.003, 0.02), (hw - 0.02, hd, h * 0.72), (0.25, 0.24, 0.22))  # grille cloth
    m.box((-hw + 0.02, hd - 0.004, h * 0.76), (hw - 0.02, hd, h - 0.02), (0.82, 0.75, 0.55))  # control panel
    for k in range(6):
        m.rod((-hw * 0.7 + k * hw * 0.28, hd - 0.004, h * 0.86), (-hw * 0.7 + k * hw * 0.28, hd, h * 0.86), 0.012,
              BLACK, sections=8)


@generator("microphone_stand")
def microphone_stand(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    for k in range(3):
        a = math.pi / 2 + 2 * math.pi * k / 3
        m.rod((0.0, 0.0, 0.15), (hw * 0.9 * math.cos(a), hd * 0.9 * math.sin(a), 0.0), 0.008, s.c, sections=6)
    m.cyl(0, 0, 0.15, h * 0.8, 0.01, s.c, sections=8)
    m.rod((0.0, 0.0, h * 0.8), (0.0, hd * 0.8, h - 0.03), 0.007, s.c, sections=6)  # boom
    m.rod((0.0, hd * 0.8, h - 0.03), (0.0, hd, h - 0.01), 0.02, DARK_METAL, sections=10)  # the microphone
    m.ball((0.0, hd - 0.01, h - 0.015), (0.025, 0.025, 0.015), METAL)
    _pin(m, hw, hd, h, s.c)


@generator("telescope")
def telescope(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    mount = h * 0.62
    for k in range(3):
        a = math.pi / 2 + 2 * math.pi * k / 3
        m.rod((0.0, 0.0, mount), (hw * 0.8 * math.cos(a), hd * 0.5 * math.sin(a), 0.0), 0.012, DARK_METAL,
              sections=6)
    m.box((-0.05, -0.05, mount - 0.02), (0.05, 0.05, mount + 0.06), DARK_METAL)
    tube_len = math.hypot(s.d * 0.9, h - mount)
    ang = math.atan2(h - mount - 0.05, s.d * 0.9)
    c = (0.0, 0.0, mount + 0.06 + (h - mount - 0.12) / 2)
    tf = rot_x(ang - math.pi / 2, c)
    import trimesh

    tube = trimesh.creation.cylinder(radius=min(0.07, hw * 0.3), height=tube_len * 0.95, sections=16, transform=tf)
    m.add(tube, s.c)
    _pin(m, hw, hd, h, s.c)


@generator("ladder")
def ladder(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    for sy in (-1, 1):  # an A-frame step ladder: two legs on each side meeting at the top
        for sx in (-1, 1):
            m.rod((sx * (hw - 0.02), sy * (hd - 0.02), 0.0), (sx * (hw - 0.05), sy * 0.05, h - 0.04), 0.015, s.c,
                  sections=6)
    steps = max(2, int(h / 0.28))
    for k in range(steps):
        t = (k + 1) / (steps + 1)
        y = (hd - 0.02) * (1 - t) + 0.05 * t
        m.box((-hw + 0.03, y - 0.05, h * t - 0.02), (hw - 0.03, y + 0.05, h * t), METAL)
    m.box((-hw + 0.03, -0.1, h - 0.04), (hw - 0.03, 0.1, h), DARK_METAL)  # top platform


@generator("cat_tree")
def cat_tree(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, 0.0), (hw, hd, 0.04), s.c)
    levels = s.n("levels", 3)
    for k in range(levels):
        x = (-1 if k % 2 else 1) * hw * 0.35
        z = (k + 1) * (h - 0.04) / levels
        m.cyl(x, 0.0, 0.04, z - 0.03, 0.045, (0.8, 0.7, 0.5), sections=12)  # sisal post
        pw = hw * 0.55
        m.box((x - pw, -hd * 0.7, z - 0.03), (x + pw, hd * 0.7, z), s.c)  # platform
    m.box((-hw * 0.9, -hd * 0.5, 0.04), (-hw * 0.1, hd * 0.5, h * 0.35), darker(s.c, 0.1))  # cubby house
    m.rod((-hw * 0.5, hd * 0.5 - 0.005, h * 0.17), (-hw * 0.5, hd * 0.5, h * 0.17), min(0.08, h * 0.1), BLACK,
          sections=16)


@generator("pet_bed")
def pet_bed(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.cyl(0, 0, 0.0, h * 0.35, hw, s.c, sections=24, sy=hd / hw)
    for k in range(16):  # a bolster ring, open at the front
        a = 2 * math.pi * k / 16
        if abs(math.sin(a) - 1.0) < 0.3:
            continue
        m.ball((hw * 0.82 * math.cos(a), hd * 0.82 * math.sin(a), h * 0.6), (hw * 0.22, hd * 0.22, h * 0.4), s.c)
    m.cyl(0, 0, h * 0.35, h * 0.42, hw * 0.7, lighter(s.c, 0.3), sections=20, sy=hd / hw)  # cushion


@generator("litter_box")
def litter_box(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    tray_h = min(0.12, h * 0.6)
    m.box((-hw, -hd, 0.0), (hw, hd, tray_h), s.c)
    m.box((-hw + 0.02, -hd + 0.02, tray_h - 0.02), (hw - 0.02, hd - 0.02, tray_h - 0.005), (0.85, 0.8, 0.7))
    if s.p.get("hood", 0.0) > 0.5 and h > tray_h + 0.05:
        m.box((-hw, -hd, tray_h), (hw, hd, h), lighter(s.c, 0.1))
        m.rod((0.0, hd - 0.003, tray_h + (h - tray_h) * 0.45), (0.0, hd, tray_h + (h - tray_h) * 0.45),
              min(hw, h - tray_h) * 0.4, BLACK, sections=16)  # doorway
    else:
        m.box((-0.001, -0.001, h - 0.001), (0.001, 0.001, h), s.c)


@generator("aquarium")
def aquarium(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    stand = h * 0.55
    m.box((-hw, -hd, 0.0), (hw, hd, stand), s.c)  # cabinet stand
    m.box((-hw + 0.02, hd - 0.002, 0.04), (hw - 0.02, hd, stand - 0.04), lighter(s.c, 0.1))
    m.box((-hw, -hd, stand), (hw, hd, h - 0.04), (0.45, 0.7, 0.85))  # the water
    m.box((-hw + 0.01, -hd + 0.01, stand), (hw - 0.01, hd - 0.01, stand + 0.05), (0.85, 0.78, 0.6))  # gravel
    for k in range(4):  # weeds
        x = -hw * 0.7 + k * hw * 0.45
        m.cyl(x, -hd * 0.4, stand + 0.05, stand + (h - stand) * float(s.rng.uniform(0.4, 0.8)), 0.012, LEAF,
              sections=6)
    for k in range(s.n("fish", 5)):
        x = float(s.rng.uniform(-hw * 0.8, hw * 0.8))
        z = float(s.rng.uniform(stand + 0.12, h - 0.1))
        m.ball((x, float(s.rng.uniform(-hd * 0.5, hd * 0.5)), z), (0.025, 0.008, 0.014),
               ((0.95, 0.5, 0.1), (0.95, 0.85, 0.2), (0.2, 0.5, 0.95))[k % 3])
    m.box((-hw, -hd, h - 0.04), (hw, hd, h), BLACK)  # hood


@generator("pet_crate")
def pet_crate(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, 0.0), (hw, hd, 0.03), darker(s.c, 0.2))  # tray
    for x in [-hw + i * s.w / 8 for i in range(9)]:
        xx = min(max(x, -hw + 0.004), hw - 0.004)
        for sy in (-1, 1):
            m.box((xx - 0.004, sy * hd - (0.008 if sy > 0 else 0.0), 0.03), (xx + 0.004, sy * hd + (0.0 if sy > 0
                                                                                                     else 0.008),
                                                                             h), s.c)
    for y in [-hd + i * s.d / 5 for i in range(6)]:
        yy = min(max(y, -hd + 0.004), hd - 0.004)
        for sx in (-1, 1):
            m.box((sx * hw - (0.008 if sx > 0 else 0.0), yy - 0.004, 0.03), (sx * hw + (0.0 if sx > 0 else 0.008),
                                                                              yy + 0.004, h), s.c)
    m.box((-hw, -hd, h - 0.01), (hw, hd, h), s.c)  # the roof
    for z in (0.03, h / 2, h - 0.01):
        for sy in (-1, 1):
            m.box((-hw, sy * hd - (0.008 if sy > 0 else 0.0), z), (hw, sy * hd + (0.0 if sy > 0 else 0.008), z + 0.01),
                  s.c)
    m.box((-hw * 0.3, -hd * 0.3, 0.03), (hw * 0.3, hd * 0.3, 0.08), (0.6, 0.45, 0.35))  # a cushion


@generator("bird_cage")
def bird_cage(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    m.cyl(0, 0, 0.0, 0.05, r, darker(s.c, 0.2), sections=20)
    dome = h * 0.8
    for k in range(14):  # vertical bars curving into a dome
        a = 2 * math.pi * k / 14
        x, y = r * 0.95 * math.cos(a), r * 0.95 * math.sin(a)
        m.rod((x, y, 0.05), (x, y, dome), 0.004, s.c, sections=4)
        m.rod((x, y, dome), (0.0, 0.0, h - 0.05), 0.004, s.c, sections=4)
    m.cyl(0, 0, h * 0.45, h * 0.46, r * 0.96, s.c, sections=20)  # middle ring
    m.cyl(0, 0, h - 0.05, h, 0.02, s.c, sections=8)  # hanging ring
    m.rod((-r * 0.6, 0.0, h * 0.35), (r * 0.6, 0.0, h * 0.35), 0.006, (0.5, 0.35, 0.2), sections=6)  # perch
    m.ball((0.0, 0.0, h * 0.35 + 0.05), (0.03, 0.05, 0.045), (0.2, 0.7, 0.3))  # a budgie


@generator("cat")
def cat(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    lying = s.p.get("lying", 0.0) > 0.5
    body_z = h * (0.3 if lying else 0.45)
    m.ball((0.0, -hd * 0.1, body_z), (hw * 0.8, hd * 0.5, h * (0.3 if lying else 0.25)), s.c, subdivisions=2)
    head = (0.0, hd * 0.55, h * (0.45 if lying else 0.75))
    m.ball(head, (hw * 0.55, hd * 0.2, h * 0.2), s.c, subdivisions=2)
    for sx in (-1, 1):
        m.cyl(sx * hw * 0.3, head[1], head[2] + h * 0.12, head[2] + h * 0.28, hw * 0.15, s.c, r_top=0.002, sections=6)
        m.ball((sx * hw * 0.2, head[1] + hd * 0.18, head[2] + h * 0.04), (0.008, 0.005, 0.008), (0.6, 0.8, 0.2))
        if not lying:
            for y in (-hd * 0.4, hd * 0.25):
                m.cyl(sx * hw * 0.35, y, 0.0, body_z, hw * 0.14, s.c, sections=8)
    m.rod((0.0, -hd * 0.55, body_z), (0.0, -hd, h * (0.3 if lying else 0.8)), hw * 0.1, s.c, sections=8)  # tail
    _pin(m, hw, hd, h, s.c)


@generator("dog")
def dog(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    leg_h = h * 0.45
    m.ball((0.0, -hd * 0.05, leg_h + h * 0.12), (hw * 0.8, hd * 0.5, h * 0.17), s.c, subdivisions=2)
    for sx in (-1, 1):
        for y in (-hd * 0.35, hd * 0.25):
            m.cyl(sx * hw * 0.45, y, 0.0, leg_h + 0.05, hw * 0.16, s.c, sections=8)
        m.ball((sx * hw * 0.4, hd * 0.55, h * 0.82), (hw * 0.15, hd * 0.05, h * 0.12), darker(s.c, 0.3))  # ears
    m.rod((0.0, hd * 0.35, leg_h + h * 0.15), (0.0, hd * 0.5, h * 0.78), hw * 0.3, s.c, sections=10)  # neck
    m.ball((0.0, hd * 0.6, h * 0.85), (hw * 0.4, hd * 0.18, h * 0.13), s.c, subdivisions=2)  # head
    m.ball((0.0, hd * 0.85, h * 0.8), (hw * 0.22, hd * 0.15, h * 0.07), lighter(s.c, 0.1))  # muzzle
    m.ball((0.0, hd - 0.01, h * 0.82), (0.02, 0.01, 0.015), BLACK)  # nose
    m.rod((0.0, -hd * 0.5, leg_h + h * 0.15), (0.0, -hd, h * 0.75), hw * 0.08, s.c, sections=6)  # tail
    _pin(m, hw, hd, h, s.c)


@generator("succulent")
def succulent(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    pot_h = h * 0.45
    m.cyl(0, 0, 0.0, pot_h, r * 0.75, s.c, r_top=r, sections=16)
    m.cyl(0, 0, pot_h - 0.005, pot_h, r * 0.92, SOIL, sections=16)
    green = (0.35, 0.6, 0.4)
    if s.p.get("spiky", 0.0) > 0.5:  # a cactus column with arms
        m.cyl(0, 0, pot_h, h - r * 0.3, r * 0.4, green, sections=10, material="foliage")
        m.ball((0, 0, h - r * 0.3), (r * 0.4, r * 0.4, r * 0.3), green, material="foliage")
        m.cyl(r * 0.45, 0, pot_h + (h - pot_h) * 0.4, pot_h + (h - pot_h) * 0.7, r * 0.18, green, sections=8,
              material="foliage")
    else:  # a rosette
        for k in range(8):
            a = 2 * math.pi * k / 8
            m.ball((r * 0.45 * math.cos(a), r * 0.45 * math.sin(a), pot_h + (h - pot_h) * 0.3),
                   (r * 0.35, r * 0.35, (h - pot_h) * 0.3), mix(green, (0.6, 0.75, 0.6), k / 8), material="foliage")
        m.ball((0, 0, pot_h + (h - pot_h) * 0.55), (r * 0.35, r * 0.35, (h - pot_h) * 0.45), green, material="foliage")


@generator("hanging_plant")
def hanging_plant(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    pot_top = h * 0.45
    m.cyl(0, 0, pot_top - r * 0.6, pot_top, r * 0.4, s.c, r_top=r * 0.55, sections=16)
    for k in range(3):  # hanging cords
        a = 2 * math.pi * k / 3
        m.rod((r * 0.5 * math.cos(a), r * 0.5 * math.sin(a), pot_top), (0.0, 0.0, h - 0.02), 0.003, CREAM,
              sections=4)
    m.cyl(0, 0, h - 0.02, h, 0.03, CREAM, sections=8)
    for k in range(7):  # trailing vines
        a = 2 * math.pi * k / 7
        x, y = r * 0.5 * math.cos(a), r * 0.5 * math.sin(a)
        m.ball((x, y, pot_top), (r * 0.25, r * 0.25, r * 0.2), LEAF)
        z_end = float(s.rng.uniform(0.0, pot_top * 0.5))
        m.rod((x, y, pot_top), (x * 1.8, y * 1.8, z_end), 0.012, (0.3, 0.55, 0.25), sections=6, material="foliage")
        m.ball((x * 1.8, y * 1.8, max(0.03, z_end)), (0.03, 0.03, 0.03), LEAF)
    _pin(m, hw, hd, h, s.c)


@generator("indoor_tree")
def indoor_tree(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    pot_h = min(0.45, h * 0.22)
    m.cyl(0, 0, 0.0, pot_h, r * 0.35, s.c, r_top=r * 0.42, sections=18)
    m.cyl(0, 0, pot_h - 0.01, pot_h, r * 0.4, SOIL, sections=18)
    m.cyl(0, 0, pot_h, h * 0.6, 0.03, (0.4, 0.3, 0.2), sections=8, material="wood")  # trunk
    leaf = (0.22 + float(s.rng.uniform(-0.04, 0.04)), 0.45, 0.2)
    for k in range(9):
        a = 2 * math.pi * k / 9 + float(s.rng.uniform(-0.3, 0.3))
        rad = r * float(s.rng.uniform(0.3, 0.65))
        z = h * float(s.rng.uniform(0.55, 0.85))
        lr = r * float(s.rng.uniform(0.25, 0.35))
        m.ball((rad * math.cos(a), rad * math.sin(a), z), (lr, lr, lr * 0.9), mix(leaf, LEAF, k / 9),
               material="foliage")
    m.ball((0, 0, h - r * 0.3), (r * 0.35, r * 0.35, r * 0.3), leaf, material="foliage")
    _pin(m, hw, hd, h, s.c)


@generator("bbq_grill")
def bbq_grill(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    body_z = h * 0.65
    bw = hw * 0.6
    m.box((-bw, -hd * 0.8, body_z - 0.2), (bw, hd * 0.8, body_z), s.c)  # firebox
    m.rod((-bw, 0.0, body_z), (bw, 0.0, body_z), hd * 0.8, s.c, sections=16)  # lid (half buried)
    m.rod((-bw * 0.5, hd * 0.85, body_z + hd * 0.3), (bw * 0.5, hd * 0.85, body_z + hd * 0.3), 0.012, CHROME)
    m.box((bw, -hd * 0.6, body_z - 0.04), (hw, hd * 0.6, body_z), DARK_METAL)  # side shelves
    m.box((-hw, -hd * 0.6, body_z - 0.04), (-bw, hd * 0.6, body_z), DARK_METAL)
    for sx in (-1, 1):
        for sy in (-1, 1):
            m.box((sx * (bw - 0.03) - 0.02, sy * (hd * 0.7) - 0.02, 0.0),
                  (sx * (bw - 0.03) + 0.02, sy * (hd * 0.7) + 0.02, body_z - 0.2), DARK_METAL)
    m.box((-bw, -hd * 0.7, 0.15), (bw, hd * 0.7, 0.17), DARK_METAL)  # bottom shelf
    m.box((-hw, -hd, 0.0), (-hw + 0.001, -hd + 0.001, h), s.c)


@generator("patio_umbrella")
def patio_umbrella(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    canopy = min(0.5, h * 0.2)
    m.cyl(0, 0, 0.0, 0.08, 0.25, DARK_METAL, sections=16)  # base
    m.cyl(0, 0, 0.08, h - 0.05, 0.03, DARK_METAL, sections=8)  # pole
    m.cyl(0, 0, h - canopy - 0.05, h - 0.05, hw, s.c, r_top=0.05, sections=8, sy=hd / hw)  # canopy
    m.cyl(0, 0, h - 0.05, h, 0.03, s.c, sections=8)  # finial
    for k in range(8):  # scalloped valance
        a = 2 * math.pi * (k + 0.5) / 8
        m.box((hw * 0.92 * math.cos(a) - 0.1, hd * 0.92 * math.sin(a) - 0.1, h - canopy - 0.12),
              (hw * 0.92 * math.cos(a) + 0.1, hd * 0.92 * math.sin(a) + 0.1, h - canopy - 0.05),
              darker(s.c, 0.1))
