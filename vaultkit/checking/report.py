"""Verification results as a person reads them: compiler-style lines and a summary."""

from __future__ import annotations

from collections.abc import Iterable

from .claims import Result, Verdict


def where(result: Result) -> str:
    if result.source == "builtin":
        return f"builtin/{result.id.split('/', 1)[0]}:{result.line}"
    return f"{result.note}:{result.line}"


def line(result: Result) -> str:
    """`path:line: VERDICT id — message`, and `(given [[Note]]:12, …)` when the verdict relies on givens."""
    text = f"{where(result)}: {result.verdict.value.upper()} {result.id} — {result.message}"
    return f"{text} ({given(result)})" if result.givens else text


def given(result: Result) -> str:
    """`given [[Note]]:12, [[Other]]:3`: the givens a verdict relies on; empty when there are none."""
    return f"given {', '.join(result.givens)}" if result.givens else ""


def summary(results: Iterable[Result], seconds: float, reused: int = 0) -> str:
    counted = {verdict: 0 for verdict in Verdict}
    total = 0
    for result in results:
        counted[result.verdict] += 1
        total += 1
    parts = [f"{counted[v]} {v.value}" for v in Verdict if counted[v]]
    cached = f", {reused} from cache" if reused else ""
    return f"{total} claims: {', '.join(parts) or 'none'} ({seconds:.1f} s{cached})"
