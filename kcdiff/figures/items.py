"""Line items: the rows of a filing's primary statements, each once, with a value per period.

The primary statements (income, balance sheet, cash flows) are pooled by statement: a
statement printed twice (in the MD&A and again under "Financial information") gives each
line item once, and a label garbled in one copy keeps the label of the other. A nil
figure ("–", "nil") is a value, 0; a blank cell is no figure at all.

``label_key`` is what two labels are matched on: case, punctuation, "profit/(loss)",
plurals and a few accounting synonyms ("bank loans" = "borrowings", "taxation" = "tax")
do not matter.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import LineItem, Period
from ..text.cjk import COMPATIBILITY, IDEOGRAPHS
from ..text.lazy import lazy_pattern
from ..text.normalize import comparable
from .tables import Row, Table, money_unit

__all__ = ["COMPARED_KINDS", "line_items", "label_key", "is_chinese_key", "LineItem"]

COMPARED_KINDS = ("income", "balance", "cash_flows")

_SYNONYMS = (
    # A borrower's loans; not a lender's ("Loans receivables", "Loans to associates").
    (re.compile(r"\bbank loans?\b|\bloans\b(?! (?:receivable|to\b|granted|and advances|"
                r"and other receivable))|\bbank borrowings?\b"), "borrowings"),
    (re.compile(r"\bturnover\b|\brevenue\b"), "revenues"),
    (re.compile(r"\b(beginning|end) of (?:the )?(?:year|period)\b"), r"\1 of period"),
    # An interim's "Profit for the period" is an annual's "Profit for the year".
    (re.compile(r"\bfor the (?:year|period)\b"), "for the period"),
    (re.compile(r"\bnoncurrent\b"), "non-current"),
    (re.compile(r"\btaxation\b|\btaxes\b"), "tax"),
    (re.compile(r"\bprofit ?/ ?\(?loss\)?|\(?loss\)? ?/ ?\(?profit\)?"), "profit"),
    (re.compile(r"\bearnings ?/ ?\(?loss\)?|\(?loss\)? ?/ ?\(?earnings\)?"), "earnings"),
    (re.compile(r"\bretained earnings ?/ ?\(?accumulated deficit\)?|"
                r"\(?accumulated deficit\)? ?/ ?\(?retained earnings\)?"), "retained earnings"),
    (re.compile(r"\bconvertible bonds\b"), "convertible notes"),
    # HKEX statements print the same line as any of these.
    (re.compile(r"\bbank balances and cash\b|\bcash and bank balances\b"),
     "cash and cash equivalents"),
    # The same in Chinese statements: "溢利╱（虧損）" is "溢利", an interim's "期內" an
    # annual's "年內", a whole label "營業額" (turnover) or "收入" is "收益" (revenue).
    (re.compile(r"\s*[╱/]?\s*\(虧損\)\s*[╱/]?\s*|\s*[╱/]\s*虧損"), ""),
    (re.compile(r"本期間|本年度|年度|期內|年內"), "期內"),
    (re.compile(r"^(?:營業額|收入)$"), "收益"),
    (re.compile(r"^(?:銀行結餘及現金|現金及銀行結餘)$"), "現金及現金等值物"),
    (re.compile(r"可換股債券"), "可換股票據"),
)
# A footnote marker is not part of the label: "Cost of net revenues (1)", "Revenue*".
_FOOTNOTE = re.compile(
    r"(?:\s*(?:\((?:\d{1,2}|[a-z]|[ivx]{1,4}|notes? \d{1,2}[a-z]?)\)|[*#†‡]+))+\s*$")
_PREFIX = re.compile(r"^(?:less|add|of which|including)\s*:?\s+|^[-–—•·－]\s*|^[減加]\s*:\s*")
_PER_SHARE = re.compile(r"per share|\bcents\b|\b(?:basic|diluted)\b")
_WHICH = re.compile(r"[-–—•\s]*(?:basic|diluted|basic and diluted|continuing operations|"
                    r"discontinued operations)[\s:]*")
_SHARE_COUNT = re.compile(
    r"shares used|number of (?:ordinary )?shares|weighted average (?:number|shares)|"
    r"shares outstanding")


# What a key keeps: letters and digits, and the CJK of a Chinese label. An ASCII label
# holds no CJK, so it is read by the class without those ranges, the same answer without
# their ~1.3 ms of compiling.
_KEPT = r"a-z0-9'\- "
_NOT_KEY = lazy_pattern(rf"[^{_KEPT}{IDEOGRAPHS}{COMPATIBILITY}]+")
_NOT_ASCII_KEY = re.compile(rf"[^{_KEPT}]+")


def _singular(word: str) -> str:
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") else word


@lru_cache(maxsize=4096)
def label_key(label: str) -> str:
    """The comparable form of a line-item label (cached: alignment asks for it often)."""
    text = _FOOTNOTE.sub("", _PREFIX.sub("", comparable(label).lower()))
    for pattern, replacement in _SYNONYMS:
        text = pattern.sub(replacement, text)
    text = (_NOT_ASCII_KEY if text.isascii() else _NOT_KEY).sub(" ", text)
    return " ".join(_singular(word) for word in text.split())


def is_chinese_key(key: str) -> bool:
    """Is ``key`` (a ``label_key``) a Chinese label's? kcdiff knows the words that tell
    English line items apart ("current", "from"/"to"), not Chinese ones: a Chinese label
    is matched only when printed alike."""
    return bool(key) and not key.isascii()


def line_items(tables: Sequence[Table]) -> tuple[list[LineItem], list[tuple[str, str]]]:
    """The line items of the compared statements, each once, and the (kind, label) of
    rows that could not be read (they may hold an item the other filing shows)."""
    pool = _Pool()
    unreadable: list[tuple[str, str]] = []
    for table in tables:
        if table.kind not in COMPARED_KINDS:
            continue
        currency = _reporting_currency(table)
        for row in table.rows:
            if not row.label:
                continue
            if any(cell.status == "unreadable" for cell in row.cells):
                unreadable.append((table.kind, row.label))
            values = _row_values(table, row, currency)
            if values:
                pool.add(table, row, values, item_unit(table, row))
    return pool.items(), unreadable


def _row_values(table: Table, row: Row, currency: str) -> dict[Period, float]:
    """The row's figure per period, in the reporting currency; nil is 0, blank is none."""
    values: dict[Period, float] = {}
    for column, cell in zip(table.columns, row.cells, strict=True):
        if column.period is None or column.currency != currency or column.change \
                or (column.period.kind == "instant") != (table.kind == "balance"):
            continue  # a flow at an instant, a balance over a period: a misread header
        if cell.status == "value" and not cell.percent:
            values.setdefault(column.period, cell.value or 0.0)
        elif cell.status == "nil" and cell.text.strip():
            values.setdefault(column.period, 0.0)
    return values


def item_unit(table: Table, row: Row) -> str:
    """The unit a line item is printed in: "RMB'000", "US$" or "HK$" (per share),
    "HK cents", "shares". Per-share figures and share counts are never in thousands."""
    label = comparable(row.label).lower()
    # A sub-header names the unit of the rows that only say which: "Shares used in ...:"
    # over "Basic and diluted". Other rows under it (a PDF runs groups on) keep theirs.
    context = f"{comparable(row.group).lower()} {label}" if _WHICH.match(label) else label
    currency = next((column.currency for column in table.columns if column.period), "")
    if _SHARE_COUNT.search(context):
        return "shares"
    cents = any("cents" in cell.text.lower() for cell in row.cells) or "cents" in context
    if _PER_SHARE.search(context) or cents:
        if cents:
            return f"{currency.rstrip('$')} cents".strip()
        return currency
    return money_unit(currency, table.unit)


def _reporting_currency(table: Table) -> str:
    counts = Counter(column.currency for column in table.columns if column.period)
    return counts.most_common(1)[0][0] if counts else ""


@dataclass
class _Entry:
    """A line item while the pool gathers it (frozen once complete)."""

    kind: str
    statement: str
    label: str
    group: str
    unit: str
    order: int
    values: dict[Period, float]
    aliases: list[str] = field(default_factory=list)


class _Pool:
    """Line items, each once: a row with the label and sub-header of an item already
    seen, or with all its figures (two or more, not nil) equal to one's under a label
    garbled by extraction, adds to that item."""

    def __init__(self) -> None:
        self.entries: list[_Entry] = []
        self.by_label: dict[tuple[str, str, str], _Entry] = {}
        self.by_figures: dict[tuple[str, frozenset], _Entry] = {}

    def add(self, table: Table, row: Row, values: dict[Period, float], unit: str) -> None:
        label = (table.kind, label_key(row.label), label_key(row.group))
        figures = (table.kind, frozenset(values.items()))
        other = self.by_label.get(label)
        if other is None and sum(1 for value in values.values() if value) >= 2:
            other = self.by_figures.get(figures)
            if other is not None and row.label not in other.aliases:
                other.aliases.append(row.label)
        if other is not None:
            for period, value in values.items():
                other.values.setdefault(period, value)
            return
        entry = _Entry(table.kind, table.statement, row.label, row.group, unit,
                       len(self.entries), dict(values))
        self.entries.append(entry)
        self.by_label[label] = entry
        self.by_figures.setdefault(figures, entry)

    def items(self) -> list[LineItem]:
        """The gathered items, frozen; "Basic and diluted" (per share) and "Basic and
        diluted" (shares) named with their sub-header so a reader can tell them apart."""
        counts = Counter((entry.kind, label_key(entry.label)) for entry in self.entries)
        return [
            LineItem(
                entry.kind, entry.statement, entry.label, entry.group, entry.unit,
                tuple(sorted(entry.values.items(), key=lambda pair: (pair[0].end,
                                                                     pair[0].months))),
                tuple(entry.aliases), entry.order,
                f"{entry.group}: {entry.label}" if entry.group and counts[
                    (entry.kind, label_key(entry.label))] > 1 else entry.label,
            )
            for entry in self.entries
        ]
