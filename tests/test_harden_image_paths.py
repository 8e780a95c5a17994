"""Issue 20 item 7: a scene file's image3d photo path cannot make scenegen read an arbitrary or huge file, and the
error does not reveal which check failed (no CRC oracle)."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from scenegen.assets.image3d import backend as b
from scenegen.scene import AssetRef


def _ref(image: Path, crc: int) -> AssetRef:
    return AssetRef(backend="image3d", category="bed", seed=0,
                    params={"width": 1.0, "depth": 2.0, "height": 0.5, "image": str(image), "image_crc": float(crc)})


def _message(ref: AssetRef) -> str:
    with pytest.raises(ValueError) as info:
        b.Image3DBackend().build(ref)
    return str(info.value)


def test_every_unusable_image_gets_the_same_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[Path] = []
    real = b._crc
    monkeypatch.setattr(b, "_crc", lambda p: read.append(p) or real(p))
    photo = tmp_path / "bed.png"
    photo.write_bytes(b"\x89PNG not really")
    crc = zlib.crc32(photo.read_bytes())
    huge = tmp_path / "huge.png"
    with huge.open("wb") as fh:  # sparse: takes no disk, but its size is over the cap
        fh.truncate(b.MAX_IMAGE_BYTES + 1)
    passwd = Path("/etc/passwd")
    cases = [_ref(tmp_path / "missing.png", crc), _ref(photo, crc + 1), _ref(passwd, zlib.crc32(passwd.read_bytes())),
             _ref(huge, 0), _ref(tmp_path, crc)]
    messages = {_message(r) for r in cases}
    assert messages == {"the image planned for 'bed' cannot be used (missing, changed since planning, not a photo, "
                        f"or over {b.MAX_IMAGE_BYTES // 2**20} MiB); make the scene again"}
    assert read == [photo]  # only the plausible photo was read at all; /etc/passwd and the huge file never were


def test_crc_is_read_in_chunks(tmp_path: Path) -> None:
    data = bytes(range(256)) * 10_000  # 2.5 MB: several chunks
    f = tmp_path / "x.png"
    f.write_bytes(data)
    assert b._crc(f) == zlib.crc32(data) & 0xFFFFFFFF


def _scene_with_photo(photo: Path):  # noqa: ANN202
    import json

    from scenegen.scene import Scene

    raw = json.loads((Path(__file__).parent / "data" / "hostile" / "_base.json").read_text())
    bed = next(o for o in raw["objects"] if o["id"] == "bed_1")
    bed["asset"]["backend"] = "image3d"
    bed["asset"]["params"] = {"width": 1.6, "depth": 2.1, "height": 0.96, "image": str(photo),
                              "image_crc": float(zlib.crc32(photo.read_bytes()))}
    return Scene.model_validate(raw)


def test_a_saved_scene_names_its_photo_inside_its_folder_and_loads_it_from_there(tmp_path: Path) -> None:
    from scenegen.assets.image3d.photos import bundle_photos
    from scenegen.scene_files import load_scene, save_scene

    photo = tmp_path / "photos" / "bed.png"
    photo.parent.mkdir()
    photo.write_bytes(b"\x89PNG photo")
    (photo.parent / "bed_mask.png").write_bytes(b"\x89PNG mask")
    out = tmp_path / "room"
    out.mkdir()
    save_scene(bundle_photos(_scene_with_photo(photo), out), out / "scene.json")
    crc = zlib.crc32(photo.read_bytes())
    written = (out / "scene.json").read_text()
    assert f'"images/{crc:08x}_bed.png"' in written and str(tmp_path / "photos") not in written
    assert (out / "images" / f"{crc:08x}_bed_mask.png").read_bytes() == b"\x89PNG mask"
    loaded = load_scene(out)
    image = Path(str(next(o for o in loaded.objects if o.id == "bed_1").asset.params["image"]))
    assert image == (out / "images" / f"{crc:08x}_bed.png").resolve()
    save_scene(bundle_photos(loaded, out), out / "again.json")  # saved in place: relative again, nothing copied
    assert f'"images/{crc:08x}_bed.png"' in (out / "again.json").read_text()
    assert sorted(p.name for p in (out / "images").iterdir()) == [f"{crc:08x}_bed.png", f"{crc:08x}_bed_mask.png"]


@pytest.mark.parametrize("image", ["/etc/passwd", "images/../../outside.png", "../room2/images/x.png"])
def test_a_photo_path_outside_the_scene_folder_is_refused_on_load(tmp_path: Path, image: str) -> None:
    from scenegen.scene import SceneFileError
    from scenegen.scene_files import load_scene, save_scene

    photo = tmp_path / "bed.png"
    photo.write_bytes(b"\x89PNG")
    scene = _scene_with_photo(photo)
    bed = next(o for o in scene.objects if o.id == "bed_1")
    bed.asset.params["image"] = image
    (tmp_path / "room").mkdir()
    save_scene(scene, tmp_path / "room" / "scene.json")
    with pytest.raises(SceneFileError, match="its photo must be a path inside the scene folder"):
        load_scene(tmp_path / "room")
