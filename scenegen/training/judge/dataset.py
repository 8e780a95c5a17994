"""Training and held-out data for the bundled judge: object crops from renders of the project's own scenes.

Scenes come from ``scenegen.pipeline.make`` on synthetic prompts that name catalog categories in balanced rotation
(every category appears about equally often), with colour words on some objects. For training, objects are also
recoloured at random before rendering (``recolour_p``), so the colour head sees every category in many colours and
the category head cannot lean on colour. Each sample is one object in one view.

Labels: category index (into ``catalog.names()``), the asset's main colour (display RGB in [0, 1]), the object's
visible fraction in that view (``scenegen.judge.crops``), its pixel count. Crops are stored as uint8 (×255).
Randomness: only generators passed in or derived from (seed, stage name) with ``scenegen.rng.stage_rng``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from scenegen import catalog
from scenegen.assets.colours import COLOURS

if TYPE_CHECKING:
    from scenegen.scene import Scene

ROOM_WORDS = ("bedroom", "living room", "office", "kitchen", "bathroom", "gym", "dining room", "studio",
              "music room", "playroom")
COUNT_WORDS = {2: "two", 3: "three"}
PROMPT_COLOUR_P = 0.35
"""Share of prompt objects given a colour word."""
MIN_VISIBLE = 0.25
"""Samples whose object is less visible than this in the view are not used for training (mostly hidden)."""


def synthetic_prompts(n: int, rng: np.random.Generator, min_objects: int = 5, max_objects: int = 10) -> list[str]:
    """``n`` prompts such as "a studio with a red piano, two chairs and a wall clock": categories drawn least-used
    first (ties at random), so every catalog category appears about ``n · mean objects / 65`` times."""
    names = catalog.names()
    used = dict.fromkeys(names, 0)
    colours = sorted(COLOURS)
    prompts = []
    for _ in range(n):
        k = int(rng.integers(min_objects, max_objects + 1))
        order = sorted(names, key=lambda c: (used[c], rng.random()))
        phrases = []
        for cat in order[:k]:
            used[cat] += 1
            noun = catalog.get(cat).synonyms[0]
            count = 1
            if catalog.get(cat).support != "ceiling" and rng.random() < 0.15:
                count = int(rng.integers(2, 4))
            colour = f"{colours[int(rng.integers(len(colours)))]} " if rng.random() < PROMPT_COLOUR_P else ""
            if count > 1:
                plural = noun if noun.endswith("s") else noun + ("es" if noun.endswith(("sh", "ch")) else "s")
                phrases.append(f"{COUNT_WORDS[count]} {colour}{plural}")
            else:
                article = "an" if (colour or noun)[0] in "aeiou" else "a"
                phrases.append(f"{article} {colour}{noun}" if noun != "books" else f"some {colour}books")
        room = ROOM_WORDS[int(rng.integers(len(ROOM_WORDS)))]
        prompts.append(f"a {room} with {', '.join(phrases[:-1])} and {phrases[-1]}")
    return prompts


@dataclass
class Samples:
    """A batch of crops and labels. crops: (N, 4, S, S) uint8; category: (N,) int64; colour: (N, 3) float32;
    visible: (N,) float32; pixels: (N,) int32; scene: (N,) int32 scene index; obj: object id per sample."""

    crops: np.ndarray
    category: np.ndarray
    colour: np.ndarray
    visible: np.ndarray
    pixels: np.ndarray
    scene: np.ndarray
    obj: list[str]

    @staticmethod
    def concat(parts: list["Samples"]) -> "Samples":
        parts = [p for p in parts if len(p.category)]
        if not parts:
            return empty_samples()
        return Samples(*(np.concatenate([getattr(p, f) for p in parts]) for f in
                         ("crops", "category", "colour", "visible", "pixels", "scene")),
                       obj=[o for p in parts for o in p.obj])


def empty_samples(size: int = 64) -> Samples:
    return Samples(np.zeros((0, 4, size, size), np.uint8), np.zeros(0, np.int64), np.zeros((0, 3), np.float32),
                   np.zeros(0, np.float32), np.zeros(0, np.int32), np.zeros(0, np.int32), [])


def recoloured(scene: "Scene", rng: np.random.Generator, p: float) -> "Scene":
    """A copy of ``scene`` where each object, with probability ``p``, gets a random colour: half the time a named
    colour, else uniform RGB (rounded to 1e-4 like the generator)."""
    if p <= 0:
        return scene
    names = sorted(COLOURS)
    objects = []
    for inst in scene.objects:
        if rng.random() < p:
            if rng.random() < 0.5:
                rgb = COLOURS[names[int(rng.integers(len(names)))]]
            else:
                rgb = tuple(float(v) for v in rng.random(3))
            rgb = tuple(round(float(c), 4) for c in rgb)
            inst = inst.model_copy(update={"asset": inst.asset.model_copy(update={"colour": rgb})})
        objects.append(inst)
    return scene.model_copy(update={"objects": objects})


def scene_samples(scene: "Scene", scene_index: int = 0, crop_size: int = 64, min_visible: float = MIN_VISIBLE
                  ) -> Samples:
    """Every (object, view) crop of ``scene`` that covers enough pixels and is visible enough, with its labels."""
    from scenegen.judge.crops import crop, surface_points, view_visibility
    from scenegen.judge.views import render_views

    index = {n: k for k, n in enumerate(catalog.names())}
    views = render_views(scene)
    meshes = dict(views.meshes)
    oidx = views.object_index
    crops, cats, cols, vis, pix, objs = [], [], [], [], [], []
    for inst in scene.objects:
        if inst.category not in index:
            continue
        k = oidx[inst.id]
        pts = surface_points(meshes[inst.id])
        for view in views.views:
            if view.overhead:
                continue
            c = crop(view.output, k, crop_size)
            if c is None:
                continue
            frac, _ = view_visibility(view, k, pts)
            if frac is None or frac < min_visible:
                continue
            crops.append(np.round(c * 255.0).astype(np.uint8))
            cats.append(index[inst.category])
            cols.append(inst.asset.colour)
            vis.append(frac)
            pix.append(int((view.output.ids == k).sum()))
            objs.append(inst.id)
    if not crops:
        return empty_samples(crop_size)
    n = len(crops)
    return Samples(np.stack(crops), np.asarray(cats, np.int64), np.asarray(cols, np.float32),
                   np.asarray(vis, np.float32), np.asarray(pix, np.int32), np.full(n, scene_index, np.int32), objs)


def make_scene(prompt: str, seed: int) -> "Scene | None":
    """The scene ``make`` builds for (prompt, seed) with no validators and one solve round; None if it fails."""
    from scenegen.pipeline import make

    try:
        return make(prompt, seed=seed, validators=[], attempts=1).scene
    except Exception:  # a prompt the planner cannot read or an infeasible room: just skip it
        return None


def generate(job: tuple[int, str, int, float, int, int]) -> Samples:
    """One scene's samples: job = (scene index, prompt, seed, recolour probability, recolour seed, crop size).
    A top-level function so a process pool can run it."""
    from scenegen.rng import stage_rng

    i, prompt, seed, recolour_p, rseed, size = job
    scene = make_scene(prompt, seed)
    if scene is None:
        return empty_samples(size)
    scene = recoloured(scene, stage_rng(rseed, f"judge/recolour/{i}"), recolour_p)
    return scene_samples(scene, i, size)
