"""Writers of scene files. ``export`` is the only stage that writes scene files (DESIGN.md)."""

from scenegen.export.files import write_glb, write_json

__all__ = ["write_glb", "write_json"]
