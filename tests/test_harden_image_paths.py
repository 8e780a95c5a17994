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
