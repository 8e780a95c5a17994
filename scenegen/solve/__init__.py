"""Placement solvers: a LayoutPlan plus object sizes -> placed ObjectInstances (and what could not be placed, why)."""

from scenegen.solve.solver import RepairHints, SolveResult, solve

__all__ = ["RepairHints", "SolveResult", "solve"]
