"""The convex-parts cache is keyed by the mesh, so a generator that changes shape is never read back with its old
parts (keyed by the asset's parameters, a reshaped toy box kept its old lid in the physics settle)."""

from __future__ import annotations

import numpy as np
import trimesh

from scenegen.physics import collision
from scenegen.scene import AssetRef


def test_the_same_ref_with_a_new_shape_gets_new_parts(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(collision, "cache_dir", lambda: tmp_path)
    ref = AssetRef(category="toy_box", seed=1, params={"width": 0.7})
    old = trimesh.creation.box(extents=(0.7, 0.4, 0.5))
    new = trimesh.creation.box(extents=(0.7, 0.4, 0.3))
    first = collision.convex_parts(ref, mesh=old)
    assert len(list(tmp_path.rglob("*.npz"))) == 1
    again = collision.convex_parts(ref, mesh=new)
    assert np.isclose(max(p[:, 2].max() for p in first), 0.25)
    assert np.isclose(max(p[:, 2].max() for p in again), 0.15)  # not the cached parts of the old shape
    assert len(list(tmp_path.rglob("*.npz"))) == 2
    assert collision.cache_key(old) == collision.cache_key(old.copy()) != collision.cache_key(new)
