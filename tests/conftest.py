"""Suite-wide settings: ``scenegen make`` plans with the rules reader here (the product default is the hybrid, whose
Gemma load takes seconds to a minute per process); the tests of the language-model planners ask for them by name."""

import os

os.environ.setdefault("SCENEGEN_PLANNER", "rules")
os.environ.setdefault("SCENEGEN_DENSITY", "minimal")  # the design stage's own tests ask for normal and full by name
