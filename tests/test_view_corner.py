"""The picture's corner: the camera does not stand behind a tall piece of furniture that fills the view."""

from __future__ import annotations

import numpy as np


def test_the_view_is_taken_from_a_corner_no_object_blocks() -> None:
    """"a living room with a sofa and a TV on the bookshelf": the corner that saw the most objects (14) stood behind
    the bookshelf, which filled a third of view.png. A corner where no object fills more than ``BLOCKING_SHARE`` of
    the view now wins over one that sees one object more."""
    from scenegen.pipeline import make
    from scenegen.render.raycast import render
    from scenegen.render.views import BLOCKING_SHARE, best_corner, corner_camera, scene_meshes

    scene = make("a living room with a sofa and a TV on the bookshelf", seed=0, density="normal").scene
    meshes = scene_meshes(scene, ceiling=False)
    object_ids = {o.id for o in scene.objects}
    largest, seen = [], []
    for corner in range(len(scene.room.footprint)):
        out = render(meshes, corner_camera(scene.room, corner, 96, 72), shadows=False)
        ids = out.ids[out.ids >= 0]
        names = [out.names[i] for i in np.unique(ids) if out.names[i] in object_ids]
        seen.append(len(names))
        largest.append(max(float((ids == out.names.index(n)).mean()) for n in names))
    blocked = [c for c, share in enumerate(largest) if share > BLOCKING_SHARE]
    assert blocked and seen[blocked[0]] == max(seen)  # the case: the fullest view is a blocked one
    chosen = best_corner(scene, meshes)
    assert largest[chosen] <= BLOCKING_SHARE
    assert seen[chosen] == max(s for c, s in enumerate(seen) if c not in blocked)
