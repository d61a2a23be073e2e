"""Board precision and recall over the pairs whose board changes were read by hand.

    python benchmarks/bench_board.py [SUBSTRING]

Truth: ``tests/data/board_truth.json`` (SEC 10-K signature pages). Each joined, left,
role_changed and name_changed claim of ``compare_boards`` is right when the truth lists
the same person (``names.name_key``) under the same status; recall is the share of
truth entries claimed. Prints one line per pair and the totals.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kcdiff.board import compare_boards, read_board  # noqa: E402
from kcdiff.ingest import read_filing  # noqa: E402
from kcdiff.segment import segment  # noqa: E402
from kcdiff.text.names import name_key  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
STATUSES = ("joined", "left", "role_changed")


def score(pair: dict) -> tuple[int, int, int]:
    """(right claims, all claims, truth entries) for one pair."""
    old, new = (read_board(segment(read_filing(CORPUS / pair[side]))) for side in ("old", "new"))
    changes, _ = compare_boards(old, new)
    truth = {(status, name_key(name)) for status in STATUSES for name in pair[status]}
    claims = [(change.status, name_key(change.name)) for change in changes]
    right = sum(1 for claim in claims if claim in truth)
    return right, len(claims), len(truth)


def main() -> None:
    pattern = sys.argv[1] if len(sys.argv) > 1 else ""
    pairs = json.loads((ROOT / "tests" / "data" / "board_truth.json").read_text("utf-8"))
    total = [0, 0, 0]
    start = time.perf_counter()
    for pair in pairs["pairs"]:
        if pattern not in pair["new"]:
            continue
        right, claims, truth = score(pair)
        total = [total[0] + right, total[1] + claims, total[2] + truth]
        print(f"{pair['new']:<60} claims {claims:2}  right {right:2}  truth {truth:2}")
    precision = total[0] / total[1] if total[1] else 1.0
    recall = total[0] / total[2] if total[2] else 1.0
    print(f"board precision {precision:.3f} ({total[0]}/{total[1]})  "
          f"recall {recall:.3f} ({total[0]}/{total[2]})  in {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
