"""The words of a Chinese column heading spelled as the English ones, so one grammar reads
both: "附註 人民幣千元" -> "Notes RMB'000", "截至六月三十日止六個月" -> "For the six months
ended 30 June". PDF layout uses it to know a header row that lost its table, the figures
stage to read columns' periods and units."""

from __future__ import annotations

import unicodedata

from .amounts import spell_chinese_units
from .dates import spell_chinese_dates
from .lazy import lazy_pattern

__all__ = ["spell_header"]

# The words of a Chinese column heading, as the English ones ("附註 人民幣千元",
# "（未經審核）", "（經重列）"); calendar phrases and units are spelled by their grammars.
_ENGLISH_HEADER_WORDS = {"附註": "Notes", "未經審核": "unaudited", "經審核": "audited",
                         "經重列": "restated", "重列": "restated"}
# Longest first, so "未經審核" is not read as "經審核". Compiled on first use: the layout
# imports this for every PDF, and only Chinese text needs it.
_CHINESE_HEADER_WORDS = lazy_pattern(
    "|".join(sorted(_ENGLISH_HEADER_WORDS, key=len, reverse=True)))
_SPACES = lazy_pattern(" {2,}")


def spell_header(text: str) -> str:
    """A heading line or cell with its Chinese calendar phrases, units and column words
    written as the English ones the period and unit grammars read: "截至六月三十日止六個
    月" -> "For the six months ended 30 June", "附註 港幣千元" -> "Notes HK$'000". Text
    without CJK comes back unchanged."""
    if text.isascii():
        return text
    # NFKC first: full-width brackets and digits ("（未經審核）", "２０２３年") as ASCII.
    text = spell_chinese_units(spell_chinese_dates(unicodedata.normalize("NFKC", text)))
    text = _CHINESE_HEADER_WORDS.sub(lambda match: f" {_ENGLISH_HEADER_WORDS[match.group()]} ",
                                     text)
    return _SPACES.sub(" ", text).strip(" ")
