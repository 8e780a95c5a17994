"""What the design stage did to a scene, for the reports: the density, the room program, and the placed objects the
prompt asked for apart from those the design stage added (``scenegen.design.is_added``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scenegen.design import is_added
from scenegen.scene import Scene

_NOTE = re.compile(r"^design \((minimal|normal|full)\): (.+?) program")


@dataclass(frozen=True)
class DesignSummary:
    """``density`` is ``minimal`` when the design stage did not run; counts are placed objects per category."""

    density: str
    program: str | None
    asked: dict[str, int] = field(default_factory=dict)
    added: dict[str, int] = field(default_factory=dict)

    @property
    def n_asked(self) -> int:
        return sum(self.asked.values())

    @property
    def n_added(self) -> int:
        return sum(self.added.values())

    def line(self) -> str:
        """One line for the terminal: ``design (normal, bedroom program): 3 asked, 14 added (2 table_lamp, ...)``."""
        if self.density == "minimal":
            return f"design (minimal): only what the prompt lists ({self.n_asked} objects)"
        added = ", ".join(f"{n} {c}" for c, n in sorted(self.added.items(), key=lambda kv: (-kv[1], kv[0])))
        return (f"design ({self.density}, {self.program} program): {self.n_asked} objects asked for, "
                f"{self.n_added} added" + (f" ({added})" if added else ""))


def design_summary(scene: Scene) -> DesignSummary:
    """The scene's design summary, read from its plan (the design stage's note and the marks on added objects)."""
    density, program = "minimal", None
    for note in scene.plan.notes:
        m = _NOTE.match(note)
        if m:
            density, program = m.group(1), m.group(2)
    added_ids = {o.id for o in scene.plan.objects if is_added(o)}
    asked: dict[str, int] = {}
    added: dict[str, int] = {}
    for o in scene.objects:
        bucket = added if o.id in added_ids else asked
        bucket[o.category] = bucket.get(o.category, 0) + 1
    return DesignSummary(density=density, program=program, asked=asked, added=added)
