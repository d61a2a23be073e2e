"""Fast paths for text that holds no CJK: an English filing's answers are given without
compiling the patterns only Chinese text needs (each costs milliseconds to compile).
Each is checked on an English (ASCII) and a Chinese string; the answers are read off
the strings themselves.
"""

from __future__ import annotations

import pytest

from kcdiff.board import BoardStatement
from kcdiff.board.changes import same_language
from kcdiff.figures.items import label_key
from kcdiff.ingest.metadata import meta_of
from kcdiff.model import Block, Director
from kcdiff.segment import heading_of
from kcdiff.text.amounts import spell_chinese_units
from kcdiff.text.dates import continues_chinese_date
from kcdiff.text.names import name_key, similarity
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


def _board(*names: str) -> BoardStatement:
    directors = tuple(Director(name, ("executive",)) for name in names)
    return BoardStatement(directors=directors, text="(statement)", readable=True)


def test_the_script_of_a_board_english_and_chinese():
    english, chinese = _board("Lei Jun", "Zou Tao"), _board("雷軍", "鄒濤")
    assert same_language(english, _board("Yu Mingto", "Wang Yulin"))
    assert same_language(chinese, _board("雷军", "邹涛"))
    assert not same_language(english, chinese)


def test_name_keys_and_likeness_english_and_chinese():
    assert name_key("Li On-kwok, Victor") == "li onkwok victor"
    assert name_key("廖 莉 萍 女 士") == "廖莉萍"
    # One glyph apart in a three-character Chinese name scores 90; English names of the
    # same length and initial are scored by their spelling (a ratio, not 90).
    assert similarity("林至頴", "林至穎") == 90.0
    # "lee tim" / "lee tom": 6 of 7 characters alike in each.
    assert similarity("Tom Lee", "Tim Lee") == pytest.approx(100 * 12 / 14)


def test_label_keys_english_and_chinese():
    # Punctuation and the footnote marker go; letters, digits, hyphens, apostrophes stay.
    assert label_key("Trade receivables, net*") == "trade receivable net"
    assert label_key("Non-current assets: (i)") == "non-current asset"
    # A Chinese label keeps its ideographs; its brackets and punctuation go.
    assert label_key("貿易應收款項，淨額") == "貿易應收款項 淨額"


def _issuer(*lines: str) -> str:
    return meta_of(tuple(Block("paragraph", line) for line in lines)).issuer


def test_the_defined_company_english_and_chinese():
    # Twice defined, no cover name: the definition names the issuer.
    assert _issuer("RESULTS ANNOUNCEMENT",
                   "The board of Kingsoft Cloud Holdings Limited (the “Company”) announces",
                   "Kingsoft Cloud Holdings Limited (the “Company”) is pleased") == (
        "Kingsoft Cloud Holdings Limited")
    assert _issuer("業績公告", "董事會宣佈金山云控股有限公司（「本公司」）之業績",
                   "金山云控股有限公司（「本公司」）欣然宣佈") == "金山云控股有限公司"


def _rank(text: str) -> str | None:
    heading = heading_of(Block("paragraph", text))
    return heading.rank if heading else None


def test_headings_by_their_letters_english_and_chinese():
    assert _rank("Liquidity and Capital Resources") == "title"
    assert _rank("the Group's revenue grew") is None
    assert _rank("流動資金及財務資源") == "cjk"
    assert _rank("金山云控股有限公司") == "cjk"
    # A Title Case line with ideographs in it is not a Title Case heading.
    assert _rank("Kingsoft Cloud 金山云") is None


def test_the_language_of_a_filing_english_and_chinese():
    def language(*lines: str) -> str:
        return meta_of(tuple(Block("paragraph", line) for line in lines)).language

    assert language("RESULTS ANNOUNCEMENT", "The board announces the results.") == "en"
    assert language("Kingsoft Cloud Holdings Limited", "金山云控股有限公司") == "en"
    assert language("業績公告", "董事會宣佈本集團之業績") == "zh"


def test_the_period_of_a_filing_english_and_chinese():
    def period_end(*lines: str) -> str:
        return meta_of(tuple(Block("paragraph", line) for line in lines)).period_end

    assert period_end("INTERIM RESULTS ANNOUNCEMENT",
                      "FOR THE SIX MONTHS ENDED 30 JUNE 2023") == "2023-06-30"
    assert period_end("中期業績公告", "截至二零二三年六月三十日止六個月") == "2023-06-30"


def test_unit_headings_english_and_chinese():
    assert spell_chinese_units("RMB'000 RMB'000") == "RMB'000 RMB'000"
    assert spell_chinese_units("人民幣千元").strip() == "RMB'000"
