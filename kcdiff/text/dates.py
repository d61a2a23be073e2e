"""Calendar words as filings print them, shared by every stage that reads a date.

Month names and abbreviations live here once: segment (dated lines are not headings),
metadata (a filing's period and publication date), periods (what a column's "30 June"
means), wording (routine period edits), the board stage (a signatory block's date line)
and the watch service's issuer names all read them.
"""

from __future__ import annotations

__all__ = ["MONTH_NAMES", "MONTHS", "FULL_MONTH", "ANY_MONTH"]

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Lower-case name or abbreviation -> month number ("june" and "jun" -> 6, "sept" -> 9).
MONTHS: dict[str, int] = {
    **{name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    **{short.lower(): number for number, short in enumerate(_SHORT, start=1)},
    "sept": 9,
}
# Regular-expression alternations, without a group: full names only, or names and their
# abbreviations (longer spellings first, so "Sept" is not read as "Sep").
FULL_MONTH = "|".join(MONTH_NAMES)
ANY_MONTH = "|".join((*MONTH_NAMES, "Sept", *_SHORT))
