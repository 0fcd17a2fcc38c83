#!/usr/bin/env python3
"""Benchmark `vaultkit graph` on generated vaults and write docs/performance.md.

    python bench/run.py [--sizes 1000,10000] [--repeat 3] [--skip-otools]
                        [--scaling-sizes 1000,2000,5000,10000,20000] [--scaling-repeat 1]
                        [--skip-scaling] [--seed 0] [--no-docs]

For each size it generates a vault with bench/generate.py into bench/out/ (reused while
generate.py and the seed are unchanged) and times, each in a fresh process, `--repeat`
times, reporting the median:

  (a) vaultkit   cold `vaultkit graph VAULT -o TMP/x.json` through the installed console
                 script, with VAULTKIT_CACHE_DIR set to a new empty temp dir for every run;
  (b) otools     obsidiantools 0.11.0, `otools.Vault(path).connect().gather()`, in its own
                 venv bench/out/venv-otools (created with pip when missing). If it crashes,
                 the error and the notes it crashed on are recorded, and it is also timed on
                 a copy of the vault without those notes;
  (c) floor      a Python process that reads every note's bytes and decodes them.

Every run is wrapped in a fresh Python process that starts the command, takes the wall
time around it, reads resource.getrusage(RUSAGE_CHILDREN).ru_maxrss (the largest single
process of the run) and samples the summed RSS of the whole process tree every 50 ms
(vaultkit parses with worker processes).

Then a scaling check runs vaultkit alone on 1k..20k notes. Results go to
bench/out/results.json and into docs/performance.md between the markers
<!-- bench:graph:start --> and <!-- bench:graph:end -->.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"
DOC = REPO / "docs" / "performance.md"
START, END = "<!-- bench:graph:start -->", "<!-- bench:graph:end -->"
OTOOLS_VERSION = "0.11.0"
RUN_TIMEOUT = 1800  # seconds, per single run

# --------------------------------------------------------------------------
# Child programs (run with `python -c`)
# --------------------------------------------------------------------------

# Runs argv[2:] once and prints one JSON line: wall time, exit code, ru_maxrss of the
# children (KiB on Linux), and the peak of the summed RSS of the child's process tree.
WRAPPER = r'''
import json, os, resource, subprocess, sys, threading, time
spec = json.loads(sys.argv[1])
PAGE = os.sysconf("SC_PAGE_SIZE")

def tree_rss(root):
    kids = {}
    total = 0
    rss = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as f:
                s = f.read()
        except OSError:
            continue
        rest = s[s.rfind(b")") + 2:].split()
        ppid = int(rest[1])
        kids.setdefault(ppid, []).append(int(d))
        rss[int(d)] = int(rest[21]) * PAGE
    stack = [root]
    while stack:
        p = stack.pop()
        total += rss.get(p, 0)
        stack.extend(kids.get(p, ()))
    return total

peak = [0]
done = threading.Event()
def sample(pid):
    while not done.is_set():
        try:
            peak[0] = max(peak[0], tree_rss(pid))
        except Exception:
            pass
        done.wait(0.05)

with open(spec["stdout"], "wb") as out, open(spec["stderr"], "wb") as err:
    t0 = time.perf_counter()
    p = subprocess.Popen(spec["argv"], stdout=out, stderr=err, env=spec.get("env") or None,
                         cwd=spec.get("cwd"))
    th = threading.Thread(target=sample, args=(p.pid,), daemon=True)
    th.start()
    try:
        rc = p.wait(timeout=spec["timeout"])
    except subprocess.TimeoutExpired:
        p.kill()
        rc = p.wait()
        rc = "timeout"
    wall = time.perf_counter() - t0
    done.set()
    th.join()
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "rc": rc, "maxrss_kib": ru.ru_maxrss, "tree_rss_bytes": peak[0],
                  "user": ru.ru_utime, "sys": ru.ru_stime}))
'''

# The floor: read and decode every note, nothing else.
FLOOR = r'''
import os, sys
root = sys.argv[1]
n = size = 0
for dirpath, dirnames, filenames in os.walk(root):
    dirnames[:] = [d for d in dirnames if not d.startswith(".")]
    for name in filenames:
        if name.endswith(".md") and not name.startswith("."):
            with open(os.path.join(dirpath, name), "rb") as f:
                data = f.read()
            size += len(data.decode("utf-8", errors="replace"))
            n += 1
print(n, size)
'''

# obsidiantools: build the vault graph; print counts, or the error and the traceback.
OTOOLS = r'''
import json, sys, traceback
from pathlib import Path
import obsidiantools.api as otools
try:
    v = otools.Vault(Path(sys.argv[1])).connect().gather()
except Exception as e:
    tb = traceback.extract_tb(e.__traceback__)
    print(json.dumps({"ok": False, "error": f"{type(e).__name__}: {e}"[:500],
                      "where": [f"{f.filename.split('site-packages/')[-1]}:{f.lineno} {f.name}" for f in tb[-4:]]}))
    sys.exit(3)
print(json.dumps({"ok": True, "notes": len(v.md_file_index), "nodes": v.graph.number_of_nodes(),
                  "edges": v.graph.number_of_edges()}))
'''

# obsidiantools: find the notes it cannot take, by group testing on sub-vaults
# (copies of subsets of the notes; the other files of the vault are kept).
OTOOLS_BISECT = r'''
import json, os, shutil, sys, tempfile, time, contextlib, io
from pathlib import Path
import obsidiantools.api as otools
root = Path(sys.argv[1]); budget = float(sys.argv[2])
t_end = time.time() + budget
notes = sorted(str(p.relative_to(root)) for p in root.rglob("*.md")
               if not any(part.startswith(".") for part in p.relative_to(root).parts))

def fails(subset):
    with tempfile.TemporaryDirectory() as d:
        for rel in subset:
            dst = Path(d, rel); dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(root / rel, dst)
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                otools.Vault(Path(d)).connect().gather()
            return None
        except Exception as e:
            return f"{type(e).__name__}: {e}"[:300]

bad, errors, isolated = [], {}, True
stack = [notes]
while stack:
    if time.time() > t_end:
        isolated = False
        break
    group = stack.pop()
    err = fails(group)
    if err is None:
        continue
    if len(group) == 1:
        bad.append(group[0]); errors[group[0]] = err
        continue
    half = len(group) // 2
    a, b = group[:half], group[half:]
    ea, eb = fails(a), fails(b)
    if ea is None and eb is None:   # only fails in combination: cannot split further
        isolated = False
        bad.extend(group); errors[group[0]] = err
        continue
    if ea is not None: stack.append(a)
    if eb is not None: stack.append(b)
print(json.dumps({"bad": bad, "errors": errors, "isolated": isolated}))
'''


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------

def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def find_vaultkit() -> Path:
    cands = [Path(sys.executable).parent / "vaultkit", REPO / ".venv" / "bin" / "vaultkit"]
    w = shutil.which("vaultkit")
    if w:
        cands.append(Path(w))
    for c in cands:
        if c.exists():
            return c
    sys.exit("error: the vaultkit console script is not installed (pip install -e .)")


def script_python(script: Path) -> str:
    """The interpreter of a console script (its shebang)."""
    first = script.read_text(errors="replace").splitlines()[0]
    return first[2:].strip() if first.startswith("#!") else sys.executable


def generator_hash() -> str:
    return hashlib.sha256((HERE / "generate.py").read_bytes()).hexdigest()[:16]


def ensure_vault(n: int, seed: int) -> tuple[Path, dict]:
    vault = OUT / f"vault-{n}-s{seed}"
    stamp = OUT / f"vault-{n}-s{seed}.json"
    want = generator_hash()
    if vault.is_dir() and stamp.exists():
        meta = json.loads(stamp.read_text())
        if meta.get("generator") == want:
            return vault, meta["stats"]
    log(f"generating {n} notes into {vault.relative_to(REPO)}")
    r = subprocess.run([sys.executable, str(HERE / "generate.py"), str(vault), "--notes", str(n),
                        "--seed", str(seed), "--force"], check=True, capture_output=True, text=True)
    stats = json.loads(r.stdout)
    stamp.write_text(json.dumps({"generator": want, "stats": stats}, indent=2))
    return vault, stats


def ensure_otools_venv() -> Path:
    venv = OUT / "venv-otools"
    py = venv / "bin" / "python"
    ok = py.exists() and subprocess.run(
        [str(py), "-c", f"import importlib.metadata as m, sys; sys.exit(m.version('obsidiantools') != '{OTOOLS_VERSION}')"],
        capture_output=True).returncode == 0
    if not ok:
        log("creating bench/out/venv-otools with obsidiantools " + OTOOLS_VERSION)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "-q", f"obsidiantools=={OTOOLS_VERSION}"], check=True)
    return py


def measure(argv: list[str], env: dict | None = None, label: str = "") -> dict:
    """One run of argv in a fresh wrapper process."""
    with tempfile.TemporaryDirectory(prefix="vk-bench-") as d:
        spec = {"argv": argv, "env": env, "stdout": f"{d}/out", "stderr": f"{d}/err", "timeout": RUN_TIMEOUT}
        r = subprocess.run([sys.executable, "-c", WRAPPER, json.dumps(spec)], capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(f"wrapper failed: {r.stderr}")
        res = json.loads(r.stdout)
        res["stdout"] = Path(f"{d}/out").read_text(errors="replace")
        res["stderr"] = Path(f"{d}/err").read_text(errors="replace")
    log(f"  {label}: {res['wall']:.2f} s, rc={res['rc']}, maxrss {res['maxrss_kib'] / 1024:.0f} MiB, "
        f"tree {res['tree_rss_bytes'] / 2**20:.0f} MiB")
    return res


def run_vaultkit(vk: Path, vault: Path, label: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="vk-cache-") as cache, \
            tempfile.TemporaryDirectory(prefix="vk-out-") as outdir:
        env = dict(os.environ, VAULTKIT_CACHE_DIR=cache)
        out = Path(outdir) / "x.json"
        res = measure([str(vk), "graph", str(vault), "-o", str(out)], env=env, label=label)
        if out.exists():
            try:
                g = json.loads(out.read_text())
                res["graph"] = {"nodes": len(g.get("nodes", ())),
                                "edges": len(g.get("edges", g.get("links", ())))}
            except Exception as e:  # noqa: BLE001 - report, don't die
                res["graph"] = {"error": repr(e)}
    return res


def summarise(runs: list[dict]) -> dict:
    ok = [r for r in runs if r["rc"] == 0]
    if not ok:
        return {"ok": False, "runs": len(runs), "rc": runs[0]["rc"] if runs else None,
                "stderr_tail": (runs[0]["stderr"][-1500:] if runs else ""),
                "stdout_tail": (runs[0]["stdout"][-1500:] if runs else "")}
    walls = [r["wall"] for r in ok]
    return {"ok": True, "runs": len(ok), "failed_runs": len(runs) - len(ok),
            "median_s": statistics.median(walls), "min_s": min(walls), "max_s": max(walls),
            "walls": walls,
            "maxrss_mib": statistics.median(r["maxrss_kib"] / 1024 for r in ok),
            "tree_rss_mib": statistics.median(r["tree_rss_bytes"] / 2**20 for r in ok),
            "cpu_s": statistics.median(r["user"] + r["sys"] for r in ok),
            "graph": ok[0].get("graph"), "summary": ok[0]["stdout"][-1200:],
            "otools": ok[0].get("otools")}


def otools_runs(py: Path, vault: Path, repeat: int, label: str) -> list[dict]:
    runs = []
    for i in range(repeat):
        r = measure([str(py), "-c", OTOOLS, str(vault)], label=f"{label} #{i + 1}")
        last = [ln for ln in r["stdout"].splitlines() if ln.startswith("{")]
        r["otools"] = json.loads(last[-1]) if last else None
        if r["rc"] != 0:
            runs.append(r)
            break  # a crash is deterministic: do not repeat it
        runs.append(r)
    return runs


def copy_without(vault: Path, bad: list[str], dst: Path) -> Path:
    if dst.exists():
        shutil.rmtree(dst)
    badset = set(bad)
    def ignore(d, names):
        rel = Path(d).relative_to(vault)
        return [n for n in names if str(rel / n) in badset or (str(rel) == "." and n in badset)]
    shutil.copytree(vault, dst, ignore=ignore)
    return dst


# --------------------------------------------------------------------------
# Machine
# --------------------------------------------------------------------------

def machine_info(vk: Path, otools_py: Path | None) -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    osname = platform.platform()
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                osname = line.split("=", 1)[1].strip('"') + f" (kernel {platform.release()})"
    except OSError:
        pass
    vk_py = script_python(vk)
    code = ("import importlib.metadata as m, json, platform\n"
            "out = {'python': platform.python_version()}\n"
            "for p in %r:\n"
            "    try: out[p] = m.version(p)\n"
            "    except Exception: pass\n"
            "print(json.dumps(out))")
    vk_pkgs = ["vaultkit", "networkx", "markdown-it-py", "mdit-py-plugins", "PyYAML", "python-frontmatter"]
    vkv = json.loads(subprocess.run([vk_py, "-c", code % (vk_pkgs,)], capture_output=True, text=True,
                                    check=True).stdout)
    otv = None
    if otools_py:
        otv = json.loads(subprocess.run([str(otools_py), "-c", code % (["obsidiantools", "networkx",
                                         "python-frontmatter", "Markdown"],)],
                                        capture_output=True, text=True, check=True).stdout)
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "vaultkit"],
                           capture_output=True, text=True).stdout.strip()
    return {"cpu": cpu, "cores": os.cpu_count(), "ram": ram, "os": osname, "vaultkit_env": vkv,
            "otools_env": otv, "commit": commit + (" (+ uncommitted changes)" if dirty else ""),
            "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------

def label(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def fmt_s(x: float) -> str:
    return f"{x:.2f}" if x < 100 else f"{x:.0f}"


def render(results: dict) -> str:
    m = results["machine"]
    vkv = m["vaultkit_env"]
    L = []
    L.append(f"Measured {results.get('main_date', m['date'])} on {m['cpu']}, {m['cores']} cores, {m['ram']} RAM, {m['os']}; "
             f"vaultkit {vkv.get('vaultkit', '?')} (commit {results.get('main_commit', m['commit'])}"
             + ("" if results.get("main_commit", m["commit"]) == m["commit"] else f"; scaling check: {m['commit']}")
             + f"), Python {vkv['python']}, "
             + ", ".join(f"{k} {v}" for k, v in vkv.items() if k not in ("vaultkit", "python")) + ".")
    if m.get("otools_env"):
        ov = m["otools_env"]
        L.append(f"obsidiantools {ov.get('obsidiantools')} in its own venv (Python {ov['python']}, "
                 + ", ".join(f"{k} {v}" for k, v in ov.items() if k not in ("obsidiantools", "python")) + ").")
    L.append(f"Vaults: `bench/generate.py --seed {results['seed']}`. Median of {results['repeat']} runs, each a "
             "fresh process; wall-clock seconds (min-max in brackets). Peak RSS: `ru_maxrss` is the largest "
             "single process of the run; *tree* is the sampled peak of the summed RSS of the process and its "
             "workers.")
    L.append("")
    L.append("| vault | notes | MB | links written | tool | wall s (median) | min-max | vs floor | peak RSS MiB (ru_maxrss / tree) | graph |")
    L.append("| --- | ---: | ---: | ---: | --- | ---: | --- | ---: | ---: | --- |")
    notes_after: list[str] = []
    for size in results["sizes"]:
        e = results["main"][str(size)]
        st = e["stats"]
        floor = e["tools"].get("floor", {})
        fl = floor.get("median_s") if floor.get("ok") else None
        for tool in ("vaultkit", "otools", "otools-subset", "floor"):
            s = e["tools"].get(tool)
            if s is None:
                continue
            name = {"vaultkit": "`vaultkit graph`", "otools": "obsidiantools", "floor": "floor (read+decode)",
                    "otools-subset": "obsidiantools, without the notes it crashed on"}[tool]
            head = f"| {label(size)} | {st['notes']} | {st['total_mb']} | {st['links']} | {name} "
            if not s.get("ok"):
                L.append(head + "| crashed | | | | see below |")
                continue
            g = s.get("graph") or s.get("otools") or {}
            gtxt = f"{g['nodes']} nodes, {g['edges']} edges" if "nodes" in g else ""
            if tool == "otools-subset":
                gtxt += f" ({s['notes_removed']} note(s) removed)"
            rel = f"{s['median_s'] / fl:.1f}x" if fl and tool != "floor" else ""
            L.append(head + f"| {fmt_s(s['median_s'])} | {fmt_s(s['min_s'])}-{fmt_s(s['max_s'])} | {rel} "
                     f"| {s['maxrss_mib']:.0f} / {s['tree_rss_mib']:.0f} | {gtxt} |")
        for tool in ("vaultkit", "otools"):
            s = e["tools"].get(tool)
            if s and not s.get("ok"):
                err = (s.get("otools") or {}).get("error") or s.get("stderr_tail", "").strip().splitlines()[-1:]
                notes_after.append(f"- {label(size)}, {tool}: failed (exit {s.get('rc')}): `{err}`")
                crash = e.get("otools_crash") if tool == "otools" else None
                if crash:
                    where = "; ".join((s.get("otools") or {}).get("where", []))
                    notes_after.append(f"  - where: `{where}`")
                    notes_after.append(f"  - notes it cannot take ({len(crash['bad'])} note{'s' if len(crash['bad']) != 1 else ''}"
                                       f"{'' if crash['isolated'] else ', not fully isolated'}): "
                                       + ", ".join(f"`{b}`" for b in crash["bad"][:10])
                                       + (" ..." if len(crash["bad"]) > 10 else ""))
                    for b, why in list(crash["errors"].items())[:5]:
                        notes_after.append(f"    - `{b}`: {why}")
        vk, ot = e["tools"].get("vaultkit"), e["tools"].get("otools") or e["tools"].get("otools-subset")
        if vk and vk.get("ok") and ot and ot.get("ok"):
            notes_after.append(f"- {label(size)}: vaultkit is {ot['median_s'] / vk['median_s']:.1f}x faster than obsidiantools"
                               + (" (on the vault without the notes obsidiantools crashed on)" if "otools" not in e["tools"] or not e["tools"]["otools"].get("ok") else "")
                               + ".")
    L.append("")
    L.extend(notes_after)
    sc = results.get("scaling")
    if sc:
        L.append("")
        when = "" if results.get("main_date") == m["date"] else f", measured {m['date']}"
        L.append(f"Scaling: `vaultkit graph` alone, {results['scaling_repeat']} run(s) per size (median){when}.")
        L.append("")
        L.append("| notes | MB | links written | wall s | s per 1k notes | CPU s (all processes) | peak RSS MiB (ru_maxrss / tree) |")
        L.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        pts = []
        for size in results["scaling_sizes"]:
            e = sc[str(size)]
            s, st = e["vaultkit"], e["stats"]
            if not s.get("ok"):
                L.append(f"| {size} | {st['total_mb']} | {st['links']} | failed | | | |")
                continue
            pts.append((size, s["median_s"]))
            L.append(f"| {size} | {st['total_mb']} | {st['links']} | {fmt_s(s['median_s'])} | "
                     f"{s['median_s'] / (size / 1000):.3f} | {s['cpu_s']:.1f} | {s['maxrss_mib']:.0f} / {s['tree_rss_mib']:.0f} |")
        if len(pts) >= 2:
            xs, ys = [p[0] / 1000 for p in pts], [p[1] for p in pts]
            mx, my = statistics.mean(xs), statistics.mean(ys)
            slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
            icpt = my - slope * mx
            ss_res = sum((y - (icpt + slope * x)) ** 2 for x, y in zip(xs, ys))
            ss_tot = sum((y - my) ** 2 for y in ys) or 1.0
            (x0, y0), (x1, y1) = pts[0], pts[-1]
            L.append("")
            L.append(f"Least-squares line: {icpt:.2f} s fixed + {slope:.3f} s per 1k notes (R^2 = {1 - ss_res / ss_tot:.4f}). "
                     f"From {x0} to {x1} notes ({x1 / x0:.0f}x) the time grows {y1 / y0:.1f}x; the marginal cost "
                     f"is {(y1 - y0) / ((x1 - x0) / 1000):.3f} s per 1k notes.")
            results["scaling_fit"] = {"fixed_s": icpt, "per_1k_s": slope, "r2": 1 - ss_res / ss_tot}
    return "\n".join(L)


def write_doc(section: str) -> None:
    block = f"{START}\n{section}\n{END}"
    if DOC.exists():
        text = DOC.read_text(encoding="utf-8")
        if START in text and END in text:
            a = text.index(START)
            b = text.index(END) + len(END)
            text = text[:a] + block + text[b:]
        else:
            text = text.rstrip("\n") + "\n\n" + block + "\n"
    else:
        DOC.parent.mkdir(parents=True, exist_ok=True)
        text = "# Performance\n\nRun `python bench/run.py`.\n\n" + block + "\n"
    DOC.write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

def ints(s: str) -> list[int]:
    return [int(x) for x in s.replace(" ", "").split(",") if x]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=ints, default=[1000, 10000], help="comma-separated note counts (default 1000,10000)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per tool and size (default 3)")
    ap.add_argument("--skip-otools", action="store_true", help="do not run obsidiantools")
    ap.add_argument("--scaling-sizes", type=ints, default=[1000, 2000, 5000, 10000, 20000])
    ap.add_argument("--scaling-repeat", type=int, default=1)
    ap.add_argument("--skip-scaling", action="store_true")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--bisect-budget", type=float, default=900, help="seconds to spend finding notes obsidiantools crashes on")
    ap.add_argument("--no-docs", action="store_true", help="do not touch docs/performance.md")
    ap.add_argument("--skip-main", action="store_true",
                    help="keep the main comparison from the last bench/out/results.json; run only the scaling check")
    args = ap.parse_args(argv)

    OUT.mkdir(parents=True, exist_ok=True)
    vk = find_vaultkit()
    floor_py = script_python(vk)
    chk = subprocess.run([str(vk), "graph", "--help"], capture_output=True, text=True)
    if chk.returncode != 0:
        sys.exit(f"error: `{vk} graph --help` fails:\n{chk.stderr[-2000:]}")
    otools_py = None if args.skip_otools else ensure_otools_venv()
    log(f"vaultkit: {vk}")

    results: dict = {"seed": args.seed, "repeat": args.repeat, "sizes": args.sizes, "main": {},
                     "machine": machine_info(vk, otools_py)}
    t_start = time.time()
    if args.skip_main:
        prev = json.loads((OUT / "results.json").read_text())
        for k in ("seed", "repeat", "sizes", "main"):
            results[k] = prev[k]
        results["main_date"] = prev.get("main_date") or prev["machine"]["date"]
        results["main_commit"] = prev.get("main_commit") or prev["machine"]["commit"]
        if not results["machine"].get("otools_env"):
            results["machine"]["otools_env"] = prev["machine"].get("otools_env")
    else:
        results["main_date"] = results["machine"]["date"]
        results["main_commit"] = results["machine"]["commit"]
    for size in ([] if args.skip_main else args.sizes):
        vault, stats = ensure_vault(size, args.seed)
        log(f"== {size} notes ({stats['total_mb']} MB)")
        runs: dict[str, list[dict]] = {"vaultkit": [], "floor": []}
        for i in range(args.repeat):
            runs["vaultkit"].append(run_vaultkit(vk, vault, f"vaultkit #{i + 1}"))
            runs["floor"].append(measure([floor_py, "-c", FLOOR, str(vault)], label=f"floor #{i + 1}"))
        entry = {"stats": stats, "tools": {k: summarise(v) for k, v in runs.items()}}
        if otools_py:
            ot = otools_runs(otools_py, vault, args.repeat, "obsidiantools")
            entry["tools"]["otools"] = summarise(ot)
            if not entry["tools"]["otools"]["ok"]:
                entry["tools"]["otools"]["otools"] = ot[-1].get("otools")
                log("obsidiantools failed; looking for the notes it cannot take")
                r = subprocess.run([str(otools_py), "-c", OTOOLS_BISECT, str(vault), str(args.bisect_budget)],
                                   capture_output=True, text=True)
                try:
                    crash = json.loads(r.stdout.strip().splitlines()[-1])
                except Exception:  # noqa: BLE001
                    crash = {"bad": [], "errors": {"?": r.stderr[-500:]}, "isolated": False}
                entry["otools_crash"] = crash
                log(f"  it cannot take {len(crash['bad'])} notes: {crash['bad'][:5]}")
                if crash["bad"]:
                    sub = copy_without(vault, crash["bad"], OUT / f"{vault.name}-otools-subset")
                    s = summarise(otools_runs(otools_py, sub, args.repeat, "obsidiantools (subset)"))
                    s["notes_removed"] = len(crash["bad"])
                    entry["tools"]["otools-subset"] = s
        results["main"][str(size)] = entry

    if not args.skip_scaling:
        results["scaling_sizes"] = args.scaling_sizes
        results["scaling_repeat"] = args.scaling_repeat
        results["scaling"] = {}
        for size in args.scaling_sizes:
            vault, stats = ensure_vault(size, args.seed)
            log(f"== scaling: {size} notes ({stats['total_mb']} MB)")
            rs = [run_vaultkit(vk, vault, f"vaultkit #{i + 1}") for i in range(args.scaling_repeat)]
            results["scaling"][str(size)] = {"stats": stats, "vaultkit": summarise(rs)}

    section = render(results)
    results["elapsed_s"] = time.time() - t_start
    (OUT / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(section)
    if not args.no_docs:
        write_doc(section)
        log(f"wrote {DOC.relative_to(REPO)}")
    log(f"done in {results['elapsed_s'] / 60:.1f} min; raw results in bench/out/results.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
