"""How fast is a whole `kcdiff diff` run, against a whole difflib.HtmlDiff run?

Measures, in one run and on the same machine:
  1. the sample pair: a whole `kcdiff diff OLD NEW -o report.html` process and a whole
     Python process that runs `difflib.HtmlDiff().make_file` on the same two files;
     prints both medians and their ratio (target: ratio <= 1.0);
  2. growth: the same for a pair 16 times larger, built by repeating each sample 16 times
     with a small edit in every copy; prints the exponent k in time ~ n^k (target <= 1.15).

Both processes run as an installed program runs: with bytecode caches (pip compiles them
at install time, so PYTHONDONTWRITEBYTECODE is dropped for the child processes) and after
one warm-up run each.

Run: python benchmarks/bench_diff.py [--repeat N] [--scale N]
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OLD = ROOT / "samples" / "kingsoft-cloud-2023-interim.txt"
NEW = ROOT / "samples" / "kingsoft-cloud-2024-annual.txt"

DIFFLIB = """
import difflib, sys
old = open(sys.argv[1], encoding="utf-8").read().splitlines()
new = open(sys.argv[2], encoding="utf-8").read().splitlines()
open(sys.argv[3], "w", encoding="utf-8").write(difflib.HtmlDiff().make_file(old, new))
"""


ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str], repeat: int) -> float:
    """Median wall time of ``repeat`` runs of a whole process, after one warm-up run."""
    subprocess.run(command, capture_output=True, env=ENVIRONMENT)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, env=ENVIRONMENT)
        times.append(time.perf_counter() - start)
        if result.returncode not in (0, 1):
            sys.exit(f"{command[:4]} failed: {result.stderr.strip()}")
    return statistics.median(times)


def measure(old: Path, new: Path, out: Path, repeat: int) -> tuple[float, float]:
    kcdiff = [sys.executable, "-m", "kcdiff", "diff", str(old), str(new), "-o",
              str(out / "kcdiff.html")]
    difflib = [sys.executable, "-c", DIFFLIB, str(old), str(new), str(out / "difflib.html")]
    return timed(kcdiff, repeat), timed(difflib, repeat)


def scaled_copy(source: Path, target: Path, times: int) -> Path:
    """``times`` copies of a filing, each with its own small edits, so no two copies are
    identical and the aligner cannot pair them by text alone."""
    text = source.read_text(encoding="utf-8")
    copies = []
    for k in range(times):
        edited = text.replace("Reporting Period", f"Reporting Period {k + 1}", 3)
        edited = edited.replace("customers", f"customers ({k + 1})", 2)
        copies.append(edited)
    target.write_text("\n\n".join(copies), encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scale", type=int, default=16)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        kc, dl = measure(OLD, NEW, out, args.repeat)
        print(f"sample pair      kcdiff diff: {kc:.3f} s   difflib.HtmlDiff: {dl:.3f} s   "
              f"ratio {kc / dl:.2f} (target <= 1.0)")
        big_old = scaled_copy(OLD, out / "old-big.txt", args.scale)
        big_new = scaled_copy(NEW, out / "new-big.txt", args.scale)
        big_kc, big_dl = measure(big_old, big_new, out, max(1, args.repeat // 2))
        exponent = math.log(big_kc / kc) / math.log(args.scale)
        print(f"{args.scale}x larger pair kcdiff diff: {big_kc:.3f} s   difflib.HtmlDiff: "
              f"{big_dl:.3f} s   growth n^{exponent:.2f} (target <= 1.15)")


if __name__ == "__main__":
    main()
