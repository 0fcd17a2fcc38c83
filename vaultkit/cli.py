"""The `vaultkit` command: argument parsing and printing, nothing else.

Every command calls the public API; exit status 0 is success, 1 means the vault
has errors (lint), 2 is a usage error (bad arguments, no such vault).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .files import DEFAULT_MAX_SIZE
from .load import VaultNotFound, load
from .model import Note, Severity
from .new import NewNoteError, create_note
from .terminal import escape, json_safe
from .vault import Vault

DEFAULT_VAULT = "vault"
_SEVERITY_ORDER = {"info": 0, "warning": 1, "error": 2}


class UsageError(Exception):
    pass


def _say(text: object = "", *, file=None) -> None:  # noqa: ANN001
    """Print one line of human output: text from the vault in it is escaped, never sent raw to a terminal.

    A line holds no newline of its own (one inside vault text is escaped too);
    JSON output goes through `json_safe` instead and stays exact.
    """
    print(escape(text), file=sys.stdout if file is None else file)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (UsageError, VaultNotFound, NewNoteError) as error:
        _say(f"vaultkit: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`vaultkit lint | head`)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0
    except OSError as error:  # an output that cannot be written
        where = f" {error.filename}" if error.filename else ""
        _say(f"vaultkit: error: cannot write{where}: {error.strerror or error}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vaultkit", description="A vault of Markdown notes → a concept map.")
    parser.add_argument("--version", action="version", version=f"vaultkit {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def vault_command(name: str, help_text: str, run) -> argparse.ArgumentParser:  # noqa: ANN001
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("vault", nargs="?", help="the vault folder (default: ./vault)")
        _add_load_options(sub)
        sub.set_defaults(run=run)
        return sub

    graph = vault_command("graph", "summarise the concept graph and write it to a file", _graph)
    graph.add_argument("-o", "--output", help="write the graph here; format by extension: .json, .graphml, .gexf")
    graph.add_argument("--verify", action="store_true", help="check the claims and add status attributes and uses edges")

    lint = vault_command("lint", "list the vault's problems as path:line: kind: message", _lint)
    lint.add_argument(
        "--min-severity", choices=list(_SEVERITY_ORDER), default="info", help="hide less serious diagnostics"
    )

    show = commands.add_parser("show", help="show one note: aliases, tags, links out, backlinks")
    show.add_argument("note", help="title, alias or path of the note")
    show.add_argument("--vault", help="the vault folder (default: ./vault)")
    show.add_argument("--verify", action="store_true", help="also check the vault's claims and show this note's")
    _add_load_options(show)
    show.set_defaults(run=_show)

    _add_verify_options(vault_command("verify", "check the vault's equations and built-in derivations", _verify))

    derive = commands.add_parser("derive", help="list the built-in derivations, or show one step by step")
    derive.add_argument("name", nargs="?", help="a derivation's name (see `vaultkit derive`)")
    _add_budget(derive)
    derive.set_defaults(run=_derive)

    publish = vault_command("publish", "write the concept map as one interactive HTML page", _publish)
    publish.add_argument("-o", "--output", default="site", help="the folder for index.html (default: site)")
    publish.add_argument("--no-verify", action="store_true", help="do not check the claims (no status colours or claims)")

    new = commands.add_parser("new", help="add a note from a template (never overwrites)")
    new.add_argument("title", help="the new note's title (its file name without .md)")
    new.add_argument("--template", default="concept", help="template name (default: concept)")
    new.add_argument("--folder", default="", help="folder inside the vault (default: its top)")
    new.add_argument("--vault", help="the vault folder (default: ./vault)")
    new.set_defaults(run=_new)
    return parser



def _add_verify_options(verify: argparse.ArgumentParser) -> None:
    """`verify`: JSON, the cache, Python blocks, the coverage and scan reports, the time budget."""
    verify.add_argument("--json", action="store_true", help="print the results as JSON")
    verify.add_argument("--no-cache", action="store_true", help="check everything again, ignoring cached results")
    verify.add_argument(
        "--run-python",
        action="store_true",
        help="run ```python derivation blocks, each in a confined subprocess (not a security boundary)",
    )
    verify.add_argument(
        "--coverage", action="store_true",
        help="check nothing: report how many display equations translate from LaTeX, and why the others do not",
    )
    verify.add_argument(
        "--scan", action="store_true",
        help="without markup: check every step of every display equation and report what holds (advisory)",
    )
    verify.add_argument("--strict", action="store_true", help="with --scan: exit status 1 if any step does not follow")
    _add_budget(verify)


def _add_load_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--no-alias-links",
        action="store_true",
        help="leave [[alias]] links unresolved, as Obsidian does",
    )
    sub.add_argument("--attachments", action="store_true", help="put linked attachments in the graph")
    sub.add_argument("--max-size", type=int, default=DEFAULT_MAX_SIZE, help="skip notes larger than this (bytes)")
    sub.add_argument("--jobs", type=int, default=None, help="worker processes for parsing (default: all cores)")


DEFAULT_BUDGET = 60.0  # = vaultkit.checking.run.DEFAULT_BUDGET, repeated so that `lint` need not import SymPy


def _add_budget(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--budget", type=_seconds, default=DEFAULT_BUDGET,
        help=f"seconds one claim may take at most (default {DEFAULT_BUDGET:g}); a time-out is never cached",
    )  # fmt: skip


def _seconds(text: str) -> float:
    value = float(text)
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError("must be a positive number of seconds")
    return value


def _vault_path(given: str | None) -> Path:
    if given:
        return Path(given)
    if Path(DEFAULT_VAULT).is_dir():
        return Path(DEFAULT_VAULT)
    raise UsageError("no vault given and there is no ./vault here")


def _load(args: argparse.Namespace, given: str | None) -> Vault:
    if args.max_size <= 0:
        raise UsageError("--max-size must be a positive number of bytes")
    return load(
        _vault_path(given),
        alias_links=not args.no_alias_links,
        attachments=args.attachments,
        max_size=args.max_size,
        jobs=args.jobs,
    )


def _graph(args: argparse.Namespace) -> int:
    from . import analysis
    from .export import UnknownFormat, write_graph

    vault = _load(args, args.vault)
    graph = vault.graph()
    summary = analysis.summarize(graph, vault.diagnostics)  # of the notes' links, before any `uses` edge
    verification = _verified(args, vault, graph)
    _say(f"vault       {vault.name}")
    for line in summary.lines():
        _say(line)
    if verification is not None:
        counts = verification.counts()
        _say(f"claims      {', '.join(f'{n} {v}' for v, n in counts.items() if n) or 'none'}")
    if args.output:
        output = Path(args.output)
        if _inside(output, vault.root):
            raise UsageError(f"{output} is inside the vault; vaultkit does not write there")
        try:
            written = write_graph(graph, output)
        except UnknownFormat as error:
            raise UsageError(str(error)) from None
        _say(f"wrote {written} ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)")
    return 0


def _verified(args: argparse.Namespace, vault: Vault, graph):  # noqa: ANN001, ANN202
    """With --verify: check the vault and add `status`, `verified_ancestry` and `uses` edges to the graph."""
    if not args.verify:
        return None
    from .checking import verify

    verification = verify(vault, jobs=args.jobs)
    verification.annotate(graph)
    return verification


def _inside(path: Path, root: Path) -> bool:
    real = os.path.realpath(path)
    return os.path.commonpath([real, str(root)]) == str(root)


def _lint(args: argparse.Namespace) -> int:
    vault = _load(args, args.vault)
    floor = _SEVERITY_ORDER[args.min_severity]
    shown = [d for d in vault.diagnostics if _SEVERITY_ORDER[d.severity.value] >= floor]
    for diagnostic in sorted(shown, key=lambda d: (d.path, d.line, d.kind)):
        _say(f"{diagnostic.path}:{diagnostic.line}: {diagnostic.severity.value}: {diagnostic.kind}: {diagnostic.message}")
    errors = len(vault.errors())
    warnings = sum(1 for d in vault.diagnostics if d.severity is Severity.WARNING)
    _say(f"{len(vault.notes)} notes checked: {errors} errors, {warnings} warnings", file=sys.stderr)
    return 1 if errors else 0


def _show(args: argparse.Namespace) -> int:
    vault = _load(args, args.vault)
    note = vault.find(args.note)
    if note is None:
        raise UsageError(f"no note called {args.note!r} in {vault.name} (by title, alias or path)")
    from . import analysis

    graph = vault.graph()
    verification = _verified(args, vault, graph)
    _say(f"{note.title}  ({note.path})")
    if note.aliases:
        _say(f"aliases    {', '.join(note.aliases)}")
    if note.tags:
        _say(f"tags       {' '.join('#' + t.name for t in note.tags)}")
    if note.properties:
        _say(f"properties {', '.join(f'{k}: {v}' for k, v in note.properties.items())}")
    out = analysis.outlinks(graph, note.id)
    _say(f"links out  {len(out)}")
    for target in out:
        data = graph.edges[note.id, target]
        _say(f"  → {_describe(graph, target)}{_times(data['count'])}  line {data['line']}")
    back = analysis.backlinks(graph, note.id)
    _say(f"backlinks  {len(back)}")
    for source in back:
        _say(f"  ← {_describe(graph, source)}{_times(graph.edges[source, note.id]['count'])}")
    for diagnostic in note.diagnostics:
        _say(f"  ! {diagnostic}")
    if verification is not None:
        _show_verification(note, graph.nodes[note.id], verification)
    return 0


def _show_verification(note: Note, data: dict, verification) -> None:  # noqa: ANN001
    """The note's status, the derivations it asked for, and its results (each with the givens it relies on)."""
    from .checking import report

    ancestry = f"  (verified ancestry: {'yes' if data['verified_ancestry'] else 'no'})"
    if data["status"] is None and not any(source == note.id for source, _, _ in verification.uses):
        ancestry = ""  # nothing checked here and nothing used: there is no ancestry to vouch for
    _say(f"status     {data['status'] or 'no claims'}{ancestry}")
    asked = data["derivations"]
    if asked:
        _say(f"derivations {', '.join(asked)}")
    for result in verification.results:
        if result.note == note.path or result.derivation in asked:
            _say(f"  {report.line(result)}")


def _describe(graph, node: str) -> str:  # noqa: ANN001
    data = graph.nodes[node]
    if not data["exists"]:
        return f"{node}  (unresolved)"
    return f"{data['title']}  ({data['path']})"


def _times(count: int) -> str:
    return f" ×{count}" if count > 1 else ""


def _verify(args: argparse.Namespace) -> int:
    import json
    import time

    from .checking import report
    from .checking.run import verify

    _modes(args)
    vault = _load(args, args.vault)
    if args.coverage:
        return _coverage(vault, args)
    if args.scan:
        return _scan(vault, args)
    started = time.perf_counter()
    verification = verify(
        vault, jobs=args.jobs, budget=args.budget, use_cache=not args.no_cache, run_python=args.run_python
    )
    for warning in verification.warnings:
        _say(f"vaultkit: warning: {warning}", file=sys.stderr)
    if args.json:
        print(json_safe(json.dumps([r.as_json() for r in verification.results], ensure_ascii=False, indent=1)))
    else:
        for result in verification.results:
            _say(report.line(result))
        _say(report.summary(verification.results, time.perf_counter() - started, verification.reused))
    return 1 if verification.failed else 0


def _coverage(vault: Vault, args: argparse.Namespace) -> int:
    import json

    from .checking.coverage import coverage

    found = coverage(vault, jobs=args.jobs)
    if args.json:
        print(json_safe(json.dumps(found.as_json(), ensure_ascii=False, indent=1)))
    else:
        for line in found.lines():
            _say(line)
    return 0


def _modes(args: argparse.Namespace) -> None:
    """`--coverage` and `--scan` are two different runs; `--strict` belongs to a scan."""
    if args.scan and args.coverage:
        raise UsageError("--scan and --coverage cannot be combined: --coverage only reads, --scan reads and checks")
    if args.scan and args.run_python:
        raise UsageError("--scan reads display equations only; --run-python belongs to a plain verify")
    if args.strict and not args.scan:
        raise UsageError("--strict applies to --scan (a plain verify already fails on any false claim)")


def _scan(vault: Vault, args: argparse.Namespace) -> int:
    import json

    from .checking.scan_report import as_json, lines
    from .checking.scan_run import scan

    found = scan(vault, jobs=args.jobs, budget=args.budget, use_cache=not args.no_cache)
    for warning in found.warnings:
        _say(f"vaultkit: warning: {warning}", file=sys.stderr)
    if args.json:
        print(json_safe(json.dumps(as_json(found), ensure_ascii=False, indent=1)))
    else:
        for line in lines(found):
            _say(line)
    return 1 if args.strict and found.failed else 0


def _derive(args: argparse.Namespace) -> int:
    from .checking import claims, report
    from .checking.builtin import claims as step_claims
    from .checking.run import derive
    from .derivations import DERIVATIONS, find

    if not args.name:
        for name, listed in DERIVATIONS.items():
            _say(f"{name:28s} {len(listed.steps)} steps  {listed.title}")
        _say()
        _say("a note asks for one in its frontmatter: derivations: [NAME]")
        return 0
    derivation = find(args.name)
    if derivation is None:
        raise UsageError(f"no derivation {args.name!r}; `vaultkit derive` lists them")
    results = {r.id: r for r in derive([derivation.name], budget=args.budget)[derivation.name]}
    _say(derivation.title)
    _say()
    _say(derivation.summary)
    _say()
    for number, (step, claim) in enumerate(zip(derivation.steps, step_claims(derivation)), start=1):
        result = results.get(claim.id)
        verdict = result.verdict.value.upper() if result else "ERROR"
        given = f" ({report.given(result)})" if result and result.givens else ""
        _say(f"{number}. {step.text}")
        _say(f"   $$ {step.latex} $$")
        _say(f"   {verdict}: {result.message if result else 'not checked'}{given}")
        _say()
    failed = claims.failed(results.values()) or len(results) < len(derivation.steps)
    _say(report.summary(results.values(), sum(r.seconds for r in results.values())))
    return 1 if failed else 0


def _publish(args: argparse.Namespace) -> int:
    from .publish import PublishError, publish

    vault = _load(args, args.vault)
    try:
        done = publish(vault, args.output, verify=not args.no_verify, jobs=args.jobs)
    except PublishError as error:
        raise UsageError(str(error)) from None
    _say(f"wrote {done.page} ({done.nodes} nodes, {done.edges} edges, {done.page_bytes:,} bytes)")
    return 0


def _new(args: argparse.Namespace) -> int:
    root = _vault_path(args.vault)
    if not root.is_dir():
        raise VaultNotFound(f"no such vault: {root}")
    created = create_note(root, args.title, template=args.template, folder=args.folder)
    _say(f"created {created}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
