"""List, per prompt, the relations the rules reader missed and the ones it added, gold against plan.

Usage: ``PYTHONPATH=. python scripts/plan_relation_diff.py [--set PATH] [--half even|odd|all] [--planner rules]
[--summary]``. ``--half even`` keeps lines 2, 4, ... (1-based line numbers, so the set's second prompt first) and
``odd`` lines 1, 3, ...: look at failures in one half only and keep the other as a held-out check. The summary gives
relation precision and recall per half, scored as ``scenegen eval plan`` scores them.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from scenegen.plan import get_planner
from scenegen.plan.physics import make_plausible
from scenegen.scene import ARCHITECTURE_RELATIONS
from scenegen.training.plan.evaluate import PUBLIC_SET, _as_annotated, eval_planner, load_eval_set, plan_facts


def half(items: list[dict], which: str) -> list[dict]:
    """The items on even (2, 4, ...) or odd (1, 3, ...) 1-based lines, or all."""
    if which == "all":
        return items
    parity = 0 if which == "even" else 1
    return [it for i, it in enumerate(items) if (i + 1) % 2 == parity]


def diff(items: list[dict], planner: str) -> Counter:
    """Print each prompt's missed and spurious relations; return a tally of (missed|spurious, kind)."""
    fn = get_planner(planner)
    tally: Counter = Counter()
    for item in items:
        plan = make_plausible(fn(item["prompt"], 0))
        counts, _attrs, rels = _as_annotated(item, *plan_facts(plan))
        gold = {tuple(r) for r in item.get("relations", [])}
        missed, spurious = sorted(gold - rels), sorted(rels - gold)
        bad_counts = {k: (v, counts.get(k, 0)) for k, v in item["counts"].items()
                      if not ((v if isinstance(v, int) else v[0]) <= counts.get(k, 0)
                              <= (v if isinstance(v, int) else v[1]))}
        if not (missed or spurious or bad_counts):
            continue
        print(f"\n{item['id']}: {item['prompt']}")
        for r in missed:
            print(f"   - missed   {r}")
            tally["missed", r[1]] += 1
        for r in spurious:
            print(f"   + spurious {r}")
            tally["spurious", r[1]] += 1
        for k, (want, have) in bad_counts.items():
            print(f"   # count    {k}: gold {want}, planned {have}")
    return tally


def summary(items: list[dict], planner: str, label: str) -> None:
    """Relation precision/recall (all, object-object, object-architecture) and count accuracy on ``items``."""
    ev = eval_planner(get_planner(planner), planner, items)
    rows = {name: (p, r) for name, p, r in ev.rows()}
    fmt = lambda v: "  -  " if v is None else f"{100 * v:5.1f}"  # noqa: E731
    print(f"{label:5s} n={len(items):3d} counts {fmt(ev.count_accuracy)}  relations P/R "
          f"{fmt(rows['relations: all'][0])}/{fmt(rows['relations: all'][1])}  obj-obj "
          f"{fmt(rows['relations: object-object'][0])}/{fmt(rows['relations: object-object'][1])}  obj-arch "
          f"{fmt(rows['relations: object-architecture'][0])}/{fmt(rows['relations: object-architecture'][1])}"
          f"  impossible {len(ev.impossible)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", type=Path, default=PUBLIC_SET)
    ap.add_argument("--half", choices=("even", "odd", "all"), default="even")
    ap.add_argument("--planner", default="rules")
    ap.add_argument("--summary", action="store_true", help="only the per-half figures")
    args = ap.parse_args()
    items = load_eval_set(args.set)
    if args.summary:
        for which in ("even", "odd", "all"):
            summary(half(items, which), args.planner, which)
        return
    tally = diff(half(items, args.half), args.planner)
    print("\nby kind:")
    for (what, kind), n in sorted(tally.items(), key=lambda kv: -kv[1]):
        print(f"  {what:8s} {kind:20s} {n}")


if __name__ == "__main__":
    main()
