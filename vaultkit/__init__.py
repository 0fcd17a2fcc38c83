"""vaultkit: a vault of Markdown notes → a concept map with checked mathematics.

    import vaultkit
    vault = vaultkit.load("vault")
    graph = vault.graph()                  # networkx.DiGraph
    verification = vaultkit.verify(vault)  # every claim checked
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from .load import VaultNotFound, load
from .model import Diagnostic, LinkRef, Note, ResolvedLink, Severity, Tag
from .vault import Vault

if TYPE_CHECKING:
    from .checking import Verification
    from .publish import Published

__all__ = ["Diagnostic", "LinkRef", "Note", "ResolvedLink", "Severity", "Tag", "Vault", "VaultNotFound", "load", "publish", "verify"]


def verify(vault: Vault, **options: Any) -> Verification:
    """Check every claim of `vault`; see `vaultkit.checking.verify` for the options.

    Imported on first use, so that reading a vault does not pay for loading SymPy.
    """
    from .checking import verify as run

    return run(vault, **options)


def publish(vault: Vault | str | os.PathLike[str], out: str | os.PathLike[str] = "site", **options: Any) -> Published:
    """Write the concept map of `vault` as `out/index.html`; see `vaultkit.publish.publish` for the options.

    Imported on first use, like `verify`.
    """
    from .publish import publish as run

    return run(vault, out, **options)
__version__ = "0.1.0"
