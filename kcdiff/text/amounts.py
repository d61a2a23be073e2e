"""Amounts as filings print them: ONE grammar for numbers, currencies, units and scale.

- a table cell: "(1,234)", "–" (nil), "12.5%", "US$(4,542)", "(HK14.92 cents)";
- prose: "RMB3,699.8 million (US$510.2 million)", "HK$405,937,000";
- a unit heading: "HK$'000", "RMB cents", "(in millions)", "Amounts in thousands".

Every stage that reads a figure (table cells, prose checks, column currencies, a table's
unit) reads it here, so "(1,234)" and "RMB3.7 million" mean the same thing everywhere.
A printed form that could be read two ways ("5.620": a decimal, or thousands with a dot)
is *ambiguous* and never given a value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lazy import lazy_pattern

__all__ = [
    "Amount", "parse_amount", "amounts_in", "currencies_in", "canonical_currency",
    "scale_in", "NIL_MARKS", "CURRENCY", "spell_chinese_units",
]

# Currency marks, longest first; "$" alone only when no letter is glued before it.
CURRENCY = r"RMB|Renminbi|US\$|USD|HK\$|HKD|CNY|(?<![A-Za-z])\$"
_CURRENCY = re.compile(CURRENCY, re.IGNORECASE)
_CELL_CURRENCY = r"(?:HK\$?|RMB|US\$|\$)"
NIL_MARKS = frozenset({"-", "–", "—", "_", "--", "nil", "n/a", "•"})
_NUMBER = re.compile(
    rf"^{_CELL_CURRENCY}?(?P<open>\()?\s*(?P<minus>[-–−])?\s*{_CELL_CURRENCY}?\s*"
    r"(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<decimals>\.\d+)?\s*"
    r"(?P<close>\))?\s*(?P<percent>%)?\s*(?P<cents>cents)?\s*(?P<close2>\))?$",
    re.IGNORECASE,
)
# "5.620" or "(1.050)": a thousands mark printed as a dot, or a decimal? Never guess.
_AMBIGUOUS = re.compile(r"^\(?[1-9]\d{0,2}\.\d{3}\)?$")
# In prose only the marks that cannot be a word's letters ("$" alone is left out too:
# SEC prose is full of dollar amounts in sentences no check is shaped for).
_PROSE = re.compile(
    r"(?P<currency>RMB|US\$|HK\$)\s?(?P<number>-?\d[\d,]*(?:\.\d+)?)\s?"
    r"(?P<scale>million|billion|thousand)?",
)
_SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_THOUSANDS = re.compile(r"['\u2019]000|in\s+thousands|thousands\s+of", re.IGNORECASE)
_MILLIONS = re.compile(r"in\s+millions|millions\s+of|['\u2019]m\b", re.IGNORECASE)


@dataclass(frozen=True)
class Amount:
    """One printed amount. ``value`` is signed (parentheses or a minus make it negative)
    and None for an ambiguous form; ``nil`` for a printed nil ("–"); ``decimals`` is the
    precision printed; ``scale`` the multiplier a word gave (1e6 for "million")."""

    text: str
    value: float | None
    currency: str = ""
    percent: bool = False
    cents: bool = False
    decimals: int = 0
    nil: bool = False
    scale: float = 1.0


def canonical_currency(mark: str) -> str:
    """"RMB", "US$" or "HK$" for any way of printing them ("Renminbi", "USD", "$")."""
    mark = mark.upper()
    if mark in ("RMB", "RENMINBI", "CNY"):
        return "RMB"
    if mark in ("US$", "USD", "$"):
        return "US$"
    return "HK$"


def currencies_in(text: str) -> list[str]:
    """Currency marks in order, canonical: "RMB", "US$", "HK$"."""
    return [canonical_currency(match.group()) for match in _CURRENCY.finditer(text)]


def scale_in(text: str) -> str:
    """The scale a heading states: "thousands" ("RMB'000", "in thousands"), "millions"
    ("in millions", "US$m"), or ""."""
    if _THOUSANDS.search(text):
        return "thousands"
    return "millions" if _MILLIONS.search(text) else ""


# A Chinese unit heading ("人民幣千元", "千港元") and currency name, as the English ones.
_CHINESE_CURRENCIES = {"人民幣": "RMB", "港幣": "HK$", "港元": "HK$", "美元": "US$"}
_CHINESE_UNIT = lazy_pattern(  # compiled on first use: only Chinese text needs it
    r"(?P<before>人民幣|港幣|港元|美元)?\s*(?P<scale>千|百萬)(?:元|(?P<after>港元|美元|人民幣))"
    r"|(?P<alone>人民幣|港幣|港元|美元)")
_CHINESE_SCALES = {"千": "'000", "百萬": " in millions"}


def spell_chinese_units(text: str) -> str:
    """``text`` with Chinese unit headings spelled as English ones: "人民幣千元" ->
    "RMB'000", "千港元" -> "HK$'000", "百萬美元" -> "US$ in millions", "人民幣" -> "RMB"."""
    return _CHINESE_UNIT.sub(_spelled_unit, text) if "元" in text or "幣" in text else text


def _spelled_unit(match: re.Match[str]) -> str:
    if match["alone"]:
        return f" {_CHINESE_CURRENCIES[match['alone']]} "
    currency = _CHINESE_CURRENCIES.get(match["before"] or match["after"] or "", "")
    return f" {currency}{_CHINESE_SCALES[match['scale']]} "


@lru_cache(maxsize=8192)
def parse_amount(text: str) -> Amount | None:
    """The amount printed as ``text`` (a whole cell or token), or None when it is not one.
    An ambiguous form gives an Amount whose value is None."""
    text = " ".join(text.split())
    if text.lower() in NIL_MARKS:
        return Amount(text, 0.0, nil=True)
    if _AMBIGUOUS.match(text):
        return Amount(text, None)
    match = _NUMBER.match(text)
    if match is None or (match.group("open") and not (match.group("close")
                                                      or match.group("close2"))):
        return None
    number = float(match.group("digits").replace(",", "") + (match.group("decimals") or ""))
    if match.group("open") or match.group("minus"):
        number = -number
    currency = currencies_in(text)
    return Amount(text, number, currency[0] if currency else "",
                  percent=bool(match.group("percent")), cents=bool(match.group("cents")),
                  decimals=len(match.group("decimals") or ".") - 1)


def amounts_in(sentence: str) -> list[tuple[Amount, int]]:
    """Each amount with a currency in running text, and where it starts:
    "RMB3,699.8 million (US$510.2 million)" gives two."""
    found = []
    for match in _PROSE.finditer(sentence):
        number = match.group("number").replace(",", "")
        decimals = len(number.split(".")[1]) if "." in number else 0
        scale = _SCALE_WORDS.get((match.group("scale") or "").lower(), 1.0)
        found.append((Amount(match.group(), float(number),
                             canonical_currency(match.group("currency")),
                             decimals=decimals, scale=scale), match.start()))
    return found
