"""A safe reader for SymPy's `srepr` text: how a Python block's claims come back from its sandbox.

A block states `claim(id, lhs, rhs)`; its sandbox sends `srepr(lhs)` and
`srepr(rhs)`, and vaultkit checks them itself, outside the block, so that no
code of the block can touch a verdict. The text is untrusted: Python's `ast`
parses it, nothing evaluates it. A call may only name a SymPy class (a subclass
of `Basic`, like `Add`, `Symbol`, `sin`) or an undefined function made by
`Function('f')`; a bare name only a SymPy constant (`pi`, `oo`, `true`);
strings only name a symbol or function or spell a float; keywords are
assumptions (`real=True`) or integers. Objects are built unevaluated, so the
claim is exactly the tree the block built.

>>> read_srepr("Add(Symbol('x', positive=True), Integer(1))")
x + 1
"""

from __future__ import annotations

import ast

import sympy
from sympy.core.function import UndefinedFunction
from sympy.core.parameters import evaluate
from sympy.functions.elementary.piecewise import ExprCondPair

MAX_LENGTH = 200_000  # characters of one side of a claim
MAX_NODES = 20_000
MAX_KEYWORD = 10**9  # an integer keyword (a Dummy's index)
MAX_PRECISION = 4_000  # bits of a Float: more would make building it, not checking it, the work
_NOT_EXPORTED = {"ExprCondPair": ExprCondPair}  # classes srepr names that `sympy` does not export
_NAMING = frozenset({"Symbol", "Dummy", "Function", "Wild", "IndexedBase", "Idx"})  # take a name as a string


class SreprError(ValueError):
    """The text is not an srepr this reader accepts; the message says what is wrong."""


def read_srepr(text: str) -> sympy.Basic:
    """The SymPy object `text` spells, built unevaluated; raises SreprError."""
    if not isinstance(text, str) or len(text) > MAX_LENGTH:
        raise SreprError(f"longer than {MAX_LENGTH:,} characters")
    try:
        tree = ast.parse(text, mode="eval").body
    except (SyntaxError, ValueError, MemoryError, RecursionError) as error:
        raise SreprError(f"cannot be parsed ({type(error).__name__})") from None
    if sum(1 for _ in ast.walk(tree)) > MAX_NODES:
        raise SreprError(f"more than {MAX_NODES:,} parts")
    with evaluate(False):
        try:
            return _Builder().build(tree)
        except SreprError:
            raise
        except (TypeError, ValueError, AttributeError, ArithmeticError, RecursionError) as error:
            raise SreprError(f"not a SymPy expression ({type(error).__name__}: {error})") from None


class _Builder:
    def build(self, node: ast.AST) -> object:
        if isinstance(node, ast.Call):
            return self._call(node)
        if isinstance(node, ast.Name):
            return _constant(node.id)
        if isinstance(node, ast.Constant) and type(node.value) is int:
            return sympy.Integer(node.value)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant):
            if type(node.operand.value) is int:
                return sympy.Integer(-node.operand.value)
        if isinstance(node, ast.Tuple):
            return sympy.Tuple(*(self.build(item) for item in node.elts))
        raise SreprError(f"unexpected {type(node).__name__}")

    def _call(self, node: ast.Call) -> object:
        callee = self._callee(node.func)
        named = getattr(callee, "__name__", "") in _NAMING and node.args and _is_text(node.args[0])
        if named and callee is sympy.Function and len(node.args) == 1 and not node.keywords:
            return sympy.Function(node.args[0].value)
        if callee is sympy.Float and len(node.args) == 1 and _is_text(node.args[0]):
            return sympy.Float(_number_text(node.args[0].value), **self._keywords(node))
        first = [node.args[0].value] if named else []
        rest = [self.build(argument) for argument in node.args[len(first):]]
        return callee(*first, *rest, **self._keywords(node))

    def _callee(self, node: ast.AST) -> type:
        if isinstance(node, ast.Name):
            value = _NOT_EXPORTED.get(node.id) or (getattr(sympy, node.id, None) if node.id[0] != "_" else None)
            if isinstance(value, type) and issubclass(value, sympy.Basic):
                return value
            raise SreprError(f"{node.id} is not a SymPy class")
        if isinstance(node, ast.Call):
            made = self._call(node)
            if isinstance(made, UndefinedFunction):
                return made
        raise SreprError("only SymPy classes and undefined functions can be applied")

    @staticmethod
    def _keywords(node: ast.Call) -> dict[str, bool | int]:
        found: dict[str, bool | int] = {}
        for keyword in node.keywords:
            value = keyword.value
            if keyword.arg is None or not isinstance(value, ast.Constant) or type(value.value) not in (bool, int):
                raise SreprError("keywords may only be assumptions (True/False) or integers")
            bound = MAX_PRECISION if keyword.arg in ("precision", "dps") else MAX_KEYWORD
            if type(value.value) is int and not -bound <= value.value <= bound:
                raise SreprError(f"{keyword.arg}={value.value} is beyond {bound:,}")
            found[keyword.arg] = value.value
        return found


def _is_text(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _constant(name: str) -> sympy.Basic:
    value = getattr(sympy, name, None) if not name.startswith("_") else None
    if isinstance(value, sympy.Basic) and not isinstance(value, type):
        return value
    raise SreprError(f"{name} is not a SymPy constant")


def _number_text(text: str) -> str:
    allowed = set("0123456789+-.eE") | {"i", "n", "f", "a"}  # digits, signs, exponent, inf and nan
    if len(text) > 100 or not set(text) <= allowed:
        raise SreprError("a Float must be spelled as a number")
    return text
