"""Reading one printed figure: "(1,234)", "–", "9.3%", "(HK14.92 cents)", "5.620"?

A value is read only when its printed form is unambiguous. Two numbers run together
("1,612,022 246,505"), digits broken by PDF extraction ("2 (51 472 415") or a separator
that could be a decimal point or a thousands mark ("5.620" in a table of thousands) make
the cell *unreadable*: it is reported, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ..text.amounts import NIL_MARKS, parse_amount

__all__ = ["Cell", "read_cell", "is_value_token", "NIL"]

CellStatus = Literal["value", "nil", "unreadable", "text"]

NIL = frozenset({"", *NIL_MARKS, "Nil", "NIL", "N/A"})

_DIGIT = re.compile(r"\d")
# Digits that are not a figure: a note reference, a unit heading.
_NOT_FIGURES = re.compile(
    r"\(?\bnotes?\s+\d+[a-z]?(?:\([a-z]\))?\)?|(?:HK\$|RMB|US\$|\$)?\s*['\u2019]000\b",
    re.IGNORECASE,
)


# A cell of words is text even when it mentions numbers ("Notes due 2030", a heading with
# a footnote "(1)"), and so is an identifier: a tax number, a form name.
_WORD = re.compile(r"[A-Za-z]{4,}")
_UNIT_WORDS = frozenset({"cents", "million", "millions", "billion", "billions", "times"})
_IDENTIFIER = re.compile(r"^[0-9A-Z]+(?:-[0-9A-Z]+)+$")  # "94-2404110", "8-K", "001-39278"


def _is_prose(text: str) -> bool:
    return bool(_IDENTIFIER.match(text)) or any(
        word.lower() not in _UNIT_WORDS for word in _WORD.findall(text))


@dataclass(frozen=True)
class Cell:
    """One printed figure. ``value`` is None for a nil, blank or unreadable cell;
    parentheses make it negative. ``decimals`` is how many decimals were printed (the
    precision a check may assume)."""

    text: str
    value: float | None
    status: CellStatus
    percent: bool = False
    decimals: int = 0

    @property
    def readable(self) -> bool:
        return self.status in ("value", "nil")


@lru_cache(maxsize=8192)
def read_cell(text: str) -> Cell:
    """The figure printed as ``text`` (cached: a cell is looked at by several steps)."""
    text = " ".join(text.split())
    if text in NIL:
        return Cell(text, None, "nil")
    if not _DIGIT.search(_NOT_FIGURES.sub("", text)) or _is_prose(text):
        return Cell(text, None, "text")
    amount = parse_amount(text)
    if amount is None or amount.value is None:
        return Cell(text, None, "unreadable")
    return Cell(text, amount.value, "value", percent=amount.percent, decimals=amount.decimals)


def is_value_token(token: str) -> bool:
    """True when a whitespace-separated token of a PDF line is a printed figure or nil
    (the columns of a PDF table run into one line: "Goodwill 1,129,430 1,040,427")."""
    token = token.strip()
    if token in ("-", "–", "—", "_") or token.lower() in ("nil", "n/a"):
        return True  # a nil figure, printed as a dash or a word ("Goodwill Nil 1,040,427")
    return bool(_DIGIT.search(token)) and parse_amount(token) is not None
