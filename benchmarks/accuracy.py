"""Score kcdiff against the hand-read truth set (benchmarks/truth/*.json, schema.json).

    python benchmarks/accuracy.py [--pair SUBSTRING] [--json] [--verbose] [--workers 2]

Each truth pair is compared with ``kcdiff.compare.compare_files`` (a process pool of 2)
and each claim of the report is scored against what a person read in the two documents.

Figures
    A claim (``report.figures``) is *checkable* when its item matches a truth item: the
    labels are equal once case, punctuation, footnote markers and "/(loss)" are folded, or
    score >= 90 with rapidfuzz with every word paired to a like word, against the truth's
    ``item`` or ``old_item``; and its unit names no other currency than the truth's (a US$
    convenience column or a share count is not a claim about an RMB line). A checkable claim
    is *correct* when every value it states agrees with what the truth says that filing
    prints for that period: ``new_value`` = the new filing at ``period``; ``old_value`` =
    the filing named by ``old_source`` at ``old_period``. Periods come from
    ``period_start``/``period_end`` (else parsed from the printed phrase); two periods are
    equal when their ends are within 3 days and their lengths within 10 days (52/53-week
    years), an instant never equals a duration. A ``changed`` or ``restated`` claim must
    compare like with like (two instants, or two durations of the same length), else it is
    wrong. Values agree allowing a scale of 10^3 or 10^6 (thousands vs millions), half a
    unit of the truth's printed precision or 0.5% for rounding, and the same sign. An
    ``added`` claim is also wrong when the truth shows the item in the old filing, a
    ``removed`` claim when the truth shows it in the new filing. A claim whose period cannot
    be identified is not correct. Precision = correct / checkable.
    A truth item is *recalled* when the report has a correct claim about it for the new
    filing's current period (the latest period end the new filing prints for it), or when
    the truth shows the current value equal to its comparable one (for a duration the like
    period a year earlier, the new filing's own column, else the old filing's; for an
    instant the latest earlier date either filing prints, the new filing's value where both
    print it) and the report says nothing about the item at the current period ("unchanged
    and silent"; a restated comparative is not about the current period). Recall =
    recalled / truth items.
Restatements
    Only pairs with ``restatements_complete``. A ``restated`` claim is a true positive
    when it matches a truth restatement (item as above, equal period); any other
    ``restated`` claim is false. Recall = truth restatements matched / all.
Sections
    Only pairs with ``sections_complete``: reported ``added``/``removed`` titles against the
    truth's lists (normalised, leading numbering dropped, fuzzy >= 90; ``sections_optional``
    titles are right but not required). "sect wrong" = claims not in the truth / all
    sections of those reports. On every pair, "in both" counts headings of
    ``sections_present_in_both`` reported added or removed.
Board
    Pairs with a ``board``: ``joined``/``left``/``role_changed`` claims against the truth
    lists (names normalised: honorifics and punctuation dropped, fuzzy token-sort >= 90).
    ``name_changed`` claims count as right only if both names are the same person in truth.
Errors
    ``report.checks`` with severity "error" that match no truth error (same filing, and the
    printed total appears in the message) are false errors.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# kcdiff from the running environment (a venv or PYTHONPATH naming another checkout)
# wins; this checkout only when none is importable.
sys.path.append(str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from truth_scoring import (  # noqa: E402
    Tally,
    load_truths,
    resolve,
    score_board,
    score_errors,
    score_figures,
    score_restatements,
    score_sections,
    score_sections_in_both,
)

KINDS = ("figures", "restatements", "sections", "board")


def run_pair(job: tuple[str, str, str]) -> dict:
    """Compare one pair in a worker; the report as JSON and the time it took."""
    from kcdiff.compare import compare_files

    name, old, new = job
    start = time.perf_counter()
    try:
        report = compare_files(old, new).to_json()
        failure = ""
    except Exception as exc:  # a crash is scored as a report that says nothing
        report, failure = {"figures": [], "sections": [], "board": [], "checks": []}, repr(exc)
    return {"name": name, "report": report, "seconds": time.perf_counter() - start,
            "failure": failure}


def score_pair(truth: dict, report: dict) -> dict[str, Tally]:
    return {
        "figures": score_figures(truth, report),
        "restatements": score_restatements(truth, report),
        "sections": score_sections(truth, report),
        "in_both": score_sections_in_both(truth, report),
        "board": score_board(truth, report),
        "errors": score_errors(truth, report),
    }


def groups_of(truth: dict) -> list[str]:
    return ["all", truth["source"], truth["format"], truth["language"]]


def combine(scored: list[tuple[dict, dict[str, Tally]]]) -> dict[str, dict[str, Tally]]:
    table: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    for truth, tallies in scored:
        for group in groups_of(truth):
            for kind, tally in tallies.items():
                table[group][kind] = table[group][kind] + tally
    return table


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    - "


def print_table(table: dict[str, dict[str, Tally]]) -> None:
    head = (f"{'group':<9}" + "".join(f"{k[:5] + ' P':>9}{k[:5] + ' R':>9}" for k in KINDS)
            + f"{'sect wrong':>12}{'in both':>9}{'false err':>10}")
    print(head)
    for group in ("all", "hkex", "sec", "pdf", "html", "text", "markdown", "en", "zh"):
        if group not in table:
            continue
        row = table[group]
        cells = "".join(
            f"{pct(row[k].correct, row[k].claimed):>9}{pct(row[k].found, row[k].expected):>9}"
            for k in KINDS
        )
        sections = row["sections"]
        wrong = pct(sections.wrong, sections.population)
        print(f"{group:<9}{cells}{wrong:>12}{row['in_both'].wrong:>9}{row['errors'].wrong:>10}")
    all_ = table["all"]
    print("counts: " + ", ".join(
        f"{k} {all_[k].correct}/{all_[k].claimed} claims right, "
        f"{all_[k].found}/{all_[k].expected} truths found" for k in KINDS)
        + f"; sections wrongly added/removed {all_['sections'].wrong}"
        f"/{all_['sections'].population} (pairs with sections_complete); headings in both"
        f" called added/removed {all_['in_both'].wrong} (all pairs); false errors"
        f" {all_['errors'].wrong}")


def print_details(name: str, tallies: dict[str, Tally], result: dict) -> None:
    notes = [f"  {kind}: {line}" for kind, tally in tallies.items() for line in tally.notes]
    if notes or result["failure"]:
        print(f"\n{name}  ({result['seconds']:.1f} s)")
        if result["failure"]:
            print(f"  failed: {result['failure']}")
        print("\n".join(notes))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pair", default="", help="only pairs whose file name contains this")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--verbose", action="store_true", help="list each miss and false claim")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    truths = {name: truth for name, truth in load_truths().items() if args.pair in name}
    if not truths:
        print("accuracy: no truth pair matches (or ../shared/corpus is absent)", file=sys.stderr)
        return 2
    jobs = [(name, *resolve(truth)) for name, truth in sorted(truths.items())]
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        results = list(pool.map(run_pair, jobs))
    wall = time.perf_counter() - start
    scored = [(truths[r["name"]], score_pair(truths[r["name"]], r["report"])) for r in results]
    table = combine(scored)
    if args.json:
        print(json.dumps({
            "groups": {g: {k: t.as_dict() for k, t in row.items()} for g, row in table.items()},
            "pairs": {r["name"]: {"seconds": round(r["seconds"], 2), "failure": r["failure"],
                                  **{k: t.as_dict() for k, t in s.items()}}
                      for r, (_, s) in zip(results, scored, strict=True)},
        }, indent=1))
        return 0
    if args.verbose:
        for result, (_, tallies) in zip(results, scored, strict=True):
            print_details(result["name"], tallies, result)
        print()
    print_table(table)
    slowest = sorted(results, key=lambda r: -r["seconds"])[:5]
    print("slowest: " + ", ".join(f"{r['name']} {r['seconds']:.1f} s" for r in slowest))
    failed = [r["name"] for r in results if r["failure"]]
    if failed:
        print("failed: " + ", ".join(failed))
    print(f"{len(results)} pairs in {wall:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
