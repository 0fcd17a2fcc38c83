"""Checked mathematics: claims from notes and built-in derivations, and their verdicts."""
