"""Calendar words as filings print them, shared by every stage that reads a date.

Month names and abbreviations live here once: segment (dated lines are not headings),
metadata (a filing's period and publication date), periods (what a column's "30 June"
means), wording (routine period edits), the board stage (a signatory block's date line)
and the watch service's issuer names all read them.
"""

from __future__ import annotations

import re

from .lazy import lazy_pattern

__all__ = ["MONTH_NAMES", "MONTHS", "FULL_MONTH", "ANY_MONTH", "spell_chinese_dates",
           "chinese_number", "continues_chinese_date", "CHINESE_DATE"]

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


# --- Chinese calendar phrases ---------------------------------------------------------
# HKEX's Chinese announcements write dates in Chinese numerals ("二零二三年六月三十日",
# "截至十二月三十一日止年度") or in digits ("2023年6月30日"). They are spelled here the
# way the English grammar reads them ("30 June 2023", "For the year ended 31 December"),
# so every stage reads one grammar.

_NUMERALS = {**{char: value for value, char in enumerate("零一二三四五六七八九")},
             "〇": 0, "○": 0, "Ｏ": 0, "O": 0,
             **{chr(0xFF10 + value): value for value in range(10)},
             **{str(value): value for value in range(10)}}
_DIGIT = "[零〇○ＯO一二三四五六七八九0-9０-９]"
_SMALL = rf"(?:[一二三]?十[一二三四五六七八九]?|{_DIGIT}{{1,2}})"  # 1-39: months, days
# Blanks within a date, not line breaks or tabs (those part a table's columns).
CHINESE_DATE = (rf"(?:(?P<year>{_DIGIT}{{4}})[ \u3000]*年[ \u3000]*)?(?:(?P<month>{_SMALL})"
                rf"[ \u3000]*月[ \u3000]*(?:(?P<day>{_SMALL})[ \u3000]*日)?)?")
_LENGTHS = {"六個月": "six months", "三個月": "three months", "九個月": "nine months",
            "年度": "year", "十二個月": "twelve months", "年": "year"}
# Compiled on first use (~7 ms together, for their many classes of Chinese numerals): an
# English filing never needs them.
_PERIOD = lazy_pattern(rf"截至[ \u3000]*(?P<date>{CHINESE_DATE})[ \u3000]*止[ \u3000]*(?P<length>"
                       + "|".join(sorted(_LENGTHS, key=len, reverse=True)) + ")")
_AT = lazy_pattern(rf"於[ \u3000]*(?=(?:{_DIGIT}{{4}}[ \u3000]*年|{_SMALL}[ \u3000]*月))"
                   rf"(?P<date>{CHINESE_DATE})")
_DATE_ALONE = lazy_pattern(CHINESE_DATE)
# A column heading set over two lines: a month ending one ("二零零九年十二月"), the day
# alone on the next ("三十一日").
_ENDS_IN_MONTH = lazy_pattern(rf"{_SMALL}[ \u3000]*月[ \u3000]*$")
_DAY_ALONE = lazy_pattern(rf"^[ \u3000]*{_SMALL}[ \u3000]*日[ \u3000]*$")


def chinese_number(text: str) -> int:
    """"二零二三" -> 2023, "三十一" -> 31, "十二" -> 12, "２０２３" -> 2023."""
    if "十" not in text:
        return int("".join(str(_NUMERALS[char]) for char in text))
    tens, _, units = text.partition("十")
    return 10 * (_NUMERALS[tens] if tens else 1) + (_NUMERALS[units] if units else 0)


def spell_chinese_dates(text: str) -> str:
    """``text`` with its Chinese calendar phrases written as the English ones: "截至二零
    二三年六月三十日止六個月" -> "For the six months ended 30 June 2023", "於二零二二年十二
    月三十一日" -> "As at 31 December 2022", "二零二三年" -> "2023", "十二月" -> "December".
    A month or day out of range is left as printed."""
    if "年" not in text and "月" not in text:  # every phrase spelled names a year or month
        return text
    text = _PERIOD.sub(lambda match: f" For the {_LENGTHS[match['length']]} ended "
                                     f"{_spelled(match, 'date')} ", text)
    text = _AT.sub(lambda match: f" As at {_spelled(match, 'date')} ", text)
    return _DATE_ALONE.sub(lambda match: f" {_spelled(match)} " if match.group() else "", text)


def continues_chinese_date(before: str, after: str) -> bool:
    """Is ``after`` the day of the date ``before`` began: "十二月" over "三十一日"?"""
    # _ENDS_IN_MONTH needs a "月": an English cell is answered without compiling it.
    return ("月" in before and bool(_ENDS_IN_MONTH.search(before))
            and bool(_DAY_ALONE.match(after)))


def _spelled(match: re.Match[str], group: str = "") -> str:
    """The date ``match`` (or its ``group``) holds, as "30 June 2023", "December",
    "2023"; as printed when a part is out of range."""
    text = match[group] if group else match.group()
    parts = _DATE_ALONE.fullmatch(text)
    if parts is None:
        return text
    year, month, day = (chinese_number(parts[name]) if parts[name] else None
                        for name in ("year", "month", "day"))
    if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return text
    words = [str(day) if day else "", MONTH_NAMES[month - 1] if month else "",
             str(year) if year else ""]
    return " ".join(word for word in words if word)
