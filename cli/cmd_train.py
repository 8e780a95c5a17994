"""``scenegen train ...``: train the project's bundled models (``scenegen train judge``, ``scenegen train planner``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from cli.common import console, out_console, user_errors

train_app = typer.Typer(no_args_is_help=True, help="Train the bundled models on the project's own scenes.")


def register(app: typer.Typer) -> None:
    app.add_typer(train_app, name="train")


@train_app.command("judge")
def judge(
    out: Annotated[Path, typer.Option("--out", "-o", help="checkpoint path (a .json card is written beside it)")] = (
        Path("scenegen/weights/judge.safetensors")),
    scenes: Annotated[int, typer.Option(help="generated training scenes", min=1)] = 800,
    val_scenes: Annotated[int, typer.Option(help="held-out scenes (other prompts, other seeds)", min=1)] = 80,
    epochs: Annotated[int, typer.Option(help="passes over the training crops", min=1)] = 8,
    batch: Annotated[int, typer.Option(help="crops per step", min=1)] = 128,
    lr: Annotated[float, typer.Option(help="peak learning rate (one-cycle schedule)")] = 3e-3,
    seed: Annotated[int, typer.Option(help="seeds prompts, scenes, recolouring, weights and batches")] = 0,
    workers: Annotated[int, typer.Option(help="processes generating training data", min=1)] = 2,
    cache: Annotated[Optional[Path], typer.Option(help="keep generated crops here (.npz) and reuse them")] = None,
) -> None:
    """Render the project's own scenes, crop every visible object, and train the bundled judge CNN (category and
    colour). Writes the checkpoint and its card after every epoch."""
    from scenegen.training.judge.train import TrainConfig, train_judge

    with user_errors():
        cfg = TrainConfig(scenes=scenes, val_scenes=val_scenes, epochs=epochs, batch=batch, lr=lr, seed=seed,
                          workers=workers)
        card = train_judge(out, cfg, cache=cache, log=lambda m: console.print(m, highlight=False))
    held = card["held_out"]
    out_console.print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB) and {out.with_suffix('.json')}: held-out "
                      f"object category accuracy {held['object_category_accuracy']:.1%}, colour "
                      f"{held['object_colour_accuracy']:.1%}", highlight=False)


@train_app.command("world")
def world(
    data: Annotated[Path, typer.Option(help="dataset folder from `scenegen world data`")] = Path("outputs/world_data"),
    out: Annotated[Path, typer.Option("--out", "-o", help="checkpoint path (a .json card is written beside it)")] = (
        Path("outputs/world.safetensors")),
    mode: Annotated[str, typer.Option(help="teacher (ground-truth context) or self (own rollouts as context)")] = (
        "teacher"),
    config: Annotated[str, typer.Option(help="model config: small (64×64, this CPU), large (128×128 data, a GPU) or "
                                        "tiny (tests)")] = "small",
    init: Annotated[Optional[Path], typer.Option(help="start from this checkpoint (self forcing: the teacher's)")] = (
        None),
    steps: Annotated[int, typer.Option(help="optimiser steps", min=1)] = 500,
    batch: Annotated[int, typer.Option(help="samples per step", min=1)] = 32,
    lr: Annotated[float, typer.Option(help="peak learning rate (one-cycle schedule)")] = 1e-3,
    rollout: Annotated[int, typer.Option(help="self forcing: predicted steps per sample", min=1)] = 4,
    bptt: Annotated[int, typer.Option(help="self forcing: steps a gradient flows back through", min=1)] = 2,
    seed: Annotated[int, typer.Option(help="seeds the weights and the batches")] = 0,
    threads: Annotated[int, typer.Option(help="torch CPU threads", min=1)] = 2,
) -> None:
    """Train the action-conditioned world model: teacher forcing, or self forcing (usually --init from a
    teacher-forced checkpoint). Writes the checkpoint and its card as it goes."""
    import sys

    from scenegen.training.world.train import TrainConfig, train_world

    with user_errors():
        cfg = TrainConfig(mode=mode, steps=steps, batch=batch, lr=lr, rollout=rollout, bptt=bptt, seed=seed,
                          threads=threads, config=config, init=str(init) if init else None,
                          extra={"command": "scenegen " + " ".join(sys.argv[1:])})
        card = train_world(data, out, cfg, log=lambda m: console.print(m, highlight=False))
    out_console.print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB) and {out.with_suffix('.json')}: final "
                      f"training loss {card['training']['final_loss_mean_last50']:.5f}", highlight=False)


@train_app.command("world-geometric")
def world_geometric(
    data: Annotated[Path, typer.Option(help="dataset folder from `scenegen world data`")] = Path("outputs/world_data"),
    out: Annotated[Path, typer.Option("--out", "-o", help="checkpoint path (a .json card is written beside it)")] = (
        Path("outputs/world_geometric.safetensors")),
    depth_steps: Annotated[int, typer.Option(help="stage 1: depth-net optimiser steps", min=0)] = 1500,
    refine_steps: Annotated[int, typer.Option(help="stage 2: refiner optimiser steps", min=0)] = 4000,
    batch: Annotated[int, typer.Option(help="samples per refiner step (twice this for depth)", min=1)] = 16,
    lr: Annotated[float, typer.Option(help="peak learning rate (warm-up, then cosine)")] = 1e-3,
    contrast_weight: Annotated[float, typer.Option(help="weight of the multi-scale local-contrast term")] = 0.2,
    seed: Annotated[int, typer.Option(help="seeds the weights and the batches")] = 0,
    threads: Annotated[int, typer.Option(help="torch CPU threads", min=1)] = 2,
    resume: Annotated[bool, typer.Option(help="continue --out's checkpoint from the step it reached")] = False,
    init: Annotated[Optional[Path], typer.Option(help="fine-tune from this checkpoint (with --depth-steps 0 its "
                                                 "depth net is kept)")] = None,
    context: Annotated[int, typer.Option(help="context frames the model lifts (0: the model's own, 4 for a new "
                                              "one)", min=0)] = 0,
    device: Annotated[str, typer.Option(help="torch device for the networks and the splatting (cuda on a GPU)")] = (
        "cpu"),
    workers: Annotated[int, typer.Option(help="processes that build refiner batches ahead (0: in the loop)",
                                         min=0)] = 0,
    max_seconds: Annotated[float, typer.Option(help="time budget per stage in seconds; the learning-rate schedule "
                                               "ends with it (0: none)", min=0)] = 0.0,
) -> None:
    """Train the geometric world model (point-cloud memory + refiner): the depth net on the engine's depth, then the
    refiner on splats of the context at future poses. Writes the checkpoint as it goes and the card at the end."""
    from scenegen.training.world.train import write_card
    from scenegen.training.world.train_geometric import GeometricTrainConfig, train_geometric

    with user_errors():
        tc = GeometricTrainConfig(depth_steps=depth_steps, refine_steps=refine_steps, batch=batch, lr=lr,
                                  contrast_weight=contrast_weight, seed=seed, threads=threads, context=context,
                                  device=device, workers=workers, max_seconds=max_seconds)
        if init is not None and not init.exists():
            raise ValueError(f"no checkpoint at {init} to start from")
        training = train_geometric(data, out, tc, resume=resume, log=lambda m: console.print(m, highlight=False),
                                   init=init)
        training["command"] = (f"scenegen train world-geometric --data {data} --out {out} --depth-steps {depth_steps} "
                               f"--refine-steps {refine_steps} --batch {batch} --lr {lr} --contrast-weight "
                               f"{contrast_weight} --seed {seed} --threads {threads}"
                               + (f" --context {context}" if context else "") + (f" --init {init}" if init else "")
                               + (f" --device {device} --workers {workers}" if device != "cpu" or workers else "")
                               + (f" --max-seconds {max_seconds:g}" if max_seconds else ""))
        write_card(out.with_suffix(".json"), {"model": "scenegen geometric world model", "training": training})
    out_console.print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB) and {out.with_suffix('.json')}",
                      highlight=False)


@train_app.command("planner")
def planner(
    out: Annotated[Path, typer.Option("--out", "-o", help="adapter path (a .json card is written beside it)")] = (
        Path("scenegen/weights/planner_lora.safetensors")),
    llm_path: Annotated[Optional[Path], typer.Option("--llm-path", help="train on this transformers model folder "
                                                     "instead of the bundled Gemma")] = None,
    pairs: Annotated[int, typer.Option(help="generated (description, plan) pairs", min=1)] = 4000,
    steps: Annotated[int, typer.Option(help="optimizer steps", min=1)] = 500,
    batch: Annotated[int, typer.Option(help="pairs per step", min=1)] = 8,
    lr: Annotated[float, typer.Option(help="peak learning rate (warm-up, then cosine decay)")] = 4e-4,
    rank: Annotated[int, typer.Option(help="LoRA rank", min=1)] = 16,
    seed: Annotated[int, typer.Option(help="seeds the corpus, the adapter's init and the batches")] = 0,
    dtype: Annotated[str, typer.Option(help="base weights' dtype while training: bf16 (about 2x faster on CPU; the "
                                       "adapter itself trains in float32) or fp32")] = "bf16",
    save_every: Annotated[int, typer.Option(help="write the adapter every this many steps", min=1)] = 50,
) -> None:
    """Fine-tune a LoRA adapter for the planner LM on the generated corpus (eval prompts excluded) and write it with
    its card. Score it afterwards with 'scenegen eval plan --planner gemma'."""
    from scenegen.training.plan.train import PlannerTrainConfig, train_lora

    with user_errors():
        if llm_path is not None:
            from transformers import AutoModelForCausalLM, AutoTokenizer

            model, tok = AutoModelForCausalLM.from_pretrained(llm_path), AutoTokenizer.from_pretrained(llm_path)
        else:
            from scenegen.plan.llm import load_gemma_base

            model, tok = load_gemma_base(log=lambda m: console.print(m, highlight=False))
        if dtype not in ("bf16", "fp32"):
            raise ValueError(f"--dtype must be bf16 or fp32, got {dtype!r}")
        import torch

        model = model.to(torch.bfloat16 if dtype == "bf16" else torch.float32)
        cfg = PlannerTrainConfig(pairs=pairs, steps=steps, batch=batch, lr=lr, r=rank, alpha=2 * rank, seed=seed,
                                 save_every=save_every)
        card = train_lora(model, tok, out, cfg, log=lambda m: console.print(m, highlight=False))
    out_console.print(f"wrote {out} and {out.with_suffix('.json')}: final loss {card['final_loss']:.3f}",
                      highlight=False)
