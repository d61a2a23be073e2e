"""Sections called added or removed whose heading the other filing has: over every
MANIFEST pair, each section kcdiff calls added (removed) whose heading, numbers and
"(continued)" aside, the old (new) filing prints as a section heading at least as often
as this one does. Each is a claim to look at: the section may have moved, been split or
been paired with another; it may also be a true claim (a heading printed again over new
text). The truth set's pairs are scored by accuracy.py; this covers all 73 pairs.

Run from the project root:  python benchmarks/headings_in_both.py [--verbose]
"""

from __future__ import annotations

import argparse
import collections
import json
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
_CONTINUED = re.compile(r"\(continued\)|（續[)）]", re.IGNORECASE)
_NOT_LETTERS = re.compile(r"[\W\d_]+")


def heading_key(title: str) -> str:
    return _NOT_LETTERS.sub("", _CONTINUED.sub("", title)).lower()


def headings(path: str) -> collections.Counter[str]:
    from kcdiff.ingest import read_filing
    from kcdiff.segment import segment

    return collections.Counter(heading_key(s.title) for s in segment(read_filing(CORPUS / path)))


def doubtful(pair: dict) -> tuple[int, list[str]]:
    """(sections called added or removed, those whose heading the other filing has)."""
    from kcdiff.compare import compare_files

    report = compare_files(CORPUS / pair["old"], CORPUS / pair["new"])
    counts = {"old": headings(pair["old"]), "new": headings(pair["new"])}
    claims = [s for s in report.sections if s.status in ("added", "removed")]
    found = []
    for section in claims:
        here, there = ("new", "old") if section.status == "added" else ("old", "new")
        title = section.new_title if here == "new" else section.old_title
        key = heading_key(title)
        if len(key) >= 4 and counts[there][key] >= counts[here][key]:
            found.append(f"{section.status} {title!r}: {pair['old']} -> {pair['new']}")
    return len(claims), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list each such claim")
    options = parser.parse_args()
    pairs = json.loads((CORPUS / "MANIFEST.json").read_text("utf-8"))["pairs"]
    with ProcessPoolExecutor(2) as pool:
        results = list(pool.map(doubtful, pairs))
    for _, found in results if options.verbose else ():
        for line in found:
            print(line)
    claims = sum(count for count, _ in results)
    print(f"{len(pairs)} pairs: {claims} sections called added or removed, "
          f"{sum(len(found) for _, found in results)} of them with a heading the other "
          "filing has as often")


if __name__ == "__main__":
    main()
