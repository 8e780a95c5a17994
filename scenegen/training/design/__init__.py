"""Evaluation and benchmarks of the design stage (reached only from the CLI and tests)."""
