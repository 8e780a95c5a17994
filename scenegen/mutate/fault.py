"""What a planted fault is: the fault kinds, the validators expected to catch each, and ``PlantedFault``, the record
``mutate`` returns (with the test of whether a report caught it)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from scenegen.scene import Report

FaultKind = Literal["float", "sink", "overlap", "through_wall", "block_door", "wall_off_corner", "drop",
                    "swap_relation", "recolour"]

EXPECTED: dict[str, tuple[str, ...]] = {
    "float": ("support", "stability"),
    "sink": ("support", "stability"),
    "overlap": ("collision",),
    "through_wall": ("out_of_bounds",),
    "block_door": ("opening_clearance",),
    "wall_off_corner": ("navigability",),
    "drop": ("counts",),
    "swap_relation": ("relations",),
    "recolour": ("attributes",),
}
"""Fault kind -> the validators expected to catch it."""

FAULT_KINDS: tuple[str, ...] = tuple(EXPECTED)

SCENE_LEVEL: frozenset[str] = frozenset({"navigability"})
"""Validators that judge the whole floor rather than objects: any ``fail`` from them counts as catching a fault."""


class PlantedFault(BaseModel):
    """What ``mutate`` did: the fault kind, the objects it was planted on, the validators expected to catch it, and
    the numbers it used (metres, radians, RGB in [0, 1])."""

    model_config = ConfigDict(extra="forbid")

    kind: FaultKind
    object_ids: list[str] = Field(description="the objects the fault is about; a catching finding names one of them")
    validators: list[str] = Field(description="validators expected to catch it")
    params: dict[str, Any] = Field(default_factory=dict)
    moved: list[str] = Field(default_factory=list, description="every object changed, carried ones included")
    match: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="validator -> evidence items a catching finding must also hold (the "
                                          "broken relation's kind and subject, the dropped object's category)")
    description: str = ""

    def caught_by(self, report: Report, validator: str) -> bool:
        """Whether ``validator`` caught this fault in ``report``: a ``fail`` finding naming one of ``object_ids``
        (and holding ``match[validator]`` in its evidence), or for whole-floor validators (``SCENE_LEVEL``) any
        ``fail``."""
        fails = [f for f in report.findings if f.validator == validator and f.status == "fail"]
        if validator in SCENE_LEVEL:
            return bool(fails)
        ids, want = set(self.object_ids), self.match.get(validator, {}).items()
        return any(ids & set(f.object_ids) and all(f.evidence.get(k) == v for k, v in want) for f in fails)


def cannot_plant(kind: str, why: str) -> ValueError:
    """The one-line error for a scene with no target for which fault ``kind`` would be real."""
    return ValueError(f"cannot plant {kind!r}: {why}")
