"""What the design stage reads from the prompt beyond the plan: the room program, style palette, themes and personas,
negated and vaguely counted categories, "only", and whether the prompt fixed the room's size.

The plan stays the authority on objects: this module only decides what a designer may *add*.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from scenegen import catalog
from scenegen.design.loader import Palette, Program, Theme, programs, styles
from scenegen.plan import brief as plan_brief
from scenegen.scene import LayoutPlan

NEGATIONS = ("no", "without", "not", "never", "nor", "except")
VAGUE = ("lots of", "a lot of", "lot of", "many", "plenty of", "full of", "loads of", "tons of", "piles of",
         "stacks of", "heaps of", "a bunch of", "a collection of")
"""Quantifiers that leave a category open: the designer may add more of it (a professor's "lots of books"). "a few",
"some" and "several" are not among them: the planner reads each as a documented number, which the prompt then
states like any other count."""
SIZE_GIVEN = re.compile(r"\d+(?:\.\d+)?\s*(?:m2|m²|sqm|sq|square|m\b|meters?|metres?|ft|feet|foot|')", re.I)
SHRINK_WORDS = {"tiny": 0.6, "small": 0.75, "little": 0.75, "compact": 0.75, "cozy": 0.9, "cosy": 0.9,
                "cramped": 0.65, "snug": 0.8, "large": 1.3, "big": 1.3, "spacious": 1.4, "huge": 1.6, "roomy": 1.3,
                "grand": 1.5, "vast": 1.7, "generous": 1.25}
"""Size words before the room noun -> factor on the program's floor area."""


@dataclass
class Brief:
    """The design stage's reading of a prompt. Categories are catalog names."""

    program: Program
    palette: Palette
    themes: list[Theme] = field(default_factory=list)
    negated: set[str] = field(default_factory=set)
    open_counts: set[str] = field(default_factory=set)
    only: bool = False
    size_given: bool = False
    size_factor: float = 1.0


def fold(text: str) -> str:
    """Lower-case ASCII words of ``text`` separated by single spaces (accents, apostrophes and punctuation dropped)."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = text.replace("'", "").replace("\u2019", "")
    return " ".join(re.findall(r"[a-z0-9]+", text))


def _has(text: str, phrase: str) -> int:
    """Position of ``phrase`` as whole words in folded ``text``, or -1."""
    m = re.search(rf"(?<![a-z0-9]){re.escape(fold(phrase))}(?![a-z0-9])", text)
    return m.start() if m else -1


def choose_program(prompt: str, plan_type: str) -> Program:
    """The program whose longest alias appears in the prompt; else one listing the planner's room type; else
    ``room``."""
    text = fold(prompt)
    best: tuple[int, Program] | None = None
    for prog in programs().values():
        for alias in prog.aliases:
            if _has(text, alias) >= 0 and (best is None or len(fold(alias)) > best[0]):
                best = (len(fold(alias)), prog)
    if best is not None:
        return best[1]
    for prog in programs().values():
        if plan_type in prog.planner_types:
            return prog
    return programs()["room"]


def choose_palette(text: str, default: str, themes: list[Theme]) -> Palette:
    """The palette a style word names (the earliest in the prompt), else a theme's, else the program's default."""
    palettes, _ = styles()
    hits = sorted((pos, p.name) for p in palettes.values() for w in p.words if (pos := _has(text, w)) >= 0)
    if hits:
        return palettes[hits[0][1]]
    for t in themes:
        if t.palette:
            return palettes[t.palette]
    key = default.replace("-", "_")
    return palettes.get(key) or next(p for p in palettes.values() if default in p.words)


def _negated(text: str) -> set[str]:
    """Catalog categories the prompt rules out: "no tv", "without a rug", "not any plants"."""
    out: set[str] = set()
    words = text.split()
    for i, w in enumerate(words):
        if w not in NEGATIONS:
            continue
        for j in range(i + 1, min(i + 8, len(words))):
            if words[j] in ("and", "but", "with", "or", "in", "on", "by") and j > i + 1 and words[j] != "or":
                break
            for n in (3, 2, 1):
                cat = catalog.resolve(" ".join(words[j:j + n]))
                if cat is not None:
                    out.add(cat.name)
                    break
    return out


def _open_counts(text: str) -> set[str]:
    out: set[str] = set()
    for q in VAGUE:
        for m in re.finditer(rf"(?<![a-z]){re.escape(q)} ((?:[a-z]+ ){{0,2}}[a-z]+)", text):
            words = m.group(1).split()
            for k in range(len(words)):
                cat = catalog.resolve(" ".join(words[k:]))
                if cat is not None:
                    out.add(cat.name)
                    break
    return out


def _size_factor(text: str, program: Program) -> float:
    """Product of the size words just before the room's alias ("a small cozy bedroom" -> 0.75 × 0.85)."""
    pos = min((p for a in program.aliases if (p := _has(text, a)) >= 0), default=-1)
    before = text[:pos].split()[-3:] if pos >= 0 else text.split()[:4]
    factor = 1.0
    for w in before:
        factor *= SHRINK_WORDS.get(w, 1.0)
    return factor


def read_brief(plan: LayoutPlan) -> Brief:
    """Read the prompt of ``plan`` for the design stage. The planner's brief wins where it has one (``plan.program``,
    ``plan.excluded``, ``plan.only``); the prompt's own words fill in, and ``negated: ...`` notes add exclusions."""
    text = fold(plan.prompt)
    known = programs()
    program = known[plan.program] if plan.program in known else choose_program(plan.prompt, plan.room.type)
    _, all_themes = styles()
    themes = [t for t in all_themes.values() if any(_has(text, w) >= 0 for w in t.words)]
    negated = _negated(text) | set(plan.excluded)
    for note in plan.notes:
        if note.startswith("negated:"):
            negated |= {c.strip() for c in note.split(":", 1)[1].split(",") if c.strip()}
    return Brief(program=program, palette=choose_palette(text, program.style, themes), themes=themes,
                 negated=negated, open_counts=_open_counts(text), only=plan.only or plan_brief.read_brief(plan.prompt).only,
                 size_given=bool(SIZE_GIVEN.search(plan.prompt)), size_factor=_size_factor(text, program))
