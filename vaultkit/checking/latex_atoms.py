"""A factor as written: its primary with its scripts, call and factorial, read off the parse tree.

Both readings see the same shapes, so this is a function of the tree alone: the readers ask it what a factor
is before they decide what it means.
"""

from __future__ import annotations

from lark import Token, Tree

from .latex_syntax import TranslationError, _Atom, _label, _lone_factor, _single_digit, _statements


def _atom(node: Tree | Token) -> _Atom:
    """The parts of a factor: `x_i^2`, `\\sigma(x)^2`, `n!`; braces around one factor are seen through."""
    if isinstance(node, Token):
        return _Atom(node)
    prim = node.children[0]
    if len(node.children) == 1 and isinstance(prim, Tree) and prim.data == "group":
        inner = _lone_factor(prim)
        if inner is not None:
            return _atom(inner)
    atom = _Atom(prim)
    for child in node.children[1:]:
        if isinstance(child, Token):  # BANG
            atom.factorial = True
        elif child.data == "call":
            _call(atom, child)
        elif child.data == "sub":
            _single_digit(child.children[1])
            if atom.sub is not None:
                raise TranslationError("double subscript", command="_", cause="syntax")
            atom.sub = child.children[1]
        else:
            _single_digit(child.children[1])
            if atom.sup is not None:
                raise TranslationError("double superscript", command="^", cause="syntax")
            atom.sup = child.children[1]
    return atom


def _call(atom: _Atom, call: Tree) -> None:
    """The parentheses of `f(x)` and the power after them, `f(x)^2`; a subscript there names nothing."""
    atom.call = _statements(call.children[1])
    atom.bracket = str(call.children[0]) == "["
    for script in call.children[3:]:
        if script.data == "sub":
            raise TranslationError(f"a subscript after {_label(atom.prim)}(…)", command="_",
                                   cause="unsupported-construct")
        _single_digit(script.children[1])
        if atom.post_sup is not None:
            raise TranslationError("double superscript", command="^", cause="syntax")
        atom.post_sup = script.children[1]
