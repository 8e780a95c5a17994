"""Issue 20 item 14: world shards are read with ``allow_pickle=False`` passed explicitly.

numpy's default is already False, so the behavioural check (a pickled array is refused) holds either way;
the spy asserts the argument is passed, so a future numpy default or a copy-paste cannot reopen pickle loading.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest


def _write_shard(path: Path, pickled: bool) -> None:
    frames = np.array([object()], dtype=object) if pickled else np.zeros((2, 4, 4, 3), np.uint8)
    np.savez(path, frames=frames, actions=np.zeros(2, np.int64), poses=np.zeros((2, 3)),
             scene_index=np.int64(0), prompt=np.str_("a room"), seed=np.int64(0))


def test_load_split_passes_allow_pickle_false(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from scenegen.training.world import data

    (tmp_path / "heldout").mkdir()
    _write_shard(tmp_path / "heldout" / "scene_0000.npz", pickled=False)
    seen: list[object] = []
    real = np.load

    def spy(*a, **k):  # type: ignore[no-untyped-def]
        seen.append(k.get("allow_pickle", "<default>"))
        return real(*a, **k)

    monkeypatch.setattr(data.np, "load", spy)
    out = data.load_split(tmp_path, "heldout")
    assert len(out) == 1 and seen == [False]


def test_load_split_refuses_pickled_arrays(tmp_path: Path) -> None:
    from scenegen.training.world import data

    (tmp_path / "heldout").mkdir()
    _write_shard(tmp_path / "heldout" / "scene_0000.npz", pickled=True)
    with pytest.raises(ValueError, match="pickle"):
        data.load_split(tmp_path, "heldout")


def test_every_shard_read_in_the_world_wing_refuses_pickle() -> None:
    """Every ``np.load`` of the world model's shards (data loading and the evaluator's reads) passes the argument."""
    from scenegen.training import world

    sources = sorted(Path(world.__file__).parent.glob("*.py"))
    loads = [line for p in sources for line in p.read_text().splitlines() if "np.load(" in line]
    assert loads and all("allow_pickle=False" in line for line in loads)
