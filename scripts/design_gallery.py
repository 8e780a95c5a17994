"""Render docs/design-rooms.png: 12 designed rooms (normal density, rules reader, seed 0), perspective views labelled
with the prompt, the object count and the exit code. Run: ``python scripts/design_gallery.py [--density full]``."""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

from scenegen.pipeline import make
from scenegen.render.views import perspective_view

PROMPTS = ("a living room", "a cozy bedroom", "a kitchen", "a bathroom", "a home office", "a kids' playroom",
           "a classroom", "a scandinavian dining room", "a cafe with six tables", "a harry potter themed library",
           "an industrial home gym", "a music room for a pianist")


def main(density: str = "normal", out: str = "docs/design-rooms.png") -> None:
    w, h, label = 400, 300, 22
    sheet = Image.new("RGB", (4 * w, 3 * (h + label)), (250, 250, 250))
    draw = ImageDraw.Draw(sheet)
    for k, prompt in enumerate(PROMPTS):
        result = make(prompt, seed=0, planner="rules", density=density)
        view = perspective_view(result.scene, width=w, height=h)
        x, y = (k % 4) * w, (k // 4) * (h + label)
        sheet.paste(view, (x, y + label))
        draw.text((x + 4, y + 4), f"{prompt}  ({len(result.scene.objects)} objects, exit {result.exit_code})",
                  fill=(0, 0, 0))
        print(prompt, len(result.scene.objects), result.exit_code, flush=True)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    sheet.save(out)


if __name__ == "__main__":
    main(*(a for a in sys.argv[1:]))
