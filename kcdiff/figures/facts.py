"""Figures from inline-XBRL facts: exact restatements and like-for-like movements.

A tagged fact names its concept, period, dimensions and unit, so nothing is guessed from
headers or labels:

- ``restated``: the same concept, period, dimensions and unit tagged with a different
  value in the two filings (compared at the coarser of the two ``decimals``) on a row
  with the same label. A row relabelled as well ("Depreciation and amortization" ->
  "..., excluding amortization of intangible assets") is a reclassification, a line
  item whose content changed, and is not called a restatement;
- ``changed``: the new filing's current period (its latest period end) against the
  latest earlier period of the same length (or instant) for the same concept, from the
  new filing's own comparative when it prints one (``old_source="new"``), else from the
  old filing.

Only what a reviewer reads in the primary statements is reported: facts in a table whose
title names the income statement, balance sheet or cash flow statement, without
dimensions, and not cover-page (``dei:``) facts. Each concept and period is reported
once, under the row label the new filing prints and in the unit it prints
("US$ millions"; "USD/share").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date

from ..model import Fact, FigureChange
from .headers import statement_kind
from .items import label_key
from .periods import Period

__all__ = ["compare_facts", "statement_facts", "REVIEWED_KINDS"]

REVIEWED_KINDS = ("income", "balance", "cash_flows")
# Two durations are the same length when they differ by at most a week: a 53-week fiscal
# year against a 52-week one, a 14-week quarter against a 13-week one.
SAME_LENGTH_DAYS = 7

_CURRENCIES = {"USD": "US$", "HKD": "HK$", "CNY": "RMB", "EUR": "€", "GBP": "£", "JPY": "¥"}
_SCALES = {3: "thousands", 6: "millions", 9: "billions"}

Key = tuple[str, str, str, tuple[tuple[str, str], ...], str]


def _key(fact: Fact) -> Key:
    return fact.concept, fact.period_start, fact.period_end, fact.dimensions, fact.unit


def statement_facts(facts: Iterable[Fact]) -> dict[Key, Fact]:
    """The facts a reviewer reads in the primary statements, one per concept and period,
    in document order. A value printed both in the statement itself and in a summary
    table ("Cash Flow Summary" in the MD&A) is taken from the statement. A concept and
    period tagged twice with different values is left out: the filing contradicts
    itself there."""
    shown = [
        fact for fact in facts
        if not fact.dimensions and fact.value is not None and fact.label
        and not fact.concept.startswith("dei:") and _statement(fact)
    ]
    chosen: dict[Key, Fact] = {}
    for fact in sorted(shown, key=lambda fact: not _FORMAL_TITLE.search(_statement(fact))):
        chosen.setdefault(_key(fact), fact)
    conflicting = {_key(fact) for fact in shown if not _same_value(chosen[_key(fact)], fact)}
    order = {_key(fact): index for index, fact in reversed(list(enumerate(shown)))}
    return {key: chosen[key] for key in sorted(chosen, key=order.__getitem__)
            if key not in conflicting}


# A statement's own title, as opposed to a summary table or a note that names one.
_FORMAL_TITLE = re.compile(r"\bstatements?\b|\bbalance sheets?\b|\bfinancial position\b",
                           re.IGNORECASE)
# "Off-Balance Sheet Arrangements" names no balance sheet.
_NOT_A_STATEMENT = re.compile(r"\boff[-\s]balance", re.IGNORECASE)


def _statement(fact: Fact) -> str:
    """The part of the table's title that names a primary statement, "" when none does."""
    for title in reversed(fact.statement.split(" | ")):
        kind = statement_kind(title)
        if kind in REVIEWED_KINDS and not _NOT_A_STATEMENT.search(title):
            return title
    return ""


def compare_facts(old: Sequence[Fact], new: Sequence[Fact]) -> list[FigureChange]:
    """Restatements first, then movements of the new filing's current period, each in the
    order the new filing prints them."""
    reviewed = statement_facts(new)
    old_by_key = _unique_by_key(old)
    old_labels: dict[Key, set[str]] = {}
    for fact in old:
        old_labels.setdefault(_key(fact), set()).add(label_key(fact.label))
    restated = [
        _figure("restated", fact, old_by_key[key], "old")
        for key, fact in reviewed.items()
        if key in old_by_key and not _same_value(old_by_key[key], fact)
        and label_key(fact.label) in old_labels[key]
    ]
    restated += _retagged(reviewed, statement_facts(old), old_by_key)
    return restated + _movements(reviewed, old_by_key)


def _retagged(reviewed: dict[Key, Fact], old_reviewed: dict[Key, Fact],
              old_by_key: dict[Key, Fact]) -> list[FigureChange]:
    """Comparatives tagged with another concept and printed with another value on the
    same row: the same label, once in the same statement for the same period in both
    filings, and neither filing tagging the other's concept for it (P&G's operating
    cash-flow "Other" for fiscal 2024, us-gaap:OtherNoncashExpense 969 in the 2024 10-K,
    is us-gaap:OtherNoncashIncomeExpense 491 in the 2025 one, the working-capital lines
    having been condensed)."""
    old_rows, new_rows = _rows(old_reviewed.values()), _rows(reviewed.values())
    found = []
    for row, fact in new_rows.items():
        before = old_rows.get(row)
        if (before is None or before.concept == fact.concept or _key(fact) in old_by_key
                or _key(before) in reviewed):
            continue
        if _printed(before, fact.scale) != _printed(fact, fact.scale):
            found.append(_figure("restated", fact, before, "old"))
    return found


def _rows(facts: Iterable[Fact]) -> dict[tuple[str, str, str, str, str], Fact]:
    """Facts by where a reader finds them (statement kind, row label, period, unit),
    for the rows that hold one fact only."""
    rows: dict[tuple[str, str, str, str, str], list[Fact]] = {}
    for fact in facts:
        row = (statement_kind(_statement(fact)), label_key(fact.label), fact.period_start,
               fact.period_end, fact.unit)
        rows.setdefault(row, []).append(fact)
    return {row: found[0] for row, found in rows.items() if len(found) == 1}


def _unique_by_key(facts: Iterable[Fact]) -> dict[Key, Fact]:
    """Every undimensioned value of a filing by concept and period, wherever tagged; a
    key tagged with two different values is dropped (no restatement can be told)."""
    by_key: dict[Key, Fact] = {}
    conflicting: set[Key] = set()
    for fact in facts:
        if fact.dimensions or fact.value is None:
            continue
        key = _key(fact)
        if key in by_key and not _same_value(by_key[key], fact):
            conflicting.add(key)
        by_key.setdefault(key, fact)
    return {key: fact for key, fact in by_key.items() if key not in conflicting}


def _movements(reviewed: dict[Key, Fact], old_by_key: dict[Key, Fact]) -> list[FigureChange]:
    if not reviewed:
        return []
    current_end = max(fact.period_end for fact in reviewed.values())
    own = list(reviewed.values())
    old_facts = list(old_by_key.values())
    figures = []
    for fact in own:
        if fact.period_end != current_end:
            continue
        earlier, source = _comparative(fact, own), "new"
        if earlier is None:
            earlier, source = _comparative(fact, old_facts), "old"
        if earlier is not None and not _same_value(earlier, fact):
            figures.append(_figure("changed", fact, earlier, source))
    return figures


def _comparative(fact: Fact, candidates: Iterable[Fact]) -> Fact | None:
    """The latest fact of the same concept and unit for an earlier period of the same
    length (an instant for an instant) that does not overlap ``fact``'s period."""
    length = _days(fact)
    limit = fact.period_start or fact.period_end
    earlier = [
        other for other in candidates
        if other.concept == fact.concept and other.unit == fact.unit and not other.dimensions
        and other.value is not None and other.period_end < limit
        and bool(other.period_start) == bool(fact.period_start)
        and (not fact.period_start or abs(_days(other) - length) <= SAME_LENGTH_DAYS)
    ]
    return max(earlier, key=lambda other: other.period_end, default=None)


def _days(fact: Fact) -> int:
    if not fact.period_start:
        return 0
    return (date.fromisoformat(fact.period_end) - date.fromisoformat(fact.period_start)).days + 1


def _same_value(one: Fact, other: Fact) -> bool:
    """Equal as tagged, at the coarser precision of the two ("1,234" in millions against
    "1,234.4" in millions to one decimal place is the same figure)."""
    if one.value is None or other.value is None:
        return one.value is other.value
    places = [d for d in (one.decimals, other.decimals) if d is not None]
    if not places:
        return one.value == other.value
    coarser = min(places)
    return round(one.value, coarser) == round(other.value, coarser)


def _period(fact: Fact) -> Period:
    if not fact.period_start:
        return Period("instant", fact.period_end)
    return Period("duration", fact.period_end, round(_days(fact) / 30.44))


def unit_of(fact: Fact) -> str:
    """The unit as a reader sees it printed: "US$ millions", "USD/share", "shares"."""
    if "/" in fact.unit:
        numerator, denominator = (part.rsplit(":", 1)[-1] for part in fact.unit.split("/", 1))
        return f"{numerator}/{denominator.removesuffix('s')}"
    measure = fact.unit.rsplit(":", 1)[-1]
    scale = _SCALES.get(fact.scale, f"x10^{fact.scale}" if fact.scale else "")
    if fact.unit.startswith("iso4217:"):
        return " ".join(part for part in (_CURRENCIES.get(measure, measure), scale) if part)
    return f"{measure} ({scale})" if scale else measure


def _printed(fact: Fact, scale: int) -> float:
    """A fact as the filing prints it, in the new filing's unit (scale 6: 94036000000.0
    -> 94036.0), with the sign the reader sees: a payment tagged 1057 and printed
    "(1,057)" is -1057."""
    assert fact.value is not None
    return round(abs(fact.value) / 10**scale, 6) * (-1 if fact.shown_negative else 1)


def _figure(status: str, fact: Fact, earlier: Fact, source: str) -> FigureChange:
    period, old_period = _period(fact), _period(earlier)
    return FigureChange(
        status=status,
        table=_statement(fact),
        item=fact.label,
        period=period.describe(),
        old_period=old_period.describe(),
        old_value=_printed(earlier, fact.scale),
        new_value=_printed(fact, fact.scale),
        unit=unit_of(fact),
        old_item=earlier.label if source == "old" and earlier.label != fact.label else "",
        period_start=fact.period_start,
        period_end=fact.period_end,
        old_period_start=earlier.period_start,
        old_period_end=earlier.period_end,
        old_source=source,
        concept=fact.concept,
    )
