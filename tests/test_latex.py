"""The LaTeX translator: every rule of the contract, every refusal, hostile input, and the vault's equations.

Results are compared with SymPy objects built directly (`==` is structural equality, `srepr` where
assumptions matter); `simplify(a - b) == 0` only where the shape is SymPy's business.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import sympy
from sympy import (
    Abs, Derivative, E, Function, I, Indexed, IndexedBase, Integer, Integral, Lambda, Limit, Max, Min,
    Product, Rational, Sum, Symbol, conjugate, cos, exp, im, log, oo, pi, re as sre, sin, sqrt, srepr, symbols,
)  # fmt: skip

from vaultkit.checking.claims import IndexRange
from vaultkit.checking.latex import TranslationError, translate, translate_equation, translate_equations
from vaultkit.checking.scope import Scope

# ---------------------------------------------------------------- scopes like the vault's sympy blocks

x_real = Symbol("x", real=True)
SIGMOID = Scope(symbols={"x": x_real}, functions={"sigma": Lambda(x_real, 1 / (1 + exp(-x_real)))})

i, j, k = symbols("i j k", integer=True)
n = Symbol("n", positive=True, integer=True)
T = Symbol("T", positive=True)
c = Symbol("c", real=True)
X = IndexedBase("x", real=True)
Z_SOFTMAX = Sum(exp(X[j] / T), (j, 1, n))
SOFTMAX = Scope(
    symbols={"T": T, "c": c, "n": n, "i": i, "j": j, "k": k},
    indexed={"x": X},
    definitions={"Z": Z_SOFTMAX},
    functions={"p": Lambda(k, exp(X[k] / T) / Z_SOFTMAX), "w": Lambda((i, j), i + 2 * j)},
    ranges={"i": IndexRange(i, Integer(1), n), "j": IndexRange(j, Integer(1), n), "k": IndexRange(k, Integer(1), n)},
)

beta = Symbol("beta", positive=True)
EN = IndexedBase("E", real=True)
Z_PARTITION = Sum(exp(-beta * EN[i]), (i, 1, n))
PARTITION = Scope(
    symbols={"beta": beta, "n": n, "i": i, "j": j},
    indexed={"E": EN},
    definitions={"Z": Z_PARTITION},
    functions={"p": Lambda(j, exp(-beta * EN[j]) / Z_PARTITION)},
    ranges={"i": IndexRange(i, Integer(1), n), "j": IndexRange(j, Integer(1), n)},
)

xr, kr, t, tau = symbols("x k t tau", real=True)
hbar, m, D = symbols("hbar m D", positive=True)
PSI = Lambda((xr, t), exp(I * (kr * xr - hbar * kr**2 * t / (2 * m))))
WICK = Scope(
    symbols={"x": xr, "k": kr, "t": t, "tau": tau, "hbar": hbar, "m": m},
    functions={"psi": PSI, "phi": Lambda((xr, tau), PSI(xr, -I * tau))},
)
HEAT = Scope(
    symbols={"x": xr, "tau": tau, "D": D},
    functions={"K": Lambda((xr, tau), exp(-xr**2 / (4 * D * tau)) / sqrt(4 * pi * D * tau))},
)

EMPTY = Scope()
x, y, z, a, b = symbols("x y z a b")


def tr(tex: str, scope: Scope = EMPTY, **kw) -> sympy.Expr:
    return translate(tex, scope, **kw)


def eq(tex: str, scope: Scope = EMPTY, **kw) -> tuple[sympy.Expr, sympy.Expr]:
    return translate_equation(tex, scope, **kw)


def refused(tex: str, scope: Scope = EMPTY, *, equation: bool = False, **kw) -> TranslationError:
    with pytest.raises(TranslationError) as info:
        (translate_equation if equation else translate)(tex, scope, **kw)
    return info.value


# ---------------------------------------------------------------- the error type


def test_translation_error_carries_message_command_and_cause():
    error = refused(r"\nabla u")
    assert error.command == r"\nabla"
    assert error.cause == "unsupported-construct"
    assert str(error) == error.message and "\\nabla" in error.message


# ---------------------------------------------------------------- names


def test_undeclared_letter_is_a_symbol_without_assumptions():
    assert srepr(tr("x")) == "Symbol('x')"


def test_declared_symbol_keeps_its_assumptions():
    assert tr("x", SIGMOID) is x_real


def test_greek_letter_undeclared():
    assert srepr(tr(r"\alpha")) == "Symbol('alpha')"


def test_greek_letter_declared():
    alpha = Symbol("alpha", positive=True)
    assert tr(r"\alpha", Scope(symbols={"alpha": alpha})) is alpha


def test_capital_greek_letter():
    assert tr(r"\Omega") == Symbol("Omega")


def test_varphi_is_the_letter_phi():
    phi = Symbol("phi", real=True)
    assert tr(r"\varphi", Scope(symbols={"phi": phi})) is phi
    assert tr(r"\varphi + \phi") == 2 * Symbol("phi")


def test_varphi_declared_under_its_own_name_wins():
    varphi = Symbol("varphi", real=True)
    assert tr(r"\varphi", Scope(symbols={"varphi": varphi, "phi": Symbol("phi")})) is varphi


def test_definition_is_substituted():
    assert tr("Z", PARTITION) == Z_PARTITION


def test_implicit_products():
    assert tr("xy") == x * y
    assert tr("2x") == 2 * x
    assert tr(r"\alpha \beta") == Symbol("alpha") * Symbol("beta")
    assert tr(r"x\,y") == x * y


def test_hbar_defaults_to_a_positive_symbol():
    assert srepr(tr(r"\hbar")) == "Symbol('hbar', positive=True)"


def test_hbar_declared_in_scope():
    h = Symbol("hbar", real=True)
    assert tr(r"\hbar", Scope(symbols={"hbar": h})) is h


def test_pi_and_infinity():
    assert tr(r"2\pi") == 2 * pi
    assert tr(r"\infty") == oo


def test_capital_e_and_i_are_ordinary_names():
    assert tr("E + I") == Symbol("E") + Symbol("I")


# ---------------------------------------------------------------- e and i


def test_e_to_a_power_is_exp():
    assert tr("e^{-x}") == exp(-x)
    assert tr("e^x") == exp(x)


def test_bare_undeclared_e_is_eulers_number_like_e_to_a_power():
    # one letter, one meaning: e is Euler's number wherever it stands, not a symbol beside exp(…)
    assert tr("e") == E
    assert eq(r"\ln e = 1") == (log(E), 1)
    assert eq(r"e^2 = e \cdot e") == (exp(2), E * E)
    assert eq(r"\lim_{n\to\infty}(1+1/n)^n = e") == (Limit((1 + 1 / Symbol("n")) ** Symbol("n"), Symbol("n"), oo), E)
    assert eq("e(1 + x) = e + e x") == (E * (1 + x), E + E * x)  # a constant before parentheses multiplies


def test_subscripted_e_is_a_name_of_its_own():
    assert eq("m_e = e_1 + e") == (Symbol("m_e"), Symbol("e_1") + E)


@pytest.mark.parametrize("tex", [r"\int_0^1 x\, de = 1", r"\sum_{e=1}^{3} e = 6", r"\frac{d}{de} x = 0"])
def test_undeclared_e_as_a_variable_is_refused(tex):
    error = refused(tex, equation=True)
    assert (error.cause, error.command) == ("ambiguous", "e")
    assert "Euler" in error.message and "declare" in error.message


def test_undeclared_e_as_an_index_is_refused():
    assert refused("x_e", SOFTMAX).command == "e"


def test_declared_e_is_that_symbol_everywhere():
    e = Symbol("e", real=True)
    scope = Scope(symbols={"e": e})
    assert eq(r"e^{2} = e \cdot e", scope) == (e**2, e**2)
    assert eq(r"\ln e = 1", scope) == (log(e), 1)
    assert eq(r"\exp(2) + \mathrm{e}^{x} = \mathrm{e}", scope) == (exp(2) + exp(x), E)


def test_mathrm_e_and_exp_are_exponentials():
    assert tr(r"\mathrm{e}^{x}") == exp(x)
    assert tr(r"\mathrm{e}") == E
    assert tr(r"\exp(x)") == exp(x)
    assert tr(r"\exp x") == exp(x)


def test_declared_e_is_that_symbol_even_with_a_power():
    e = Symbol("e", positive=True)
    assert tr("e^{2}", Scope(symbols={"e": e})) == e**2


@pytest.mark.parametrize(
    "tex", [r"e^{i\pi} + 1 = 0", r"-i\tau = 1", r"i^2 = -1", r"\sin(i) = 1", r"\lim_{i \to 0} i = 0"]
)
def test_undeclared_i_outside_an_index_is_refused_with_the_hint(tex):
    error = refused(tex, equation=True)
    assert (error.cause, error.command) == ("ambiguous", "i")
    assert r"\mathrm{i}" in error.message and r"\imath" in error.message and "declare i" in error.message


@pytest.mark.parametrize("tex", [r"\sum_{i=1}^{n} x_i = x_i\, i", r"\sum_{i=1}^{n} x_i + i = 1", "y_i = i"])
def test_i_as_an_index_and_a_factor_is_refused(tex):
    error = refused(tex, equation=True)
    assert (error.cause, error.command) == ("ambiguous", "i")
    assert "both an index and a factor" in error.message


def test_undeclared_i_as_an_index_is_a_name():
    ii, nn = Symbol("i"), Symbol("n")
    assert eq(r"\sum_{i=1}^{n} i = \frac{n(n+1)}{2}") == (Sum(ii, (ii, 1, nn)), nn * (nn + 1) / 2)
    assert eq(r"\prod_{i=1}^{3} i = 6") == (Product(ii, (ii, 1, 3)), 6)
    assert eq(r"\sum_{i=1}^{n}(i + 1) = n") == (Sum(ii + 1, (ii, 1, nn)), nn)  # the parentheses are the body
    assert eq(r"\sum_{i=1}^{n} e^{i x} = 0") == (Sum(exp(ii * x), (ii, 1, nn)), 0)
    assert eq("x_i = y_i") == (Symbol("x_i"), Symbol("y_i"))
    scope = Scope(indexed={"x": X})
    assert eq("x_{i+1} = x_i", scope) == (X[ii + 1], X[ii])


def test_declared_i_is_that_symbol():
    assert eq(r"i^2 = -i", SOFTMAX) == (i**2, -i)
    assert eq("i = 1", Scope(ranges={"i": IndexRange(i, Integer(1), n)})) == (i, 1)


def test_mathrm_i_and_imath_are_the_imaginary_unit_in_euler_s_identity():
    assert eq(r"e^{\mathrm{i}\pi} + 1 = 0") == (0, 0)
    assert eq(r"e^{\imath\pi} + 1 = 0") == (0, 0)
    assert eq(r"\mathrm{e}^{\mathrm{i} x} = \cos x + \mathrm{i} \sin x") == (exp(I * x), cos(x) + I * sin(x))


def test_the_free_reading_keeps_its_reading_of_e_and_i():
    assert srepr(tr("e", free=True)) == "Symbol('e')"
    assert tr(r"-i\tau", free=True) == -Symbol("i") * Symbol("tau")
    assert tr("e^{i x}", free=True) == exp(Symbol("i") * x)


def test_mathrm_i_and_imath_are_the_imaginary_unit():
    assert tr(r"\mathrm{i}\hbar") == I * Symbol("hbar", positive=True)
    assert tr(r"e^{\imath x}") == exp(I * x)


def test_mathrm_i_is_ambiguous_when_the_scope_declares_i():
    error = refused(r"\mathrm{i} x", SOFTMAX)
    assert (error.cause, error.command) == ("ambiguous", r"\mathrm{i}")


# ---------------------------------------------------------------- subscripts


def test_subscript_of_an_indexed_family():
    assert tr("x_i", SOFTMAX) == X[i]
    assert tr("x_{i}", SOFTMAX) == X[i]
    assert isinstance(tr("x_k", SOFTMAX), Indexed)


def test_multi_letter_subscript_of_an_indexed_family():
    assert tr("x_{ij}", SOFTMAX) == X[i, j]
    assert tr("x_{i,j}", SOFTMAX) == X[i, j]


def test_number_and_expression_subscripts_of_an_indexed_family():
    assert tr("x_1", SOFTMAX) == X[1]
    assert tr("x_{i+1}", SOFTMAX) == X[i + 1]


def test_subscript_of_a_one_argument_function_is_a_call():
    assert tr("p_i", SOFTMAX) == exp(X[i] / T) / Z_SOFTMAX


def test_subscript_of_a_two_argument_function_is_a_call():
    assert tr("w_{ij}", SOFTMAX) == i + 2 * j


def test_subscript_of_a_plain_name_makes_a_new_name():
    assert srepr(tr("x_i")) == "Symbol('x_i')"
    assert tr("x_{ij}") == Symbol("x_ij")
    assert tr("k_B T") == Symbol("k_B") * Symbol("T")
    assert tr(r"\sigma_0") == Symbol("sigma_0")


def test_subscripted_name_declared_in_scope():
    kb = Symbol("k_B", positive=True)
    assert tr("k_B", Scope(symbols={"k_B": kb})) is kb


def test_text_subscript_is_part_of_the_name():
    assert tr(r"T_\text{eff} + T_{\mathrm{eff}}") == 2 * Symbol("T_eff")


def test_expression_subscript_of_a_plain_name_is_refused():
    error = refused("x_{t-1}")
    assert error.cause == "unsupported-construct"


def test_bare_indexed_family_is_refused():
    error = refused("x + 1", SOFTMAX)
    assert error.command == "x" and "indexed" in error.message


# ---------------------------------------------------------------- calls and products


def test_call_of_a_scope_function():
    assert tr(r"\sigma(x)", SIGMOID) == 1 / (1 + exp(-x_real))
    assert tr(r"\sigma\left(-x\right)", SIGMOID) == 1 / (1 + exp(x_real))


def test_call_of_an_undefined_function_is_refused():
    error = refused(r"\sigma(x)")
    assert (error.cause, error.command) == ("unknown-function", r"\sigma")


def test_call_of_an_undefined_function_in_free_mode():
    assert tr(r"\sigma(x)", free=True) == Function("sigma")(x)
    assert tr("f(x, y)", free=True) == Function("f")(x, y)


def test_call_with_wrong_number_of_arguments():
    error = refused(r"\sigma(x, 1)", SIGMOID)
    assert error.command == r"\sigma" and "1 argument" in error.message


def test_function_without_arguments_is_refused():
    error = refused(r"1 + \sigma", SIGMOID)
    assert error.command == r"\sigma"


def test_declared_name_before_parentheses_is_a_product():
    assert tr("x(1-x)", SIGMOID) == x_real * (1 - x_real)


def test_name_used_as_a_value_elsewhere_multiplies_its_parentheses():
    nn, kk = Symbol("n"), Symbol("k")
    assert eq(r"\sum_{k=1}^{n} k = \frac{n(n+1)}{2}") == (Sum(kk, (kk, 1, nn)), nn * (nn + 1) / 2)
    assert eq("n(n+1) = n^2 + n") == (nn * (nn + 1), nn**2 + nn)  # the inner n is a value
    assert eq("a(b + c) = a b + a c") == (a * (b + Symbol("c")), a * b + a * Symbol("c"))
    assert eq("x_a = a(1 + b)") == (Symbol("x_a"), a * (1 + b))  # a subscript is a value too
    n_declared = Symbol("n", positive=True, integer=True)
    assert eq("n(n+1) = 2", Scope(symbols={"n": n_declared})) == (n_declared * (n_declared + 1), 2)


def test_name_applied_and_used_nowhere_else_stays_a_function():
    error = refused("f(x) = x^2", equation=True)
    assert (error.cause, error.command) == ("unknown-function", "f")
    assert refused("a(b + c) = a b + f(b)", equation=True).command == "f"  # a multiplies, f is applied
    assert tr("f(x)", free=True) == Function("f")(x)


def test_call_then_parentheses():
    s = 1 / (1 + exp(-x_real))
    assert tr(r"\sigma(x)(1-\sigma(x))", SIGMOID) == s * (1 - s)


def test_number_or_power_before_parentheses_is_a_product():
    assert tr("2(x+1)") == 2 * (x + 1)
    assert tr("x^2(1-x)") == x**2 * (1 - x)
    assert tr(r"x_i(1-x_i)", SOFTMAX) == X[i] * (1 - X[i])


def test_operatorname_of_a_scope_function():
    scope = Scope(functions={"softmax": Lambda(x, 2 * x)})
    assert tr(r"\operatorname{softmax}(y)", scope) == 2 * y


def test_operatorname_unknown_function():
    error = refused(r"\operatorname{Tr} \rho")
    assert (error.cause, error.command) == ("unknown-function", r"\operatorname{Tr}")
    assert tr(r"\operatorname{Tr} \rho", free=True) == Function("Tr")(Symbol("rho"))


# ---------------------------------------------------------------- built-in functions


def test_ln_and_log_are_natural_logarithms():
    assert tr(r"\ln x") == log(x)
    assert tr(r"\log(x)") == log(x)
    assert tr(r"\ln \frac{p}{1-p}") == log(Symbol("p") / (1 - Symbol("p")))


def test_log_with_a_base():
    assert tr(r"\log_2 x") == log(x, 2)


@pytest.mark.parametrize(
    "command, function",
    [
        ("sin", sympy.sin), ("cos", sympy.cos), ("tan", sympy.tan), ("sinh", sympy.sinh), ("cosh", sympy.cosh),
        ("tanh", sympy.tanh), ("arcsin", sympy.asin), ("arccos", sympy.acos), ("arctan", sympy.atan),
    ],
)  # fmt: skip
def test_trigonometric_and_hyperbolic_functions(command, function):
    assert tr(f"\\{command}(x)") == function(x)
    assert tr(f"\\{command} x") == function(x)


def test_power_of_a_function():
    assert tr(r"\sin^2 x + \cos^2\frac{\theta}{2}") == sin(x) ** 2 + cos(Symbol("theta") / 2) ** 2


def test_inverse_power_of_a_function_is_refused():
    error = refused(r"\sin^{-1} x")
    assert (error.cause, error.command) == ("ambiguous", r"\sin")


def test_argument_without_parentheses_takes_one_factor():
    assert tr(r"\sin x \cos y") == sin(x) * cos(y)
    assert tr(r"\sin(x) y") == sin(x) * y


@pytest.mark.parametrize("tex", [r"\sin 2x", r"\ln x y", r"\ln 2\pi"])
def test_argument_without_parentheses_followed_by_a_factor_is_ambiguous(tex):
    assert refused(tex).cause == "ambiguous"


def test_max_and_min():
    assert tr(r"\max(0, z)") == Max(0, z)
    assert tr(r"\min\left(a, b\right)") == Min(a, b)


def test_max_without_parentheses_is_refused():
    assert refused(r"\max z").command == r"\max"


def test_real_and_imaginary_parts_and_conjugate():
    assert tr(r"\mathrm{Re}(z) + \operatorname{Im}(z)") == sre(z) + im(z)
    assert tr("c^*") == conjugate(Symbol("c"))


# ---------------------------------------------------------------- fractions, roots, operators, numbers


def test_fractions():
    assert tr(r"\frac{a}{b}") == a / b
    assert tr(r"\dfrac{a}{b} + \tfrac{1}{2}") == a / b + Rational(1, 2)
    assert tr(r"\frac12") == Rational(1, 2)
    assert tr(r"\frac{\hbar}{2m}") == Symbol("hbar", positive=True) / (2 * Symbol("m"))


def test_roots():
    assert tr(r"\sqrt{x}") == sqrt(x)
    assert tr(r"\sqrt[3]{x}") == x ** Rational(1, 3)  # x may be complex: the principal root


def test_odd_root_of_a_real_argument_is_the_real_root():
    assert eq(r"\sqrt[3]{-8} = -2") == (-2, -2)
    assert tr(r"\sqrt[3]{x}", SIGMOID) == sympy.real_root(x_real, 3)
    assert tr(r"\sqrt[5]{-x^2}", SIGMOID) == sympy.real_root(-(x_real**2), 5)
    assert tr(r"\sqrt[3]{\pi - 4}") == sympy.real_root(pi - 4, 3)


def test_even_or_symbolic_root_and_complex_argument_stay_principal():
    assert tr(r"\sqrt[4]{-16}") == (-16) ** Rational(1, 4)
    assert tr(r"\sqrt[3]{\mathrm{i}}") == I ** Rational(1, 3)
    assert tr(r"\sqrt[n]{-8}") == (-8) ** (1 / Symbol("n"))
    assert tr(r"\sqrt[3]{-8}", free=True) == -2  # the free reading: the real cube root its author means


def test_factorials_and_binomial_coefficients():
    nn, kk = Symbol("n"), Symbol("k")
    factorial, binomial = sympy.factorial, sympy.binomial
    assert eq("n! = 1") == (factorial(nn), 1)
    assert eq("(n+1)! = (n+1) n!") == (factorial(nn + 1), (nn + 1) * factorial(nn))
    assert eq(r"\frac{n!}{k!(n-k)!} = \binom{n}{k}") == (
        factorial(nn) / (factorial(kk) * factorial(nn - kk)), binomial(nn, kk)
    )
    assert eq(r"5! = \binom{5}{2} \cdot 12") == (120, 120)
    assert tr(r"\dbinom{n}{2} + \tbinom{n}{1}") == binomial(nn, 2) + binomial(nn, 1)
    assert tr(r"\sigma(x)!", SIGMOID) == factorial(1 / (1 + exp(-x_real)))
    assert tr(r"\binom{n}{k}", free=True) == binomial(nn, kk)


@pytest.mark.parametrize(
    "tex, cause, command",
    [
        (r"\log(n)! = 1", "ambiguous", "!"),  # log(n!) or (log n)!
        (r"{n \choose k} = 1", "unsupported-construct", r"\choose"),
        ("!n = 1", "unsupported-construct", "!"),
        ("n!! = 1", "syntax", "!"),
        (r"\frac{d}{dx}! = 1", "syntax", "!"),
        ("2000! = 1", "too-large", "!"),
        (r"(10^{100})! = 1", "too-large", "!"),
        (r"\binom{10^{6}}{5000} = 1", "too-large", r"\binom"),
        (r"\binom{-5}{3000} = 1", "too-large", r"\binom"),
        ("(-1)! = 1", "unsupported-construct", None),  # a pole: division by zero
    ],
)
def test_factorials_that_cannot_be_read(tex, cause, command):
    error = refused(tex, equation=True)
    assert (error.cause, error.command) == (cause, command)


def test_binomial_coefficients_sympy_would_take_long_to_evaluate_stay_unevaluated_and_fast():
    assert tr(r"\binom{\pi}{5000}") == sympy.binomial(pi, 5000, evaluate=False)
    assert tr(r"\binom{10^{100}}{\frac{1}{3}}") == sympy.binomial(Integer(10) ** 100, Rational(1, 3), evaluate=False)
    assert tr(r"\binom{10^{100}}{10^{100} - 3}") == sympy.binomial(Integer(10) ** 100, 3)  # the smaller side counts


def test_explicit_multiplication_and_division():
    assert tr(r"a \cdot b \times 2") == 2 * a * b
    assert tr("a / b") == a / b
    assert tr(r"a \div b") == a / b
    assert tr(r"x_i/T", SOFTMAX) == X[i] / T


def test_division_followed_by_implicit_product_is_ambiguous():
    error = refused(r"\hbar/2m")
    assert (error.cause, error.command) == ("ambiguous", "/")


def test_decimal_numbers_are_exact():
    assert tr("0.5x") == x / 2
    assert tr("1.25") == Rational(5, 4)


def test_two_numbers_side_by_side_are_ambiguous():
    assert refused("2 3").cause == "ambiguous"


def test_powers():
    assert tr("x^2 + x^{n} + x^{-1}") == x**2 + x ** Symbol("n") + 1 / x
    assert tr("-x^2") == -(x**2)


def test_unbraced_multi_digit_exponent_is_ambiguous():
    error = refused("x^23")
    assert (error.cause, error.command) == ("ambiguous", "23")


def test_label_superscript_is_refused():
    error = refused(r"W^{(\ell)}")
    assert error.cause == "unsupported-construct" and error.command.startswith("^{(")


# ---------------------------------------------------------------- absolute values


def test_absolute_value_bars():
    assert tr("|x|") == Abs(x)
    assert tr(r"|\alpha|^2 + |\beta|^2") == Abs(Symbol("alpha")) ** 2 + Abs(Symbol("beta")) ** 2


def test_absolute_value_commands():
    assert tr(r"\lvert x \rvert") == Abs(x)
    assert tr(r"\left| x - y \right|") == Abs(x - y)
    assert tr(r"\big| x \big|") == Abs(x)


def test_absolute_values_side_by_side_and_nested():
    assert tr("|x||y|") == Abs(x) * Abs(y)
    assert tr("||x|-|y||") == Abs(Abs(x) - Abs(y))


# ---------------------------------------------------------------- derivatives


def test_derivative_operator():
    assert tr(r"\frac{d}{dx} x^3") == Derivative(x**3, x)
    assert tr(r"\frac{d}{dx}\left(x^2 y\right) + 1") == Derivative(x**2 * y, x) + 1


def test_derivative_of_an_expression():
    assert tr(r"\frac{d(x^2)}{dx}") == Derivative(x**2, x)
    assert tr(r"\frac{d \sin x}{dx}") == Derivative(sin(x), x)


def test_derivative_of_a_scope_function_applies_it_to_the_variable():
    assert tr(r"\frac{d\sigma}{dx}", SIGMOID) == Derivative(1 / (1 + exp(-x_real)), x_real)


def test_second_derivative():
    scope = Scope(symbols={"x": x}, definitions={"y": x**3})
    assert tr(r"\frac{d^2 y}{dx^2}", scope) == Derivative(x**3, (x, 2))
    assert tr(r"\frac{d^2}{dx^2} x^3") == Derivative(x**3, (x, 2))


def test_partial_derivatives_as_fractions():
    assert tr(r"\frac{\partial (x^2 y)}{\partial x}") == Derivative(x**2 * y, x)
    assert tr(r"\frac{\partial^2 (x^2 y^3)}{\partial x^2}") == Derivative(x**2 * y**3, (x, 2))
    assert tr(r"\frac{\partial^2 (x^2 y^3)}{\partial x \partial y}") == Derivative(x**2 * y**3, x, y)


def test_partial_with_subscript():
    assert tr(r"\partial_x (x^2 y)") == Derivative(x**2 * y, x)
    assert tr(r"\partial_x^2 x^3") == Derivative(x**3, (x, 2))
    assert tr(r"\partial_{xy} (x y)") == Derivative(x * y, x, y)


def test_derivative_of_a_two_parameter_function_uses_its_parameters():
    assert tr(r"\frac{\partial \psi}{\partial t}", WICK) == Derivative(PSI(xr, t), t)


def test_derivative_of_a_two_parameter_function_by_another_name_is_ambiguous():
    error = refused(r"\frac{\partial \psi}{\partial \tau}", WICK)
    assert (error.cause, error.command) == ("ambiguous", r"\psi")


def test_derivative_by_an_indexed_variable():
    assert tr(r"\frac{\partial \ln Z}{\partial x_k}", SOFTMAX) == Derivative(log(Z_SOFTMAX), X[k])


def test_derivative_of_an_undefined_name_is_refused_rather_than_zero():
    error = refused(r"\frac{\partial f}{\partial x}")
    assert error.cause == "unknown-function" and "would be 0" in error.message


def test_derivative_of_an_undefined_name_in_free_mode():
    assert tr(r"\frac{\partial^2 f}{\partial x \partial y}", free=True) == Derivative(Function("f")(x, y), x, y)


def test_derivative_by_a_defined_name_is_refused():
    error = refused(r"\frac{\partial x}{\partial Z}", SOFTMAX.merged(Scope(symbols={"x": x})))
    assert error.command == "Z"


def test_derivative_orders_must_match():
    assert refused(r"\frac{d^2 (x^3)}{dx}").cause == "syntax"


@pytest.mark.parametrize(
    "tex, scope",
    [
        (r"\frac{d}{dx}(x^2)\, x = 3x^2", EMPTY),  # d(x²)/dx · x, or d(x³)/dx?
        (r"\frac{d}{dx} f(x) g(x) = 1", EMPTY),
        (r"\frac{d}{dx} \sigma(x) \sigma(x) = 1", SIGMOID),
        (r"\frac{d}{dx} x \sigma(x) = 1", SIGMOID),
        (r"\partial_x (x^2) y = 2xy", EMPTY),
        (r"\frac{d}{dx}\left(x\right)^2 x = 1", EMPTY),
        (r"\int_0^1 \frac{d}{dx}(x^2)\, x \, dx = 1", EMPTY),
    ],
)
def test_derivative_before_a_product_of_operands_is_ambiguous(tex, scope):
    error = refused(tex, scope, equation=True)
    assert error.cause == "ambiguous" and error.command.startswith((r"\frac{d}", r"\partial"))
    assert "whole product or of its first factor" in error.message


def test_derivative_of_one_group_or_one_factor_is_read():
    scope = Scope(symbols={"x": x}, functions={"f": Lambda(x, x**2), "g": Lambda(x, sin(x))})
    assert eq(r"\frac{d}{dx}\left(f(x) g(x)\right) = 0", scope)[0] == Derivative(x**2 * sin(x), x)
    assert eq(r"\frac{d}{dx} x^2 = 2x") == (Derivative(x**2, x), 2 * x)
    assert eq(r"\frac{d}{dx}(x^2) = 2x") == (Derivative(x**2, x), 2 * x)
    assert eq(r"\frac{d}{dx} 3 x^2 y = 6 x y") == (Derivative(3 * x**2 * y, x), 6 * x * y)
    assert eq(r"\partial_x (x^2 y) = 2 x y") == (Derivative(x**2 * y, x), 2 * x * y)


def test_derivative_operator_needs_something_to_act_on():
    assert refused(r"\frac{d}{dx}").cause == "syntax"


def test_lone_partial_is_refused():
    assert refused(r"\partial f").command == r"\partial"


def test_differential_outside_integral_is_refused():
    error = refused(r"dF")
    assert (error.cause, error.command) == ("unsupported-construct", "dF")


def test_declared_d_multiplies():
    d = Symbol("d", real=True)
    assert tr("d x", Scope(symbols={"d": d})) == d * x
    assert tr(r"\frac{d}{2}") == Symbol("d") / 2


# ---------------------------------------------------------------- sums and products


def test_sum_with_bounds():
    assert tr(r"\sum_{i=1}^{n} x_i", SOFTMAX) == Sum(X[i], (i, 1, n))
    assert tr(r"\sum_{m=0}^{\infty} y^m") == Sum(y ** Symbol("m"), (Symbol("m"), 0, oo))


def test_sum_over_the_declared_range():
    assert tr(r"\sum_i x_i", SOFTMAX) == Sum(X[i], (i, 1, n))
    assert tr(r"\sum_{k} x_k^2", SOFTMAX) == Sum(X[k] ** 2, (k, 1, n))


def test_sum_without_a_range_is_refused():
    error = refused(r"\sum_i c_i")
    assert (error.cause, error.command) == ("no-range", r"\sum")
    assert "range" in error.message


def test_sum_with_upper_bound_only_is_refused():
    assert refused(r"\sum_i^n x_i", SOFTMAX).command == r"\sum"


def test_sum_with_lower_bound_only_is_refused():
    assert refused(r"\sum_{i=1} x_i", SOFTMAX).command == r"\sum"


def test_sum_body_is_the_rest_of_the_product():
    w = Symbol("w_i") * X[i]
    assert tr(r"\sum_{i=1}^{n} w_i x_i + b", SOFTMAX) == Sum(w, (i, 1, n)) + b
    assert tr(r"\frac{1}{n} \sum_i x_i", SOFTMAX) == Sum(X[i], (i, 1, n)) / n


def test_sum_over_two_indices():
    assert tr(r"\sum_{i,j} x_{ij}", SOFTMAX) == Sum(X[i, j], (i, 1, n), (j, 1, n))


def test_sum_with_condition_is_refused():
    error = refused(r"\sum_{i \neq j} x_i", SOFTMAX)
    assert error.command == r"\neq"


def test_sum_index_that_is_a_definition_is_refused():
    assert refused(r"\sum_{Z=1}^{3} Z", SOFTMAX).command == "Z"


def test_products():
    assert tr(r"\prod_{k=1}^{n} k") == Product(Symbol("k"), (Symbol("k"), 1, Symbol("n")))
    assert tr(r"\prod_k x_k", SOFTMAX) == Product(X[k], (k, 1, n))


# ---------------------------------------------------------------- integrals and limits


def test_definite_integral():
    assert tr(r"\int_0^1 x^2 \, dx") == Integral(x**2, (x, 0, 1))
    assert tr(r"\int_{-\infty}^{\infty} e^{-x^2}\,dx") == Integral(exp(-(x**2)), (x, -oo, oo))


def test_integral_with_differential_first_or_upright():
    assert tr(r"\int_0^1 dx\, x") == Integral(x, (x, 0, 1))
    assert tr(r"\int_0^1 x \,\mathrm{d}x") == Integral(x, (x, 0, 1))


def test_integral_continues_the_product_after_its_differential():
    assert tr(r"\int_0^1 x\, dx \cdot 2") == 2 * Integral(x, (x, 0, 1))


def test_nested_integrals():
    assert tr(r"\int_0^1 \int_0^2 x y \, dx \, dy") == Integral(Integral(x * y, (x, 0, 2)), (y, 0, 1))


def test_indefinite_integral_is_refused():
    error = refused(r"\int f\, dx")
    assert (error.cause, error.command) == ("unsupported-construct", r"\int")


def test_integral_without_differential_is_refused():
    assert refused(r"\int_0^1 x").command == r"\int"


def test_limits():
    assert tr(r"\lim_{x \to 0} \frac{\sin x}{x}") == Limit(sin(x) / x, x, 0, dir="+-")
    assert tr(r"\lim_{x \to 0^+} \frac{1}{x}") == Limit(1 / x, x, 0, dir="+")
    assert tr(r"\lim_{x \to \infty} \frac{1}{x}") == Limit(1 / x, x, oo)


def test_limit_is_two_sided_unless_a_side_is_written():
    assert eq(r"\lim_{x \to a} f = L") == (Limit(Symbol("f"), x, a, dir="+-"), Symbol("L"))
    assert eq(r"\lim_{x \to 0} \frac{|x|}{x} = 1")[0] == Limit(Abs(x) / x, x, 0, dir="+-")
    assert eq(r"\lim_{x \to a^-} f = L")[0] == Limit(Symbol("f"), x, a, dir="-")
    assert eq(r"\lim_{x \to 0^{+}} \frac{1}{x} = \infty")[0] == Limit(1 / x, x, 0, dir="+")
    assert eq(r"\lim_{x \to -\infty} e^{x} = 0")[0] == Limit(exp(x), x, -oo)


def test_limit_without_arrow_is_refused():
    assert refused(r"\lim x").command == r"\lim"


# ---------------------------------------------------------------- equations


def test_equation_sides():
    assert eq("a + b = 1") == (a + b, Integer(1))


@pytest.mark.parametrize("ending", [",", ".", ";", r"\,", r".\;", r" ,\quad"])
def test_trailing_punctuation_is_ignored(ending):
    assert eq("a = b" + ending) == (a, b)


@pytest.mark.parametrize(
    "relation", [r"\approx", r"\le", r"\leq", r"\ge", "<", ">", r"\propto", r"\to", r"\neq", r"\sim", r"\equiv"]
)
def test_relations_other_than_equality_are_refused(relation):
    error = refused(f"a {relation} b", equation=True)
    assert (error.cause, error.command) == ("relation", relation)


def test_arrow_is_not_dropped():
    error = refused(r"x \to 0", equation=True)
    assert error.command == r"\to"
    assert refused(r"x \to 0").cause == "relation"


def test_chain_is_refused_as_one_equation_but_read_as_two():
    assert refused("a = b = c", equation=True).cause == "multiple-equations"
    assert translate_equations("a = b = c", EMPTY) == [(a, b), (b, Symbol("c"))]


def test_qquad_separated_equations():
    error = refused(r"a = b, \qquad x = y", equation=True)
    assert (error.cause, error.command) == ("multiple-equations", r"\qquad")
    assert translate_equations(r"a = b, \qquad x = y.", EMPTY) == [(a, b), (x, y)]


def test_qquad_separated_condition_spoils_the_list():
    assert refused(r"a = b, \qquad x > 0", equation=True).command == ">"
    with pytest.raises(TranslationError):
        translate_equations(r"a = b, \qquad x > 0", EMPTY)


def test_expression_is_not_an_equation():
    assert refused("a + b", equation=True).cause == "not-an-equation"


def test_translate_refuses_a_relation():
    assert refused("a = b").cause == "relation"


def test_text_conditions_are_refused_and_empty_text_is_ignored():
    error = refused(r"a = b \text{ for all } x", equation=True)
    assert (error.cause, error.command) == ("unsupported-construct", r"\text")
    assert eq(r"a = b \text{ }") == (a, b)


# ---------------------------------------------------------------- spacing and sizing


@pytest.mark.parametrize(
    "tex",
    [
        r"x\,y", r"x\;y", r"x\:y", r"x\!y", r"x\ y", "x~y", r"\displaystyle x y", r"\left(x\right) y",
        r"\bigl(x\bigr) y", r"\Bigl(x\Bigr) y", r"\big(x\big) y", r"\Big(x\Big) y", r"(x \quad y)",
    ],
)  # fmt: skip
def test_spacing_and_sizing_are_ignored(tex):
    assert tr(tex) == x * y


# ---------------------------------------------------------------- refused constructs


@pytest.mark.parametrize(
    "tex, command",
    [
        (r"\nabla^2 u", r"\nabla"), (r"\vec{v}", r"\vec"), (r"\langle x \rangle", r"\langle"),
        (r"\mathbb{R}", r"\mathbb"), (r"\hat{H}\psi", r"\hat"), (r"\ket{0}", r"\ket"), (r"a \otimes b", r"\otimes"),
        (r"\mathbf{x}", r"\mathbf"), (r"a + \cdots + b", r"\cdots"), (r"\alpha'", "'"), (r"a \pm b", r"\pm"),
        (r"\begin{pmatrix} 1 & 1 \end{pmatrix}", r"\begin{pmatrix}"), (r"!n", "!"), (r"\{a\}", "\\{"),
        (r"\|x\|", "\\|"), (r"\bar{\alpha}", r"\bar"), (r"\left. x \right|", r"\left."),
    ],
)  # fmt: skip
def test_unsupported_constructs_are_named(tex, command):
    error = refused(tex)
    assert (error.cause, error.command) == ("unsupported-construct", command)


def test_unknown_command_is_named():
    error = refused(r"\foo x")
    assert (error.cause, error.command) == ("unknown-command", r"\foo")


def test_subscript_on_a_group_is_refused():
    error = refused(r"\left(\frac{\partial F}{\partial T}\right)_V")
    assert error.cause == "unsupported-construct"


def test_syntax_errors():
    assert refused("x +").cause == "syntax"
    assert refused(r"\frac{a}").cause == "syntax"
    assert refused("").cause == "syntax"


# ---------------------------------------------------------------- hostile input


@pytest.mark.parametrize(
    "tex, cause",
    [
        (r"\def\x{1} x", "unknown-command"),
        (r"\input{/etc/passwd}", "unknown-command"),
        (r"\include{secret}", "unknown-command"),
        ("__import__('os').system('ls')", "unsupported-construct"),
        ("{" * 100_000 + "x" + "}" * 100_000, "too-large"),
        ("{" * 45 + "x" + "}" * 45, "too-large"),
        ("(" * 45 + "x" + ")" * 45, "too-large"),
        ("2^{2^{2^{40}}}", "too-large"),
        ("(10^{999})^{999}", "too-large"),
        ("10^{100000}", "too-large"),
        ("1" * 150, "too-large"),
        ("x^{99999}", "too-large"),
        (r"\ln " * 1200 + "x", "too-large"),
        (r"\sum_{i=1}^{n} " * 300 + "x", "syntax"),  # each sum ends where the next over i begins: empty
        ("x" * 6000, "too-large"),
        ("x\x00y", "unsupported-construct"),
        ("α + β", "unsupported-construct"),
    ],
)
def test_hostile_input_is_an_error_and_fast(tex, cause):
    error = refused(tex)
    assert error.cause == cause


def test_large_but_allowed_numbers_are_exact():
    assert tr("10^{100}") == Integer(10) ** 100
    assert tr("2^{1000}") == Integer(2) ** 1000


def test_the_translator_never_evaluates_text():
    source = Path(__file__).parents[1].joinpath("vaultkit", "checking", "latex.py").read_text(encoding="utf-8")
    code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("#", "`")))
    for forbidden in ("eval(", "exec(", "sympify", "parse_expr", "parse_latex", "lambdify", "__import__"):
        assert not re.search(rf"(?<![\w`]){re.escape(forbidden)}", code.split('"""', 2)[2]), forbidden


# ---------------------------------------------------------------- the sample vault's equations


def test_vault_sigmoid_derivative():
    lhs, rhs = eq(r"\frac{d\sigma}{dx} = \sigma(x)\,\bigl(1 - \sigma(x)\bigr)", SIGMOID)
    s = 1 / (1 + exp(-x_real))
    assert lhs == Derivative(s, x_real)
    assert rhs == s * (1 - s)
    assert sympy.simplify(lhs.doit() - rhs) == 0


def test_vault_sigmoid_symmetry():
    lhs, rhs = eq(r"\sigma(-x) = 1 - \sigma(x)", SIGMOID)
    assert (lhs, rhs) == (1 / (1 + exp(x_real)), 1 - 1 / (1 + exp(-x_real)))
    assert sympy.simplify(lhs - rhs) == 0


def test_vault_softmax_sums_to_one():
    lhs, rhs = eq(r"\sum_{i=1}^{n} p_i = 1", SOFTMAX)
    assert lhs == Sum(exp(X[i] / T) / Z_SOFTMAX, (i, 1, n))
    assert rhs == 1


def test_vault_softmax_definition_matches_the_scope():
    lhs, rhs = eq(r"p_i = \frac{e^{x_i/T}}{\sum_{j=1}^{n} e^{x_j/T}}.", SOFTMAX)
    assert lhs == rhs == exp(X[i] / T) / Z_SOFTMAX


def test_vault_mean_energy_from_the_partition_function():
    lhs, rhs = eq(r"-\frac{\partial \ln Z}{\partial \beta} = \sum_{j=1}^{n} E_j\, p_j", PARTITION)
    assert lhs == -Derivative(log(Z_PARTITION), beta)
    assert rhs == Sum(EN[j] * exp(-beta * EN[j]) / Z_PARTITION, (j, 1, n))


def test_vault_heat_kernel():
    lhs, rhs = eq(r"K(x, \tau) = \frac{1}{\sqrt{4\pi D \tau}}\, e^{-x^2/(4D\tau)},", HEAT)
    assert sympy.simplify(lhs - rhs) == 0


def test_vault_free_schrodinger_in_free_mode():
    lhs, rhs = eq(
        r"i\hbar \frac{\partial \psi}{\partial t} = -\frac{\hbar^2}{2m} \frac{\partial^2 \psi}{\partial x^2}.",
        free=True,
    )
    h, mm, tt, psi = Symbol("hbar", positive=True), Symbol("m"), Symbol("t"), Function("psi")
    assert lhs == Symbol("i") * h * Derivative(psi(tt), tt)  # i is a symbol: \mathrm{i} would be the unit
    assert rhs == -(h**2) / (2 * mm) * Derivative(psi(x), (x, 2))


def test_vault_free_schrodinger_in_the_wick_scope():
    lhs, rhs = eq(
        r"\mathrm{i}\hbar \frac{\partial \psi}{\partial t}"
        r" = -\frac{\hbar^2}{2m} \frac{\partial^2 \psi}{\partial x^2}",
        WICK,
    )
    assert sympy.simplify(lhs.doit() - rhs.doit()) == 0


def test_vault_interference_cross_term():
    lhs, rhs = eq(
        r"|c_1\psi_1 + c_2\psi_2|^2 = |c_1\psi_1|^2 + |c_2\psi_2|^2"
        r" + 2\,\mathrm{Re}\!\left(c_1^* c_2\, \psi_1^* \psi_2\right)."
    )
    names = sorted(lhs.free_symbols | rhs.free_symbols, key=str)
    assert [str(s) for s in names] == ["c_1", "c_2", "psi_1", "psi_2"]
    rng = random.Random(7)
    for _ in range(5):
        point = {s: complex(rng.uniform(-2, 2), rng.uniform(-2, 2)) for s in names}
        assert abs(complex(lhs.evalf(subs=point)) - complex(rhs.evalf(subs=point))) < 1e-9


def test_vault_uncertainty_relation_is_refused():
    error = refused(r"\Delta x\, \Delta p \ge \frac{\hbar}{2}.", equation=True)
    assert (error.cause, error.command) == ("relation", r"\ge")


def test_vault_ket_is_refused():
    error = refused(r"|\Psi\rangle = \sum_i c_i |i\rangle,", equation=True)
    assert error.command in (r"\rangle", r"\langle")


def test_vault_fermi_dirac_reads_the_exponent_as_physics_writes_it():
    # in an exponent what follows the slash is the denominator: (E - μ)/(k_B T), as every physicist reads it
    assert read_display(r"n(E) = \frac{1}{e^{(E - \mu)/k_B T} + 1}", Scope()) == (
        "n(E) = (1 + exp((E - mu)*(k_B*T)**(-1)))**(-1)"
    )
    # outside an exponent, a/b c stays ambiguous
    error = refused(r"n(E) = (E - \mu)/k_B T", equation=True, free=True)
    assert (error.cause, error.command) == ("ambiguous", "/")


def test_vault_softmax_without_range_names_the_problem():
    error = refused(r"p_i = \frac{e^{x_i/T}}{\sum_{j} e^{x_j/T}}.", equation=True)
    assert error.cause == "no-range"


# ---------------------------------------------------------------- the free reading of --coverage

from vaultkit.checking.latex import read_display  # noqa: E402


@pytest.mark.parametrize(
    ("tex", "reading"),
    [
        # aligned environments: `\\` separates lines, `&=` continues the chain of the line above
        (r"\begin{aligned} f(x) &= (x+1)^2 \\ &= x^2 + 2x + 1 \end{aligned}",
         "f(x) = (x + 1)**2\n(x + 1)**2 = x**2 + 2*x + 1"),
        (r"\begin{align*} a &= b \\ c &\le d \\ \end{align*}", "a = b\nc le d"),
        # vectors and operators keep their order; dot and cross products are named
        (r"\mathbf{y} = \mathbf{W}\mathbf{x} + \mathbf{b}", "y_vec = W_vec*x_vec + b_vec"),
        (r"\hat H \psi = E \psi", "H_hat*psi = E*psi"),
        (r"\mathbf{x}^T \mathbf{y} = \mathbf{x} \cdot \mathbf{y}", "transpose(x_vec)*y_vec = dot(x_vec, y_vec)"),
        (r"\nabla \times \mathbf{B} = \mu_0 \mathbf{J}", "curl(B_vec) = mu_0*J_vec"),
        (r"\nabla \cdot \mathbf{E} = \frac{\rho}{\epsilon_0}", "div(E_vec) = rho*epsilon_0**(-1)"),
        (r"\nabla^2 \phi = 0", "laplacian(phi) = 0"),
        (r"\theta \leftarrow \theta - \eta \nabla_\theta L", "theta leftarrow -eta*grad(L, theta) + theta"),
        (r"\hat{H}^\dagger = \hat{H}", "Dagger(H_hat) = H_hat"),
        # bra-ket notation
        (r"|\psi\rangle = \alpha|0\rangle + \beta|1\rangle", "|psi> = alpha*|0> + beta*|1>"),
        (r"\langle \phi | \hat{H} | \psi \rangle", "<phi|*H_hat*|psi>"),
        (r"\langle \hat{x} \rangle = \langle \psi | \hat{x} | \psi \rangle", "expectation(x_hat) = <psi|*x_hat*|psi>"),
        # names: decorated letters, words in \text, expectations
        (r"\mathcal{L} = \bar{x} + \tilde y", "L_cal = x_bar + y_tilde"),
        (r"\text{softmax}(z)_k", None),
        (r"\mathbb{E}[X^2] - \mathbb{E}[X]^2 = \text{Var}[X]", "-E_bb(X)**2 + E_bb(X**2) = Var(X)"),
        # a sum without a declared range runs between named bounds
        (r"\sum_j e^{z_j}", "Sum(exp(z[j]), (j, j_first, j_last))"),
        # x differentiated by t is x(t) everywhere in the equation
        (r"\frac{d^2 x}{dt^2} = -\omega^2 x", "Derivative(x(t), (t, 2)) = -omega**2*x(t)"),
        # braces and font switches only group: {\rm d}w over {\rm d}x is still a derivative
        (r"{\varphi} = - \frac{{{\rm{d}}w}}{{{\rm{d}}x}}", "phi = -Derivative(w(x), x)"),
        (r"\frac{\dd\rho(t)}{\dd t} = L", "Derivative(rho(t), t) = L"),
        (r"s = -\cfrac{dM}{dx} \cfrac{S}{I}", "s = -S*Derivative(M(x), x)/I"),
        # events and conditions inside probabilities
        (r"p(\theta \mid D) \propto p(D \mid \theta) \, p(\theta)",
         "p(given(theta, D)) propto p(theta)*p(given(D, theta))"),
        (r"\sum_{k = 1}^K P(X = k) = 1", "Sum(P(Eq(X, k)), (k, 1, K)) = 1"),
        # tuples, matrices, determinants, primes, the Unicode minus
        (r"\alpha = (\alpha_H, \alpha_T)", "alpha = (alpha_H, alpha_T)"),
        (r"R = \begin{bmatrix}\cos\alpha & \sin\alpha \\ -\sin\alpha & \cos\alpha\end{bmatrix}",
         "R = Matrix([ [ cos(alpha), sin(alpha)], [-sin(alpha), cos(alpha)]])"),
        (r"\begin{vmatrix} a & b \\ c & d \end{vmatrix} = ad - bc", "Determinant(Matrix([ [a, b], [c, d]])) = a*d - b*c"),
        (r"f'(x) = 2x", "f_prime(x) = 2*x"),
        (r"\alpha'_k = \alpha_k + 1", "alpha_prime_k = alpha_k + 1"),
        (r"\rho(t) = \int_0^t L(t') \mathrm{d}t'", "rho(t) = Integral(L(t_prime), (t_prime, 0, t))"),
        ("a − b", "a - b"),
        # layout and spelling the free reading sees through
        (r"{[A,B] = -[B,A]}", "commutator(A, B) = -commutator(B, A)"),
        (r"\boxed{N! \approx N^N e^{-N}}", "factorial(N) approx N**N*exp(-N)"),
        (r"\alpha_k = \underbrace{\sum_{j=1}^N x_j}_\text{observed} + \underbrace{a}_{prior}",
         "alpha_k = a + Sum(x[j], (j, 1, N))"),
        (r"{\color{blue} \psi^*} = \overbrace{\phi}^{\text{note}}", "conjugate(psi) = phi"),
        (r"a_{jk} = a^{*}_{kj}", "a_jk = a_kj_star"),
        (r"H = -K a^{\dagger 2} a^2", "H = -K*Dagger(a)**2*a**2"),
        (r"p(x) == 0", "p(x) = 0"),
        (r"\theta = 60\%", "theta = 3/5"),
        (r"\Rightarrow \Delta x \Delta p \ge \frac{\hbar}{2}", "Δp*Δx ge hbar/2"),
        (r"a = b \Rightarrow c = d", "a = b ⟹ c = d"),
        (r"a = b \textnormal{ and } c = d", "a = b\nc = d"),
        (r"\textnormal{LHS: } a = b \text{ (by symmetry)}", "a = b"),
        (r"= a + b = c", "a + b = c"),
        (r"a = b + c = \\ = d", "a = b + c = d"),
        # bra-ket as the braket package, \mid and \left< spell it
        (r"\langle \phi \mid \hat{H} \mid \psi \rangle = E", "<phi|*H_hat*|psi> = E"),
        (r"\hat{H} \mid \psi_n \rangle=E_n \mid \psi_n \rangle", "H_hat*|psi_n> = E_n*|psi_n>"),
        (r"\left<\hat{H}\right> = \left<\psi\left|\hat{H}\right|\psi\right>",
         "expectation(H_hat) = <psi|*H_hat*|psi>"),
        (r"p_n=\mid c_n \mid^2", "p_n = Abs(c_n)**2"),
        # operators the free reading knows
        (r"\Gamma(n)=(n-1)!", "Gamma(n) = factorial(n - 1)"),
        (r"\max_{x_j} p(x_j)", "max(p(x_j), x_j)"),
        (r"\hat{y} = \arg\max_y p(y \mid x)", "y_hat = argmax(p(given(y, x)), y)"),
        (r"\mathop{\mathrm{argmax}} P(X)", "argmax(P(X))"),
        (r"q(x) = q_1(x_1) q_2(x_2) \cdots q_n(x_n)", "q(x) = q_1(x_1)*q_2(x_2)*…*q_n(x_n)"),
        (r"j = 1, 2, ..., n", "j in set(1, 2, …, n)"),  # the values j takes, not four statements
        (r"P = p(x_1) \cdot p(x_2) \cdots p(x_n)", "P = p(x_1)*p(x_2)*…*p(x_n)"),  # \cdot of functions: a product
        (r"\mathbf{a} \cdot \mathbf{b} = \nabla \times \mathbf{E}", "dot(a_vec, b_vec) = curl(E_vec)"),
        (r"\frac{\psi(x_{n+1}) - \psi(x_{n-1})}{2 \Delta x}", "(psi(x[n + 1]) - psi(x[n - 1]))/(2*Δx)"),
        (r"\epsilon_{T, \sigma}(t) = 1", "epsilon[T, sigma](t) = 1"),
        (r"p^n (1-p)^{(N-n)} = 1", "p**n*(1 - p)**(N - n) = 1"),
        (r"dU = T dS - p dV_i", "dU = T*dS - dV_i*p"),
        (r"\frac{df(x)}{f(x)} = k dx", "d(f(x))/f(x) = dx*k"),
        (r"\theta = \frac{num\_heads}{\#(x_i)}", "theta = num_heads/count(x_i)"),
        (r"B^\dagger = \begin{pmatrix} -i & -1 \\ 1 & i \end{pmatrix}", "Dagger(B) = Matrix([ [-I, -1], [ 1, I]])"),
        # a star names an optimum or a true distribution, and conjugates in a quantum context
        (r"H(p^*) = \theta^* + q^*(x)", "H(p_star) = theta_star + q_star(x)"),
        (r"H(c^*) = \hbar \psi^*(x)", "H(conjugate(c)) = hbar*conjugate(psi(x))"),
        (r"H(p^*) = \hbar \psi^*(x)", None),  # p^*: a conjugate, or a rest frame's momentum?
        (r"\langle j| \hat{A}|k\rangle = \langle k| \hat{A} | j \rangle^{*}", "<j|*A_hat*|k> = conjugate(<k|)*conjugate(A_hat)*conjugate(|j>)"),
        (r"\langle A \rangle = \int \psi^*(x) \hat{A} \psi(x) dx", "expectation(A) = Integral(conjugate(psi(x))*A_hat*psi(x), x)"),
        # words: functions written without a backslash, capitalised names of functions, conditions after commas
        (r"H = \frac{A}{2} \sigma_x sin(\omega t)", "H = A*sigma_x*sin(omega*t)/2"),
        (r"NlogN - N = log N!", "N*log(N) - N = log(factorial(N))"),
        (r"P(\theta) = Beta(\theta \mid \alpha_H, \alpha_T)", "P(theta) = Beta(given(theta, (alpha_H, alpha_T)))"),
        (r"p(a, b \mid c) = 1", "p(given((a, b), c)) = 1"),
        (r"\text{using sin(x)}", None),
        (r"\left[ x^2 \right]_0^1 = 1", "evaluated(x**2, 0, 1) = 1"),
        # sets and indicators as written, events with any order relation, the argument list of a call
        (r"D = \{h,h,t,h,t\}", "D = set(h, h, t, h, t)"),
        (r"\prod_{k=1}^K P(X_j = k)^{\sum_{j=1}^N 1\{ X_j = k \}}", "Product(P(Eq(X[j], k))**Sum(indicator(Eq(X[j], k)), (j, 1, N)), (k, 1, K))"),
        (r"P(X \le 3) = 1 - P(X > 3)", "P(X <= 3) = 1 - P(X > 3)"),
        (r"p(x|e) = p(x,e)/p(e)", "p(given(x, e)) = p(x, e)/p(e)"),
        (r"\tilde p = \phi_k(x_k; \theta)", "p_tilde = phi_k(x_k, theta)"),
        (r"B(\cdot)", "B(·)"),
        (r"\hat{\boldsymbol{\theta}} = \mathop{\mathrm{argmax}}_{\boldsymbol{\theta}} L", "theta_vec_hat = argmax(L, theta_vec)"),
        # an operator written bare somewhere in the display multiplies its parentheses too: one reading of Â
        (r"\hat{A}(\psi_1 + \psi_2) = \hat{A}\psi_1 + \hat{A}\psi_2", "A_hat*(psi_1 + psi_2) = A_hat*psi_1 + A_hat*psi_2"),
        (r"\hat{H}(t)\psi = E\psi", "H_hat(t)*psi = E*psi"),
        (r"P(i) = |\langle i | \Psi \rangle|^2", "P(i) = <Psi|i>*<i|Psi>"),  # |⟨i|Ψ⟩|² = ⟨Ψ|i⟩⟨i|Ψ⟩
        (r"|\Phi^+\rangle = \frac{1}{\sqrt{2}}\left(|00\rangle + |11\rangle\right)", "|Phi_plus> = sqrt(2)*(|00> + |11>)/2"),
        (r"\int_a^b \left( x \frac{d}{dx} f(x) \right) g(x) \, dx", "Integral(x*g(x)*Derivative(f(x), x), (x, a, b))"),
        (r"0 = \frac{d}{d\theta} \theta^9(1-\theta)^4", "0 = Derivative(theta**9*(1 - theta)**4, theta)"),
        # an integrand that does not show its variable: ψ(τ) is meant, so the integral is kept whole, never a product
        (r"\langle A \rangle = \int \psi^* \hat{A} \psi \, d\tau", "expectation(A) = ∫dtau(conjugate(psi)*A_hat*psi)"),
        (r"W = -\int_{V_1}^{V_2} p\,dV", "W = -∫dV(p, V_1, V_2)"),
        (r"\int_a^b u \, dv = \left[ u v \right]_{a}^{b} - \int_a^b v \, du",
         "∫dv(u, a, b) = evaluated(u*v, a, b) - ∫du(v, a, b)"),
        # the differential over the rest of the measure: what follows in the term is integrated (a factor in p
        # must be; one without p may stand inside or out alike)
        (r"\psi(x) = \int \frac{dp}{2\pi\hbar} e^{ipx/\hbar}\phi(p)",
         "psi(x) = Integral(phi(p)*exp(I*p*x/hbar)/(2*pi*hbar), p)"),
        (r"\int_{0}^\infty \frac{\mathrm{d} z}{\sqrt{a}}(1+z)^{-3/2} = \frac{2}{\sqrt{a}}",
         "Integral(1/(sqrt(a)*(z + 1)**(3/2)), (z, 0, oo)) = 2/sqrt(a)"),
        (r"\int \frac{c \, dt}{a(t)} + 1 = y", "Integral(c/a(t), t) + 1 = y"),  # a term ends at its sign
        (r"N = \int \frac{d^3p}{(2\pi)^3} f(p)", "N = VolumeIntegral(f(p)/(8*pi**3), p, 3)"),
        # a lower bound that names the variable its differential confirms
        (r"A = 2 \int_{x=1}^{r} \sqrt{r^2 - x^2} \, dx.", "A = 2*Integral(sqrt(r**2 - x**2), (x, 1, r))"),
        (r"P = \int_{x=0}^{1} \int_{y=0}^{1 - x} dy \, dx", "P = Integral(1, (y, 0, 1 - x), (x, 0, 1))"),
        (r"y = \int_{x=0}^{1} f \, dy", None),  # the bound names x, the differential y: not read
        (r"\int \frac{dx}{\pi} dy\, e^{-(x^2+y^2)} = 1", None),  # over x and y: a multiple integral
        (r"\int \frac{d\bar{z}\,dz}{2\pi i} e^{-\bar{z} z} = 1", None),
    ],
)
def test_free_reading(tex, reading):
    if reading is None:
        with pytest.raises(TranslationError):
            read_display(tex, Scope())
    else:
        assert read_display(tex, Scope()) == reading


@pytest.mark.parametrize(
    ("tex", "cause", "command"),
    [
        (r"x \text{ if } y > 0", "ambiguous", ","),  # a condition is a statement: beside a bare expression
        (r"A_{n \times n} = B", "ambiguous", r"\times"),  # a size under a name, not an index n²
        (r"W = \oint F \, ds", "unsupported-construct", r"\oint"),
        (r"\log P = n log(p) + nlog(q)", "ambiguous", "nlog("),  # n·l·o·g(q) or n·log(q)
        (r"posterior \propto likelihood \times prior", "ambiguous", "posterior"),  # words, not letters
        (r"p(x) = \prod_{i=1}^n \theta_{x_i \mid pa(x_i)}", "ambiguous", "pa("),  # p·a(x) or the parents of x
        (r"\log(N-n)! = 0", "ambiguous", "!"),  # log((N-n)!) or (log(N-n))!
        (r"\int_a^b x \frac{d}{dx} f(x) g(x) \, dx", "ambiguous", r"\frac{d}{d…}"),  # (fg)' or f'g?
        (r"\partial_x f(x) \partial_x g(x) = 0", "ambiguous", r"\partial_x"),
        (r"\sigma_{xm} = \frac{s_x^a}{b^a}", "ambiguous", "^"),  # the part a of a section, or a power?
        (r"\dagger", "unsupported-construct", r"\dagger"),
        (r"\hat", "syntax", r"\hat"),
        (r"\mathbf{x + y}", "unsupported-construct", r"\mathbf"),
        (r"2 (a, b)", "unsupported-construct", ","),  # no arithmetic on tuples
        (r"\begin{pmatrix} a & b \\ c \end{pmatrix}", "syntax", r"\begin{pmatrix}"),
        (r"M = \begin{pmatrix} \hat{A} & b \end{pmatrix}", "unsupported-construct", r"\begin{pmatrix}"),
        # an integrand that does not show its variable, with factors after it: where does the integrand end?
        (r"L = \int I_{\nu} \; \mathrm{d} A \, \mathrm{d} \Omega \, \mathrm{d} \nu", "unsupported-construct", r"\int"),  # three differentials
        # a derivative with respect to an expression, with an upright d (d(ln P)/d(ln r) is no quotient)
        (r"g = \frac{\mathrm{d} (\ln P)}{\mathrm{d} (\ln r)}", "unsupported-construct", r"\frac{d}{d(…)}"),
        # "otherwise" before the last case; a number in e-notation
        (r"f = \begin{cases} 0 & \text{otherwise} \\ 1 & x > 0 \end{cases}", "ambiguous", r"\begin{cases}"),
        (r"\alpha = 1e-3", "ambiguous", "1e-3"),
        # a relation with a side missing in an argument or a script, a power of a pair: refused, never a crash
        (r"p(x_1, \dots, x_n) = \prod_{i=1}^n p(x_i \mid x_{<i})", "syntax", "<"),
        (r"f(= 2)", "syntax", "="),
        (r"s = (p_a, p_b)^2", "unsupported-construct", "^"),
    ],
)
def test_free_reading_refuses_what_it_cannot_read(tex, cause, command):
    with pytest.raises(TranslationError) as raised:
        read_display(tex, Scope())
    assert (raised.value.cause, raised.value.command) == (cause, command)


@pytest.mark.parametrize(
    "tex",
    [r"\mathbf{x} = y", r"\hat{H} = H", r"|\psi\rangle = x", r"\ket{\psi} = x", r"\nabla f = 0",
     r"\begin{aligned} a &= b \end{aligned}", r"= b", r"\text{softmax} = 1", r"\vec x = 1", r"f'(x) = 1",
     r"\begin{pmatrix} a \end{pmatrix} = a", r"\vkmatrix{pmatrix}{61} = a", r"p(x \mid y) = 1", r"(a, b) = c",
     r"\int f \, dx = F", r"\max_x f = 1", r"[A, B] = 0", r"x_{n+1} = 1", r"dU = 0", r"\boxed{a} = b",
     r"a == b", r"a = \ldots", r"\langle a \mid b \rangle = 1", r"\argmax_x f = 1", r"= b"],
)
def test_claims_still_refuse_what_only_the_free_reading_reads(tex):
    with pytest.raises(TranslationError):
        translate_equation(tex, Scope())


def test_a_derivative_in_braces_is_still_a_derivative_not_a_quotient():
    with pytest.raises(TranslationError) as raised:  # w is not a function of the scope: not w/x
        translate_equation(r"\frac{{d}w}{{d}x} = 1", Scope())
    assert raised.value.cause == "unknown-function"
    assert read_display(r"\frac{{d}w}{{d}x}", Scope()) == "Derivative(w(x), x)"


def test_a_star_conjugates_in_a_note_about_complex_quantities():
    assert read_display(r"a = a^*", Scope()) == "a = a_star"
    assert read_display(r"a = a^*", Scope(), complex_note=True) == "a = conjugate(a)"
    # the imaginary unit, unless i is an index somewhere in the display
    assert read_display(r"U(t) = e^{-iHt}", Scope(), complex_note=True) == "U(t) = exp(-I*H*t)"
    with pytest.raises(TranslationError, match="imaginary unit or a name"):  # i multiplies: the unit, or a name?
        read_display(r"U(t) = e^{-iHt}", Scope())
    with pytest.raises(TranslationError, match="the index or the imaginary unit"):  # i indexes and is in e^{ik}
        read_display(r"\psi = \sum_i c_i e^{i k}", Scope())
    assert read_display(r"\psi = \sum_i c_i x^i", Scope()) == "psi = Sum(x**i*c[i], (i, i_first, i_last))"


@pytest.mark.parametrize(
    "tex",
    [  # found by an outside tester: each crashed or hung the reader
        r"\mathrm{}", r"v = 3\,\mathrm{}", r"\lim_{\to a} x", r"\sum_{n=1}^{\infty} 1 - \hat{H}",
        r"\mathbf{x} + \sum_{n=1}^{\infty} 1", r"\sqrt{\left(\int_{0}^{\infty} c \, dx\right)^{2}}",
        r"\sqrt{e^{\sum_{n=0}^{\infty} i}}", r"s = (p_a, p_b)^2",
        # found reviewing this reader's own patterns: a remark after many wide spaces backtracked exponentially
        " a " + r" \quad " * 400 + " x", "\\forall x, " + "a " * 2000, "a &= b " + "&& c " * 800,
        "x = " + r" \pm a" * 500, " ".join("ABCD"[i % 4 :] + "ABCD"[: i % 4] for i in range(800)),
    ],
)
@pytest.mark.parametrize("complex_note", [False, True])
def test_hostile_displays_are_read_or_refused_never_a_crash(tex, complex_note):
    try:
        assert isinstance(read_display(tex, Scope(), complex_note=complex_note), str)
    except TranslationError:
        pass
