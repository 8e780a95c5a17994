"""The ``image3d`` asset backend: each planned object's mesh is reconstructed from a photo by the image-to-3D model,
then scaled to the size the planner chose for it (inside the category's priors, honouring size words).

Registered as ``image3d`` (``scenegen make --objects image3d --images DIR``), a factory taking ``Image3DOptions``;
the registry builds one backend per distinct options (``Registry.create``), so nothing is configured process-wide.
From Python::

    from scenegen.assets import ASSET_BACKENDS
    from scenegen.options import Image3DOptions
    backend = ASSET_BACKENDS.create("image3d", Image3DOptions(images="photos/"))
    ref = backend.plan_asset(planned_object, rng)   # AssetRef(backend="image3d", params={width, depth, height,
                                                    #   image: absolute path, image_crc[, weights, fov_deg]})
    mesh = backend.build(ref)                       # local frame, bounds exactly [-w/2,-d/2,0]..[w/2,d/2,h], metres

Images in the folder are matched to an object by file stem, first the object id (``bed_1.png``), then the category
(``bed.jpg``), then a catalog synonym with spaces as underscores (``double_bed.png``); extensions .png .jpg .jpeg
.webp .bmp. A mask beside an image (``bed_mask.png`` or ``bed.mask.png``) is used when present; otherwise the alpha
channel or a plain background gives one (``images.derive_mask``). The ``AssetRef`` names the image by its absolute
path and a CRC-32 of its bytes, and the checkpoint and field of view it was reconstructed with; the written
``scene.json`` carries a copy of the photo in its folder and names it relative to it (``photos.bundle_photos``), so
any process can rebuild the mesh from the scene folder alone (validate, export, render) with a backend of default
options, and ``build`` refuses an image that has changed since planning. An object with no image raises ValueError
naming the file to add, unless ``Image3DOptions.fallback`` names a backend (the default, ``procedural``), in which
case that object gets that backend's ``AssetRef``. The model itself loads once per checkpoint (``_model``).
"""

from __future__ import annotations

import zlib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from scenegen.assets import ASSET_BACKENDS
from scenegen.assets.materials import category_kind, tag
from scenegen.options import Image3DOptions
from scenegen.scene import AssetRef, PlannedObject

if TYPE_CHECKING:
    import trimesh

    from scenegen.assets.image3d.infer import Reconstruction
    from scenegen.assets.image3d.model import Image3DModel

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".bmp")


MAX_IMAGE_BYTES = 32 * 1024 * 1024
"""The largest photo the backend reads (bytes): a phone photo is a few MB; a scene file naming a huge file must not
make scenegen read it whole."""


def _crc(path: Path) -> int:
    """CRC-32 of the file, read in 1 MiB chunks (never more than ``MAX_IMAGE_BYTES`` in all)."""
    crc = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return crc & 0xFFFFFFFF


def _usable_image(image: Path, crc: int) -> bool:
    """Whether ``image`` is a regular file with an image suffix, at most ``MAX_IMAGE_BYTES``, whose CRC-32 is
    ``crc``. Checked in that order, so nothing but a plausible photo is read; the caller gives one message for every
    failure, so a scene file cannot use the answer to learn about files it names."""
    try:
        if image.suffix.lower() not in IMAGE_SUFFIXES or not image.is_file():
            return False
        if image.stat().st_size > MAX_IMAGE_BYTES:
            return False
        return _crc(image) == crc
    except OSError:
        return False


@lru_cache(maxsize=64)
def _reconstruct(image: str, mask: str | None, crc: int, weights: str | None,
                 fov_deg: float | None) -> "Reconstruction":
    """One reconstruction per (image, mask, file content, weights, fov): plan_asset and build share it."""
    from scenegen.assets.image3d import reconstruct

    return reconstruct(image, mask=mask, model=_model(weights), fov_deg=fov_deg)


@lru_cache(maxsize=4)
def _model(weights: str | None) -> "Image3DModel":
    from scenegen.assets.image3d import load_model

    return load_model(weights)


class Image3DBackend:
    """Meshes reconstructed from images by the image-to-3D model (see the module docstring for the wiring).

    ``options.images`` is the folder of photos (None: ``plan_asset`` refuses; ``build`` needs none, the ref names its
    photo); ``text_to_image`` and ``images_out`` are the pipeline's business (it makes the photos, then builds a
    backend on their folder). Raises ``FileNotFoundError`` when ``images`` is not a folder."""

    def __init__(self, options: Image3DOptions | None = None) -> None:
        self.options = options or Image3DOptions()
        self.images = Path(self.options.images) if self.options.images is not None else None
        if self.images is not None and not self.images.is_dir():
            raise FileNotFoundError(f"--images {self.images} is not a folder of images")
        self.weights = str(self.options.weights) if self.options.weights else None
        self.fov_deg = self.options.fov_deg
        self.fallback = self.options.fallback

    # -- image lookup -------------------------------------------------------------------------------------------

    def _files(self) -> list[Path]:
        if self.images is None:
            raise ValueError("the image3d backend needs images: pass --images DIR (or --text-to-image PATH)")
        return sorted(p for p in self.images.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES and not _is_mask(p))

    def image_for(self, obj: PlannedObject) -> Path | None:
        """The image for ``obj`` (by id, then category, then synonym), or None."""
        from scenegen import catalog

        by_stem = {p.stem.lower(): p for p in self._files()}
        names = [obj.id, obj.category]
        if obj.category in catalog.CATALOG:
            names += list(catalog.get(obj.category).synonyms)
        for n in names:
            hit = by_stem.get(n.lower().replace(" ", "_"))
            if hit is not None:
                return hit
        return None

    # -- AssetBackend -------------------------------------------------------------------------------------------

    def plan_asset(self, obj: PlannedObject, rng: np.random.Generator) -> AssetRef:
        """Pick the object's image, its size (metres, inside the category priors, honouring size words) and its
        colour (the median predicted vertex colour); reconstructs once (cached) to read that colour."""
        from scenegen import catalog
        from scenegen.assets.procedural import plan_size

        image = self.image_for(obj)
        if image is None:
            if self.fallback:
                return ASSET_BACKENDS.get(self.fallback).plan_asset(obj, rng)
            raise ValueError(f"no image for object {obj.id!r} ({obj.category}) in {self.images}: add "
                             f"{obj.id}.png or {obj.category}.png")
        seed = int(rng.integers(2**31 - 1))
        if obj.generic or obj.category not in catalog.CATALOG:
            w, d, h = catalog.for_object(obj.category, obj.generic, obj.proposal).size_typical
        else:
            w, d, h = plan_size(catalog.get(obj.category), obj.attributes.size, rng)
        crc = _crc(image)
        rec = _reconstruct(str(image.resolve()), _mask_str(image), crc, self.weights, self.fov_deg)
        vc = np.asarray(rec.mesh.visual.vertex_colors, dtype=np.float64)[:, :3] / 255.0
        colour = tuple(round(float(c), 4) for c in np.median(vc, axis=0))
        params: dict[str, float | str] = {"width": w, "depth": d, "height": h, "image": str(image.resolve()),
                                          "image_crc": float(crc)}
        if self.weights:
            params["weights"] = str(Path(self.weights).resolve())
        if self.fov_deg is not None:
            params["fov_deg"] = float(self.fov_deg)
        return AssetRef(backend="image3d", category=obj.category, seed=seed, params=params, colour=colour)

    def build(self, ref: AssetRef) -> "trimesh.Trimesh":
        """The reconstructed mesh scaled per axis to the planned (width, depth, height): local frame, bounds exactly
        [−w/2, −d/2, 0] .. [w/2, d/2, h] metres, face colours (linear RGB × 255) from the predicted colours."""
        w, d, h = (float(ref.params[k]) for k in ("width", "depth", "height"))
        if min(w, d, h) <= 0:
            raise ValueError(f"asset {ref.category!r}: width, depth and height must be positive metres")
        image = Path(str(ref.params["image"]))
        crc = int(float(ref.params["image_crc"]))
        if not _usable_image(image, crc):
            raise ValueError(f"the image planned for {ref.category!r} cannot be used (missing, changed since "
                             f"planning, not a photo, or over {MAX_IMAGE_BYTES // 2**20} MiB); make the scene again")
        weights = ref.params.get("weights")
        fov = ref.params.get("fov_deg")
        rec = _reconstruct(str(image), _mask_str(image), crc, str(weights) if weights else None,
                           float(fov) if fov is not None else None)
        mesh = rec.mesh.copy()
        v = np.asarray(mesh.vertices, dtype=np.float64)
        lo, hi = v.min(axis=0), v.max(axis=0)
        mesh.vertices = (v - lo) / np.maximum(hi - lo, 1e-9) * np.array([w, d, h]) - np.array([w / 2, d / 2, 0.0])
        vc = np.asarray(rec.mesh.visual.vertex_colors, dtype=np.float64)
        fc = np.round(vc[np.asarray(mesh.faces)].mean(axis=1)).astype(np.uint8)
        mesh.visual.face_colors = fc
        return tag(mesh, category_kind(ref.category, tuple(ref.colour)), body=True)


def _is_mask(p: Path) -> bool:
    return p.stem.lower().endswith(("_mask", ".mask"))


def _mask_str(image: Path) -> str | None:
    mask = mask_for(image)
    return str(mask.resolve()) if mask is not None else None


def mask_for(image: Path) -> Path | None:
    for cand in (image.with_name(f"{image.stem}_mask.png"), image.with_name(f"{image.stem}.mask.png")):
        if cand.is_file():
            return cand
    return None


@ASSET_BACKENDS.register("image3d", options=Image3DOptions)
def image3d_backend(options: Image3DOptions) -> Image3DBackend:
    """The registry's factory: an ``Image3DBackend`` on ``options`` (the registry keeps one per distinct options)."""
    return Image3DBackend(options)
