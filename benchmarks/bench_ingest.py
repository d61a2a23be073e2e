"""Ingestion speed on the real corpus: ms per page for PDFs, ms per MB for HTML and text.

For PDFs the baseline is raw pdfium: open the document and take every page's text
(``get_text_range``), nothing else. kcdiff's reading aims at no more than 1.3 times that.

Run from the project root:
    python benchmarks/bench_ingest.py [--repeat N] [--pdf-only] [--match TEXT] [--checkout DIR]
--checkout times the kcdiff of another checkout (an older one, made with `git archive BASE |
tar -x -C DIR`) against the same raw pdfium baseline, for a before/after comparison.
The corpus is read in place from ../shared/corpus (see its MANIFEST.json).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def best_time(path: Path, repeat: int) -> tuple[float, int | None]:
    from kcdiff.ingest import read_filing  # of the checkout main() put first on the path
    from kcdiff.segment import segment

    times = []
    pages = None
    for _ in range(repeat):
        start = time.perf_counter()
        filing = read_filing(path)
        segment(filing)
        times.append(time.perf_counter() - start)
        pages = filing.pages
    return min(times), pages


def raw_pdfium(data: bytes) -> None:
    """What pdfium alone does to give a PDF's text: open it, take every page's text."""
    document = pdfium.PdfDocument(data)
    for page in document:
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    document.close()


def raw_pdfium_time(path: Path, repeat: int) -> float:
    """The best time pdfium alone takes to open ``path`` and extract every page's text."""
    data = path.read_bytes()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        raw_pdfium(data)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pdf-only", action="store_true")
    parser.add_argument("--match", default="", help="only files whose path contains this")
    parser.add_argument("--checkout", type=Path, default=ROOT, help="the kcdiff to time")
    options = parser.parse_args()
    sys.path.insert(0, str(options.checkout.resolve()))
    import kcdiff

    print(f"kcdiff from {Path(kcdiff.__file__).parent}")
    manifest = json.loads((CORPUS / "MANIFEST.json").read_text(encoding="utf-8"))
    entries = [entry for entry in manifest["files"] if options.match in entry["file"]
               and (entry["format"] == "pdf" or not options.pdf_only)]
    per_page, raw_per_page, per_mb = [], [], {}
    print(f"{'file':62} {'ms':>7} {'pages':>5} {'ms/page':>8} {'ms/MB':>8} {'raw ms/page':>11} "
          f"{'x raw':>5}")
    for entry in entries:
        path = CORPUS / entry["file"]
        seconds, pages = best_time(path, options.repeat)
        megabytes = path.stat().st_size / 1e6
        if entry["format"] == "pdf":
            per_page.append(1000 * seconds / pages)
            raw_per_page.append(1000 * raw_pdfium_time(path, options.repeat) / pages)
            rate = (f"{per_page[-1]:8.1f} {'':>8} {raw_per_page[-1]:11.1f} "
                    f"{per_page[-1] / raw_per_page[-1]:5.2f}")
        else:
            per_mb.setdefault(entry["format"], []).append(1000 * seconds / megabytes)
            rate = f"{'':>8} {1000 * seconds / megabytes:8.0f}"
        print(f"{entry['file'][-62:]:62} {1000 * seconds:7.0f} {pages or '':>5} {rate}")
    if per_page:
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
