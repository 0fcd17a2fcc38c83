"""vaultkit: a vault of Markdown notes → a concept map with checked mathematics.

    import vaultkit
    vault = vaultkit.load("vault")
    graph = vault.graph()                  # networkx.DiGraph
    verification = vaultkit.verify(vault)  # every claim checked
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .load import VaultNotFound, load
from .model import Diagnostic, LinkRef, Note, ResolvedLink, Severity, Tag
from .vault import Vault

if TYPE_CHECKING:
    from .checking import Verification

__all__ = ["Diagnostic", "LinkRef", "Note", "ResolvedLink", "Severity", "Tag", "Vault", "VaultNotFound", "load", "verify"]


def verify(vault: Vault, **options: Any) -> Verification:
    """Check every claim of `vault`; see `vaultkit.checking.verify` for the options.

    Imported on first use, so that reading a vault does not pay for loading SymPy.
    """
    from .checking import verify as run

    return run(vault, **options)
__version__ = "0.1.0"
