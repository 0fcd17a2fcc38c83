"""A scan as a person reads it (a table, then every step that does not follow) and as JSON (every step)."""

from __future__ import annotations

import re
from collections import Counter

from .scan import Kind
from .scan_findings import Finding, Judged
from .scan_run import Scan

TEX_SHOWN = 240  # characters of a display shown beside a step that does not follow
EXAMPLES = 15  # rows of the tables of causes and reasons

_PARTICULARS = (
    (re.compile(r"\b(symbol|function) \S+"), r"\1 …"),
    (re.compile(r"\blines? [0-9][0-9, ]*"), "an earlier line"),
    (re.compile(r"[0-9]+(\.[0-9]+)?"), "N"),
)
_EXPLAINED = {
    Finding.PROVED: "reduced to 0 symbolically",
    Finding.CHECKED: "agree at many points; not a proof",
    Finding.ASSUMED: "hold only if every symbol is positive, names commute or names are constant: the note does not say so",
    Finding.DOES_NOT_FOLLOW: "a counterexample: a mistake, or a step that needs more than is written",
    Finding.STATEMENT: "single equations that hold for some values only: laws, conditions",
    Finding.CONDITIONAL: "fail without the condition written beside them",
    Finding.NOT_CHECKED: "the engine could not decide",
}


def lines(found: Scan) -> list[str]:
    """The summary table, every step that does not follow, then why displays were not read or steps not checked."""
    shown = _table(found)
    failures = [j for j in found.judged if j.finding is Finding.DOES_NOT_FOLLOW]
    if failures:
        shown += ["", "does not follow:"]
        for judged in failures:
            shown += _failure(judged)
    if found.unread:
        shown += ["", "displays not read, by cause and command:"]
        counted = Counter((o.cause or "?", o.command or "") for o in found.unread)
        shown += [f"  {n:5d}  {command or '(none)':24s} {cause}" for (cause, command), n in counted.most_common(EXAMPLES)]
    unchecked = Counter(_reason(j.message) for j in found.judged if j.finding is Finding.NOT_CHECKED)
    if unchecked:
        shown += ["", "steps not checked, by reason:"]
        shown += [f"  {n:5d}  {reason}" for reason, n in unchecked.most_common(EXAMPLES)]
    return shown


def _table(found: Scan) -> list[str]:
    read = found.displays - len(found.unread)
    identities = [j for j in found.judged if j.step.kind.identity]
    shown = [
        f"{found.notes} notes, {found.displays} display equations, {read} read: "
        f"{len(found.judged)} relations, {len(identities)} of them identities to check",
        "",
    ]
    for finding, meaning in _EXPLAINED.items():
        of = [j for j in identities if j.finding is finding]
        context = sum(1 for j in of if j.context)
        extra = f" ({context} with context: an earlier line, a written condition)" if context else ""
        extra = "" if finding is Finding.ASSUMED else extra
        shown.append(f"  {finding.value:20s} {len(of):6d}  {meaning}{extra}")
    others = Counter(j.step.kind for j in found.judged if not j.step.kind.identity)
    shown.append(f"  {'not an identity':20s} {sum(others.values()):6d}  not checked:")
    shown += [f"    {kind.value:18s} {others[kind]:6d}" for kind in Kind if not kind.identity]
    shown.append(f"  {'not read':20s} {len(found.unread):6d}  display equations the reader could not read")
    return shown + ([f"  ({found.reused} answers from the cache)"] if found.reused else [])


def _failure(judged: Judged) -> list[str]:
    step, result = judged.step, judged.result
    tex = " ".join(step.tex.split())
    tex = tex if len(tex) <= TEX_SHOWN else tex[: TEX_SHOWN - 1] + "…"
    kind = "a single equation without symbols" if step.kind is Kind.NUMERIC else "a derivation step"
    assumed = f" (assuming {judged.attempt.assuming})" if judged.attempt and judged.attempt.assuming else ""
    return [
        f"{step.note}:{step.line}: does not follow ({kind}): $${tex}$$",
        f"    read as   {step.lhs} {step.relation.lstrip(chr(92))} {step.rhs}",
        f"    false{assumed}: {result.message if result else judged.message}",
    ]


def _reason(message: str) -> str:
    """A reason without its particulars (names, lines, numbers), so that alike reasons count together."""
    head = message.split(": ", 1)[0] if not message.startswith("false as read") else message.split(", not decided")[0]
    for pattern, general in _PARTICULARS:
        head = pattern.sub(general, head)
    return head[:100]


def as_json(found: Scan) -> dict:
    """The summary and every step, with its reading, finding and the engine's answer; every display not read."""
    summary: dict[str, object] = {f.value: found.count(f) for f in Finding if f is not Finding.NOT_IDENTITY}
    summary["not an identity"] = {
        kind.value: sum(1 for j in found.judged if j.step.kind is kind) for kind in Kind if not kind.identity
    }
    summary["not read"] = len(found.unread)
    return {
        "notes": found.notes,
        "displays": found.displays,
        "summary": summary,
        "steps": [_step_json(judged) for judged in found.judged],
        "not_read": [outcome.as_json() for outcome in found.unread],
    }


def _step_json(judged: Judged) -> dict:
    step, result, attempt = judged.step, judged.result, judged.attempt
    return {
        "note": step.note, "line": step.line, "tex": step.tex, "relation": step.relation, "kind": step.kind.value,
        "lhs": step.lhs, "rhs": step.rhs, "condition": step.condition or None, "finding": judged.finding.value,
        "using": list(attempt.using) if attempt else [], "assuming": attempt.assuming if attempt else "",
        "verdict": result.verdict.value if result else None, "method": result.method if result else "",
        "message": judged.message, "counterexample": result.counterexample if result else None,
        "givens": list(result.givens) if result else [], "incomplete": bool(result and result.incomplete),
    }  # fmt: skip
