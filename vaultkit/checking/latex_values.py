"""Exact values within the reader's bounds: numbers as written, powers and factorials, and the check that
each value built stays printable and finite, so that hostile text is an error, fast. The same in both readings."""

from __future__ import annotations

import sympy
from lark import Token

from .latex_syntax import MAX_EXPONENT, MAX_FACTORIAL, MAX_NUMBER_BITS, TranslationError


def _number(token: Token) -> sympy.Expr:
    """`2.5` is 5/2 exactly: a decimal is never a float."""
    text = str(token)
    if "." in text:
        whole, fraction = text.split(".")
        return sympy.Rational(int(whole + fraction), 10 ** len(fraction))
    return sympy.Integer(int(text))


def _power(base: sympy.Expr, exponent: sympy.Expr) -> sympy.Expr:
    if not (isinstance(base, sympy.Expr) and isinstance(exponent, sympy.Expr)):  # (a, b)^2: a pair is no number
        raise TranslationError("a power of a tuple, a set or a relation", command="^", cause="unsupported-construct")
    if exponent.is_Rational:
        if max(abs(exponent.p), exponent.q) > MAX_EXPONENT:
            raise TranslationError(f"exponent {exponent} is larger than {MAX_EXPONENT}", command="^",
                                   cause="too-large")
        if base.is_Rational and base not in (0, 1, -1):
            bits = max(abs(base.p).bit_length(), base.q.bit_length()) * abs(exponent.p) / exponent.q
            if bits > MAX_NUMBER_BITS:
                raise TranslationError("power too large to compute", command="^", cause="too-large")
        if base == 0 and exponent.is_negative:
            raise TranslationError("division by zero", command="^", cause="unsupported-construct")
    elif exponent.is_number and exponent.is_finite is False:
        raise TranslationError("an infinite exponent", command="^", cause="unsupported-construct")
    return _checked(sympy.Pow(base, exponent))


def _checked(value: sympy.Expr) -> sympy.Expr:
    if value.is_Rational and max(abs(value.p).bit_length(), value.q.bit_length()) > MAX_NUMBER_BITS:
        raise TranslationError("number too large", cause="too-large")
    if value.has(sympy.zoo, sympy.nan):
        raise TranslationError("division by zero", cause="unsupported-construct")
    return value


def _factorial(value: sympy.Expr) -> sympy.Expr:
    if value.is_Integer and value > MAX_FACTORIAL:
        raise TranslationError(f"{value}! is larger than {MAX_FACTORIAL}!", command="!", cause="too-large")
    return _checked(sympy.factorial(value))
