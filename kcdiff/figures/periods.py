"""Periods of table columns: what "2023" means in this filing, in this table.

A column's period comes from the table's header lines ("For the six months ended June 30,"
over "2022  2023  2023"; "As at December 31,"; "Dec 31, 2022"; "At 30th June, 2009") and,
when the header names no length, from the filing's own period: "2023" is the six months
ended 2023-06-30 in an interim announcement and the year ended 2023-12-31 in an annual one.
Two columns are the same figure only when their periods are equal.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Period, Section
from ..text.amounts import currencies_in
from ..text.dates import ANY_MONTH, MONTH_NAMES, MONTHS, spell_chinese_dates
from ..text.normalize import comparable

__all__ = ["Period", "filing_period", "column_periods", "years_in", "currencies_in"]

_MONTH = rf"({ANY_MONTH})\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
# "June 30", "30 June", "30th June", "Dec 31" -- a year may follow, not required.
_DATE = re.compile(rf"\b(?:{_MONTH}\s+{_DAY}\b|{_DAY}\s+{_MONTH})", re.IGNORECASE)
# "(?<![\d,.])(?:19|20)\d{2}(?![\d,])" with the look-behind after "19"/"20" (it checks the
# character before them): a pattern that opens with a look-behind is tried at every
# character, one that opens with "1" or "2" only there. Same matches, ten times faster.
_YEAR = re.compile(r"(?:19|20)(?<![\d,.]..)\d{2}(?![\d,])")
# Retailers count fiscal periods in weeks: 13 weeks is a quarter, 52 or 53 a year.
_LENGTH = (
    (re.compile(r"\bsix\b|\b6 months\b|\bhalf[- ]year|\binterim\b|\b26 weeks\b",
                re.IGNORECASE), 6),
    (re.compile(r"\bthree months\b|\bquarters?\b|\b1[34] weeks\b", re.IGNORECASE), 3),
    (re.compile(r"\bnine months\b|\b39 weeks\b", re.IGNORECASE), 9),
    (re.compile(r"\byears?\b|\btwelve months\b|\bannual\b|\bfinal results\b|\b5[23] weeks\b",
                re.IGNORECASE), 12),
)
_INSTANT = re.compile(r"(?:^|\s)(?:as\s+)?at\b|\bas of\b", re.IGNORECASE)
_ENDED = re.compile(r"\bended\b|\bfor the\b", re.IGNORECASE)
_FILING_PERIOD = re.compile(
    rf"\b(six months|three months|nine months|year)\s+ended\s+(?:the\s+)?"
    rf"(?:{_MONTH}\s+{_DAY},?|{_DAY}\s+{_MONTH},?)\s+((?:19|20)\d{{2}})",
    re.IGNORECASE,
)


def filing_period(sections: Sequence[Section]) -> Period | None:
    """The period the filing reports on, from its cover ("... FOR THE SIX MONTHS ENDED
    JUNE 30, 2023"), or None when the cover does not say."""
    for section in sections[:2]:
        text = spell_chinese_dates(comparable(section.title + "\n" + section.text[:4000]))
        match = _FILING_PERIOD.search(text)
        if match:
            length, month, day, year = _filing_parts(match)
            months = {"six months": 6, "three months": 3, "nine months": 9}.get(length, 12)
            return Period("duration", _iso(year, month, day), months)
    return None


def _filing_parts(match: re.Match[str]) -> tuple[str, int, int, int]:
    length = match.group(1).lower()
    if match.group(2):
        month, day = MONTHS[match.group(2).lower().rstrip(".")], int(match.group(3))
    else:
        day, month = int(match.group(4)), MONTHS[match.group(5).lower().rstrip(".")]
    return length, month, day, int(match.group(6))


_NUMERIC_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")


def spell_numeric_date(cell: str) -> str:
    """"30/06/11" -> "30 June 2011": HKEX tables head columns with day-first numeric dates,
    which then read like any other dated heading. Anything else comes back unchanged."""
    match = _NUMERIC_DATE.match(cell.strip())
    if not match:
        return cell
    day, month, year = (int(part) for part in match.groups())
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return cell
    year += 2000 if year < 100 else 0
    return f"{day} {MONTH_NAMES[month - 1]} {year}"


def years_in(text: str) -> list[int]:
    """The four-digit years in ``text`` in order ("2,022" and "12,023" are not years)."""
    return [int(match.group()) for match in _YEAR.finditer(text)]


def dates_in(text: str) -> list[tuple[int, int]]:
    """(month, day) of each date phrase in ``text`` ("June 30", "31st December")."""
    dates = []
    for match in _DATE.finditer(text):
        if match.group(1):
            dates.append((MONTHS[match.group(1).lower().rstrip(".")], int(match.group(2))))
        else:
            dates.append((MONTHS[match.group(4).lower().rstrip(".")], int(match.group(3))))
    return dates


def column_periods(
    header: str, column_headers: Sequence[str], filing: Period | None
) -> list[Period | None]:
    """The period of each value column. ``header`` is all the header text of the table
    (caption lines included); ``column_headers`` the text above each value column, in
    order, when the source keeps columns apart (else empty strings). A column whose year
    cannot be told is None: it is never compared."""
    count = len(column_headers)
    years = _column_years(header, column_headers)
    dates = _column_dates(header, column_headers)
    instant = _is_instant(header)
    if not years and dates and not _ENDED.search(header) and filing is not None:
        # Dates without years and no "ended": the balance sheet dates of a continued page.
        years = _years_of_dates(dates, filing)
        instant = bool(years)
    if len(years) != count:
        return [None] * count
    spans = _spanning_lengths(header, years)
    # Dates over each column and no "ended": balance sheet dates ("June 30, / 2023 /
    # December 31, / 2022"), even when no "as at" is printed.
    dated = len(dates) == count and not _ENDED.search(header)
    periods: list[Period | None] = []
    for position, year in enumerate(years):
        months = spans[position] if spans else _length(header)
        month_day = dates[position] if dates else None
        if month_day is None and filing is not None:
            month_day = (int(filing.end[5:7]), int(filing.end[8:10]))
        if month_day is None:
            periods.append(None)
            continue
        if instant or dated or (months is None and _is_dated_column(column_headers, position)):
            periods.append(Period("instant", _iso(year, *month_day)))
        else:
            length = months or (filing.months if filing else 0)
            periods.append(Period("duration", _iso(year, *month_day), length) if length else None)
    return periods


def _years_of_dates(dates: Sequence[tuple[int, int]], filing: Period) -> list[int]:
    """Years for balance sheet dates printed without one ("30 June", "31 December" on a
    continued page): each is the latest such date on or before the filing's period end,
    so an interim to 30 June 2010 reads them as 2010-06-30 and 2009-12-31. Only when
    the first column is the period end itself; otherwise nothing is assumed."""
    end_year, end_month, end_day = (int(part) for part in filing.end.split("-"))
    if dates[0] != (end_month, end_day):
        return []
    return [end_year if (month, day) <= (end_month, end_day) else end_year - 1
            for month, day in dates]


def _column_years(header: str, column_headers: Sequence[str]) -> list[int]:
    per_column = [years_in(text) for text in column_headers]
    if all(len(years) == 1 for years in per_column):
        return [years[0] for years in per_column]
    # Columns ran together ("2022 2023" in one cell, or a PDF line "2009 2008"): take
    # the years of the lines that hold them, in reading order.
    lines = [line for line in header.split("\n") if _is_year_line(line)]
    return [year for line in lines for year in years_in(line)]


def _is_year_line(line: str) -> bool:
    """A header line whose years label columns ("2022\t2023\t2023", "2009 2008",
    "Dec 31, 2022 RMB\tJun 30, 2023 RMB") -- not "For the year ended 31 December 2008"."""
    if not years_in(line):
        return False
    return not re.search(r"\bended\b|\bfor the\b|\bas (?:at|of)\b|\bat\b", line, re.IGNORECASE)


def _column_dates(header: str, column_headers: Sequence[str]) -> list[tuple[int, int] | None]:
    per_column = [dates_in(text) for text in column_headers]
    if per_column and all(len(dates) == 1 for dates in per_column):
        return [dates[0] for dates in per_column]
    count = len(column_headers)
    # A title line over the columns ("At 30 June 2010", "For the year ended ...") names
    # the table's date, not a column's: the column dates are on the lines without it.
    for lines in (header.split("\n"), [line for line in header.split("\n")
                                        if not _is_title_line(line)]):
        dates = [date for line in lines for date in dates_in(line)]
        if len(dates) == count:
            return dates
        if dates and len(set(dates)) == 1:
            return [dates[0]] * count
    return []


def _is_title_line(line: str) -> bool:
    return bool(re.search(r"\b(?:as\s+)?at\b|\bas of\b|\bended\b|\bfor the\b", line,
                          re.IGNORECASE))


def _is_dated_column(column_headers: Sequence[str], position: int) -> bool:
    return bool(dates_in(column_headers[position]))


def _is_instant(header: str) -> bool:
    return bool(_INSTANT.search(header)) and not _ENDED.search(header)


def _spanning_lengths(header: str, years: Sequence[int]) -> list[int] | None:
    """Lengths of columns under headers that span them: "Three Months Ended June 30, /
    Six Months Ended June 30," over "2023 2022 2023 2022" is two groups of two columns,
    the first of three months, the second of six. Only when the groups repeat the same
    years, so the spans are certain; None otherwise."""
    if not _ENDED.search(header):
        return None
    found = sorted((match.start(), months) for pattern, months in _LENGTH
                   for match in pattern.finditer(header))
    lengths = [months for _, months in found]
    if len(set(lengths)) < 2 or len(years) < len(lengths) or len(years) % len(lengths):
        return None
    size = len(years) // len(lengths)
    groups = [list(years[start:start + size]) for start in range(0, len(years), size)]
    if any(group != groups[0] for group in groups):
        return None
    return [lengths[position // size] for position in range(len(years))]


def _length(header: str) -> int | None:
    if not _ENDED.search(header):
        return None
    for pattern, months in _LENGTH:
        if pattern.search(header):
            return months
    return None


def _iso(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"
