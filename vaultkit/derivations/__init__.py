"""Built-in derivations: trusted SymPy steps that a note asks for by name.

Each derivation is a named sequence of steps, every step an identity that the
checking engine verifies like any claim from a note (no verdict is written
here). A note opts in with `derivations: [softmax-partition-function]` in its
frontmatter; nothing attaches by title or alias. This package is plain data and
imports nothing from `vaultkit.checking`.
"""

from __future__ import annotations

import unicodedata

from . import amplitude_normalization, sigmoid_two_class_softmax, softmax_partition_function, wick_rotation
from .base import Constraint, Derivation, Range, Step

__all__ = ["DERIVATIONS", "Constraint", "Derivation", "Range", "Step", "find"]

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
    """Case-insensitive, and the same for composed and decomposed characters."""
    return unicodedata.normalize("NFC", name).casefold().strip()


_BY_KEY = {_key(name): derivation for name, derivation in DERIVATIONS.items()}


def find(name: str) -> Derivation | None:
    """The derivation called `name` (`vaultkit derive NAME`, `derivations: [NAME]`), ignoring case, or None."""
    return DERIVATIONS.get(name) or _BY_KEY.get(_key(name))
