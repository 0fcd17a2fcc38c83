r"""The roles of tokens: the post-lexer between `latex.lark`'s lexer and its parser.

The lexer cuts LaTeX into letters, numbers, commands and punctuation; the grammar needs to know what each
is. `TokenRoles` gives a command its role (FRAC, SQRT, FUNC, BIGOP, SYM, REL, MULOP, QUAD), drops spacing and
sizing, tells the `|` that opens an absolute value from the one that closes it, marks the `!` of a factorial
(BANG) and a `(` that directly follows a name (CALL_LPAR: a call or a product, decided later from the scope).
Whatever it cannot place is a `TranslationError` that names it.

It reads with the claim's strictness. `FreeTokenRoles` is the free reading's vocabulary on top: decorated
names (`\hat H`, `\mathbf{x}`), bra-ket notation, ellipses, adjoints, `\nabla`, `&` and `\\` of aligned
environments, `\Rightarrow` and `\text{and}` between statements. Each token is handled by the method for
its kind (`_on_<KIND>`), each command by the method for its role (`_as_<role>`), so a strictness differs
from the other only in the tables and methods it overrides.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lark import Token
from lark.lark import PostLex

from .latex_vocabulary import (
    LINK_WORDS, MAX_LITERAL, MAX_NESTING, TranslationError, _BIGOPS, _DECORATED, _DECORATIONS, _ELLIPSES, _FRACTIONS,
    _FUNCTIONS, _GREEK, _IGNORED, _IMPLIES, _LEFT, _MULOPS, _OPERAND_END, _OTHER_REASONS, _PROSE, _QUADS,
    _REFUSED, _RELATIONS, _RIGHT, _SYMBOLS, _VARIANTS, _NAMED,
)

_OPERATOR_HAT = re.compile(r"\\(?:hat|widehat|tilde|widetilde|bar|overline|vec|mathbf|boldsymbol|bm)(?![A-Za-z])")
_FORCEABLE = frozenset({"LPAR", "RPAR", "LBRACK", "RBRACK", "BAR"})  # what may follow \left and \right
_FORCEABLE_COMMANDS = frozenset({"\\lvert", "\\rvert", "\\|", "\\Vert", "\\lVert", "\\rVert"})


def _token(kind: str, value: str, like: Token) -> Token:
    return Token.new_borrow_pos(kind, value, like)


def _roles(*groups: tuple[str, object]) -> dict[str, str]:
    """Command name → role; a name in several groups keeps its first role."""
    table: dict[str, str] = {}
    for role, names in groups:
        for name in names:  # type: ignore[attr-defined]
            table.setdefault(name, role)
    return table


_CLAIM_ROLES = _roles(
    ("name", _SYMBOLS - {"partial"}), ("symbol", {"partial"}), ("frac", _FRACTIONS), ("sqrt", {"sqrt"}),
    ("function", _FUNCTIONS), ("bigop", _BIGOPS), ("relation", _RELATIONS), ("mulop", _MULOPS),
    ("quad", _QUADS), ("ignored", _IGNORED), ("left", _LEFT), ("right", _RIGHT), ("lvert", {"lvert"}),
    ("rvert", {"rvert"}),
)
# Operations on sets and maps, read as what they are named: union(A, B), compose(g, f). Nothing checks them.
SET_OPERATIONS = {"cup": "union", "cap": "intersection", "setminus": "setminus", "circ": "compose",
                  "otimes": "otimes", "odot": "odot", "oplus": "oplus"}  # ⊗ ⊙ ⊕ by name: tensor, elementwise, direct or xor
_MARKS = frozenset("odot oplus star ast perp parallel bullet".split())  # M_\odot, R_\oplus, a_\perp: labels
_FREE_ROLES = {
    **_CLAIM_ROLES,
    **_roles(
        ("bigop", {"nabla", "argmax", "argmin", "bigcup", "bigcap"}), ("symbol", {"dagger", "dag", "top", "intercal", "vkplaceholder"}),
        ("symbol", _ELLIPSES), ("implies", _IMPLIES), ("upright_d", {"dd"}),
        ("ignored", {"rm", "it", "mathrm", "mathit"}), ("relation", {"mid"}), ("mark", _MARKS),
        ("norm", {"Vert", "lVert", "rVert"}), ("mulop", SET_OPERATIONS), ("name", {"emptyset", "varnothing"}),
        ("forall", {"forall", "exists"}),
    ),
}
_SPELLING = {"dag": "\\dagger", **{name: "\\ldots" for name in _ELLIPSES}}  # one spelling for the reader


# Words that name a quantity: a word of three letters (or a CJK character) among letters, digits, spaces and
# punctuation; no TeX, no `$…$` (mathematics inside words is not read).
_WORDS_QUANTITY = re.compile(
    r"(?=.*(?:[^\W\d_]{3}|[\u3400-\u4dbf\u4e00-\u9fff]))[^\\{}$^_&~%()\[\]=<>+*/|]{1,80}"
    r"(?:\s+\((?=[^()]*[^\W\d_]{3})[^\\{}$^_&~%()\[\]=<>+*/|]{1,40}\))?"  # `sampled fraction (per feature)`: a closing remark, in the name
)


class TokenRoles:
    """The roles of one text's tokens, with the claim's strictness (see the module docstring)."""

    command_roles: dict[str, str] = _CLAIM_ROLES
    nameable = re.compile(r"[^\W\d_]+")  # what \mathrm{…} may name: a word, in any script

    def __init__(self) -> None:
        self.stack: list[str] = []  # "(" "[" "{" "{_" (a subscript group) "|"
        self.prev: Token | None = None
        self.earlier: Token | None = None
        self.callable_prev = False  # a "(" now would directly follow a name: CALL_LPAR
        self.force: tuple[str, str] | None = None  # after \left or \right: ("open" or "close", the command)
        self.sized = False  # a sizing command (\left, \big, \Bigl …) since the last token out

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        for tok in stream:
            yield from self.token(tok)
        self.finish()

    def token(self, tok: Token) -> Iterator[Token]:
        if tok.type == "NOTATION":
            return self._on_NOTATION(tok)
        if self.force is not None and not (tok.type in _FORCEABLE or str(tok) in _FORCEABLE_COMMANDS):
            raise TranslationError(
                f"{self.force[1]} must be followed by ( ) [ ] or |, not {tok}", command=self.force[1] + str(tok),
                cause="unsupported-construct",
            )
        return getattr(self, f"_on_{tok.type}", self._plain)(tok)

    def finish(self) -> None:
        if self.force is not None:
            raise TranslationError(f"{self.force[1]} at the end", command=self.force[1], cause="syntax")

    # ------------------------------------------------------------ bookkeeping

    def out(self, tok: Token, can_call: bool = False) -> Token:
        self.earlier = self.prev  # the token before the last: what a `^` raises
        self.prev, self.callable_prev, self.sized = tok, can_call, False
        return tok

    def push(self, kind: str, tok: Token) -> None:
        self.stack.append(kind)
        if len(self.stack) > MAX_NESTING:
            raise TranslationError(f"nested more than {MAX_NESTING} levels deep", command=str(tok), cause="too-large")

    def _after(self, *kinds: str) -> bool:
        return self.prev is not None and self.prev.type in kinds

    def _plain(self, tok: Token) -> Iterator[Token]:  # COMMA SEMI STAR SUB SUP
        yield self.out(tok)

    # ------------------------------------------------------------ tokens by kind

    def _on_NOTATION(self, tok: Token) -> Iterator[Token]:
        command = str(tok).split("{")[0].strip()
        raise TranslationError(f"{command}: this notation is not supported", command=command,
                               cause="unsupported-construct")

    def _on_CMD(self, tok: Token) -> Iterator[Token]:
        name = str(tok)[1:]
        role = self.command_roles.get(name)
        if role is None:
            self._unplaced(tok)
        return getattr(self, f"_as_{role}")(tok)

    def _unplaced(self, tok: Token) -> None:
        name = str(tok)[1:]
        if name in _REFUSED:
            raise TranslationError(f"{tok}: {_REFUSED[name]}", command=str(tok), cause="unsupported-construct")
        raise TranslationError(f"unknown LaTeX command {tok}", command=str(tok), cause="unknown-command")

    def _on_NAMED(self, tok: Token) -> Iterator[Token]:
        match = _NAMED.match(str(tok))
        assert match is not None
        command, raw = match.group(1), match.group(2)
        content = raw.strip()
        if command in _DECORATIONS:
            return self._decorated(tok, command)
        if command.startswith("text"):
            return self._text(tok, command, raw)
        return self._name(tok, command, content)

    def _on_OTHER(self, tok: Token) -> Iterator[Token]:
        if str(tok) == "!" and self._after(*_OPERAND_END, "DECOR"):
            return iter([self.out(_token("BANG", "!", tok))])  # n!
        return self._on_ESC(tok)

    def _on_ESC(self, tok: Token) -> Iterator[Token]:
        text = str(tok)
        reason = _OTHER_REASONS.get(text)
        if reason is None:
            reason = f"{text!r} is not supported" if tok.type == "OTHER" else f"unknown LaTeX command {text}"
        unknown = tok.type == "ESC" and text not in _OTHER_REASONS
        raise TranslationError(reason, command=text, cause="unknown-command" if unknown else "unsupported-construct")

    def _on_PLUS(self, tok: Token) -> Iterator[Token]:
        sign = _token("SIGN", "-" if tok.type == "MINUS" else str(tok), tok)  # − (U+2212) is a minus too
        yield self.out(sign, can_call=self._after("SUP", "SUB"))  # f^+(x), E_+(k)

    _on_MINUS = _on_PLUS

    def _on_EQ(self, tok: Token) -> Iterator[Token]:
        yield self.out(_token("REL", str(tok), tok))

    _on_LT = _on_GT = _on_EQ

    def _on_SLASH(self, tok: Token) -> Iterator[Token]:
        yield self.out(_token("MULOP", str(tok), tok))

    def _on_BAR(self, tok: Token) -> Iterator[Token]:
        if self.force is not None:
            opening = self.force[0] == "open"
        else:
            opening = not (self.stack and self.stack[-1] == "|" and self._after(*_OPERAND_END))
        yield from self._bar(tok, opening)

    def _bar(self, tok: Token, opening: bool, bar: str = "|", kind: str = "ABS") -> Iterator[Token]:
        """An absolute value's bar (or, `bar` "‖", a norm's) that opens or closes."""
        self.force = None
        if opening:
            self.push(bar, tok)
        elif self.stack and self.stack[-1] == bar:
            self.stack.pop()
        yield self.out(_token(f"{kind}_OPEN" if opening else f"{kind}_CLOSE", bar, tok))

    def _on_LPAR(self, tok: Token) -> Iterator[Token]:
        self.force = None
        self.push("(", tok)
        yield self.out(_token("CALL_LPAR", str(tok), tok) if self.callable_prev else tok)

    def _on_LBRACK(self, tok: Token) -> Iterator[Token]:
        self.force = None
        self.push("[", tok)
        yield self.out(self._bracket(tok))

    def _bracket(self, tok: Token) -> Token:
        return _token("OPT_LBRACK", "[", tok) if self._after("SQRT") else tok

    def _on_RPAR(self, tok: Token) -> Iterator[Token]:
        self.force = None
        if self.stack and self.stack[-1] == ("(" if tok.type == "RPAR" else "["):
            self.stack.pop()
        yield self.out(tok)

    _on_RBRACK = _on_RPAR

    def _on_LBRACE(self, tok: Token) -> Iterator[Token]:
        self.push("{_" if self._after("SUB") else "{", tok)
        yield self.out(tok)

    def _on_RBRACE(self, tok: Token) -> Iterator[Token]:
        closed = self.stack.pop() if self.stack and self.stack[-1].startswith("{") else ""
        yield self.out(tok, can_call=closed == "{_")

    def _on_NUMBER(self, tok: Token) -> Iterator[Token]:
        text = str(tok)
        digits = text.replace(".", "").lstrip("0")
        if len(digits) > 101 or (digits and int(text.split(".")[0] or "0") > MAX_LITERAL):
            raise TranslationError("number larger than 10^100", command=text[:20] + "…", cause="too-large")
        if self._after("FRAC") and re.fullmatch(r"[0-9]{2}", text):  # \frac12
            yield self.out(_token("NUMBER", text[0], tok))
            yield self.out(_token("NUMBER", text[1], tok))
        else:
            yield self.out(tok, can_call=self._after("SUB"))

    def _on_LETTER(self, tok: Token) -> Iterator[Token]:
        yield self.out(tok, can_call=True)

    # ------------------------------------------------------------ \mathrm{…}, \text{…}, \hat{…}

    def _decorated(self, tok: Token, command: str) -> Iterator[Token]:
        raise TranslationError(f"\\{command}: {_REFUSED[command]}", command=f"\\{command}",
                               cause="unsupported-construct")

    def _text(self, tok: Token, command: str, raw: str) -> Iterator[Token]:
        """`\\text{…}`: a name only where it is a word that can be one (`T_\\text{eff}`); empty, nothing."""
        if self._text_names(raw):
            return self._name(tok, command, raw.strip())
        if raw.strip() == "":
            return iter(())
        raise TranslationError(
            f"\\{command}{{{raw.strip()}}}: text and conditions are not supported", command=f"\\{command}",
            cause="unsupported-construct",
        )

    def _text_names(self, raw: str) -> bool:
        return self._in_subscript() and re.fullmatch(r"[^\W\d_]+", raw) is not None  # T_\text{eff}, E_\text{实验}

    def _in_subscript(self) -> bool:
        """Directly after `_`, or first in the braces of a subscript."""
        return self._after("SUB") or (self._after("LBRACE") and bool(self.stack) and self.stack[-1] == "{_")

    def _name(self, tok: Token, command: str, content: str) -> Iterator[Token]:
        if not self.nameable.fullmatch(content):
            raise TranslationError(
                f"{tok}: only letters can be named with \\{command}", command=str(tok), cause="unsupported-construct"
            )
        if content in ("e", "i", "j") and not self._in_subscript():  # m_{\rm e}: the label e, not Euler's number
            yield self.out(_token("SYM", f"\\mathrm{{{content}}}", tok), can_call=True)
        elif len(content) == 1:
            yield self.out(_token("LETTER", content, tok), can_call=True)
        elif content in _FUNCTIONS and not self._in_subscript():  # v_{\text{max}}: a label, not the function
            yield self.out(_token("FUNC", str(tok), tok), can_call=True)
        else:
            yield self.out(tok, can_call=True)

    # ------------------------------------------------------------ commands by role

    def _as_name(self, tok: Token) -> Iterator[Token]:
        yield self.out(_token("SYM", str(tok), tok), can_call=True)

    def _as_symbol(self, tok: Token) -> Iterator[Token]:
        text = str(tok)
        yield self.out(_token("SYM", _SPELLING.get(text[1:], text), tok))

    def _as_frac(self, tok: Token) -> Iterator[Token]:
        yield self.out(_token("FRAC", str(tok), tok))

    def _as_sqrt(self, tok: Token) -> Iterator[Token]:
        yield self.out(_token("SQRT", str(tok), tok))

    def _as_function(self, tok: Token) -> Iterator[Token]:
        yield self.out(_token("FUNC", str(tok), tok), can_call=True)

    def _as_bigop(self, tok: Token) -> Iterator[Token]:
        yield self.out(_token("BIGOP", str(tok), tok))

    def _as_relation(self, tok: Token) -> Iterator[Token]:
        yield self.out(_token("REL", str(tok), tok))

    def _as_mulop(self, tok: Token) -> Iterator[Token]:
        yield self.out(_token("MULOP", str(tok), tok))

    def _as_quad(self, tok: Token) -> Iterator[Token]:
        if not self.stack:  # a space between statements; inside braces, only a space
            yield self.out(_token("QUAD", str(tok), tok))

    def _as_ignored(self, tok: Token) -> Iterator[Token]:
        self.sized = self.sized or str(tok)[1:].lower().startswith("big")
        return iter(())

    def _as_left(self, tok: Token) -> Iterator[Token]:
        self.force, self.sized = ("open", str(tok)), True
        return iter(())

    def _as_right(self, tok: Token) -> Iterator[Token]:
        self.force = ("close", str(tok))
        return iter(())

    def _as_lvert(self, tok: Token) -> Iterator[Token]:
        return self._bar(tok, opening=True)

    def _as_rvert(self, tok: Token) -> Iterator[Token]:
        return self._bar(tok, opening=False)


class FreeTokenRoles(TokenRoles):
    """The free reading's roles: the claim's, and the notation of physics and ML notes on top."""

    command_roles = _FREE_ROLES
    nameable = re.compile(r"[^\W\d_]+(?:_[^\W_]+)*")

    def __init__(self) -> None:
        super().__init__()
        self.decoration: Token | None = None  # `\hat H` without braces, waiting for its name
        self.columns = 0  # the & of this line so far: x + y &= 3 & x - y &= 1 is two equations

    def token(self, tok: Token) -> Iterator[Token]:
        kind, text = tok.type, str(tok)
        if self.decoration is not None:
            return self._decorate(tok)
        if kind == "CMD" and text[1:] in _DECORATIONS:
            self.decoration = tok
            return iter(())
        if kind == "OTHER" and text == "&":  # alignment; every second & of a line starts a new column
            self.columns += 1
            return iter([self.out(_token("QUAD", text, tok))]) if self.columns % 2 == 0 and not self.stack else iter(())
        if kind == "ESC" and text == "\\\\":  # a line break between statements; inside braces, nothing
            self.columns = 0
            return iter(()) if self.stack else iter([self.out(_token("QUAD", text, tok))])
        return super().token(tok)

    def finish(self) -> None:
        super().finish()
        if self.decoration is not None:
            raise TranslationError(f"{self.decoration} at the end", command=str(self.decoration), cause="syntax")

    def _decorate(self, tok: Token) -> Iterator[Token]:
        decoration, self.decoration = self.decoration, None
        if tok.type == "LETTER" or (tok.type == "CMD" and str(tok)[1:] in _GREEK | frozenset(_VARIANTS)):
            return iter([self.out(_token("DECOR", f"{decoration}{{{tok}}}", decoration), can_call=True)])
        raise TranslationError(f"{decoration} must be followed by a name", command=str(decoration), cause="syntax")

    def _on_NOTATION(self, tok: Token) -> Iterator[Token]:
        yield self.out(tok)


    def _on_STAR(self, tok: Token) -> Iterator[Token]:
        yield self.out(tok, can_call=self._after("SUP"))  # ψ^*(x)

    def _on_LBRACE(self, tok: Token) -> Iterator[Token]:
        if not self._after("SUP"):
            return super()._on_LBRACE(tok)
        called = self.earlier is not None and self.earlier.type in ("RPAR", "RBRACK")
        self.push("{^)" if called else "{^", tok)  # a superscript's group: E^{2}(a), f^{(1)}(x) may call;
        return iter([self.out(tok)])  # after f(z), a call already made, `f(z)^{2} (1 - z)` multiplies

    def _on_RBRACE(self, tok: Token) -> Iterator[Token]:
        if not (self.stack and self.stack[-1].startswith("{^")):
            return super()._on_RBRACE(tok)
        return iter([self.out(tok, can_call=self.stack.pop() == "{^")])

    def _on_NUMBER(self, tok: Token) -> Iterator[Token]:
        after_sup = self._after("SUP")
        for token in super()._on_NUMBER(tok):
            self.callable_prev = self.callable_prev or after_sup  # H^2(a)
            yield token

    def _bracket(self, tok: Token) -> Token:
        """`\\mathbb{E}[X]`, `\\text{Var}[X]`, `E[X]`, `P[A]`: an expectation, a probability, a functional.

        After any other letter, brackets written bare are an index, a functional or a product (`z[k]`);
        sized brackets (`a \\left[ … \\right]`, `N \\Big[ … \\Big]`) multiply, except after E and P.
        """
        if self._after("DECOR") and _OPERATOR_HAT.match(str(self.prev)):  # \\hat B[\\hat A, \\hat C]: times a commutator
            raise TranslationError(f"{self.prev}[…]: a product with a bracket, or a functional? Write \\cdot",
                                   command=f"{self.prev}[", cause="ambiguous")
        if self._after("DECOR", "NAMED") or (self._after("LETTER") and str(self.prev) in "EP" and not self.sized):
            return _token("CALL_LBRACK", "[", tok)
        if (self._after("LETTER") and (str(self.prev) in "EP" or not self.sized)) or (
            self._after("SYM", "RBRACE", "NUMBER") and self.callable_prev and not self.sized
        ):  # E_\\theta[X], \\sigma[x]: after a subscript or a Greek name, as after a letter
            name = self.prev
            raise TranslationError(
                f"{name}[…]: an expectation, an index, a functional or a product? Write \\mathbb{{E}}[…], "
                f"{name}_{{…}}, {name}(…) or {name} \\cdot […]", command=f"{name}[", cause="ambiguous",
            )
        return super()._bracket(tok)

    def _decorated(self, tok: Token, command: str) -> Iterator[Token]:
        if not _DECORATED.match(str(tok)):
            raise TranslationError(f"{tok}: only a letter or a Greek name can be decorated",
                                   command=f"\\{command}", cause="unsupported-construct")
        yield self.out(_token("DECOR", str(tok), tok), can_call=True)

    def _text(self, tok: Token, command: str, raw: str) -> Iterator[Token]:
        """`a = b \\text{ and } c = d`, `f(x) = 0 \\text{ if } x < 0`: statements and conditions, one by one."""
        word = " ".join(raw.replace("\\#", "#").split()).rstrip(",:")
        if word in LINK_WORDS and not self.stack:  # the word travels: `if` makes a condition
            return iter([self.out(_token("QUAD", f"\\text{{{word}}}", tok))])
        if _WORDS_QUANTITY.fullmatch(word) and word.lower() not in _PROSE and not self._text_names(raw) \
                and not self._in_subscript():
            # `n = \text{number density}`, `\frac{\text{\# heads}}{…}`: a quantity named in words, kept whole
            return iter([self.out(_token("NAMED", f'\\mathrm{{"{word}"}}', tok))])
        return super()._text(tok, command, raw)

    def _name(self, tok: Token, command: str, content: str) -> Iterator[Token]:
        """`\\quad \\mathrm{for} \\quad`, `{\\rm or}`: a word between statements, upright instead of in \\text."""
        if content in LINK_WORDS and not self.stack:
            return self._text(tok, command, content)
        return super()._name(tok, command, content)

    def _text_names(self, raw: str) -> bool:
        """A Latin word that is no prose names (`5\\,\\text{kg}`); a word of any script names in a subscript."""
        return (re.fullmatch(r"[A-Za-z]+", raw) is not None and raw not in _PROSE) or super()._text_names(raw)

    def _on_ESC(self, tok: Token) -> Iterator[Token]:
        if str(tok) == "\\|":
            return self._as_norm(tok)
        return super()._on_ESC(tok)

    def _as_norm(self, tok: Token) -> Iterator[Token]:
        """`\\|x\\|`, `\\lVert x \\rVert`, `\\left\\| x \\right\\|`: a norm's bars, told apart like |x|'s."""
        name = str(tok)
        if self.force is not None or name in ("\\lVert", "\\rVert"):
            opening = self.force[0] == "open" if self.force is not None else name == "\\lVert"
        else:
            opening = not (self.stack and self.stack[-1] == "‖" and self._after(*_OPERAND_END))
        return self._bar(tok, opening, "‖", "NORM")

    def _as_mark(self, tok: Token) -> Iterator[Token]:
        """A symbol as a subscript is a label: `M_\\odot` (the Sun's mass), `a_\\perp`; ⊙ and ⊕ elsewhere operate."""
        if not self._in_subscript():
            if str(tok)[1:] in SET_OPERATIONS:
                yield from self._as_mulop(tok)
                return
            self._unplaced(tok)
        yield self.out(_token("NAMED", f"\\mathrm{{{str(tok)[1:]}}}", tok), can_call=True)

    def _as_upright_d(self, tok: Token) -> Iterator[Token]:  # the physics package's \dd
        yield self.out(_token("LETTER", "d", tok), can_call=True)

    def _as_forall(self, tok: Token) -> Iterator[Token]:
        """`f(x) \\ge 0 \\quad \\forall x \\in A`: what follows is a condition, as after `\\text{for all}`;
        after `\\exists`, as after `\\text{for some}`."""
        if self.stack:
            raise TranslationError(f"{tok}: logic is not supported", command=str(tok), cause="unsupported-construct")
        word = "for all" if str(tok) == "\\forall" else "for some"
        return iter([self.out(_token("QUAD", f"\\text{{{word}}}", tok))])

    def _as_implies(self, tok: Token) -> Iterator[Token]:
        if not self.stack:  # `a = b \Rightarrow c = d`: two statements
            return iter([self.out(_token("QUAD", str(tok), tok))])
        if str(tok)[1:] in _RELATIONS:
            return self._as_relation(tok)
        raise TranslationError(f"unknown LaTeX command {tok}", command=str(tok), cause="unknown-command")


class Classifier(PostLex):
    """Lark's post-lexer: fresh token roles of the given strictness for every text parsed."""

    always_accept = ("CMD", "NAMED", "NOTATION", "ESC", "OTHER", "PLUS", "MINUS", "EQ", "LT", "GT", "SLASH", "BAR")

    def __init__(self, roles: type[TokenRoles]) -> None:
        self.roles = roles

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        return self.roles().process(stream)
