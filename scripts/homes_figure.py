"""Render docs/homes.png: 6 generated homes (normal density, rules reader, seed 0), each a row of its floor plan and
two perspective views with the whole home in the scene, so open doors show the next room (the hub, and the first
bedroom or else the largest other room), labelled with the prompt, the
room count and the exit code. Run: ``PYTHONPATH=. python scripts/homes_figure.py [OUT.png] [SEED]``."""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

from scenegen.home.draw import floor_plan_image, home_view
from scenegen.home.make import make_home

PROMPTS = ("a 1b1b apartment of a researcher who has a cat", "a two-bedroom flat with an open kitchen",
           "a small house with a garage", "a studio apartment",
           "an office floor with four offices and a meeting room",
           "a U-shaped house around a courtyard with three bedrooms, two bathrooms, an open kitchen and a garage")
VIEW = (480, 360)
PLAN = (520, 360)
LABEL = 24


def _fit(img: Image.Image, box: tuple[int, int]) -> Image.Image:
    """``img`` scaled to fit ``box`` (aspect kept) on a white canvas of that size."""
    k = min(box[0] / img.width, box[1] / img.height)
    small = img.resize((max(1, int(img.width * k)), max(1, int(img.height * k))), Image.LANCZOS)
    canvas = Image.new("RGB", box, (255, 255, 255))
    canvas.paste(small, ((box[0] - small.width) // 2, (box[1] - small.height) // 2))
    return canvas


def main(out: str = "docs/homes.png", seed: str = "0") -> None:
    row_h = VIEW[1] + LABEL
    sheet = Image.new("RGB", (PLAN[0] + 2 * VIEW[0], len(PROMPTS) * row_h), (250, 250, 250))
    draw = ImageDraw.Draw(sheet)
    for k, prompt in enumerate(PROMPTS):
        result = make_home(prompt, seed=int(seed), planner="rules", density="normal")
        home = result.home
        hub = home.room(home.program.hub)
        others = sorted((r for r in home.rooms if r.id != hub.id), key=lambda r: (r.type != "bedroom",
                                                                                  -r.scene.room.area))
        y = k * row_h
        sheet.paste(floor_plan_image(home, fit=PLAN), (0, y + LABEL))
        for j, room in enumerate([hub, *others[:1]]):
            view = home_view(home, room.id, width=VIEW[0], height=VIEW[1])
            x0 = PLAN[0] + j * VIEW[0]
            sheet.paste(view, (x0, y + LABEL))
            box = draw.textbbox((x0 + 8, y + LABEL + 6), room.name)
            draw.rectangle([box[0] - 4, box[1] - 3, box[2] + 4, box[3] + 3], fill=(30, 30, 30))
            draw.text((x0 + 8, y + LABEL + 6), room.name, fill=(255, 255, 255))
        objects = sum(len(r.scene.objects) for r in home.rooms)
        draw.text((6, y + 6), f"{prompt}  ({len(home.rooms)} rooms, {objects} objects, exit {result.exit_code})",
                  fill=(0, 0, 0))
        print(prompt, len(home.rooms), objects, result.exit_code, result.report.failures()[:2], flush=True)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    sheet.save(out, optimize=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
