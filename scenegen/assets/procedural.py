"""Procedural parametric generators (placeholder until the generators land)."""
