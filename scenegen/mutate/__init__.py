"""Fault injection: plant one known fault in a Scene, for users who want to test a checker and as the proof that ours
catch what they claim (``scenegen.evaluate``).

``mutate(scene, kind, rng)`` returns a new Scene (the input is never changed) and a ``PlantedFault`` saying what was
done, to which objects, and which validator(s) should catch it. Targets are chosen so the fault is real (``float`` only
on objects that stand on something, ``recolour`` only on objects whose plan asks a colour, ...); a scene with no
eligible target raises a one-line ``ValueError``. Every choice comes from ``rng``, so a generator seeded the same way
plants the same fault.

Moved objects carry whatever stands on them (a lamp moves with its nightstand), so a move plants one fault rather than
a second, floating one. Units: metres, radians, z up, floor at z = 0 (``scenegen.scene``); ``bbox`` is recomputed
from pose and size the way the solver does it.

The faults live by family: ``physical`` (float, sink, overlap, through_wall), ``navigation`` (block_door,
wall_off_corner) and ``semantic`` (drop, swap_relation, recolour); ``fault`` defines what a planted fault is and
``moves`` the moves they share.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from scenegen.catalog import support_kind
from scenegen.mutate.fault import EXPECTED, FAULT_KINDS, SCENE_LEVEL, FaultKind, PlantedFault
from scenegen.mutate.moves import carried, posed
from scenegen.mutate.navigation import BARRIER_GAP_M, BARRIER_MIN_LENGTH_M, BIG_FOOTPRINT_M2, POCKET_MIN_M, \
    POCKET_MIN_SHARE, plant_block_door, plant_wall_off_corner
from scenegen.mutate.physical import FLOAT_LIFT_M, MIN_SHARED_VOLUME_M3, MIN_SINK_HEIGHT_M, OVERLAP_FRACTION, \
    SINK_DEPTH_M, THROUGH_WALL_FRACTION, plant_float, plant_overlap, plant_sink, plant_through_wall, shared_volume
from scenegen.mutate.semantic import RECOLOUR_MIN_DISTANCE, plant_drop, plant_recolour, plant_swap_relation
from scenegen.scene import Scene

__all__ = ["BARRIER_GAP_M", "BARRIER_MIN_LENGTH_M", "BIG_FOOTPRINT_M2", "EXPECTED", "FAULT_KINDS", "FLOAT_LIFT_M",
           "MIN_SHARED_VOLUME_M3", "MIN_SINK_HEIGHT_M", "OVERLAP_FRACTION", "POCKET_MIN_M", "POCKET_MIN_SHARE",
           "RECOLOUR_MIN_DISTANCE", "SCENE_LEVEL", "SINK_DEPTH_M", "THROUGH_WALL_FRACTION", "FaultKind",
           "PlantedFault", "carried", "mutate", "posed", "shared_volume", "support_kind"]


_MUTATORS: dict[str, Callable[[Scene, np.random.Generator], tuple[Scene, PlantedFault]]] = {
    "float": plant_float, "sink": plant_sink, "overlap": plant_overlap, "through_wall": plant_through_wall,
    "block_door": plant_block_door, "wall_off_corner": plant_wall_off_corner, "drop": plant_drop,
    "swap_relation": plant_swap_relation, "recolour": plant_recolour,
}


def mutate(scene: Scene, fault: str, rng: np.random.Generator) -> tuple[Scene, PlantedFault]:
    """Plant one ``fault`` (see ``FAULT_KINDS``) in a copy of ``scene``, choosing targets with ``rng``.

    Returns the mutated scene and a ``PlantedFault``. Raises a one-line ``ValueError`` for an unknown kind (naming the
    kinds) or when the scene has no target for which the fault would be real.
    """
    fn = _MUTATORS.get(fault)
    if fn is None:
        raise ValueError(f"unknown fault {fault!r}; choose from: {', '.join(FAULT_KINDS)}")
    return fn(scene, rng)
