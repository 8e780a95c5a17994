"""``scenegen plan PROMPT``: print the layout plan a planner reads out of a prompt (a rich tree, or JSON)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from cli.common import out_console, user_errors

PlannerOpt = Annotated[str, typer.Option(help="planner backend: rules, hybrid, gemma, openai or hf [default: "
                                                "$SCENEGEN_PLANNER, else rules]")]
UrlOpt = Annotated[Optional[str], typer.Option("--llm-url", help="OpenAI-compatible API base, e.g. "
                                               "http://127.0.0.1:8000/v1 (key from $SCENEGEN_LLM_KEY or $OPENAI_API_KEY)")]
ModelOpt = Annotated[Optional[str], typer.Option("--llm-model", help="the served model's name (openai)")]
PathOpt = Annotated[Optional[str], typer.Option("--llm-path", help="local transformers causal-LM folder (hf)")]
BaseOpt = Annotated[bool, typer.Option("--allow-base", help="let gemma run without its fine-tuned adapter")]
TimeoutOpt = Annotated[Optional[float], typer.Option(
    "--llm-timeout", min=0.1, help="openai: seconds for the whole plan, every try and retry included")]


def register(app: typer.Typer) -> None:
    app.command("plan")(plan_cmd)


def plan_cmd(
    prompt: Annotated[str, typer.Argument(help="a description of the room")],
    planner: PlannerOpt = "",
    seed: Annotated[int, typer.Option(help="random seed")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="print the plan as JSON")] = False,
    llm_url: UrlOpt = None, llm_model: ModelOpt = None, llm_path: PathOpt = None, allow_base: BaseOpt = False,
    llm_timeout: TimeoutOpt = None,
) -> None:
    """Read PROMPT into a layout plan and print it."""
    from cli.env import llm_options, planner_name
    from scenegen.plan import plan

    with user_errors():
        p = plan(prompt, planner=planner_name(planner), seed=seed,
                 options=llm_options(llm_url, llm_model, llm_path, allow_base, timeout=llm_timeout))
    if as_json:
        import sys

        sys.stdout.write(p.model_dump_json(indent=2) + "\n")
        return
    from rich.markup import escape
    from rich.tree import Tree

    (x0, y0), (x1, y1) = p.room.bounds
    tree = Tree(f"[bold]{escape(p.room.type)}[/] {x1 - x0:.1f} × {y1 - y0:.1f} m  [dim](planner: "
                f"{escape(p.planner)})[/]")
    for part, finish in (("walls", p.room.walls), ("floor", p.room.floor)):
        if finish is not None:
            tree.add(f"{part}: " + escape(", ".join(w for w in (finish.colour, finish.material) if w)))
    objs = tree.add(f"objects ({len(p.objects)})")
    for o in p.objects:
        attrs = ", ".join(f"{k}={v}" for k, v in o.attributes.model_dump().items() if v)
        objs.add(f"{o.id}  {escape(o.description)}" + (f"  [dim]{escape(attrs)}[/]" if attrs else "")
                 + (f"  [yellow]open vocabulary: {o.proposal.shape} {'×'.join(f'{x:.2f}' for x in o.proposal.size)}"
                    f" m on the {o.proposal.support}[/]" if o.proposal is not None else
                    "  [yellow]generic[/]" if o.generic else ""))
    rels = tree.add(f"relations ({len(p.relations)})")
    for r in p.relations:
        rels.add(f"{r.subject} [cyan]{r.kind}[/] {r.target or ''}")
    if p.notes:
        notes = tree.add("notes")
        for n in p.notes:
            notes.add(escape(n))
    out_console.print(tree)
