"""The rules benchmarks/accuracy.py scores a report with (see its docstring): truth files,
label and name matching, periods, values, and one function per claim kind."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from truth_matching import (
    claim_period,
    labels_match,
    like_for_like,
    names_match,
    parse_period,
    same_period,
    truth_value,
    value_right,
)

ROOT = Path(__file__).resolve().parent.parent
TRUTH = Path(__file__).resolve().parent / "truth"
CORPUS = ROOT.parent / "shared" / "corpus"


@dataclass
class Tally:
    """Claims made and right (precision), truths expected and found (recall); ``wrong``
    counts claims that are plainly false (sections, errors) and ``population`` what they
    are a share of."""

    claimed: int = 0
    correct: int = 0
    expected: int = 0
    found: int = 0
    wrong: int = 0
    population: int = 0
    notes: list[str] = field(default_factory=list)

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.claimed + other.claimed, self.correct + other.correct,
                     self.expected + other.expected, self.found + other.found,
                     self.wrong + other.wrong, self.population + other.population,
                     self.notes + other.notes)

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items()}


def load_truths() -> dict[str, dict]:
    """Every truth file by its stem (schema.json aside)."""
    return {path.stem: json.loads(path.read_text(encoding="utf-8"))
            for path in sorted(TRUTH.glob("*.json")) if path.name != "schema.json"}


def document_path(relative: str) -> Path:
    return ROOT / relative if relative.startswith("samples/") else CORPUS / relative


def resolve(truth: dict) -> tuple[str, str]:
    return str(document_path(truth["old"])), str(document_path(truth["new"]))


# --- figures ------------------------------------------------------------------------------

def unit_kind(unit: str) -> str:
    """The currency (or "shares") a unit names, "" when it names none."""
    text = unit.casefold()
    for kind, marks in (("hkd", ("hk$", "hkd", "hk cents", "港")), ("usd", ("us$", "usd", "$")),
                        ("rmb", ("rmb", "cny", "人民幣", "人民币")), ("shares", ("share", "股"))):
        if any(mark in text for mark in marks):
            return kind
    return ""


def statement_of(table: str) -> str:
    """The statement a claim's table names, "" when it names none. A cash flow row
    "Inventories" (the change in the year) is not the balance sheet's inventories; a
    cash flow's "Net income" is the income statement's, so only those two are told apart."""
    text = table.casefold()
    if "cash flow" in text:
        return "cash_flow"
    if "balance sheet" in text or "financial position" in text:
        return "balance"
    return ""


def _per_share_row(claim: str, item: dict) -> str:
    """"Earnings per share: Diluted" is the truth's per-share "Diluted": kcdiff names a
    row by its sub-header when two rows of a statement share a label (the share count
    "Diluted" below it is in shares, which the unit tells apart)."""
    group, _, label = claim.rpartition(": ")
    return label if item.get("statement") == "per_share" and "per share" in group.lower() else ""


def truth_item_for(figure: dict, items: list[dict]) -> dict | None:
    """The truth item the claim is about; a claim in another currency (a convenience
    translation column) or in shares is about none of them."""
    claim_unit = unit_kind(figure.get("unit", ""))
    claim_statement = statement_of(figure.get("table", ""))
    scored = [(labels_match(label, [item["item"], item.get("old_item", "")]), index)
              for index, item in enumerate(items)
              if not claim_unit or unit_kind(item["unit"]) in ("", claim_unit)
              if {claim_statement, item.get("statement")} != {"balance", "cash_flow"}
              for label in (figure.get("item", ""), figure.get("old_item", ""),
                            _per_share_row(figure.get("item", ""), item))]
    best = max(scored, default=(0.0, -1))
    return items[best[1]] if best[0] else None


def judge_figure(figure: dict, item: dict) -> tuple[bool, str]:
    """Whether each value the claim states is what that filing prints for that period."""
    status = figure.get("status")
    if status == "added" and item["old"]:
        return False, "called added, but the old filing prints it"
    if status == "removed" and item["new"]:
        return False, "called removed, but the new filing prints it"
    new_period, old_period = claim_period(figure, ""), claim_period(figure, "old_")
    if status in ("changed", "restated") and not like_for_like(old_period, new_period):
        return False, "the two periods compared are not like for like"
    ok, why = value_right(item["new"], figure.get("new_value"), new_period)
    if not ok:
        return False, "new " + why
    source = item["new"] if figure.get("old_source") == "new" else item["old"]
    ok, why = value_right(source, figure.get("old_value"), old_period)
    return (ok, "" if ok else f"old ({figure.get('old_source', 'old')}) " + why)


def current_end(values: dict[str, float]) -> date | None:
    periods = [parse_period(key) for key in values]
    return max((p[1] for p in periods), default=None)


def unchanged(item: dict) -> bool:
    """The current value equals its comparable one: for a duration the like period a year
    earlier (the new filing's own, else the old filing's); for an instant the latest
    earlier date either filing prints (an interim's 30 June against the annual's 31
    December, rather than the annual's own comparative a year before)."""
    end = current_end(item["new"])
    for key, value in item["new"].items():
        period = parse_period(key)
        if period[1] != end:
            continue
        if period[0] is None:
            prior = _comparable({**item["old"], **item["new"]}, period)  # the new wins a date
        else:
            prior = _comparable(item["new"], period)
            prior = _comparable(item["old"], period) if prior is None else prior
        if prior is None or prior != value:
            return False
    return end is not None


def _comparable(values: dict[str, float], period: tuple[date | None, date]) -> float | None:
    if period[0] is not None:
        shift = timedelta(days=365)
        return truth_value(values, (period[0] - shift, period[1] - shift))
    earlier = [(p[1], v) for p, v in ((parse_period(k), v) for k, v in values.items())
               if p[0] is None and p[1] < period[1]]
    return max(earlier)[1] if earlier else None


def score_figures(truth: dict, report: dict) -> Tally:
    tally = Tally(expected=len(truth["figures"]))
    items = truth["figures"]
    right: dict[int, list[dict]] = {}
    claimed: set[int] = set()
    for figure in report.get("figures", []):
        item = truth_item_for(figure, items)
        if item is None:
            continue
        tally.claimed += 1
        if _ends(figure, current_end(item["new"])):
            claimed.add(id(item))  # a restated comparative says nothing of the current period
        ok, why = judge_figure(figure, item)
        if ok:
            tally.correct += 1
            right.setdefault(id(item), []).append(figure)
        else:
            tally.notes.append(f"false: {figure.get('status')} {figure.get('item')!r} "
                               f"{figure.get('old_period')!r}->{figure.get('period')!r}: {why}")
    for item in items:
        end = current_end(item["new"])
        current = [f for f in right.get(id(item), []) if _ends(f, end)]
        if current or (id(item) not in claimed and unchanged(item)):
            tally.found += 1
        else:
            tally.notes.append(f"missed: {item['item']!r} at {end}")
    return tally


def _ends(figure: dict, end: date | None) -> bool:
    period = claim_period(figure, "")
    return end is not None and period is not None and abs((period[1] - end).days) <= 3


# --- restatements, sections, board, errors ------------------------------------------------

def score_restatements(truth: dict, report: dict) -> Tally:
    tally = Tally()
    if not truth["restatements_complete"]:
        return tally
    expected = truth["restatements"]
    tally.expected = len(expected)
    found: set[int] = set()
    for figure in report.get("figures", []):
        if figure.get("status") != "restated":
            continue
        tally.claimed += 1
        period = claim_period(figure, "") or claim_period(figure, "old_")
        match = next((i for i, r in enumerate(expected)
                      if period and same_period(parse_period(r["period"]), period)
                      and labels_match(figure.get("item", ""), [
                          r["item"], r.get("old_item", ""),
                          # "Investing activities: Other" names the truth's "Other" whose
                          # note says "investing activities"
                          f"{r['note']}: {r['item']}" if r.get("note") else ""])),
                     None)
        if match is None:
            tally.notes.append(f"false: restated {figure.get('item')!r} {figure.get('period')!r}")
        else:
            tally.correct += 1
            found.add(match)
    tally.found = len(found)
    tally.notes += [f"missed: {r['item']!r} {r['period']}" for i, r in enumerate(expected)
                    if i not in found]
    return tally


def _section_claims(report: dict) -> list[tuple[str, str]]:
    """(status, title) of each section reported added (new title) or removed (old title)."""
    return [(s["status"], (s.get("new_title") if s["status"] == "added" else s.get("old_title"))
             or s.get("new_title") or s.get("old_title") or "")
            for s in report.get("sections", []) if s.get("status") in ("added", "removed")]


def score_sections(truth: dict, report: dict) -> Tally:
    """Added/removed sections against the truth, on pairs whose sections were all read;
    ``wrong`` over ``population`` is the share of the report's sections wrongly called
    added or removed."""
    if not truth["sections_complete"]:
        return Tally()
    tally = Tally(population=len(report.get("sections", [])))
    claims = _section_claims(report)
    optional = truth.get("sections_optional", [])
    for status in ("added", "removed"):
        expected = truth[f"sections_{status}"]
        titles = [title for kind, title in claims if kind == status]
        tally.claimed += len(titles)
        tally.expected += len(expected)
        for title in titles:
            if labels_match(title, expected + optional):
                tally.correct += 1
            else:
                tally.wrong += 1
                tally.notes.append(f"false: {status} {title!r}")
        for wanted in expected:
            if any(labels_match(title, [wanted]) for title in titles):
                tally.found += 1
            else:
                tally.notes.append(f"missed: {status} {wanted!r}")
    return tally


def score_sections_in_both(truth: dict, report: dict) -> Tally:
    """On every pair: headings the truth shows in both filings, reported added/removed."""
    tally = Tally()
    for status, title in _section_claims(report):
        if labels_match(title, truth["sections_present_in_both"]):
            tally.wrong += 1
            tally.notes.append(f"false: {status} {title!r} is in both filings")
    return tally


def score_board(truth: dict, report: dict) -> Tally:
    board = truth.get("board")
    tally = Tally()
    if not board:
        return tally
    statuses = ("joined", "left", "role_changed")
    tally.expected = sum(len(board[s]) for s in statuses) if board["complete"] else 0
    for change in report.get("board", []):
        status, name = change.get("status"), change.get("name", "")
        tally.claimed += 1
        expected = board.get(status, []) if status in statuses else []
        if any(names_match(name, wanted) for wanted in expected):
            tally.correct += 1
        elif status == "name_changed" and _same_person(change, board):
            tally.correct += 1
        else:
            tally.notes.append(f"false: {status} {name!r}")
    if board["complete"]:
        for status in statuses:
            for wanted in board[status]:
                if any(c.get("status") == status and names_match(c.get("name", ""), wanted)
                       for c in report.get("board", [])):
                    tally.found += 1
                else:
                    tally.notes.append(f"missed: {status} {wanted!r}")
    return tally


def _same_person(change: dict, board: dict) -> bool:
    """A name change is right when both names are one director, on the board before
    and after (not someone who joined or left)."""
    old, new = change.get("old_name", ""), change.get("name", "")
    moved = board["joined"] + board["left"]
    return (names_match(old, new) and any(names_match(old, n) for n in board["old"])
            and any(names_match(new, n) for n in board["new"])
            and not any(names_match(new, n) for n in moved))


def score_errors(truth: dict, report: dict) -> Tally:
    tally = Tally()
    for check in report.get("checks", []):
        if check.get("severity") != "error":
            continue
        tally.claimed += 1
        text = f"{check.get('where', '')} {check.get('message', '')}"
        numbers = {float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}
        if any(e["filing"] == check.get("filing") and float(e["printed"]) in numbers
               for e in truth["errors"]):
            tally.correct += 1
        else:
            tally.wrong += 1
            tally.notes.append(f"false error ({check.get('filing')}): {text[:160]}")
    return tally
