"""Material kinds as data: what a part is made of, with the PBR factors the GLB and USD writers put in the files.

A *kind* (``wood``, ``chrome``, ``fabric``, ``glass``...) carries the metallic-roughness factors of glTF 2.0's core
material model (``pbrMetallicRoughness``) and of USD's ``UsdPreviewSurface``: roughness and metallic in [0, 1],
``transmission`` (KHR_materials_transmission; share of light passing through), ``alpha`` (opacity in [0, 1]),
``emissive`` (the base colour times this factor is emitted) and ``ior`` (index of refraction). The base colour is not
here: it is the part's colour (``AssetRef.colour`` or a palette colour of the parts kit), so a red leather sofa and a
brown one share the ``leather`` kind.

Meshes carry their kinds in ``trimesh.Trimesh.metadata`` (see ``tag`` and ``face_kinds``):

* ``materials``: tuple of kind names, the mesh's material slots;
* ``face_materials``: (F,) uint8 array, the slot of every face;
* ``body_material``: the slot of the parts that take the object's own material (-1 when none), so an exporter can
  honour a material word of the prompt (``"a metal table"``) without rebuilding the mesh.

Nothing here changes geometry or ``scene.json``: materials are derived when the mesh is built.
"""

from __future__ import annotations

import colorsys
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import trimesh

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class MaterialKind:
    """PBR factors of one kind of material (all dimensionless, in [0, 1] except ``ior``)."""

    name: str
    roughness: float
    metallic: float
    transmission: float = 0.0
    alpha: float = 1.0
    emissive: float = 0.0
    ior: float = 1.5
    about: str = ""


def _kinds(*kinds: MaterialKind) -> dict[str, MaterialKind]:
    return {k.name: k for k in kinds}


KINDS: dict[str, MaterialKind] = _kinds(
    MaterialKind("wood", 0.65, 0.0, about="natural or oiled wood: tops, legs, frames, floors"),
    MaterialKind("painted_wood", 0.45, 0.0, about="lacquered, painted or laminated board: cabinet fronts"),
    MaterialKind("wicker", 0.8, 0.0, about="woven plant fibre: rattan, wicker, seagrass baskets and chairs"),
    MaterialKind("metal", 0.4, 1.0, about="steel, iron, brass: frames, legs, appliance bodies"),
    MaterialKind("brushed_metal", 0.3, 1.0, about="brushed steel or aluminium: appliance fronts, handles"),
    MaterialKind("chrome", 0.08, 1.0, about="polished chrome: taps, lamp stems, fittings"),
    MaterialKind("plastic", 0.45, 0.0, about="moulded plastic: casings, knobs, feet, toys"),
    MaterialKind("fabric", 0.9, 0.0, about="woven upholstery, linen, cushions, rugs, lamp shades"),
    MaterialKind("leather", 0.55, 0.0, about="leather and faux leather upholstery"),
    MaterialKind("glass", 0.05, 0.0, transmission=0.9, alpha=0.3, ior=1.5, about="clear glass: panes, tops, vases"),
    MaterialKind("ceramic", 0.2, 0.0, about="glazed ceramic and porcelain: sanitary ware, crockery"),
    MaterialKind("tile", 0.3, 0.0, about="glazed floor and wall tiles (kitchens, bathrooms)"),
    MaterialKind("stone", 0.7, 0.0, about="granite, concrete, raw stone"),
    MaterialKind("marble", 0.25, 0.0, about="polished marble: counter and table tops"),
    MaterialKind("plaster", 0.9, 0.0, about="painted plaster: walls and ceilings"),
    MaterialKind("rubber", 0.85, 0.0, about="rubber: tyres, mats, grips"),
    MaterialKind("paper", 0.85, 0.0, about="paper and card: books, boxes, posters"),
    MaterialKind("foliage", 0.6, 0.0, about="leaves and stems"),
    MaterialKind("soil", 1.0, 0.0, about="potting soil"),
    MaterialKind("mirror", 0.02, 1.0, about="mirror glass"),
    MaterialKind("screen", 0.15, 0.0, about="a switched-off display: glossy, dark"),
    MaterialKind("light_emissive", 0.5, 0.0, emissive=1.0, about="a lit bulb or light panel (emits its colour)"),
    MaterialKind("body", 0.6, 0.0, about="placeholder when nothing says what a part is made of"),
)
"""Every material kind by name. Add one here (and, if a word should pick it, to ``WORDS``)."""

BODY = "body"
"""The placeholder kind (a part whose material nothing states)."""

CATALOG_KINDS: dict[str, str] = {
    "wood": "wood", "fabric": "fabric", "leather": "leather", "metal": "metal", "glass": "glass",
    "ceramic": "ceramic", "plastic": "plastic", "stone": "stone", "paper": "paper", "plant": "wicker",
}
"""``Category.material`` (the catalog's word for the main part) -> kind. The catalog says ``plant`` for things woven of
plant fibre (a storage basket); living plants are their pots' material, their leaves ``foliage``."""

WORDS: dict[str, str] = {
    **{w: "wood" for w in ("wood", "wooden", "timber", "oak", "light oak", "walnut", "pine", "mahogany", "teak",
                           "bamboo", "plywood", "cherry", "maple", "birch", "ash", "ebony")},
    **{w: "wicker" for w in ("wicker", "rattan", "seagrass", "woven", "cane")},
    **{w: "painted_wood" for w in ("painted", "lacquered", "laminate", "mdf", "veneer")},
    **{w: "metal" for w in ("metal", "metallic", "steel", "iron", "wrought iron", "brass", "copper", "gold",
                            "bronze", "silver")},
    **{w: "brushed_metal" for w in ("stainless steel", "stainless", "aluminium", "aluminum", "brushed")},
    "chrome": "chrome",
    **{w: "leather" for w in ("leather", "faux leather", "suede", "vinyl")},
    **{w: "fabric" for w in ("fabric", "linen", "cotton", "wool", "velvet", "upholstered", "tweed", "jute",
                             "felt", "textile", "cloth")},
    **{w: "stone" for w in ("stone", "granite", "concrete", "slate")},
    "marble": "marble",
    **{w: "ceramic" for w in ("ceramic", "porcelain", "terracotta", "clay")},
    "tile": "tile", "tiled": "tile", "glass": "glass", "mirror": "mirror", "mirrored": "mirror",
    **{w: "plastic" for w in ("plastic", "acrylic", "resin")},
    "rubber": "rubber", "paper": "paper", "cardboard": "paper",
}
"""Material words of a prompt (``ObjectAttributes.material``) -> kind."""

WOOD_HUE = (8.0, 45.0)
"""Hue range (degrees) of bare wood tones, ebony to birch (``scenegen.assets.colours`` wood words)."""

WOOD_SATURATION = (0.2, 0.8)
"""HSV saturation range of bare wood tones."""

SHELL_KINDS: dict[str, str] = {"wall": "plaster", "ceiling": "plaster", "floor": "wood"}
"""The room shell's parts -> kind (the floor by default; see ``FLOOR_KINDS``)."""

FLOOR_KINDS: dict[str, str] = {"bathroom": "tile", "kitchen": "tile", "laundry_room": "tile", "lab": "tile",
                               "garage": "stone", "patio": "stone", "garden": "stone", "gym": "rubber"}
"""Room type -> the floor's kind where it is not wood."""


def kind(name: str) -> MaterialKind:
    """The ``MaterialKind`` called ``name``; ``ValueError`` naming the known kinds otherwise."""
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(f"unknown material kind {name!r}; known: {', '.join(sorted(KINDS))}") from None


def kind_for_word(word: str | None) -> str | None:
    """The kind a material word names (``"Stainless-steel"`` -> brushed_metal, ``"dark oak"`` -> wood), or None."""
    if not word:
        return None
    key = " ".join(re.findall(r"[a-z]+", word.lower()))
    if key in WORDS:
        return WORDS[key]
    words = key.split()
    for i in range(len(words) - 1):  # two-word names first ("faux leather" inside "black faux leather")
        pair = f"{words[i]} {words[i + 1]}"
        if pair in WORDS:
            return WORDS[pair]
    return next((WORDS[w] for w in reversed(words) if w in WORDS), None)


def catalog_kind(material: str | None) -> str:
    """The kind of a catalog material word (``Category.material``); the placeholder when unknown or None."""
    return CATALOG_KINDS.get(material or "", BODY)


def woody(colour: RGB) -> bool:
    """True when ``colour`` (linear RGB in [0, 1]) could be bare wood: an orange-brown hue (``WOOD_HUE``) with some but
    not full saturation (``WOOD_SATURATION``). White, grey, black, blue, pure red... wood is painted."""
    hue, sat, value = colorsys.rgb_to_hsv(*colour)
    return (WOOD_HUE[0] <= hue * 360.0 <= WOOD_HUE[1] and WOOD_SATURATION[0] <= sat <= WOOD_SATURATION[1]
            and value > 0.05)


def body_kind(material: str | None, colour: RGB) -> str:
    """The kind of an object's body parts: its catalog material's kind (``catalog_kind``), wood turned painted wood
    when the body's colour is not a wood colour (``woody``: a white kitchen cabinet is painted, not bare)."""
    k = catalog_kind(material)
    return "painted_wood" if k == "wood" and not woody(colour) else k


def floor_kind(room_type: str | None) -> str:
    """The floor's kind in a room of ``room_type`` (tile in kitchens and bathrooms, wood by default)."""
    return FLOOR_KINDS.get((room_type or "").strip().lower().replace(" ", "_"), SHELL_KINDS["floor"])


def tag(mesh: "trimesh.Trimesh", kind_name: str, body: bool = False) -> "trimesh.Trimesh":
    """Give every face of ``mesh`` the one kind ``kind_name`` (in place; returns the mesh). ``body``: the whole mesh
    is the object's body, so a prompt's material word re-kinds it (a box or a reconstructed object; not a wall)."""
    kind(kind_name)
    mesh.metadata["materials"] = (kind_name,)
    mesh.metadata["face_materials"] = np.zeros(len(mesh.faces), dtype=np.uint8)
    mesh.metadata["body_material"] = 0 if body else -1
    return mesh


def category_kind(category: str, colour: RGB | None = None) -> str:
    """The body kind of a catalog category (``body_kind`` of its ``Category.material``; the colour, when given, can
    make wood painted), the placeholder outside the catalog."""
    from scenegen import catalog

    cat = catalog.find(category)
    material = cat.material if cat is not None else None
    return catalog_kind(material) if colour is None else body_kind(material, colour)


def face_kinds(mesh: "trimesh.Trimesh", body: str | None = None) -> tuple[tuple[str, ...], np.ndarray]:
    """(slot kind names, (F,) int slot per face) of ``mesh``; ``body`` replaces the kind of the body slot.

    A mesh without material metadata (an image-to-3D mesh, a plain box) is one slot: ``body`` or the placeholder.
    """
    meta = mesh.metadata
    faces = len(mesh.faces)
    if "materials" not in meta or len(meta.get("face_materials", ())) != faces:
        return (body or BODY,), np.zeros(faces, dtype=np.int64)
    names = list(meta["materials"])
    slot = int(meta.get("body_material", -1))
    if body and 0 <= slot < len(names):
        names[slot] = body
    return tuple(names), np.asarray(meta["face_materials"], dtype=np.int64)


MAX_COLOURS_PER_KIND = 32
"""A kind slot with more distinct face colours than this (an image-to-3D mesh: one colour per face) becomes one group
that keeps its colours per face, instead of one group per colour."""


@dataclass(frozen=True, eq=False)
class Group:
    """Faces of one mesh that share a kind and a colour (one glTF primitive, one USD GeomSubset), or, for a
    many-coloured slot, a kind with per-face colours."""

    kind: str
    colour: RGB
    """Linear RGB in [0, 1] (the face colour, as the renderer reads it; the mean one when ``face_colours`` is set)."""
    faces: np.ndarray
    """(K,) int64 indices into the mesh's faces, ascending."""
    face_colours: np.ndarray | None = None
    """(K, 3) uint8 linear RGB per face of the group, or None when the group has the one ``colour``."""

    @property
    def key(self) -> str:
        """A stable material name: ``<kind>_<rrggbb>``, or ``<kind>_per_face`` for per-face colours."""
        if self.face_colours is not None:
            return f"{self.kind}_per_face"
        r, g, b = (int(round(c * 255)) for c in self.colour)
        return f"{self.kind}_{r:02x}{g:02x}{b:02x}"


def groups(mesh: "trimesh.Trimesh", body: str | None = None) -> list[Group]:
    """The mesh's faces grouped by (kind, face colour), in order of first appearance; a kind slot with more than
    ``MAX_COLOURS_PER_KIND`` colours is one group with per-face colours. Every face is in exactly one group."""
    names, slots = face_kinds(mesh, body)
    faces = len(mesh.faces)
    visual = getattr(mesh, "visual", None)
    if visual is not None and getattr(visual, "kind", None) in ("face", "vertex"):
        rgb = np.asarray(visual.face_colors, dtype=np.int64)[:, :3]
    else:
        rgb = np.full((faces, 3), 204, dtype=np.int64)
    out: list[Group] = []
    for slot in dict.fromkeys(slots.tolist()):  # slots in order of first appearance
        members = np.flatnonzero(slots == slot)
        colours, first, inverse = np.unique(rgb[members], axis=0, return_index=True, return_inverse=True)
        if len(colours) > MAX_COLOURS_PER_KIND:
            mean = rgb[members].mean(axis=0) / 255.0
            out.append(Group(names[slot], (float(mean[0]), float(mean[1]), float(mean[2])), members,
                             rgb[members].astype(np.uint8)))
            continue
        for u in np.argsort(first):
            c = colours[u] / 255.0
            out.append(Group(names[slot], (float(c[0]), float(c[1]), float(c[2])),
                             members[inverse.reshape(-1) == u]))
    return out
