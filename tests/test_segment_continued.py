"""A heading printed again where a page break carries its section on: the section goes
on, it does not start anew (so it is never paired, added or removed page by page)."""

from __future__ import annotations

import pytest

from kcdiff.compare import compare_files
from kcdiff.ingest import parse_text
from kcdiff.segment import segment

FULLSHARE = "hkex_fullshare_0607/"


def sections(text):
    return [(s.title, s.text) for s in segment(parse_text(text, "x.txt"))][1:]


NOTE = ("NOTES TO THE FINANCIAL STATEMENTS\n\n"
        "5. SEGMENT INFORMATION\n\nThe Group has three reportable segments.\n\n"
        "(a) Revenue by segment\n\nRevenue rose in every segment during the year.\n\n")


def test_a_note_marked_continued_goes_on_in_the_section_open():
    found = sections(NOTE + "5. SEGMENT INFORMATION (continued)\n\n"
                     "Revenue by region is set out below.\n\n"
                     "6. REVENUE\n\nRevenue is the sale of goods.\n")
    assert [title for title, _ in found] == [
        "NOTES TO THE FINANCIAL STATEMENTS", "SEGMENT INFORMATION", "Revenue by segment",
        "REVENUE"]
    assert "Revenue rose in every segment" in found[2][1]
    assert "Revenue by region is set out below." in found[2][1]


def test_chinese_continued_mark():
    found = sections("財務報表附註\n\n五、經營分類資料\n\n本集團有三個可呈報分類。\n\n"
                     "五、經營分類資料（續）\n\n按地區劃分的收入載列如下。\n")
    assert [title for title, _ in found] == ["財務報表附註", "經營分類資料"]
    assert "按地區劃分的收入載列如下。" in found[1][1]


def test_a_statement_title_printed_over_its_next_page_goes_on():
    found = sections("CONSOLIDATED STATEMENT OF CASH FLOWS\n\n"
                     "Net cash from operating activities 1,000 900\n\n"
                     "Investing Activities\n\nPurchase of equipment (200) (150)\n\n"
                     "CONSOLIDATED STATEMENT OF CASH FLOWS\n\n"
                     "Net cash used in financing activities (300) (250)\n")
    assert [title for title, _ in found] == ["CONSOLIDATED STATEMENT OF CASH FLOWS",
                                             "Investing Activities"]


@pytest.mark.parametrize("text", [
    # The note it names was closed by the next one: a heading of its own.
    NOTE + "6. REVENUE\n\nRevenue is the sale of goods.\n\n"
    "SEGMENT INFORMATION (continued)\n\nRevenue by region is set out below.\n",
    # A heading that repeats the cover's title opens the body.
    "SEGMENT INFORMATION (continued)\n\nRevenue by region is set out below.\n",
])
def test_a_continued_heading_of_no_open_section_is_a_section(text):
    assert "SEGMENT INFORMATION (continued)" in [title for title, _ in sections(text)]


@pytest.fixture(scope="module")
def fullshare_2022(corpus):
    return compare_files(corpus / FULLSHARE / "2022_interim-report_H1-2022_en.pdf",
                         corpus / FULLSHARE / "2022_annual-report_FY2022_en.pdf")


def test_fullshare_policies_over_29_pages_are_one_section(fullshare_2022):
    # The 2022 annual report prints "SUMMARY OF SIGNIFICANT ACCOUNTING POLICIES
    # (continued)" atop each page its note 2.3 goes on to; each was called added.
    claimed = [s.new_title for s in fullshare_2022.sections if s.status == "added"]
    assert "SUMMARY OF SIGNIFICANT ACCOUNTING POLICIES (continued)" not in claimed


def test_fullshare_interim_cash_flow_statement_goes_on_over_its_pages(corpus):
    # The 2023 interim report prints its cash flow statement's title atop pp.14-16; p.16:
    # "Net cash generated from financing activities 1,205,574 4,190,912".
    report = compare_files(corpus / FULLSHARE / "2022_annual-report_FY2022_en.pdf",
                           corpus / FULLSHARE / "2023_interim-report_H1-2023_en.pdf")
    change = next(c for c in report.figures
                  if c.item == "Net cash generated from financing activities")
    assert (change.period_end, change.old_period_end) == ("2023-06-30", "2022-06-30")
    assert (change.old_value, change.new_value) == (4_190_912, 1_205_574)
