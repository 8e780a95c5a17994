"""Writers of scene files. ``export`` is the only stage that writes scene files (DESIGN.md)."""

from scenegen.export.files import write_glb, write_json
from scenegen.export.sceneeval import export_sceneeval

__all__ = ["export_sceneeval", "write_glb", "write_json"]
