"""Mass, centre of mass and inertia of an object from its mesh and its category's materials (``materials``).

Units: kilograms, metres, kg·m². Frames: the object's local frame (``scenegen.scene``: bottom-centre origin, z up).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np

from scenegen.physics.materials import HULL_FILL, category_physics, mix_density, mix_friction

if TYPE_CHECKING:
    import trimesh

MIN_VOLUME = 1e-7
"""m³; below this a mesh is treated as degenerate and its bounding box stands in."""


@dataclass(frozen=True)
class MassProperties:
    """``mass`` kg (inside the category range); ``raw_mass`` kg before the clamp; ``com`` (3,) metres, local frame;
    ``inertia`` (3, 3) kg·m² about the centre of mass, local axes; ``friction`` dimensionless; ``volume_from``:
    whether the mesh itself (watertight), its convex hull × ``HULL_FILL`` or its bounding box gave the volume."""

    mass: float
    raw_mass: float
    com: np.ndarray
    inertia: np.ndarray
    friction: float
    volume_from: Literal["mesh", "hull", "box"]

    @property
    def clamped(self) -> bool:
        return abs(self.mass - self.raw_mass) > 1e-9


def mass_properties(mesh: "trimesh.Trimesh", category: str) -> MassProperties:
    """Mass properties of ``mesh`` (local frame) made of ``category``'s material mix.

    Volume: the mesh's own when watertight, else its convex hull's × ``HULL_FILL``; a degenerate mesh (flat, empty)
    uses its bounding box. Inertia is the solid's at uniform density, scaled to the final mass (so it stays consistent
    with the clamp) and symmetrised; tiny negative eigenvalues from overlapping primitives are floored.
    """
    cp = category_physics(category)
    solid, source, factor = _solid(mesh)
    volume = float(solid.volume) * factor
    raw = volume * mix_density(cp) * cp.fill
    lo, hi = cp.mass_kg
    mass = float(min(max(raw, lo), hi))
    unit = solid.moment_inertia / max(float(solid.volume), MIN_VOLUME)  # per kg at uniform density
    inertia = _positive(0.5 * (unit + unit.T) * mass, mass, solid.extents)
    return MassProperties(mass=mass, raw_mass=float(raw), com=np.asarray(solid.center_mass, dtype=np.float64),
                          inertia=inertia, friction=mix_friction(cp), volume_from=source)


def _solid(mesh: "trimesh.Trimesh") -> tuple["trimesh.Trimesh", Literal["mesh", "hull", "box"], float]:
    """The closed solid standing in for ``mesh``, where it came from and the volume factor to apply."""
    import trimesh

    if mesh.is_watertight and mesh.volume > MIN_VOLUME:
        return mesh, "mesh", 1.0
    try:
        hull = mesh.convex_hull
        if hull.volume > MIN_VOLUME:
            return hull, "hull", HULL_FILL
    except Exception:  # coplanar or too few points: qhull refuses
        pass
    ext = np.maximum(mesh.extents if len(mesh.vertices) else np.full(3, 0.01), 0.005)
    box = trimesh.creation.box(extents=ext)
    box.apply_translation(mesh.bounds.mean(axis=0) if len(mesh.vertices) else (0.0, 0.0, 0.005))
    return box, "box", 1.0


def _positive(inertia: np.ndarray, mass: float, extents: np.ndarray) -> np.ndarray:
    """``inertia`` with eigenvalues floored at a thin rod's about the smallest extent (simulators reject singular or
    non-positive inertia)."""
    vals, vecs = np.linalg.eigh(inertia)
    floor = mass * max(float(np.min(extents)), 0.005) ** 2 / 12.0
    vals = np.maximum(vals, floor)
    return (vecs * vals) @ vecs.T
