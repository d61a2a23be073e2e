"""Figures across two filings: line items aligned, then restated, changed, added, removed.

The primary statements of each filing (income, balance sheet, cash flows) are pooled by
statement: a statement printed twice (in the MD&A and again under "Financial
information") gives each line item once, and a label garbled in one copy keeps the label
of the other. Line items are aligned by label (normalised, a few accounting synonyms such
as "bank loans" = "borrowings", then fuzzy) within their statement and sub-header, never
across words that tell items apart ("current" / "non-current", "income" / "loss").

- same line item, same period, different value: ``restated`` (listed first);
- the new filing's latest period against the latest comparable (same kind, earlier)
  period of the old one: ``changed`` when the values differ;
- a line item only in one filing: ``added`` / ``removed``, unless the other filing has an
  unreadable row that may hold it.

Only the reporting currency is compared (a US$ convenience column is a translation).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from ..model import FigureChange
from ..text.normalize import comparable
from .periods import Period
from .tables import Table

__all__ = ["compare_figures", "is_amount", "LineItem", "line_items", "label_key"]

COMPARED_KINDS = ("income", "balance", "cash_flows")
MATCH_THRESHOLD = 85
GROUP_BONUS = 3

_SYNONYMS = (
    (re.compile(r"\bbank loans?\b|\bloans\b"), "borrowings"),
    (re.compile(r"\bturnover\b|\brevenue\b"), "revenues"),
    (re.compile(r"\b(beginning|end) of (?:the )?(?:year|period)\b"), r"\1 of period"),
    (re.compile(r"\bnoncurrent\b"), "non-current"),
)
_PREFIX = re.compile(r"^(?:less|add|of which|including)\s*:?\s+|^[-–—•·]\s*")
# Words that tell two line items apart however alike the rest of the label is.
_EXCLUSIVE = (
    frozenset({"current", "non-current"}),
    frozenset({"short-term", "long-term"}),
    frozenset({"beginning", "end"}),
    frozenset({"operating", "investing", "financing"}),
    frozenset({"basic", "diluted"}),
)
_OVERLAPPING = (frozenset({"income", "loss", "expense", "expenses", "gain", "profit"}),)
_SIGN_WORDS = frozenset({
    "used", "in", "generated", "from", "provided", "by", "expense", "benefit", "credit",
    "decrease", "increase", "gain", "loss", "income", "and", "the", "net", "of",
})
_PRESENCE = ("total", "current", "non-current", "short-term", "long-term", "gross", "per")

_AMOUNT = re.compile(
    r"\(?(?:RMB|US\$|HK\$|HKD|USD|CNY|S\$|A\$|\$|€|£|¥)\s?-?\d[\d,]*(?:\.\d+)?"
    r"(?:\s?(?:million|billion|thousand|m|bn))?\)?"
    r"|\(?-?\d[\d,]*(?:\.\d+)?\s?%\)?"
    r"|\(?-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:\s?(?:million|billion|thousand))?\)?"
    r"|\(?-?\d+\.\d+(?:\s?(?:million|billion|thousand))?\)?"
    r"|\(?-?\d+\s?(?:million|billion)\)?",
    re.IGNORECASE,
)
_FILLER = re.compile(r"^[\s(),;:.]*$")


def is_amount(text: str) -> bool:
    """True when ``text`` is a monetary amount or a percentage, or a run of them:
    "RMB3,699.8 million", "(US$510.2 million)", "9.3%", "HK$405,937,000", "3,699.8".
    A bare year or small whole number ("2023", "3") is not an amount."""
    text = comparable(text)
    if not text or not re.search(r"\d", text):
        return False
    rest = _AMOUNT.sub(" ", text)
    return rest != text and bool(_FILLER.match(rest))


@lru_cache(maxsize=4096)
def label_key(label: str) -> str:
    """The comparable form of a line-item label (cached: alignment asks for it often)."""
    text = _PREFIX.sub("", comparable(label).lower())
    for pattern, replacement in _SYNONYMS:
        text = pattern.sub(replacement, text)
    text = re.sub(r"[^a-z0-9'\- ]+", " ", text)
    return " ".join(text.split())


@dataclass
class LineItem:
    """One line item of one statement of one filing, with its figure for each period
    (``None`` for a nil figure) in the statement's reporting currency."""

    kind: str
    statement: str
    label: str
    group: str
    unit: str
    values: dict[Period, float | None] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)
    order: int = 0
    name: str = ""  # what a reader sees: the label, with its sub-header when ambiguous

    def __post_init__(self) -> None:
        self.name = self.name or self.label

    def keys(self) -> list[str]:
        return [label_key(label) for label in [self.label, *self.aliases]]

    def latest(self) -> Period:
        return max(self.values, key=lambda period: (period.end, period.months))


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
            values = {
                column.period: cell.value
                for column, cell in zip(table.columns, row.cells, strict=True)
                if column.period and column.currency == currency and cell.readable
            }
            if values:
                unit = table.unit_of(row, table.columns[0])
                pool.add(LineItem(table.kind, table.statement, row.label, row.group, unit,
                                  values, order=len(pool.items)))
    _name_alike(pool.items)
    return pool.items, unreadable


class _Pool:
    """Line items, each once: a row with the label and sub-header of an item already
    seen, or with all its figures (two or more, not nil) equal to one's under a label
    garbled by extraction, adds to that item."""

    def __init__(self) -> None:
        self.items: list[LineItem] = []
        self.by_label: dict[tuple[str, str, str], LineItem] = {}
        self.by_figures: dict[tuple[str, frozenset], LineItem] = {}

    def add(self, item: LineItem) -> None:
        label = (item.kind, label_key(item.label), label_key(item.group))
        figures = (item.kind, frozenset(item.values.items()))
        other = self.by_label.get(label)
        if other is None and sum(1 for value in item.values.values() if value) >= 2:
            other = self.by_figures.get(figures)
            if other is not None and item.label not in other.aliases:
                other.aliases.append(item.label)
        if other is not None:
            for period, value in item.values.items():
                other.values.setdefault(period, value)
            return
        self.items.append(item)
        self.by_label[label] = item
        self.by_figures.setdefault(figures, item)


def _name_alike(items: list[LineItem]) -> None:
    """Give "Basic and diluted" (per share) and "Basic and diluted" (shares) their
    sub-header, so a reader can tell them apart."""
    counts = Counter((item.kind, label_key(item.label)) for item in items)
    for item in items:
        if counts[(item.kind, label_key(item.label))] > 1 and item.group:
            item.name = f"{item.group}: {item.label}"


def _reporting_currency(table: Table) -> str:
    counts = Counter(column.currency for column in table.columns if column.period)
    return counts.most_common(1)[0][0] if counts else ""


def compare_figures(old_tables: Sequence[Table], new_tables: Sequence[Table]
                    ) -> list[FigureChange]:
    """What moved between the statements of two filings; restatements first."""
    old_items, old_unreadable = line_items(old_tables)
    new_items, new_unreadable = line_items(new_tables)
    pairs = align_items(old_items, new_items)
    restated: list[FigureChange] = []
    changed: list[FigureChange] = []
    for old, new in pairs:
        restated.extend(_restatements(old, new))
        change = _change(old, new)
        if change:
            changed.append(change)
    matched_old = {id(old) for old, _ in pairs}
    matched_new = {id(new) for _, new in pairs}
    added = [_one_sided("added", item) for item in new_items if id(item) not in matched_new
             and not _may_hide(item, old_unreadable)]
    removed = [_one_sided("removed", item) for item in old_items if id(item) not in matched_old
               and not _may_hide(item, new_unreadable)]
    return restated + changed + added + removed


def align_items(old_items: list[LineItem], new_items: list[LineItem]
                ) -> list[tuple[LineItem, LineItem]]:
    """One-to-one pairs of the same line item, best matches first, in new-item order."""
    scored = []
    for new in new_items:
        for old in old_items:
            if old.kind == new.kind:
                score = _similarity(old, new)
                if score >= MATCH_THRESHOLD:
                    scored.append((score, -abs(old.order - new.order), old, new))
    scored.sort(key=lambda entry: (entry[0], entry[1]), reverse=True)
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs = []
    for _, _, old, new in scored:
        if id(old) not in used_old and id(new) not in used_new:
            used_old.add(id(old))
            used_new.add(id(new))
            pairs.append((old, new))
    pairs.sort(key=lambda pair: pair[1].order)
    return pairs


def _similarity(old: LineItem, new: LineItem) -> float:
    old_group, new_group = label_key(old.group), label_key(new.group)
    best = max(_pair_score(old_key, old_group, new_key, new_group)
               for old_key in old.keys() for new_key in new.keys())
    if best and old_group == new_group:
        best += GROUP_BONUS
    return best


@lru_cache(maxsize=65536)
def _pair_score(old_key: str, old_group: str, new_key: str, new_group: str) -> float:
    if not _compatible(f"{old_key} {old_group}", f"{new_key} {new_group}", old_key, new_key):
        return 0.0
    return _label_similarity(old_key, new_key)


def _label_similarity(one: str, other: str) -> float:
    """100 for the same words up to sign wording ("Other income, net" / "Other income
    (expense), net"; "Net cash used in" / "Net cash (used in) generated from"), else the
    fuzzy similarity of the words in any order."""
    one_words, other_words = set(one.split()), set(other.split())
    if one_words & other_words and (one_words ^ other_words) <= _SIGN_WORDS:
        return 100.0
    return fuzz.token_sort_ratio(one, other)


def _compatible(old_context: str, new_context: str, old_key: str, new_key: str) -> bool:
    old_words, new_words = set(old_context.split()), set(new_context.split())
    for words in _EXCLUSIVE:
        if (old_words & words) != (new_words & words) and (old_words & words or
                                                           new_words & words):
            return False
    for words in _OVERLAPPING:
        one, other = set(old_key.split()) & words, set(new_key.split()) & words
        if one and other and not one & other:
            return False
    old_label, new_label = set(old_key.split()), set(new_key.split())
    return all((word in old_label) == (word in new_label) for word in _PRESENCE)


def _figure(status: str, old: LineItem | None, new: LineItem | None, old_period: Period | None,
            new_period: Period | None) -> FigureChange:
    item = new or old
    assert item is not None
    return FigureChange(
        status=status,  # type: ignore[arg-type]
        table=item.statement,
        item=item.name,
        period=new_period.describe() if new_period else "",
        old_period=old_period.describe() if old_period else "",
        old_value=old.values.get(old_period) if old and old_period else None,
        new_value=new.values.get(new_period) if new and new_period else None,
        unit=item.unit,
        old_item=old.name if old and new and old.name != new.name else "",
    )


def _restatements(old: LineItem, new: LineItem) -> list[FigureChange]:
    return [
        _figure("restated", old, new, period, period)
        for period in sorted(new.values, key=lambda p: (p.end, p.months))
        if period in old.values and (old.values[period] or 0) != (new.values[period] or 0)
    ]


def _change(old: LineItem, new: LineItem) -> FigureChange | None:
    latest = new.latest()
    if latest in old.values:
        return None  # the same period: a restatement or nothing
    earlier = [p for p in old.values if p.kind == latest.kind and p.end < latest.end]
    if not earlier:
        return None
    comparable_period = max(earlier, key=lambda p: (p.months == latest.months, p.end))
    if (old.values[comparable_period] or 0) == (new.values[latest] or 0):
        return None
    return _figure("changed", old, new, comparable_period, latest)


def _one_sided(status: str, item: LineItem) -> FigureChange:
    latest = item.latest()
    if status == "added":
        return _figure(status, None, item, None, latest)
    return _figure(status, item, None, latest, None)


def _may_hide(item: LineItem, unreadable: list[tuple[str, str]]) -> bool:
    """True when an unreadable row of the other filing may be this item (its label
    holds this one: "Intangible assets, net Goodwill" holds "Goodwill")."""
    keys = item.keys()
    return any(
        kind == item.kind and any(key and key in label_key(label) for key in keys)
        for kind, label in unreadable
    )
