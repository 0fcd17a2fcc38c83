r"""The free reading of quantum-computing notes: states side by side, tensor products, gates, complex numbers.

The equations are written as the lessons of a public quantum-computing course write them: `\ket{a}\ket{b}` for
the state of two qubits, `\otimes` between states with a scalar in front, a gate named by its capitals, chains
that go on from one display to the next.
"""

from __future__ import annotations

import pytest

from vaultkit.checking.latex import TranslationError, read_display
from vaultkit.checking.latex_free import is_complex
from vaultkit.checking.scope import Scope


def reading(tex: str) -> str:
    return read_display(tex, Scope(), complex_note=is_complex(tex))


def refusal(tex: str) -> TranslationError:
    with pytest.raises(TranslationError) as error:
        reading(tex)
    return error.value


@pytest.mark.parametrize(
    ("tex", "expected"),
    [
        # a scalar before a tensor product scales it, whichever binds first
        (r"\frac{1}{2} \big(\ket{00} + \ket{01} + \ket{10} + \ket{11}\big) \otimes \ket 0",
         "otimes(|00> + |01> + |10> + |11>, |0>)/2"),
        (r"U_f \ket{x} = (-1)^{x_0} \ket{x_{0}} \otimes \ket{x_1}", "U_f*|x> = (-1)**x_0*otimes(|x_0>, |x_1>)"),
        # states side by side are the state of both systems
        (r"(\alpha\ket{0} + \beta\ket{1})\ket{0} = \alpha\ket{00} + \beta\ket{10}",
         "otimes(alpha*|0> + beta*|1>, |0>) = alpha*|00> + beta*|10>"),
        # a gate of two qubits, by its name, acts on both
        (r"CNOT \ket{a}\ket{b} = \ket{a}\ket{a \oplus b}", "CNOT*otimes(|a>, |b>) = otimes(|a>, |oplus(a, b)>)"),
        (r"CNOT\ket{10} = \ket{11}", "CNOT*|10> = |11>"),
        # a label of digits and signs names a state: +00 is not the number 0
        (r"\alpha \ket{+00} + \beta \ket{-00}", "alpha*|+00> + beta*|-00>"),
        # a state labelled by several quantum numbers is one state, printed with its commas
        (r"\hat{S}_z |s, m_s\rangle = \hbar\, m_s |s, m_s\rangle", "S_hat_z*|s,m_s> = hbar*m_s*|s,m_s>"),
        (r"K(q_1, t;q_0,t_0) = \braket{q_1, t|q_0, t_0}", "K(q_1, t, q_0, t_0) = <q_1,t|q_0,t_0>"),
        # a string of bits with its middle left out is a label, not a repeating decimal
        (r"\frac1{\sqrt2} \big(\ket{010...0} + \ket{110...0}\big)", "sqrt(2)*(|010…0> + |110…0>)/2"),
        # in a text about complex numbers, \bar{z} and \bar{w} are the conjugates of the complex variables z and w
        (r"z =r e^{i \theta}, \quad  \bar{z}=r e^{-i \theta}", "z = r*exp(I*theta)\nconjugate(z) = r*exp(-I*theta)"),
        (r"\braket{w}{z} = e^{\bar{w}z}", "<w|z> = exp(conjugate(w)*z)"),
        # a state named by a word
        (r"\ket{\text{all}} = \sqrt{\frac{M}{N}}\ket{\text{good}} + \sqrt{\frac{N-M}{N}}\ket{\text{bad}}",
         "|all> = sqrt(M*N**(-1))*|good> + sqrt((-M + N)*N**(-1))*|bad>"),
        # sized bars and angles of a ket: \left| … \right\rangle
        (r"\left|\Psi\right\rangle = \alpha\left|0\right\rangle + \beta\left|1\right\rangle",
         "|Psi> = alpha*|0> + beta*|1>"),
        (r"\left\langle \psi \right| A \left|\phi\right\rangle = 0", "<psi|*A*|phi> = 0"),
        # e^{iθ} says the note is about complex numbers: i is the imaginary unit, and d before it a coefficient
        (r"\frac{x}{y} = \frac{a + bi}{c + di} \quad e^{i\theta} = \cos\theta + i\sin\theta",
         "x/y = (a + I*b)/(c + I*d)\nexp(I*theta) = I*sin(theta) + cos(theta)"),
    ],
)
def test_reading(tex, expected):
    assert reading(tex) == expected


@pytest.mark.parametrize(
    ("tex", "command"),
    [
        # H on the first qubit, or on both?
        (r"H\ket{0}\ket{1} = \ket{+}\ket{1}", "\\ket"),
        # an operator before a tensor product: on the first factor, or on the product?
        (r"H\ket{0} \otimes \ket{0} = \frac{1}{\sqrt2} (\ket{0} + \ket{1}) \otimes \ket{0}", "\\otimes"),
        (r"a \ket{0} \otimes b\ket{1} = c", "\\otimes"),
        # capitals that name no gate stay a question
        (r"XX\ket{00} = \ket{11}", "XX"),
    ],
)
def test_refused(tex, command):
    error = refusal(tex)
    assert (error.cause, error.command) == ("ambiguous", command)


def test_a_gate_without_a_state_stays_a_question():
    assert refusal(r"CNOT = C_X").command == "CNOT"  # no state beside it: the note may mean C·N·O·T


def test_i_without_a_sign_of_complex_numbers_stays_a_question():
    assert refusal(r"z = x + i y").command == "i"


@pytest.mark.parametrize(
    ("tex", "expected"),
    [
        (r"\overline{x} = a - bi", "x_bar = a - I*b"),  # a + bi: the imaginary unit
        (r"Y = \begin{bmatrix} 0 & -i \\ i & 0 \end{bmatrix}", "Y = Matrix([ [0, -I], [I, 0]])"),  # ±i alone in a cell
        (r"e^{bi\ln r} = \cos( b \cdot \ln r) + i \sin(b \cdot \ln r)", "exp(I*b*log(r)) = I*sin(b*log(r)) + cos(b*log(r))"),
    ],
)
def test_signs_of_complex_numbers(tex, expected):
    assert reading(tex) == expected


@pytest.mark.parametrize("tex", [r"\sum_{i=1}^n (2i+1) = (n+1)^2", r"\sum_i x_{n-2i} = y", r"x_i + y_i = z_i"])
def test_an_index_i_is_no_sign_of_complex_numbers(tex):
    assert not is_complex(tex)


@pytest.mark.parametrize(
    ("tex", "expected"),
    [
        # a gate by its name before parentheses multiplies what follows
        (r"\mathrm{CNOT}(H\otimes I)\ket{00} = \frac{1}{\sqrt{2}}(\ket{00} + \ket{11})",
         "CNOT*otimes(H, I)*|00> = sqrt(2)*(|00> + |11>)/2"),
        (r"\mathrm{SWAP}(\alpha\ket{0} + \beta\ket{1})\ket{0} = \ket{0}(\alpha\ket{0} + \beta\ket{1})",
         "SWAP*otimes(alpha*|0> + beta*|1>, |0>) = otimes(|0>, alpha*|0> + beta*|1>)"),
        # a label of two letters names two qubits, not a product
        (r"\ket{a}\ket{b} = \ket{ab}", "otimes(|a>, |b>) = |ab>"),
        (r"\langle ab|cd\rangle = \langle a|c\rangle\langle b|d\rangle", "<ab|cd> = <a|c>*<b|d>"),
        # Pauli matrices written in both orders keep their order
        (r"\sigma_x\sigma_z + \sigma_z\sigma_x = 0", "sigma_x*sigma_z + sigma_z*sigma_x = 0"),
    ],
)
def test_gates_labels_and_operators_in_order(tex, expected):
    assert reading(tex) == expected


def test_the_note_s_operators_keep_their_order_where_the_dagger_is_not_written():
    from vaultkit.checking.latex_usage import note_usage

    displays = [r"N = \sum_k c_k^\dagger c_k", r"\sum_k c_k c_{-k} = \sum_k c_{-k} c_k"]
    read = read_display(displays[1], Scope(), usage=note_usage(displays))
    assert read == "Sum(c[k]*c[-k], (k, k_first, k_last)) = Sum(c[-k]*c[k], (k, k_first, k_last))"
