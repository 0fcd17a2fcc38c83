"""Built-in derivations as units of work: attach them to notes, fingerprint and check them."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import sympy

from .. import derivations
from .claims import Result
from .engine import check
from .work import ENGINE_VERSION


def attached_to(names: Iterable[str]) -> list:
    """The derivations whose concepts match any of a note's title and aliases (case-insensitive)."""
    return derivations.attached_to(names)


def fingerprint(name: str, budget: float) -> str:
    """A cache key that changes when any step of the derivation or the engine changes."""
    digest = hashlib.sha256(f"{ENGINE_VERSION}:{budget}:{name}".encode())
    derivation = derivations.find(name)
    for claim in derivation.claims() if derivation is not None else ():
        parts = (claim.id, claim.text, sympy.srepr(claim.lhs), sympy.srepr(claim.rhs), repr(claim.ranges), repr(claim.givens))
        digest.update("\x00".join(parts).encode())
    return digest.hexdigest()


def check_derivation(name: str, budget: float) -> list[Result]:
    """Every step of the derivation through the engine; no verdict is written by hand."""
    derivation = derivations.find(name)
    if derivation is None:
        return []
    return [check(claim, budget=budget) for claim in derivation.claims()]
