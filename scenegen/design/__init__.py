"""The design stage: room programs as data, completion, dressing, density and style palettes.

``complete(plan, density, rng)`` turns what the prompt states into a furnished room (``normal``) or a lived-in one
(``full``); ``minimal`` leaves the plan as it is. What it adds is marked (``is_added``) so reports show it apart.
"""

from scenegen.design.complete import DESIGN_MARK, complete, is_added, is_design_relation
from scenegen.design.loader import DENSITIES, Density, Program, programs
from scenegen.design.prune import prune_unplaced, relieve

__all__ = ["DENSITIES", "DESIGN_MARK", "Density", "Program", "complete", "is_added", "is_design_relation",
           "programs", "prune_unplaced", "relieve"]
