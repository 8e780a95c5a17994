"""A contact sheet of every catalog category's procedural mesh, so a person can check that each reads as its object."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from scenegen.render.camera import look_at
from scenegen.render.raycast import render

if TYPE_CHECKING:
    from PIL import Image as PILImage


def catalog_gallery(categories: list[str] | None = None, *, seed: int = 0, cell: int = 160, columns: int = 8,
                    backend: str = "procedural", variants: int = 1) -> "PILImage.Image":
    """Render each category's mesh (front three-quarter view, ``cell``×``cell`` pixels) into a labelled grid;
    ``variants`` > 1 draws each category that many times, from different seeds, side by side (one row per category
    group of ``columns // variants``)."""
    from PIL import Image, ImageDraw

    from scenegen import catalog
    from scenegen.assets import build_mesh, plan_asset
    from scenegen.rng import stage_rng
    from scenegen.scene import PlannedObject

    names = categories or catalog.names()
    variants = max(1, variants)
    if variants > 1:
        columns = max(variants, columns - columns % variants)
        names = [n for n in names for _ in range(variants)]
    rows = (len(names) + columns - 1) // columns
    label_h = 16
    sheet = Image.new("RGB", (columns * cell, rows * (cell + label_h)), (245, 245, 245))
    draw = ImageDraw.Draw(sheet)
    for k, name in enumerate(names):
        v = k % variants
        stream = f"gallery/{name}" if v == 0 else f"gallery/{name}/{v}"
        ref = plan_asset(PlannedObject(id=f"{name}_1", category=name), stage_rng(seed, stream), backend)
        mesh = build_mesh(ref)
        centre = mesh.bounds.mean(axis=0)
        radius = float(np.linalg.norm(mesh.extents)) / 2
        # front faces +y: look from front-right and a little above
        direction = np.array([0.55, 1.0, 0.6]) / np.linalg.norm([0.55, 1.0, 0.6])
        distance = radius / np.tan(np.radians(40) / 2) * 1.05
        cam = look_at(centre + direction * distance, centre, fov_deg=40.0, width=cell, height=cell)
        out = render([(name, mesh)], cam, shadows=False, background=(0.96, 0.96, 0.96))
        x, y = (k % columns) * cell, (k // columns) * (cell + label_h)
        sheet.paste(Image.fromarray(out.rgb, "RGB"), (x, y))
        draw.text((x + 4, y + cell + 2), name if v == 0 else f"{name} ({v + 1})", fill=(30, 30, 30))
    return sheet
