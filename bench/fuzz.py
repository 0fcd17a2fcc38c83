#!/usr/bin/env python3
"""The long fuzz run, and the time per MB of `vaultkit graph` on the worst shapes it found.

    python bench/fuzz.py [--vaults 10000] [--processes 2] [--seed 0] [--verify-every 40]
                         [--sizes 1,2,4,8] [--skip-fuzz] [--skip-scaling] [--no-docs]

1. Fuzz: `--processes` shards, each with its own pair of workers (tests/test_fuzz.py), try
   `--vaults` vaults in all from the suite's strategies with larger sizes (more notes, longer
   runs, bodies repeated up to 8 times); every `--verify-every`-th one also through `verify`.
   Every property of the suite is checked; a failure is recorded with its vault
   (bench/out/fuzz/failures/) and the run goes on. Each shard appends
   one JSON line a vault to bench/out/fuzz/shard-N.jsonl; progress goes to --log.
2. Scaling: the vaults that took the most CPU time per byte (and the most in all) are grown by
   two recipes, *repeat* (every note's text repeated) and *copies* (the whole vault copied into
   more folders), first to 256 KB to rank them, then the worst of each family to 1, 2, 4 and 8 MB;
   each is read by a cold `vaultkit graph VAULT -o OUT.json --max-size 64MiB --jobs 1` through the
   console script.
3. The numbers go to bench/out/fuzz/results.json and into docs/hardening.md between
   <!-- bench:fuzz:start --> and <!-- bench:fuzz:end -->.

`--skip-fuzz` summarises the shard files already written (for a run stopped early) and goes on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import heapq
import json
import math
import multiprocessing
import os
import pickle
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out" / "fuzz"
DOC = REPO / "docs" / "hardening.md"
START, END = "<!-- bench:fuzz:start -->", "<!-- bench:fuzz:end -->"
sys.path.insert(0, str(REPO / "tests"))

import test_fuzz as fuzz  # noqa: E402

SHAPE = {"max_notes": 12, "longest": 30_000, "pieces": 24, "repeat": 5}  # larger than the CI suite's
CASE_TIMEOUT = 300.0  # seconds: a hang, not a slow large vault (the scaling step measures those)
VERIFY_BUDGET = 3.0
MIN_BYTES = 16 * 1024  # below this, fixed costs hide the cost per byte
KEEP = 30  # candidates kept by time per byte, per shard
MIB = 1 << 20


def log(path: Path, message: str) -> None:
    line = f"{dt.datetime.now():%H:%M:%S} {message}\n"
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(line)


# ---------------------------------------------------------------- 1. the fuzz run


def shard(index: int, count: int, args: argparse.Namespace) -> None:
    """Try `count` vaults, one JSON line each; keep the slowest ones' specs for the scaling step."""
    from hypothesis import Phase, given, seed, settings

    pair = fuzz.Pair()
    state = {"n": 0, "failures": 0, "slowest": 0.0, "per_byte": [], "slow": []}
    records = open(OUT / f"shard-{index}.jsonl", "a", encoding="utf-8")  # noqa: SIM115

    @seed(args.seed * 1000 + index)
    @settings(fuzz.FUZZ, derandomize=False, max_examples=count, phases=[Phase.generate])
    @given(spec=fuzz.vaults(**SHAPE), claims=fuzz.claim_vaults(max_notes=3))
    def one(spec: fuzz.VaultSpec, claims: fuzz.VaultSpec) -> None:
        state["n"] += 1
        record = _try(spec, claims, pair, index, state["n"], args)
        records.write(json.dumps(record) + "\n")
        records.flush()
        _remember(state, spec, record)
        if state["n"] % 100 == 0 or record["failures"]:
            log(
                args.log,
                f"shard {index}: {state['n']}/{count} vaults, {state['failures']} failing, "
                f"slowest {state['slowest']:.2f} s CPU",
            )

    try:
        one()
    finally:
        _save_candidates(index, state)
        records.close()
        pair.close()
        log(args.log, f"shard {index}: done, {state['n']} vaults, {state['failures']} failing")


def _try(
    spec: fuzz.VaultSpec, claims: fuzz.VaultSpec, pair: fuzz.Pair, index: int, number: int, args
) -> dict:  # noqa: ANN001
    """Check one vault (and, every `--verify-every`-th time, `verify` on a vault of claims); one record."""
    case = fuzz.run_case(spec, pair, timeout=CASE_TIMEOUT)
    verify = args.verify_every and number % args.verify_every == 0
    failures, verify_seconds, verified = list(case.failures), 0.0, 0
    if verify:
        checked = fuzz.run_case(claims, pair, verify=True, budget=VERIFY_BUDGET, timeout=CASE_TIMEOUT)
        failures += [f"verify: {f}" for f in checked.failures]
        verify_seconds = max(r["seconds"] for r in checked.replies)
        verified = _claims_checked(checked)
    timing = [(r.get("result") or {}).get("timing") or {} for r in case.replies]
    record = {
        "shard": index,
        "n": number,
        "bytes": spec.size(),
        "shape": spec.shape(),
        "verify": bool(verify),
        "verify_seconds": verify_seconds,
        "claims": verified,
        "graph_cpu": max((t.get("cpu", 0.0) for t in timing), default=0.0),
        "graph_wall": max((t.get("wall", 0.0) for t in timing), default=0.0),
        "case_seconds": max(r["seconds"] for r in case.replies),
        "maxrss_kib": max(r["maxrss_kib"] for r in case.replies),
        "facts": {k: v for k, v in case.facts.items() if k not in ("graph", "diagnostics", "problems")},
        "failures": failures,
    }
    if failures:
        folder = OUT / "failures"
        folder.mkdir(exist_ok=True)
        name = f"{index}-{number}"
        (folder / f"{name}.pickle").write_bytes(pickle.dumps((spec, claims)))
        (folder / f"{name}.txt").write_text("\n".join(failures), encoding="utf-8")
    return record


def _claims_checked(case: fuzz.Case) -> int:
    result = case.replies[0].get("result") or {}
    stdout = result["commands"][0]["stdout"] if result.get("commands") else ""
    try:
        return len(json.loads(stdout))
    except ValueError:
        return 0


def _remember(state: dict, spec: fuzz.VaultSpec, record: dict) -> None:
    state["failures"] += bool(record["failures"])
    state["slowest"] = max(state["slowest"], record["graph_cpu"])
    entry = (record["graph_cpu"], record["n"], spec)
    if record["bytes"] >= MIN_BYTES:
        keyed = (record["graph_cpu"] / record["bytes"], record["n"], spec)
        (heapq.heappush if len(state["per_byte"]) < KEEP else heapq.heappushpop)(state["per_byte"], keyed)
    (heapq.heappush if len(state["slow"]) < KEEP // 3 else heapq.heappushpop)(state["slow"], entry)
    if record["n"] % 500 == 0:
        _save_candidates(record["shard"], state)


def _save_candidates(index: int, state: dict) -> None:
    specs = [(f"{index}-{n}", spec) for _, n, spec in state["per_byte"] + state["slow"]]
    (OUT / f"candidates-{index}.pickle").write_bytes(pickle.dumps(specs))


def run_fuzz(args: argparse.Namespace) -> None:
    for old in list(OUT.glob("shard-*.jsonl")) + list(OUT.glob("candidates-*.pickle")):
        old.unlink()
    shutil.rmtree(OUT / "failures", ignore_errors=True)
    counts = [args.vaults // args.processes + (i < args.vaults % args.processes) for i in range(args.processes)]
    context = multiprocessing.get_context("fork")
    processes = [context.Process(target=shard, args=(i, n, args)) for i, n in enumerate(counts)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()


def summarise() -> dict:
    """What the shard files say: vaults tried, failures, the slowest, the largest, seconds per MB."""
    records = [json.loads(line) for path in sorted(OUT.glob("shard-*.jsonl")) for line in path.open(encoding="utf-8")]
    if not records:
        return {"vaults": 0}
    failing = [r for r in records if r["failures"]]
    kinds: dict[str, list[str]] = {}
    for record in failing:
        for failure in record["failures"]:
            kinds.setdefault(failure.split("\n")[0][:160], []).append(f"{record['shard']}-{record['n']}")
    big = [r for r in records if r["bytes"] >= 64 * 1024]
    per_mb = sorted(r["graph_cpu"] / r["bytes"] * MIB for r in big)
    sizes = sorted(r["bytes"] for r in records)
    pick = ("bytes", "graph_cpu", "graph_wall", "case_seconds", "maxrss_kib", "shape", "facts", "shard", "n")
    return {
        "vaults": len(records),
        "verified": sum(r["verify"] for r in records),
        "claims": sum(r.get("claims", 0) for r in records),
        "failing": len(failing),
        "failures": {k: v[:5] + ([f"... {len(v)} in all"] if len(v) > 5 else []) for k, v in kinds.items()},
        "bytes_total": sum(sizes),
        "bytes_median": sizes[len(sizes) // 2],
        "bytes_max": sizes[-1],
        "notes_total": sum(r["facts"].get("notes", 0) for r in records),
        "slowest": {k: max(records, key=lambda r: r["graph_cpu"])[k] for k in pick},
        "largest_memory": {k: max(records, key=lambda r: r["maxrss_kib"])[k] for k in pick},
        "per_mb": {
            "vaults": len(per_mb),
            "median": _at(per_mb, 0.5),
            "p99": _at(per_mb, 0.99),
            "max": _at(per_mb, 1.0),
        },
    }


def _at(values: list[float], fraction: float) -> float | None:
    return values[min(len(values) - 1, int(fraction * len(values)))] if values else None


# ---------------------------------------------------------------- 2. scaling the worst shapes


def grow(spec: fuzz.VaultSpec, target: int, recipe: str) -> fuzz.VaultSpec:
    """`spec` grown to about `target` bytes: each note's text repeated, or the whole vault copied."""
    times = max(1, math.ceil(target / max(1, spec.size())))
    if recipe == "repeat":
        return fuzz.VaultSpec(files={p: d * times for p, d in spec.files.items()}, links=list(spec.links))
    grown = fuzz.VaultSpec()
    for copy in range(times):
        prefix = f"c{copy:04d}/"
        grown.files.update({prefix.encode() + p: d for p, d in spec.files.items()})
        grown.links += [
            (prefix.encode() + p, kind, prefix + arg if kind in ("note", "folder") else arg)
            for p, kind, arg in spec.links
        ]
    return grown


def measure(spec: fuzz.VaultSpec, limit: float = 900.0) -> dict:
    """A cold `vaultkit graph` of `spec` through the console script: wall and CPU seconds, peak RSS."""
    with tempfile.TemporaryDirectory(prefix="vaultkit-fuzz-scale-") as temporary:
        base = Path(temporary)
        root = fuzz.write_copy(spec, base / "v")
        argv = fuzz._console_script() + ["graph", str(root), "-o", str(base / "g.json"), "--max-size", str(64 * MIB)]
        argv += ["--jobs", "1"]  # one core: above 400 notes the default parses in parallel, which hides the cost
        env = {**os.environ, "VAULTKIT_CACHE_DIR": str(base / "cache")}
        with open(base / "err", "wb") as err:
            started = time.perf_counter()
            process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, env=env)
            timer = threading.Timer(limit, process.kill)
            timer.start()
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - started
            timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        stderr = (base / "err").read_text(encoding="utf-8", errors="replace")
    return {
        "bytes": spec.size(),
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "maxrss_kib": usage.ru_maxrss,
        "status": process.returncode,
        "stderr": stderr[-2000:],
    }


def family(spec: fuzz.VaultSpec) -> tuple[str, bytes]:
    """What a shape is mostly made of: its largest kind of piece, and the commonest two bytes of its largest file.

    Hypothesis explores by small changes, so the worst vaults come in families of near copies.
    """
    kinds = spec.shape()["kinds"]
    data = max(spec.files.values(), key=len, default=b"")
    pairs = Counter(data[i : i + 2] for i in range(0, len(data) - 1, 2))
    return (max(kinds, key=kinds.get) if kinds else "", pairs.most_common(1)[0][0] if pairs else b"")


def candidates() -> list[tuple[str, fuzz.VaultSpec]]:
    found: dict[str, fuzz.VaultSpec] = {}
    for path in sorted(OUT.glob("candidates-*.pickle")):
        found.update(pickle.loads(path.read_bytes()))
    return sorted(found.items())


def run_scaling(args: argparse.Namespace) -> dict:
    """Rank the candidates at 256 KB by the time each MB costs beyond an empty vault's, then grow the worst."""
    empty = [measure(fuzz.VaultSpec(files={b"a.md": b"a"})) for _ in range(3)]
    baseline, baseline_rss = min(e["wall"] for e in empty), min(e["maxrss_kib"] for e in empty)
    ranked = []
    for name, spec in candidates():
        for recipe in ("repeat", "copies"):
            done = measure(grow(spec, 256 * 1024, recipe))
            ranked.append(((done["wall"] - baseline) / done["bytes"] * MIB, name, recipe, spec))
            log(args.log, f"rank {name} {recipe}: {ranked[-1][0]:.2f} s/MB beyond start-up")
    worst = []
    for recipe in ("repeat", "copies"):
        families: dict[tuple, tuple] = {}
        for rate, name, recipe_, spec in sorted((r for r in ranked if r[2] == recipe), key=lambda r: -r[0]):
            families.setdefault(family(spec), (rate, name, recipe_, spec))
        worst += list(families.values())[: args.shapes]
    runs = []
    for rate, name, recipe, spec in worst:
        for size in args.sizes:
            done = measure(grow(spec, size * MIB, recipe))
            runs.append(
                {
                    "vault": name,
                    "recipe": recipe,
                    "rank_s_per_mb": rate,
                    "shape": spec.shape(),
                    "family": [family(spec)[0], family(spec)[1].decode("utf-8", "backslashreplace")],
                    "target_mb": size,
                    **done,
                }
            )
            log(
                args.log,
                f"scale {name} {recipe} {done['bytes'] / MIB:.1f} MB: {done['wall']:.2f} s, "
                f"{done['maxrss_kib'] >> 10} MiB" + (f", exit status {done['status']}" if done["status"] else ""),
            )
    return {
        "baseline": baseline,
        "baseline_rss_kib": baseline_rss,
        "ranked": [(r[0], r[1], r[2]) for r in sorted(ranked, key=lambda r: -r[0])],
        "runs": runs,
    }


# ---------------------------------------------------------------- 3. the record


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    commit = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", str(REPO), "status", "--porcelain", "vaultkit"], capture_output=True, text=True
    ).stdout
    import hypothesis

    return {
        "cpu": cpu,
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "os": platform.platform(),
        "commit": commit + (" with uncommitted changes in vaultkit/" if dirty.strip() else ""),
        "hypothesis": hypothesis.__version__,
        "when": f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC",
    }


def render(results: dict) -> str:
    m, fz, sc = results["machine"], results["fuzz"], results.get("scaling") or {}
    lines = [
        f"Measured {m['when']} on {m['cpu']}, {m['nproc']} cores (`nproc`), Python {m['python']}, {m['os']}; "
        f"vaultkit commit {m['commit']}; Hypothesis {m['hypothesis']}.",
        "",
    ]
    if fz.get("vaults"):
        lines += _render_fuzz(fz)
    if sc.get("runs"):
        lines += _render_scaling(sc)
    return "\n".join(lines)


def _shape(shape: dict) -> str:
    kinds = ", ".join(f"{kind} {size / 1024:.0f} KB" for kind, size in list(shape["kinds"].items())[:3])
    counts = [
        _count(shape["files"], "file"),
        _count(shape["folders"], "folder"),
        _count(shape["links"], "symbolic link"),
    ]
    return f"{counts[0]} in {counts[1]}, {counts[2]}; mostly {kinds}"


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'' if number == 1 else 's'}"


def _verified(fz: dict) -> str:
    command = f"`vaultkit verify --budget {VERIFY_BUDGET:g}`"
    if not fz.get("claims"):  # runs before claim vaults: verify ran on the fuzzed vault itself
        return f"{fz['verified']:,} of them also through {command}"
    return f"and {fz['verified']:,} vaults of claims through {command} ({fz['claims']:,} claims)"


def _render_fuzz(fz: dict) -> list[str]:
    slow, big, per = fz["slowest"], fz["largest_memory"], fz["per_mb"]
    sizes = f"median {fz['bytes_median'] / 1024:.1f} KB, largest {fz['bytes_max'] / MIB:.2f} MB"
    lines = [
        f"**Fuzz run** (`python bench/fuzz.py`): {fz['vaults']:,} vaults tried ({fz['notes_total']:,} notes, "
        f"{fz['bytes_total'] / MIB:.0f} MB in all; {sizes}), {_verified(fz)}; {fz['failing']} failing.",
        "",
        f"- Slowest: {slow['graph_cpu']:.2f} s of CPU for `load` and the graph, vault {slow['shard']}-{slow['n']} "
        f"({slow['bytes'] / 1024:.0f} KB: {_shape(slow['shape'])}).",
        f"- Largest peak memory: {big['maxrss_kib'] / 1024:.0f} MiB `ru_maxrss` of a case's process (load, graph, "
        f"then `graph`, `lint` and `show`), vault {big['shard']}-{big['n']} ({big['bytes'] / 1024:.0f} KB: "
        f"{_shape(big['shape'])}).",
    ]
    if per["vaults"]:
        lines.append(
            f"- CPU seconds per MB for `load` and the graph, over the {per['vaults']:,} vaults of 64 KB or more: "
            f"median {per['median']:.2f}, 99th percentile {per['p99']:.2f}, most {per['max']:.2f}."
        )
    for kind, where in fz["failures"].items():
        lines.append(f"- Failure: `{kind}` (vaults {', '.join(where)})")
    return lines + [""]


def _render_scaling(sc: dict) -> list[str]:
    base, runs = sc["baseline"], sc["runs"]
    grown = {(r["vault"], r["recipe"]): r for r in runs}
    lines = [
        "**Scaling** the worst shapes: a cold `vaultkit graph VAULT -o OUT.json --max-size 64MiB --jobs 1`, "
        "one run each; "
        f"start-up (an empty vault) takes {base:.2f} s and {sc['baseline_rss_kib'] / 1024:.0f} MiB. The shapes:",
        "",
    ]
    for (vault, recipe), run in grown.items():
        kind, unit = run.get("family") or ("", "")
        mostly = f", its largest file mostly `{unit}`" if kind == "run" and unit.strip() else ""
        lines.append(
            f"- {vault} by {recipe} ({run['rank_s_per_mb']:.2f} s/MB at 256 KB): {_shape(run['shape'])}{mostly}"
        )
    lines += ["", "| vault | recipe | MB | wall s | CPU s | (wall − start-up) s per MB | peak RSS MiB |"]
    lines.append("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for run in runs:
        mb = run["bytes"] / MIB
        lines.append(
            f"| {run['vault']} | {run['recipe']} | {mb:.1f} | {run['wall']:.2f} | {run['cpu']:.2f} | "
            f"{(run['wall'] - base) / mb:.2f} | {run['maxrss_kib'] / 1024:.0f} |"
        )
    return lines + _bound(sc)


def _bound(sc: dict) -> list[str]:
    base, runs = sc["baseline"], sc["runs"]
    rate = max((r["wall"] - base) / (r["bytes"] / MIB) for r in runs)
    memory = max((r["maxrss_kib"] - sc["baseline_rss_kib"]) / 1024 / (r["bytes"] / MIB) for r in runs)
    keys = dict.fromkeys((r["vault"], r["recipe"]) for r in runs)
    growth = [_exponent([r for r in runs if (r["vault"], r["recipe"]) == key], base) for key in keys]
    bound = math.ceil(rate * 10) / 10
    return [
        "",
        f"From the smallest size to the largest, the time beyond start-up grows as MB^{min(growth):.2f} to "
        f"MB^{max(growth):.2f} (1.00 is linear). **Bound: `vaultkit graph` of a vault of N MB takes at most "
        f"{base:.1f} s + {bound:.1f} s × N** on this machine (the worst measured was {rate:.2f} s per MB); peak "
        f"memory grew by at most {memory:.0f} MiB per MB.",
        "",
    ]


def _exponent(runs: list[dict], base: float) -> float:
    small, large = min(runs, key=lambda r: r["bytes"]), max(runs, key=lambda r: r["bytes"])
    ratio = max(large["wall"] - base, 1e-3) / max(small["wall"] - base, 1e-3)
    return math.log(ratio) / math.log(large["bytes"] / small["bytes"]) if large["bytes"] > small["bytes"] else 1.0


def write_doc(section: str) -> None:
    text = DOC.read_text(encoding="utf-8")
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    DOC.write_text(f"{head}{START}\n{section}\n{END}{tail}", encoding="utf-8")


def _use_folder(folder: Path) -> None:
    global OUT  # noqa: PLW0603  (read by the shard processes too)
    OUT = folder
    OUT.mkdir(parents=True, exist_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vaults", type=int, default=10_000)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--verify-every", type=int, default=40, help="also run `verify` on every N-th vault (0: never)")
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=[1, 2, 4, 8], help="MB")
    parser.add_argument("--shapes", type=int, default=4, help="worst shapes (of different families) grown, per recipe")
    parser.add_argument("--log", type=Path, default=Path("/tmp/vaultkit-fuzz.log"))
    parser.add_argument("--out", type=Path, default=OUT, help=f"shard files and results (default {OUT})")
    parser.add_argument("--skip-fuzz", action="store_true")
    parser.add_argument("--skip-scaling", action="store_true")
    parser.add_argument("--no-docs", action="store_true")
    args = parser.parse_args(argv)
    _use_folder(args.out)
    started = time.perf_counter()
    if not args.skip_fuzz:
        log(args.log, f"fuzz: {args.vaults} vaults in {args.processes} processes")
        run_fuzz(args)
    previous = OUT / "results.json"
    results = {"machine": machine(), "fuzz": summarise()}
    if args.skip_fuzz and args.skip_scaling and previous.exists():  # writing the record again: keep when and where
        results["machine"] = json.loads(previous.read_text(encoding="utf-8")).get("machine", results["machine"])
    log(args.log, f"fuzz summary: {json.dumps(results['fuzz'])[:2000]}")
    if not args.skip_scaling:
        results["scaling"] = run_scaling(args)
    elif previous.exists():
        results["scaling"] = json.loads(previous.read_text(encoding="utf-8")).get("scaling")
    previous.write_text(json.dumps(results, indent=1), encoding="utf-8")
    section = render(results)
    if not args.no_docs:
        write_doc(section)
    print(section)
    log(args.log, f"finished in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
