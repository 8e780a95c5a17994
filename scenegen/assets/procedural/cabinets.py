"""More storage: entertainment centre, display cabinet, pantry shelf, wine rack, trunk, lockers, cubbies, shoe
cabinet, coat hooks, wall cabinet, clothes rail, ladder shelf, storage boxes."""

from __future__ import annotations

from scenegen.assets.procedural.parts import (BLACK, CHROME, GLASS, METAL, Parts, Spec, books_fill,
                                              casework, darker, generator, lighter, plinth_case)

_BIN_COLOURS = ((0.55, 0.6, 0.65), (0.85, 0.8, 0.7), (0.4, 0.5, 0.6), (0.75, 0.55, 0.45))


@generator("entertainment_center")
def entertainment_center(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    tw = min(0.5, s.w * 0.22)  # side towers
    base = min(0.55, h * 0.3)
    casework(m, -hw + tw, hw - tw, -hd, hd - 0.05, 0.0, base, [("drawer", 2, 0.3), ("door", 3, 0.7)], s.c)
    for sx in (-1, 1):
        x0, x1 = sorted((sx * hw, sx * (hw - tw)))
        casework(m, x0, x1, -hd, hd, 0.0, h - 0.04, [("door", 1, 0.35), ("glass", 1, 0.65)], s.c)
    m.box((-hw, -hd, h - 0.04), (hw, hd, h), lighter(s.c, 0.05))  # crown
    m.box((-hw + tw, -hd, h - 0.35), (hw - tw, hd - 0.05, h - 0.04), s.c)  # bridge over the tv niche
    m.box((-hw + tw, -hd, base), (hw - tw, -hd + 0.02, h - 0.35), darker(s.c, 0.25))  # niche back
    books_fill(s.rng)(m, -hw + tw + 0.05, hw - tw - 0.05, -hd + 0.05, hd - 0.07, h - 0.34, h - 0.06)


@generator("display_cabinet")
def display_cabinet(s: Spec, m: Parts) -> None:
    n = s.n("doors", 2)
    plinth_case(s, m, [("door", n, 0.32), ("glass", n, 0.68)], plinth=0.08)
    hw, hd, h = s.hw, s.hd, s.h
    for k in range(1, 3):  # plates standing on the glass shelves
        z = 0.08 + (h - 0.1) * (0.32 + 0.68 * k / 3)
        m.box((-hw + 0.04, -hd + 0.03, z - 0.005), (hw - 0.04, hd - 0.1, z), GLASS)
        for i in range(max(1, int(s.w / 0.25))):
            x = -hw + 0.12 + i * 0.25
            if x < hw - 0.1:
                m.rod((x, -hd + 0.06, z + 0.1), (x, -hd + 0.075, z + 0.1), 0.09, (0.93, 0.93, 0.95), sections=20,
                      material="ceramic")  # plates


@generator("pantry_shelf")
def pantry_shelf(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    n = s.n("shelves", 4)
    for sx in (-1, 1):
        for sy in (-1, 1):
            m.box((sx * hw - (0.025 if sx > 0 else 0), sy * hd - (0.025 if sy > 0 else 0), 0.0),
                  (sx * hw + (0 if sx > 0 else 0.025), sy * hd + (0 if sy > 0 else 0.025), h), s.c)
    palette = ((0.85, 0.55, 0.3), (0.9, 0.85, 0.7), (0.4, 0.55, 0.3), (0.75, 0.2, 0.15), (0.95, 0.95, 0.9))
    for k in range(n):
        z = 0.08 + k * (h - 0.1) / max(1, n - 1) if n > 1 else h - 0.02
        z = min(z, h - 0.02)
        m.box((-hw, -hd, z), (hw, hd, z + 0.02), lighter(s.c, 0.1))
        if z + 0.25 < h:  # jars and boxes on the shelf
            x = -hw + 0.05
            while x < hw - 0.12:
                w = float(s.rng.uniform(0.06, 0.12))
                ht = float(s.rng.uniform(0.1, 0.22))
                col = palette[int(s.rng.integers(len(palette)))]
                if s.rng.random() < 0.5:
                    m.cyl(x + w / 2, 0.0, z + 0.02, z + 0.02 + ht, w / 2, col, sections=12)
                else:
                    m.box((x, -hd * 0.6, z + 0.02), (x + w, hd * 0.6, z + 0.02 + ht), col)
                x += w + float(s.rng.uniform(0.01, 0.05))


@generator("wine_rack")
def wine_rack(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    t = 0.015
    nx, nz = min(8, max(1, int(s.w / 0.11))), min(12, max(1, int(h / 0.11)))  # at most 96 cells
    m.box((-hw, -hd, 0.0), (hw, -hd + t, h), darker(s.c, 0.2))
    for i in range(nx + 1):
        x = -hw + i * s.w / nx
        m.box((max(-hw, x - t / 2), -hd, 0.0), (min(hw, x + t / 2), hd, h), s.c)
    for k in range(nz + 1):
        z = k * h / nz
        m.box((-hw, -hd, max(0.0, z - t / 2)), (hw, hd, min(h, z + t / 2)), s.c)
    fill = float(s.p.get("fill", 0.7))
    glass = ((0.15, 0.3, 0.15), (0.35, 0.1, 0.12), (0.75, 0.7, 0.45))
    for i in range(nx):
        for k in range(nz):
            if s.rng.random() > fill:
                continue
            x, z = -hw + (i + 0.5) * s.w / nx, (k + 0.5) * h / nz
            r = min(s.w / nx, h / nz) * 0.32
            m.rod((x, -hd + t, z), (x, hd - 0.03, z), r, glass[int(s.rng.integers(3))], sections=6, material="glass")
            m.rod((x, hd - 0.03, z), (x, hd, z), r * 0.35, BLACK, sections=4)


@generator("trunk")
def trunk(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, 0.0), (hw, hd, h * 0.75), s.c)
    # a flat lid, its long edges rounded: a trunk at a bed's foot holds books and blankets (a domed lid tipped them)
    edge = min(0.02, hd * 0.1, h * 0.04)
    m.box((-hw, -hd + edge, h * 0.75), (hw, hd - edge, h), lighter(s.c, 0.05))
    for y in (-hd + edge, hd - edge):
        m.box((-hw, y - edge, h * 0.75), (hw, y + edge, h - edge), lighter(s.c, 0.05))
        m.rod((-hw, y, h - edge), (hw, y, h - edge), edge, lighter(s.c, 0.05), sections=12)
    band = darker(s.c, 0.6)
    for x in (-hw * 0.6, hw * 0.6):
        m.box((x - 0.025, -hd - 0.0, 0.0), (x + 0.025, hd, h * 0.9), band)
    m.box((-0.05, hd - 0.005, h * 0.62), (0.05, hd, h * 0.78), (0.75, 0.62, 0.3))  # clasp
    for sx in (-1, 1):
        x0 = sx * hw - (0.005 if sx > 0 else 0.0)
        m.box((x0, -0.06, h * 0.5), (x0 + 0.005, 0.06, h * 0.56), band)  # handles


@generator("lockers")
def lockers(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    n = s.n("doors", 3)
    m.box((-hw, -hd, 0.0), (hw, hd - 0.02, h), darker(s.c, 0.15))
    dw = s.w / n
    for i in range(n):
        x0, x1 = -hw + i * dw + 0.006, -hw + (i + 1) * dw - 0.006
        m.box((x0, hd - 0.02, 0.1), (x1, hd - 0.005, h - 0.02), s.c)
        for k in range(4):  # vents
            z = h - 0.12 - k * 0.03
            m.box((x0 + dw * 0.25, hd - 0.005, z), (x1 - dw * 0.25, hd, z + 0.01), darker(s.c, 0.4))
        m.box((x1 - 0.05, hd - 0.005, h * 0.5), (x1 - 0.03, hd, h * 0.58), CHROME)  # latch
    m.box((-hw, hd - 0.02, 0.0), (hw, hd, 0.1), BLACK)


@generator("cubbies")
def cubbies(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    t = 0.02
    nx, nz = max(1, round(s.w / 0.38)), max(1, round(h / 0.38))
    m.box((-hw, -hd, 0.0), (hw, -hd + 0.01, h), darker(s.c, 0.1))
    for i in range(nx + 1):
        x = -hw + i * (s.w - t) / nx
        m.box((x, -hd, 0.0), (x + t, hd, h), s.c)
    for k in range(nz + 1):
        z = k * (h - t) / nz
        m.box((-hw, -hd, z), (hw, hd, z + t), s.c)
    share = float(s.p.get("bins", 0.4))
    for i in range(nx):
        for k in range(nz):
            if s.rng.random() >= share:
                continue
            x0 = -hw + i * (s.w - t) / nx + t + 0.01
            z0 = k * (h - t) / nz + t
            cw, ch = (s.w - t) / nx - t - 0.02, (h - t) / nz - t - 0.02
            m.box((x0, -hd + 0.03, z0), (x0 + cw, hd - 0.005, z0 + ch), _BIN_COLOURS[int(s.rng.integers(4))])


@generator("shoe_cabinet")
def shoe_cabinet(s: Spec, m: Parts) -> None:
    n = s.n("flaps", 2)
    plinth_case(s, m, [("drawer", 1, 1.0)] * n, plinth=0.0, legs=0.08, top_overhang=False)


@generator("coat_hooks")
def coat_hooks(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    board_h = min(0.1, h)
    m.box((-hw, -hd, h - board_h), (hw, -hd + 0.02, h), s.c)
    n = s.n("hooks", 4)
    coats = min(s.n("coats", 1), n)
    palette = ((0.2, 0.25, 0.35), (0.55, 0.4, 0.25), (0.6, 0.15, 0.15), (0.3, 0.35, 0.3))
    for i in range(n):
        x = -hw + (i + 0.5) * s.w / n
        m.rod((x, -hd + 0.02, h - board_h / 2), (x, hd - 0.01, h - board_h / 2 + 0.02), 0.007, METAL, sections=8)
        m.ball((x, hd - 0.012, h - board_h / 2 + 0.02), (0.012, 0.012, 0.012), METAL)
        if i < coats and h > 0.3:  # a coat hanging from the hook
            cw = min(s.w / n * 0.9, 0.45)
            m.box((x - cw / 2, -hd + 0.03, 0.0), (x + cw / 2, hd - 0.02, h - board_h / 2 - 0.02),
                  palette[i % len(palette)])
    m.box((-hw, -hd, 0.0), (-hw + 0.001, -hd + 0.001, 0.001), s.c)


@generator("wall_cabinet")
def wall_cabinet(s: Spec, m: Parts) -> None:
    n = s.n("doors", 2)
    casework(m, -s.hw, s.hw, -s.hd, s.hd, 0.0, s.h, [("door", n, 1.0)], s.c)


@generator("clothes_rail")
def clothes_rail(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    for sx in (-1, 1):
        x = sx * (hw - 0.02)
        m.rod((x, -hd + 0.03, 0.04), (x, hd - 0.03, 0.04), 0.015, s.c, sections=8)  # foot
        m.rod((x, 0.0, 0.04), (x, 0.0, h - 0.02), 0.015, s.c, sections=8)
        for y in (-hd + 0.03, hd - 0.03):
            m.cyl(x, y, 0.0, 0.04, 0.025, BLACK, sections=10)  # castors
    m.rod((-hw + 0.02, 0.0, h - 0.02), (hw - 0.02, 0.0, h - 0.02), 0.014, s.c, sections=8)
    n = s.n("garments", 6)
    palette = ((0.2, 0.3, 0.5), (0.85, 0.85, 0.8), (0.55, 0.2, 0.25), (0.3, 0.3, 0.3), (0.75, 0.65, 0.45))
    for i in range(n):
        x = -hw + 0.1 + (i + 0.5) * (s.w - 0.2) / max(1, n)
        length = h * float(s.rng.uniform(0.35, 0.6))
        m.box((x - 0.012, -hd * 0.8, h - 0.08 - length), (x + 0.012, hd * 0.8, h - 0.06),
              palette[int(s.rng.integers(len(palette)))])
        m.rod((x, 0.0, h - 0.06), (x, 0.0, h - 0.02), 0.003, METAL, sections=4)


@generator("ladder_shelf")
def ladder_shelf(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    for sx in (-1, 1):  # two leaning rails: foot at the front (+y), top at the wall (-y)
        m.rod((sx * (hw - 0.02), hd - 0.03, 0.0), (sx * (hw - 0.02), -hd + 0.02, h), 0.018, s.c, sections=8)
        # and a back leg under each top, so it stands without the wall (the support and settle checks lean
        # nothing on one)
        m.rod((sx * (hw - 0.02), -hd + 0.02, 0.0), (sx * (hw - 0.02), -hd + 0.02, h), 0.014, s.c, sections=8)
    n = s.n("shelves", 4)
    for k in range(n):
        t = (k + 0.3) / n
        z = h * t
        y_front = hd - 0.03 - (s.d - 0.05) * t
        depth = (s.d - 0.05) * (1 - t) * 0.9 + 0.08
        m.box((-hw + 0.03, y_front - 0.01, z), (hw - 0.03, min(hd, y_front - 0.01 + depth), z + 0.02),
              lighter(s.c, 0.08))


@generator("storage_box")
def storage_box(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    n = s.n("stack", 1)
    bh = h / n
    for k in range(n):
        k_w = 1.0 - 0.06 * k
        z0 = k * bh
        m.box((-hw * k_w, -hd * k_w, z0), (hw * k_w, hd * k_w, z0 + bh - 0.003), s.c)
        m.box((-hw * k_w, -0.02, z0 + bh - 0.003), (hw * k_w, 0.02, z0 + bh), lighter(s.c, 0.35))  # tape
        m.box((-hw * 0.4 * k_w, hd * k_w - 0.002, z0 + bh * 0.55), (hw * 0.4 * k_w, hd * k_w, z0 + bh * 0.75),
              (0.95, 0.95, 0.92))  # label
