"""Time the figures stage on the sample pair: tables read from the segmented filings,
figures compared, both filings checked. Ingest and segmentation are timed apart.

    python benchmarks/bench_figures.py [repeats]
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kcdiff.figures.checks import check_filing  # noqa: E402
from kcdiff.figures.compare import compare_figures  # noqa: E402
from kcdiff.figures.tables import read_tables  # noqa: E402
from kcdiff.ingest import read_filing  # noqa: E402
from kcdiff.segment import segment  # noqa: E402

SAMPLES = ROOT / "samples"


def best_of(repeats: int, run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    paths = (SAMPLES / "kingsoft-cloud-2023-interim.txt",
             SAMPLES / "kingsoft-cloud-2024-annual.txt")
    old, new = (segment(read_filing(path)) for path in paths)

    def figures_stage() -> None:
        old_tables, new_tables = read_tables(old), read_tables(new)
        compare_figures(old_tables, new_tables)
        check_filing(old, old_tables)
        check_filing(new, new_tables)

    def extract_and_compare() -> None:
        compare_figures(read_tables(old), read_tables(new))

    def ingest_and_segment() -> None:
        for path in paths:
            segment(read_filing(path))

    # The first run is cold (no cached label keys or cells): it is what one diff costs.
    timings = {
        "first run, tables + compare + checks": best_of(1, figures_stage),
        f"tables + compare (best of {repeats})": best_of(repeats, extract_and_compare),
        f"tables + compare + checks (best of {repeats})": best_of(repeats, figures_stage),
        "ingest + segment, for reference": best_of(repeats, ingest_and_segment),
    }
    for name, milliseconds in timings.items():
        print(f"{name:<45} {milliseconds:7.1f} ms")

if __name__ == "__main__":
    main()
