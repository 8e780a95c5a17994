"""Thresholds shared by the solver, the free-space raster and the validators, kept once.

The solver lays out a room so that the validators will pass it, so both must use the same numbers: a copied threshold
that drifts makes the solver accept a layout the validators then fail. Definitions follow SceneEval (Tam et al.,
arXiv 2503.14756; summarised in ``/work/shared/METRICS.md``). Metres unless the name says otherwise.
"""

from __future__ import annotations

ROBOT_RADIUS = 0.2
"""Default robot radius, metres (SceneEval: 0.2 m; PhyScene uses 0.3 m). Param ``robot_radius``."""
NAV_GRID = 256
"""SceneEval NAV: raster cells along the room's longer side (cells are square)."""
OBSTACLE_MAX_CENTRE = 2.0
"""SceneEval NAV: an object is an obstacle when its box centre is at most this high (m).
Param ``obstacle_max_centre``."""
FLAT_HEIGHT = 0.03
"""Objects at most this tall (rugs, mats) lie flat on the floor: walked over, never obstacles or occlusions, and lie
under furniture rather than beside it (m)."""
MIN_NAV_SCORE = 0.9
"""Navigability fails below this score (largest free area ÷ all free floor). Clean generated rooms score 0.97-1.0 (the
rest is slivers a robot reaches only by squeezing past a corner); a walled-off patch of a couple of m² in a 12 m² room
brings the score to about 0.85. 0.9 keeps SceneEval's raw ratio comparable while leaving a margin for raster noise.
Param ``min_score``."""
ACC_STRIP_OFFSET = 0.05
"""SceneEval ACC: gap between a functional side and its strip (m)."""
ACC_STRIP_DEPTH = 0.2
"""SceneEval ACC: depth of the strip in front of a functional side (m)."""
MIN_ACC_SCORE = 0.5
"""An object fails accessibility when its best side has less than this fraction of its strip reachable: half a side's
width is about what a person needs to step up to it. Param ``min_score``."""
KNEE_MIN_HEIGHT = 0.6
"""A top at least this high (m) leaves knee space under it for a seat pulled up to it."""

FAR_MIN_CENTRE = 4.0
"""metres between two objects' centres above which they are 'far' apart (SceneEval's far, ../shared/METRICS.md)"""

GENERIC_MIN_CONCRETENESS = 3.5
"""An unknown noun whose Brysbaert concreteness rating (1 abstract .. 5 concrete; ``scenegen.plan.concreteness``) is
below this names no object ("privacy", "a view", "creating"). Chosen on the project and public sets and the reader's
tests: every unknown noun the gold counts is rated 4.15 or more, the non-objects the reader read 3.37 or less, and
toys of made-up creatures sit between ("a rocking unicorn": unicorn 3.62); unrated words pass."""

HEAD_CLEAR = 1.9
"""metres: the lowest a ceiling thing may hang over the floor people walk on (the solver hangs nothing lower; the
asset stage draws ceiling things short enough to keep above it)"""

CEILING_MARGIN = 0.05
"""metres kept between the top of a stack (a TV on an entertainment center) and the ceiling: the planner refuses a
stack that would not keep it, and the solver puts nothing on a top where it would not"""
