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


# Each way a period or a publication date is introduced, printed on a line of its own:
# the quick test for the opening's words (metadata._PERIOD_WORDS, _PUBLISHED_WORDS) must
# let every one of them through.
@pytest.mark.parametrize(("line", "period_end"), [
    ("For the six months ended 30 June 2023", "2023-06-30"),
    ("Three-month period ended March 31, 2024", "2024-03-31"),
    ("12 months ended 31 December 2022", "2022-12-31"),
    ("For the financial year ended 31 March 2025", "2025-03-31"),
    ("FISCAL YEAR ENDED JUNE 30, 2023", "2023-06-30"),
    ("Quarterly period ended September 30, 2023", "2023-09-30"),
    ("For the month ended 31 May 2012", "2012-05-31"),
    ("For the month ended (dd/mm/yyyy): 31/05/2012", "2012-05-31"),
    ("截至月份：31/05/2012", "2012-05-31"),
])
def test_every_opening_of_a_period(line, period_end):
    meta = meta_of((Block("paragraph", "MONTHLY RETURN"), Block("paragraph", line)))
    assert meta.period_end == period_end


@pytest.mark.parametrize(("line", "published"), [
    ("Hong Kong, 22 August 2023", "2023-08-22"),
    ("Beijing, PRC, 19 March 2025", ""),  # the date must follow the city's comma
    ("Shanghai, 19 March 2025", "2025-03-19"),
    ("Shenzhen , 1 April 2024", "2024-04-01"),
    ("SINGAPORE, May 2, 2023", "2023-05-02"),
    ("Dated: 17 September 2008", "2008-09-17"),
    ("Date: 31/05/2012", "2012-05-31"),
    ("For Immediate Release: June 30, 2023", "2023-06-30"),
    ("香港，二零二三年八月二十二日", "2023-08-22"),
    ("Date Submitted 31/05/2012", "2012-05-31"),
    ("呈交日期：31/05/2012", "2012-05-31"),
])
def test_every_opening_of_a_publication_date(line, published):
    meta = meta_of((Block("paragraph", "ANNOUNCEMENT"), Block("paragraph", line)))
    assert meta.published == published


def test_unit_headings_english_and_chinese():
    assert spell_chinese_units("RMB'000 RMB'000") == "RMB'000 RMB'000"
    assert spell_chinese_units("人民幣千元").strip() == "RMB'000"
