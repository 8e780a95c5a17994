"""World-model data (``scenegen world data``): generated rooms, walked with the engine's discrete actions, rendered at
a small size, written as one ``.npz`` shard per room under ``OUT/train/`` or ``OUT/heldout/``.

A shard holds ``frames`` (T+1, H, W, 3) uint8 sRGB (frame 0 the start, frame k the view after action k),
``actions`` (T,) int64 ids into ``scenegen.render.walk.ACTIONS``, ``poses`` (T+1, 4, 4) float32 camera-to-world
(OpenCV axes, metres), ``depth`` (T+1, H, W) float16 metres (``inf`` where nothing was hit), ``blocked`` (T,) bool,
``ids`` (T+1, H, W) int16 (the engine's id buffer: index into ``names`` of the mesh each pixel shows, −1 for none;
the object-persistence measure reads it), ``names`` (M,) str, and ``prompt`` / ``seed`` / ``scene_index``.

Split by scene: room ``i`` is held out when ``i % HELDOUT_EVERY == HELDOUT_EVERY - 1``, so held-out rooms (their layout,
their objects) never appear in training. Rooms are ``pipeline.make(prompt, seed=data_seed·10⁴ + i)`` over the
project's prompt sets.

Actions: the automatic path planner's walk (``auto_walk``), with a share ``random_p`` of its actions replaced by a
uniformly drawn action (seeded), so every action — strafes, back steps, looks up and down, noop — is seen, not only the
planner's forward-and-turn. Blocked moves stay in the data (the frame repeats), as the engine does them.

Two walk modes (``WALKS``): ``closed`` (the default) draws the random actions inside the walk, so the planner re-plans
from where each led and only random moves can be blocked — as in ``scenegen rollout --auto``, whose walks are never
blocked. ``open`` (the first geometric model's data) plans the whole walk first and swaps actions afterwards, so the rest
of the plan runs from a pose it was not planned for and walks into walls: a fifth of its moves were blocked, which a
world model cannot foresee from frames and actions.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np

from scenegen.world.rollout import render_episode

HELDOUT_EVERY = 8
WALKS = ("closed", "open")
"""walk modes, default first (see the module docstring)"""
PROMPT_FILES = ("validator_eval.txt", "batch_bench.txt", "examples.txt")


def load_prompt_pool() -> list[str]:
    """Every prompt of ``PROMPT_FILES`` (comments and blanks skipped), in file order."""
    root = Path(__file__).resolve().parents[3] / "prompts"
    out: list[str] = []
    for name in PROMPT_FILES:
        path = root / name
        if not path.exists():
            continue
        for line in path.read_text().splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                out.append(line)
    if not out:
        raise ValueError(f"no prompts found in {root} ({', '.join(PROMPT_FILES)})")
    return out


def is_heldout(index: int) -> bool:
    return index % HELDOUT_EVERY == HELDOUT_EVERY - 1


def walk_actions(scene, steps: int, seed: int, random_p: float = 0.3,  # type: ignore[no-untyped-def]
                 walk: str = WALKS[0]) -> list[str]:
    """The planner's walk of ``steps`` actions with a share ``random_p`` replaced by uniform random actions, drawn
    during the walk (``closed``) or swapped into the finished plan (``open``)."""
    from scenegen.render.walk import ACTIONS, auto_walk
    from scenegen.rng import stage_rng

    if walk not in WALKS:
        raise ValueError(f"walk must be one of {', '.join(WALKS)}, got {walk!r}")
    if walk == "closed":
        return auto_walk(scene, steps, seed=seed, random_p=random_p).actions
    planned = auto_walk(scene, steps, seed=seed).actions
    rng = stage_rng(seed, "world/actions")
    swap = rng.random(len(planned)) < random_p
    draws = rng.integers(0, len(ACTIONS), size=len(planned))
    return [ACTIONS[int(d)] if s else a for a, s, d in zip(planned, swap, draws)]


def make_shard(index: int, prompt: str, seed: int, steps: int, size: int, out_path: Path,
               walk: str = WALKS[0]) -> bool:
    """Make room ``index`` and write its shard atomically. False when the prompt could not be made into a room."""
    from scenegen.pipeline import make

    try:
        scene = make(prompt, seed=seed, validators=[], attempts=1).scene
    except Exception:  # noqa: BLE001 - a room that cannot be made is skipped, the split stays by index
        return False
    ep = render_episode(scene, walk_actions(scene, steps, seed, walk=walk), size)
    tmp = out_path.with_name(out_path.stem + ".tmp.npz")
    np.savez_compressed(tmp, frames=ep.frames, actions=ep.actions, poses=ep.poses, depth=ep.depth,
                        blocked=ep.blocked, ids=ep.ids, names=np.array(ep.names), prompt=np.array(prompt), seed=np.array(seed),
                        scene_index=np.array(index))
    tmp.replace(out_path)
    return True


def generate(out_dir: str | Path, scenes: int, steps: int, size: int = 64, seed: int = 0,
             progress: Callable[[int, int], None] | None = None, split: str | None = None,
             walk: str = WALKS[0]) -> dict:
    """Write ``scenes`` shards (resumable: existing shards are kept) and ``meta.json``; returns the meta.
    ``split`` ("train" or "heldout") makes only that split's rooms (same indices and seeds as a full run); ``walk``
    is one of ``WALKS``."""
    if split not in (None, "train", "heldout"):
        raise ValueError(f"split must be train or heldout, got {split!r}")
    if walk not in WALKS:
        raise ValueError(f"walk must be one of {', '.join(WALKS)}, got {walk!r}")
    out = Path(out_dir)
    (out / "train").mkdir(parents=True, exist_ok=True)
    (out / "heldout").mkdir(parents=True, exist_ok=True)
    pool = load_prompt_pool()
    made = {"train": 0, "heldout": 0}
    for i in range(scenes):
        which = "heldout" if is_heldout(i) else "train"
        if split is not None and which != split:
            continue
        path = out / which / f"scene_{i:05d}.npz"
        ok = path.exists() or make_shard(i, pool[i % len(pool)], seed * 10_000 + i, steps, size, path, walk)
        made[which] += int(ok)
        if progress is not None:
            progress(i + 1, scenes)
    meta = {"command": f"scenegen world data --scenes {scenes} --steps {steps} --size {size} --seed {seed} "
                       f"--out {out}" + (f" --split {split}" if split else "") + (f" --walk {walk}" if walk != WALKS[0] else ""),
            "scenes": scenes, "steps": steps, "size": size, "seed": seed, "walk": walk,
            "heldout_every": HELDOUT_EVERY, "made": made}
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    return meta


def load_split(data_dir: str | Path, split: str, with_ids: bool = False, with_depth: bool = False) -> list[dict]:
    """Every shard of ``split`` (``train`` or ``heldout``), sorted by scene index, as dicts of arrays; ``with_ids``
    adds the id buffer and mesh names (when the shard has them), the prompt and the seed; ``with_depth`` the
    engine's depth (T+1, H, W) float16 metres."""
    files = sorted((Path(data_dir) / split).glob("scene_[0-9]*.npz"))
    files = [f for f in files if ".tmp" not in f.name]
    if not files:
        raise ValueError(f"no {split} shards in {data_dir}: run `scenegen world data --out {data_dir}` first")
    out = []
    for f in files:
        with np.load(f, allow_pickle=False) as z:
            d = {k: z[k] for k in ("frames", "actions", "poses")} | {"scene_index": int(z["scene_index"])}
            if with_depth:
                d["depth"] = z["depth"]
            if with_ids and "ids" in z.files:
                d |= {"ids": z["ids"], "names": [str(n) for n in z["names"]]}
            if with_ids:
                d |= {"prompt": str(z["prompt"]), "seed": int(z["seed"])}
            out.append(d)
    return out


def mean_frame(data_dir: str | Path, split: str = "train") -> np.ndarray:
    """The mean frame (H, W, 3) uint8 over every frame of ``split`` (the train-mean baseline)."""
    total, count = None, 0
    for f in sorted((Path(data_dir) / split).glob("scene_[0-9]*.npz")):
        if ".tmp" in f.name:
            continue
        with np.load(f, allow_pickle=False) as z:
            fr = z["frames"].astype(np.float64)
        total = fr.sum(0) if total is None else total + fr.sum(0)
        count += len(fr)
    if total is None:
        raise ValueError(f"no {split} shards in {data_dir}: run `scenegen world data --out {data_dir}` first")
    return (total / count).round().astype(np.uint8)
