"""Checked mathematics: claims from notes and built-in derivations, and their verdicts.

    from vaultkit.checking import verify
    verification = verify(vault)
"""

from __future__ import annotations

from .claims import Claim, Result, Verdict
from .run import Verification, derive, verify

__all__ = ["Claim", "Result", "Verdict", "Verification", "derive", "verify"]
