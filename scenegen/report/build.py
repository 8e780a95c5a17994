"""Write HTML reports from files on disk: a scene folder -> ``report.html``; a batch folder -> ``index.html`` (the
dashboard) plus a ``report.html`` in every scene folder that lacks an up-to-date one. What ``scenegen report`` runs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from scenegen.scene import Report, Scene
from scenegen.scene_files import write_atomic

REPORT_NAME = "report.html"
DASHBOARD_NAME = "index.html"


@dataclass
class WrittenReport:
    """What ``write_report`` wrote: the page to open, whether it is a ``scene`` report or a ``batch`` dashboard, the
    per-scene reports written on the way, and notes (things skipped or validated afresh)."""

    page: Path
    kind: str
    scene_reports: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def write_report(path: str | Path, out: str | Path | None = None, *, force: bool = False) -> WrittenReport:
    """Write the report for ``path``: a scene folder (or its scene.json) -> its report.html (or ``out``); a batch
    folder -> its index.html (or ``out``) and the per-scene reports. Raises ``SceneFileError``/``ValueError`` with
    a one-line reason for anything else."""
    from scenegen.report.batch import is_batch_folder

    path = Path(path)
    if path.is_file() and path.name == "scene.json":
        path = path.parent
    if not path.exists():
        raise ValueError(f"no scene or batch folder at {path}")
    if (path / "scene.json").is_file():
        notes: list[str] = []
        page = write_scene_report(path, out, notes=notes)
        return WrittenReport(page=page, kind="scene", notes=notes)
    if is_batch_folder(path):
        return write_dashboard(path, out, force=force)
    raise ValueError(f"{path} holds no scene.json, manifest.jsonl or scene folders; pass a scene folder from "
                     f"scenegen make or a batch folder")


def load_scene_and_report(folder: Path, notes: list[str] | None = None) -> tuple[Scene, Report]:
    """The scene in ``folder`` and its report.json; when report.json is missing the validators run now (noted)."""
    from pydantic import ValidationError

    from scenegen.scene import SceneFileError
    from scenegen.scene_files import load_scene

    scene = load_scene(folder)
    report_path = folder / "report.json"
    if not report_path.is_file():
        from validators import validate

        if notes is not None:
            notes.append(f"{report_path} is missing; validated the scene now")
        return scene, validate(scene)
    try:
        report = Report.model_validate_json(report_path.read_text())
    except (OSError, ValueError, ValidationError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        raise SceneFileError(f"{report_path} is not a readable scenegen report ({first})") from None
    return scene, report


def write_scene_report(folder: str | Path, out: str | Path | None = None, *,
                       notes: list[str] | None = None) -> Path:
    """Write the HTML report of the scene in ``folder`` to ``out`` (default ``folder/report.html``); pictures are
    reused from the folder when fresh (``scenegen.report.images.folder_images``)."""
    from scenegen.report.html import write_html
    from scenegen.report.images import folder_images

    folder = Path(folder)
    scene, report = load_scene_and_report(folder, notes)
    target = Path(out) if out is not None else folder / REPORT_NAME
    return write_html(scene, report, target, images=folder_images(folder, scene, report))


def write_dashboard(root: str | Path, out: str | Path | None = None, *, force: bool = False) -> WrittenReport:
    """Write the dashboard of the batch in ``root`` to ``out`` (default ``root/index.html``), first writing
    ``report.html`` in each scene folder where it is missing, older than the scene's scene.json/report.json, or
    ``force`` is set. A scene whose report cannot be written is listed in the notes and left unlinked."""
    from scenegen.report.batch import load_batch
    from scenegen.report.dashboard import dashboard_html
    from scenegen.report.images import thumbnail
    from scenegen.scene import SceneFileError

    root = Path(root)
    batch = load_batch(root)
    target = Path(out) if out is not None else root / DASHBOARD_NAME
    written: list[Path] = []
    links: dict[str, str] = {}
    thumbs = {}
    for entry in batch.entries:
        if not entry.has_scene:
            continue
        assert entry.folder is not None
        page = entry.folder / REPORT_NAME
        try:
            if force or _stale(page, entry.folder):
                write_scene_report(entry.folder, page, notes=batch.notes)
                written.append(page)
        except (SceneFileError, OSError, ValueError) as exc:
            batch.notes.append(f"{entry.id}: no report written ({str(exc).splitlines()[0]})")
        if page.is_file():
            links[entry.id] = _href(page, target.parent)
        picture = thumbnail(entry.folder)
        if picture is not None:
            thumbs[entry.id] = picture
    write_atomic(target, dashboard_html(batch, links=links, thumbnails=thumbs))
    return WrittenReport(page=target, kind="batch", scene_reports=written, notes=batch.notes)


def _stale(page: Path, folder: Path) -> bool:
    if not page.is_file():
        return True
    mtime = page.stat().st_mtime
    return any(src.is_file() and src.stat().st_mtime > mtime for src in (folder / "scene.json", folder / "report.json"))


def _href(page: Path, base: Path) -> str:
    """A relative, URL-quoted link from a page in ``base`` to ``page``."""
    rel = os.path.relpath(page.resolve(), base.resolve())
    return quote(Path(rel).as_posix())
