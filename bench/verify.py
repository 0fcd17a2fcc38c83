"""How long `vaultkit verify` takes on a vault: cold (an empty cache) and warm (everything cached).

    python bench/verify.py                 # the bundled vault, 5 runs of each
    python bench/verify.py VAULT --runs 3

Each run is the installed console script in a new process, so the times include starting Python and
importing SymPy. Prints the machine, every run and the medians.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _run(vault: Path, cache: Path) -> float:
    env = {**os.environ, "VAULTKIT_CACHE_DIR": str(cache)}
    command = [str(Path(sys.executable).with_name("vaultkit")), "verify", str(vault)]
    started = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("vault", nargs="?", default=str(Path(__file__).resolve().parent.parent / "vault"))
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    vault = Path(options.vault)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    cold, warm = [], []
    for _ in range(options.runs):
        cache = Path(tempfile.mkdtemp(prefix="vaultkit-bench-"))
        try:
            cold.append(_run(vault, cache))
            warm.append(_run(vault, cache))
        finally:
            shutil.rmtree(cache, ignore_errors=True)
    print("cold: " + ", ".join(f"{t:.2f}" for t in cold) + f" s (median {statistics.median(cold):.2f} s)")
    print("warm: " + ", ".join(f"{t:.2f}" for t in warm) + f" s (median {statistics.median(warm):.2f} s)")


if __name__ == "__main__":
    main()
