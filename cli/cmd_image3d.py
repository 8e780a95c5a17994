"""``scenegen object IMAGE``, ``scenegen train image3d`` and ``scenegen eval image3d``: the single-image-to-3D model
(``scenegen.assets.image3d``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from cli.cmd_eval import eval_app
from cli.cmd_train import train_app
from cli.common import console, out_console, user_errors

DEFAULT_WEIGHTS = Path("scenegen/weights/image3d.safetensors")


def register(app: typer.Typer) -> None:
    app.command("object")(object_cmd)


@train_app.command("image3d")
def train_image3d(
    config: Annotated[str, typer.Option(help="model size: small (CPU, 64 px crops, 32³ grid) or large (GPU, 128 px, "
                                             "64³)")] = "small",
    out: Annotated[Path, typer.Option("--out", "-o", help="checkpoint path (a .json card and an _eval.png are "
                                                          "written beside it)")] = DEFAULT_WEIGHTS,
    shapes: Annotated[int, typer.Option(help="training objects per category", min=1)] = 500,
    views: Annotated[int, typer.Option(help="renders per training object", min=1)] = 3,
    held_out_shapes: Annotated[int, typer.Option(help="held-out objects per category", min=1)] = 40,
    steps: Annotated[int, typer.Option(help="optimiser steps", min=1)] = 3000,
    batch: Annotated[int, typer.Option(help="crops per step", min=1)] = 32,
    lr: Annotated[float, typer.Option(help="peak learning rate (warm-up, cosine decay)")] = 2e-3,
    seed: Annotated[int, typer.Option(help="seeds the data, the weights and the batches")] = 0,
    threads: Annotated[int, typer.Option(help="torch CPU threads", min=1)] = 2,
    device: Annotated[str, typer.Option(help="auto (CUDA when present), cpu or cuda")] = "auto",
    cache: Annotated[Optional[Path], typer.Option(help="keep the generated data here (.npz) and reuse it")] = None,
    evaluate: Annotated[bool, typer.Option(help="score the held-out split at the end and write the picture")] = True,
) -> None:
    """Render procedural objects, train the image-to-3D model (shape, colour, pose) and write the checkpoint and its
    card as it goes; at the end, score the held-out split against the mean-shape and retrieval baselines."""
    from scenegen.training.image3d.train import TrainConfig, train_image3d as run

    with user_errors():
        if config not in ("small", "large", "tiny"):
            raise ValueError(f"--config must be small or large, got {config!r}")
        cfg = TrainConfig(config=config, shapes=shapes, views=views, held_out_shapes=held_out_shapes, steps=steps,
                          batch=batch, lr=lr, seed=seed, threads=threads, device=device,
                          extra={"command": "scenegen " + " ".join(sys.argv[1:])})
        card = run(out, cfg, cache=cache, evaluate=evaluate, log=lambda m: console.print(m, highlight=False))
    msg = f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB) and {out.with_suffix('.json')}"
    if "held_out" in card:
        o = card["held_out"]["overall"]
        msg += (f": held-out IoU {o['model']['iou']:.3f} (mean shape {o['mean_shape']['iou']:.3f}), F@5% "
                f"{o['model']['fscore']:.3f}, yaw median {o['model']['yaw_median_deg']:.1f}°")
    out_console.print(msg, highlight=False)


@eval_app.command("image3d")
def eval_image3d(
    weights: Annotated[Path, typer.Option(help="the checkpoint to score")] = DEFAULT_WEIGHTS,
    cache: Annotated[Optional[Path], typer.Option(help="generated data folder (from training's --cache)")] = None,
    picture: Annotated[Optional[Path], typer.Option(help="PNG grid of 8 held-out reconstructions "
                                                         "[default: <weights stem>_eval.png]")] = None,
    threads: Annotated[int, typer.Option(help="torch CPU threads", min=1)] = 2,
    json_path: Annotated[Optional[Path], typer.Option("--json", help="also write the full result as JSON here")] = None,
    card: Annotated[bool, typer.Option(help="write the held-out figures into the checkpoint's .json card")] = False,
) -> None:
    """Score the image-to-3D model on its held-out split (objects, parameters and seeds never trained on): IoU,
    Chamfer, F-score@5 % and pose errors per category, beside the category mean shape at the true pose and
    nearest-neighbour retrieval from the training set, measured in the same run."""
    import json

    from scenegen.training.image3d.evaluate import evaluate
    from scenegen.assets.image3d.infer import load_model
    from scenegen.training.image3d.train import TrainConfig, write_card
    from scenegen.scene_files import write_atomic

    with user_errors():
        import torch

        torch.set_num_threads(threads)
        model = load_model(weights)
        card_path = weights.with_suffix(".json")
        meta = json.loads(card_path.read_text()) if card_path.exists() else {}
        tc = meta.get("train_config", {})
        cfg = TrainConfig(**{k: tuple(v) if isinstance(v, list) else v for k, v in tc.items()
                             if k in TrainConfig.__dataclass_fields__ and k != "extra"})
        from scenegen.training.image3d.data import cached_dataset

        log = lambda m: console.print(m, highlight=False)  # noqa: E731
        train = cached_dataset(cfg.data(False, model.cfg.grid), cache, log=log)
        held = cached_dataset(cfg.data(True, model.cfg.grid), cache, log=log)
        pic = picture or weights.with_name(weights.stem + "_eval.png")
        res = evaluate(model, train, held, picture=pic, log=log)
        if json_path:
            write_atomic(json_path, json.dumps(res, indent=1) + "\n")
        if card:
            meta["held_out"] = res | {"command": "scenegen " + " ".join(sys.argv[1:])}
            write_card(card_path, meta)
    print_eval(res)
    out_console.print(f"wrote [bold]{pic}[/]" + (f" and [bold]{json_path}[/]" if json_path else ""), highlight=False)


def print_eval(res: dict) -> None:
    """The held-out scores as rich tables: shape per category (model / mean shape / NN retrieval), then pose."""
    from rich.table import Table

    rows = {**res["categories"], "all": res["overall"] | {"views": res["views"]}}
    t = Table("category", "views", "IoU", "F-score@5%", "Chamfer ×100", "yaw median °", "beats mean",
              title="held-out, each cell: model / mean shape / NN retrieval (baselines at the true pose)")
    for c, e in rows.items():
        m, b, n = e["model"], e["mean_shape"], e["nn_retrieval"]
        win = e.get("beats_mean_shape")
        t.add_row(c, str(e["views"]), f"{m['iou']:.3f} / {b['iou']:.3f} / {n['iou']:.3f}",
                  f"{m['fscore']:.3f} / {b['fscore']:.3f} / {n['fscore']:.3f}",
                  f"{100 * m['chamfer']:.2f} / {100 * b['chamfer']:.2f} / {100 * n['chamfer']:.2f}",
                  f"{m['yaw_median_deg']:.1f} / – / {n['yaw_median_deg']:.1f}",
                  "" if win is None else ("[green]yes[/]" if win else "[red]no[/]"))
    out_console.print(t)
    p = res["overall"]["pose"]
    m = res["overall"]["model"]
    out_console.print(f"pose: yaw median {m['yaw_median_deg']:.1f}° (symmetry-aware; NN retrieval "
                      f"{res['overall']['nn_retrieval']['yaw_median_deg']:.1f}°), within 15° "
                      f"{m['yaw_within_15deg']:.0%}; "
                      f"pitch {p['pitch_err_deg']:.1f}°; size error {p['size_rel_err']:.1%}; translation "
                      f"{p['trans_err_m']:.2f} m mean ({p['trans_rel_err']:.1%} of the distance); category "
                      f"{p['category_correct']:.1%}", highlight=False)
    tm = res["timing"]
    out_console.print(f"inference: {tm['seconds_per_object_median'] * 1000:.0f} ms per object (median of "
                      f"{tm['objects_timed']}, {tm['torch_threads']} thread(s), mesh included)", highlight=False)


def object_cmd(
    image: Annotated[Path, typer.Argument(help="a photo or render of one object (PNG, JPEG, …)")],
    out: Annotated[Path, typer.Option("--out", "-o", help="mesh to write (.glb, .obj, .ply)")] = Path("object.glb"),
    mask: Annotated[Optional[Path], typer.Option(help="object mask, same size as the image (white/opaque = object); "
                                                     "default: the alpha channel or a plain background")] = None,
    weights: Annotated[Optional[Path], typer.Option(help="image3d checkpoint [default: the bundled one]")] = None,
    fov: Annotated[float, typer.Option(help="the photo's vertical field of view, degrees", min=1.0, max=170.0)] = 55.0,
    in_camera: Annotated[bool, typer.Option("--in-camera", help="write the mesh posed in the camera frame instead of "
                                                                "its local frame")] = False,
    threads: Annotated[int, typer.Option(help="torch CPU threads (one is fastest for a single small crop)", min=1)] = 1,
) -> None:
    """Reconstruct one object from an image and its mask: a mesh (local frame: bottom-centre origin, front +y, z up,
    metres; per-vertex colours) and its pose in the camera frame."""
    import math

    with user_errors():
        import torch

        from scenegen.assets.image3d import load_model, reconstruct

        torch.set_num_threads(threads)
        model = load_model(weights)
        rec = reconstruct(image, mask=mask, model=model, fov_deg=fov)
        mesh = rec.camera_mesh() if in_camera else rec.mesh
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f".{out.stem}.tmp{out.suffix}")
        mesh.export(tmp)
        tmp.replace(out)
    for note in rec.notes:
        console.print(f"[yellow]note:[/] {note}", highlight=False)
    w, d, h = rec.size
    t = rec.translation
    out_console.print(f"wrote {out}: {len(rec.mesh.faces)} faces; looks like a {rec.category.replace('_', ' ')} "
                      f"(p={rec.category_prob:.2f}); size {w:.2f} × {d:.2f} × {h:.2f} m (W×D×H); yaw "
                      f"{math.degrees(rec.yaw):.0f}° from the camera heading; camera pitch "
                      f"{math.degrees(rec.pitch):.0f}°; centre at ({t[0]:.2f}, {t[1]:.2f}, {t[2]:.2f}) m in the "
                      f"camera frame; {rec.seconds * 1000:.0f} ms", highlight=False)
