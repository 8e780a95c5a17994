"""Does the fine-tuned model pay for itself? The hybrid planner against the rules reader alone, per field and per set.

Usage: ``PYTHONPATH=. python scripts/hybrid_vs_rules.py [--sets public,holdout,project] [--cache DIR] [--json OUT]``.

The model's part of hybrid (the Gemma planner's plan of each prompt) does not depend on the rules reader, and it costs
seconds to tens of seconds per prompt on a CPU, so it is decoded once and cached as JSONL under ``--cache`` (default
``outputs/planner/model_plans``; one file per set, resumable: an interrupted run picks up where it stopped). Hybrid is
then today's ``scenegen.plan.llm.hybrid`` over the cached model plans, so re-scoring after a change to the rules reader
takes seconds. Scores are ``scenegen eval plan``'s (``eval_planner``); the table shows each field for rules, hybrid and
hybrid minus rules in points.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from scenegen.plan import PlanError, get_planner
from scenegen.plan.llm import hybrid
from scenegen.plan.rules import plan_rules
from scenegen.scene import LayoutPlan
from scenegen.training.plan.evaluate import EVAL_SET, HOLDOUT_SET, PUBLIC_SET, PlanEval, eval_planner, load_eval_set

SETS = {"project": EVAL_SET, "public": PUBLIC_SET, "holdout": HOLDOUT_SET}


def cache_model_plans(items: list[dict], path: Path) -> dict[str, dict]:
    """id -> {"plan": plan JSON} or {"error": message}: the Gemma planner's plan of each item's prompt, decoded only
    for items not yet in ``path`` (appended as they finish)."""
    from cli.env import llm_options

    done = {}
    if path.exists():
        done = {r["id"]: r for r in map(json.loads, path.read_text().splitlines()) if r.get("id")}
    todo = [it for it in items if it["id"] not in done]
    if todo:
        model = get_planner("gemma", llm_options())
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a") as f:
            for k, it in enumerate(todo, 1):
                try:
                    rec = {"id": it["id"], "plan": model(it["prompt"], 0).model_dump(mode="json")}
                except PlanError as exc:
                    rec = {"id": it["id"], "error": str(exc)}
                f.write(json.dumps(rec) + "\n")
                f.flush()
                done[it["id"]] = rec
                print(f"  decoded {k}/{len(todo)} {it['id']}", file=sys.stderr, flush=True)
    return done


def cached_hybrid(items: list[dict], cache: dict[str, dict]):  # noqa: ANN201 -- a Planner
    """The hybrid planner with its model replaced by the cached plans of ``items``."""
    by_prompt = {it["prompt"]: cache[it["id"]] for it in items if it["id"] in cache}

    def model(prompt: str, seed: int = 0) -> LayoutPlan:
        rec = by_prompt[prompt]
        if "error" in rec:
            raise PlanError(rec["error"])
        plan = LayoutPlan.model_validate(rec["plan"])
        if plan.planner.startswith("rules"):  # the model failed and handed over to the reader: today's reader
            return plan_rules(prompt).model_copy(update={"planner": plan.planner})
        return plan

    return lambda prompt, seed=0: hybrid(prompt, model, "gemma", seed)


def summary(ev: PlanEval) -> dict[str, float | None]:
    """Field -> score (0..1) of one evaluation, flattened: counts, parse rate, each field's precision and recall."""
    out: dict[str, float | None] = {"object-count accuracy": ev.count_accuracy, "parse rate": ev.parse_rate}
    for name, p, r in ev.rows():
        out[f"{name} P"], out[f"{name} R"] = p, r
    out["impossible relations"] = float(len(ev.impossible))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default="public,holdout", help="comma-separated: project, public, holdout")
    ap.add_argument("--cache", type=Path, default=Path("outputs/planner/model_plans"))
    ap.add_argument("--json", type=Path, default=None, help="also write the scores here")
    args = ap.parse_args()
    result = {}
    for name in [s.strip() for s in args.sets.split(",") if s.strip()]:
        items = load_eval_set(SETS[name])
        cache = cache_model_plans(items, args.cache / f"{name}.jsonl")
        rules = summary(eval_planner(lambda p, s=0: plan_rules(p), "rules", items))
        hyb = summary(eval_planner(cached_hybrid(items, cache), "hybrid", items))
        result[name] = {"rules": rules, "hybrid": hyb}
        print(f"\n{name} set ({len(items)} prompts)\n{'field':38s} {'rules':>7s} {'hybrid':>7s} {'diff':>6s}")
        for field, r in rules.items():
            h = hyb[field]
            scale = 1.0 if field == "impossible relations" else 100.0
            fmt = (lambda v: "   -" if v is None else f"{scale * v:7.1f}")  # noqa: E731
            diff = "" if r is None or h is None else f"{scale * (h - r):+6.1f}"
            print(f"{field:38s} {fmt(r)} {fmt(h)} {diff}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
