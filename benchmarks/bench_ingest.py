"""Ingestion speed on the real corpus: ms per page for PDFs, ms per MB for HTML and text.

For PDFs the baseline is raw pdfium: open the document and take every page's text
(``get_text_range``), nothing else. kcdiff's reading aims at no more than 1.3 times that.

Run from the project root:  python benchmarks/bench_ingest.py [--repeat N]
The corpus is read in place from ../shared/corpus (see its MANIFEST.json).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pypdfium2 as pdfium  # noqa: E402

from kcdiff.ingest import read_filing  # noqa: E402
from kcdiff.segment import segment  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def best_time(path: Path, repeat: int) -> tuple[float, int | None]:
    times = []
    pages = None
    for _ in range(repeat):
        start = time.perf_counter()
        filing = read_filing(path)
        segment(filing)
        times.append(time.perf_counter() - start)
        pages = filing.pages
    return min(times), pages


def raw_pdfium_time(path: Path, repeat: int) -> float:
    """The best time pdfium alone takes to open ``path`` and extract every page's text."""
    data = path.read_bytes()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        document = pdfium.PdfDocument(data)
        for page in document:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        document.close()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    manifest = json.loads((CORPUS / "MANIFEST.json").read_text(encoding="utf-8"))
    per_page, raw_per_page, per_mb = [], [], {}
    print(f"{'file':62} {'ms':>7} {'pages':>5} {'ms/page':>8} {'ms/MB':>8} {'raw ms/page':>11}")
    for entry in manifest["files"]:
        path = CORPUS / entry["file"]
        seconds, pages = best_time(path, options.repeat)
        megabytes = path.stat().st_size / 1e6
        if entry["format"] == "pdf":
            per_page.append(1000 * seconds / pages)
            raw_per_page.append(1000 * raw_pdfium_time(path, options.repeat) / pages)
            rate = f"{1000 * seconds / pages:8.1f} {'':>8} {raw_per_page[-1]:11.1f}"
        else:
            per_mb.setdefault(entry["format"], []).append(1000 * seconds / megabytes)
            rate = f"{'':>8} {1000 * seconds / megabytes:8.0f}"
        print(f"{entry['file'][-62:]:62} {1000 * seconds:7.0f} {pages or '':>5} {rate}")
    print(f"\nPDF: median {statistics.median(per_page):.1f} ms/page, "
          f"max {max(per_page):.1f} ms/page over {len(per_page)} files (ingest + segment)")
    raw_total, total = sum(raw_per_page), sum(per_page)
    print(f"raw pdfium text: median {statistics.median(raw_per_page):.1f} ms/page; "
          f"kcdiff / raw = {total / raw_total:.2f} (sum of ms/page over the PDFs)")
    for kind, rates in per_mb.items():
        median = statistics.median(rates)
        print(f"{kind.upper()}: median {median:.0f} ms/MB over {len(rates)} files")


if __name__ == "__main__":
    main()
