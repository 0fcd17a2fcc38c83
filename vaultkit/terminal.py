"""Text from a vault made safe to print on a terminal.

A vault is untrusted input: a file name, alias, tag, property, link target or
claim can hold escape sequences that retitle the terminal window, move the
cursor or erase lines already printed ("fake: all good"), and bidi controls
that reorder what is shown. `escape` writes every such character visibly, as
`\\x1b` or `\\u202e`, so that a person sees what is there; everything else,
tab included, is left as it is. It never escapes a backslash, so escaping twice
changes nothing. JSON output is not for it: `json_safe` keeps strings exact.
"""

from __future__ import annotations

import re

# C0 controls but tab, DEL, C1 controls, the line and paragraph separators (a line break to `splitlines`),
# and the bidi marks, embeddings, overrides and isolates.
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u200e\u200f\u2028-\u202e\u2066-\u2069]")
# What `json.dumps(..., ensure_ascii=False)` leaves raw inside strings (it escapes C0 itself; its
# only raw newlines are its own indentation, outside strings).
_JSON_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape(text: object) -> str:
    """`text` (made a string) with its control and bidi characters written as visible escapes, newlines too."""
    return _UNSAFE.sub(_visible, str(text))


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_safe(document: str) -> str:
    """JSON text (from `json.dumps`) with DEL, C1 and bidi characters as `\\uXXXX` escapes.

    Such characters only ever occur inside JSON strings, where `\\uXXXX` means the
    same character: the parsed value is exactly the same, only the bytes are safe.
    """
    return _JSON_UNSAFE.sub(_json_escape, document)
