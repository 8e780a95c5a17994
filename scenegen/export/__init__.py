"""Writers of scene files. ``export`` is the only stage that writes scene files (DESIGN.md)."""

from scenegen.export.files import write_glb, write_json
from scenegen.export.sceneeval import export_sceneeval
from scenegen.export.usd import usda_text, write_usda

__all__ = ["export_sceneeval", "usda_text", "write_glb", "write_json", "write_usda"]
