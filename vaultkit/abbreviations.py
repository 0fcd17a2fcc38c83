"""Abbreviations a note defines in its prose: "the standard error (SE)", "RSS (residual sum of squares)".

In a formula, TeX sets `SE` as S times E; a note that spells the abbreviation out in its text says it is one
name, and the free reading of its equations (`checking.latex_usage.Usage.abbreviations`) reads it as one.
Only an abbreviation whose letters are the initials of the words beside it counts: "True positives (TP)",
"maximum-a-posteriori (MAP)", "Sum of Squared Errors (SSE)", not "pressure (P) and volume (V)" nor "(AB)".
Linear in the text: each parenthesis is looked at once, with a bounded window of words before it.
"""

from __future__ import annotations

import re

from collections.abc import Iterable

_LONG_FIRST = re.compile(r"\(\s*([A-Z]{2,6})\s*\)")  # … words (ABC)
_SHORT_FIRST = re.compile(r"(?<![A-Za-z])([A-Z]{2,6})\s*\(([^()]{3,120})\)")  # ABC (words …)
_WORD_BREAK = re.compile(r"[\s\-–—/]+")
_WINDOW = 120  # characters before `(ABC)` that may hold its words
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "to", "in", "on", "with", "by", "at", "as", "or", "an", "a"})


def defined_abbreviations(text: str) -> frozenset[str]:
    """The abbreviations `text` spells out, in either order.

    >>> sorted(defined_abbreviations("The Sum of Squared Errors (SSE) and SE (standard error)."))
    ['SE', 'SSE']
    >>> defined_abbreviations("pressure (P) times volume (PV?) and (AB)")
    frozenset()
    """
    found = set()
    for match in _LONG_FIRST.finditer(text):
        words = _words(text[max(0, match.start() - _WINDOW): match.start()])
        if _spelled(reversed(words), match.group(1)[::-1]):  # from the parenthesis back
            found.add(match.group(1))
    for match in _SHORT_FIRST.finditer(text):
        if _spelled(_words(match.group(2)), match.group(1)):
            found.add(match.group(1))
    return frozenset(found)


def _words(text: str) -> list[str]:
    return [w for w in (w.strip(".,;:!?\"'`*_") for w in _WORD_BREAK.split(text)) if w]


def _spelled(words: Iterable[str], letters: str) -> bool:
    """Whether `words`, in the order given, start with words whose initials are `letters` (small words such as
    "of" and "the" may be passed over; any other word that does not fit ends the match)."""
    wanted = letters.lower()
    for word in words:
        if not wanted:
            return True
        if word[:1].lower() == wanted[0]:
            wanted = wanted[1:]
        elif word.lower() not in _SMALL_WORDS:
            return False
    return not wanted
