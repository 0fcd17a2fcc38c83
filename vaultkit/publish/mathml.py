"""LaTeX → MathML for the note panels, re-serialised through an allow-list.

latex2mathml passes some input through unescaped (`\\text{<img …>}` comes out as
a raw tag, `\\href` as an attribute), so its output is never trusted: it is
parsed as XML, every element and attribute is checked against MathML's
presentation vocabulary, and the tree is written out again with everything
escaped. A formula that fails any of this is shown as its TeX in `<code>`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import lru_cache

from markdown_it.common.utils import escapeHtml

_NS = "{http://www.w3.org/1998/Math/MathML}"
_ELEMENTS = frozenset(
    "math mrow mi mn mo mtext mspace ms mfrac msqrt mroot mstyle merror mpadded mphantom mfenced menclose "
    "msub msup msubsup munder mover munderover mmultiscripts mprescripts none mtable mtr mtd mlabeledtr "
    "semantics annotation".split()
)
_ATTRIBUTES = frozenset(
    "display mathvariant stretchy fence separator lspace rspace accent accentunder columnalign rowalign "
    "rowspacing columnspacing columnlines rowlines frame framespacing movablelimits largeop symmetric "
    "minsize maxsize width height depth linethickness scriptlevel displaystyle form notation align open "
    "close separators mathsize voffset bevelled numalign denomalign columnspan rowspan equalrows "
    "equalcolumns side minlabelspacing".split()
)


def tex_to_html(tex: str, display: bool) -> str:
    """Safe MathML for `tex`, or `<code class="tex">` with the TeX when it cannot be converted."""
    converted = _mathml(tex, display)
    if converted is not None:
        return converted
    css = "tex display" if display else "tex"
    return f'<code class="{css}">{escapeHtml(tex)}</code>'


_COMMAND = re.compile(r"\\([A-Za-z]+)")


@lru_cache(maxsize=1)
def _known_commands() -> frozenset[str]:
    import latex2mathml.commands as commands

    known: set[str] = set()
    for value in vars(commands).values():
        items = [value] if isinstance(value, str) else value if isinstance(value, (tuple, list, set, frozenset, dict)) else ()
        known.update(item for item in items if isinstance(item, str) and item.startswith("\\"))
    return frozenset(known)


def _understood(tex: str) -> bool:
    """Every command in `tex` is one latex2mathml converts (it drops some, such as `\\mathcolor`, silently)."""
    from latex2mathml.symbols_parser import convert_symbol

    known = _known_commands()
    return all(f"\\{name}" in known or convert_symbol(f"\\{name}") is not None for name in _COMMAND.findall(tex))


@lru_cache(maxsize=4096)
def _mathml(tex: str, display: bool) -> str | None:
    from latex2mathml.converter import convert

    if not _understood(tex):
        return None
    try:
        raw = convert(tex, display="block" if display else "inline")
        root = ET.fromstring(raw)
    except Exception:  # noqa: BLE001 — latex2mathml raises many kinds of error on bad TeX
        return None
    out: list[str] = []
    return "".join(out) if _write(root, out) else None


def _write(element: ET.Element, out: list[str]) -> bool:
    """Append `element` to `out`; False if anything in it is not plain MathML."""
    if not element.tag.startswith(_NS):
        return False
    name = element.tag[len(_NS) :]
    if name not in _ELEMENTS:
        return False
    attributes = []
    for key, value in element.attrib.items():
        if key not in _ATTRIBUTES:
            return False
        attributes.append(f' {key}="{escapeHtml(value)}"')
    text = element.text or ""
    if name == "mi" and text.startswith("\\"):
        return False  # a command latex2mathml does not know, echoed back
    out.append(f"<{name}{''.join(attributes)}>{escapeHtml(text)}")
    for child in element:
        if not _write(child, out):
            return False
        out.append(escapeHtml(child.tail or ""))
    out.append(f"</{name}>")
    return True
