"""The training wing: data generation, training and evaluation of the bundled models (judge, image-to-3D, world
model, planner LoRA). Only the CLI (``scenegen train``, ``scenegen eval``, ``scenegen world``, ``scenegen image3d``),
the benches and the tests import it; runtime code (``make``, the validators, the backends) never does, which
``tests/test_layering.py`` checks. What the runtime needs of a model (loading it, running it) lives beside the model."""
