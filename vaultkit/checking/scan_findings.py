r"""What the engine's answers mean for a step of a scan: its finding.

The engine says whether a claim holds for every value of its symbols. What a
counterexample means depends on the step: a derivation step that fails **does
not follow**; a single equation that fails is a **statement** (a law, a
condition: it holds for some values only); a step that fails without the
condition written beside it is **conditional**. A step that holds with the
note's context is reported with it: *using line N* (the note's earlier
definitions put in). A step that holds only with what the note does not write
(every symbol positive, names read in order that commute) holds **under an
assumption**: never proved or checked, as `\sqrt{x^2} = x` is false for x < 0. A
claim the engine could not decide is **not checked**, with why; relations that
are not identities are counted by kind and never checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .claims import Result, Verdict
from .scan import Kind
from .scan_read import Attempt, Step


class Finding(str, Enum):
    PROVED = "proved"
    CHECKED = "checked"
    ASSUMED = "under an assumption"
    DOES_NOT_FOLLOW = "does not follow"
    STATEMENT = "statement"
    CONDITIONAL = "conditional"
    NOT_CHECKED = "not checked"
    NOT_IDENTITY = "not an identity"


@dataclass(frozen=True)
class Judged:
    """A step, its finding, and the engine's answer (and the claim it answered) the finding rests on."""

    step: Step
    finding: Finding
    result: Result | None = None
    attempt: Attempt | None = None
    message: str = ""

    @property
    def context(self) -> str:
        """`using line 12`, `for positive values`: what the finding needed besides the step ("" for nothing)."""
        if self.attempt is None or self.finding not in (Finding.PROVED, Finding.CHECKED, Finding.ASSUMED):
            return ""
        parts = [f"using line{'s' if len(self.attempt.using) > 1 else ''} {', '.join(map(str, self.attempt.using))}"]
        parts = parts if self.attempt.using else []
        if self.attempt.assuming:
            parts.append(f"assuming {self.attempt.assuming}")
        return ", ".join(parts)


def judge(step: Step, answers: list[Result]) -> Judged:
    """The finding of a step from the engine's answers to its claims, in the order they were tried."""
    if not step.kind.identity:
        return Judged(step, Finding.NOT_IDENTITY)
    if step.problem or not answers:
        return Judged(step, Finding.NOT_CHECKED, message=step.problem or "nothing to check")
    last = answers[-1]
    attempt = step.attempts[len(answers) - 1]
    if last.verdict in (Verdict.PROVED, Verdict.CHECKED):
        finding = Finding.PROVED if last.verdict is Verdict.PROVED else Finding.CHECKED
        return Judged(step, Finding.ASSUMED if attempt.assumed else finding, last, attempt, last.message)
    if last.verdict is not Verdict.FALSE and len(answers) == 1:
        return Judged(step, Finding.NOT_CHECKED, last, attempt, last.message)
    unmet = bool(step.condition) and not step.condition_assumed  # a condition the claims could not assume
    failure = _failure(step.kind, unmet)
    if last.verdict is not Verdict.FALSE:  # false as read, undecided with context: it may follow with it
        why = f"false as read; {_tried(attempt)}, not decided: {last.message}"
        if failure is not Finding.DOES_NOT_FOLLOW:  # a statement or a conditional step either way
            return Judged(step, failure, answers[0], step.attempts[0], f"{answers[0].message} ({why})")
        return Judged(step, Finding.NOT_CHECKED, last, attempt, why)
    shown = max(i for i in range(len(answers)) if not step.attempts[i].using)  # a point of the step as read
    result, message = answers[shown], answers[shown].message
    if failure is Finding.DOES_NOT_FOLLOW and step.doubt:
        return Judged(step, Finding.NOT_CHECKED, result, step.attempts[shown], f"false as read, but {step.doubt}")
    return Judged(step, failure, result, step.attempts[shown], message)


def _failure(kind: Kind, unmet_condition: bool) -> Finding:
    if unmet_condition:
        return Finding.CONDITIONAL
    return Finding.STATEMENT if kind is Kind.EQUATION else Finding.DOES_NOT_FOLLOW


def _tried(attempt: Attempt) -> str:
    parts = [f"with line {', '.join(map(str, attempt.using))}"] if attempt.using else []
    parts += [f"assuming {attempt.assuming}"] if attempt.assuming else []
    return " and ".join(parts) or "as read"
