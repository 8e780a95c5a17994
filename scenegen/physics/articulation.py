"""Moving parts of furniture and appliances, derived from the category and the object's size.

``FRONTS`` says, per category, which bands of the object's front (+y face, local frame) open and how: hinged doors
side by side (each hinged at its outer edge: the left ones at their left edge), one door hinged at a named side, a
drop-down door hinged at its bottom (ovens, dishwashers), or drawers stacked in a band. The generators' own door and
drawer fronts are not read (they are render detail); the parts here are boxes of the same band, so they stand in for
those fronts in a simulator. Doors open to ``DOOR_LIMIT_DEG``, the opening a person needs to reach inside; drawers
slide out ``travel`` of the object's depth.

Units: metres and radians, the object's local frame (``scenegen.scene``: front +y, z up, bottom-centre origin).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from scenegen.scene import Joint, ObjectInstance, Scene

DOOR_LIMIT_DEG = 90.0
DOOR_THICKNESS = 0.02
"""Metres; door panels lie in the front's outer 2 cm, inside the object's box when closed."""
DRAWER_DEPTH = 0.85
"""Share of the object's depth a drawer box takes."""
GAP = 0.004
"""Metres between neighbouring fronts (and at the band's ends)."""

FrontKind = Literal["doors", "left_door", "right_door", "drop_door", "drawers"]


@dataclass(frozen=True)
class Front:
    """A band of the front: ``x`` (left, right) as shares of the width from the left side, ``z`` (bottom, top) as
    shares of the height. ``per`` metres of band width (doors) or height (drawers) per part, at most ``most`` parts.
    ``travel``: share of the depth a drawer slides out."""

    kind: FrontKind
    z: tuple[float, float]
    x: tuple[float, float] = (0.0, 1.0)
    per: float = 0.6
    most: int = 1
    travel: float = 0.7


FRONTS: dict[str, tuple[Front, ...]] = {
    "wardrobe": (Front("doors", (0.04, 0.98), per=0.6, most=4),),
    "cabinet": (Front("doors", (0.08, 0.95), per=0.45, most=2),),
    "sideboard": (Front("doors", (0.12, 0.95), per=0.45, most=4),),
    "bathroom_vanity": (Front("doors", (0.1, 0.9), per=0.45, most=2),),
    "kitchen_cabinet": (Front("drawers", (0.76, 0.95), per=0.2, most=1), Front("doors", (0.1, 0.74), per=0.45, most=2)),
    "dresser": (Front("drawers", (0.1, 0.95), per=0.2, most=5),),
    "nightstand": (Front("drawers", (0.2, 0.95), per=0.18, most=3),),
    "filing_cabinet": (Front("drawers", (0.03, 0.97), per=0.3, most=4, travel=0.75),),
    "fridge": (Front("right_door", (0.02, 0.98)),),
    "stove": (Front("drop_door", (0.1, 0.65), x=(0.05, 0.95)),),
    "dishwasher": (Front("drop_door", (0.1, 0.95), x=(0.03, 0.97)),),
    "washing_machine": (Front("left_door", (0.3, 0.75), x=(0.2, 0.8)),),
}
"""Categories with moving parts; any other category has none."""


def derive_joints(category: str, size: tuple[float, float, float]) -> list[Joint]:
    """The moving parts of a ``category`` object of ``size`` (width, depth, height; metres), named ``door_<k>`` and
    ``drawer_<k>`` in band order; empty for categories ``FRONTS`` does not list."""
    w, d, h = (float(v) for v in size)
    joints: list[Joint] = []
    for band in FRONTS.get(category, ()):
        x0, x1 = -w / 2 + band.x[0] * w + GAP, -w / 2 + band.x[1] * w - GAP
        z0, z1 = band.z[0] * h + GAP, band.z[1] * h - GAP
        if x1 - x0 < 0.05 or z1 - z0 < 0.05:
            continue
        if band.kind == "drawers":
            joints += _drawers(band, x0, x1, z0, z1, d, start=sum(j.kind == "slide" for j in joints))
        else:
            joints += _doors(band, x0, x1, z0, z1, d, start=sum(j.kind == "hinge" for j in joints))
    return joints


def _doors(band: Front, x0: float, x1: float, z0: float, z1: float, d: float, start: int) -> list[Joint]:
    y = d / 2 - DOOR_THICKNESS / 2
    limit = math.radians(DOOR_LIMIT_DEG)
    if band.kind == "drop_door":  # hinge along the bottom edge, opening outward: turn about -x
        return [Joint(name=f"door_{start}", kind="hinge", axis=(-1.0, 0.0, 0.0), anchor=(0.0, d / 2, z0),
                      limit=limit, part_center=((x0 + x1) / 2, y, (z0 + z1) / 2),
                      part_size=(x1 - x0, DOOR_THICKNESS, z1 - z0))]
    n = 1 if band.kind != "doors" else max(1, min(band.most, math.ceil((x1 - x0) / band.per - 1e-9)))
    step = (x1 - x0) / n
    out = []
    for k in range(n):
        a, b = x0 + k * step + (GAP / 2 if k else 0.0), x0 + (k + 1) * step - (GAP / 2 if k < n - 1 else 0.0)
        left = band.kind == "left_door" or (band.kind == "doors" and (a + b) / 2 < 0)
        # a left-hinged door turns about +z (its free edge swings to +y), a right-hinged one about -z
        out.append(Joint(name=f"door_{start + k}", kind="hinge", axis=(0.0, 0.0, 1.0 if left else -1.0),
                         anchor=(a if left else b, d / 2, 0.0), limit=limit,
                         part_center=((a + b) / 2, y, (z0 + z1) / 2), part_size=(b - a, DOOR_THICKNESS, z1 - z0)))
    return out


def _drawers(band: Front, x0: float, x1: float, z0: float, z1: float, d: float, start: int) -> list[Joint]:
    n = max(1, min(band.most, round((z1 - z0) / band.per)))
    step = (z1 - z0) / n
    depth = DRAWER_DEPTH * d
    out = []
    for k in range(n):
        a, b = z0 + k * step + (GAP / 2 if k else 0.0), z0 + (k + 1) * step - (GAP / 2 if k < n - 1 else 0.0)
        out.append(Joint(name=f"drawer_{start + k}", kind="slide", axis=(0.0, 1.0, 0.0), anchor=(0.0, d / 2, a),
                         limit=band.travel * d, part_center=(0.0, d / 2 - depth / 2, (a + b) / 2),
                         part_size=(x1 - x0, depth, b - a)))
    return out


def object_joints(inst: ObjectInstance) -> list[Joint]:
    """The instance's recorded joints, else those derived from its category and size (generic objects: none)."""
    if inst.joints:
        return list(inst.joints)
    return [] if inst.generic else derive_joints(inst.category, inst.size)


def articulate(scene: Scene) -> Scene:
    """A copy of ``scene`` whose objects record their moving parts (``ObjectInstance.joints``); ``scene`` is not
    changed."""
    objects = [o.model_copy(update={"joints": object_joints(o)}) for o in scene.objects]
    return scene.model_copy(update={"objects": objects})


def sweep_depth(category: str, size: tuple[float, float, float]) -> float:
    """Metres in front of the object's front face that its moving parts reach when fully open: the widest door's
    width times sin(limit) (a 90° door reaches its own width), a drop-down door's height, a drawer's travel; 0 for
    categories without moving parts. For the solver, which keeps a fixed ``CLEARANCE`` in front of functional sides
    today: a wardrobe's 0.6 m doors need more than its 0.5 m."""
    reach = 0.0
    for j in derive_joints(category, size):
        if j.kind == "slide":
            reach = max(reach, j.limit)
        elif j.axis[0] != 0.0:  # drop-down: turns about x, reaching its height
            reach = max(reach, j.part_size[2] * math.sin(min(j.limit, math.pi / 2)))
        else:
            reach = max(reach, j.part_size[0] * math.sin(min(j.limit, math.pi / 2)))
    return reach
