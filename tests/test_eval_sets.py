"""The eval commands' default sets resolve to files in the repository (the training-wing move once left
``scenegen eval design`` pointing at ``scenegen/prompts/``, and it failed without ``--prompts``)."""

from __future__ import annotations

import json

from scenegen.training.design import evaluate as design_eval
from scenegen.training.plan import evaluate as plan_eval


def _rows(path):
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def test_default_eval_sets_exist_and_hold_prompts():
    for path, least in ((design_eval.EVAL_SET, 60), (plan_eval.EVAL_SET, 50), (plan_eval.PUBLIC_SET, 100)):
        assert path.is_file(), path
        rows = _rows(path)
        assert len(rows) >= least, (path, len(rows))
        assert all(isinstance(r.get("prompt"), str) and r["prompt"].strip() for r in rows), path
