"""Issue 20 item 12: a full disk while writing a scene's extras fails the scene; a batch never promotes a folder
holding only some of its files, and a later run makes it whole."""

from __future__ import annotations

import errno
import warnings

import pytest

from scenegen.batch.manifest import MANIFEST, read_lines
from scenegen.batch.worker import TMP_DIR
from tests.test_batch import CHEAP, batch, jobs_of


def _disk_full(*_a, **_k):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_while_writing_scene_usda_is_not_promoted(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    import scenegen.export.usd

    monkeypatch.setattr(scenegen.export.usd, "write_usda", _disk_full)
    result = batch(tmp_path, jobs_of(CHEAP), retries=0)
    (job,) = jobs_of(CHEAP)
    assert result.counts == {"error": 1}
    row = read_lines(tmp_path / "out" / MANIFEST)[-1]
    assert row["status"] == "error" and "No space left on device" in row["error"]
    assert not (tmp_path / "out" / job.id).exists()
    assert not any((tmp_path / "out" / TMP_DIR).glob("*")) if (tmp_path / "out" / TMP_DIR).exists() else True
    monkeypatch.undo()
    again = batch(tmp_path, jobs_of(CHEAP), retries=1)
    assert again.ran == 1 and again.counts == {"ok": 1}
    assert {"scene.json", "scene.usda", "report.html"} <= {p.name for p in (tmp_path / "out" / job.id).iterdir()}


def test_a_missing_extra_that_is_not_a_disk_error_still_only_warns(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    import scenegen.export.usd
    from scenegen.pipeline import make, write_outputs

    def no_usd(*_a, **_k):
        raise ImportError("usd-core is not installed")

    monkeypatch.setattr(scenegen.export.usd, "write_usda", no_usd)
    result = make(CHEAP, seed=0, planner="rules", attempts=1)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        paths = write_outputs(result, tmp_path / "scene", pictures=False)
    assert "scene.usda" not in paths and "scene.json" in paths
    assert any("scene.usda was not written (ImportError" in str(w.message) for w in caught)
