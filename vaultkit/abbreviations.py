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
_SENTENCE_END = re.compile(r"[.!?;:]\s")  # the words of an abbreviation stand in its sentence
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "an", "a"})  # "Sum of Squares (SS)"; not "heat in the tank (HT)"


def defined_abbreviations(text: str) -> frozenset[str]:
    """The abbreviations `text` spells out, in either order.

    >>> sorted(defined_abbreviations("The Sum of Squared Errors (SSE) and SE (standard error)."))
    ['SE', 'SSE']
    >>> defined_abbreviations("pressure (P) times volume (PV?) and (AB)")
    frozenset()
    """
    found = set()
    for match in _LONG_FIRST.finditer(text):
        before = text[max(0, match.start() - _WINDOW): match.start()]
        words = _words(before[_last_sentence_start(before):])
        if _spelled(reversed(words), match.group(1)[::-1], backward=True):  # from the parenthesis back
            found.add(match.group(1))
    for match in _SHORT_FIRST.finditer(text):
        if _spelled(_words(match.group(2)), match.group(1)):
            found.add(match.group(1))
    return frozenset(found)


def _last_sentence_start(text: str) -> int:
    ends = [match.end() for match in _SENTENCE_END.finditer(text)]
    return ends[-1] if ends else 0


def _words(text: str) -> list[str]:
    return [w for w in (w.strip(".,;:!?\"'`*_") for w in _WORD_BREAK.split(text)) if w]


def _spelled(words: Iterable[str], letters: str, *, backward: bool = False) -> bool:
    """Whether `words`, in the order given, start with words whose initials are `letters`. A small word ("of",
    "the", "a") may be passed over or give its initial, but never opens the phrase ("the pressure (TP)" is no
    abbreviation); any other word that does not fit ends the match. `backward`: the words run from the
    parenthesis back, so the phrase opens with the last word matched. Each (word, letters left) is tried once."""
    kept = [word.lower() for word in list(words)[: 4 * len(letters) + 4]]
    wanted = letters.lower()
    seen: set[tuple[int, int]] = set()
    pending = [(0, 0)]  # (words used, letters matched)
    while pending:
        at, matched = pending.pop()
        if matched == len(wanted):
            return True
        if at == len(kept) or (at, matched) in seen:
            continue
        seen.add((at, matched))
        word = kept[at]
        small = word in _SMALL_WORDS
        opens = matched == len(wanted) - 1 if backward else matched == 0  # this word would open the phrase
        if word[:1] == wanted[matched] and not (small and opens):
            pending.append((at + 1, matched + 1))
        if small:
            pending.append((at + 1, matched))
    return False
