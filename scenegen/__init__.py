"""scenegen: text in, a validated 3D room out. See README.md for the tour and scenegen/scene.py for conventions."""

__version__ = "0.1.0"
