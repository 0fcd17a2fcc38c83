"""Wick rotation: imaginary time t = −iτ turns the free Schrödinger equation into a diffusion equation."""

from __future__ import annotations

import sympy
from sympy import Derivative, Function, I, Subs, exp, pi, sqrt

from .base import Derivation, Step

x = sympy.Symbol("x", real=True)
t = sympy.Symbol("t", real=True)
tau = sympy.Symbol("tau", positive=True)  # imaginary time τ = it; the heat kernel needs τ > 0
hbar, m = sympy.symbols("hbar m", positive=True)
k = sympy.Symbol("k", real=True)  # wave number of a plane wave
H = sympy.Symbol("H", real=True)  # an energy eigenvalue of the Hamiltonian (Ĥ acting on its eigenstate)
beta = sympy.Symbol("beta", positive=True)
psi = Function("psi")  # any wave function ψ(x, ·), smooth and analytic enough to be continued

D = hbar / (2 * m)  # the diffusion constant the rotation produces


def schrodinger_residual(f: sympy.Expr, time: sympy.Symbol) -> sympy.Expr:
    """iħ ∂f/∂t + (ħ²/2m) ∂²f/∂x²: zero exactly when f solves the free Schrödinger equation."""
    return I * hbar * Derivative(f, time) + hbar**2 / (2 * m) * Derivative(f, (x, 2))


def diffusion_residual(f: sympy.Expr, time: sympy.Symbol, diffusivity: sympy.Expr = D) -> sympy.Expr:
    """∂f/∂τ − D ∂²f/∂x²: zero exactly when f solves the diffusion equation with constant D."""
    return Derivative(f, time) - diffusivity * Derivative(f, (x, 2))


def plane_wave(time: sympy.Expr) -> sympy.Expr:
    """e^{i(kx − ħk²t/2m)}, a free-particle solution, at the (possibly complex) time given."""
    return exp(I * (k * x - hbar * k**2 * time / (2 * m)))


heat_kernel = exp(-(x**2) / (4 * D * tau)) / sqrt(4 * pi * D * tau)
schrodinger_kernel = sqrt(m / (2 * pi * I * hbar * t)) * exp(I * m * x**2 / (2 * hbar * t))

STEPS = (
    Step(
        id="imaginary-diffusion",
        text=(
            "Dividing the free Schrödinger equation by iħ shows it is a diffusion equation with the imaginary "
            "coefficient iħ/2m: the two residuals differ by the non-zero factor iħ."
        ),
        latex=(
            r"\frac{1}{i\hbar}\Bigl(i\hbar \frac{\partial \psi}{\partial t} + \frac{\hbar^2}{2m}"
            r" \frac{\partial^2 \psi}{\partial x^2}\Bigr) = \frac{\partial \psi}{\partial t}"
            r" - \frac{i\hbar}{2m} \frac{\partial^2 \psi}{\partial x^2}"
        ),
        lhs=schrodinger_residual(psi(x, t), t) / (I * hbar),
        rhs=diffusion_residual(psi(x, t), t, I * hbar / (2 * m)),
    ),
    Step(
        id="time-derivative",
        text=(
            "With t = −iτ, that is τ = it, the chain rule gives ∂/∂t = i ∂/∂τ: the t-derivative of ψ at "
            "t = −iτ is i times the τ-derivative of ψ(x, −iτ)."
        ),
        latex=(
            r"\left.\frac{\partial \psi}{\partial t}\right|_{t = -i\tau}"
            r" = i\, \frac{\partial}{\partial \tau}\, \psi(x, -i\tau)"
        ),
        lhs=Subs(Derivative(psi(x, t), t), t, -I * tau),
        rhs=I * Derivative(psi(x, -I * tau), tau),
    ),
    Step(
        id="schrodinger-to-diffusion",
        text=(
            "Replacing ∂/∂t by i ∂/∂τ turns the Schrödinger residual into −ħ times the residual of "
            "∂ψ/∂τ = (ħ/2m) ∂²ψ/∂x², so one equation holds exactly when the other does: a diffusion equation "
            "with D = ħ/2m."
        ),
        latex=(
            r"i\hbar \Bigl(i\, \frac{\partial \psi}{\partial \tau}\Bigr) + \frac{\hbar^2}{2m}"
            r" \frac{\partial^2 \psi}{\partial x^2} = -\hbar \Bigl(\frac{\partial \psi}{\partial \tau}"
            r" - \frac{\hbar}{2m} \frac{\partial^2 \psi}{\partial x^2}\Bigr)"
        ),
        lhs=I * hbar * (I * Derivative(psi(x, tau), tau)) + hbar**2 / (2 * m) * Derivative(psi(x, tau), (x, 2)),
        rhs=-hbar * diffusion_residual(psi(x, tau), tau),
    ),
    Step(
        id="plane-wave",
        text=(
            "A concrete check: the free-particle plane wave e^{i(kx − ħk²t/2m)}, continued to t = −iτ, becomes "
            "the decaying mode e^{ikx − ħk²τ/2m}, which solves the diffusion equation with D = ħ/2m."
        ),
        latex=(
            r"\frac{\partial \phi}{\partial \tau} - \frac{\hbar}{2m} \frac{\partial^2 \phi}{\partial x^2} = 0,"
            r" \qquad \phi(x, \tau) = e^{i(kx - \hbar k^2 t/2m)}\big|_{t = -i\tau} = e^{ikx - \hbar k^2 \tau/2m}"
        ),
        lhs=diffusion_residual(plane_wave(-I * tau), tau),
        rhs=sympy.Integer(0),
    ),
    Step(
        id="heat-kernel",
        text=(
            "The Gaussian heat kernel K = e^{−x²/(4Dτ)}/√(4πDτ) with D = ħ/2m solves the resulting diffusion "
            "equation for τ > 0."
        ),
        latex=(
            r"\frac{\partial K}{\partial \tau} - D\, \frac{\partial^2 K}{\partial x^2} = 0, \qquad"
            r" K(x, \tau) = \frac{1}{\sqrt{4\pi D\tau}}\, e^{-x^2/(4D\tau)}, \quad D = \frac{\hbar}{2m}"
        ),
        lhs=diffusion_residual(heat_kernel, tau),
        rhs=sympy.Integer(0),
    ),
    Step(
        id="propagator",
        text=(
            "The free Schrödinger propagator √(m/2πiħt) e^{imx²/2ħt}, evaluated at t = −iτ, is exactly the "
            "heat kernel with the same D = ħ/2m."
        ),
        latex=(
            r"\left.\sqrt{\frac{m}{2\pi i\hbar t}}\, e^{i m x^2/(2\hbar t)}\right|_{t = -i\tau}"
            r" = \frac{1}{\sqrt{4\pi D\tau}}\, e^{-x^2/(4D\tau)}, \quad D = \frac{\hbar}{2m}"
        ),
        lhs=Subs(schrodinger_kernel, t, -I * tau),
        rhs=heat_kernel,
    ),
    Step(
        id="evolution-operator",
        text=(
            "On an eigenstate of energy H, the oscillating evolution factor e^{−iHt/ħ} at t = −iτ becomes "
            "the real weight e^{−Hτ/ħ}."
        ),
        latex=r"\left. e^{-iHt/\hbar} \right|_{t = -i\tau} = e^{-H\tau/\hbar}",
        lhs=Subs(exp(-I * H * t / hbar), t, -I * tau),
        rhs=exp(-H * tau / hbar),
    ),
    Step(
        id="boltzmann-weight",
        text=(
            "At imaginary time τ = βħ the evolution factor is the Boltzmann weight e^{−βH}, so a temperature "
            "is a period in imaginary time."
        ),
        latex=r"\left. e^{-iHt/\hbar} \right|_{t = -i\beta\hbar} = e^{-\beta H}",
        lhs=Subs(exp(-I * H * t / hbar), t, -I * beta * hbar),
        rhs=exp(-beta * H),
    ),
)

DERIVATION = Derivation(
    name="wick-rotation",
    title="Wick rotation: from Schrödinger to diffusion",
    summary=(
        "Imaginary time t = −iτ turns the free Schrödinger equation iħ ∂ψ/∂t = −(ħ²/2m) ∂²ψ/∂x² into the "
        "diffusion equation ∂ψ/∂τ = (ħ/2m) ∂²ψ/∂x², solved by the Gaussian heat kernel, and the evolution "
        "factor e^{−iHt/ħ} into the Boltzmann weight e^{−Hτ/ħ}."
    ),
    steps=STEPS,
)
