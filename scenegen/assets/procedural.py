"""Procedural parametric generators: one per catalog category, built from closed primitives.

``plan_asset`` picks sizes inside the category's priors (honouring size words), category-specific parameters and a
colour (colour word, else material word, else a category default with a little seeded variation); ``build`` turns
the resulting ``AssetRef`` into a mesh, deterministically.

Every mesh is in the object's local frame (``scenegen.scene``): metres, z up, bottom-centre origin, width along x,
depth along y, front facing +y. Its bounds are exactly ``[-w/2, -d/2, 0] .. [w/2, d/2, h]``: parts are laid out close
to that box and a final per-axis fit makes it exact. Parts are concatenated without merging vertices, so each part
stays a closed shell and the whole mesh is watertight. Ceiling objects hang below their top (the solver puts z = h at
the ceiling); wall objects have their back at y = -d/2.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import trimesh

from scenegen import catalog
from scenegen.assets import ASSET_BACKENDS
from scenegen.assets.colours import colour_rgb, material_rgb
from scenegen.scene import AssetRef, PlannedObject

RGB = tuple[float, float, float]
Vec = tuple[float, float, float]

# ----------------------------------------------------------------------------------------------------------------
# Colours of parts
# ----------------------------------------------------------------------------------------------------------------

BLACK: RGB = (0.06, 0.06, 0.07)
SCREEN: RGB = (0.03, 0.04, 0.06)
WHITE: RGB = (0.93, 0.93, 0.91)
CREAM: RGB = (0.94, 0.9, 0.8)
METAL: RGB = (0.55, 0.57, 0.6)
CHROME: RGB = (0.78, 0.8, 0.82)
DARK_METAL: RGB = (0.2, 0.21, 0.23)
GLASS: RGB = (0.72, 0.84, 0.88)
MIRROR: RGB = (0.8, 0.86, 0.9)
LEAF: RGB = (0.2, 0.45, 0.18)
SOIL: RGB = (0.25, 0.17, 0.1)
WOOD: RGB = (0.63, 0.45, 0.29)
BULB: RGB = (1.0, 0.96, 0.82)

_DEFAULT_COLOURS: dict[str, RGB] = {
    "bed": (0.55, 0.4, 0.28), "nightstand": (0.55, 0.4, 0.27), "wardrobe": (0.62, 0.47, 0.32),
    "dresser": (0.58, 0.42, 0.28), "table_lamp": (0.85, 0.82, 0.74), "floor_lamp": (0.25, 0.25, 0.26),
    "mirror": (0.7, 0.6, 0.4), "rug": (0.62, 0.35, 0.3), "painting": (0.35, 0.28, 0.2), "plant": (0.72, 0.4, 0.25),
    "armchair": (0.45, 0.5, 0.58), "desk": (0.6, 0.45, 0.3), "office_chair": (0.12, 0.12, 0.13),
    "chair": (0.55, 0.4, 0.26), "bookshelf": (0.58, 0.42, 0.28), "sofa": (0.5, 0.5, 0.52),
    "coffee_table": (0.5, 0.36, 0.24), "tv": (0.08, 0.08, 0.09), "tv_stand": (0.3, 0.24, 0.2),
    "side_table": (0.6, 0.45, 0.3), "ottoman": (0.55, 0.45, 0.38), "fridge": (0.86, 0.87, 0.88),
    "stove": (0.8, 0.81, 0.82), "microwave": (0.2, 0.2, 0.21), "sink": (0.93, 0.93, 0.92),
    "kitchen_cabinet": (0.9, 0.89, 0.85), "kitchen_island": (0.85, 0.84, 0.8), "dishwasher": (0.75, 0.76, 0.78),
    "bar_stool": (0.3, 0.24, 0.2), "dining_table": (0.55, 0.4, 0.26), "sideboard": (0.48, 0.34, 0.22),
    "filing_cabinet": (0.55, 0.57, 0.6), "monitor": (0.1, 0.1, 0.11), "laptop": (0.7, 0.71, 0.73),
    "printer": (0.88, 0.88, 0.86), "whiteboard": (0.96, 0.96, 0.96), "toilet": (0.95, 0.95, 0.94),
    "bathtub": (0.95, 0.95, 0.94), "shower": (0.8, 0.82, 0.84), "bathroom_vanity": (0.9, 0.88, 0.84),
    "towel_rack": (0.78, 0.8, 0.82), "washing_machine": (0.93, 0.93, 0.93), "treadmill": (0.15, 0.15, 0.16),
    "exercise_bike": (0.2, 0.2, 0.22), "weight_bench": (0.1, 0.1, 0.11), "dumbbell_rack": (0.15, 0.15, 0.16),
    "yoga_mat": (0.45, 0.35, 0.6), "vase": (0.3, 0.45, 0.6), "books": (0.55, 0.15, 0.12),
    "wall_clock": (0.15, 0.15, 0.16), "ceiling_light": (0.92, 0.9, 0.85), "chandelier": (0.8, 0.68, 0.35),
    "ceiling_fan": (0.9, 0.9, 0.88), "wall_shelf": (0.6, 0.45, 0.3), "cabinet": (0.62, 0.48, 0.33),
    "trash_can": (0.6, 0.62, 0.64), "piano": (0.05, 0.05, 0.06), "guitar": (0.75, 0.5, 0.25),
    "speaker": (0.12, 0.12, 0.13), "coat_rack": (0.4, 0.28, 0.18), "bench": (0.6, 0.45, 0.3),
    "stool": (0.6, 0.45, 0.3), "crib": (0.93, 0.92, 0.9), "laundry_basket": (0.78, 0.66, 0.46),
    "shoe_rack": (0.55, 0.4, 0.27),
}
"""Category colour when the prompt names neither a colour nor a material (RGB in [0, 1])."""

_GENERIC_COLOUR: RGB = (0.6, 0.6, 0.6)


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t)


def darker(c: RGB, k: float = 0.35) -> RGB:
    """``c`` mixed towards black by ``k`` in [0, 1]."""
    return _mix(c, (0.0, 0.0, 0.0), k)


def lighter(c: RGB, k: float = 0.35) -> RGB:
    """``c`` mixed towards white by ``k`` in [0, 1]."""
    return _mix(c, (1.0, 1.0, 1.0), k)


# ----------------------------------------------------------------------------------------------------------------
# Geometry: a bag of closed primitive parts
# ----------------------------------------------------------------------------------------------------------------


class Parts:
    """Closed primitive meshes with one colour each, concatenated (vertices not merged) into one mesh at the end."""

    def __init__(self) -> None:
        self._verts: list[np.ndarray] = []
        self._faces: list[np.ndarray] = []
        self._colours: list[np.ndarray] = []
        self._n = 0

    def add(self, mesh: trimesh.Trimesh, colour: RGB) -> None:
        """Add a closed mesh (already in place) with an RGB colour in [0, 1]."""
        v = np.asarray(mesh.vertices, dtype=np.float64)
        f = np.asarray(mesh.faces, dtype=np.int64)
        self._verts.append(v)
        self._faces.append(f + self._n)
        rgba = np.array([*(np.clip(colour, 0.0, 1.0) * 255.0).round(), 255], dtype=np.uint8)
        self._colours.append(np.tile(rgba, (len(f), 1)))
        self._n += len(v)

    def box(self, lo: Vec, hi: Vec, colour: RGB) -> None:
        """Axis-aligned box between corners ``lo`` and ``hi`` (metres)."""
        lo_a, hi_a = np.minimum(lo, hi), np.maximum(lo, hi)
        ext = np.maximum(hi_a - lo_a, 1e-4)
        mesh = trimesh.creation.box(extents=ext)
        mesh.apply_translation((lo_a + hi_a) / 2.0)
        self.add(mesh, colour)

    def box_tf(self, extents: Vec, transform: np.ndarray, colour: RGB) -> None:
        """Box of ``extents`` centred at the origin, then moved by the (4, 4) ``transform``."""
        self.add(trimesh.creation.box(extents=extents, transform=transform), colour)

    def cyl(self, x: float, y: float, z0: float, z1: float, r: float, colour: RGB, sections: int = 20,
            r_top: float | None = None, sy: float = 1.0) -> None:
        """Vertical cylinder (or frustum with top radius ``r_top``; ``sy`` scales y for an ellipse) from z0 to z1."""
        mesh = trimesh.creation.cylinder(radius=r, height=max(z1 - z0, 1e-4), sections=sections)
        if r_top is not None and r > 0:
            v = mesh.vertices.copy()
            top = v[:, 2] > 0
            v[top, :2] *= r_top / r
            mesh.vertices = v
        if sy != 1.0:
            mesh.apply_scale((1.0, sy, 1.0))
        mesh.apply_translation((x, y, (z0 + z1) / 2.0))
        self.add(mesh, colour)

    def rod(self, p0: Vec, p1: Vec, r: float, colour: RGB, sections: int = 12) -> None:
        """Cylinder of radius ``r`` from point ``p0`` to ``p1``."""
        self.add(trimesh.creation.cylinder(radius=r, segment=np.array([p0, p1], dtype=np.float64),
                                           sections=sections), colour)

    def ball(self, centre: Vec, radii: Vec, colour: RGB, subdivisions: int = 1) -> None:
        """Ellipsoid with semi-axes ``radii`` at ``centre``."""
        mesh = trimesh.creation.icosphere(subdivisions=subdivisions, radius=1.0)
        mesh.apply_scale(radii)
        mesh.apply_translation(centre)
        self.add(mesh, colour)

    def legs(self, hw: float, hd: float, z0: float, z1: float, t: float, colour: RGB, round_: bool = False,
             inset: float = 0.0) -> None:
        """Four legs of thickness ``t`` at the corners of the [-hw, hw] x [-hd, hd] footprint, inset by ``inset``."""
        for sx in (-1, 1):
            for sy in (-1, 1):
                cx, cy = sx * (hw - inset - t / 2), sy * (hd - inset - t / 2)
                if round_:
                    self.cyl(cx, cy, z0, z1, t / 2, colour, sections=12)
                else:
                    self.box((cx - t / 2, cy - t / 2, z0), (cx + t / 2, cy + t / 2, z1), colour)

    def mesh(self, w: float, d: float, h: float) -> trimesh.Trimesh:
        """All parts as one mesh, fitted per axis to ``[-w/2, -d/2, 0] .. [w/2, d/2, h]`` (metres)."""
        v = np.concatenate(self._verts)
        f = np.concatenate(self._faces)
        lo, hi = v.min(axis=0), v.max(axis=0)
        target_lo = np.array([-w / 2, -d / 2, 0.0])
        scale = np.array([w, d, h]) / np.maximum(hi - lo, 1e-9)
        v = (v - lo) * scale + target_lo
        mesh = trimesh.Trimesh(vertices=v, faces=f, process=False, validate=False)
        mesh.visual.face_colors = np.concatenate(self._colours)
        return mesh


def _rot_z(angle: float, translate: Vec = (0.0, 0.0, 0.0)) -> np.ndarray:
    m = trimesh.transformations.rotation_matrix(angle, (0, 0, 1))
    m[:3, 3] = translate
    return m


def _rot_x(angle: float, translate: Vec = (0.0, 0.0, 0.0)) -> np.ndarray:
    m = trimesh.transformations.rotation_matrix(angle, (1, 0, 0))
    m[:3, 3] = translate
    return m


@dataclass(frozen=True)
class Spec:
    """What a generator reads: extents (metres), the category parameters, the main colour, a seeded generator."""

    w: float
    d: float
    h: float
    p: dict[str, float]
    c: RGB
    rng: np.random.Generator

    @property
    def hw(self) -> float:
        return self.w / 2

    @property
    def hd(self) -> float:
        return self.d / 2

    def n(self, key: str, default: int) -> int:
        """An integer parameter (counts are stored as floats in ``AssetRef.params``)."""
        return int(round(self.p.get(key, default)))


# ----------------------------------------------------------------------------------------------------------------
# Shared builders
# ----------------------------------------------------------------------------------------------------------------

Row = tuple[str, int, float]
"""A casework row from the bottom up: (kind, count, share of the height). kind: drawer, door, open, glass."""


def _casework(m: Parts, x0: float, x1: float, y0: float, y1: float, z0: float, z1: float, rows: list[Row],
              colour: RGB, front: RGB | None = None, handle: RGB = METAL, fill: Callable[..., None] | None = None
              ) -> None:
    """A cabinet body from (x0, y0, z0) to (x1, y1, z1) with fronts on the +y face: drawers, doors, open shelves.

    ``fill(m, x0, x1, y0, y1, z0, z1)`` is called for each open compartment (books, shoes...).
    """
    front = front or colour
    t = min(0.02, (x1 - x0) * 0.06, (z1 - z0) * 0.06)
    yb = y1 - 0.03  # the body ends here; fronts and handles stand proud of it
    total = sum(r[2] for r in rows)
    z = z0
    gap = 0.005
    for kind, count, share in rows:
        zt = z + (z1 - z0) * share / total
        count = max(1, count)
        if kind == "open":
            m.box((x0, y0, z), (x0 + t, yb, zt), colour)
            m.box((x1 - t, y0, z), (x1, yb, zt), colour)
            m.box((x0 + t, y0, z), (x1 - t, y0 + t, zt), darker(colour, 0.25))
            m.box((x0 + t, y0 + t, z), (x1 - t, yb, z + t), colour)
            m.box((x0 + t, y0 + t, zt - t), (x1 - t, yb, zt), colour)
            step = (zt - z) / count
            for i in range(count):
                zb = z + t + i * step if i else z + t
                if i:
                    m.box((x0 + t, y0 + t, z + i * step - t / 2), (x1 - t, yb, z + i * step + t / 2), colour)
                if fill is not None:
                    fill(m, x0 + t, x1 - t, y0 + t, yb, zb + (t / 2 if i else 0.0), z + (i + 1) * step - t)
        else:
            m.box((x0, y0, z), (x1, yb, zt), colour)
            cw = (x1 - x0) / count
            for i in range(count):
                fx0, fx1 = x0 + i * cw + gap, x0 + (i + 1) * cw - gap
                fz0, fz1 = z + gap, zt - gap
                panel = GLASS if kind == "glass" else front
                m.box((fx0, yb, fz0), (fx1, y1 - 0.012, fz1), panel)
                hx = (fx0 + fx1) / 2
                if kind == "drawer":
                    hl = min(0.12, (fx1 - fx0) * 0.4)
                    hz = (fz0 + fz1) / 2
                    m.box((hx - hl / 2, y1 - 0.012, hz - 0.006), (hx + hl / 2, y1, hz + 0.006), handle)
                else:
                    # doors: vertical handle on the edge that meets the neighbour (or the right edge when alone)
                    side = 1 if (count == 1 or i % 2 == 0) else -1
                    hx = fx1 - 0.04 if side == 1 else fx0 + 0.04
                    hl = min(0.16, (fz1 - fz0) * 0.3)
                    hz = fz1 - hl / 2 - min(0.1, (fz1 - fz0) * 0.2) if zt - z0 > 1.0 else (fz0 + fz1) / 2
                    m.box((hx - 0.006, y1 - 0.012, hz - hl / 2), (hx + 0.006, y1, hz + hl / 2), handle)
        z = zt


def _books_fill(rng: np.random.Generator, max_h: float = 0.3) -> Callable[..., None]:
    """A ``_casework`` fill that stands a row of books in each open compartment."""
    palette = [(0.55, 0.15, 0.12), (0.15, 0.3, 0.5), (0.2, 0.4, 0.25), (0.8, 0.7, 0.5), (0.3, 0.25, 0.2),
               (0.85, 0.85, 0.8), (0.5, 0.2, 0.4), (0.9, 0.6, 0.2)]

    def fill(m: Parts, x0: float, x1: float, y0: float, y1: float, z0: float, z1: float) -> None:
        if z1 - z0 < 0.08:
            return
        x = x0 + 0.01
        end = x0 + (x1 - x0) * float(rng.uniform(0.5, 0.95))
        while x < end:
            bw = float(rng.uniform(0.02, 0.05))
            bh = min(z1 - z0 - 0.01, max_h) * float(rng.uniform(0.7, 0.98))
            bd = (y1 - y0) * float(rng.uniform(0.7, 0.9))
            m.box((x, y1 - bd, z0), (min(x + bw, x1), y1 - 0.005, z0 + bh), palette[int(rng.integers(len(palette)))])
            x += bw + 0.002

    return fill


def _plinth_case(s: Spec, m: Parts, rows: list[Row], plinth: float = 0.06, legs: float = 0.0,
                 top_overhang: bool = True, front: RGB | None = None, fill: Callable[..., None] | None = None) -> None:
    """Casework standing on a recessed plinth or on legs, with a top board."""
    hw, hd, h = s.hw, s.hd, s.h
    top_t = min(0.025, h * 0.04)
    base = 0.0
    if legs > 0:
        s_leg = min(0.045, s.w * 0.08)
        m.legs(hw - 0.01, hd - 0.03, 0.0, legs, s_leg, darker(s.c, 0.4), inset=0.02)
        base = legs
    elif plinth > 0:
        m.box((-hw + 0.02, -hd, 0.0), (hw - 0.02, hd - 0.06, plinth), darker(s.c, 0.45))
        base = plinth
    xi = 0.01 if top_overhang else 0.0
    _casework(m, -hw + xi, hw - xi, -hd, hd - (0.012 if top_overhang else 0.0), base, h - top_t, rows, s.c,
              front=front, fill=fill)
    m.box((-hw, -hd, h - top_t), (hw, hd, h), lighter(s.c, 0.05) if front is None else s.c)


def _table(s: Spec, m: Parts, top_t: float, leg_t: float, apron: bool = True, shelf: bool = False,
           round_legs: bool = False, leg_colour: RGB | None = None) -> None:
    """Rectangular table: top slab, four corner legs, optional apron and lower shelf."""
    hw, hd, h = s.hw, s.hd, s.h
    lc = leg_colour or darker(s.c, 0.2)
    inset = min(0.05, s.w * 0.05, s.d * 0.05)
    m.box((-hw, -hd, h - top_t), (hw, hd, h), s.c)
    m.legs(hw, hd, 0.0, h - top_t, leg_t, lc, round_=round_legs, inset=inset)
    if apron:
        ah = min(0.08, h * 0.12)
        a = inset + leg_t / 2
        m.box((-hw + a, -hd + a, h - top_t - ah), (hw - a, -hd + a + 0.02, h - top_t), lc)
        m.box((-hw + a, hd - a - 0.02, h - top_t - ah), (hw - a, hd - a, h - top_t), lc)
        m.box((-hw + a, -hd + a, h - top_t - ah), (-hw + a + 0.02, hd - a, h - top_t), lc)
        m.box((hw - a - 0.02, -hd + a, h - top_t - ah), (hw - a, hd - a, h - top_t), lc)
    if shelf:
        a = inset + leg_t
        sz = h * 0.2
        e = a - leg_t / 2
        m.box((-hw + e, -hd + e, sz), (hw - e, hd - e, sz + top_t * 0.8),
              darker(s.c, 0.1))


def _screen(s: Spec, m: Parts, foot_h: float, panel_d: float, bezel: float) -> None:
    """Flat screen on a pedestal foot: bezel panel in the main colour, black screen on its front (+y)."""
    hw, hd, h = s.hw, s.hd, s.h
    foot_w = min(s.w * 0.4, 0.45)
    m.box((-foot_w / 2, -hd, 0.0), (foot_w / 2, hd, foot_h * 0.25), darker(s.c, 0.1))
    neck = min(0.05, s.w * 0.06)
    pz0 = foot_h
    m.box((-neck / 2, -panel_d / 2 - 0.02, foot_h * 0.25), (neck / 2, -panel_d / 2 + 0.01, pz0 + 0.1 * (h - pz0)),
          darker(s.c, 0.1))
    m.box((-hw, -panel_d / 2, pz0), (hw, panel_d / 2 - 0.004, h), s.c)
    m.box((-hw + bezel, panel_d / 2 - 0.004, pz0 + bezel), (hw - bezel, panel_d / 2, h - bezel), SCREEN)


def _wall_frame(m: Parts, hw: float, hd: float, h: float, frame_w: float, frame_c: RGB, inner_c: RGB) -> None:
    """A framed flat panel against the wall: back at y = -hd, frame bars standing to y = +hd, inner panel recessed."""
    f = frame_w
    m.box((-hw, -hd, 0.0), (hw, hd, f), frame_c)
    m.box((-hw, -hd, h - f), (hw, hd, h), frame_c)
    m.box((-hw, -hd, f), (-hw + f, hd, h - f), frame_c)
    m.box((hw - f, -hd, f), (hw, hd, h - f), frame_c)
    m.box((-hw + f, -hd, f), (hw - f, hd * 0.3, h - f), inner_c)


# ----------------------------------------------------------------------------------------------------------------
# Generators, one per category
# ----------------------------------------------------------------------------------------------------------------


def _bed(s: Spec, m: Parts) -> None:
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


def _nightstand(s: Spec, m: Parts) -> None:
    n = s.n("drawers", 1)
    rows: list[Row] = [("open", 1, 0.45)] + [("drawer", 1, 0.55 / n)] * n if n < 3 else [("drawer", 1, 1.0)] * n
    _plinth_case(s, m, rows, plinth=0.0, legs=s.h * 0.15)


def _wardrobe(s: Spec, m: Parts) -> None:
    doors = s.n("doors", 2)
    rows: list[Row] = [("drawer", max(1, doors // 2), 0.15), ("door", doors, 0.85)] if s.p.get("drawer_row", 0) > 0.5 \
        else [("door", doors, 1.0)]
    _plinth_case(s, m, rows, plinth=0.08)


def _dresser(s: Spec, m: Parts) -> None:
    n = s.n("drawers", 3)
    cols = 2 if s.w > 0.9 else 1
    rows: list[Row] = [("drawer", cols if i < n - 1 else max(cols, 2 if s.w > 0.7 else 1), 1.0) for i in range(n)]
    _plinth_case(s, m, rows, plinth=0.0, legs=min(0.12, s.h * 0.12))


def _table_lamp(s: Spec, m: Parts) -> None:
    hw, h = s.hw, s.h
    shade = CREAM if s.p.get("shade_light", 1.0) > 0.5 else lighter(s.c, 0.3)
    base_r = min(hw, s.hd) * 0.5
    m.cyl(0, 0, 0.0, h * 0.05, base_r, darker(s.c, 0.1))
    m.cyl(0, 0, h * 0.05, h * 0.35, base_r * 0.75, s.c, r_top=base_r * 0.35)  # body
    m.cyl(0, 0, h * 0.35, h * 0.6, base_r * 0.1, METAL, sections=10)
    m.ball((0, 0, h * 0.58), (base_r * 0.25,) * 3, BULB)
    m.cyl(0, 0, h * 0.55, h, min(hw, s.hd), shade, r_top=min(hw, s.hd) * 0.65, sy=s.hd / max(hw, 1e-6))


def _floor_lamp(s: Spec, m: Parts) -> None:
    h = s.h
    r = min(s.hw, s.hd)
    m.cyl(0, 0, 0.0, 0.03, r * 0.65, s.c)
    m.cyl(0, 0, 0.03, h * 0.8, 0.012, s.c, sections=10)
    m.ball((0, 0, h * 0.8), (0.03, 0.03, 0.03), BULB)
    m.cyl(0, 0, h * 0.76, h, r, CREAM, r_top=r * 0.7)


def _mirror(s: Spec, m: Parts) -> None:
    f = min(0.05, s.w * 0.08, s.h * 0.08)
    _wall_frame(m, s.hw, s.hd, s.h, f, s.c, MIRROR)


def _rug(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    b = min(0.12, s.w * 0.08, s.d * 0.08)
    m.box((-hw, -hd, 0.0), (hw, hd, h * 0.7), darker(s.c, 0.3))
    m.box((-hw + b, -hd + b, 0.0), (hw - b, hd - b, h), s.c)
    m.box((-hw + 2 * b, -hd + 2 * b, 0.0), (hw - 2 * b, hd - 2 * b, h * 0.85), lighter(s.c, 0.3))


def _painting(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    f = min(0.04, s.w * 0.06, s.h * 0.06)
    _wall_frame(m, hw, hd, h, f, darker(s.c, 0.2), lighter(s.c, 0.5))
    palette = [(0.8, 0.3, 0.2), (0.2, 0.4, 0.7), (0.9, 0.75, 0.3), (0.3, 0.55, 0.35), (0.15, 0.15, 0.2)]
    for _ in range(s.n("patches", 4)):
        pw, ph = float(s.rng.uniform(0.15, 0.45)) * (s.w - 2 * f), float(s.rng.uniform(0.15, 0.45)) * (h - 2 * f)
        x = float(s.rng.uniform(-hw + f, hw - f - pw))
        z = float(s.rng.uniform(f, h - f - ph))
        m.box((x, hd * 0.3 - 0.002, z), (x + pw, hd * 0.3 + 0.002, z + ph), palette[int(s.rng.integers(5))])


def _plant(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    pot_h = min(0.35 * h, max(0.15, r * 1.2))
    pot_r = r * 0.55
    m.cyl(0, 0, 0.0, pot_h, pot_r * 0.8, s.c, r_top=pot_r)
    m.cyl(0, 0, pot_h, pot_h + 0.01, pot_r * 0.95, SOIL)
    m.cyl(0, 0, pot_h, h * 0.6, max(0.01, r * 0.05), (0.35, 0.25, 0.15), sections=8)
    leaf = (0.2 + float(s.rng.uniform(-0.05, 0.05)), 0.45 + float(s.rng.uniform(-0.08, 0.08)), 0.18)
    k = s.n("clumps", 5)
    for i in range(k):
        a = 2 * math.pi * i / k + float(s.rng.uniform(-0.3, 0.3))
        rad = r * float(s.rng.uniform(0.3, 0.55))
        zc = pot_h + (h - pot_h) * float(s.rng.uniform(0.4, 0.75))
        lr = r * float(s.rng.uniform(0.35, 0.5))
        m.ball((rad * math.cos(a), rad * math.sin(a), zc), (lr, lr, lr * 1.2), _mix(leaf, LEAF, i / k))
    m.ball((0, 0, h - r * 0.4), (r * 0.4, r * 0.4, r * 0.4), leaf)


def _armchair(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    arm_w = min(0.16, s.w * 0.16)
    back_t = min(0.2, s.d * 0.22)
    leg = min(0.1, h * 0.12)
    seat = min(0.45, h * 0.5)
    m.legs(hw, hd, 0.0, leg, 0.04, darker(s.c, 0.6), inset=0.03)
    m.box((-hw, -hd, leg), (hw, hd, seat - 0.1), s.c)
    m.box((-hw + arm_w, -hd + back_t, seat - 0.1), (hw - arm_w, hd - 0.01, seat), lighter(s.c, 0.08))
    m.box((-hw, -hd, leg), (hw, -hd + back_t, h), s.c)
    for sx in (-1, 1):
        x0, x1 = (hw - arm_w, hw) if sx > 0 else (-hw, -hw + arm_w)
        m.box((x0, -hd, leg), (x1, hd, seat + 0.18), s.c)


def _desk(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    top_t = 0.03
    m.box((-hw, -hd, h - top_t), (hw, hd, h), s.c)
    ped = s.p.get("pedestal", 1.0) > 0.5 and s.w >= 1.0
    legc = darker(s.c, 0.25)
    lt = 0.05
    if ped:
        pw = min(0.42, s.w * 0.35)
        _casework(m, hw - pw, hw, -hd + 0.02, hd - 0.02, 0.0, h - top_t, [("drawer", 1, 1.0)] * 3, s.c)
        m.box((-hw + 0.02, -hd + 0.02, 0.0), (-hw + 0.02 + lt, -hd + 0.02 + lt, h - top_t), legc)
        m.box((-hw + 0.02, hd - 0.02 - lt, 0.0), (-hw + 0.02 + lt, hd - 0.02, h - top_t), legc)
        m.box((-hw + 0.02, -hd + 0.02, h - top_t - 0.35), (hw - pw, -hd + 0.04, h - top_t), legc)  # modesty panel
    else:
        m.legs(hw, hd, 0.0, h - top_t, lt, legc, inset=0.02)
        m.box((-hw + 0.02, -hd + 0.02, h - top_t - 0.3), (hw - 0.02, -hd + 0.04, h - top_t), legc)


def _office_chair(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    seat_z = min(0.5, h * 0.45)
    for i in range(5):
        a = 2 * math.pi * i / 5 + math.pi / 2
        tip = (r * 0.92 * math.cos(a), r * 0.92 * math.sin(a), 0.06)
        m.rod((0.0, 0.0, 0.08), tip, 0.018, DARK_METAL, sections=8)
        m.ball((tip[0], tip[1], 0.03), (0.03, 0.03, 0.03), BLACK, subdivisions=1)
    m.cyl(0, 0, 0.06, seat_z - 0.08, 0.025, CHROME, sections=12)
    m.box((-0.12, -0.12, seat_z - 0.1), (0.12, 0.12, seat_z - 0.07), DARK_METAL)
    sw, sd = s.w * 0.75, s.d * 0.75
    m.box((-sw / 2, -sd / 2 + 0.02, seat_z - 0.08), (sw / 2, sd / 2 + 0.02, seat_z), s.c)
    m.box((-0.03, -sd / 2 - 0.03, seat_z - 0.06), (0.03, -sd / 2 + 0.04, seat_z + 0.15), DARK_METAL)
    m.box((-sw / 2 + 0.02, -sd / 2 - 0.06, seat_z + 0.1), (sw / 2 - 0.02, -sd / 2 - 0.0, h), s.c)
    for sx in (-1, 1):
        x = sx * (sw / 2 + 0.03)
        m.box((x - 0.015, -0.05, seat_z - 0.06), (x + 0.015, 0.0, seat_z + 0.2), DARK_METAL)
        m.box((x - 0.03, -0.15, seat_z + 0.2), (x + 0.03, 0.12, seat_z + 0.23), BLACK)


def _chair(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    seat = min(0.47, h * 0.52)
    t = s.p.get("leg", 0.035)
    st = 0.035
    legc = darker(s.c, 0.2)
    m.legs(hw - 0.01, hd - 0.01, 0.0, seat - st, t, legc)
    m.box((-hw, -hd, seat - st), (hw, hd, seat), s.c)
    for sx in (-1, 1):  # back posts continue the back legs
        x = sx * (hw - 0.01 - t / 2)
        m.box((x - t / 2, -hd + 0.01, seat), (x + t / 2, -hd + 0.01 + t, h), legc)
    slats = s.n("slats", 1)
    for i in range(slats):
        z1 = h - i * (h - seat) * 0.3
        m.box((-hw + 0.01 + t, -hd + 0.012, z1 - (h - seat) * (0.35 if slats == 1 else 0.15)),
              (hw - 0.01 - t, -hd + 0.01 + t - 0.005, z1), s.c)
    m.box((-hw + 0.02, -hd + 0.02, 0.12), (hw - 0.02, -hd + 0.035, 0.14), legc)  # stretcher


def _bookshelf(s: Spec, m: Parts) -> None:
    n = s.n("shelves", 5)
    fill = _books_fill(s.rng) if s.p.get("books", 1.0) > 0.5 else None
    _casework(m, -s.hw, s.hw, -s.hd, s.hd + 0.03, 0.0, s.h, [("open", n, 1.0)], s.c, fill=fill)
    m.box((-s.hw + 0.02, s.hd - 0.02, 0.0), (s.hw - 0.02, s.hd, 0.06), darker(s.c, 0.2))  # kick board


def _sofa(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    arm_w = min(0.2, s.w * 0.09)
    back_t = min(0.22, s.d * 0.24)
    leg = min(0.1, h * 0.12)
    seat = min(0.45, h * 0.53)
    m.legs(hw, hd, 0.0, leg, 0.05, darker(s.c, 0.6), inset=0.04)
    m.box((-hw, -hd, leg), (hw, hd, seat - 0.12), darker(s.c, 0.1))
    m.box((-hw, -hd, leg), (hw, -hd + back_t * 0.5, h), s.c)  # back frame
    n = s.n("seats", 3)
    inner = s.w - 2 * arm_w
    for i in range(n):
        x0 = -hw + arm_w + i * inner / n
        m.box((x0 + 0.005, -hd + back_t, seat - 0.12), (x0 + inner / n - 0.005, hd - 0.01, seat), lighter(s.c, 0.06))
        m.box((x0 + 0.01, -hd + back_t * 0.5, seat), (x0 + inner / n - 0.01, -hd + back_t, h - 0.05), s.c)
    for sx in (-1, 1):
        x0, x1 = (hw - arm_w, hw) if sx > 0 else (-hw, -hw + arm_w)
        m.box((x0, -hd, leg), (x1, hd, seat + 0.17), s.c)


def _coffee_table(s: Spec, m: Parts) -> None:
    _table(s, m, top_t=min(0.04, s.h * 0.12), leg_t=min(0.05, s.w * 0.06), apron=False,
           shelf=s.p.get("shelf", 1.0) > 0.5)


def _tv(s: Spec, m: Parts) -> None:
    _screen(s, m, foot_h=min(0.08, s.h * 0.1), panel_d=min(0.06, s.d * 0.3), bezel=min(0.015, s.w * 0.02))


def _tv_stand(s: Spec, m: Parts) -> None:
    n = s.n("doors", 2)
    _plinth_case(s, m, [("door", n, 0.55), ("open", 1, 0.45)], plinth=0.0, legs=min(0.1, s.h * 0.15))


def _side_table(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    if s.p.get("round", 0.0) > 0.5:
        r = hw
        m.cyl(0, 0, h - 0.03, h, r, s.c, sections=24, sy=hd / r)
        for i in range(3):
            a = 2 * math.pi * i / 3 + math.pi / 2
            m.rod((0.0, 0.0, h - 0.03), (0.8 * hw * math.cos(a), 0.8 * hd * math.sin(a), 0.0), 0.015,
                  darker(s.c, 0.3), sections=8)
        m.cyl(0, 0, h * 0.35, h * 0.37, r * 0.6, darker(s.c, 0.1), sections=20)
    else:
        _table(s, m, top_t=0.03, leg_t=min(0.04, s.w * 0.08), apron=True, shelf=True)


def _ottoman(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    leg = min(0.06, h * 0.15)
    if s.p.get("round", 0.0) > 0.5:
        r = hw
        m.cyl(0, 0, leg, h - 0.02, r, s.c, sections=24, sy=hd / r)
        m.cyl(0, 0, h - 0.02, h, r * 0.95, lighter(s.c, 0.08), sections=24, sy=hd / r)
        m.cyl(0, 0, 0.0, leg, r * 0.6, darker(s.c, 0.5), sections=16)
    else:
        m.legs(hw, hd, 0.0, leg, 0.04, darker(s.c, 0.6), inset=0.03)
        m.box((-hw, -hd, leg), (hw, hd, h - 0.04), s.c)
        m.box((-hw + 0.01, -hd + 0.01, h - 0.04), (hw - 0.01, hd - 0.01, h), lighter(s.c, 0.08))


def _fridge(s: Spec, m: Parts) -> None:
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


def _stove(s: Spec, m: Parts) -> None:
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


def _microwave(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, 0.01), (hw, hd - 0.01, h), s.c)
    m.box((-hw + 0.03, hd - 0.01, 0.03), (hw - s.w * 0.3, hd, h - 0.03), SCREEN)
    m.box((hw - s.w * 0.25, hd - 0.01, 0.03), (hw - 0.03, hd, h - 0.03), darker(s.c, 0.3))
    for sx in (-1, 1):
        m.cyl(sx * (hw - 0.05), 0.0, 0.0, 0.01, 0.02, BLACK, sections=10)


def _sink(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    if s.w > 0.8:  # a sink cabinet: doors below, counter with a basin and a tap
        top = h - 0.12
        _casework(m, -hw + 0.01, hw - 0.01, -hd, hd - 0.01, 0.0, top - 0.04, [("door", 2, 1.0)], s.c)
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


def _kitchen_cabinet(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    units = max(1, s.n("units", 1))
    top_t = 0.04
    m.box((-hw + 0.01, -hd, 0.0), (hw - 0.01, hd - 0.08, 0.1), BLACK)  # toe kick
    uw = (s.w - 0.02) / units
    for i in range(units):
        x0 = -hw + 0.01 + i * uw
        _casework(m, x0, x0 + uw, -hd, hd - 0.02, 0.1, h - top_t, [("door", 2 if uw > 0.55 else 1, 0.78),
                                                                   ("drawer", 1, 0.22)], s.c)
    m.box((-hw, -hd, h - top_t), (hw, hd, h), (0.42, 0.42, 0.41) if s.p.get("dark_top", 1.0) > 0.5 else WHITE)


def _kitchen_island(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    top_t = 0.04
    over = min(0.3, s.d * 0.3) if s.p.get("overhang", 1.0) > 0.5 else 0.0
    m.box((-hw + 0.05, -hd + over, 0.0), (hw - 0.05, hd - 0.08, 0.1), BLACK)
    n = max(1, int(s.w / 0.6))
    uw = (s.w - 0.1) / n
    for i in range(n):
        x0 = -hw + 0.05 + i * uw
        _casework(m, x0, x0 + uw, -hd + over, hd - 0.04, 0.1, h - top_t, [("door", 1, 0.75), ("drawer", 1, 0.25)],
                  s.c)
    m.box((-hw, -hd, h - top_t), (hw, hd, h), (0.92, 0.91, 0.88))


def _dishwasher(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, 0.0), (hw, hd - 0.03, h), darker(s.c, 0.2))
    m.box((-hw + 0.005, hd - 0.03, 0.1), (hw - 0.005, hd - 0.01, h - 0.12), s.c)
    m.box((-hw + 0.005, hd - 0.03, h - 0.11), (hw - 0.005, hd - 0.01, h - 0.005), darker(s.c, 0.5))
    m.box((-hw + 0.08, hd - 0.01, h - 0.16), (hw - 0.08, hd, h - 0.14), CHROME)


def _bar_stool(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    seat = h if s.p.get("back", 0.0) < 0.5 else min(h, 0.78)
    seat = min(seat, h)
    for sx in (-1, 1):
        for sy in (-1, 1):
            m.rod((sx * r * 0.45, sy * r * 0.45, seat - 0.05), (sx * (r - 0.015), sy * (r - 0.015), 0.0), 0.014,
                  darker(s.c, 0.2), sections=8)
    fz = min(0.3, seat * 0.4)
    for a in range(4):
        ang = a * math.pi / 2
        p0 = (r * 0.8 * math.cos(ang + math.pi / 4), r * 0.8 * math.sin(ang + math.pi / 4), fz)
        p1 = (r * 0.8 * math.cos(ang + 3 * math.pi / 4), r * 0.8 * math.sin(ang + 3 * math.pi / 4), fz)
        m.rod(p0, p1, 0.01, METAL, sections=8)
    m.cyl(0, 0, seat - 0.06, seat, r * 0.85, s.c, sections=24)
    if seat < h - 0.05:
        m.box((-r * 0.6, -r * 0.9, seat), (r * 0.6, -r * 0.8, h), s.c)
        m.box((-r * 0.6, -r * 0.9, h - 0.1), (r * 0.6, -r * 0.8, h), s.c)


def _dining_table(s: Spec, m: Parts) -> None:
    _table(s, m, top_t=0.04, leg_t=min(0.07, s.w * 0.05), apron=True, round_legs=s.p.get("round_legs", 0.0) > 0.5)


def _sideboard(s: Spec, m: Parts) -> None:
    n = s.n("doors", 3)
    _plinth_case(s, m, [("door", n, 0.7), ("drawer", n, 0.3)], plinth=0.0, legs=min(0.15, s.h * 0.18))


def _filing_cabinet(s: Spec, m: Parts) -> None:
    n = s.n("drawers", 3)
    _plinth_case(s, m, [("drawer", 1 if s.w < 0.6 else 2, 1.0)] * n, plinth=0.03, top_overhang=False)


def _monitor(s: Spec, m: Parts) -> None:
    _screen(s, m, foot_h=min(0.1, s.h * 0.2), panel_d=min(0.04, s.d * 0.3), bezel=min(0.01, s.w * 0.02))


def _laptop(s: Spec, m: Parts) -> None:
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
    tf = _rot_x(ang, (0.0, hinge_y - lean / 2, base_t + (h - base_t) / 2))
    m.box_tf((s.w, lid_t, lid_len), tf, s.c)
    tf2 = _rot_x(ang, (0.0, hinge_y - lean / 2 + lid_t * 0.6 * math.cos(ang), base_t + (h - base_t) / 2
                       + lid_t * 0.6 * math.sin(ang)))
    m.box_tf((s.w - 0.03, 0.003, lid_len - 0.03), tf2, SCREEN)


def _printer(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, 0.0), (hw, hd - 0.08, h - 0.02), s.c)
    m.box((-hw + 0.01, -hd + 0.01, h - 0.02), (hw - 0.01, hd - 0.09, h), lighter(s.c, 0.2))
    m.box((-hw * 0.7, hd - 0.08, h * 0.35), (hw * 0.7, hd, h * 0.4), darker(s.c, 0.2))  # out tray
    m.box((-hw * 0.6, hd - 0.08, h * 0.4), (hw * 0.6, hd - 0.01, h * 0.4 + 0.004), WHITE)  # paper
    m.box((-hw * 0.8, hd - 0.085, h * 0.5), (-hw * 0.3, hd - 0.08, h * 0.65), SCREEN)  # panel
    m.box((-hw * 0.8, hd - 0.08, 0.02), (hw * 0.8, hd - 0.05, h * 0.25), darker(s.c, 0.1))  # paper drawer


def _whiteboard(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    f = min(0.025, s.w * 0.03)
    inner = WHITE if s.p.get("chalk", 0.0) < 0.5 else (0.15, 0.22, 0.18)
    _wall_frame(m, hw, hd, h, f, CHROME, s.c if s.p.get("chalk", 0.0) < 0.5 else inner)
    m.box((-hw * 0.6, -hd, 0.0), (hw * 0.6, hd, f * 1.5), CHROME)  # marker tray
    for i, col in enumerate(((0.1, 0.1, 0.1), (0.8, 0.1, 0.1), (0.1, 0.2, 0.8))):
        x = -hw * 0.4 + i * 0.06
        m.rod((x, hd * 0.5, f * 1.5), (x + 0.05, hd * 0.5, f * 1.5 + 0.0001), min(0.006, hd * 0.4), col, sections=8)


def _toilet(s: Spec, m: Parts) -> None:
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


def _bathtub(s: Spec, m: Parts) -> None:
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


def _shower(s: Spec, m: Parts) -> None:
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


def _bathroom_vanity(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    top = h - 0.05
    n = 2 if s.w > 0.7 else 1
    _casework(m, -hw + 0.01, hw - 0.01, -hd, hd - 0.01, 0.12, top - 0.03, [("door", n, 0.7), ("drawer", 1, 0.3)],
              s.c)
    m.legs(hw - 0.01, hd - 0.02, 0.0, 0.12, 0.035, CHROME, round_=True, inset=0.03)
    m.box((-hw, -hd, top - 0.03), (hw, hd, top), (0.95, 0.94, 0.92))
    bw, bd = min(0.5, s.w * 0.6), s.d * 0.55
    m.cyl(0, 0.02, top, top + 0.01, bw / 2, WHITE, sections=24, sy=bd / bw)
    m.rod((0.0, -hd + 0.05, top), (0.0, -hd + 0.05, h), 0.015, CHROME)
    m.rod((0.0, -hd + 0.05, h - 0.012), (0.0, -hd + 0.14, h - 0.012), 0.01, CHROME)


def _towel_rack(s: Spec, m: Parts) -> None:
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
    m.box((-hw * 0.5, y + r, h * 0.35), (hw * 0.5, y + r + 0.004, h * 0.9 + r), towel)


def _washing_machine(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, 0.0), (hw, hd - 0.04, h), s.c)
    m.box((-hw + 0.02, hd - 0.04, h - 0.14), (hw - 0.02, hd - 0.035, h - 0.02), darker(s.c, 0.1))  # panel
    m.box((-hw + 0.05, hd - 0.04, h - 0.11), (-hw + 0.15, hd - 0.03, h - 0.06), SCREEN)
    m.rod((hw - 0.1, hd - 0.04, h - 0.08), (hw - 0.1, hd - 0.02, h - 0.08), 0.025, CHROME, sections=16)
    r = min(hw * 0.75, (h - 0.2) * 0.4)
    zc = (h - 0.16) * 0.5 + 0.02
    m.rod((0.0, hd - 0.04, zc), (0.0, hd - 0.01, zc), r, CHROME, sections=24)
    m.rod((0.0, hd - 0.01, zc), (0.0, hd, zc), r * 0.75, SCREEN, sections=24)


def _treadmill(s: Spec, m: Parts) -> None:
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


def _exercise_bike(s: Spec, m: Parts) -> None:
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


def _weight_bench(s: Spec, m: Parts) -> None:
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


def _dumbbell_rack(s: Spec, m: Parts) -> None:
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


def _yoga_mat(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, 0.0), (hw, hd, h), s.c)
    m.box((-hw + 0.03, hd - 0.12, h * 0.5), (hw - 0.03, hd - 0.1, h * 1.02), lighter(s.c, 0.3))  # logo stripe


def _vase(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    flowers = s.p.get("flowers", 0.0) > 0.5
    body_h = h * (0.55 if flowers else 1.0)
    m.cyl(0, 0, 0.0, body_h * 0.55, r * 0.6, s.c, r_top=r, sections=20)
    m.cyl(0, 0, body_h * 0.55, body_h * 0.85, r, s.c, r_top=r * 0.45, sections=20)
    m.cyl(0, 0, body_h * 0.85, body_h, r * 0.45, s.c, r_top=r * 0.55, sections=20)
    if flowers:
        cols = [(0.9, 0.3, 0.4), (0.95, 0.85, 0.3), (0.95, 0.95, 0.95), (0.6, 0.3, 0.7)]
        for i in range(5):
            a = 2 * math.pi * i / 5
            tip = (r * 0.6 * math.cos(a), r * 0.6 * math.sin(a), h - r * 0.35)
            m.rod((0.0, 0.0, body_h * 0.8), tip, 0.004, LEAF, sections=6)
            m.ball(tip, (r * 0.35,) * 3, cols[int(s.rng.integers(len(cols)))])


def _books(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    n = s.n("count", 4)
    palette = [s.c, (0.15, 0.3, 0.5), (0.2, 0.4, 0.25), (0.8, 0.7, 0.5), (0.85, 0.85, 0.8), (0.5, 0.2, 0.4)]
    z = 0.0
    for i in range(n):
        t = h / n
        bw = s.w * float(s.rng.uniform(0.75, 1.0))
        bd = s.d * float(s.rng.uniform(0.75, 1.0))
        ox = float(s.rng.uniform(-(s.w - bw) / 2, (s.w - bw) / 2))
        oy = float(s.rng.uniform(-(s.d - bd) / 2, (s.d - bd) / 2))
        col = palette[0] if i == 0 else palette[int(s.rng.integers(len(palette)))]
        m.box((ox - bw / 2, oy - bd / 2, z), (ox + bw / 2, oy + bd / 2, z + t), col)
        m.box((ox - bw / 2 + 0.005, oy + bd / 2 - 0.004, z + t * 0.1), (ox + bw / 2 - 0.005, oy + bd / 2 + 0.001,
                                                                        z + t * 0.9), CREAM)  # page edge
        z += t
    m.box((-hw, -hd, 0.0), (-hw + 0.001, -hd + 0.001, 0.001), s.c)  # corner marker so bounds span w x d
    m.box((hw - 0.001, hd - 0.001, 0.0), (hw, hd, 0.001), s.c)


def _wall_clock(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, h / 2)
    zc = h / 2
    m.rod((0.0, -hd, zc), (0.0, hd * 0.4, zc), r, s.c, sections=32)  # rim/body
    m.rod((0.0, hd * 0.4, zc), (0.0, hd * 0.6, zc), r * 0.9, WHITE, sections=32)  # face
    for i in range(12):
        a = 2 * math.pi * i / 12
        x, z = r * 0.78 * math.sin(a), zc + r * 0.78 * math.cos(a)
        m.box((x - 0.004, hd * 0.6, z - 0.004), (x + 0.004, hd * 0.65, z + 0.004), BLACK)
    m.box((-0.005, hd * 0.65, zc), (0.005, hd * 0.75, zc + r * 0.7), BLACK)  # minute hand (12)
    m.box((0.0, hd * 0.75, zc - 0.005), (r * 0.45, hd * 0.85, zc + 0.005), BLACK)  # hour hand (3)
    m.rod((0.0, hd * 0.6, zc), (0.0, hd, zc), 0.008, (0.7, 0.1, 0.1), sections=8)


def _ceiling_light(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    if h <= 0.2 or s.p.get("flush", 0.0) > 0.5:  # flush mount: a dome under a canopy
        m.cyl(0, 0, h * 0.8, h, r * 0.9, s.c, sections=24)
        m.cyl(0, 0, 0.0, h * 0.8, r * 0.7, lighter(s.c, 0.4), r_top=r, sections=24)
        return
    m.cyl(0, 0, h - 0.025, h, min(0.07, r * 0.5), s.c, sections=16)  # canopy at the ceiling
    shade_h = min(0.25, h * 0.45)
    m.cyl(0, 0, shade_h, h - 0.025, 0.005, BLACK, sections=6)  # cord
    m.cyl(0, 0, 0.0, shade_h, r, s.c, r_top=r * 0.35, sections=24)  # shade, wide at the bottom
    m.ball((0, 0, shade_h * 0.3), (r * 0.3,) * 3, BULB)


def _chandelier(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    m.cyl(0, 0, h - 0.03, h, 0.08, s.c, sections=16)
    body_z = h * 0.35
    m.cyl(0, 0, body_z, h - 0.03, 0.01, s.c, sections=8)  # chain / rod
    m.ball((0, 0, body_z), (r * 0.15, r * 0.15, r * 0.25), s.c)
    m.cyl(0, 0, 0.0, body_z - r * 0.2, r * 0.04, s.c, r_top=r * 0.1, sections=10)  # finial at the bottom
    arms = s.n("arms", 6)
    for i in range(arms):
        a = 2 * math.pi * i / arms
        tip = ((r - 0.03) * math.cos(a), (r - 0.03) * math.sin(a), body_z + h * 0.1)
        m.rod((0.0, 0.0, body_z), tip, 0.008, s.c, sections=8)
        m.cyl(tip[0], tip[1], tip[2], tip[2] + 0.015, 0.03, s.c, sections=12)  # cup
        m.cyl(tip[0], tip[1], tip[2] + 0.015, tip[2] + 0.1, 0.012, CREAM, sections=10)  # candle
        m.ball((tip[0], tip[1], tip[2] + 0.12), (0.015, 0.015, 0.025), BULB)


def _ceiling_fan(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    m.cyl(0, 0, h - 0.04, h, 0.07, s.c, sections=16)
    motor_top = min(h - 0.04, 0.2)
    m.cyl(0, 0, motor_top, h - 0.04, 0.012, s.c, sections=8)  # downrod
    m.cyl(0, 0, 0.06, motor_top, 0.1, s.c, sections=20)  # motor
    m.cyl(0, 0, 0.0, 0.06, 0.06, lighter(s.c, 0.5), r_top=0.09, sections=16)  # light bowl
    blades = s.n("blades", 5)
    blade_c = darker(s.c, 0.45) if s.p.get("wood_blades", 1.0) > 0.5 else s.c
    for i in range(blades):
        a = 2 * math.pi * i / blades
        length = r - 0.08
        mid = 0.08 + length / 2
        m.box_tf((length, min(0.14, r * 0.2), 0.01), _rot_z(a, (mid * math.cos(a), mid * math.sin(a), 0.11)), blade_c)


def _wall_shelf(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    t = min(0.04, h)
    m.box((-hw, -hd, h - t), (hw, hd, h), s.c)
    if h > t + 0.02:  # brackets under the plank
        for sx in (-1, 1):
            x = sx * (hw - 0.12 if s.w > 0.4 else hw * 0.5)
            m.box((x - 0.01, -hd, 0.0), (x + 0.01, -hd + 0.02, h - t), DARK_METAL)
            m.box((x - 0.01, -hd, h - t - 0.02), (x + 0.01, hd * 0.6, h - t), DARK_METAL)


def _cabinet(s: Spec, m: Parts) -> None:
    n = 2 if s.w > 0.5 else 1
    if s.h > 1.4 and s.p.get("glass", 0.0) > 0.5:
        rows: list[Row] = [("door", n, 0.45), ("glass", n, 0.55)]
    else:
        rows = [("door", n, 1.0)]
    _plinth_case(s, m, rows, plinth=0.06)


def _trash_can(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = hw
    if s.p.get("round", 1.0) > 0.5:
        m.cyl(0, 0, 0.0, h - 0.03, r * 0.85, s.c, r_top=r * 0.97, sections=24, sy=hd / r)
        m.cyl(0, 0, h - 0.03, h, r, darker(s.c, 0.2), sections=24, sy=hd / r)
        m.box((-0.04, hd * 0.8, 0.0), (0.04, hd, 0.02), BLACK)  # pedal
    else:
        m.box((-hw * 0.92, -hd * 0.92, 0.0), (hw * 0.92, hd * 0.92, h - 0.03), s.c)
        m.box((-hw, -hd, h - 0.03), (hw, hd, h), darker(s.c, 0.2))


def _piano(s: Spec, m: Parts) -> None:
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


def _guitar(s: Spec, m: Parts) -> None:
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


def _speaker(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    m.box((-hw, -hd, 0.0), (hw, hd - 0.015, h), s.c)
    r = min(hw * 0.75, h * 0.2)
    zs = [h - r * 0.6 - 0.03] + [h - r * 1.4 - 0.05 - (i + 1) * r * 2.3 for i in range(s.n("woofers", 2))]
    for i, z in enumerate(zs):
        rr = r * 0.45 if i == 0 else r
        if z - rr < 0.01:
            break
        m.rod((0.0, hd - 0.015, z), (0.0, hd, z), rr, DARK_METAL if i else CHROME, sections=20)


def _coat_rack(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    for i in range(4):  # feet
        a = i * math.pi / 2
        m.rod((0.0, 0.0, 0.12), (r * math.cos(a), r * math.sin(a), 0.015), 0.015, s.c, sections=8)
    m.cyl(0, 0, 0.0, h - 0.05, 0.02, s.c, sections=12)
    m.ball((0, 0, h - 0.035), (0.035, 0.035, 0.035), s.c)
    hooks = s.n("hooks", 6)
    for i in range(hooks):
        a = 2 * math.pi * i / hooks
        m.rod((0.0, 0.0, h - 0.25), (r * 0.75 * math.cos(a), r * 0.75 * math.sin(a), h - 0.12), 0.01, s.c, sections=8)
        m.ball((r * 0.75 * math.cos(a), r * 0.75 * math.sin(a), h - 0.12), (0.015,) * 3, darker(s.c, 0.3))


def _bench(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    t = min(0.05, h * 0.12)
    m.box((-hw, -hd, h - t), (hw, hd, h), s.c)
    if s.p.get("panel_legs", 1.0) > 0.5:
        for sx in (-1, 1):
            x = sx * (hw - 0.08)
            m.box((x - 0.02, -hd + 0.02, 0.0), (x + 0.02, hd - 0.02, h - t), darker(s.c, 0.2))
        m.box((-hw + 0.1, -0.02, h * 0.3), (hw - 0.1, 0.02, h * 0.36), darker(s.c, 0.2))
    else:
        m.legs(hw, hd, 0.0, h - t, 0.045, darker(s.c, 0.2), inset=0.04)


def _stool(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    r = min(hw, hd)
    legs = s.n("legs", 3)
    for i in range(legs):
        a = 2 * math.pi * i / legs + math.pi / 2
        m.rod((r * 0.45 * math.cos(a), r * 0.45 * math.sin(a), h - 0.04),
              ((r - 0.02) * math.cos(a), (r - 0.02) * math.sin(a), 0.0), 0.018, darker(s.c, 0.15), sections=8)
    m.cyl(0, 0, h - 0.04, h, r * 0.85, s.c, sections=24)
    m.cyl(0, 0, h * 0.35, h * 0.37, r * 0.72, darker(s.c, 0.15), sections=20)


def _crib(s: Spec, m: Parts) -> None:
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


def _laundry_basket(s: Spec, m: Parts) -> None:
    hw, hd, h = s.hw, s.hd, s.h
    bands = s.n("bands", 6)
    for i in range(bands):
        z0, z1 = h * i / bands, h * (i + 1) / bands
        k = 0.9 + 0.1 * i / max(1, bands - 1)
        col = s.c if i % 2 == 0 else darker(s.c, 0.15)
        m.box((-hw * k, -hd * k, z0), (hw * k, hd * k, z1 - (0.0 if i == bands - 1 else 0.002)), col)
    for sx in (-1, 1):  # handles
        m.box((sx * hw - (0.01 if sx > 0 else 0), -0.06, h * 0.75), (sx * hw + (0 if sx > 0 else 0.01), 0.06, h * 0.85),
              darker(s.c, 0.3))
    if s.p.get("clothes", 1.0) > 0.5:
        m.ball((0.0, 0.0, h * 0.97), (hw * 0.7, hd * 0.7, h * 0.08), (0.75, 0.8, 0.9))


def _shoe_rack(s: Spec, m: Parts) -> None:
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
    _casework(m, -s.hw, s.hw, -s.hd, s.hd + 0.03, 0.0, s.h, [("open", n, 1.0)], s.c, fill=shoes)


GENERATORS: dict[str, Callable[[Spec, Parts], None]] = {
    "bed": _bed, "nightstand": _nightstand, "wardrobe": _wardrobe, "dresser": _dresser, "table_lamp": _table_lamp,
    "floor_lamp": _floor_lamp, "mirror": _mirror, "rug": _rug, "painting": _painting, "plant": _plant,
    "armchair": _armchair, "desk": _desk, "office_chair": _office_chair, "chair": _chair, "bookshelf": _bookshelf,
    "sofa": _sofa, "coffee_table": _coffee_table, "tv": _tv, "tv_stand": _tv_stand, "side_table": _side_table,
    "ottoman": _ottoman, "fridge": _fridge, "stove": _stove, "microwave": _microwave, "sink": _sink,
    "kitchen_cabinet": _kitchen_cabinet, "kitchen_island": _kitchen_island, "dishwasher": _dishwasher,
    "bar_stool": _bar_stool, "dining_table": _dining_table, "sideboard": _sideboard,
    "filing_cabinet": _filing_cabinet, "monitor": _monitor, "laptop": _laptop, "printer": _printer,
    "whiteboard": _whiteboard, "toilet": _toilet, "bathtub": _bathtub, "shower": _shower,
    "bathroom_vanity": _bathroom_vanity, "towel_rack": _towel_rack, "washing_machine": _washing_machine,
    "treadmill": _treadmill, "exercise_bike": _exercise_bike, "weight_bench": _weight_bench,
    "dumbbell_rack": _dumbbell_rack, "yoga_mat": _yoga_mat, "vase": _vase, "books": _books,
    "wall_clock": _wall_clock, "ceiling_light": _ceiling_light, "chandelier": _chandelier,
    "ceiling_fan": _ceiling_fan, "wall_shelf": _wall_shelf, "cabinet": _cabinet, "trash_can": _trash_can,
    "piano": _piano, "guitar": _guitar, "speaker": _speaker, "coat_rack": _coat_rack, "bench": _bench,
    "stool": _stool, "crib": _crib, "laundry_basket": _laundry_basket, "shoe_rack": _shoe_rack,
}
"""Category name -> generator. Each generator lays out closed parts inside the object's box."""


# ----------------------------------------------------------------------------------------------------------------
# Parameters chosen at plan time
# ----------------------------------------------------------------------------------------------------------------


def _clamp(v: float, lo: float, hi: float) -> float:
    return min(max(v, lo), hi)


def _extra_params(name: str, w: float, d: float, h: float, rng: np.random.Generator) -> dict[str, float]:
    """Category-specific generator parameters (counts and switches as floats), drawn from ``rng``."""
    coin = lambda p=0.5: float(rng.random() < p)  # noqa: E731
    if name == "bed":
        return {"pillows": 1.0 if w < 1.2 else 2.0}
    if name == "nightstand":
        return {"drawers": float(rng.integers(1, 3))}
    if name == "wardrobe":
        return {"doors": float(max(1, min(4, round(w / 0.5)))), "drawer_row": coin(0.4)}
    if name == "dresser":
        return {"drawers": float(_clamp(round(h / 0.22), 2, 6))}
    if name == "table_lamp":
        return {"shade_light": coin(0.8)}
    if name == "painting":
        return {"patches": float(rng.integers(2, 7))}
    if name == "plant":
        return {"clumps": float(rng.integers(4, 8))}
    if name == "desk":
        return {"pedestal": coin(0.6)}
    if name == "chair":
        return {"leg": round(float(rng.uniform(0.03, 0.045)), 4), "slats": float(rng.integers(1, 4))}
    if name in ("bookshelf",):
        return {"shelves": float(_clamp(round(h / 0.36), 2, 7)), "books": coin(0.85)}
    if name == "shoe_rack":
        return {"shelves": float(_clamp(round(h / 0.22), 1, 5))}
    if name == "sofa":
        return {"seats": float(_clamp(round((w - 0.3) / 0.65), 1, 4))}
    if name == "coffee_table":
        return {"shelf": coin(0.5)}
    if name == "tv_stand":
        return {"doors": float(_clamp(round(w / 0.6), 1, 4))}
    if name in ("side_table", "ottoman"):
        return {"round": coin(0.4 if name == "side_table" else 0.3)}
    if name == "fridge":
        return {"doors": 2.0 if w > 0.85 else 1.0, "freezer_bottom": coin(0.7)}
    if name == "stove":
        return {"burners": 6.0 if w > 0.9 else 4.0}
    if name == "kitchen_cabinet":
        return {"units": float(max(1, round(w / 0.6))), "dark_top": coin(0.6)}
    if name == "kitchen_island":
        return {"overhang": coin(0.7)}
    if name == "bar_stool":
        return {"back": coin(0.3) if h > 0.85 else 0.0}
    if name == "dining_table":
        return {"round_legs": coin(0.3)}
    if name == "sideboard":
        return {"doors": float(_clamp(round(w / 0.5), 2, 4))}
    if name == "filing_cabinet":
        return {"drawers": float(_clamp(round(h / 0.33), 1, 5))}
    if name == "whiteboard":
        return {"chalk": 0.0}
    if name == "towel_rack":
        return {"bars": float(_clamp(round(h / 0.15), 1, 8))}
    if name == "dumbbell_rack":
        return {"tiers": 2.0 if h > 0.6 else 1.0}
    if name == "vase":
        return {"flowers": coin(0.5)}
    if name == "books":
        return {"count": float(_clamp(round(h / 0.03), 1, 8))}
    if name == "ceiling_light":
        return {"flush": coin(0.25)}
    if name == "chandelier":
        return {"arms": float(rng.integers(5, 9))}
    if name == "ceiling_fan":
        return {"blades": float(rng.choice([4, 6])), "wood_blades": coin(0.5)}
    if name == "cabinet":
        return {"glass": coin(0.5)}
    if name == "trash_can":
        return {"round": coin(0.7)}
    if name == "speaker":
        return {"woofers": float(_clamp(int(h / 0.35), 1, 3))}
    if name == "coat_rack":
        return {"hooks": float(rng.integers(4, 9))}
    if name == "bench":
        return {"panel_legs": coin(0.5)}
    if name == "stool":
        return {"legs": float(rng.integers(3, 5))}
    if name == "laundry_basket":
        return {"bands": float(rng.integers(4, 9)), "clothes": coin(0.6)}
    return {}


def plan_size(cat: catalog.Category, size_word: str | None, rng: np.random.Generator) -> tuple[float, float, float]:
    """(W, D, H) in metres inside ``cat``'s priors.

    A category size word (``queen``) gives that size jittered by 2 %; ``small`` draws between min and typical,
    ``large`` between typical and max (``tall`` / ``short`` do the same for the height only); otherwise each extent is
    the typical one jittered by up to 10 %. Always clamped to [min, max].
    """
    lo, typ, hi = np.array(cat.size_min), np.array(cat.size_typical), np.array(cat.size_max)
    jitter = rng.uniform(-0.1, 0.1, size=3)
    size = typ * (1.0 + jitter)
    words = (size_word or "").strip()
    exact = catalog.size_for_word(cat, words) if words else None
    if exact is None and words:  # "small queen", "large three-seater": look for a category word inside
        for w in words.replace("-", " ").split():
            exact = exact or catalog.size_for_word(cat, w)
    if exact is not None:
        size = np.array(exact) * (1.0 + rng.uniform(-0.02, 0.02, size=3))
    classes = {catalog.size_class(w) for w in words.replace("-", " ").split()} - {None}
    if catalog.size_class(words):
        classes.add(catalog.size_class(words))
    t = float(rng.uniform(0.2, 0.8)) + rng.uniform(-0.1, 0.1, size=3)  # shared draw keeps proportions
    if "small" in classes:
        size = lo + (typ - lo) * t if exact is None else size * 0.95
    elif "large" in classes:
        size = typ + (hi - typ) * t if exact is None else size * 1.05
    if "tall" in classes:
        size[2] = typ[2] + (hi[2] - typ[2]) * t[2]
    elif "short" in classes:
        size[2] = lo[2] + (typ[2] - lo[2]) * t[2]
    size = np.clip(size, lo, hi)
    return float(round(size[0], 4)), float(round(size[1], 4)), float(round(size[2], 4))


def plan_colour(name: str, colour: str | None, material: str | None, rng: np.random.Generator) -> RGB:
    """RGB in [0, 1]: the colour word, else the material's default, else the category's default varied a little."""
    rgb = colour_rgb(colour) or material_rgb(material)
    if rgb is None:
        base = np.array(_DEFAULT_COLOURS.get(name, _GENERIC_COLOUR))
        rgb = tuple(np.clip(base + rng.uniform(-0.04, 0.04, size=3), 0.0, 1.0))
    return (round(float(rgb[0]), 4), round(float(rgb[1]), 4), round(float(rgb[2]), 4))


# ----------------------------------------------------------------------------------------------------------------
# The backend
# ----------------------------------------------------------------------------------------------------------------


class ProceduralBackend:
    """Parametric generators, one per catalog category; unknown or generic objects become plain boxes."""

    def plan_asset(self, obj: PlannedObject, rng: np.random.Generator) -> AssetRef:
        """Choose sizes (metres, inside the category priors), category parameters and a colour for ``obj``."""
        seed = int(rng.integers(2**31 - 1))
        attrs = obj.attributes
        if obj.generic or obj.category not in catalog.CATALOG:
            w, d, h = catalog.GENERIC.size_typical
            colour = plan_colour("generic", attrs.colour, attrs.material, rng)
            return AssetRef(backend="procedural", category=obj.category, seed=seed,
                            params={"width": w, "depth": d, "height": h, "generic": 1.0}, colour=colour)
        cat = catalog.get(obj.category)
        w, d, h = plan_size(cat, attrs.size, rng)
        params = {"width": w, "depth": d, "height": h, **_extra_params(cat.name, w, d, h, rng)}
        colour = plan_colour(cat.name, attrs.colour, attrs.material, rng)
        return AssetRef(backend="procedural", category=cat.name, seed=seed, params=params, colour=colour)

    def build(self, ref: AssetRef) -> trimesh.Trimesh:
        """The mesh for ``ref`` in the local frame, bounds exactly [-w/2, -d/2, 0] .. [w/2, d/2, h] (metres)."""
        w, d, h = (float(ref.params[k]) for k in ("width", "depth", "height"))
        if min(w, d, h) <= 0 or not all(math.isfinite(v) for v in (w, d, h)):
            raise ValueError(f"asset {ref.category!r}: width, depth and height must be positive metres, got "
                             f"{(w, d, h)}")
        parts = Parts()
        gen = GENERATORS.get(ref.category)
        if gen is None or ref.params.get("generic", 0.0) > 0.5:
            parts.box((-w / 2, -d / 2, 0.0), (w / 2, d / 2, h), tuple(ref.colour))
        else:
            spec = Spec(w, d, h, dict(ref.params), tuple(ref.colour), np.random.default_rng(ref.seed))
            gen(spec, parts)
        return parts.mesh(w, d, h)


ASSET_BACKENDS.register("procedural")(ProceduralBackend())
