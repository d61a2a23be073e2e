"""Table headings and captions: which lines name a statement, which label columns.

A caption names the statement a table belongs to ("UNAUDITED CONDENSED CONSOLIDATED
BALANCE SHEETS"); a header line or cell labels columns ("For the six months ended June 30,",
"2022  2023", "Dec 31, 2022 RMB", "Note HK$'000 HK$'000") and holds no figure.
"""

from __future__ import annotations

import re

from ..text.dates import ANY_MONTH
from ..text.normalize import comparable
from ..text.statements import statement_kind
from .periods import years_in

__all__ = [
    "statement_kind", "kind_from_rows", "is_caption", "is_header_cell", "is_year_line",
    "short_caption", "STATEMENT_NAMES",
]

_CAPTION_CHARS = 300
_HEADER_WORDS = re.compile(
    r"\b(?:for|the|six|three|nine|twelve|months?|year|years|quarters?|period|ended|as|at|of|"
    r"(?:13|14|26|39|52|53)\s+weeks|"
    r"notes?|unaudited|audited|restated|change|year-on-?|on-year|in|thousands|and|"
    r"RMB|Renminbi|US|HK|USD|HKD)\b|['\u2019]000|\$|%|[(),.•:]|-",
    re.IGNORECASE,
)
_DATES = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{ANY_MONTH}|Ju)"
    r"\b\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?\b)?",
    re.IGNORECASE,
)
MAX_CAPTION_TITLE_CHARS = 120
MAX_HEADER_CHARS = 160


STATEMENT_NAMES = {"balance": "Balance sheet", "income": "Income statement",
                   "cash_flows": "Statement of cash flows"}
# The rows that make a table a primary statement, whatever its caption says (an HTML
# 10-K often captions it "(in millions, except per share amounts)").
_BALANCE_ROWS = (re.compile(r"^total assets$"),
                 re.compile(r"^total (?:current |non-current )?(?:liabilities|equity)\b"))
_CASH_ROWS = (re.compile(r"^net cash\b.*\boperating activities"),
              re.compile(r"^net cash\b.*\binvesting activities"))
_INCOME_ROWS = (re.compile(r"^(?:total )?(?:net )?(?:revenues?|sales|turnover)\b"),
                re.compile(r"^net (?:income|loss|earnings|profit)\b|^(?:profit|loss) for the"))


def kind_from_rows(labels: list[str], instants: bool, durations: bool) -> str:
    """A primary statement told by its own rows and columns: the balance sheet holds
    "Total assets" and "Total liabilities ..." at instants; the cash flow statement the
    net cash of operating and investing activities over periods; the income statement
    a revenue line and a bottom line over periods. "" when the rows do not say."""
    keys = [comparable(label).lower().strip(" :") for label in labels]

    def has_all(patterns: tuple[re.Pattern[str], ...]) -> bool:
        return all(any(pattern.search(key) for key in keys) for pattern in patterns)

    if instants and not durations and has_all(_BALANCE_ROWS):
        return "balance"
    if durations and not instants and has_all(_CASH_ROWS):
        return "cash_flows"
    if durations and not instants and has_all(_INCOME_ROWS):
        return "income"
    return ""


def is_caption(text: str) -> bool:
    """A statement's title above a table, not prose that mentions one."""
    return (
        bool(text) and len(text) <= _CAPTION_CHARS and not text.endswith((":", ".", "：", "。"))
        and len(short_caption(text)) <= MAX_CAPTION_TITLE_CHARS and bool(statement_kind(text))
    )


def is_header_cell(text: str) -> bool:
    if len(text) > MAX_HEADER_CHARS:
        return False  # a heading line is short; prose is not one
    rest = re.sub(r"(?<![\d,.])(?:19|20)\d{2}(?![\d,])|\b\d{1,2},", " ", text)
    rest = _HEADER_WORDS.sub(" ", _DATES.sub(" ", rest))
    return not re.search(r"\d", rest) and len(rest.split()) <= 2


def is_year_line(line: str) -> bool:
    return bool(years_in(line)) and is_header_cell(line) and not re.search(
        r"\bended\b|\bfor the\b|\bat\b", line, re.IGNORECASE)


def short_caption(caption: str) -> str:
    """The caption without its "(Amounts in thousands ...)" tail."""
    return re.sub(r"\s*\((?:all )?amounts.*$", "", caption, flags=re.IGNORECASE).strip()
