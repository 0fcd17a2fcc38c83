r"""Where a term of a display ends, read from its text: the summand of `\sum x_i`, the integrand after
`\int \frac{dz}{\sqrt z}`.

A term runs to the first sign, relation, separator or closing bracket outside brackets, or to a line break.
Bounded: a term longer than `longest` characters is not looked into (the caller leaves the display as written),
so rewrites built on it stay linear.
"""

from __future__ import annotations

import re

_ENDS = frozenset("+-=<>,&;")
_ENDING_COMMAND = re.compile(  # relations, arrows, separators and signs written as commands
    r"\\(?:approx|simeq|propto|sim|equiv|cong|le|leq|ge|geq|ne|neq|ll|gg|lt|gt|pm|mp|to|rightarrow|Rightarrow"
    r"|Longrightarrow|implies|iff|Leftrightarrow|quad|qquad|hspace|tag|in|notin|subset|subseteq|coloneqq)"
    r"(?![A-Za-z])|\\\\|\\(?:text|mathrm|textrm)\s*\{\s*(?:if|for|when|where|and|or|with|since)(?![A-Za-z])"
)  # words that start a condition end the term; `A^\text{ext}` does not


def term_end(text: str, start: int, longest: int = 300) -> int | None:
    r"""Where the term that starts at `start` ends, or None when it runs longer than `longest`.

    >>> text = r"\sum (x_i - \bar x)^2 = s"
    >>> text[4:term_end(text, 4)]
    ' (x_i - \\bar x)^2 '
    """
    depth, at = 0, start
    while at < len(text):
        if at - start > longest:
            return None
        char = text[at]
        if char == "\\" and not (depth == 0 and at > start and _ENDING_COMMAND.match(text, at)):
            at += 2  # `\,`, `\{`, the first letter of a command: not a separator, not a bracket
            continue
        if char in "({[":
            depth += 1
        elif char in ")}]":
            depth -= 1
            if depth < 0:
                return at
        elif char == "\\" or (depth == 0 and at > start and char in _ENDS):
            return at  # an ending command (what was not one was passed over above), or a sign at this depth
        at += 1
    return at
