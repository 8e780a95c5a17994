"""The pictures a scene report embeds: the top-down map with every failure in red, a perspective view, and one small
top-down map per failing finding with only that finding's objects in red.

Rendering goes through ``scenegen.render.views`` (CPU ray-casting); a scene folder's own ``topdown.png`` and
``view.png`` are reused when they are at least as new as its scene.json and report.json, so a batch dashboard does not
re-render every scene.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from scenegen.scene import Report, Scene

if TYPE_CHECKING:
    from PIL import Image as PILImage

MAP_PX_PER_M = 80.0
"""Pixels per metre of the report's main top-down map (the size of ``topdown.png``)."""

FINDING_MAP_PX_PER_M = 40.0
"""Pixels per metre of the small per-finding maps."""

MAX_FINDING_MAPS = 24
"""At most this many failing findings get their own map (the rest are listed without one)."""

VIEW_SIZE = (512, 384)
"""Width and height of the perspective view, pixels (the size of ``view.png``)."""


@dataclass
class ReportImages:
    """What a report shows. ``finding_maps`` is keyed by the finding's index in ``report.findings``. Any may be
    missing (None / absent): the page says so instead of showing the picture."""

    top_down: "PILImage.Image | None" = None
    view: "PILImage.Image | None" = None
    finding_maps: dict[int, "PILImage.Image"] = field(default_factory=dict)


def mapped_findings(report: Report, limit: int = MAX_FINDING_MAPS) -> list[int]:
    """Indices into ``report.findings`` of the failing findings that name objects, first ``limit`` of them."""
    return [k for k, f in enumerate(report.findings) if f.status == "fail" and f.object_ids][:limit]


def finding_maps(scene: Scene, report: Report, limit: int = MAX_FINDING_MAPS) -> dict[int, "PILImage.Image"]:
    """One small top-down map per failing finding that names objects (``mapped_findings``), only its objects red."""
    from scenegen.render.views import top_down_map

    return {k: top_down_map(scene, [report.findings[k]], px_per_m=FINDING_MAP_PX_PER_M)
            for k in mapped_findings(report, limit)}


def render_images(scene: Scene, report: Report, *, top_down: "PILImage.Image | None" = None,
                  view: "PILImage.Image | None" = None, findings: bool = True) -> ReportImages:
    """Render whatever is not passed in: the top-down map (failures red), the perspective view, and the per-finding
    maps (``findings=False`` skips those)."""
    from scenegen.render.views import perspective_view, top_down_map

    if top_down is None:
        top_down = top_down_map(scene, report.findings, px_per_m=MAP_PX_PER_M)
    if view is None:
        view = perspective_view(scene, *VIEW_SIZE)
    return ReportImages(top_down=top_down, view=view, finding_maps=finding_maps(scene, report) if findings else {})


def folder_images(folder: Path, scene: Scene, report: Report) -> ReportImages:
    """``render_images`` for a scene folder, reusing its ``topdown.png`` and ``view.png`` when they are at least as
    new as scene.json and report.json there (else rendering afresh)."""
    return render_images(scene, report, top_down=_fresh_png(folder, "topdown.png"),
                         view=_fresh_png(folder, "view.png"))


def _fresh_png(folder: Path, name: str) -> "PILImage.Image | None":
    from PIL import Image

    path = folder / name
    sources = [folder / "scene.json", folder / "report.json"]
    try:
        newest = max(p.stat().st_mtime for p in sources if p.exists())
        if path.stat().st_mtime < newest:
            return None
        with Image.open(path) as img:
            return img.convert("RGB")
    except (OSError, ValueError):
        return None


THUMB_SIZE = (240, 180)
"""Largest width and height of a dashboard thumbnail, pixels."""


def thumbnail(folder: Path) -> "PILImage.Image | None":
    """A small picture of the scene in ``folder``: its view.png (else topdown.png) shrunk to ``THUMB_SIZE``, else a
    perspective view rendered from its scene.json; None when there is nothing to show."""
    from PIL import Image

    for name in ("view.png", "topdown.png"):
        try:
            with Image.open(folder / name) as img:
                img = img.convert("RGB")
                img.thumbnail(THUMB_SIZE)
                return img
        except (OSError, ValueError):
            continue
    if not (folder / "scene.json").is_file():
        return None
    from scenegen.render.views import perspective_view
    from scenegen.scene import SceneFileError
    from scenegen.scene_files import load_scene

    try:
        return perspective_view(load_scene(folder), *THUMB_SIZE, shadows=False)
    except (SceneFileError, OSError, ValueError):
        return None
