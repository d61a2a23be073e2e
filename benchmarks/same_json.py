"""Is the JSON report the same before and after a speed change?

Runs `kcdiff diff --format json` with an older checkout (OLD_CHECKOUT, e.g. made with
`git archive BASE | tar -x -C /tmp/base`) and with this one, on the sample pair, a 16x
pair (bench_diff.scaled_copy) and corpus pairs of different kinds (HKEX PDFs in English
and Chinese, a board list, SEC PDFs, inline-XBRL HTML, Markdown, Fullshare's 200-page
annual reports), and prints `same` or `DIFFERENT` for each. Exit status 1 when any report
differs. With --worker, this checkout reads every pair's old filing in a worker process
and scores half its candidate pairs of sections in another (kcdiff/pair.py), whatever the
files' size; without it, as `kcdiff diff` decides.

Run: python benchmarks/same_json.py OLD_CHECKOUT [--no-16x] [--worker]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_diff import NEW, OLD, ROOT, scaled_copy

CORPUS = ROOT.parent / "shared" / "corpus"
CORPUS_PAIRS = [
    ("hkex_anxin-china_1149/en/2008-09-17_interim-results_en.pdf",
     "hkex_anxin-china_1149/en/2009-04-24_annual-results_en.pdf"),
    ("hkex_anxin-china_1149/en/2011-06-03_agm-poll-and-director-change_en.pdf",
     "hkex_anxin-china_1149/zh/2011-06-03_agm-poll-and-director-change_zh.pdf"),
    ("hkex_anxin-china_1149/en/2012-02-02_profit-alert_en.pdf",
     "hkex_anxin-china_1149/en/2012-08-07_profit-alert_en.pdf"),
    ("hkex_alco-holdings_0328/2025-06-20_list-of-directors_zh.pdf",
     "hkex_alco-holdings_0328/2025-07-17_list-of-directors_zh.pdf"),
    ("hkex_fullshare_0607/2019-10-23_list-of-directors_en.pdf",
     "hkex_fullshare_0607/2021-12-30_list-of-directors_en.pdf"),
    ("hkex_fullshare_0607/2016-08-31_interim-results-press-release_en.md",
     "hkex_fullshare_0607/2017-03-31_annual-results-press-release_en.md"),
    ("sec_financebench_pdf/EBAY_2023Q1_EARNINGS.pdf",
     "sec_financebench_pdf/EBAY_2023Q2_EARNINGS.pdf"),
    ("sec_more_pdf/PGE_2023Q1_EARNINGS_2023-05-04.pdf",
     "sec_more_pdf/PGE_2023Q2_EARNINGS_2023-07-27.pdf"),
    ("sec_edgartools_html/aapl_10-Q_FY2025Q2_2025-03-29.htm",
     "sec_edgartools_html/aapl_10-Q_FY2025Q3_2025-06-28.html"),
    ("sec_more_html/alphabet_10-Q_FY2023Q2_2023-06-30.html",
     "sec_more_html/alphabet_10-Q_FY2023Q3_2023-09-30.html"),
    ("hkex_fullshare_0607/2022_annual-report_FY2022_en.pdf",
     "hkex_fullshare_0607/2023_annual-report_FY2023_en.pdf"),
]

# `kcdiff diff` with its second processes for every pair (kcdiff.pair's size rule set to 0).
WITH_WORKER = ("import sys, kcdiff.pair; kcdiff.pair.MIN_FILE_BYTES = 0; "
               "kcdiff.pair.idle_cpus = lambda: 2; "
               "from kcdiff.cli import main; sys.exit(main(sys.argv[1:]))")


def report(checkout: Path, old: Path, new: Path, worker: bool = False) -> bytes:
    """The JSON report of one pair, computed with the kcdiff package in ``checkout``."""
    environment = {**os.environ, "PYTHONPATH": str(checkout)}
    # Run inside the checkout: `python -m` (and -c) puts the working folder first on
    # sys.path, so from anywhere else both sides would import the same code.
    program = ["-c", WITH_WORKER] if worker else ["-m", "kcdiff"]
    result = subprocess.run([sys.executable, *program, "diff", str(old), str(new),
                             "--format", "json"], capture_output=True, env=environment,
                            cwd=checkout)
    if result.returncode not in (0, 1):
        return b"error: " + result.stderr
    return result.stdout


def pairs(folder: Path, with_16x: bool) -> list[tuple[Path, Path]]:
    found = [(OLD, NEW)]
    if with_16x:
        found.append((scaled_copy(OLD, folder / "old-16.txt", 16),
                      scaled_copy(NEW, folder / "new-16.txt", 16)))
    if CORPUS.is_dir():
        found += [(CORPUS / old, CORPUS / new) for old, new in CORPUS_PAIRS]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old_checkout", type=Path)
    parser.add_argument("--no-16x", action="store_true")
    parser.add_argument("--worker", action="store_true",
                        help="read every pair's old filing in a worker process")
    args = parser.parse_args()
    differing = 0
    with tempfile.TemporaryDirectory() as folder:
        for old, new in pairs(Path(folder), not args.no_16x):
            same = (report(args.old_checkout.resolve(), old, new)
                    == report(ROOT, old, new, args.worker))
            differing += not same
            print(f"{'same' if same else 'DIFFERENT':<9} {old.name} -> {new.name}", flush=True)
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
