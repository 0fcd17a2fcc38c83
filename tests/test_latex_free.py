"""The text rewrites of the free reading: layout away, one spelling for bra-kets, words that name functions."""

from __future__ import annotations

import pytest

from vaultkit.checking.latex_free import ambiguous_word, is_complex, prepare


@pytest.mark.parametrize(
    ("tex", "prepared"),
    [
        (r"\boxed{N! \approx N^N}", r"N! \approx N^N"),
        (r"a = \underbrace{b + c}_{\text{two terms}} + d", r"a = {b + c} + d"),
        (r"a = \overbrace{b}^{note}", r"a = b"),
        (r"{a = b}", r"a = b"),
        (r"\color{red} x \tag{3}", r"  x  "),
        (r"\Rightarrow x = 0", r"x = 0"),
        (r"\textnormal{LHS: } a = b", r" a = b"),
        (r"a = b \text{ (by symmetry)}", r"a = b"),
        (r"a = b + c = \\ = d", r"a = b + c = d"),
        (r"a = b \hspace{1cm} c = d \hspace*{-2mm} e \kern 3pt f\vspace{1ex}", r"a = b \quad  c = d \quad  e \quad  f "),
        (r"R_{\rm moon} = 1737 \; {\rm km} + \mathrm d x", r"R_{\mathrm{moon}} = 1737 \;  \mathrm{km}  + \mathrm{d} x"),  # a unit, not k·m
        (r"\begin{aligned}[t] L &= x \end{aligned}", r"  L &= x  "),  # a placement, not a factor t
        (r"P = nkT \hspace{1cm} \text{where} \hspace{1cm} n = \text{number density}", r"P = nkT"),  # a glossary
        (r"a = b \Rightarrow \boxed{E = -k}", r"a = b \Rightarrow  E = -k "),  # a boxed result is whole
        (r"p(x) = 1 \text{ . }", r"p(x) = 1"),  # the sentence's full stop
        (r"{\mu}_\theta^r = {Z}^r + \frac{a}{b}", r" \mu _\theta^r =  Z ^r + \frac{a}{b}"),  # braces around a name
        (r"n = 7 \pu{m^{-3}}", r"n = 7 \mathrm{m}^{-3}"),  # a unit
        (r"a &= b \\[3ex] c &= d \\[-1.5em] e", r"a &= b \\  c &= d \\  e"),  # spacing after a break, not [3ex]
        (r"a^{*} + b^{\dagger 2}", r"a^* + {b^\dagger}^{2}"),
        (r"p(x) == 0", r"p(x) = 0"),
        (r"j = 1, ..., n", r"j = 1, \ldots  , n"),
        (r"60\%", r"60\cdot\frac{1}{100}"),
        (r"\arg\max_y p", r"\argmax _y p"),
        (r"\mathop{\mathrm{argmax}} P", r"\argmax  P"),
        (r"\frac{num\_heads}{n}", r"\frac{\mathrm{num_heads}}{n}"),
        (r"\#(x)", r"\operatorname{count}(x)"),
        (r"\left[ x^2 \right]_0^1", r"\operatorname{evaluated}\left( x^2 , 0, 1\right)"),
        (r"\langle \phi \mid \hat{H} \mid \psi \rangle", r"{\bra{ \phi } \hat{H} \ket{ \psi }}"),
        (r"\mid \psi \rangle", r"\ket{ \psi }"),
        (r"\left<\hat{H}\right>", r"\expval{ \hat{H}}"),
        (r"p_n = \mid c_n \mid^2", r"p_n = | c_n |^2"),
        (r"x' + f''(x)", r"\primed{x} + \dprimed{f}(x)"),
        (r"sin(\omega t) + Beta(a)", r"\sin (\omega t) + \operatorname{Beta}(a)"),
        (r"\text{using sin(x)}", r"\text{using sin(x)}"),  # words in text stay words
        (r"D = \left\{a, b\right\} + 1\{x\}", r"D = \operatorname{set}\left(a, b\right) + \operatorname{indicator}\left(x\right)"),
        (r"f(|x|) + \left(a|b\right)", r"f(|x|) + \left(a|b\right)"),  # two bars, or no call: no condition
    ],
)
def test_prepare(tex, prepared):
    assert " ".join(prepare(tex).split()) == " ".join(prepared.split())  # spacing is the grammar's to ignore


def test_ambiguous_words_are_found_outside_text():
    assert ambiguous_word(prepare(r"\log P = nlog(p)")) == "nlog("
    assert ambiguous_word(prepare(r"\theta_{x \mid pa(x)}")) == "pa("
    assert ambiguous_word(prepare(r"posterior \propto likelihood \times prior")) == "posterior"
    assert ambiguous_word(prepare(r"k f(x) + kf(x) + \sin(x) + \text{some(thing)} + T_{room} + x_{i,max}")) is None
    assert ambiguous_word(prepare(r"\begin{pmatrix} a & b \end{pmatrix}")) is None  # not the hex of the cells


def test_complex_quantities_are_recognised():
    assert is_complex(r"\psi^*\psi") and is_complex(r"\hat{H} \psi") and is_complex(r"(a + b)^*")
    assert not is_complex(r"\hat{y} = w^* x")  # a hat alone is an estimate (statistics), w^* an optimum
    assert is_complex("x", r"\langle a \rangle")  # any of several texts
    assert not is_complex(r"H(p^*) = \theta^*")
