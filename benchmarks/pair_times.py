"""Every MANIFEST pair compared by two checkouts of kcdiff, alternating pair by pair, so a
change in the machine's load falls on both: the time of ``compare_files`` (reading both
filings and comparing them) in a fresh process for each.

    python benchmarks/pair_times.py OTHER_CHECKOUT [--corpus ../shared/corpus] [--json OUT]
        [--match TEXT ...] [--repeat N]

``--match`` times only the pairs whose old or new path contains one of the texts;
``--repeat`` alternates N runs of each side and keeps the medians (a pair under a second
moves by a third from one run to the next, so one run cannot show a 20% slowdown).

Prints each pair's seconds for this checkout and OTHER_CHECKOUT and their ratio, the
pairs over 10 s, and those more than 20% slower than OTHER_CHECKOUT (issue 9's limits).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMED = """
import sys, time
from kcdiff.compare import compare_files
start = time.perf_counter()
try:
    compare_files(sys.argv[1], sys.argv[2])
except Exception as exc:
    print("error", exc, file=sys.stderr)
print(time.perf_counter() - start)
"""


def seconds(checkout: Path, old: Path, new: Path) -> float:
    # In the checkout: ``python -c`` puts the working folder first on the path, before
    # PYTHONPATH, so from this project's root both sides timed this checkout.
    environment = {**os.environ, "PYTHONPATH": str(checkout)}
    result = subprocess.run([sys.executable, "-c", TIMED, str(old), str(new)],
                            capture_output=True, text=True, env=environment, cwd=checkout,
                            check=True)
    return float(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--match", nargs="*", default=[])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    pairs = json.loads((args.corpus / "MANIFEST.json").read_text(encoding="utf-8"))["pairs"]
    pairs = [pair for pair in pairs if not args.match or any(
        text in pair["old"] or text in pair["new"] for text in args.match)]
    rows = []
    for pair in pairs:
        old, new = args.corpus / pair["old"], args.corpus / pair["new"]
        runs = [(seconds(args.other.resolve(), old, new), seconds(ROOT, old, new))
                for _ in range(args.repeat)]
        before = statistics.median(run[0] for run in runs)
        after = statistics.median(run[1] for run in runs)
        rows.append({"old": pair["old"], "new": pair["new"], "other": before, "this": after})
        print(f"{before:6.2f} {after:6.2f} {after / before:5.2f}  {pair['old']} -> {pair['new']}",
              flush=True)
    slow = [row for row in rows if row["this"] > 10]
    slower = [row for row in rows if row["this"] > 1.2 * row["other"]]
    print(f"{len(rows)} pairs; over 10 s: {len(slow)}; more than 20% slower: {len(slower)}")
    for row in slower:
        print(f"  slower: {row['other']:.2f} -> {row['this']:.2f} s  {row['new']}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
