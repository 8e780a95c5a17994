"""Suite-wide settings: ``scenegen make`` plans with the rules reader here (the product default too; pinned so that a
``$SCENEGEN_PLANNER`` in the environment cannot slow the suite down); the tests of the language-model planners ask
for them by name."""

import os

os.environ.setdefault("SCENEGEN_PLANNER", "rules")
os.environ.setdefault("SCENEGEN_DENSITY", "minimal")  # the design stage's own tests ask for normal and full by name
