"""Reading a filing's tables into line items: periods, units, pooling of a statement
printed twice, and the bounds of the small parsers (issue 12).

Expected values are read off the sample announcements (``samples/``): the interim prints
its income statement twice (in the MD&A and under the financial information), the second
copy with a label run into the next line.
"""

from __future__ import annotations

import pytest
from conftest import ANNUAL, HALF_2022, HALF_2023, INTERIM, YEAR_2023, YEAR_2024

from kcdiff.figures.items import item_unit, label_key, line_items
from kcdiff.figures.periods import (
    column_periods,
    dates_in,
    filing_period,
    spell_numeric_date,
    years_in,
)
from kcdiff.figures.tables import read_tables
from kcdiff.ingest import read_filing
from kcdiff.model import Period
from kcdiff.segment import segment

pytestmark = pytest.mark.usefixtures("fresh_figure_caches")



@pytest.fixture(scope="module")
def interim_items():
    return {item.label: item for item in line_items(
        read_tables(segment(read_filing(INTERIM))))[0]}


@pytest.fixture(scope="module")
def annual():
    sections = segment(read_filing(ANNUAL))
    return sections, read_tables(sections)


def test_a_statement_printed_twice_gives_each_item_once(interim_items):
    # "Net loss (1,365,284) (1,107,093)" in the MD&A; "Net loss Less: net loss
    # attributable to non-controlling (1,365,284) (1,107,093)" in the second copy.
    net_loss = interim_items["Net loss"]
    assert net_loss.values == ((HALF_2022, -1365284.0), (HALF_2023, -1107093.0))
    assert net_loss.aliases == ("Net loss Less: net loss attributable to non-controlling",)
    assert net_loss.unit == "RMB'000"
    assert "Net loss Less: net loss attributable to non-controlling" not in interim_items


def test_the_us_dollar_translation_is_not_a_figure_of_the_item(interim_items):
    # 3,699,803 RMB'000 and 510,226 US$'000 for 2023: only the reporting currency.
    assert interim_items["Total revenues"].values == (
        (HALF_2022, 4080307.0), (HALF_2023, 3699803.0))
    assert interim_items["Total revenues"].group == "Revenues"


def test_per_share_figures_are_in_the_currency_not_thousands(interim_items):
    per_share = interim_items["Basic and diluted"]
    assert per_share.group == "Net loss per share"
    assert per_share.unit == "RMB"
    assert per_share.values == ((HALF_2022, -0.37), (HALF_2023, -0.31))


def test_a_share_count_row_run_into_the_next_label_is_still_in_shares(interim_items):
    # "Shares used in the net loss per share computation:" over "Basic and diluted Other
    # comprehensive income, net of tax of nil  3,651,473,415  3,547,111,168": shares.
    count = interim_items["Basic and diluted Other comprehensive income, net of tax of nil"]
    assert count.unit == "shares"
    assert count.values == ((HALF_2022, 3651473415.0), (HALF_2023, 3547111168.0))


def test_two_items_with_one_label_are_named_by_their_sub_header(annual):
    _, tables = annual
    items = [item for item in line_items(tables)[0] if item.label == "Basic and diluted"]
    assert [(item.name, item.unit, item.values) for item in items] == [
        ("Net loss per share: Basic and diluted", "RMB",
         ((YEAR_2023, -0.61), (YEAR_2024, -0.54))),
        ("Shares used in the net loss per share computation: Basic and diluted", "shares",
         ((YEAR_2023, 3558354940.0), (YEAR_2024, 3658088876.0))),
    ]
    goodwill = next(item for item in line_items(tables)[0] if item.label == "Goodwill")
    assert goodwill.name == "Goodwill"


def test_nil_is_zero_and_balance_items_are_at_instants(annual):
    _, tables = annual
    items = {item.name: item for item in line_items(tables)[0]}
    # "Short-term investments – 90,422"
    assert items["Short-term investments"].values == (
        (Period("instant", "2023-12-31"), 0.0), (Period("instant", "2024-12-31"), 90422.0))
    # "Amounts due from related parties 56,264 – –" under Non-current assets
    assert items["Non-current assets: Amounts due from related parties"].values == (
        (Period("instant", "2023-12-31"), 56264.0), (Period("instant", "2024-12-31"), 0.0))


def test_unreadable_rows_are_listed_for_the_other_filing(interim_items):
    # "Shares used in the net loss per share computation: 2 (51 472 415 ..." cannot be
    # read: it is listed so an item the other filing prints there is not called added.
    _, unreadable = line_items(read_tables(segment(read_filing(INTERIM))))
    assert ("income", "Shares used in the net loss per share computation") in unreadable
    assert ("balance", "Intangible assets, net Goodwill") in unreadable


@pytest.mark.parametrize(("label", "key"), [
    ("Liabilities", "liability"),  # -ies
    ("Other loss, net", "other loss net"),  # "loss" keeps its double s
    ("Bonus", "bonus"),
    ("Basis", "basis"),
    ("Gas", "gas"),  # three letters: never made singular
    ("Less: Comprehensive loss attributable to non-controlling interests",
     "comprehensive loss attributable to non-controlling interest"),
    ("Of which: goodwill", "goodwill"),
    ("– Public cloud services", "public cloud service"),
    ("Revenue (note 3)", "revenue"),
    ("Turnover (ii)", "revenue"),
    ("Cash and cash equivalents at beginning of the year",
     "cash and cash equivalent at beginning of period"),
    ("Noncurrent assets", "non-current asset"),
    ("Taxation", "tax"),
])
def test_label_keys(label, key):
    assert label_key(label) == key


def test_item_unit_of_a_share_count_row_under_its_sub_header(annual):
    _, tables = annual
    table = next(t for t in tables if t.kind == "income" and any(
        row.label == "Basic and diluted" for row in t.rows))
    rows = [row for row in table.rows if row.label == "Basic and diluted"]
    assert [item_unit(table, row) for row in rows] == ["RMB", "shares"]


# --- periods ---------------------------------------------------------------------------


def test_filing_period_from_the_cover(annual):
    sections, _ = annual
    assert filing_period(sections) == YEAR_2024
    assert filing_period(segment(read_filing(INTERIM))) == HALF_2023


@pytest.mark.parametrize(("cell", "spelled"), [
    ("31/12/11", "31 December 2011"),
    ("1/1/10", "1 January 2010"),
    ("30/06/2009", "30 June 2009"),
    ("32/12/11", "32/12/11"),
    ("0/12/11", "0/12/11"),
    ("30/0/11", "30/0/11"),
    ("30/13/11", "30/13/11"),
    (" 30/06/99 ", "30 June 2099"),
])
def test_day_first_numeric_dates_within_the_calendar(cell, spelled):
    assert spell_numeric_date(cell) == spelled


def test_years_and_dates_in_a_header():
    assert years_in("Dec 31, 2022 RMB\tJun 30, 2023 RMB") == [2022, 2023]
    assert years_in("2,022 12,023 1899 2100 1999") == [1999]
    assert dates_in("June 30, 2023 and 31st December 2022") == [(6, 30), (12, 31)]


@pytest.mark.parametrize(("header", "expected"), [
    # the annual's statements: "For the year ended December 31," over "2023 2024"
    ("For the year ended December 31,\n2023\t2024",
     [YEAR_2023, YEAR_2024]),
    ("For the six months ended June 30,\n2022\t2023",
     [HALF_2022, HALF_2023]),
    ("As at December 31,\n2023\t2024",
     [Period("instant", "2023-12-31"), Period("instant", "2024-12-31")]),
    # the interim's balance sheet: a date over each column, no "as at"
    ("December 31,\t June 30,\n2022\t2023",
     [Period("instant", "2022-12-31"), Period("instant", "2023-06-30")]),
])
def test_column_periods_from_headers(header, expected):
    assert column_periods(header, ["", ""], None) == expected


def test_a_year_alone_takes_the_filings_period():
    # "2023  2024" with no length or date: the filing's own year to 31 December.
    assert column_periods("2023\t2024", ["", ""], YEAR_2024) == [YEAR_2023, YEAR_2024]
    assert column_periods("2022\t2023", ["", ""], HALF_2023) == [HALF_2022, HALF_2023]
    assert column_periods("2023\t2024", ["", ""], None) == [None, None]


def test_a_column_without_its_year_gives_no_period():
    assert column_periods("For the year ended December 31,\n2023", ["", ""], None) == [
        None, None]


def test_spanning_headers_give_each_group_its_length():
    header = "Three Months Ended June 30,\tSix Months Ended June 30,\n2023\t2022\t2023\t2022"
    periods = column_periods(header, ["", "", "", ""], None)
    assert [(p.end, p.months) for p in periods] == [
        ("2023-06-30", 3), ("2022-06-30", 3), ("2023-06-30", 6), ("2022-06-30", 6)]


def test_balance_dates_without_years_on_a_continued_page():
    # Anxin's interim to 30 June 2010 continues its balance sheet under "30 June" and
    # "31 December": 2010-06-30 and 2009-12-31.
    interim = Period("duration", "2010-06-30", 6)
    assert column_periods("30 June\t31 December", ["", ""], interim) == [
        Period("instant", "2010-06-30"), Period("instant", "2009-12-31")]
    # the first column is not the period end: nothing is assumed
    assert column_periods("31 December\t30 June", ["", ""], interim) == [None, None]


# --- captions and header cells ---------------------------------------------------------

CAPTION = "UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF COMPREHENSIVE LOSS"  # 65 chars


@pytest.mark.parametrize(("caption", "kind"), [
    (CAPTION, "income"),
    ("UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS", "balance"),
    ("CONDENSED CONSOLIDATED STATEMENT OF FINANCIAL POSITION", "balance"),
    ("UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF CASH FLOWS", "cash_flows"),
    ("CONSOLIDATED STATEMENTS OF EARNINGS", "income"),
    ("FINANCIAL HIGHLIGHTS", "highlights"),
    ("Reconciliation of GAAP and Non-GAAP Results", "non_gaap"),
    ("NOTES TO THE UNAUDITED CONDENSED CONSOLIDATED FINANCIAL STATEMENTS", ""),
])
def test_statement_kind_from_the_caption(caption, kind):
    from kcdiff.figures.headers import statement_kind

    assert statement_kind(caption) == kind


def test_a_caption_is_short_and_not_a_sentence():
    from kcdiff.figures.headers import is_caption

    assert is_caption(CAPTION)
    # the title itself at most 120 characters; an "(Amounts in ...)" tail does not count
    assert is_caption(CAPTION + " " + "X" * 54)  # 120
    assert not is_caption(CAPTION + " " + "X" * 55)  # 121
    tail = " (Amounts in thousands of Renminbi (\"RMB\"))"
    assert is_caption(CAPTION + tail)
    # at most 300 characters in all
    assert is_caption(CAPTION + " (amounts" + "x" * (300 - len(CAPTION) - 9) + ")"[:0])
    assert not is_caption(CAPTION + " (amounts" + "x" * (301 - len(CAPTION) - 9))
    assert not is_caption(CAPTION + ":")
    assert not is_caption("The statements of comprehensive loss are set out below.")
    assert not is_caption("")


@pytest.mark.parametrize(("cell", "header"), [
    ("For the six months ended June 30,", True),
    ("2022\t2023\t2023", True),
    ("Dec 31, 2022 RMB", True),
    ("Notes\tHK$'000\tHK$'000", True),
    ("RMB'000\tRMB'000\t%", True),
    ("Year-on-year Change", True),
    ("Goodwill 1,129,430 1,040,427", False),
    ("Total revenues", True),  # two words left: still a heading
    ("Selling and marketing expenses", False),  # three words left
])
def test_header_cells(cell, header):
    from kcdiff.figures.headers import is_header_cell

    assert is_header_cell(cell) is header


def test_a_header_cell_is_at_most_160_characters():
    from kcdiff.figures.headers import is_header_cell

    assert is_header_cell("For the six months ended June 30," + " ," * 63 + ",")  # 160
    assert not is_header_cell("For the six months ended June 30," + " ," * 64)  # 161


@pytest.mark.parametrize(("line", "years"), [
    ("2011 2010", True),
    ("\t2023\t2024\t2024", True),
    ("For the year ended 31 December 2008", False),
    ("As at 30 June 2010", False),
    ("At 30th June, 2009", False),
    ("Notes HK$'000 HK$'000", False),
])
def test_year_lines(line, years):
    from kcdiff.figures.headers import is_year_line

    assert is_year_line(line) is years


def test_short_caption_drops_the_amounts_tail():
    from kcdiff.figures.headers import short_caption

    assert short_caption(CAPTION + " (All amounts in thousands, except per share data)") == (
        CAPTION)
    assert short_caption(CAPTION + " (Unaudited)") == CAPTION + " (Unaudited)"


# --- change columns ----------------------------------------------------------------------


def test_a_percentage_column_is_a_change_not_a_period():
    from kcdiff.figures.columns import read_columns
    from kcdiff.figures.labels import RawRow

    # UnitedHealth prints "%" on the first row of its change column only.
    rows = [RawRow("Revenues", ("400,278", "371,622", "6%")),
            RawRow("Earnings from operations", ("32,287", "27,435", "18")),
            RawRow("Net margin", ("5.5", "5.8", "(3)"))]
    header = "Years Ended December 31,\n2024\t2023\tChange"
    columns = read_columns(header, header, ["2024", "2023", ""], rows, None)
    assert [column.change for column in columns] == [False, False, True]
    # A figure of 1,000 or more is not a percentage change: then it is a period column.
    rows[1] = RawRow("Earnings from operations", ("32,287", "27,435", "1,000"))
    columns = read_columns(header, header, ["2024", "2023", ""], rows, None)
    assert columns[2].change is False
    rows[1] = RawRow("Earnings from operations", ("32,287", "27,435", "999"))
    columns = read_columns(header, header, ["2024", "2023", ""], rows, None)
    assert columns[2].change is True


def test_a_column_mostly_of_percentages_without_a_year_is_a_change():
    from kcdiff.figures.columns import read_columns
    from kcdiff.figures.labels import RawRow

    header = "For the year ended December 31,\n2023\t2024"
    # the annual's highlights: "10.5%", "57.7%", "(8.5)%"
    rows = [RawRow("Revenues", ("7,047,461", "7,785,180", "10.5%")),
            RawRow("Gross profit", ("850,169", "1,340,926", "57.7%")),
            RawRow("Loss before income taxes", ("(2,165,688)", "(1,980,566)", "(8.5)"))]
    columns = read_columns(header, header, ["2023", "2024", ""], rows, YEAR_2024)
    assert [column.change for column in columns] == [False, False, True]
    assert [column.period for column in columns[:2]] == [YEAR_2023, YEAR_2024]


# --- a statement printed twice, one copy's label garbled --------------------------------

TWICE = """UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS

\tAs at December 31,\tAs at December 31,
\t2023\t2024
\tRMB'000\tRMB'000
Current assets:\t\t
Restricted cash\t234,194\t81,337
Short-term investments\t–\t90,422

CONDENSED CONSOLIDATED BALANCE SHEETS (CONTINUED)

\tAs at December 31,\tAs at December 31,
\t2023\t2024
\tRMB'000\tRMB'000
Current assets:\t\t
Restricted cash Accounts\t234,194\t81,337
Short-term invest- ments\t–\t90,422
"""


def test_a_garbled_label_with_two_figures_alike_is_the_same_item():
    from kcdiff.ingest import parse_text

    items = line_items(read_tables(segment(parse_text(TWICE, "annual.txt"))))[0]
    by_label = {item.label: item for item in items}
    # Two figures, both not nil, both equal: the garbled label is an alias.
    assert by_label["Restricted cash"].aliases == ("Restricted cash Accounts",)
    assert "Restricted cash Accounts" not in by_label
    # One figure not nil is too little to tell: kept apart, never merged by chance.
    assert by_label["Short-term investments"].aliases == ()
    assert "Short-term invest- ments" in by_label


def test_the_reporting_currency_is_the_one_most_columns_print(interim_items):
    # RMB, RMB, US$: the items hold the two RMB figures.
    assert len(interim_items["Gross profit"].values) == 2
    assert interim_items["Gross profit"].values[1] == (HALF_2023, 400791.0)
