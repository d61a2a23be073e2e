"""Where PDF reading spends its time: CPU milliseconds per page for each phase, beside raw
pdfium text extraction of the same file.

CPU time of this process (time.process_time), best of N runs: on a shared machine whose
load swings, wall times of one checkout and another are not comparable; CPU times
are less disturbed. Phases: ``_read_page`` (PDFium loading the page and its text, plus
``_lines``: positions, cells and type of every line), ``_content_lines`` (running headers,
unreadable text), ``page_blocks`` (paragraphs, tables, headings), hyphens; then segment.

Run: python benchmarks/pdf_phases.py [--repeat N] [--checkout DIR] PDF...
(--checkout DIR: the kcdiff of another checkout, for before/after; its module must have the
same private phase functions, else those phases are not timed.)
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench_ingest import raw_pdfium  # the same baseline as bench_ingest.py

ROOT = Path(__file__).resolve().parent.parent
PHASES = ("_read_page", "_lines", "_content_lines", "page_blocks", "_with_hyphens_resolved")


def timed_phases(module: object, spent: dict[str, float]) -> None:
    """Wrap the phase functions of ``module`` so their CPU time adds up in ``spent``."""
    for name in PHASES:
        function = getattr(module, name, None)
        if function is None:
            continue

        def wrapper(*args: object, _function: Callable[..., object] = function,
                    _name: str = name) -> object:
            start = time.process_time()
            try:
                return _function(*args)
            finally:
                spent[_name] = spent.get(_name, 0.0) + time.process_time() - start

        setattr(module, name, wrapper)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--checkout", type=Path, default=ROOT)
    args = parser.parse_args()
    sys.path.insert(0, str(args.checkout.resolve()))
    import kcdiff.ingest.pdf as pdf_module
    from kcdiff.ingest import read_filing
    from kcdiff.segment import segment

    print(f"kcdiff from {Path(pdf_module.__file__).parents[1]}; CPU ms per page, best of "
          f"{args.repeat}")
    spent: dict[str, float] = {}
    timed_phases(pdf_module, spent)
    for path in args.pdfs:
        data = path.read_bytes()
        best: dict[str, float] = {}
        for _ in range(args.repeat):
            spent.clear()
            start = time.process_time()
            raw_pdfium(data)
            measured = {"raw pdfium": time.process_time() - start}
            start = time.process_time()
            filing = read_filing(path)
            measured["read"] = time.process_time() - start
            start = time.process_time()
            segment(filing)
            measured["segment"] = time.process_time() - start
            for name, seconds in {**measured, **spent}.items():
                best[name] = min(best.get(name, seconds), seconds)
        pages = filing.pages or 1
        ratio = (best["read"] + best["segment"]) / best["raw pdfium"]
        print(f"{path.name}: {pages} pages; read + segment / raw pdfium = {ratio:.2f}")
        print("  " + "  ".join(f"{name} {1000 * seconds / pages:.2f}"
                               for name, seconds in best.items()))


if __name__ == "__main__":
    main()
