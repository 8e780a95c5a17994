"""Console tables for ``scenegen eval world``: every measure per horizon, model beside the baselines."""

from __future__ import annotations

from typing import Any

from scenegen.training.world.evaluate import WorldEval, acceptance


def _table(title: str, horizons: list[int], rows: dict[str, dict], fmt: str) -> Any:
    from rich.table import Table

    table = Table(title=title)
    table.add_column("method")
    for h in horizons:
        table.add_column(f"h={h}", justify="right")
    for name, by_h in rows.items():
        table.add_row(name.replace("_", " "), *[fmt.format(by_h[h]) for h in horizons])
    return table


def print_eval(res: WorldEval, console: Any) -> None:
    """Print PSNR, SSIM, contrast, gradient, persistence and feature tables, controllability, revisit, speed and the
    acceptance items of issue 21."""
    hs = res.horizons
    where = f"{res.windows} windows in {res.rooms} held-out rooms"
    console.print(_table(f"PSNR (dB), {where}", hs, {m: s["psnr"] for m, s in res.scores.items()}, "{:.2f}"))
    console.print(_table("SSIM", hs, {m: s["ssim"] for m, s in res.scores.items()}, "{:.3f}"))
    for key, label in (("contrast", "contrast ratio (std pred / std engine; 1 is right)"),
                       ("gradient", "gradient-energy ratio (pred / engine; 1 is right)")):
        console.print(_table(label, hs, {m: c[key] for m, c in res.content.items()}, "{:.2f}"))
    for key in ("colour", "structure"):
        rows = {m: {h: p[h][key] for h in hs} for m, p in res.persistence.items()}
        console.print(_table(f"object persistence: {key} error inside id-buffer masks (lower is better)", hs, rows,
                             "{:.3f}"))
    if res.features:
        for key in ("cosine", "frechet"):
            rows = {m: {h: f[h][key] for h in hs} for m, f in res.features.items()}
            console.print(_table(f"judge-feature {key} distance to the engine (lower is better)", hs, rows,
                                 "{:.3f}" if key == "cosine" else "{:.1f}"))
    c = res.controllability
    console.print("controllability (true − shuffled actions): " + ", ".join(f"h={h} {g:+.2f}"
                                                                           for h, g in c["gap"].items())
                  + f" dB; whole rollout {c['rollout_gap']:+.2f} dB", highlight=False)
    if res.revisit:
        rv = res.revisit
        console.print(f"revisit ({rv['loop']}, {rv['rooms']} rooms): model return-frame PSNR "
                      f"{rv['return_psnr_model']:.2f} dB, mid-loop {rv['mid_loop_psnr_model']:.2f} dB, "
                      f"engine return {rv['return_psnr_engine']:.2f} dB", highlight=False)
    if getattr(res, "retrace", None):
        rt = res.retrace
        console.print(f"retrace ({rt['length']} recorded steps out, their inverses back, {rt['windows']} windows): "
                      f"way out {rt['out_psnr']:.2f} dB, way back {rt['back_psnr']:.2f} dB, back at the start "
                      f"{rt['return_psnr']:.2f} dB", highlight=False)
    console.print("rollout speed at 64×64, batch 1: " + ", ".join(f"{v:.0f} frames/s ({k.replace('_', ' ')})"
                                                                 for k, v in res.fps.items()), highlight=False)
    acc = acceptance(res)
    console.print("issue 21 acceptance: " + ", ".join(f"{k[:-4]} {'met' if v else 'NOT met'}"
                                                      for k, v in acc.items() if k.endswith("_met")),
                  highlight=False)
