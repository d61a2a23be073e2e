"""Consistency checks within one filing; only what fails is reported.

- unreadable cells (never guessed), one finding per table;
- a "Total ..." row against the rows of its sub-header ("Current assets:" ... "Total
  current assets"), within rounding;
- the balance sheet: total assets = current + non-current assets, total liabilities =
  current + non-current liabilities, and total liabilities and equity = liabilities +
  equity = total assets;
- the US$ convenience column against the RMB column at the rate the filing states
  ("RMB7.2513 per US$1.00");
- a statement printed twice, and the highlights, agreeing with the statements;
- a printed year-on-year change (a table's "Change" column, or "a decrease of 9.3% from
  RMB4,080.3 million" in prose) agreeing with the two amounts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Check, Section
from ..text.normalize import comparable
from .findings import fmt as _fmt
from .findings import rounding as _rounding
from .findings import where as _where
from .identities import agreement, balance_sheet
from .items import label_key
from .prose import change_agrees, prose_checks
from .tables import Row, Table

__all__ = ["check_filing", "convenience_rate"]

MAX_LISTED = 6
# Components that overshoot their total by more than this share hold rows that are not
# components (a nested total, another measure): the arithmetic is not certain.
MAX_OVERSHOOT = 1.1
_RATE = re.compile(
    r"RMB\s?(\d+\.\d{2,})\s+(?:per|to|=)\s+(?:US\$|USD|U\.S\.\s?\$)\s?1(?:\.00)?",
    re.IGNORECASE,
)


def check_filing(sections: Sequence[Section], tables: Sequence[Table]) -> list[Check]:
    """The failed checks of one filing, most serious first."""
    checks: list[Check] = []
    rate = convenience_rate(sections)
    for table in tables:
        checks.extend(_totals(table))
        if rate:
            checks.extend(_translation(table, rate))
        checks.extend(_change_column(table))
    checks.extend(balance_sheet(tables))
    checks.extend(agreement(tables))
    checks.extend(prose_checks(sections))
    checks.extend(_unreadable(table) for table in tables if _unreadable_cells(table))
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(checks, key=lambda check: order[check.severity])


def convenience_rate(sections: Sequence[Section]) -> float | None:
    """The RMB per US$ rate the filing states for its convenience translation."""
    for section in sections:
        text = section.text
        if "US" not in text or "RMB" not in text:
            continue
        match = _RATE.search(comparable(text))
        if match:
            return float(match.group(1))
    return None


# --- unreadable cells ---------------------------------------------------------------


def _unreadable_cells(table: Table) -> list[tuple[Row, str]]:
    return [(row, cell.text) for row in table.rows for cell in row.cells
            if cell.status == "unreadable"]


def _unreadable(table: Table) -> Check:
    cells = _unreadable_cells(table)
    listed = "; ".join(f"{row.label or '(no label)'}: \"{text}\"" for row, text in
                       cells[:MAX_LISTED])
    more = f"; and {len(cells) - MAX_LISTED} more" if len(cells) > MAX_LISTED else ""
    return Check("unreadable", "warning", _where(table),
                 f"{len(cells)} figure(s) could not be read and were not compared: "
                 f"{listed}{more}")


# --- totals -------------------------------------------------------------------------


def _totals(table: Table) -> list[Check]:
    """A total that fails in one column is an error only when the same rows add up in
    as many other columns: that proves the rows are its components. A total that fails in
    every column says the rows were misread (a nested group, a valuation allowance, a
    percentage), not that the filing is wrong: no finding."""
    checks = []
    for position, row in enumerate(table.rows):
        before = table.rows[position - 1] if position else None
        if not row.group or not _closes_group(row, before):
            continue
        # A "Total ..." row inside a group subtotals some of its rows: adding it too would
        # count them twice.
        parts = [r for r in table.rows[:position] if r.group == row.group
                 and r.label and not label_key(r.label).startswith("total")]
        if len(parts) < 2 or any(_printed(part) != _printed(row) for part in parts):
            continue  # a row short of figures lost its columns' positions (PDF text)
        if not row.label and not _groups_closed(table.rows[:position], row.group):
            continue  # an unlabelled total may close the table, not the group
        outcomes = [_column_total(table, position, parts, column)
                    for column in range(len(row.cells))]
        holds = sum(1 for outcome in outcomes if outcome == ())
        if holds < sum(1 for outcome in outcomes if outcome):
            continue  # proven in fewer columns than it fails: the rows were misread
        for column, outcome in enumerate(outcomes):
            if outcome:
                added, printed, decimals = outcome
                checks.append(Check(
                    "total", "error", _where(table),
                    f"{row.label or 'Total of ' + row.group} "
                    f"({table.columns[column].describe}): the {len(parts)} rows under "
                    f"\"{row.group}\" add up to {_fmt(added, decimals)}, the table prints "
                    f"{_fmt(printed, decimals)}"))
    return checks


def _groups_closed(rows: Sequence[Row], group: str) -> bool:
    """True when every sub-header group above ``group`` ended in a total row of its
    own: only then is an unlabelled row after ``group`` surely its total, and not the
    total of everything above (Amazon's cash and securities by fair value level)."""
    for position, row in enumerate(rows):
        following = rows[position + 1] if position + 1 < len(rows) else None
        if row.group and row.group != group and row.label and following is not None \
                and following.group != row.group \
                and not label_key(row.label).startswith("total"):
            return False  # the group's last row is one of its items, not a total
    return True


def _column_total(table: Table, position: int, parts: list[Row], column: int
                  ) -> tuple[float, float, int] | tuple[()] | None:
    """() when the total holds in this column, (added, printed, decimals) when it
    fails, None when the column cannot be checked (a change or percentage column, a
    figure missing or unreadable)."""
    total = table.rows[position].cells[column]
    cells = [part.cells[column] for part in parts]
    if table.columns[column].change or total.value is None or total.percent or any(
            cell.percent or not cell.readable for cell in cells):
        return None
    decimals = max([total.decimals, *(cell.decimals for cell in cells)])
    slack = _rounding(len(cells), decimals)
    values = [cell.value or 0.0 for cell in cells]
    if any(abs(added - total.value) <= slack for added in _sums(values, slack)) or (
            not table.rows[position].label
            and _rows_above_add_up(table.rows, position, column)):
        return ()
    if all(value >= 0 for value in values) and sum(values) > total.value * MAX_OVERSHOOT:
        return None  # rows far beyond their total: some are not its components
    return sum(values), total.value, decimals


def _sums(values: list[float], slack: float) -> tuple[float, float]:
    """The plain sum, and the sum with subtotals in place of the rows they close (a
    row equal to the rows above it since the last such subtotal, as "Gross deferred tax
    assets" over its components, is not counted twice)."""
    running: list[float] = []
    for value in values:
        if len(running) >= 2 and abs(sum(running) - value) <= slack:
            running = [value]
        else:
            running.append(value)
    return sum(values), sum(running)


def _rows_above_add_up(rows: Sequence[Row], position: int, column: int) -> bool:
    """An unlabelled total may close a shorter run than the group PDF text suggests
    ("... attributable to: Owners 585,228; Non-controlling interests (49); 585,179"):
    it holds if two or more rows straight above it, back to the previous unlabelled
    subtotal, add up."""
    total = rows[position].cells[column]
    added, count = 0.0, 0
    for row in reversed(rows[:position]):
        cell = row.cells[column] if column < len(row.cells) else None
        if not row.label or cell is None or not cell.readable:
            return False
        added += cell.value or 0
        count += 1
        if count >= 2 and abs(added - total.value) <= _rounding(count, cell.decimals):
            return True
    return False


def _printed(row: Row) -> int:
    return sum(1 for cell in row.cells if cell.text.strip())


def _closes_group(row: Row, before: Row | None) -> bool:
    """A row that totals its group: "Total current assets" under "Current assets", or an
    unlabelled row straight after the group's own items. "Total assets less current
    liabilities" is not the current liabilities' total, and a second unlabelled row after
    a subtotal is a grand total of more than the group."""
    key = label_key(row.label)
    if not key:
        return (before is not None and before.group == row.group and bool(before.label)
                and not _closes_group(before, None))
    group = label_key(row.group)
    named = key.removeprefix("total").removeprefix(" of").strip()
    return key.startswith("total") and (named == group or named.rstrip("s") == group.rstrip("s"))


# --- US$ convenience translation ----------------------------------------------------


def _translation(table: Table, rate: float) -> list[Check]:
    pairs = [
        (rmb, usd) for usd, column in enumerate(table.columns) if column.currency == "US$"
        and column.period for rmb, other in enumerate(table.columns)
        if other.currency == "RMB" and other.period == column.period
    ]
    wrong = []
    for rmb, usd in pairs:
        for row in table.rows:
            local, translated = row.cells[rmb], row.cells[usd]
            if local.value is None or translated.value is None or local.percent \
                    or abs(local.value) == abs(translated.value):
                continue
            expected = local.value / rate
            if abs(expected - translated.value) > _translation_slack(expected,
                                                                    translated.decimals):
                wrong.append(
                    f"{row.label or '(no label)'}: US${_fmt(translated.value, translated.decimals)}"
                    f" for RMB{_fmt(local.value, local.decimals)} "
                    f"(≈ US${_fmt(expected, translated.decimals)})")
    if not wrong:
        return []
    return [Check("translation", "error", _where(table),
                  f"US$ figures disagree with the RMB figures at RMB{rate} per US$1.00 "
                  f"in {len(wrong)} row(s): " + "; ".join(wrong))]


def _translation_slack(expected: float, decimals: int) -> float:
    """Rounding allowed between a translated figure and its RMB original: a subtotal in
    US$ is often the sum of translated, rounded lines, so a few units and 0.1%."""
    return 2 * 10 ** -decimals + 0.001 * abs(expected) + 1e-9


# --- printed percentage changes -----------------------------------------------------


def _change_column(table: Table) -> list[Check]:
    changes = [p for p, column in enumerate(table.columns) if column.change]
    periods = [p for p, column in enumerate(table.columns) if column.period]
    if len(changes) != 1 or len(periods) != 2:
        return []
    old, new = sorted(periods, key=lambda p: table.columns[p].period.end)  # type: ignore[union-attr]
    checks = []
    for row in table.rows:
        before, after, printed = row.cells[old].value, row.cells[new].value, \
            row.cells[changes[0]]
        if not before or after is None or printed.value is None or not printed.percent:
            continue  # a change in money, not in per cent, or nothing to check
        if not change_agrees(before, after, printed.value, printed.decimals):
            computed = 100.0 * (after - before) / abs(before)
            checks.append(Check(
                "percentage", "error", _where(table),
                f"{row.label}: the change is printed as {printed.text}, but "
                f"{_fmt(before)} to {_fmt(after)} is {computed:+.1f}%"))
    return checks
