r"""Logic as notes write it: quantifiers with their bounds, `\land`, `\lor`, `\neg`, arrows inside them.

`\exists \delta > 0, \forall x \in A : |x - c| < \delta \Rightarrow |f(x) - f(c)| < \epsilon` is one statement
whose parts are relations. The free reading's grammar reads relations and calls, so each row that holds logic is
rewritten here into calls it reads: `\operatorname{Exists}(\delta > 0, \operatorname{ForAll}(x \in A,
\operatorname{Implies}(…, …)))`. The conventions are the textbook's: a quantifier's statement runs to the end of
its row, `\neg` binds tighter than `\land`, `\land` than `\lor`, `\lor` than `\Rightarrow` (which groups to the
right), and that than `\Leftrightarrow`. What they leave open is refused: a quantifier with no statement after it,
an arrow inside a quantifier's statement that is followed by another quantifier (`\forall x : P(x) \Rightarrow
\exists y : Q(y)`: is the arrow inside the first statement or between two?), text before a quantifier that no
connective joins to it.

A single quantifier at the start of a one-row display (`\forall x \in A, P(x)`) or after its statement (`P(x)
\quad \forall x`) is left to the reader, which reads it as the statement's condition.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .latex_vocabulary import TranslationError

MAX_DEPTH = 24  # quantifiers, connectives and brackets within one another
MAX_SETS = 32  # set-builders rewritten in one display
_QUANTIFIER = re.compile(r"\\(forall|exists)(?![A-Za-z])(\s*!)?")
_CONNECTIVE = re.compile(r"\\(?:land|lor|neg|lnot|wedge|vee)(?![A-Za-z])")
_NOT = re.compile(r"\s*\\(?:neg|lnot)(?![A-Za-z])\s*")
_ARROWS = {  # by binding, loosest first
    "Iff": r"\\(?:Leftrightarrow|Longleftrightarrow|iff)(?![A-Za-z])",
    "Implies": r"\\(?:Rightarrow|Longrightarrow|implies)(?![A-Za-z])",
}
_JOINS = {"Or": r"\\(?:lor|vee)(?![A-Za-z])", "And": r"\\(?:land|wedge)(?![A-Za-z])"}
_LINKS = re.compile(r"|".join((*_ARROWS.values(), *_JOINS.values())))
_ROW = re.compile(r"\\\\")
_LEAD = re.compile(r"(?:\s|&|\\q?quad(?![A-Za-z]))*(?:" + "|".join(_ARROWS.values()) + r")?(?:\s|&|\\q?quad(?![A-Za-z]))*")
_BOUND_END = re.compile(r"\s*(?::|\\colon(?![A-Za-z])|\\mid(?![A-Za-z])|\\text\s*\{\s*s\.t\.\s*\}|(?<!\\),)\s*")
_TOKEN = re.compile(r"\\left\s*(?:\\[A-Za-z]+|\\.|.)|\\right\s*(?:\\[A-Za-z]+|\\.|.)|\\[{}]|\\[A-Za-z]+|\\.|.", re.S)
_OPENING = frozenset({"{", "(", "[", "\\{", "\\langle", "\\lbrace", "\\lbrack"})
_CLOSING = frozenset({"}", ")", "]", "\\}", "\\rangle", "\\rbrace", "\\rbrack"})
_TRAILING = re.compile(r"(?:[\s.,;]|\\[,;:! ])*\Z")
_SPACE = re.compile(r"\A(?:\s|\\[,;:! ])+|(?:\s|\\[,;:! ])+\Z")
_GROUPED = re.compile(r"(?:\\left\s*)?[(\[]\s*(.*?)\s*(?:\\right\s*)?[)\]]", re.S)


class _Unbalanced(Exception):
    """Brackets that do not pair up (`[0, 1)`): the row is left as written."""


def _depths(text: str) -> list[int]:
    """The bracket depth at each character of `text` (`\\left…` opens, `\\right…` closes, whatever it is)."""
    depths, depth = [0] * len(text), 0
    for token in _TOKEN.finditer(text):
        written = token.group()
        opening = written.startswith("\\left") or written in _OPENING
        closing = written.startswith("\\right") or written in _CLOSING
        if closing:
            depth -= 1
            if depth < 0:
                raise _Unbalanced
        for k in range(token.start(), token.end()):
            depths[k] = depth
        if opening:
            depth += 1
    if depth:
        raise _Unbalanced
    return depths


def bracket_depths(text: str) -> list[int] | None:
    """The bracket depth at each character of `text`, or None when its brackets do not balance."""
    try:
        return _depths(text)
    except _Unbalanced:
        return None


def _top(pattern: str | re.Pattern[str], text: str, depths: list[int], end: int | None = None) -> list[re.Match]:
    """The matches of `pattern` in `text[:end]` outside every bracket."""
    found = re.compile(pattern).finditer(text, 0, len(text) if end is None else end)
    return [match for match in found if depths[match.start()] == 0]


def _called(name: str, *parts: str) -> str:
    return f"\\operatorname{{{name}}}\\left({', '.join(parts)}\\right)"


def _statement(text: str, bound: frozenset[str] = frozenset(), depth: int = 0) -> str:
    """A relation, or a formula of them: the connectives outside brackets, loosest first, split it."""
    if depth > MAX_DEPTH:  # each level reads the text once: a bounded depth keeps the whole linear
        raise _refusal(f"logic nested more than {MAX_DEPTH} levels deep", "\\forall", cause="too-large")
    text = _SPACE.sub("", _TRAILING.sub("", text))
    inside = _GROUPED.fullmatch(text)
    if inside and _balanced(inside.group(1)):  # `(x \in A)`, `\left[P \Leftrightarrow Q\right]`: one formula
        return _statement(inside.group(1), bound, depth + 1)  # (`(a) \land (b)` is two groups, not one)
    depths = _depths(text)
    quantifiers = _top(_QUANTIFIER, text, depths)
    first = quantifiers[0].start() if quantifiers else len(text)
    for name, pattern in (*_ARROWS.items(), *_JOINS.items()):
        links = _top(pattern, text, depths, first)
        if not links:
            continue
        if name == "Implies":  # a ⇒ b ⇒ c is a ⇒ (b ⇒ c)
            links = links[:1]
        cuts = [0, *(k for link in links for k in (link.start(), link.end())), len(text)]
        parts = [text[cuts[k] : cuts[k + 1]] for k in range(0, len(cuts), 2)]
        if any(not part.strip() for part in parts):
            raise _refusal(f"{links[0].group()} with nothing on one side", links[0].group())
        return _called(name, *(_statement(part, bound, depth + 1) for part in parts))
    negation = _NOT.match(text)
    if negation:
        return _called("Not", _statement(text[negation.end() :], bound, depth + 1))
    if quantifiers and first == 0:
        return _quantified(text, bound, depth + 1)
    if quantifiers:
        raise _refusal("words or values before a quantifier that no connective joins to it", quantifiers[0].group())
    if not text:
        raise _refusal("a connective with nothing after it", "\\land")
    if not (_RELATION.search(text) or _PREDICATE.fullmatch(text)):
        raise _refusal(f"{text}: a statement without a relation (x R y, a relation R between x and y, or a "
                       "product?)", text, cause="ambiguous")
    return text


def _quantified(text: str, outer: frozenset[str] = frozenset(), depth: int = 0) -> str:
    """`\\forall x \\in A, \\exists y : P`: ForAll(x ∈ A, Exists(y, P)); the statement runs to the end."""
    quantifier = _QUANTIFIER.match(text)
    name = "ExistsOne" if quantifier.group(2) else {"forall": "ForAll", "exists": "Exists"}[quantifier.group(1)]
    rest = text[quantifier.end() :]
    depths = _depths(rest)
    inner = _top(_QUANTIFIER, rest, depths)
    ends = _top(_BOUND_END, rest, depths, inner[0].start() if inner else None)
    colon = next((end for end in ends if not end.group().strip().startswith(",")), None)
    end = colon or next((e for e in ends if inner and rest[e.end() :].lstrip().startswith(inner[0].group())), None)
    end = end or (ends[0] if ends else None)
    if end is not None:
        bound, body = _SPACE.sub("", rest[: end.start()]), rest[end.end() :]
    elif inner:  # `\forall z \forall f [ … ]`: quantifiers one after another
        bound, body = _SPACE.sub("", rest[: inner[0].start()]), rest[inner[0].start() :]
    elif (group := _bracketed_end(rest, depths)) is not None:  # `\exists x [P(x)]`: the statement in brackets
        bound, body = _SPACE.sub("", rest[:group]), rest[group:]
    else:
        raise _refusal(f"{quantifier.group()} without its statement (a colon or a comma after its variable)",
                       quantifier.group())
    if not bound or not body.strip():
        raise _refusal(f"{quantifier.group()} without its variable or its statement", quantifier.group())
    _no_second_quantifier_after_arrow(body)
    names = outer | _bound_names(bound)
    _consequence_about_bound(names, body)
    return _called(name, _bound(bound), _statement(body, names, depth + 1))


_BOUND_NAME = re.compile(r"\\[A-Za-z]+|[A-Za-z]")


def _bound_names(bound: str) -> frozenset[str]:
    """The names a quantifier binds: those before its relation (`x, y \\in V`, `\\epsilon > 0`)."""
    head = _BOUND_RELATION.split(bound, maxsplit=1)[0]
    return frozenset(name for name in _BOUND_NAME.findall(head) if name not in ("\\ldots", "\\dots", "\\cdots"))


def _consequence_about_bound(names: frozenset[str], body: str) -> None:
    """`\\forall x \\in X : f(x) = g(x) \\Rightarrow f = g`: what follows the arrow does not speak of x, so the
    arrow may as well stand outside the quantifier ((∀x f(x) = g(x)) ⇒ f = g): refused. In `\\forall x : |x| <
    \\delta \\Rightarrow |f(x)| < \\epsilon` it does, and the arrow is inside, as the convention has it."""
    depths = _depths(body)
    quantifiers = _top(_QUANTIFIER, body, depths)  # an arrow after an inner quantifier is that one's to check
    arrows = _top("|".join(_ARROWS.values()), body, depths, quantifiers[0].start() if quantifiers else None)
    if not arrows:
        return
    after = body[arrows[-1].end() :]
    if names and not any(re.search(re.escape(name) + r"(?![A-Za-z])", after) for name in names):
        raise _refusal(f"{arrows[-1].group()} after a quantifier, and what follows it does not speak of "
                       f"{', '.join(sorted(names))}: inside the quantifier or after it? Write parentheses",
                       arrows[-1].group(), cause="ambiguous")


_RELATION = re.compile(
    r"(?<![\\<>!:])=|<|>|\\(?:in|notin|ni|subset|subseteq|supset|supseteq|le|leq|ge|geq|ne|neq|approx|sim|equiv|"
    r"perp|parallel|mid|to|coloneqq|eqqcolon|cong|simeq|propto|ll|gg)(?![A-Za-z])"
)
_PREDICATE = re.compile(r"\s*(?:\\[A-Za-z]+|[A-Za-z])(?:\s*_\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9]))?\s*(?:\\left\s*)?\(.*\)\s*", re.S)
_ELLIPSIS = re.compile(r"\s*\\(?:ldots|dots|cdots)(?![A-Za-z])\s*")
_BARE_NAME = re.compile(r"\s*(?:\\[A-Za-z]+|[A-Za-z])(?:\s*_\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9]))?\s*")
_BOUND_RELATION = re.compile(r"\\(?:in|notin|subset|subseteq)(?![A-Za-z])|<|>|\\(?:le|leq|ge|geq|neq|ne)(?![A-Za-z])")


def _bound(text: str) -> str:
    """What a quantifier binds: `x \\in A`; `x, y \\in V` is x ∈ V and y ∈ V; `a, b` the pair of names."""
    names = _top(r"(?<!\\),", text, _depths(text))  # not the thin space `\\,`
    if not names:
        return text
    cuts = [0, *(comma.start() for comma in names), len(text)]
    parts = [text[cuts[k] + (k > 0) : cuts[k + 1]] for k in range(len(cuts) - 1)]
    last = parts[-1]
    relation = _BOUND_RELATION.search(last)
    if not all(_BARE_NAME.fullmatch(part) or _ELLIPSIS.fullmatch(part) for part in parts[:-1]):
        raise _refusal(f"{text}: a quantifier over a list that is not of names", ",", cause="ambiguous")
    if relation is None and _BARE_NAME.fullmatch(last):
        return f"\\left({text}\\right)"
    if relation is None or not _BARE_NAME.fullmatch(last[: relation.start()]):
        raise _refusal(f"{text}: a quantifier over a list that is not of names", ",", cause="ambiguous")
    where = last[relation.start() :]
    if any(_ELLIPSIS.fullmatch(part) for part in parts):  # α_1, …, α_n ∈ K: each of a list
        return f"{_called('each', *parts[:-1], last[: relation.start()])} {where}"
    return _called("And", *(f"{part.strip()} {where}" for part in parts[:-1]), last)


def _bracketed_end(text: str, depths: list[int]) -> int | None:
    """Where a bracketed group that runs to the end of `text` opens, outside every other bracket."""
    for token in _TOKEN.finditer(text):
        written = token.group()
        if depths[token.start()] == 0 and (written.startswith("\\left") or written in ("(", "[")):
            inside = _GROUPED.fullmatch(_TRAILING.sub("", text[token.start() :]).strip())
            if inside is not None and _balanced(inside.group(1)):
                return token.start()
    return None


def _balanced(text: str) -> bool:
    try:
        _depths(text)
    except _Unbalanced:
        return False
    return True


def _no_second_quantifier_after_arrow(body: str) -> None:
    """`\\forall x : P \\Rightarrow \\exists y : Q`: the arrow may end the first statement or be inside it."""
    depths = _depths(body)
    quantifiers = _top(_QUANTIFIER, body, depths)
    arrows = _top("|".join(_ARROWS.values()), body, depths)
    if quantifiers and arrows and arrows[0].start() < quantifiers[0].start():
        raise _refusal("an arrow, then a quantifier, inside a quantifier's statement: is the arrow inside it or "
                       "between two statements? Write parentheses", arrows[0].group(), cause="ambiguous")


def _refusal(message: str, command: str, cause: str = "unsupported-construct") -> TranslationError:
    return TranslationError(message, command=command, cause=cause)


def _row(row: str) -> str:
    """One row: its leading `&\\Rightarrow` kept (a link to the row before), the rest one formula when it holds
    a quantifier or a connective, else as written."""
    lead = _LEAD.match(row)
    head, body = row[: lead.end()], row[lead.end() :]
    if not (_QUANTIFIER.search(body) or _CONNECTIVE.search(body)):
        return row
    depths = _depths(body)
    quantifiers = _top(_QUANTIFIER, body, depths)
    first = quantifiers[0].start() if quantifiers else len(body)
    arrows = _top("|".join(_ARROWS.values()), body, depths, first)
    if not arrows or not quantifiers:  # the whole row is one formula
        return head + _statement(body)
    last = arrows[-1]  # `x ∈ A ⇔ ∃a ∈ A : x = a`: statements and links before the quantifier stay the reader's
    before = _statements_apart(body[: last.start()])
    return f"{head}{before} {last.group()} {_statement(body[last.end() :])}"


def _statements_apart(text: str) -> str:
    """Statements joined by arrows, each with its connectives read, the arrows kept for the reader."""
    depths = _depths(text)
    arrows = _top("|".join(_ARROWS.values()), text, depths)
    cuts = [0, *(k for arrow in arrows for k in (arrow.start(), arrow.end())), len(text)]
    pieces = [text[cuts[k] : cuts[k + 1]] for k in range(len(cuts) - 1)]
    return "".join(_statement(piece) if k % 2 == 0 and _CONNECTIVE.search(piece) else piece
                   for k, piece in enumerate(pieces))


def formula(text: str) -> str:
    """One statement's text with its connectives and quantifiers rewritten into calls (as written when it has
    none); text with unpaired brackets as written."""
    if not (_CONNECTIVE.search(text) or _QUANTIFIER.search(text)):
        return text
    try:
        return _statement(text)
    except _Unbalanced:
        return text


def holds_logic(text: str, reader_covers: Callable[[str], object]) -> bool:
    """Whether the display has a connective, or quantifiers the reader's condition rule does not cover (two or
    more, or one with its statement after a colon). `reader_covers(text)`: whether that rule reads the display."""
    if _CONNECTIVE.search(text):
        return True
    quantifiers = _QUANTIFIER.findall(text)
    if len(quantifiers) != 1:
        return len(quantifiers) > 1
    colon = re.search(r"(?:\\forall|\\exists)([^:]*)(?::|\\colon)", text)
    arrow = re.search(r"(?:\\forall|\\exists).*(?:" + "|".join(_ARROWS.values()) + ")", text, re.S)
    return arrow is not None or (colon is not None and ("," in colon.group(1) or not reader_covers(text)))


def rewrite_logic(text: str, reader_covers: Callable[[str], object]) -> str:
    """`text` with each set-builder's condition and each row that holds logic rewritten into calls; text with
    unpaired brackets stays as written."""
    try:
        text = _set_builders(text)
        if not holds_logic(text, reader_covers):
            return text
        return "\\\\".join(_row(row) for row in _ROW.split(text))
    except _Unbalanced:
        return text


_SET_OPEN = re.compile(r"(?:\\left\s*)?\\\{")
_SUCH_THAT = re.compile(
    r"\s*(?:\\mid(?![A-Za-z])|\\middle\s*(?:\\vert(?![A-Za-z])|\|)|\\,\\middle\s*\\vert\\,)\s*"
    r"|\s*(?::(?![=:])|\\colon(?![A-Za-z]))\s*"
)


def _set_builders(text: str) -> str:
    """`\\{x : P(x)\\}` and `\\{x \\mid \\exists y : P\\}`: the set of what satisfies a condition, written with
    `\\mid` and the condition's logic read; `:` before `\\mid` is a signature (`\\{A : V \\to W \\mid …\\}`)."""
    openings = list(_SET_OPEN.finditer(text))
    if not openings or len(openings) > MAX_SETS:  # more are left as written: each rewrite reads the text again
        return text
    depths = _depths(text)
    for opening in reversed(openings):  # innermost last-first, so offsets stay true
        depth = depths[opening.start()]
        close = next((k for k in range(opening.end(), len(text)) if depths[k] == depth and text[k] != " "
                      and k > opening.end() - 1 and _closes_set(text, k)), None)
        if close is None:
            continue
        inside = text[opening.end() : close]
        inner_depths = _depths(inside)
        separators = _top(_SUCH_THAT, inside, inner_depths)
        bars = [s for s in separators if ":" not in s.group() and "colon" not in s.group()]
        if len(bars) > 1:  # `\\{n \\mid 3 \\mid n\\}`: such that, or divides?
            raise _refusal("two bars in a set: such that, or divides?", "\\mid", cause="ambiguous")
        bar = bars[0] if bars else None
        separator = bar or (separators[0] if separators else None)
        if separator is None:
            continue
        condition = inside[separator.end() :]
        if bar is None or _CONNECTIVE.search(condition) or _QUANTIFIER.search(condition):
            element = inside[: separator.start()]
            condition = _statement(condition) if _CONNECTIVE.search(condition) or _QUANTIFIER.search(condition) \
                else condition
            text = f"{text[: opening.start()]}\\{{{element} \\mid {condition}\\}}{text[_close_end(text, close) :]}"
            depths = _depths(text)
    return text


_SET_CLOSE = re.compile(r"(?:\\right\s*)?\\\}")


def _closes_set(text: str, k: int) -> bool:
    return _SET_CLOSE.match(text, k) is not None


def _close_end(text: str, k: int) -> int:
    return _SET_CLOSE.match(text, k).end()


# ---------------------------------------------------------------- sizes of sets

_SET_NAME = r"(\\math(?:cal|bb|bf|scr)\s*(?:\{\s*[A-Za-z]\s*\}|\s[A-Za-z])|[A-Z])(\s*_\s*(?:\{\s*[A-Za-z0-9]+\s*\}|[A-Za-z0-9]))?"
_MEMBERSHIP = re.compile(r"\\(?:in|notin|subset|subseteq|subsetneq|supset|supseteq)(?![A-Za-z])\s*" + _SET_NAME)
_BARS = re.compile(r"(?<![\\|])(?:\\left\s*)?\|\s*" + _SET_NAME + r"\s*(?:\\right\s*)?\|(?![|])(?!\s*\^)")


def _spelled(match: re.Match) -> str:
    return re.sub(r"[\s{}]+", "", match.group(1) + (match.group(2) or ""))


def set_sizes(text: str) -> list[re.Match]:
    """`\\frac{1}{|D|} \\sum_{x \\in D}`: the bars around a name the display writes as a set (after `\\in`,
    `\\subseteq`, …) are its size, never an absolute value or a determinant."""
    sets = {_spelled(match) for match in _MEMBERSHIP.finditer(text)}
    return [match for match in _BARS.finditer(text) if _spelled(match) in sets] if sets else []


def sized_sets(text: str) -> str:
    """`|D|` → `\\operatorname{card}(D)` for the sets of `set_sizes`."""
    for match in reversed(set_sizes(text)):
        text = f"{text[: match.start()]}\\operatorname{{card}}\\left({match.group(1)}{match.group(2) or ''}\\right){text[match.end():]}"
    return text
