"""How a printed table's layout is read (issue 12): wrapped labels and sub-headers, the
columns a currency translation or a percentage takes, PDF lines that end a statement,
and what a statement continued under another's caption is.

Labels and figures are the sample interim's (``samples/kingsoft-cloud-2023-interim.txt``)
unless a comment says otherwise.
"""

from __future__ import annotations

import pytest
from conftest import HALF_2023

from kcdiff.figures import columns as columns_module
from kcdiff.figures import labels
from kcdiff.figures.columns import _mostly_percent_without_year, read_columns
from kcdiff.figures.labels import RawRow, clean_label, join_wrapped
from kcdiff.figures.periods import _spanning_lengths, column_periods, filing_period
from kcdiff.figures.tables import (
    _build,
    _line_tables,
    _pdf_columns,
    _pdf_rows,
    _table,
    read_tables,
)
from kcdiff.model import Block, Period, Section

SECTION = Section(0, "Financial information", "", 1, "financial_statements", ())


@pytest.mark.parametrize(("printed", "label"), [
    ("Revenues #", "Revenues"),
    ("Current assets:", "Current assets"),
    ("  Income tax  expense * ", "Income tax expense"),
    ("INCOME TAX:", "INCOME TAX"),
])
def test_clean_label_drops_marks_colon_and_blanks(printed, label):
    assert clean_label(printed) == label


def _rows(*lines: tuple[str, ...]) -> list[RawRow]:
    return [RawRow(label, cells) for label, *cells in lines]


def test_a_sub_header_ends_at_its_total():
    rows = join_wrapped(_rows(("Current assets", "", ""),
                              ("Inventories", "1,245", "1,103"),
                              ("Total current assets", "9,046", "8,513"),
                              ("Restricted cash", "60", "58")))
    assert [(row.label, row.group) for row in rows] == [
        ("Inventories", "Current assets"), ("Total current assets", "Current assets"),
        ("Restricted cash", "")]


def test_a_line_ending_in_a_colon_is_a_sub_header_not_a_wrapped_label():
    assert not labels._continues("Non-current assets:", "property and equipment")
    assert labels._continues("Non-current assets", "property and equipment")


def test_a_line_ending_in_an_ampersand_runs_on():
    assert labels._continues("Property, plant &", "Equipment")


# A title-case line of four words or more runs on into a short capitalised line of at
# most three label words ("Share Of Profits Of Associates And Joint" / "Ventures").
@pytest.mark.parametrize(("line", "following", "runs_on"), [
    ("Share Of Results Associates", "And Joint Ventures", True),
    ("Share Of Results", "And Joint Ventures", False),
    ("Fair Value Gains On Financial", "Assets At Fair", True),
    ("Fair Value Gains On Financial", "Assets At Fair Value", False),
])
def test_a_title_case_label_runs_on_only_into_a_short_line(line, following, runs_on):
    assert labels._continues(line, following) is runs_on


def test_two_capital_letters_are_upper_case_text_one_is_not():
    assert labels._is_upper("HK")
    assert not labels._is_upper("H")


def test_a_us_dollar_column_after_the_last_period_translates_it():
    # "2022 2023" over "RMB'000 RMB'000 US$'000", and the annual's "2023" over
    # "RMB'000 US$'000": the US$ column is the last period translated.
    rows = [RawRow("Revenues", ("3,761,453", "3,651,473", "503,913"))]
    columns = read_columns("For the six months ended June 30,\n2022\t2023",
                           "RMB'000\tRMB'000\tUS$'000",
                           ["2022 RMB'000", "2023 RMB'000", "US$'000"], rows, None)
    assert [(c.period.end, c.currency) for c in columns] == [
        ("2022-06-30", "RMB"), ("2023-06-30", "RMB"), ("2023-06-30", "US$")]
    two = read_columns("For the six months ended June 30,\n2023", "RMB'000\tUS$'000",
                       ["2023 RMB'000", "US$'000"], [RawRow("Revenues", ("1", "2"))], None)
    assert [(c.period, c.currency) for c in two] == [(HALF_2023, "RMB"), (HALF_2023, "US$")]


def test_a_column_is_a_change_only_when_most_of_its_figures_are_percentages():
    half = [RawRow("Revenues", ("(2.9)%",)), RawRow("Gross profit", ("181,562",))]
    assert not _mostly_percent_without_year(half, 0, "Change")
    assert not _mostly_percent_without_year(
        [*half, RawRow("Operating loss", ("(961,012)",))], 0, "Change")
    assert _mostly_percent_without_year([*half, RawRow("Net loss", ("9.5%",))], 0, "Change")


def test_spanning_headers_need_each_group_to_repeat_the_same_years():
    header = "Three Months Ended June 30,\tSix Months Ended June 30,"
    assert _spanning_lengths(header, [2023, 2022, 2023, 2022]) == [3, 3, 6, 6]
    assert _spanning_lengths(header, [2023, 2022, 2022, 2021]) is None


def test_pdf_rows_stop_at_a_sentence_and_after_three_label_lines():
    lines = ["Revenues 3,651,473 3,761,453", "Cost of revenues (3,469,911) (3,619,201)",
             "Gross profit 181,562 142,252"]
    rows, end = _pdf_rows(lines, 0, 2)
    assert [(row.label, row.cells) for row in rows] == [
        ("Revenues", ("3,651,473", "3,761,453")),
        ("Cost of revenues", ("(3,469,911)", "(3,619,201)")),
        ("Gross profit", ("181,562", "142,252"))]
    assert end == 3
    sentence = ["Revenues 3,651,473 3,761,453", "See accompanying notes.", "Other 1 2"]
    assert _pdf_rows(sentence, 0, 2)[1] == 1
    wrapped = ["Revenues 3,651,473 3,761,453", "Share of results of", "associates and",
               "joint ventures", "Other 1 2"]
    assert [row.label for row in _pdf_rows(wrapped, 0, 2)[0]] == [
        "Revenues", "Share of results of", "associates and", "joint ventures", "Other"]
    four = ["Revenues 3,651,473 3,761,453", "One", "Two", "Three", "Four", "Other 1 2"]
    assert _pdf_rows(four, 0, 2) == ([RawRow("Revenues", ("3,651,473", "3,761,453"))], 1)


def test_a_pdf_header_without_lines_has_no_columns():
    assert _pdf_columns([]) == 0


def test_a_table_whose_first_column_holds_figures_has_no_labels():
    table = _build(SECTION, "", [("2023", "2022")], [("1,000", "900")], None)
    assert [(row.label, row.values) for row in table.rows] == [("", (1000.0, 900.0))]


def test_a_cash_flow_caption_over_balance_sheet_dates_is_told_by_its_rows():
    # A continued page keeps the cash flow statement's caption over a balance sheet.
    raw = [RawRow("Total current assets", ("9,046,210", "8,513,355")),
           RawRow("Total assets", ("19,245,600", "20,103,502")),
           RawRow("Total liabilities", ("8,010,211", "7,855,021"))]
    table = _table(SECTION, "Condensed consolidated statement of cash flows",
                   "As at\nJune 30, 2023\tDecember 31, 2022",
                   ["June 30, 2023", "December 31, 2022"], raw, None)
    assert table.kind == "balance"


def test_a_translated_year_alone_takes_the_filings_period():
    columns = read_columns("2023", "RMB'000\tUS$'000", ["2023 RMB'000", "US$'000"],
                           [RawRow("Revenues", ("3,651,473", "503,913"))], HALF_2023)
    assert [(c.period, c.currency) for c in columns] == [(HALF_2023, "RMB"), (HALF_2023, "US$")]


def test_a_currency_printed_once_heads_every_column_two_currencies_too_few_none():
    assert columns_module._currencies("RMB'000", ["2023", "2022"]) == ["RMB", "RMB"]
    assert columns_module._currencies("RMB'000 US$'000", ["2023", "2022", "2022"]) == [
        "", "", ""]


def test_a_percentage_column_holds_only_small_figures():
    assert columns_module._percent_column([RawRow("Revenues", ("6%",)),
                                           RawRow("Gross profit", ("18",))], 0)
    assert not columns_module._percent_column([RawRow("Revenues", ("6%",)),
                                               RawRow("Gross profit", ("1500",))], 0)


def test_as_at_over_years_alone_is_the_filings_date_in_each_year():
    assert column_periods("As at\n2023\t2022", ["", ""], HALF_2023) == [
        Period("instant", "2023-06-30"), Period("instant", "2022-06-30")]


def test_a_period_of_no_known_length_is_no_period():
    assert column_periods("For the period ended June 30,\n2023\t2022", ["", ""], None) == [
        None, None]


def test_a_pdf_header_reaches_back_over_its_as_at_line():
    lines = ["CONSOLIDATED BALANCE SHEET", "As at 31 December", "2023 2022",
             "Inventories 1,000 900", "Trade receivables 500 400",
             "Total current assets 1,500 1,300"]
    [table] = _line_tables(lines, SECTION, "", None)
    assert [column.period for column in table.columns] == [
        Period("instant", "2023-12-31"), Period("instant", "2022-12-31")]


def test_only_the_line_above_a_table_can_head_it():
    # "At 30th June," after the table (the section's last block) heads nothing.
    rows = (("", "2023", "2022"), ("Revenues", "3,651,473", "3,761,453"),
            ("Cost of revenues", "(3,469,911)", "(3,619,201)"))
    table = Block("table", "\n".join("\t".join(row) for row in rows), rows)
    section = Section(0, "Financial information", "", 1, "financial_statements",
                      (table, Block("paragraph", "At 30th June,")))
    [read] = read_tables([section])
    assert [column.period for column in read.columns] == [None, None]


@pytest.mark.parametrize(("cover", "period"), [
    ("RESULTS ANNOUNCEMENT FOR THE THREE MONTHS ENDED MARCH 31, 2023",
     Period("duration", "2023-03-31", 3)),
    ("RESULTS FOR THE NINE MONTHS ENDED SEPTEMBER 30, 2023", Period("duration", "2023-09-30", 9)),
])
def test_a_quarterly_filings_period_from_its_cover(cover, period):
    assert filing_period([Section(0, cover, "", 1, "cover", ())]) == period
