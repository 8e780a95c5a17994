"""Which explicit prompts lose a count or a relation when the design stage furnishes the room.

Runs ``make`` (rules reader, seed 0) at minimal and at normal density on the explicit eval set and prints every
prompt whose count or relation accuracy is lower at normal, with the gold relations that fail there. It is the
per-prompt view behind ``scenegen eval design-explicit``.

    python scripts/design_explicit_diff.py [--limit N] [--seed S] [--density normal]
"""
from __future__ import annotations

import argparse

from scenegen.pipeline import make
from scenegen.training.design.evaluate import explicit_scores
from scenegen.training.plan.evaluate import EVAL_SET, load_eval_set


def _failing_relations(scene, row: dict) -> list[list[str]]:  # noqa: ANN001 -- a scenegen Scene
    """The gold relations of ``row`` that the scene does not meet, each scored alone."""
    return [rel for rel in row.get("relations", []) if explicit_scores(scene, {"relations": [rel]})[1] < 1.0]


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--limit", type=int, default=0)
    args.add_argument("--seed", type=int, default=0)
    args.add_argument("--density", default="normal")
    opts = args.parse_args()
    rows = load_eval_set(EVAL_SET)
    rows = rows[: opts.limit] if opts.limit else rows
    for row in rows:
        scores = {}
        for density in ("minimal", opts.density):
            try:
                scene = make(row["prompt"], seed=opts.seed, planner="rules", density=density).scene
            except ValueError as exc:
                scores[density] = (0.0, 0.0, [f"refused: {exc}"])
                continue
            c, r = explicit_scores(scene, row)
            scores[density] = (c, r, _failing_relations(scene, row))
        low, high = scores["minimal"], scores[opts.density]
        if high[0] < low[0] or high[1] < low[1]:
            print(f"{row['prompt'][:90]!r}: counts {low[0]:.2f}->{high[0]:.2f} relations {low[1]:.2f}->{high[1]:.2f}")
            print(f"    fail at {opts.density}: {high[2]}  (minimal: {low[2]})", flush=True)


if __name__ == "__main__":
    main()
