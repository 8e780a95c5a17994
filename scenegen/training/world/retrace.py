"""Retrace: walk out along a held-out walk and back the same way, and score the way back (``scenegen eval world``).

From a ground-truth context ending at frame t0, the model is given ``length`` recorded actions out, then their
inverses back (``train_memory.path_actions``: the engine's frames t0+L−1 … t0 are the exact targets, no rendering).
Scored: the mean PSNR over the way back (every frame there was seen, by the engine or by the model, on the way out)
and the PSNR of the frame back at t0 (the last context frame, so copy-last scores ``PSNR_CAP`` there: a measure for
comparing models, not baselines). Unlike ``evaluate.LOOP`` this uses the walks' own moves, blocked ones as noops.
"""

from __future__ import annotations

import numpy as np

from scenegen.world.model import model_rollout, psnr

LENGTH = 16
"""steps out (and as many back)"""


def retrace(model, shards: list[dict], k: int, starts_per_room: int = 3, length: int = LENGTH) -> dict:  # type: ignore[no-untyped-def]
    """{"length", "windows", "back_psnr" (dB, mean over the way back), "return_psnr" (dB, the frame back at t0),
    "out_psnr" (dB, mean over the way out)} for ``model`` on the held-out ``shards`` (with poses)."""
    from scenegen.training.world.evaluate import window_starts
    from scenegen.training.world.train_memory import path_actions, return_path

    ctx, cacts, acts, tgt = [], [], [], []
    path = return_path(length, 2 * length)
    for s in shards:
        poses = s["poses"]
        moved = ~np.all(np.isclose(poses[1:], poses[:-1], atol=1e-6), axis=(-2, -1))
        for t0 in window_starts(len(s["actions"]), k, length, starts_per_room):
            ctx.append(s["frames"][t0 - k + 1:t0 + 1])
            cacts.append(s["actions"][t0 - k + 1:t0])
            acts.append(path_actions(s["actions"], moved, t0 + path))
            tgt.append(s["frames"][t0 + path[1:]])
    if not ctx:
        raise ValueError(f"no held-out walk is long enough for a context of {k} and {length} steps out")
    pred = model_rollout(model, np.stack(ctx), np.stack(acts), context_actions=np.stack(cacts))
    target = np.stack(tgt)
    per = psnr(pred, target)  # (B, 2L)
    return {"length": length, "windows": len(ctx), "out_psnr": float(per[:, :length].mean()),
            "back_psnr": float(per[:, length:].mean()), "return_psnr": float(per[:, -1].mean())}
