"""Built-in derivations: trusted SymPy steps attached to concept notes by name.

Each derivation is a named sequence of steps, every step an identity that the
checking engine verifies like any claim from a note (no verdict is written
here). A derivation attaches to every note whose title or alias matches one of
its `attaches_to` names, ignoring case.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from . import amplitude_normalization, sigmoid_two_class_softmax, softmax_partition_function, wick_rotation
from .base import Derivation, Step

__all__ = ["DERIVATIONS", "Derivation", "Step", "attached_to", "find"]

DERIVATIONS: dict[str, Derivation] = {
    d.name: d
    for d in (
        amplitude_normalization.DERIVATION,
        softmax_partition_function.DERIVATION,
        sigmoid_two_class_softmax.DERIVATION,
        wick_rotation.DERIVATION,
    )
}


def _key(name: str) -> str:
    """Case-insensitive, and the same for composed and decomposed accents (file names on macOS are NFD)."""
    return unicodedata.normalize("NFC", name).casefold().strip()


def find(name: str) -> Derivation | None:
    """The derivation called `name` (`vaultkit derive NAME`), or None."""
    return DERIVATIONS.get(name) or DERIVATIONS.get(_key(name))


def attached_to(names: Iterable[str]) -> list[Derivation]:
    """The derivations attached to a note with these names (its title and aliases), in registry order."""
    wanted = {_key(n) for n in names if isinstance(n, str)}
    return [d for d in DERIVATIONS.values() if any(_key(a) in wanted for a in d.attaches_to)]
