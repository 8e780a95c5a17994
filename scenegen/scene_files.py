"""scene.json on disk: atomic writes, the canonical JSON text, and a loader that refuses a bad file with one line
(``SceneFileError``). The data model itself is ``scenegen.scene``, which re-exports these names."""

from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from scenegen.scene import SCHEMA_VERSION, Scene, SceneFileError

def write_atomic(path: str | Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename, so readers never see half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode() if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), 0o644)  # mkstemp makes 0600; outputs are meant to be shared like any written file
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def dump_json(model: BaseModel) -> str:
    """Canonical JSON text for a model: sorted keys, two-space indent, trailing newline (byte-stable for a seed)."""
    return json.dumps(model.model_dump(mode="json"), indent=2, sort_keys=True) + "\n"


def save_scene(scene: Scene, path: str | Path) -> None:
    write_atomic(path, dump_json(scene))


MAX_OBJECTS = 500
"""The most objects ``load_scene`` accepts. A room holds tens to a few hundred. Measured (2-core machine shared with
other jobs): ``scenegen validate`` on 500 procedural nightstands took 26 s and 280 MB; 2,000 did not finish within
120 s, so bigger files are refused at once with this number named (``tests/test_harden_limits.py``)."""

MAX_SCENE_BYTES = 256 * 1024 * 1024
"""The largest scene.json ``load_scene`` reads (bytes); a bigger file is refused before it is read."""

_SUPPORT_KEYWORDS = frozenset({"floor", "wall", "ceiling"})
"""``ObjectInstance.support`` values that name architecture rather than another object."""


def load_scene(path: str | Path) -> Scene:
    """Read a scene.json (or a scene folder holding one). Raises ``SceneFileError`` with a one-line reason.

    Refused, each with its own line: a missing, empty, oversized or unreadable file; a GLB given in place of
    scene.json; invalid JSON; a wrong schema version; more than ``MAX_OBJECTS`` objects; non-finite numbers (NaN or
    infinity) in an object's pose, size, box or asset parameters or in the room; duplicate object ids; a ``support``
    that names no object in the scene; an object supported by itself or a support loop; anything else the schema
    rejects, which includes a self-intersecting room footprint, object sides that are not positive, coordinates or
    sides beyond ``MAX_EXTENT`` metres and ids longer than ``MAX_ID_LENGTH`` characters.
    """
    path = _scene_json_path(Path(path))
    raw = _read_json(path)
    version = raw.get("version")
    if version != SCHEMA_VERSION:
        home = isinstance(version, str) and version.startswith("2.")  # a home: name the rooms this command reads
        raise SceneFileError(f"{path} has scene version {version!r}" + (
            f", a home of several rooms; this command reads one room: pass one of its rooms, "
            f"{path.parent / 'rooms' / '<room id>'}" if home else f"; this scenegen reads version {SCHEMA_VERSION}"))
    objects = raw.get("objects")
    if isinstance(objects, list) and len(objects) > MAX_OBJECTS:
        raise SceneFileError(f"{path} has {len(objects)} objects; scenegen handles at most {MAX_OBJECTS} per scene "
                             f"(split the scene into rooms)")
    _check_finite(raw, path)
    scene = _validated(Scene, raw, path, "scene")
    _check_ids(scene, path)
    _check_asset_params(scene, path)
    return _resolve_photos(scene, path)


M = TypeVar("M", bound=BaseModel)


def _validated(model: type[M], raw: dict[str, Any], path: Path, what: str) -> M:
    """``raw`` as a ``model`` ("scene", "home"); a ``SceneFileError`` naming the first problem and the count."""
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise SceneFileError(f"{path} is not a valid {what}: {where}: {first['msg']} "
                             f"({exc.error_count()} problem(s))") from None


def _scene_json_path(path: Path) -> Path:
    """The scene.json that ``path`` (a file or a scene folder) names; refuses a GLB with a line saying what to pass."""
    if path.suffix.lower() in (".glb", ".gltf"):
        raise SceneFileError(f"{path} is a glTF file; scenegen reads scenes from scene.json (the source of truth): "
                             f"pass the scene folder or its scene.json")
    if path.is_dir():
        folder = path
        path = path / "scene.json"
        if not path.exists() and (folder / "scene.glb").exists():
            raise SceneFileError(f"{folder} has a scene.glb but no scene.json; scenegen reads scenes from scene.json")
    if not path.exists():
        raise SceneFileError(f"no scene file at {path}")
    return path


def _read_json(path: Path) -> dict[str, Any]:
    try:
        size = path.stat().st_size
        if size == 0:
            raise SceneFileError(f"{path} is empty")
        if size > MAX_SCENE_BYTES:
            raise SceneFileError(f"{path} is {size / 2**20:.0f} MiB; scenegen reads scene files up to "
                                 f"{MAX_SCENE_BYTES // 2**20} MiB")
        raw = json.loads(path.read_text())
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise SceneFileError(f"{path} is not readable JSON ({exc.__class__.__name__}: {exc})") from None
    if not isinstance(raw, dict):
        raise SceneFileError(f"{path} does not hold a scene object")
    return raw


def _check_finite(raw: dict[str, Any], path: Path) -> None:
    """Refuse NaN and infinity (which JSON readers accept) before they reach geometry, naming the object and field."""
    room = raw.get("room")
    if isinstance(room, dict):
        bad = _first_non_finite(room, "room")
        if bad:
            raise SceneFileError(f"{path}: the room has a non-finite number at {bad}")
    objects = raw.get("objects")
    for k, obj in enumerate(objects if isinstance(objects, list) else []):
        if not isinstance(obj, dict):
            continue
        for key in ("pose", "size", "bbox", "asset"):
            bad = _first_non_finite(obj.get(key), key)
            if bad:
                name = obj.get("id", f"#{k}")
                raise SceneFileError(f"{path}: object {name!r} has a non-finite number at {bad} "
                                     f"(NaN or infinity); fix or re-solve that object")


def _first_non_finite(value: Any, where: str) -> str | None:
    """The dotted location of the first NaN/inf float inside ``value`` (dicts and lists walked), or None."""
    if isinstance(value, float):
        return None if math.isfinite(value) else f"{where} = {value}"
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        bad = _first_non_finite(item, f"{where}.{key}")
        if bad:
            return bad
    return None


def _check_ids(scene: Scene, path: Path) -> None:
    seen: set[str] = set()
    for inst in scene.objects:
        if inst.id in seen:
            raise SceneFileError(f"{path}: object id {inst.id!r} is used twice; object ids must be unique")
        seen.add(inst.id)
    for inst in scene.objects:
        if inst.support is not None and inst.support not in seen and inst.support not in _SUPPORT_KEYWORDS:
            raise SceneFileError(f"{path}: object {inst.id!r} is supported by {inst.support!r}, which is not an object "
                                 f"in the scene (use null for the floor, 'wall' or 'ceiling' for mounted objects)")
        lo, hi = inst.bbox
        if any(a > b for a, b in zip(lo, hi)):
            raise SceneFileError(f"{path}: object {inst.id!r} has a box whose minimum corner {lo} lies above its "
                                 f"maximum {hi}; re-solve the scene")
    _check_support_chains(scene, path)


def _check_support_chains(scene: Scene, path: Path) -> None:
    """Refuse an object that stands on itself or a chain of supports that loops (A on B on A): such a scene has no
    ground to stand on, and every consumer that walks the chain down to the floor would loop."""
    parent = {o.id: o.support for o in scene.objects if o.support not in (None, *_SUPPORT_KEYWORDS)}
    done: set[str] = set()
    for start in parent:
        chain: list[str] = []
        node: str | None = start
        while node in parent and node not in done:
            if node in chain:
                loop = chain[chain.index(node):] + [node]
                what = (f"object {node!r} is supported by itself" if len(loop) == 2
                        else "objects support each other in a loop: " + " on ".join(repr(x) for x in loop))
                raise SceneFileError(f"{path}: {what}; one of them must stand on the floor or another object")
            chain.append(node)
            node = parent[node]
        done.update(chain)


def _check_asset_params(scene: Scene, path: Path) -> None:
    """Every asset's generator parameters against the types and ranges its category declares (``pillows: 1e9`` or
    ``"/etc/passwd"`` would otherwise reach a generator)."""
    from scenegen.catalog import asset_problem

    for inst in scene.objects:
        problem = asset_problem(inst.asset.backend, inst.asset.category, inst.asset.params)
        if problem:
            raise SceneFileError(f"{path}: object {inst.id!r}: {problem}")


def _resolve_photos(scene: Scene, path: Path) -> Scene:
    """``scene`` with each image3d photo path made absolute inside the scene's folder; a path that is absolute or leads
    out of it is refused with one message whatever the file is (issue 20: ``/etc/passwd`` or a 2 GB file was read)."""
    folder, updated = path.parent.resolve(), []
    for inst in scene.objects:
        image = str(inst.asset.params.get("image", "")) if inst.asset.backend == "image3d" else ""
        resolved = (folder / image).resolve()
        if image and (Path(image).is_absolute() or not resolved.is_relative_to(folder)):
            raise SceneFileError(f"{path}: object {inst.id!r}: its photo must be a path inside the scene folder "
                                 f"(images/NAME, as make writes it); make the scene again")
        params = {**inst.asset.params, "image": str(resolved)} if image else inst.asset.params
        updated.append(inst.model_copy(update={"asset": inst.asset.model_copy(update={"params": params})}))
    return scene.model_copy(update={"objects": updated}) if updated != scene.objects else scene


def scene_json_schema() -> dict[str, Any]:
    """The JSON Schema of scene.json, as checked in at schemas/scene.schema.json."""
    schema = Scene.model_json_schema()
    schema["$id"] = f"https://scenegen.dev/schemas/scene-{SCHEMA_VERSION}.json"
    schema["title"] = f"scenegen scene v{SCHEMA_VERSION}"
    return schema
