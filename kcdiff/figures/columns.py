"""Columns of a table: each value column's period and currency, or that it is a change.

A column headed "Change", "increase/(decrease)" or holding mostly percentages without a
year is a change column, never a period. The currency of each column comes from its own
header cell when each has one, else from the header rows ("RMB RMB US$").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Period
from ..text.amounts import currencies_in
from .labels import RawRow
from .periods import column_periods, years_in
from .values import read_cell

__all__ = ["Column", "read_columns"]

# "Inc/ (Dec)" is McDonald's abbreviation of increase/(decrease).
_CHANGE = re.compile(r"\bchange\b|increase|decrease|movement|\binc\.?\s*/\s*\(?\s*dec\b",
                     re.IGNORECASE)


@dataclass(frozen=True)
class Column:
    header: str
    period: Period | None
    currency: str  # "RMB", "US$", "HK$", "" when unknown
    change: bool = False  # a year-on-year change column, not a period

    @property
    def describe(self) -> str:
        return self.period.describe() if self.period else self.header



def read_columns(header: str, column_rows: str, column_headers: list[str], rows: list[RawRow],
             filing: Period | None) -> list[Column]:
    change = [bool(_CHANGE.search(text)) for text in column_headers]
    if not any(change) and rows and column_headers:
        change = [_mostly_percent_without_year(rows, p, column_headers[p])
                  for p in range(len(column_headers))]
    if rows:  # "6%" over "18", "(3)", "nm": per cent printed once at the top
        change = [is_change or _percent_column(rows, p) for p, is_change in enumerate(change)]
    kept = [p for p, is_change in enumerate(change) if not is_change]
    currencies = _currencies(column_rows, [column_headers[p] for p in kept])
    periods = column_periods(header, [column_headers[p] for p in kept], filing)
    if len(kept) > 1 and not any(periods) and currencies[-1] not in currencies[:-1]:
        # "2023  2024" over "RMB  RMB  US$": the US$ column translates the last period.
        periods = column_periods(header, [column_headers[p] for p in kept[:-1]], filing)
        periods.append(periods[-1])
    by_position: dict[int, tuple[Period | None, str]] = {
        p: (period, currency) for p, period, currency in zip(kept, periods, currencies,
                                                              strict=True)
    }
    keys = [value for value in by_position.values() if value[0] is not None]
    if len(set(keys)) < len(keys):
        # Two columns claim the same period and currency: the header ran together.
        by_position = {p: (None, currency) for p, (_, currency) in by_position.items()}
    return [
        Column(column_headers[p], *by_position[p]) if p in by_position
        else Column(column_headers[p], None, "", change=True)
        for p in range(len(column_headers))
    ]


def _percent_column(rows: list[RawRow], position: int) -> bool:
    """A column whose first figure says "%" and whose others are small whole numbers
    without thousands separators: the percentage change column of an MD&A table."""
    texts = [row.cells[position].strip() for row in rows
             if position < len(row.cells) and row.cells[position].strip()]
    cells = [read_cell(text) for text in texts]
    values = [cell for cell in cells if cell.status == "value"]
    return bool(values) and values[0].percent and all(
        "," not in cell.text and abs(cell.value or 0) < 1000 for cell in values)


def _mostly_percent_without_year(rows: list[RawRow], position: int, header: str) -> bool:
    if years_in(header):
        return False
    cells = [read_cell(row.cells[position]) for row in rows if row.cells[position].strip()]
    return bool(cells) and sum(cell.percent for cell in cells) > len(cells) / 2


def _currencies(column_rows: str, column_headers: list[str]) -> list[str]:
    per_column = [currencies_in(text) for text in column_headers]
    if per_column and all(len(found) == 1 for found in per_column):
        return [found[0] for found in per_column]
    found = currencies_in(column_rows)
    if len(found) == len(column_headers):
        return found
    if found and len(set(found)) == 1:
        return [found[0]] * len(column_headers)
    lines = [currencies_in(line) for line in column_rows.split("\n")]
    for line in lines:
        if len(line) == len(column_headers):
            return line
    return [""] * len(column_headers)
