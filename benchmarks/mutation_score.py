"""The mutation score of each module, from the last ``mutmut run`` (README, "Mutation testing").

    mutmut run --max-children 1            # all the comparison stages ([tool.mutmut])
    mutmut run --max-children 1 "kcdiff.align*"   # or some of them
    python benchmarks/mutation_score.py [--survivors]

Run from the checkout. One row per module mutmut has results for: mutants, killed
(a test failed, or timed out), survived, no tests (no fast test runs the function),
equivalent (survivors that cannot change behaviour, below), not checked (the run did
not reach them) and the score: killed / (mutants - equivalent - not checked).

Equivalent survivors, counted apart and never hidden:

- a change of letter case inside a string in the history's SQL modules (``store.py``,
  ``records.py``): SQL keywords and column names, and ``sqlite3.Row`` keys, are
  case-insensitive;
- the mutants listed in ``EQUIVALENT`` with the reason each cannot change behaviour.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections import Counter
from pathlib import Path

# mutant name -> why no input can tell it from the original
EQUIVALENT = {
    # _heaviest_chain as of 7 December 2026 (its sorts and "no chain" markers).
    **{f"kcdiff.align.x__heaviest_chain__mutmut_{n}":
       "back starts at +1 or -2, not -1: every entry is set by _prefix_best before it is "
       "read" for n in (23, 24)},
    **{f"kcdiff.align.x__heaviest_chain__mutmut_{n}":
       "-2 for -1 as 'no chain' (in the tree's empty cells, or as the best chain before "
       "any pair): the walk back stops at any negative index, and a real chain, whose "
       "score is positive, beats an empty cell either way" for n in (18, 28)},
    **{f"kcdiff.align.x__heaviest_chain__mutmut_{n}":
       "the first sort on the whole (i, j, score) tuple, not on j: each (i, j) is one "
       "pair, so within an old index both order by j descending, as the stable sort on i "
       "keeps" for n in (3, 6)},
    "kcdiff.align.x__heaviest_chain__mutmut_20":
        "a Fenwick tree one cell longer: the updates stop at n_new, so the extra cell is "
        "neither written nor read",
    "kcdiff.align.x__heaviest_chain__mutmut_45":
        "< n_new for <= n_new: the Fenwick tree's last cell is never read, as "
        "_prefix_best is only asked for new indexes below n_new",
    "kcdiff.align.x__row_scores__mutmut_31":
        "max(len(old), 2) for max(len(old), 1): with one old section only i = 0, whose "
        "expected place is 0 either way",
    **{f"kcdiff.align.x__row_scores__mutmut_{n}":
       "zip's strict=True dropped: the rows, their titles and the title candidates are "
       "one per row by construction" for n in (12, 16, 21)},
    "kcdiff.align.x__assign__mutmut_13":
        "2.0, not 1.0, for the cells of no candidate: both exceed the cost limit (0.45), "
        "so neither is ever assigned",
    **{f"kcdiff.board.roster.x__directors__mutmut_{n}":
       "zip without strict=True: signature_directors gives one director per seated signer"
       for n in (30, 33, 35)},
    "kcdiff.service.store.xǁStoreǁneighbours__mutmut_12":
        "2 << 62 instead of 1 << 62: still after every stored id",
    "kcdiff.service.store.xǁStoreǁneighbours__mutmut_13":
        "1 << 63 instead of 1 << 62: still after every stored id",
    "kcdiff.service.store.xǁStoreǁneighbours__mutmut_19":
        "<= instead of <: a stored filing's id never equals 1 << 62, so keys never tie",
    "kcdiff.service.store.xǁStoreǁneighbours__mutmut_25":
        ">= instead of >: keys never tie (as above)",
    "kcdiff.service.identity.x_display_path__mutmut_11":
        "'UTF-8' for 'utf-8': codec names are case-insensitive",
    "kcdiff.service.identity.x_display_path__mutmut_15":
        "'UTF-8' for 'utf-8' (as above)",
    "kcdiff.service.store.xǁStoreǁ_key_by_name__mutmut_9":
        "next(..., None): None and '' both fall through to the next way of matching",
    "kcdiff.service.identity.x_name_prefix_of__mutmut_12":
        "strip('XX-_ .XX'): the stem is lower-cased, so it holds no 'X' to strip",
    "kcdiff.service.identity.x_name_prefix_of__mutmut_9":
        "'XXXX' for '': upper-case, so it has no letter a-z and is dropped as too short",
    "kcdiff.service.pairing.x_resolve_issuers__mutmut_20":
        "next(..., None): None and '' both fall through to new_issuer_key",
    "kcdiff.service.pairing.x_consecutive_pairs__mutmut_10":
        "zip strict=None: both lists are built from the same records, same length",
    "kcdiff.service.pairing.x_consecutive_pairs__mutmut_13":
        "zip without strict: same length (as above)",
    "kcdiff.service.pairing.x_consecutive_pairs__mutmut_15":
        "zip strict=False: same length (as above)",
    "kcdiff.service.pairing.x_consecutive_pairs__mutmut_22":
        "arrival None: members are appended in arrival order and sorted() is stable, so "
        "the tie-break by arrival is the order they already have",
    "kcdiff.service.pairing.x_consecutive_pairs__mutmut_29":
        "sorted without key: order keys never tie (arrival is unique), records never compared",
    "kcdiff.service.pairing.x_consecutive_pairs__mutmut_31":
        "sorted without key (as above)",
    "kcdiff.wording.xǁ_MoveCandidatesǁalike__mutmut_3":
        "a wider length window: it only prunes, rapidfuzz's score_cutoff decides",
    "kcdiff.wording.x__pair_in_order__mutmut_1":
        "'and' for 'or': with either side empty the programme below pairs nothing anyway",
    "kcdiff.wording.x__similarity__mutmut_17":
        "always _table_match: for equal tables it counts every row's words, which is "
        "table_tokens (a table's text is its rows joined, model.Block)",
    "kcdiff.wording.x__tokens__mutmut_5":
        "[''] instead of [] for an empty text: both join to ''",
    "kcdiff.similarity.x_redline_words__mutmut_19":
        "an inserted paragraph's spans are all 'insert', already left out of the old side",
    "kcdiff.similarity.x_redline_words__mutmut_29":
        "a deleted paragraph's spans are all 'delete', already left out of the new side",
    "kcdiff.similarity.x_redline_words__mutmut_20":
        "'INSERTED': as mutant 19",
    "kcdiff.similarity.x_redline_words__mutmut_30":
        "'DELETED': as mutant 29",
    "kcdiff.similarity.x_section_similarity__mutmut_7":
        "an unchanged section's redline is empty, which measures as SAME anyway",
    "kcdiff.similarity.x_section_similarity__mutmut_8":
        "'UNCHANGED': as mutant 7",
    "kcdiff.figures.facts.x__retagged__mutmut_8":
        "'and' for 'or' after the same concept: a fact on the same row with the same concept "
        "has the same key, which is in the reviewed facts, so the row is skipped anyway",
    "kcdiff.figures.facts.x__days__mutmut_2":
        "1, not 0, days for an instant: an instant's length is never read (_comparative "
        "compares lengths only of durations; _period returns an instant before)",
    "kcdiff.figures.facts.x__printed__mutmut_2":
        "/ (-1) for * (-1): the same number",
    **{f"kcdiff.figures.facts.x_unit_of__mutmut_{n}":
       "split/rsplit or their maxsplit on a unit's ':' and '/': an XBRL measure is a QName "
       "with one colon at most, and a unit divides one measure by one other"
       for n in (7, 8, 10, 16, 17, 19, 28, 29, 31)},
    **{f"kcdiff.figures.items.x__row_values__mutmut_{n}":
       "zip without strict=True: read_columns gives every row a cell per column"
       for n in (4, 7, 8)},
    **{f"kcdiff.figures.items.x__reporting_currency__mutmut_{n}":
       "most_common(None) or (2) for (1): the first of them is the same (ties keep "
       "insertion order either way)" for n in (5, 6)},
    "kcdiff.figures.items.x__reporting_currency__mutmut_9":
        "'XXXX' when no column has a period: then no column gives a value anyway",
    "kcdiff.figures.periods.x__filing_parts__mutmut_6":
        "group(3) for group(2): month and day are captured together or not at all",
    **{f"kcdiff.figures.periods.x__filing_parts__mutmut_{n}":
       "rstrip/lstrip of '.' on a month: the pattern's '\\.?' is outside the month's group, "
       "so the captured month never holds a dot" for n in (8, 9, 13, 21, 22, 26)},
    "kcdiff.figures.tables.x__pdf_row__mutmut_12":
        "strip('XX()XX'): a note marker is digits and a lower-case letter, never 'X'",
    "kcdiff.figures.tables.x__pdf_row__mutmut_22":
        "the garbled row's note left to its default '': the note is set only when the "
        "figures then fit the columns, so a garbled row's note is always ''",
    "kcdiff.align.x__absorbed__mutmut_27":
        "next() without its default: an unspaced title holds no newline, so a match in the "
        "newline-joined texts lies inside one text, which next() then finds",
    "kcdiff.align.x__prefix_best__mutmut_4":
        "-2 for -1 as 'no chain before': the walk back stops at any negative index",
    **{f"kcdiff.figures.items.x_item_unit__mutmut_{n}":
       "another default (None, none, 'XXXX') for the currency of a table with no dated "
       "column: line_items asks item_unit only for rows with values, which come only from "
       "dated columns" for n in (12, 14, 15)},
    # align's content cutoffs as of 7 December 2026 (the session after the sample).
    "kcdiff.align.x__score__mutmut_24":
        ">= for > at 1 + 1e-9, the most content a pair may need and still be compared: a "
        "need of exactly 1 + 1e-9 is a sum of weighted floats landing on the tolerance",
    "kcdiff.align.x__score__mutmut_25":
        "1 - 1e-9 for 1 + 1e-9: only a pair needing a content within 1e-9 of 1 is left "
        "uncompared, and it reaches MIN_SCORE only if its weighted floats round up to it",
    "kcdiff.align.x__content__mutmut_25":
        ">= for > at CONTAINED_WEIGHT + 1e-9 (the tolerance itself, as above)",
    "kcdiff.align.x__title__mutmut_4":
        "1.0 for 0.0 with an empty title: that is 1 of 100, adding 0.0055 to a pair whose "
        "other parts give at most 0.45, still under MIN_SCORE",
    "kcdiff.align.x__content_key__mutmut_1":
        "upper() for lower() on both texts of every pair: the same similarity, but for "
        "letters whose case forms differ in length (German sharp s), not in these filings",
    "kcdiff.figures.checks.x__rows_above_add_up__mutmut_8":
        "the bound on a row's cells dropped: every row has a cell per column",
    "kcdiff.figures.checks.x__rows_above_add_up__mutmut_28":
        "< for <= at the rounding allowance, which carries +1e-9: a sum never lands on it",
    "kcdiff.figures.identities.x__identity__mutmut_15":
        "< for <= at the rounding allowance (+1e-9, as above)",
    "kcdiff.figures.checks.x__closes_group__mutmut_34":
        "rstrip('S') on a label key: keys are lower case",
    "kcdiff.figures.identities.x__figures__mutmut_6":
        "zip without strict=True: every row has a cell per column",
    "kcdiff.figures.items.x_item_unit__mutmut_33":
        "rstrip('XX$XX') for rstrip('$') on a currency: currencies print no 'X'",
    "kcdiff.figures.tables.x_money_unit__mutmut_18":
        "lstrip('XX'XX') for lstrip(\"'\") on a scale suffix: suffixes hold no 'X'",
    "kcdiff.figures.tables.x__table__mutmut_116":
        "'other' whether or not carried over: the branch is entered only for a kind of "
        "'other' or a carried-over caption, so without one the kind is 'other' already",
    **{f"kcdiff.figures.periods.x_dates_in__mutmut_{n}":
       "rstrip/lstrip of '.' on a month: the dot is outside the month's group (as above)"
       for n in (6, 7)},
    **{f"kcdiff.figures.periods.x_column_periods__mutmut_{n}":
       "instant unset on a page continued with dates and no years: every column is then "
       "dated (and so an instant), or the years do not fit the columns and no column "
       "has a period" for n in (26, 27)},
    "kcdiff.figures.columns.x__percent_column__mutmut_16":
        "a thousands separator no longer disqualifies: such a figure is 1,000 or more, "
        "which the next test disqualifies",
    "kcdiff.figures.headers.x_is_year_line__mutmut_14":
        "the words in capitals in a pattern matched with IGNORECASE",
    "kcdiff.figures.checks.x_check_filing__mutmut_31":
        "3 for 2 as the rank of 'info': the order of the three severities is the same",
    **{name: "no default for the current periods of an item's kind: an item's own filing "
       "always has current periods of its kind, computed from its items"
       for name in ("kcdiff.figures.compare.x_compare_figures__mutmut_40",
                    "kcdiff.figures.compare.x_compare_figures__mutmut_44",
                    "kcdiff.figures.compare.x__one_sided__mutmut_3",
                    "kcdiff.figures.compare.x__one_sided__mutmut_5")},
    "kcdiff.figures.compare.x__label_similarity__mutmut_7":
        "a proper subset of the sign words for a subset: the two differ only when two labels "
        "differ by all eighteen sign words at once",
    "kcdiff.figures.headers.x_short_caption__mutmut_10":
        "the words in capitals in a pattern matched with IGNORECASE",
    "kcdiff.figures.identities.x_agreement__mutmut_18":
        "zip without strict=True: one figures dict per shown table",
    "kcdiff.figures.compare.x__gaps__mutmut_22":
        "None for -1 as the index of a partner not among the old items: a partner is "
        "always one of them (align_items pairs the two lists given)",
    "kcdiff.board.statement.x_find_statement__mutmut_10":
        "'DIRECTOR|BOARD' in a pattern matched with IGNORECASE",
    "kcdiff.board.statement.x__assign__mutmut_27":
        "'or' for 'and': a group is empty exactly when its role index is None",
    "kcdiff.board.statement.x__assign__mutmut_3":
        "split = None: with one role the slices [:None]/[None:] are the whole run and the "
        "other side has no role; with two, split is computed again",
    "kcdiff.board.statement.x__list_break__mutmut_4":
        "range(0, ...): k = 0 searches an empty span, which the ';' / ', and' pattern "
        "never matches",
    "kcdiff.board.statement.x__directors__mutmut_20":
        "1 <= for 0 <=: a bracketed role starts after its '(', and a name ends before it, "
        "so their distance is never 0",
    "kcdiff.board.lists.x__read_line__mutmut_4":
        "committee 'XXXX' after a role heading: a role heading always gives a role, read "
        "first, and the committee is set again before it is read",
    "kcdiff.board.lists.x__persons__mutmut_37":
        "'XXXX' for empty marks: it holds no mark, so findall finds none either way",
    "kcdiff.board.lists.x__persons__mutmut_53":
        "rstrip('XX.XX') also strips 'X': no honorific ends in X",
    "kcdiff.board.officers.x_read_signatory__mutmut_49":
        "rstrip('XX.XX') also strips 'X': no honorific ends in X",
    "kcdiff.board.lists.x__persons__mutmut_59":
        "'XXXX' for a missing bracket names no role and no chair, as '' does",
    "kcdiff.board.lists.x__take__mutmut_30":
        "capitals in a pattern matched with IGNORECASE",
    "kcdiff.board.lists.x__take__mutmut_66":
        "capitals in a pattern matched with IGNORECASE",
    "kcdiff.board.lists.x__take__mutmut_47":
        "zip without strict=False, the default",
    "kcdiff.board.officers.x__chair_in__mutmut_7":
        "< for <=: a name's last word runs on through letters and the chair phrase starts "
        "at a word boundary with a letter, so the two never touch",
    "kcdiff.board.changes.x__renamed__mutmut_19":
        "match_names' default threshold, 88.0, is NAME_TYPO_SCORE",
    "kcdiff.board.signatures.x__signers__mutmut_24":
        "a '*' row's signer joins the list only once its printed name replaces the "
        "placeholder",
    "kcdiff.board.signatures.x__pieces__mutmut_1":
        "position = None: line[None:k] and line[None:] slice from 0, and position is set "
        "again before any other use",
    "kcdiff.board.signatures.x__split_at_names__mutmut_41":
        "a <= b: the cuts strictly increase, so a == b never happens",
    "kcdiff.board.signatures.x__display_name__mutmut_14":
        ".upper() is reached only for a name all in capitals, where it changes nothing",
}
CASE_INSENSITIVE = ("kcdiff/service/store.py", "kcdiff/service/records.py")
STATUS = {1: "killed", 3: "killed", 36: "killed", 24: "killed", -24: "killed", 152: "killed",
          255: "killed", 37: "killed", 0: "survived", 5: "no tests", 33: "no tests",
          None: "not checked"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--survivors", action="store_true",
                        help="list each surviving mutant that is not equivalent")
    parser.add_argument("--mutants", nargs="+", type=Path, default=[Path("mutants")],
                        metavar="DIR", help="mutmut's folders to read, results merged "
                        "(default ./mutants): runs of different modules in different "
                        "checkouts of the same commit")
    parser.add_argument("--sample", type=Path, metavar="FILE",
                        help="mutant names, one a line: a module with any name listed is "
                        "scored on the listed mutants only (a random sample)")
    parser.add_argument("--first-pass", action="store_true",
                        help="mutmut's own results, without the kills mutation_recheck.py "
                        "recorded (the score before the tests written for the survivors)")
    args = parser.parse_args()
    modules = results(args.mutants, rechecked=not args.first_pass)
    totals = {module: len(statuses) for module, statuses in modules.items()}
    if args.sample:
        modules = sampled(modules, set(args.sample.read_text().split()))
    if not modules:
        print("no mutmut results: run `mutmut run --max-children 1` first", file=sys.stderr)
        return 2
    print(f"{'module':34} {'mutants':>7} {'sample':>6} {'killed':>6} {'survived':>8} "
          f"{'no tests':>8} {'equiv':>5} {'unchecked':>9} {'score':>6}  95% interval")
    for module, statuses in modules.items():
        if args.survivors:
            for name, status in statuses.items():
                if status in ("survived", "no tests"):
                    print(f"    {status}: {name}")
        print(_row(module, totals[module], statuses))
    return 0


def _row(module: str, total: int, statuses: dict[str, str]) -> str:
    """One module's line; the interval where the score is of a sample (a random sample
    with --sample, else whatever part the run reached)."""
    counts = Counter(statuses.values())
    judged = len(statuses) - counts["equivalent"] - counts["not checked"]
    score = f"{100 * counts['killed'] / judged:5.1f}%" if judged else "-"
    interval = ""
    if judged and judged + counts["equivalent"] < total:
        low, high = wilson(counts["killed"], judged)
        interval = f"  {100 * low:.0f}-{100 * high:.0f}%"
    sample = str(len(statuses)) if len(statuses) < total else "all"
    return (f"{module:34} {total:7} {sample:>6} {counts['killed']:6} {counts['survived']:8} "
            f"{counts['no tests']:8} {counts['equivalent']:5} {counts['not checked']:9} "
            f"{score:>6}{interval}")


def results(folders: list[Path], rechecked: bool = True) -> dict[str, dict[str, str]]:
    """Each module's mutants and their status, merged over mutmut's folders: a mutant
    checked in one folder and not in another takes the checked status, and a survivor
    that ``mutation_recheck.py`` found killed by a later test is killed."""
    modules: dict[str, dict[str, str]] = {}
    for folder in folders:
        path = folder / "rechecked.json"
        kills = json.loads(path.read_text()) if rechecked and path.exists() else {}
        for meta in sorted(folder.glob("kcdiff/**/*.py.meta")):
            module = str(meta.relative_to(folder))[: -len(".meta")]
            codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
            statuses = modules.setdefault(module, {})
            for name, code in codes.items():
                status = STATUS.get(code, "suspicious")
                if status == "survived" and kills.get(name) == "killed":
                    status = "killed"
                if status == "survived" and _equivalent(name, module, folder):
                    status = "equivalent"
                if statuses.get(name, "not checked") == "not checked":
                    statuses[name] = status
    return {module: statuses for module, statuses in sorted(modules.items()) if statuses}


def sampled(modules: dict[str, dict[str, str]], names: set[str]) -> dict[str, dict[str, str]]:
    """Each module's statuses, restricted to the sampled mutants where it was sampled."""
    return {
        module: ({name: status for name, status in statuses.items() if name in names}
                 if names.intersection(statuses) else statuses)
        for module, statuses in modules.items()
    }


def survivors(folders: list[Path] | None = None) -> list[str]:
    """The surviving mutants that are not equivalent, by name."""
    return [name for statuses in results(folders or [Path("mutants")]).values()
            for name, status in statuses.items() if status == "survived"]


def wilson(killed: int, judged: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson interval of a score measured on a random sample of the mutants."""
    share = killed / judged
    centre = share + z * z / (2 * judged)
    spread = z * math.sqrt(share * (1 - share) / judged + z * z / (4 * judged * judged))
    return (centre - spread) / (1 + z * z / judged), (centre + spread) / (1 + z * z / judged)


def _equivalent(name: str, module: str, folder: Path) -> bool:
    if name in EQUIVALENT:
        return True
    if module not in CASE_INSENSITIVE:
        return False
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    diff = get_diff_for_mutant(  # mutmut reads the path under ./mutants
        name, path=os.path.relpath(folder / module, "mutants")).splitlines()
    removed = [line[1:] for line in diff if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in diff if line.startswith("+") and not line.startswith("+++")]
    return removed != added and [x.lower() for x in removed] == [x.lower() for x in added]


if __name__ == "__main__":
    sys.exit(main())
