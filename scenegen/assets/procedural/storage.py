"""Casework and shelving: wardrobes, drawers, cabinets, shelves, racks."""

from __future__ import annotations

from scenegen.assets.procedural.parts import (BLACK, DARK_METAL, Parts, Row, Spec, WHITE, books_fill, casework,
    darker, generator, plinth_case)


@generator("nightstand")
def nightstand(s: Spec, m: Parts) -> None:
    n = s.n("drawers", 1)
    rows: list[Row] = [("open", 1, 0.45)] + [("drawer", 1, 0.55 / n)] * n if n < 3 else [("drawer", 1, 1.0)] * n
    plinth_case(s, m, rows, plinth=0.0, legs=s.h * 0.15)


@generator("wardrobe")
def wardrobe(s: Spec, m: Parts) -> None:
    doors = s.n("doors", 2)
    rows: list[Row] = [("drawer", max(1, doors // 2), 0.15), ("door", doors, 0.85)] if s.p.get("drawer_row", 0) > 0.5 \
        else [("door", doors, 1.0)]
    plinth_case(s, m, rows, plinth=0.08)


@generator("dresser")
def dresser(s: Spec, m: Parts) -> None:
    n = s.n("drawers", 3)
    cols = 2 if s.w > 0.9 else 1
    rows: list[Row] = [("drawer", cols if i < n - 1 else max(cols, 2 if s.w > 0.7 else 1), 1.0) for i in range(n)]
    plinth_case(s, m, rows, plinth=0.0, legs=min(0.12, s.h * 0.12))


@generator("bookshelf")
def bookshelf(s: Spec, m: Parts) -> None:
    n = s.n("shelves", 5)
    fill = books_fill(s.rng) if s.p.get("books", 1.0) > 0.5 else None
    casework(m, -s.hw, s.hw, -s.hd, s.hd + 0.03, 0.0, s.h, [("open", n, 1.0)], s.c, fill=fill)
    m.box((-s.hw + 0.02, s.hd - 0.02, 0.0), (s.hw - 0.02, s.hd, 0.06), darker(s.c, 0.2))  # kick board


@generator("tv_stand")
def tv_stand(s: Spec, m: Parts) -> None:
    n = s.n("doors", 2)
    plinth_case(s, m, [("door", n, 0.55), ("open", 1, 0.45)], plinth=0.0, legs=min(0.1, s.h * 0.15))


@generator("sideboard")
def sideboard(s: Spec, m: Parts) -> None:
    n = s.n("doors", 3)
    plinth_case(s, m, [("door", n, 0.7), ("drawer", n, 0.3)], plinth=0.0, legs=min(0.15, s.h * 0.18))


@generator("filing_cabinet")
def filing_cabinet(s: Spec, m: Parts) -> None:
    n = s.n("drawers", 3)
    plinth_case(s, m, [("drawer", 1 if s.w < 0.6 else 2, 1.0)] * n, plinth=0.03, top_overhang=False)


@generator("wall_shelf")
def wall_shelf(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    t = min(0.04, h)
    m.box((-hw, -hd, h - t), (hw, hd, h), s.c)
    if h > t + 0.02:  # brackets under the plank
        for sx in (-1, 1):
            x = sx * (hw - 0.12 if s.w > 0.4 else hw * 0.5)
            m.box((x - 0.01, -hd, 0.0), (x + 0.01, -hd + 0.02, h - t), DARK_METAL)
            m.box((x - 0.01, -hd, h - t - 0.02), (x + 0.01, hd * 0.6, h - t), DARK_METAL)


@generator("cabinet")
def cabinet(s: Spec, m: Parts) -> None:
    n = 2 if s.w > 0.5 else 1
    if s.h > 1.4 and s.p.get("glass", 0.0) > 0.5:
        rows: list[Row] = [("door", n, 0.45), ("glass", n, 0.55)]
    else:
        rows = [("door", n, 1.0)]
    plinth_case(s, m, rows, plinth=0.06)


@generator("kitchen_cabinet")
def kitchen_cabinet(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    units = max(1, s.n("units", 1))
    top_t = 0.04
    m.box((-hw + 0.01, -hd, 0.0), (hw - 0.01, hd - 0.08, 0.1), BLACK)  # toe kick
    uw = (s.w - 0.02) / units
    for i in range(units):
        x0 = -hw + 0.01 + i * uw
        casework(m, x0, x0 + uw, -hd, hd - 0.02, 0.1, h - top_t, [("door", 2 if uw > 0.55 else 1, 0.78),
                                                                   ("drawer", 1, 0.22)], s.c)
    m.box((-hw, -hd, h - top_t), (hw, hd, h), (0.42, 0.42, 0.41) if s.p.get("dark_top", 1.0) > 0.5 else WHITE)


@generator("shoe_rack")
def shoe_rack(s: Spec, m: Parts) -> None:
    rng = s.rng
    palette = [(0.1, 0.1, 0.1), (0.45, 0.28, 0.15), (0.9, 0.9, 0.9), (0.2, 0.3, 0.5), (0.6, 0.15, 0.15)]

    def shoes(m: Parts, x0: float, x1: float, y0: float, y1: float, z0: float, z1: float) -> None:
        if z1 - z0 < 0.08:
            return
        x = x0 + 0.02
        while x + 0.2 < x1:
            col = palette[int(rng.integers(len(palette)))]
            sh = min(0.1, (z1 - z0) * 0.8)
            for dx in (0.0, 0.1):
                m.box((x + dx, y0 + 0.02, z0), (x + dx + 0.085, min(y1 - 0.01, y0 + 0.27), z0 + sh), col)
            x += 0.22 + float(rng.uniform(0.0, 0.05))

    n = s.n("shelves", 3)
    casework(m, -s.hw, s.hw, -s.hd, s.hd + 0.03, 0.0, s.h, [("open", n, 1.0)], s.c, fill=shoes)
