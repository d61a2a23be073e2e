"""Fast paths for text that holds no CJK: an English filing's answers are given without
compiling the patterns only Chinese text needs (each costs milliseconds to compile).
Each is checked on an English (ASCII) and a Chinese string; the answers are read off
the strings themselves.
"""

from __future__ import annotations

from kcdiff.text.dates import continues_chinese_date
from kcdiff.text.normalize import comparable, token_pattern, tokens


def test_a_month_over_its_day_english_and_chinese():
    assert not continues_chinese_date("December", "31")
    assert not continues_chinese_date("31 December", "2023")
    assert continues_chinese_date("十二月", "三十一日")
    assert continues_chinese_date("2023年12月", "31日")


def test_tokens_english_and_chinese():
    assert tokens("Revenue rose 12.5% to RMB1,234 (the Group's)") == [
        "Revenue", "rose", "12.5%", "to", "RMB", "1,234", "(", "the", "Group's", ")"]
    # Each ideograph is a token; a Latin word beside them is one.
    assert tokens("收入增加12.5%至RMB") == ["收", "入", "增", "加", "12.5%", "至", "RMB"]
    assert token_pattern("Revenue").pattern != token_pattern("收入").pattern


def test_cjk_blanks_closed_up_english_and_chinese():
    assert comparable("  Mr.  Zou   Tao ") == "Mr. Zou Tao"
    assert comparable("廖 莉 萍 女 士") == "廖莉萍女士"
