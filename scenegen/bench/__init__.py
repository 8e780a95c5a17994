"""Benchmarks behind `scenegen bench`: each measures scenegen against a baseline run in the same process."""
