"""``scenegen train planner``: a LoRA adapter for the planner's causal LM on the generated corpus.

The loss is next-token cross-entropy on the target JSON only (the ``completion_prompt`` part is masked), LoRA (peft)
on the attention projections, AdamW. Writes ``planner_lora.safetensors`` (the adapter's tensors only; the base
weights keep coming from their package) and a JSON card beside it (rank, alpha, targets, corpus size, seed, loss).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

TARGET_MODULES = ("q_proj", "k_proj", "v_proj", "o_proj")


@dataclass
class PlannerTrainConfig:
    pairs: int = 4000
    steps: int = 600
    batch: int = 8
    lr: float = 2e-4
    r: int = 16
    alpha: int = 32
    seed: int = 0
    max_len: int = 384


def train_lora(model, tokenizer, out: Path, cfg: PlannerTrainConfig,  # type: ignore[no-untyped-def]
               log: Callable[[str], None] = lambda m: None) -> dict:
    """Fine-tune a LoRA adapter on ``model`` (modified in place) and write it with its card. Returns the card."""
    import torch
    from peft import LoraConfig, get_peft_model, get_peft_model_state_dict
    from safetensors.torch import save_file

    from scenegen.plan.corpus import generate
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
    g = torch.Generator().manual_seed(cfg.seed)
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
    model.train()
    loss_val = float("nan")
    for step in range(cfg.steps):
        idx = torch.randint(len(examples), (cfg.batch,), generator=g).tolist()
        batch = [examples[i] for i in idx]
        n = max(len(ids) for ids, _ in batch)
        input_ids = torch.tensor([ids + [pad] * (n - len(ids)) for ids, _ in batch])
        labels = torch.tensor([lab[: len(ids)] + [-100] * (n - len(ids)) for ids, lab in batch])
        mask = torch.tensor([[1] * len(ids) + [0] * (n - len(ids)) for ids, _ in batch])
        loss = model(input_ids=input_ids, attention_mask=mask, labels=labels).loss
        loss.backward()
        opt.step()
        opt.zero_grad()
        loss_val = float(loss.detach())
        if step % 20 == 0 or step == cfg.steps - 1:
            log(f"step {step + 1}/{cfg.steps}: loss {loss_val:.3f}")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().to(torch.float32).contiguous() for k, v in get_peft_model_state_dict(model).items()}
    tmp = out.with_suffix(".tmp")
    save_file(state, str(tmp))
    tmp.replace(out)
    card = {"kind": "planner LoRA adapter", "r": cfg.r, "alpha": cfg.alpha, "target_modules": targets,
            "config": asdict(cfg), "final_loss": loss_val, "corpus": "scenegen.plan.corpus (eval prompts excluded)"}
    from scenegen.scene import write_atomic

    write_atomic(out.with_suffix(".json"), json.dumps(card, indent=2) + "\n")
    return card
