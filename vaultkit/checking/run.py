"""Stage 5, verify: every claim of a vault checked in isolated worker processes.

Each note with claims (and each built-in derivation) is one unit of work, run
in a process of its own with memory and CPU limits and a wall-clock deadline,
so a claim that explodes costs its note an `error` and the run goes on. Results
are cached by content outside the vault: an unchanged vault re-verifies at once.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Note
from ..progress import progress
from ..resolve import resolve_target
from ..vault import Vault
from .blocks import Block, uses_targets
from .builtin import attached_to, check_derivation, fingerprint
from .cache import ResultCache
from .claims import Result, Verdict
from .python import run_block
from .work import Equation, NoteWork, UsedNote, check_note

DEFAULT_BUDGET = 10.0  # seconds for one claim
MEMORY_LIMIT = 2 * 1024**3  # bytes of address space for one worker
_VERIFY = re.compile(r"^verify(?:\s+([A-Za-z0-9-]+))?$")


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
        counted = {verdict.value: 0 for verdict in Verdict}
        for result in self.results:
            counted[result.verdict.value] += 1
        return counted

    @property
    def failed(self) -> bool:
        return any(r.verdict in (Verdict.FALSE, Verdict.ERROR) for r in self.results)

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
    cache = ResultCache(cache_dir, vault.root) if use_cache else None
    units: list[tuple[str, object]] = [("note", w) for w in works] + [("derivation", n) for n in names]
    keys = {_unit_id(u): _unit_key(u, budget) for u in units}
    done: dict[str, list[Result]] = {}
    if cache is not None:
        for unit in units:
            hit = cache.get(keys[_unit_id(unit)])
            if hit is not None:
                done[_unit_id(unit)] = hit
    reused = len(done)
    todo = [u for u in units if _unit_id(u) not in done]
    workers = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
    for unit, results in progress(_run_isolated(todo, budget, workers), len(todo), "verifying", enabled=show_progress):
        done[_unit_id(unit)] = results
        if cache is not None and not _interrupted(results):
            cache.put(keys[_unit_id(unit)], results)
    results = _collect(vault, works, attached, done, run_python, budget)
    status = _status(results, vault, attached)
    ancestry = _ancestry(vault, status, uses)
    return Verification(tuple(results), status, ancestry, tuple(uses), attached, reused)


def derive(names: Iterable[str], *, budget: float = DEFAULT_BUDGET, use_cache: bool = True) -> dict[str, list[Result]]:
    """Check built-in derivations by name, each in its own process, through the same cache."""
    cache = ResultCache(None, None) if use_cache else None
    units = [("derivation", name) for name in names]
    found: dict[str, list[Result]] = {}
    todo = []
    for unit in units:
        hit = cache.get(_unit_key(unit, budget)) if cache is not None else None
        if hit is not None:
            found[str(unit[1])] = hit
        else:
            todo.append(unit)
    for unit, results in _run_isolated(todo, budget, max(1, os.cpu_count() or 1)):
        found[str(unit[1])] = results
        if cache is not None and not _interrupted(results):
            cache.put(_unit_key(unit, budget), results)
    return found


# ---------------------------------------------------------------- units of work


def _works(vault: Vault) -> tuple[list[NoteWork], list[tuple[str, str, int]]]:
    blocks = {note.id: _blocks(note) for note in vault.notes.values()}
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
        works.append(NoteWork(note.path, note.title, blocks[note.id], equations, used, tuple(note_problems)))
    return works, uses


def _blocks(note: Note) -> tuple[Block, ...]:
    return tuple(Block(b.content, b.line + 1) for b in note.code_blocks if b.info.split()[:1] == ["sympy"])


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


def _unit_id(unit: tuple[str, object]) -> str:
    kind, what = unit
    return f"note:{what.path}" if kind == "note" else f"derivation:{what}"  # type: ignore[attr-defined]


def _unit_key(unit: tuple[str, object], budget: float) -> str:
    kind, what = unit
    if kind == "note":
        return what.key(budget)  # type: ignore[attr-defined]
    return fingerprint(str(what), budget)


# ---------------------------------------------------------------- isolated workers


def _run_isolated(units: list[tuple[str, object]], budget: float, workers: int):  # noqa: ANN202
    """Yield (unit, results) as each unit's process finishes, at most `workers` at once."""
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    pending = list(units)
    running: dict = {}
    while pending or running:
        while pending and len(running) < workers:
            unit = pending.pop(0)
            receive, send = context.Pipe(duplex=False)
            limit = _wall_limit(unit, budget)
            process = context.Process(target=_child, args=(unit, budget, limit, send), daemon=True)
            process.start()
            send.close()
            running[receive] = (process, unit, time.monotonic() + limit, limit)
        for connection in multiprocessing.connection.wait(list(running), timeout=0.2):
            process, unit, _, _ = running.pop(connection)
            try:
                results = connection.recv()
            except (EOFError, OSError):
                results = None
            connection.close()
            process.join(5)
            if results is None:
                code = process.exitcode
                reason = "ran out of memory" if code in (-9, 137, None) else f"stopped (exit status {code})"
                results = [_stopped(unit, f"the checking process {reason}")]
            yield unit, results
        now = time.monotonic()
        for connection, (process, unit, deadline, limit) in list(running.items()):
            if now > deadline:
                process.kill()
                process.join(5)
                connection.close()
                del running[connection]
                yield unit, [_stopped(unit, f"the checking process was stopped after {limit:.0f} s")]


def _wall_limit(unit: tuple[str, object], budget: float) -> float:
    kind, what = unit
    if kind == "note":
        statements = sum(b.content.count("claim") for b in what.blocks) + len(what.equations)  # type: ignore[attr-defined]
    else:
        statements = 12
    return min(30 + budget * 1.5 * (statements + 1), 600.0)


def _child(unit: tuple[str, object], budget: float, limit: float, send) -> None:  # noqa: ANN001
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        cpu = int(limit) + 5
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    except (ImportError, ValueError, OSError):
        pass
    try:
        kind, what = unit
        if kind == "note":
            results = check_note(what, budget)  # type: ignore[arg-type]
        else:
            results = check_derivation(str(what), budget)
        send.send(results)
    except MemoryError:
        send.send([_stopped(unit, "the checking process ran out of memory")])
    except RecursionError:
        send.send([_stopped(unit, "the claim is too deeply nested to check")])
    finally:
        send.close()


def _stopped(unit: tuple[str, object], message: str) -> Result:
    kind, what = unit
    if kind == "note":
        lines = [b.line for b in what.blocks] + [e.line for e in what.equations]  # type: ignore[attr-defined]
        return Result(what.path, min(lines, default=0), what.title, "sympy", Verdict.ERROR, message=message)  # type: ignore[attr-defined]
    return Result("", 0, str(what), "builtin", Verdict.ERROR, message=message)


def _interrupted(results: list[Result]) -> bool:
    """Results from a stopped process are not cached: another run may have more time."""
    return any(r.verdict is Verdict.ERROR and r.message.startswith("the checking process") for r in results)


# ---------------------------------------------------------------- putting results together


def _collect(
    vault: Vault, works: list[NoteWork], attached: dict[str, tuple[str, ...]], done: dict, run_python: bool,
    budget: float,
) -> list[Result]:
    results: list[Result] = []
    for work in works:
        results.extend(done.get(f"note:{work.path}", []))
    for name in sorted({n for names in attached.values() for n in names}):
        results.extend(done.get(f"derivation:{name}", []))
    for note in vault.notes.values():
        for block in note.code_blocks:
            if block.info.split()[:2] != ["python", "derivation"]:
                continue
            if run_python:
                results.extend(run_block(note.path, note.title, block.content, block.line, budget))
            else:
                results.append(
                    Result(note.path, block.line, f"{note.title}:{block.line}", "python", Verdict.SKIPPED,
                           message="Python derivation blocks run only with --run-python")  # fmt: skip
                )
    return sorted(results, key=lambda r: (r.source == "builtin", r.note, r.line, r.id))


def _status(results: Iterable[Result], vault: Vault, attached: dict[str, tuple[str, ...]]) -> dict[str, Verdict]:
    """A note's worst verdict over its own claims and the derivations attached to it."""
    by_path = {note.path: note.id for note in vault.notes.values()}
    derivation_worst: dict[str, Verdict] = {}
    status: dict[str, Verdict] = {}

    def worse(current: Verdict | None, verdict: Verdict) -> Verdict:
        return verdict if current is None or verdict.rank > current.rank else current

    for result in results:
        if result.source == "builtin":
            name = result.id.split("/", 1)[0]
            derivation_worst[name] = worse(derivation_worst.get(name), result.verdict)
        elif result.note in by_path:
            status[by_path[result.note]] = worse(status.get(by_path[result.note]), result.verdict)
    for ident, names in attached.items():
        for name in names:
            if name in derivation_worst:
                status[ident] = worse(status.get(ident), derivation_worst[name])
    return status


def _ancestry(vault: Vault, status: dict[str, Verdict], uses: list[tuple[str, str, int]]) -> dict[str, bool]:
    good = {Verdict.PROVED, Verdict.CHECKED}
    direct: dict[str, set[str]] = {}
    for source, target, _ in uses:
        direct.setdefault(source, set()).add(target)
    memo: dict[str, bool] = {}

    def sound(node: str, seen: frozenset[str]) -> bool:
        if node in memo:
            return memo[node]
        if node in seen:
            return False  # a cycle of uses is an error already
        own = status.get(node)
        value = (own is None or own in good) and all(sound(t, seen | {node}) for t in direct.get(node, ()))
        memo[node] = value
        return value

    return {node: sound(node, frozenset()) for node in vault.notes}

