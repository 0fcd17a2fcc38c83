"""Stage 5, verify: every claim of a vault checked in isolated worker processes.

Each note with claims (and each built-in derivation) is one unit of work, run
in a process of its own with memory and CPU limits and a wall-clock deadline,
so a claim that explodes costs its note an `error` and the run goes on. Results
are cached by content outside the vault: an unchanged vault re-verifies at once.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial

from ..model import Note
from ..progress import progress
from ..resolve import resolve_target
from ..vault import Vault
from .blocks import note_blocks, uses_targets
from .builtin import attached_to, check_derivation, fingerprint
from .cache import ResultCache
from .macros import definitions, note_macros
from .claims import GOOD, Result, Verdict, count, failed, worst
from .python import run_block, timeout as python_timeout
from .workers import run_isolated
from .work import ENGINE_VERSION, Equation, NoteWork, UsedNote, check_note

Unit = tuple[str, object]  # ("note", NoteWork) | ("derivation", name) | ("python", PythonBlock)

DEFAULT_BUDGET = 10.0  # seconds for one claim
_VERIFY = re.compile(r"^verify(?:\s+([A-Za-z0-9-]+))?$")


@dataclass(frozen=True)
class PythonBlock:
    """A ```python derivation``` block, run only with --run-python."""

    path: str
    title: str
    code: str
    line: int  # of the opening fence

    def key(self, budget: float) -> str:
        payload = json.dumps([ENGINE_VERSION, "python", budget, self.path, self.title, self.code, self.line])
        return hashlib.sha256(payload.encode()).hexdigest()


@dataclass(frozen=True)
class Verification:
    """Every result of a run, and what they mean for each note."""

    results: tuple[Result, ...]
    status: dict[str, Verdict]  # note id → worst verdict; notes without claims are absent
    verified_ancestry: dict[str, bool]  # note id → it and all it uses have only proved/checked claims
    uses: tuple[tuple[str, str, int], ...]  # (note id, used note id, line of `uses:`)
    attached: dict[str, tuple[str, ...]] = field(default_factory=dict)  # note id → derivation names
    reused: int = 0  # units of work answered from the cache

    def counts(self) -> dict[str, int]:
        return {verdict.value: n for verdict, n in count(self.results).items()}

    @property
    def failed(self) -> bool:
        return failed(self.results)

    def annotate(self, graph):  # noqa: ANN001, ANN201
        """Add `status`, `verified_ancestry` and `derivations` to note nodes, and `uses` edges."""
        for node, data in graph.nodes(data=True):
            if data.get("kind") != "note":
                continue
            verdict = self.status.get(node)
            data["status"] = verdict.value if verdict is not None else None
            data["verified_ancestry"] = self.verified_ancestry.get(node, True)
            data["derivations"] = list(self.attached.get(node, ()))
        for source, target, line in self.uses:
            if graph.has_edge(source, target):
                graph.edges[source, target]["uses"] = True
            else:
                graph.add_edge(
                    source, target, kind="uses", count=1, display=[], anchors=[], line=line,
                    via_alias=False, ambiguous=False, uses=True,
                )  # fmt: skip
        return graph


def verify(
    vault: Vault,
    *,
    run_python: bool = False,
    jobs: int | None = None,
    budget: float = DEFAULT_BUDGET,
    cache_dir: str | os.PathLike[str] | None = None,
    use_cache: bool = True,
    show_progress: bool | None = None,
) -> Verification:
    """Check every claim of the vault: `sympy` blocks, `%% verify %%` equations, built-in derivations."""
    works, uses = _works(vault)
    attached = {
        note.id: tuple(d.name for d in attached_to([note.title, *note.aliases]))
        for note in vault.notes.values()
    }
    names = sorted({name for names in attached.values() for name in names})
    units: list[Unit] = [("note", w) for w in works] + [("derivation", n) for n in names]
    if run_python:
        units += [("python", block) for block in _python_blocks(vault)]
    cache = ResultCache(cache_dir, vault.root) if use_cache else None
    workers = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
    done, reused = _run_cached(units, budget, workers, cache, show_progress)
    results = _collect(vault, works, attached, done, run_python)
    status = _status(results, vault, attached)
    ancestry = _ancestry(vault, status, uses)
    return Verification(tuple(results), status, ancestry, tuple(uses), attached, reused)


def derive(names: Iterable[str], *, budget: float = DEFAULT_BUDGET, use_cache: bool = True) -> dict[str, list[Result]]:
    """Check built-in derivations by name, each in its own process, through the same cache."""
    units: list[Unit] = [("derivation", name) for name in names]
    cache = ResultCache(None, None) if use_cache else None
    done, _ = _run_cached(units, budget, max(1, os.cpu_count() or 1), cache, show_progress=False)
    return {str(what): done[_unit_id((kind, what))] for kind, what in units}


def _run_cached(
    units: list[Unit], budget: float, workers: int, cache: ResultCache | None, show_progress: bool | None
) -> tuple[dict[str, list[Result]], int]:
    """Results by unit id, from the cache where it has them, else from isolated workers; and the reuse count."""
    done: dict[str, list[Result]] = {}
    keys: dict[str, str] = {}
    todo = []
    for unit in units:
        if cache is not None:
            keys[_unit_id(unit)] = key = _unit_key(unit, budget)
            hit = cache.get(key)
            if hit is not None:
                done[_unit_id(unit)] = hit
                continue
        todo.append(unit)
    reused = len(done)
    for unit, results in progress(_run_isolated(todo, budget, workers), len(todo), "verifying", enabled=show_progress):
        done[_unit_id(unit)] = results
        if cache is not None and not _interrupted(results):
            cache.put(keys[_unit_id(unit)], results)
    return done, reused


# ---------------------------------------------------------------- units of work


def _works(vault: Vault) -> tuple[list[NoteWork], list[tuple[str, str, int]]]:
    blocks = {note.id: note_blocks(note) for note in vault.notes.values()}
    direct: dict[str, list[tuple[str, int]]] = {}
    problems: dict[str, list[tuple[int, str]]] = {}
    uses: list[tuple[str, str, int]] = []
    for note in vault.notes.values():
        folder = note.id.rpartition("/")[0]
        for target, line in uses_targets(blocks[note.id]):
            found = resolve_target(vault.index, target, folder, alias_links=vault.options.alias_links)
            if found.target is None or found.attachment or found.target not in vault.notes:
                problems.setdefault(note.id, []).append((line, f"uses: [[{target}]] matches no note"))
                continue
            direct.setdefault(note.id, []).append((found.target, line))
            uses.append((note.id, found.target, line))
    works = []
    vault_macros = definitions([vault.preamble])
    for note in vault.notes.values():
        equations = _equations(note)
        if not blocks[note.id] and not equations:
            continue
        order, cycle = _dependencies(note.id, direct)
        note_problems = list(problems.get(note.id, ()))
        if cycle is not None:
            note_problems.append(cycle)
        used = tuple(
            UsedNote(vault.notes[i].path, vault.notes[i].title, blocks[i]) for i in order if i != note.id
        )
        macros = note_macros(vault_macros, note) if equations else ()
        works.append(NoteWork(note.path, note.title, blocks[note.id], equations, used, tuple(note_problems), macros))
    return works, uses


def _equations(note: Note) -> tuple[Equation, ...]:
    found = []
    for math in note.math:
        match = _VERIFY.match(math.annotation or "") if math.display else None
        if match:
            found.append(Equation(math.tex, math.line, match.group(1) or f"{note.title}:{math.line}"))
    return tuple(found)


def _dependencies(start: str, direct: dict[str, list[tuple[str, int]]]) -> tuple[list[str], tuple[int, str] | None]:
    """Used notes in dependency order (deepest first), and a `uses` cycle if there is one."""
    order: list[str] = []
    state: dict[str, str] = {}
    cycle: tuple[int, str] | None = None

    def visit(node: str, path: list[str]) -> None:
        nonlocal cycle
        state[node] = "open"
        for target, line in direct.get(node, ()):
            if state.get(target) == "open":
                if cycle is None:
                    loop = " → ".join([*path[path.index(target):], target]) if target in path else target
                    cycle = (line if node == start else direct[start][0][1], f"uses: cycle {loop}")
                continue
            if target not in state:
                visit(target, [*path, target])
        state[node] = "done"
        order.append(node)

    visit(start, [start])
    return order, cycle


def _unit_id(unit: Unit) -> str:
    kind, what = unit
    if kind == "derivation":
        return f"derivation:{what}"
    return f"{kind}:{what.path}:{getattr(what, 'line', 0)}"  # type: ignore[attr-defined]


def _unit_key(unit: Unit, budget: float) -> str:
    kind, what = unit
    if kind == "derivation":
        return fingerprint(str(what), budget)
    return what.key(budget)  # type: ignore[attr-defined]


def _python_blocks(vault: Vault) -> list[PythonBlock]:
    return [
        PythonBlock(note.path, note.title, block.content, block.line)
        for note in vault.notes.values()
        for block in note.code_blocks
        if block.info.split()[:2] == ["python", "derivation"]
    ]


# ---------------------------------------------------------------- isolated workers


def _run_isolated(units: list[Unit], budget: float, workers: int):  # noqa: ANN202
    return run_isolated(units, workers, partial(_work, budget=budget), partial(_wall_limit, budget=budget), _stopped)


def _wall_limit(unit: Unit, budget: float) -> float:
    kind, what = unit
    if kind == "python":
        return python_timeout(budget) + 10  # the block's own subprocess has a shorter limit
    if kind == "note":
        statements = sum(b.content.count("claim") for b in what.blocks) + len(what.equations)  # type: ignore[attr-defined]
    else:
        statements = 12
    return min(30 + budget * 1.5 * (statements + 1), 600.0)


def _work(unit: Unit, budget: float) -> list[Result]:
    kind, what = unit
    if kind == "note":
        return check_note(what, budget)  # type: ignore[arg-type]
    if kind == "python":
        return run_block(what.path, what.title, what.code, what.line, budget)  # type: ignore[attr-defined]
    return check_derivation(str(what), budget)


def _stopped(unit: Unit, message: str) -> list[Result]:
    return [_stopped_result(unit, message)]


def _stopped_result(unit: Unit, message: str) -> Result:
    kind, what = unit
    if kind == "python":
        return Result(what.path, what.line, f"{what.title}:{what.line}", "python", Verdict.ERROR, message=message)  # type: ignore[attr-defined]
    if kind == "note":
        lines = [b.line for b in what.blocks] + [e.line for e in what.equations]  # type: ignore[attr-defined]
        return Result(what.path, min(lines, default=0), what.title, "sympy", Verdict.ERROR, message=message)  # type: ignore[attr-defined]
    return Result("", 0, str(what), "builtin", Verdict.ERROR, message=message)


def _interrupted(results: list[Result]) -> bool:
    """Results from a stopped process are not cached: another run may have more time."""
    return any(r.verdict is Verdict.ERROR and r.message.startswith("the checking process") for r in results)


# ---------------------------------------------------------------- putting results together


def _collect(
    vault: Vault, works: list[NoteWork], attached: dict[str, tuple[str, ...]], done: dict, run_python: bool
) -> list[Result]:
    results: list[Result] = []
    for work in works:
        results.extend(done.get(_unit_id(("note", work)), []))
    for name in sorted({n for names in attached.values() for n in names}):
        results.extend(done.get(_unit_id(("derivation", name)), []))
    for block in _python_blocks(vault):
        if run_python:
            results.extend(done.get(_unit_id(("python", block)), []))
        else:
            results.append(
                Result(block.path, block.line, f"{block.title}:{block.line}", "python", Verdict.SKIPPED,
                       message="Python derivation blocks run only with --run-python")  # fmt: skip
            )
    return sorted(results, key=lambda r: (r.source == "builtin", r.note, r.line, r.id))


def _status(results: Iterable[Result], vault: Vault, attached: dict[str, tuple[str, ...]]) -> dict[str, Verdict]:
    """A note's worst verdict over its own claims and the derivations attached to it."""
    by_path = {note.path: note.id for note in vault.notes.values()}
    verdicts: dict[str, list[Verdict]] = {}  # note id, or "builtin:" + derivation name
    for result in results:
        owner = f"builtin:{result.derivation}" if result.derivation is not None else by_path.get(result.note)
        if owner is not None:
            verdicts.setdefault(owner, []).append(result.verdict)
    status: dict[str, Verdict] = {}
    for ident in vault.notes:
        found = worst([*verdicts.get(ident, ()), *(v for n in attached.get(ident, ()) for v in verdicts.get(f"builtin:{n}", ()))])
        if found is not None:
            status[ident] = found
    return status


def _ancestry(vault: Vault, status: dict[str, Verdict], uses: list[tuple[str, str, int]]) -> dict[str, bool]:
    """True when a note and every note it uses, transitively, have only proved or checked claims.

    Notes on a cycle of `uses` are never sound (the cycle is an error already).
    Computed over the condensation of the uses graph, so it is linear and needs
    no recursion however long a chain of `uses` is.
    """
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_nodes_from(vault.notes)
    graph.add_edges_from((source, target) for source, target, _ in uses)
    condensed = nx.condensation(graph)
    sound: dict[int, bool] = {}
    for component in reversed(list(nx.topological_sort(condensed))):
        members = condensed.nodes[component]["members"]
        cyclic = len(members) > 1 or any(graph.has_edge(m, m) for m in members)
        own = all(status.get(m, Verdict.PROVED) in GOOD for m in members)
        sound[component] = not cyclic and own and all(sound[c] for c in condensed.successors(component))
    mapping = condensed.graph["mapping"]
    return {node: sound[mapping[node]] for node in vault.notes}
