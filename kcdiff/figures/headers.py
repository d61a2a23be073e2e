"""Table headings and captions: which lines name a statement, which label columns.

A caption names the statement a table belongs to ("UNAUDITED CONDENSED CONSOLIDATED
BALANCE SHEETS"); a header line or cell labels columns ("For the six months ended June 30,",
"2022  2023", "Dec 31, 2022 RMB", "Note HK$'000 HK$'000") and holds no figure.
"""

from __future__ import annotations

import re

from ..text.dates import ANY_MONTH
from ..text.normalize import comparable
from .periods import years_in

__all__ = ["statement_kind", "is_caption", "is_header_cell", "is_year_line", "short_caption"]

_KINDS = (
    ("balance", re.compile(r"BALANCE SHEET|FINANCIAL POSITION")),
    ("cash_flows", re.compile(r"CASH FLOW")),
    ("income", re.compile(
        r"COMPREHENSIVE (?:LOSS|INCOME)|INCOME STATEMENT|PROFIT OR LOSS|STATEMENTS? OF "
        r"OPERATIONS|STATEMENTS? OF INCOME|STATEMENTS? OF (?:LOSS|PROFIT)")),
    ("highlights", re.compile(r"HIGHLIGHTS")),
    ("non_gaap", re.compile(r"NON-GAAP|NON GAAP")),
)
_CAPTION_CHARS = 300
_HEADER_WORDS = re.compile(
    r"\b(?:for|the|six|three|nine|twelve|months?|year|years|period|ended|as|at|of|"
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


def statement_kind(caption: str) -> str:
    key = comparable(caption).upper()
    for kind, pattern in _KINDS:
        if pattern.search(key):
            return kind
    return ""


def is_caption(text: str) -> bool:
    """A statement's title above a table, not prose that mentions one."""
    return (
        bool(text) and len(text) <= _CAPTION_CHARS and not text.endswith((":", "."))
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
