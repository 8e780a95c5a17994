"""Photos travel with their scene: ``scene.json`` names an image3d object's photo relative to the scene folder.

``make`` plans each image3d asset with the absolute path of the user's photo. When the scene is written,
``bundle_photos`` copies every photo (and its mask) into ``<scene folder>/images/`` and rewrites the asset's ``image``
to that relative path, so the folder is complete on its own (it can be moved, zipped or served). ``load_scene``
resolves the relative path against the folder it reads (``scenegen.scene``) and refuses any other path: a scene file
cannot make scenegen read a file outside its own folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from scenegen.assets.image3d.backend import mask_for
from scenegen.scene import Scene

PHOTO_FOLDER = "images"
"""The scene folder's sub-folder that holds its photos."""


def bundle_photos(scene: Scene, folder: Path) -> Scene:
    """``scene`` with each image3d photo copied into ``folder/images`` (as ``<crc>_<name>``, so two photos called
    ``bed.png`` never collide) and named relative to ``folder``; the same scene when no asset names a photo by an
    absolute path. Masks are copied beside their photo under the matching name."""
    updated = []
    for inst in scene.objects:
        image = inst.asset.params.get("image") if inst.asset.backend == "image3d" else None
        if not isinstance(image, str) or not Path(image).is_absolute():
            updated.append(inst)
            continue
        source = Path(image)
        if source.resolve().is_relative_to(folder.resolve()):  # already in the folder (a scene saved in place)
            params = {**inst.asset.params, "image": source.resolve().relative_to(folder.resolve()).as_posix()}
        else:
            params = {**inst.asset.params, "image": f"{PHOTO_FOLDER}/{_copy_photo(source, inst.asset.params, folder)}"}
        updated.append(inst.model_copy(update={"asset": inst.asset.model_copy(update={"params": params})}))
    if all(a is b for a, b in zip(updated, scene.objects)):
        return scene
    return scene.model_copy(update={"objects": updated})


def _copy_photo(source: Path, params: dict, folder: Path) -> str:
    """Copy ``source`` (and its mask) into ``folder/images`` as ``<crc>_<name>``; the new file's name."""
    crc = int(float(params.get("image_crc", 0)))
    target = folder / PHOTO_FOLDER / f"{crc:08x}_{source.name}"
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        shutil.copyfile(source, target)
    mask = mask_for(source)
    if mask is not None:
        shutil.copyfile(mask, target.with_name(f"{target.stem}_mask.png"))
    return target.name
