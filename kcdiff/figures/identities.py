"""Relations between a filing's statements: the balance sheet's identities, and a
statement printed twice (or its highlights) agreeing with itself.

Both are claims of error, so both need proof that the figures compared are the ones the
relation is about: an identity that fails for every period of a balance sheet says the
rows were misread (or two balance sheets pooled: the parent company's and the group's),
not that the filing is wrong; two tables that disagree on most shared rows are two
different tables (a breakdown, a percentage view), not one statement printed twice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Check, Period
from ..text.normalize import comparable
from .findings import fmt, rounding, where
from .items import label_key, line_items
from .tables import Table

__all__ = ["balance_sheet", "agreement"]

_IDENTITIES = (
    ("total assets", ("total current assets", "total non-current assets")),
    ("total liabilities", ("total current liabilities", "total non-current liabilities")),
    ("total liabilities and equity", ("total liabilities", "total equity")),
    ("total liabilities and equity", ("total assets",)),
)
_READABLE = {label_key(name): name for total, parts in _IDENTITIES for name in (total, *parts)}
_AGREEING_KINDS = ("income", "balance", "cash_flows", "highlights")
_PERCENT_VIEW = re.compile(r"percentage|per cent|%|\bmargin", re.IGNORECASE)
MIN_AGREEING = 3  # rows two tables must share unchanged to be one statement printed twice
MAX_DISAGREEING_SHARE = 0.2


def balance_sheet(tables: Sequence[Table]) -> list[Check]:
    """Total assets = current + non-current assets, and the like, per balance sheet: an
    error for a period where it fails only when it holds for as many other periods."""
    items, _ = line_items([table for table in tables if table.kind == "balance"])
    statements: dict[str, dict[str, dict[Period, float]]] = {}
    for item in items:
        key = label_key(item.label)
        if key.startswith("total liabilit") and "equity" in key:
            key = "total liabilities and equity"
        else:  # the identities are written in the words a reader knows
            key = _READABLE.get(key, key)
        statements.setdefault(item.statement, {}).setdefault(key, dict(item.values))
    checks = []
    for statement, by_key in statements.items():
        for total, parts in _IDENTITIES:
            if total in by_key and all(part in by_key for part in parts):
                checks.extend(_identity(statement, by_key, total, parts))
    return checks


def _identity(statement: str, by_key: dict[str, dict[Period, float]], total: str,
              parts: tuple[str, ...]) -> list[Check]:
    failures = []
    holds = 0
    for period, value in by_key[total].items():
        found = [by_key[part].get(period) for part in parts]
        if any(part is None for part in found):
            continue
        added = sum(part or 0 for part in found)
        if abs(added - value) <= rounding(len(parts), 0):
            holds += 1
        else:
            failures.append(Check(
                "balance", "error", statement,
                f"{total} ({period.describe()}) is {fmt(value)}, but "
                f"{' + '.join(parts)} = {fmt(added)}"))
    return failures if holds >= len(failures) else []


def agreement(tables: Sequence[Table]) -> list[Check]:
    """Figures a statement printed twice (or its highlights) gives differently."""
    shown = [table for table in tables if table.kind in _AGREEING_KINDS
             and not _PERCENT_VIEW.search(comparable(table.statement))]
    checks: list[Check] = []
    reported: set[tuple[str, Period]] = set()
    # Each table's figures read once, not once per pair: a long filing has thousands of
    # pairs of tables.
    figures = [_figures(table) for table in shown]
    # A table printing exactly the figures of an earlier one (a statement printed in the
    # MD&A and again in full) can disagree with nothing the earlier one did not: compared
    # once, so a document of many copies is not compared copy by copy.
    seen: set[tuple] = set()
    unique = []
    for table, found in zip(shown, figures, strict=True):
        signature = (table.unit, table.kind, label_key(table.statement),
                     frozenset(found.items()))
        if signature not in seen:
            seen.add(signature)
            unique.append((table, found))
    shown, figures = [table for table, _ in unique], [found for _, found in unique]
    loose = [_loose(found) for found in figures]
    for position, first in enumerate(shown):
        for other in range(position + 1, len(shown)):
            if _comparable_tables(first, shown[other]):
                checks.extend(_disagreements(
                    (first, figures[position]), (shown[other], figures[other], loose[other]),
                    reported))
    return checks


def _comparable_tables(first: Table, other: Table) -> bool:
    if first.unit != other.unit:
        return False
    if "highlights" in (first.kind, other.kind):
        return True
    return first.kind == other.kind and label_key(first.statement) == label_key(other.statement)


def _figures(table: Table) -> dict[tuple[str, str, Period, str], tuple[float, int, str]]:
    figures = {}
    for row in table.rows:
        if not row.label:
            continue
        for column, cell in zip(table.columns, row.cells, strict=True):
            if column.period is None or cell.value is None or cell.percent:
                continue
            key = (label_key(row.label), label_key(row.group), column.period, column.currency)
            figures.setdefault(key, (cell.value, cell.decimals, row.label))
    return figures


def _loose(figures: dict) -> dict:
    """The figures by label, period and currency, sub-headers left out."""
    return {(label, period, currency): value for (label, _, period, currency), value
            in figures.items()}


def _disagreements(mine_of: tuple[Table, dict], theirs_of: tuple[Table, dict, dict],
                   reported: set[tuple[str, Period]]) -> list[Check]:
    (first, mine), (other, theirs, loose) = mine_of, theirs_of
    shared = []
    for (label, group, period, currency), value in mine.items():
        match = theirs.get((label, group, period, currency))
        if match is None and not group:  # highlights print no sub-headers
            match = loose.get((label, period, currency))
        if match is not None:
            shared.append(((label, period), value, match))
    wrong = [entry for entry in shared if entry[1][0] != entry[2][0]]
    agreeing = len(shared) - len(wrong)
    if agreeing < MIN_AGREEING or len(wrong) > max(1, MAX_DISAGREEING_SHARE * agreeing):
        return []
    checks = []
    for key, (value, decimals, label), (printed, _, _) in wrong:
        if key in reported:
            continue
        reported.add(key)
        checks.append(Check(
            "agreement", "error", where(other),
            f"{label} ({key[1].describe()}) is {fmt(printed, decimals)} here but "
            f"{fmt(value, decimals)} in {where(first)}"))
    return checks
