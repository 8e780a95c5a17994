"""A strip picture of the revisit loop: in held-out rooms, the engine against one or more world models along
``evaluate.LOOP`` (look away, step out and back, turn back), so what a memory keeps on return shows at a glance.

``python -m scenegen.training.world.revisit_strip --data outputs/world_data --out docs/world_revisit_memory.png
--weights bundled=scenegen/weights/world.safetensors memory=outputs/world_memory.safetensors``
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

STEPS = (1, 6, 8, 10, 12, 16)
"""loop steps drawn: after the first turn, facing away (6), out (8), back (10), turning home (12), home (16)"""


def revisit_strip(data_dir: str | Path, weights: dict[str, str], out: str | Path, rooms: int = 6) -> dict[str, list]:
    """Draw the picture; returns per model the return-frame PSNR (dB) of each room drawn."""
    from scenegen.pipeline import make
    from scenegen.render.walk import ACTIONS
    from scenegen.training.world.data import load_split, render_episode
    from scenegen.training.world.evaluate import revisit_walk
    from scenegen.training.world.strip import pick_windows, strip_picture
    from scenegen.world.model import load, model_rollout, psnr

    models = {name: load(path) for name, path in weights.items()}
    k = max(m.cfg.context for m in models.values())
    size = next(iter(models.values())).cfg.size
    shards = load_split(data_dir, "heldout", with_ids=True)
    pick = pick_windows(np.array([s["scene_index"] for s in shards]), rooms)
    walk = revisit_walk(k)
    ctx, tgt, labels = [], [], []
    preds: dict[str, list] = {name: [] for name in models}
    for i in pick:
        s = shards[int(i)]
        scene = make(str(s["prompt"]), seed=int(s["seed"]), validators=[], attempts=1).scene
        ep = render_episode(scene, walk, size)
        ctx.append(ep.frames[:k])
        tgt.append(ep.frames[k:])
        labels.append(f'room {s["scene_index"]}: {s["prompt"]}')
        ids = np.array([[ACTIONS.index(a) for a in walk]])
        for name, m in models.items():
            preds[name].append(model_rollout(m, ep.frames[None, k - m.cfg.context:k], ids[:, k - 1:],
                                             context_actions=ids[:, k - m.cfg.context:k - 1])[0])
    context = np.stack(ctx)
    strip_picture(context, np.stack(tgt), {n: np.stack(p) for n, p in preds.items()}, labels, out, steps=STEPS)
    return {n: [float(psnr(p[-1], c[-1])) for p, c in zip(ps, context)] for n, ps in preds.items()}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="outputs/world_data")
    ap.add_argument("--out", required=True)
    ap.add_argument("--rooms", type=int, default=6)
    ap.add_argument("--weights", nargs="+", required=True, help="name=path, one per model row")
    a = ap.parse_args(argv)
    weights = dict(w.split("=", 1) for w in a.weights)
    for name, scores in revisit_strip(a.data, weights, a.out, a.rooms).items():
        print(f"{name}: return PSNR per room {[round(x, 2) for x in scores]} mean {np.mean(scores):.2f} dB")


if __name__ == "__main__":
    main()
