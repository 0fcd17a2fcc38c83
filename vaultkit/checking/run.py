"""Stage 5, verify: every claim of a vault checked in isolated worker processes.

The checking pipeline is a list of units of work (`workers.Unit`): a note with
claims (`work.NoteWork`), a built-in derivation some note asked for
(`builtin.DerivationUnit`), a Python block when asked to run them
(`python.PythonBlock`). Each runs in a process of its own with memory and CPU
limits and a wall-clock deadline, so a claim that explodes costs its unit an
`incomplete` error and the run goes on. Results are cached by content outside
the vault, except incomplete ones: an unchanged vault re-verifies at once.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..progress import progress
from ..vault import Vault
from .builtin import DerivationUnit, opt_ins
from .cache import ResultCache
from .claims import GOOD, Result, Verdict, count, failed, worst
from .python import python_blocks
from .sandbox import available as sandbox_available
from .work import Uses, note_works
from .workers import Unit, run_units

DEFAULT_BUDGET = 60.0  # seconds for one claim at most: a ceiling (typical claims take well under a second)
UNCONFINED = (
    "this system gives no sandbox (no user namespaces), so Python blocks ran with your rights and could have "
    "written anywhere you can; the verification cache was emptied"
)


@dataclass(frozen=True)
class Verification:
    """Every result of a run, and what they mean for each note."""

    results: tuple[Result, ...]
    status: dict[str, Verdict]  # note id → worst verdict; notes without claims are absent
    verified_ancestry: dict[str, bool]  # note id → it and all it uses have only proved/checked claims
    uses: tuple[tuple[str, str, int], ...]  # (note id, used note id, line of `uses:`)
    attached: dict[str, tuple[str, ...]] = field(default_factory=dict)  # note id → derivations it asked for
    reused: int = 0  # units of work answered from the cache
    warnings: tuple[str, ...] = ()  # what the user should know about how the run went (no cache, no sandbox)

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
    """Check every claim of the vault: `sympy` blocks, `%% verify %%` equations, the derivations notes ask for."""
    works, uses = note_works(vault)
    asked = opt_ins(vault)
    derivations = [DerivationUnit(name) for name in sorted({n for names in asked.names.values() for n in names})]
    blocks = python_blocks(vault)
    units: list[Unit] = [*works, *derivations, *(blocks if run_python else ())]
    cache = ResultCache(cache_dir, vault.root) if use_cache else None
    workers = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
    unconfined = run_python and bool(blocks) and not sandbox_available()
    done, reused = _run_cached(units, budget, workers, cache, show_progress, unconfined)
    results = [r for unit in units for r in done[unit.id]]
    results += asked.errors
    if not run_python:
        results += [block.skipped() for block in blocks]
    results.sort(key=lambda r: (r.source == "builtin", r.note, r.derivation or "", r.line, r.id))
    status = _status(results, vault, asked.names)
    ancestry = _ancestry(vault, status, uses)
    warnings = [cache.warning] if cache is not None and cache.warning else []
    warnings += [UNCONFINED] if unconfined else []
    return Verification(tuple(results), status, ancestry, tuple(uses), asked.names, reused, tuple(warnings))


def derive(names: Iterable[str], *, budget: float = DEFAULT_BUDGET, use_cache: bool = True) -> dict[str, list[Result]]:
    """Check built-in derivations by name, each in its own process, through the same cache."""
    units = [DerivationUnit(name) for name in names]
    cache = ResultCache(None, None) if use_cache else None
    done, _ = _run_cached(units, budget, max(1, os.cpu_count() or 1), cache, show_progress=False)
    return {unit.name: done[unit.id] for unit in units}


def _run_cached(
    units: Sequence[Unit],
    budget: float,
    workers: int,
    cache: ResultCache | None,
    show_progress: bool | None,
    unconfined: bool = False,
) -> tuple[dict[str, list[Result]], int]:
    """Results by unit id, from the cache where it has them, else from isolated workers; and the reuse count.

    A unit's results are cached unless one is `incomplete` (a time-out, a stopped
    process): another run, with more time, may decide it. The key does not hold
    the budget, which changes how long a check may take, never its verdict.
    `unconfined`: Python blocks run outside a sandbox and could have forged any
    entry, so the cache is emptied once every block has ended and only this
    run's own results are written back.
    """
    done: dict[str, list[Result]] = {}
    keys = {unit.id: unit.key() for unit in units} if cache is not None else {}
    todo = []
    for unit in units:
        hit = cache.get(keys[unit.id]) if cache is not None else None
        if hit is not None:
            done[unit.id] = hit
        else:
            todo.append(unit)
    reused = len(done)
    for unit, results in progress(run_units(todo, budget, workers), len(todo), "verifying", enabled=show_progress):
        done[unit.id] = results
        if cache is not None and not unconfined:
            cache.put(keys[unit.id], results)
    if cache is not None and unconfined:
        cache.clear()
        for unit in units:
            cache.put(keys[unit.id], done[unit.id])
    return done, reused


# ---------------------------------------------------------------- what the results mean for each note


def _status(results: Iterable[Result], vault: Vault, attached: dict[str, tuple[str, ...]]) -> dict[str, Verdict]:
    """A note's worst verdict over its own claims and the derivations it asked for, nothing else."""
    by_path = {note.path: note.id for note in vault.notes.values()}
    verdicts: dict[str, list[Verdict]] = {}  # note id, or "builtin:" + derivation name
    for result in results:
        owner = f"builtin:{result.derivation}" if result.derivation is not None else by_path.get(result.note)
        if owner is not None:
            verdicts.setdefault(owner, []).append(result.verdict)
    status: dict[str, Verdict] = {}
    for ident in vault.notes:
        asked = (v for name in attached.get(ident, ()) for v in verdicts.get(f"builtin:{name}", ()))
        found = worst([*verdicts.get(ident, ()), *asked])
        if found is not None:
            status[ident] = found
    return status


def _ancestry(vault: Vault, status: dict[str, Verdict], uses: Uses) -> dict[str, bool]:
    """True when a note and every note it `uses`, transitively, have only proved or checked claims.

    Only explicit `uses:` counts. Notes on a cycle of `uses` are never sound (the
    cycle is an error already). Computed over the condensation of the uses graph,
    so it is linear and needs no recursion however long a chain of `uses` is.
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
