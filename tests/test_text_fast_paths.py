"""Fast paths for text that holds no CJK: an English filing's answers are given without
compiling the patterns only Chinese text needs (each costs milliseconds to compile).
Each is checked on an English (ASCII) and a Chinese string; the answers are read off
the strings themselves.
"""

from __future__ import annotations

from kcdiff.text.dates import continues_chinese_date


def test_a_month_over_its_day_english_and_chinese():
    assert not continues_chinese_date("December", "31")
    assert not continues_chinese_date("31 December", "2023")
    assert continues_chinese_date("十二月", "三十一日")
    assert continues_chinese_date("2023年12月", "31日")
