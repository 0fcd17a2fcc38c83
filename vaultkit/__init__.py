"""vaultkit: a vault of Markdown notes → a concept map with checked mathematics.

    import vaultkit
    vault = vaultkit.load("vault")
    graph = vault.graph()          # networkx.DiGraph
"""

from __future__ import annotations

from .load import VaultNotFound, load
from .model import Diagnostic, LinkRef, Note, ResolvedLink, Severity, Tag
from .vault import Vault

__all__ = ["Diagnostic", "LinkRef", "Note", "ResolvedLink", "Severity", "Tag", "Vault", "VaultNotFound", "load"]
__version__ = "0.1.0"
