"""A safe reader for the expressions in `sympy` blocks.

Python's `ast` parses the text; nothing evaluates it. The tree is walked with a
whitelist (numbers, names from the note's scope, `+ - * / **`, calls of
declared functions and of a fixed list of SymPy functions, `x[i]` on indexed
names, tuples for bounds) and SymPy objects are built directly. Literals,
powers and the size of the tree are bounded, so `2**2**2**40` is an error, not
a hang; `diff`, `integrate` and `limit` stay unevaluated for the engine, which
works under time limits.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Mapping

import sympy

from .critical import as_written, quotient
from .scope import Scope

MAX_LENGTH = 2_000  # characters in one expression
MAX_NODES = 2_000
MAX_DIGITS = 100  # in an integer literal
MAX_POWER_BITS = 20_000  # bits a number raised to a number may have
MAX_EXACT_ARGUMENT = 1_000  # factorial(n), binomial(n, k), gamma(n) with larger literal n refused


class ExpressionError(Exception):
    """The expression cannot be read; the message says what is wrong."""


def _unevaluated(cls: type) -> Callable[..., sympy.Expr]:
    return lambda *args: cls(*args)


FUNCTIONS: Mapping[str, Callable[..., sympy.Expr]] = {
    "exp": sympy.exp, "log": sympy.log, "sqrt": sympy.sqrt,
    "sin": sympy.sin, "cos": sympy.cos, "tan": sympy.tan,
    "sinh": sympy.sinh, "cosh": sympy.cosh, "tanh": sympy.tanh,
    "asin": sympy.asin, "acos": sympy.acos, "atan": sympy.atan,
    "Abs": sympy.Abs, "conjugate": sympy.conjugate, "re": sympy.re, "im": sympy.im,
    "arg": sympy.arg, "sign": sympy.sign, "Max": sympy.Max, "Min": sympy.Min,
    "floor": sympy.floor, "ceiling": sympy.ceiling,
    "factorial": sympy.factorial, "binomial": sympy.binomial, "gamma": sympy.gamma,
    "Sum": sympy.Sum, "Product": sympy.Product,
    "diff": _unevaluated(sympy.Derivative), "Derivative": _unevaluated(sympy.Derivative),
    "integrate": _unevaluated(sympy.Integral), "Integral": _unevaluated(sympy.Integral),
    "limit": lambda *args: _limit(*args),
    "KroneckerDelta": sympy.KroneckerDelta, "Heaviside": sympy.Heaviside,
}  # fmt: skip
CONSTANTS: Mapping[str, sympy.Expr] = {"pi": sympy.pi, "oo": sympy.oo, "I": sympy.I, "E": sympy.E}
# `E` and `I` may be declared (an energy E shadows Euler's number); pi, oo and functions may not.
RESERVED = frozenset(FUNCTIONS) | frozenset({"pi", "oo"})
_EXACT = frozenset({"factorial", "binomial", "gamma"})


_DIRECTIONS = {"+": "+", "-": "-", "+-": "+-"}


def _limit(expr: sympy.Expr, variable: sympy.Expr, point: sympy.Expr, direction: str = "+-") -> sympy.Expr:
    """limit(f, x, a) is the two-sided limit, as a reader means it; limit(f, x, a, '+') one-sided."""
    if point in (sympy.oo, -sympy.oo):
        direction = "-" if point == sympy.oo else "+"
    return sympy.Limit(expr, variable, point, dir=direction)


class Reader:
    """Reads expressions in one scope; `warnings` collects what is allowed but suspicious."""

    def __init__(self, scope: Scope, parameters: Mapping[str, sympy.Symbol] | None = None) -> None:
        self.scope = scope
        self.parameters = dict(parameters or {})
        self.warnings: list[str] = []
        self._nodes = 0

    def expression(self, text: str) -> sympy.Expr:
        return self._read(self._parse(text))

    def equation(self, text: str) -> tuple[sympy.Expr, sympy.Expr]:
        """`LHS == RHS` → (lhs, rhs)."""
        tree = self._parse(text)
        if not (isinstance(tree, ast.Compare) and len(tree.ops) == 1 and isinstance(tree.ops[0], ast.Eq)):
            raise ExpressionError("expected an identity `LHS == RHS`")
        return self._read(tree.left), self._read(tree.comparators[0])

    def _parse(self, text: str) -> ast.expr:
        text = text.strip()
        if not text:
            raise ExpressionError("empty expression")
        if len(text) > MAX_LENGTH:
            raise ExpressionError(f"expression longer than {MAX_LENGTH} characters")
        try:
            return ast.parse(text, mode="eval").body
        except SyntaxError as error:
            raise ExpressionError(f"not an expression: {error.msg}") from None
        except (ValueError, MemoryError, RecursionError):
            raise ExpressionError("not an expression (too deeply nested or contains a NUL byte)") from None

    def _read(self, node: ast.AST) -> sympy.Expr:
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise ExpressionError(f"expression has more than {MAX_NODES} parts")
        handler = getattr(self, f"_{type(node).__name__}", None)
        if handler is None:
            raise ExpressionError(f"{_describe(node)} is not allowed in a sympy block")
        return handler(node)

    def _Constant(self, node: ast.Constant) -> sympy.Expr:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ExpressionError(f"{_describe(node)} is not allowed in a sympy block")
        if isinstance(value, int):
            if value.bit_length() > MAX_DIGITS * 3.33:
                raise ExpressionError(f"number with more than {MAX_DIGITS} digits")
            return sympy.Integer(value)
        if not math.isfinite(value):
            raise ExpressionError("number too large")
        return sympy.Rational(repr(value))  # the decimal as written: 0.1 is 1/10

    def _Name(self, node: ast.Name) -> sympy.Expr:
        name = node.id
        if name in self.parameters:
            return self.parameters[name]
        value = self.scope.value(name)
        if value is not None:
            if isinstance(value, sympy.IndexedBase):
                raise ExpressionError(f"{name} is an indexed family: write {name}[i]")
            return value
        if name in CONSTANTS:
            return CONSTANTS[name]
        if name in self.scope.functions or name in FUNCTIONS:
            raise ExpressionError(f"{name} is a function: call it, {name}(…)")
        if name == "e":
            self.warnings.append("a bare `e` is a symbol named e; Euler's number is E or exp(1)")
            return sympy.Symbol("e")
        raise ExpressionError(f"unknown name {name}: declare it with `symbols:` or define it with `:=`")

    def _BinOp(self, node: ast.BinOp) -> sympy.Expr:
        left, right = self._read(node.left), self._read(node.right)
        operator = type(node.op)
        if operator is ast.Add:
            return as_written(left + right, lambda: sympy.Add(left, right, evaluate=False), left, right)
        if operator is ast.Sub:
            return as_written(left - right, lambda: sympy.Add(left, -right, evaluate=False), left, right)
        if operator is ast.Mult:
            return as_written(left * right, lambda: sympy.Mul(left, right, evaluate=False), left, right)
        if operator is ast.Div:
            if right == 0:
                raise ExpressionError("division by zero")
            return quotient(left, right)
        if operator is ast.Pow:
            _check_power(left, right)
            return left**right
        raise ExpressionError(f"operator {_describe(node.op)} is not allowed; use + - * / **")

    def _UnaryOp(self, node: ast.UnaryOp) -> sympy.Expr:
        operand = self._read(node.operand)
        if isinstance(node.op, ast.USub):
            return -operand
        if isinstance(node.op, ast.UAdd):
            return operand
        raise ExpressionError(f"operator {_describe(node.op)} is not allowed")

    def _Tuple(self, node: ast.Tuple) -> sympy.Expr:
        return sympy.Tuple(*(self._read(element) for element in node.elts))

    def _Subscript(self, node: ast.Subscript) -> sympy.Expr:
        if not isinstance(node.value, ast.Name) or node.value.id not in self.scope.indexed:
            raise ExpressionError("only indexed names (declared `indexed`) take subscripts: x[i]")
        if isinstance(node.slice, ast.Slice):
            raise ExpressionError("slices are not allowed")
        index = self._read(node.slice)
        base = self.scope.indexed[node.value.id]
        return base[tuple(index)] if isinstance(index, sympy.Tuple) else base[index]

    def _Call(self, node: ast.Call) -> sympy.Expr:
        if not isinstance(node.func, ast.Name):
            raise ExpressionError("only named functions can be called: f(x)")
        if node.keywords:
            raise ExpressionError("keyword arguments are not allowed")
        name = node.func.id
        arguments: list = []
        for position, argument in enumerate(node.args):
            if isinstance(argument, ast.Starred):
                raise ExpressionError("*arguments are not allowed")
            if name == "limit" and position == 3:
                arguments.append(_direction(argument))
                continue
            arguments.append(self._read(argument))
        if name in self.parameters:
            raise ExpressionError(f"{name} is a parameter, not a function")
        if name in self.scope.functions:
            function = self.scope.functions[name]
            expected = len(function.variables) if isinstance(function, sympy.Lambda) else len(arguments)
            if len(arguments) != expected:
                raise ExpressionError(f"{name} takes {expected} argument(s), not {len(arguments)}")
            return function(*arguments)
        if name in FUNCTIONS:
            if name in _EXACT and any(a.is_Number and abs(a) > MAX_EXACT_ARGUMENT for a in arguments):
                raise ExpressionError(f"{name} of a number over {MAX_EXACT_ARGUMENT} is too large to compute")
            try:
                value = FUNCTIONS[name](*arguments)
            except (TypeError, ValueError) as error:
                raise ExpressionError(f"{name}(…): {error}") from None
            parts = [a for a in arguments if isinstance(a, sympy.Basic)]
            return as_written(value, lambda: FUNCTIONS[name](*arguments, evaluate=False), *parts)
        raise ExpressionError(f"unknown function {name}: define it with `{name}(x) := …`")


def _direction(node: ast.AST) -> str:
    """The side of a one-sided limit: '+' or '-' (the only strings a sympy block may contain)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in _DIRECTIONS:
        return _DIRECTIONS[node.value]
    raise ExpressionError("the direction of a limit is '+' or '-'")


def _check_power(base: sympy.Expr, exponent: sympy.Expr) -> None:
    """Refuse number**number that SymPy would compute exactly into something enormous."""
    if not (base.is_Number and exponent.is_Number):
        if exponent.is_Number and abs(exponent) > 10_000:
            raise ExpressionError("exponent larger than 10000")
        return
    if base in (0, 1, -1):
        return
    size = abs(exponent) * max(math.log2(abs(float(base))) if abs(base) > 1 else 1.0, 1.0)
    if size > MAX_POWER_BITS:
        raise ExpressionError("power too large to compute")


def _describe(node: ast.AST) -> str:
    names = {
        "Attribute": "attribute access (a.b)",
        "Lambda": "lambda",
        "ListComp": "a comprehension",
        "GeneratorExp": "a comprehension",
        "DictComp": "a comprehension",
        "SetComp": "a comprehension",
        "JoinedStr": "a string",
        "Constant": "this literal",
        "Compare": "a comparison",
        "BoolOp": "and/or",
        "IfExp": "if/else",
        "List": "a list",
        "Dict": "a dict",
        "Set": "a set",
        "NamedExpr": ":=",
        "Await": "await",
        "Yield": "yield",
        "BitXor": "^ (use ** for powers)",
        "MatMult": "@",
        "FloorDiv": "//",
        "Mod": "%",
    }
    return names.get(type(node).__name__, type(node).__name__)
