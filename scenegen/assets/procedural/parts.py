"""The shared parts kit of the procedural generators: part colours, a bag of closed primitives (``Parts``: boxes,
cylinders, rods, balls, legs), what a generator reads (``Spec``), reusable assemblies (casework with drawers, doors
and handles; plinths; tables; screens; wall frames) and the generator registry.

Every generator lays out closed parts in the object's local frame (``scenegen.scene``): metres, z up, bottom-centre
origin, width along x, depth along y, front facing +y. ``Parts.mesh`` fits the parts exactly to the object's box.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import trimesh

from scenegen.assets.materials import BODY, KINDS

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

PALETTE_KINDS: tuple[tuple[RGB, str], ...] = (
    (BLACK, "plastic"), (SCREEN, "screen"), (METAL, "metal"), (CHROME, "chrome"), (DARK_METAL, "metal"),
    (GLASS, "glass"), (MIRROR, "mirror"), (LEAF, "foliage"), (SOIL, "soil"), (WOOD, "wood"),
    (BULB, "light_emissive"),
)
"""Part colours that say what the part is made of (``scenegen.assets.materials`` kinds). A part in one of these
colours, or in a darker or lighter shade of one, gets that kind unless it passes ``material=``; WHITE and CREAM say
nothing (a white part may be ceramic, plastic or fabric)."""


def mix(a: RGB, b: RGB, t: float) -> RGB:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t)


def darker(c: RGB, k: float = 0.35) -> RGB:
    """``c`` mixed towards black by ``k`` in [0, 1]."""
    return mix(c, (0.0, 0.0, 0.0), k)


def lighter(c: RGB, k: float = 0.35) -> RGB:
    """``c`` mixed towards white by ``k`` in [0, 1]."""
    return mix(c, (1.0, 1.0, 1.0), k)


def _shade_of(c: RGB, base: RGB, tol: float = 2e-3) -> bool:
    """True when ``c`` is ``base`` mixed towards black or white (``darker`` / ``lighter``) by some amount."""
    towards_black = (c, base)  # c = k * base
    towards_white = (tuple(1.0 - v for v in c), tuple(1.0 - v for v in base))  # 1 - c = k * (1 - base)
    for x, y in (towards_black, towards_white):
        if min(y) > 1e-6:
            k = [a / b for a, b in zip(x, y)]
            if max(k) - min(k) < tol and 0.0 <= sum(k) / 3.0 <= 1.0 + tol:
                return True
        elif all(abs(a - b) <= tol for a, b in zip(x, y)):
            return True
    return False


@lru_cache(maxsize=4096)
def _implied(colour: RGB, body: RGB | None) -> str:
    if body is not None and _shade_of(colour, body):
        return BODY
    return next((name for rgb, name in PALETTE_KINDS if _shade_of(colour, rgb)), BODY)


def implied_kind(colour: RGB, body: RGB | None = None) -> str:
    """The material kind a part colour implies: the body placeholder for the main colour and its shades, a palette
    colour's kind (``PALETTE_KINDS``) for it and its shades, else the body placeholder. (Pure Python and cached: it
    runs once per part.)"""
    key = (float(colour[0]), float(colour[1]), float(colour[2]))
    return _implied(key, None if body is None else (float(body[0]), float(body[1]), float(body[2])))


class Parts:
    """Closed primitive meshes with one colour and one material kind each, concatenated (vertices not merged) into
    one mesh at the end.

    ``body`` is the object's main colour (``Spec.c``): parts in it or in a shade of it are the body, made of the
    category's material. A part may say its kind with ``material=`` (a ``scenegen.assets.materials.KINDS`` name);
    otherwise its colour implies one (``implied_kind``).
    """

    def __init__(self, body: RGB | None = None) -> None:
        self._verts: list[np.ndarray] = []
        self._faces: list[np.ndarray] = []
        self._colours: list[np.ndarray] = []
        self._kinds: list[str] = []
        self._body = body
        self._n = 0

    def add(self, mesh: trimesh.Trimesh, colour: RGB, material: str | None = None) -> None:
        """Add a closed mesh (already in place) with an RGB colour in [0, 1] and an optional material kind."""
        if material is not None and material not in KINDS:
            raise ValueError(f"unknown material kind {material!r}; known: {', '.join(sorted(KINDS))}")
        v = np.asarray(mesh.vertices, dtype=np.float64)
        f = np.asarray(mesh.faces, dtype=np.int64)
        self._verts.append(v)
        self._faces.append(f + self._n)
        rgba = np.array([*(np.clip(colour, 0.0, 1.0) * 255.0).round(), 255], dtype=np.uint8)
        self._colours.append(np.tile(rgba, (len(f), 1)))
        self._kinds.append(material or implied_kind(colour, self._body))
        self._n += len(v)

    def box(self, lo: Vec, hi: Vec, colour: RGB, material: str | None = None) -> None:
        """Axis-aligned box between corners ``lo`` and ``hi`` (metres)."""
        lo_a, hi_a = np.minimum(lo, hi), np.maximum(lo, hi)
        ext = np.maximum(hi_a - lo_a, 1e-4)
        mesh = trimesh.creation.box(extents=ext)
        mesh.apply_translation((lo_a + hi_a) / 2.0)
        self.add(mesh, colour, material)

    def box_tf(self, extents: Vec, transform: np.ndarray, colour: RGB, material: str | None = None) -> None:
        """Box of ``extents`` centred at the origin, then moved by the (4, 4) ``transform``."""
        self.add(trimesh.creation.box(extents=extents, transform=transform), colour, material)

    def cyl(self, x: float, y: float, z0: float, z1: float, r: float, colour: RGB, sections: int = 20,
            r_top: float | None = None, sy: float = 1.0, material: str | None = None) -> None:
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
        self.add(mesh, colour, material)

    def rod(self, p0: Vec, p1: Vec, r: float, colour: RGB, sections: int = 12, material: str | None = None) -> None:
        """Cylinder of radius ``r`` from point ``p0`` to ``p1``."""
        self.add(trimesh.creation.cylinder(radius=r, segment=np.array([p0, p1], dtype=np.float64),
                                           sections=sections), colour, material)

    def ball(self, centre: Vec, radii: Vec, colour: RGB, subdivisions: int = 1, material: str | None = None) -> None:
        """Ellipsoid with semi-axes ``radii`` at ``centre``."""
        mesh = trimesh.creation.icosphere(subdivisions=subdivisions, radius=1.0)
        mesh.apply_scale(radii)
        mesh.apply_translation(centre)
        self.add(mesh, colour, material)

    def legs(self, hw: float, hd: float, z0: float, z1: float, t: float, colour: RGB, round_: bool = False,
             inset: float = 0.0, material: str | None = None) -> None:
        """Four legs of thickness ``t`` at the corners of the [-hw, hw] x [-hd, hd] footprint, inset by ``inset``."""
        for sx in (-1, 1):
            for sy in (-1, 1):
                cx, cy = sx * (hw - inset - t / 2), sy * (hd - inset - t / 2)
                if round_:
                    self.cyl(cx, cy, z0, z1, t / 2, colour, sections=12, material=material)
                else:
                    self.box((cx - t / 2, cy - t / 2, z0), (cx + t / 2, cy + t / 2, z1), colour, material)

    def mesh(self, w: float, d: float, h: float, body: str = BODY) -> trimesh.Trimesh:
        """All parts as one mesh, fitted per axis to ``[-w/2, -d/2, 0] .. [w/2, d/2, h]`` (metres).

        Its ``metadata`` holds the material slots (``scenegen.assets.materials``): the body parts take the kind
        ``body`` (the category's material).
        """
        v = np.concatenate(self._verts)
        f = np.concatenate(self._faces)
        lo, hi = v.min(axis=0), v.max(axis=0)
        target_lo = np.array([-w / 2, -d / 2, 0.0])
        scale = np.array([w, d, h]) / np.maximum(hi - lo, 1e-9)
        v = (v - lo) * scale + target_lo
        mesh = trimesh.Trimesh(vertices=v, faces=f, process=False, validate=False)
        mesh.visual.face_colors = np.concatenate(self._colours)
        # the body keeps a slot of its own even when a palette part has the same kind, so that an exporter can
        # re-kind the body ("a metal table") without touching the parts whose colour says what they are
        slots = list(dict.fromkeys(self._kinds))
        index = {k: i for i, k in enumerate(slots)}
        part_slot = np.array([index[k] for k in self._kinds], dtype=np.uint8)
        mesh.metadata["materials"] = tuple(body if k == BODY else k for k in slots)
        mesh.metadata["face_materials"] = np.repeat(part_slot, [len(x) for x in self._faces])
        mesh.metadata["body_material"] = index.get(BODY, -1)
        return mesh


def rot_z(angle: float, translate: Vec = (0.0, 0.0, 0.0)) -> np.ndarray:
    m = trimesh.transformations.rotation_matrix(angle, (0, 0, 1))
    m[:3, 3] = translate
    return m


def rot_x(angle: float, translate: Vec = (0.0, 0.0, 0.0)) -> np.ndarray:
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


Row = tuple[str, int, float]
"""A casework row from the bottom up: (kind, count, share of the height). kind: drawer, door, open, glass."""


def casework(m: Parts, x0: float, x1: float, y0: float, y1: float, z0: float, z1: float, rows: list[Row],
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
            shell(m, x0, x1, y0, yb, z, zt, t, colour)
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


def books_fill(rng: np.random.Generator, max_h: float = 0.3) -> Callable[..., None]:
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
            m.box((x, y1 - bd, z0), (min(x + bw, x1), y1 - 0.005, z0 + bh), palette[int(rng.integers(len(palette)))],
                  material="paper")
            x += bw + 0.002

    return fill


LINING = 0.004
"""metres: the thin panel that closes a shell's open face behind its doors and drawer fronts"""


def shell(m: Parts, x0: float, x1: float, y0: float, y1: float, z0: float, z1: float, t: float, colour: RGB) -> None:
    """A box from (x0, y0, z0) to (x1, y1, z1) that is hollow: back, sides, bottom and top panels ``t`` metres thick,
    and a ``LINING`` behind the fronts at its +y face. Behind doors and drawer fronts it looks solid, and what a
    wardrobe or a chest of drawers stores rests on its bottom panel, inside."""
    m.box((x0, y0, z0), (x1, y0 + t, z1), colour)  # back
    m.box((x0, y0 + t, z0), (x0 + t, y1, z1), colour)
    m.box((x1 - t, y0 + t, z0), (x1, y1, z1), colour)
    m.box((x0 + t, y0 + t, z0), (x1 - t, y1, z0 + t), colour)  # bottom
    m.box((x0 + t, y0 + t, z1 - t), (x1 - t, y1, z1), colour)  # top
    # a lining just behind the fronts, so what is stored inside does not show through the gaps between doors
    m.box((x0 + t, y1 - LINING, z0 + t), (x1 - t, y1, z1 - t), colour)


def tub(m: Parts, hw: float, hd: float, z0: float, z1: float, t: float, colour: RGB, sections: int = 0,
        floor: bool = True) -> None:
    """An open-topped container body, half-extents (hw, hd) metres, from z0 to z1: walls ``t`` thick, rectangular
    (``sections`` 0) or an elliptic ring of ``sections`` flat staves, and (``floor``) a floor ``t`` thick. What a basket
    or a bin holds rests on its floor, inside the walls; a band of a woven basket is a tub without a floor."""
    if floor and sections <= 0:
        m.box((-hw + t, -hd + t, z0), (hw - t, hd - t, z0 + t), colour)
    elif floor:
        m.cyl(0.0, 0.0, z0, z0 + t, hw - t / 2, colour, sections=sections, sy=(hd - t / 2) / (hw - t / 2))
    if sections <= 0:
        m.box((-hw, -hd, z0), (hw, -hd + t, z1), colour)
        m.box((-hw, hd - t, z0), (hw, hd, z1), colour)
        m.box((-hw, -hd + t, z0), (-hw + t, hd - t, z1), colour)
        m.box((hw - t, -hd + t, z0), (hw, hd - t, z1), colour)
        return
    for k in range(sections):
        a0, a1 = 2 * math.pi * k / sections, 2 * math.pi * (k + 1) / sections
        am = (a0 + a1) / 2
        # a stave tangent to the ellipse at its middle angle, long enough to meet its neighbours
        cx, cy = (hw - t / 2) * math.cos(am), (hd - t / 2) * math.sin(am)
        length = math.hypot(hw * (math.cos(a1) - math.cos(a0)), hd * (math.sin(a1) - math.sin(a0))) + t
        normal = math.atan2(hw * math.sin(am), hd * math.cos(am))  # the outward normal's angle
        m.box_tf((t, length, z1 - z0), rot_z(normal, (cx, cy, (z0 + z1) / 2)), colour)


def plinth_case(s: Spec, m: Parts, rows: list[Row], plinth: float = 0.06, legs: float = 0.0,
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
    casework(m, -hw + xi, hw - xi, -hd, hd - (0.012 if top_overhang else 0.0), base, h - top_t, rows, s.c,
              front=front, fill=fill)
    m.box((-hw, -hd, h - top_t), (hw, hd, h), lighter(s.c, 0.05) if front is None else s.c)


def table(s: Spec, m: Parts, top_t: float, leg_t: float, apron: bool = True, shelf: bool = False,
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


def screen(s: Spec, m: Parts, foot_h: float, panel_d: float, bezel: float) -> None:
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


def wall_frame(m: Parts, hw: float, hd: float, h: float, frame_w: float, frame_c: RGB, inner_c: RGB,
               frame_material: str | None = None) -> None:
    """A framed flat panel against the wall: back at y = -hd, frame bars standing to y = +hd, inner panel recessed."""
    f = frame_w
    m.box((-hw, -hd, 0.0), (hw, hd, f), frame_c, frame_material)
    m.box((-hw, -hd, h - f), (hw, hd, h), frame_c, frame_material)
    m.box((-hw, -hd, f), (-hw + f, hd, h - f), frame_c, frame_material)
    m.box((hw - f, -hd, f), (hw, hd, h - f), frame_c, frame_material)
    m.box((-hw + f, -hd, f), (hw - f, hd * 0.3, h - f), inner_c)


# ----------------------------------------------------------------------------------------------------------------
# The generator registry
# ----------------------------------------------------------------------------------------------------------------

Generator = Callable[[Spec, Parts], None]

GENERATORS: dict[str, Generator] = {}
"""Generator name (``Category.generator_name``) -> generator. Filled by ``@generator`` when the family modules of
``scenegen.assets.procedural`` are imported."""


def generator(name: str) -> Callable[[Generator], Generator]:
    """Register the decorated function as the generator called ``name``; a name can be taken only once."""

    def add(fn: Generator) -> Generator:
        if name in GENERATORS and GENERATORS[name] is not fn:
            raise ValueError(f"generator {name!r} is registered twice ({GENERATORS[name].__module__} and "
                             f"{fn.__module__})")
        GENERATORS[name] = fn
        return fn

    return add
