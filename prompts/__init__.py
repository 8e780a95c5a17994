"""Prompt templates and evaluation prompt sets, shipped as package data."""
