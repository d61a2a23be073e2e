"""Figures of Chinese HKEX statements: calendar phrases, units and column words read as
the English ones, Chinese labels matched only when printed alike.

Every expected answer is read from the documents: Anxin-China's interim results of 30
August 2010 and annual results of 30 March 2011 in Chinese (the same figures as their
English versions, whose truth set benchmarks/truth/ holds), and Fullshare's Chinese
2023 interim and annual reports.
"""

from __future__ import annotations

import pytest

from kcdiff.figures.compare import compare_figures, figure_notes
from kcdiff.figures.headers import statement_kind
from kcdiff.figures.items import label_key
from kcdiff.figures.tables import read_tables
from kcdiff.model import Block, Period, Section
from kcdiff.text.amounts import spell_chinese_units
from kcdiff.text.column_words import spell_header
from kcdiff.text.dates import chinese_number, continues_chinese_date, spell_chinese_dates


@pytest.mark.parametrize(("printed", "spelled"), [
    # Anxin's interim: the cover's period and the income statement's column heading.
    ("截至二零一零年六月三十日止六個月中期業績公佈",
     "For the six months ended 30 June 2010 中期業績公佈"),
    ("截至六月三十日止六個月", "For the six months ended 30 June"),
    # The balance sheet's title line and a year over its column.
    ("於二零一零年六月三十日", "As at 30 June 2010"),
    ("二零一零年 二零零九年", "2010 2009"),
    # Anxin's annual, and the same written in digits.
    ("截至二零一零年十二月三十一日止年度", "For the year ended 31 December 2010"),
    ("截至2023年12月31日止年度", "For the year ended 31 December 2023"),
    ("十二月", "December"),
])
def test_chinese_calendar_phrases_are_spelled_as_english_ones(printed, spelled):
    assert " ".join(spell_chinese_dates(printed).split()) == spelled


def test_chinese_text_without_a_date_is_left_as_printed():
    for text in ("中國安芯控股有限公司", "非流動資產", "第68頁至199頁", "一千名員工"):
        assert spell_chinese_dates(text) == text
    # No 13th month: the phrase stays as printed.
    assert spell_chinese_dates("二零一零年十三月").strip() == "二零一零年十三月"
    assert chinese_number("二零一零") == 2010 and chinese_number("三十一") == 31
    assert chinese_number("十二") == 12 and chinese_number("二十") == 20


def test_a_month_over_its_day_is_one_date():
    # Anxin's interim balance sheet heads its comparative column over three lines:
    # "二零零九年" / "十二月" / "三十一日".
    assert continues_chinese_date("十二月", "三十一日")
    assert continues_chinese_date("二零零九年十二月", "三十一日")
    assert not continues_chinese_date("二零零九年", "三十一日")
    assert not continues_chinese_date("十二月", "港幣千元")


def test_chinese_units_and_column_words_are_read():
    assert " ".join(spell_chinese_units("附註 港幣千元 港幣千元").split()) == \
        "附註 HK$'000 HK$'000"
    assert spell_chinese_units("人民幣千元").strip() == "RMB'000"
    assert spell_chinese_units("千港元").strip() == "HK$'000"
    assert spell_chinese_units("一千名員工") == "一千名員工"
    assert spell_header("附註 人民幣千元 人民幣千元") == "Notes RMB'000 RMB'000"
    assert "unaudited" in spell_header("（未經審核）")
    assert "restated" in spell_header("（經重列）")


def test_chinese_statement_titles_name_their_statement():
    assert statement_kind("簡明綜合全面收益表") == "income"
    assert statement_kind("綜合損益及其他全面收益表") == "income"
    assert statement_kind("中期簡明綜合財務狀況表（續)") == "balance"
    assert statement_kind("綜合現金流量表") == "cash_flows"


def _balance_sheet(rows: tuple[tuple[str, ...], ...], title: str = "簡明綜合財務狀況表"
                   ) -> Section:
    text = "\n".join("\t".join(row) for row in rows)
    return Section(0, title, "", 1, "statements",
                   (Block("paragraph", "於二零一零年六月三十日", page=3),
                    Block("table", text, rows, page=3)))


# Anxin's interim balance sheet, as its PDF is read: one heading line per row.
_INTERIM_HEADER = (("", "二零一零年"), ("", "六月三十日"), ("", "二零零九年"), ("", "十二月"),
                   ("", "三十一日"), ("", "附註", "港幣千元", "港幣千元"),
                   ("", "（未經審核）", "（經審核）"))


def test_a_chinese_balance_sheet_has_its_columns_dates_and_unit():
    section = _balance_sheet((*_INTERIM_HEADER, ("非流動資產",), ("商譽", "660,225", "660,225"),
                              ("銀行結餘及現金", "229,501", "92,329")))
    (table,) = read_tables([section])
    assert table.kind == "balance" and table.unit == "thousands"
    assert [column.period for column in table.columns] == [
        Period("instant", "2010-06-30"), Period("instant", "2009-12-31")]
    assert [column.currency for column in table.columns] == ["HK$", "HK$"]
    assert [row.label for row in table.rows if row.cells and row.cells[0].value] == [
        "商譽", "銀行結餘及現金"]


def test_chinese_labels_keep_apart_and_fold_only_printing_variants():
    # Receivables are not payables, however alike the characters.
    assert label_key("應收賬款及其他應收款項") != label_key("應付賬款及其他應付款項")
    assert label_key("流動資產淨值") != label_key("非流動資產淨值")
    # "(loss)" wording, an interim's period and an annual's year, turnover and revenue.
    assert label_key("除稅前溢利╱（虧損）") == label_key("除稅前溢利")
    assert label_key("除稅前（虧損）╱溢利") == label_key("除稅前溢利")
    assert label_key("年度溢利（虧損）") == label_key("期內溢利")
    assert label_key("營業額") == label_key("收益")
    assert label_key("可換股債券") == label_key("可換股票據")


def _annual_balance_sheet(rows: tuple[tuple[str, ...], ...]) -> Section:
    header = (("", "二零一零年", "二零零九年"), ("", "附註", "港幣千元", "港幣千元"),
              ("", "（經重列）"))
    section = _balance_sheet((*header, *rows), "綜合財務狀況表")
    return Section(0, section.title, "", 1, "statements",
                   (Block("paragraph", "於二零一零年十二月三十一日", page=3),
                    section.blocks[1]))


def test_a_chinese_item_matched_alike_is_compared_and_an_unmatched_one_is_not_called_added():
    # Anxin's goodwill at 31 December 2009: 660,225 in the interim, 1,040,427 (restated)
    # in the annual. The annual's "收購非流動資產之預付款項" is printed in the interim as
    # "預付款項": kcdiff cannot tell Chinese relabelling from a new line, so it says the
    # item was not compared instead of calling it added.
    old = read_tables([_balance_sheet((*_INTERIM_HEADER, ("商譽", "660,225", "660,225"),
                                       ("預付款項", "–", "17,100")))])
    new = read_tables([_annual_balance_sheet((("商譽", "16", "1,040,427", "1,040,427"),
                                              ("收購非流動資產之預付款項", "96,530", "17,100")))])
    figures = compare_figures(old, new)
    restated = [figure for figure in figures if figure.status == "restated"]
    assert [(f.item, f.period_end, f.old_value, f.new_value) for f in restated] == [
        ("商譽", "2009-12-31", 660225.0, 1040427.0)]
    assert not [figure for figure in figures if figure.status in ("added", "removed")]
    notes = [note for note in figure_notes(old, new) if "printed alike" in note.message]
    assert {note.filing for note in notes} == {"old", "new"}
    assert "收購非流動資產之預付款項" in next(n.message for n in notes if n.filing == "new")


@pytest.fixture(scope="module")
def fullshare_2023_zh(corpus):
    from kcdiff.compare import compare_files

    folder = corpus / "hkex_fullshare_0607"
    return compare_files(folder / "2023_interim-report_H1-2023_zh.pdf",
                         folder / "2023_annual-report_FY2023_zh.pdf")


def test_fullshare_chinese_reports_compare_their_statements(fullshare_2023_zh):
    # The annual's 綜合損益及其他全面收益表 (p.69): 收入 24,845,816 for 2023 and
    # 21,718,371 for 2022, 毛利 3,541,723 and 3,314,344. Its 綜合財務狀況表 (p.71):
    # 物業、機器及設備 10,584,760 at 31 December 2023, against 9,909,397 at 30 June 2023
    # in the interim's 中期簡明綜合財務狀況表 (p.9).
    found = {(f.item, f.period_end, f.old_period_end): (f.old_value, f.new_value)
             for f in fullshare_2023_zh.figures if f.status == "changed"}
    assert found[("收入", "2023-12-31", "2022-12-31")] == (21718371.0, 24845816.0)
    assert found[("毛利", "2023-12-31", "2022-12-31")] == (3314344.0, 3541723.0)
    assert found[("物業、機器及設備", "2023-12-31", "2023-06-30")] == (9909397.0, 10584760.0)
    assert not [f for f in fullshare_2023_zh.figures if f.status in ("added", "removed")]


@pytest.fixture(scope="module")
def anxin_2010_zh(corpus):
    from kcdiff.compare import compare_files

    folder = corpus / "hkex_anxin-china_1149" / "zh"
    return compare_files(folder / "2010-08-30_interim-results_zh.pdf",
                         folder / "2011-03-30_annual-results_zh.pdf")


def test_anxin_chinese_results_find_the_restated_goodwill(anxin_2010_zh):
    # The Chinese annual results restate goodwill at 31 December 2009 (p.3, 1,040,427,
    # 經重列) against the interim's 660,225 (p.3), as the English versions do.
    restated = {(f.item, f.period_end): (f.old_value, f.new_value)
                for f in anxin_2010_zh.figures if f.status == "restated"}
    assert restated[("商譽", "2009-12-31")] == (660225.0, 1040427.0)
    assert restated[("總資產減流動負債", "2009-12-31")] == (1056054.0, 1436256.0)


def test_anxin_chinese_balance_sheet_goes_on_under_capital_and_reserves(anxin_2010_zh):
    # The interim's 簡明綜合財務狀況表 goes on at the top of p.4 under 資本及儲備 (capital
    # and reserves), its column headings printed below the rows: 股本 146,128, 遞延稅項
    # 負債 12,984 and 可換股債券 490,235 at 30 June 2010 (679,856 at 31 December 2009).
    # The annual (p.3) prints 207,975, 17,689, and 可換股票據 restated to 564,354.
    figures = {(f.status, f.item, f.period_end): (f.old_value, f.new_value)
               for f in anxin_2010_zh.figures}
    assert figures[("restated", "可換股票據", "2009-12-31")] == (679856.0, 564354.0)
    assert figures[("changed", "股本", "2010-12-31")] == (146128.0, 207975.0)
    assert figures[("changed", "遞延稅項負債", "2010-12-31")] == (12984.0, 17689.0)


def test_a_label_decoded_to_replacement_characters_is_not_called_removed():
    # Fullshare's Chinese 2022 annual report decodes its goodwill line as "��" (a legacy
    # font): the item is there in the next report as 商譽, so it was not removed.
    old = read_tables([_balance_sheet((*_INTERIM_HEADER, ("其他無形資產", "254,251", "289,106"),
                                       ("\ufffd\ufffd", "1,503,817", "1,503,817")))])
    new = read_tables([_annual_balance_sheet((("其他無形資產", "218,686", "289,106"),
                                              ("商譽", "1,503,817", "1,503,817")))])
    figures = compare_figures(old, new)
    assert [figure.item for figure in figures if figure.status == "changed"] == ["其他無形資產"]
    assert not [figure for figure in figures if figure.status in ("added", "removed")]
