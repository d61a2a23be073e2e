"""How often kcdiff's metadata of a filing (issuer, period end, document type) is right,
wrong, or left unstated, against benchmarks/metadata_truth.json over the corpus and the
samples. A wrong issuer pairs a filing with another company's in `kcdiff watch` and
`batch` and names that company in the report and its e-mail; a wrong type or period
end files it under the wrong documents. Precision comes first: unstated is allowed,
wrong is not.

Run from the project root:  python benchmarks/metadata_accuracy.py [--verbose]
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from kcdiff.ingest import read_filing

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
FIELDS = ("issuer", "period_end", "doc_type")


def folded(name: str) -> str:
    return re.sub(r"[\W_]+", "", re.sub(r"\bLtd\b\.?", "Limited", name).lower())


def verdict(field: str, claimed: str, truth: list[str] | str) -> str:
    """right, wrong or unstated; a truth of "" (a list of directors reports on no period)
    makes any claim wrong, except of a type: every filing has one, known or not."""
    if not claimed or (not truth and field == "doc_type"):
        return "unstated"
    if field == "issuer":
        return "right" if folded(claimed) in {folded(name) for name in truth} else "wrong"
    if field == "doc_type":
        return "right" if claimed in truth else "wrong"
    return "right" if claimed == truth else "wrong"


def filing_path(relative: str) -> Path:
    return ROOT / relative if relative.startswith("samples/") else CORPUS / relative


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list every wrong claim")
    options = parser.parse_args()
    truth = json.loads((ROOT / "benchmarks" / "metadata_truth.json").read_text("utf-8"))
    counts = {field: {"right": 0, "wrong": 0, "unstated": 0} for field in FIELDS}
    for entry in truth["files"]:
        meta = read_filing(filing_path(entry["file"])).meta
        for field in (field for field in FIELDS if entry[field] is not None):  # None: unknown
            claimed = getattr(meta, field)
            found = verdict(field, claimed, entry[field])
            counts[field][found] += 1
            if found == "wrong" and options.verbose:
                print(f"wrong {field}: {entry['file']}: {claimed!r} (truth {entry[field]!r})")
    print(f"{len(truth['files'])} filings")
    for field, count in counts.items():
        claims = count["right"] + count["wrong"]
        precision = f"{100 * count['right'] / claims:.1f}%" if claims else "-"
        print(f"{field:10} right {count['right']:3}  wrong {count['wrong']:3}  "
              f"unstated {count['unstated']:3}  precision {precision}")


if __name__ == "__main__":
    main()
