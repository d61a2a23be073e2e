"""Tables read from the samples (tab-separated) and the Anxin PDFs (flattened columns).

Every expected figure here was read off the document by hand."""

from __future__ import annotations

import pytest

from kcdiff.figures.items import item_unit
from kcdiff.figures.periods import Period
from kcdiff.figures.tables import read_tables
from kcdiff.figures.values import read_cell
from kcdiff.ingest import read_filing
from kcdiff.segment import segment


@pytest.fixture(scope="module")
def interim(interim_path):
    return read_tables(segment(read_filing(interim_path)))


@pytest.fixture(scope="module")
def annual(annual_path):
    return read_tables(segment(read_filing(annual_path)))


def find(tables, kind, label, section=""):
    for table in tables:
        if table.kind == kind and table.section.startswith(section):
            for row in table.rows:
                if row.label == label:
                    return table, row
    raise AssertionError(f"no {kind} row {label!r}")


def figures(table, row):
    return {
        (column.period, column.currency): cell.value
        for column, cell in zip(table.columns, row.cells, strict=True) if column.period
    }


H1_2022 = Period("duration", "2022-06-30", 6)
H1_2023 = Period("duration", "2023-06-30", 6)
FY_2023 = Period("duration", "2023-12-31", 12)
FY_2024 = Period("duration", "2024-12-31", 12)


@pytest.mark.parametrize(
    ("text", "value", "status"),
    [
        ("(1,234)", -1234.0, "value"),
        ("4,080,307", 4080307.0, "value"),
        ("–", None, "nil"),
        ("_", None, "nil"),
        ("", None, "nil"),
        ("-9.3%", -9.3, "value"),
        ("(8.5)%", -8.5, "value"),
        ("(0.37)", -0.37, "value"),
        ("(HK14.92 cents)", -14.92, "value"),
        ("2 (51 472 415", None, "unreadable"),  # the interim's garbled share count
        ("1,612,022 246,505", None, "unreadable"),  # two columns in one cell
        ("(5.620)", None, "unreadable"),  # a dot that may be a thousands mark
    ],
)
def test_printed_figures(text, value, status):
    cell = read_cell(text)
    assert (cell.value, cell.status) == (value, status)


def test_interim_statement_columns_are_six_month_periods(interim):
    table, row = find(interim, "income", "Total revenues", "UNAUDITED")
    assert figures(table, row) == {
        (H1_2022, "RMB"): 4080307.0, (H1_2023, "RMB"): 3699803.0, (H1_2023, "US$"): 510226.0,
    }
    assert item_unit(table, row) == "RMB'000"


def test_same_year_label_is_a_different_period_in_the_annual(annual):
    table, row = find(annual, "income", "Total revenues", "UNAUDITED")
    assert figures(table, row)[(FY_2023, "RMB")] == 7047461.0
    assert figures(table, row)[(FY_2024, "RMB")] == 7785180.0
    assert FY_2023 != H1_2023


def test_notes_column_is_kept_apart(interim):
    table, row = find(interim, "income", "Public cloud services", "UNAUDITED")
    assert row.note == "3"
    assert [cell.value for cell in row.cells] == [2669951.0, 2313183.0, 319003.0]


def test_wrapped_label_is_joined(interim):
    table, row = find(interim, "income", "Net loss attributable to Kingsoft Cloud Holdings "
                                         "Limited", "UNAUDITED")
    assert [cell.value for cell in row.cells] == [-1356246.0, -1106333.0, -152572.0]


def test_balance_sheet_instants_and_sub_headers(interim):
    table, row = find(interim, "balance", "Cash and cash equivalents")
    assert row.group == "Current assets"
    assert figures(table, row) == {
        (Period("instant", "2022-12-31"), "RMB"): 3419166.0,
        (Period("instant", "2023-06-30"), "RMB"): 3708696.0,
        (Period("instant", "2023-06-30"), "US$"): 511453.0,
    }
    _, total = find(interim, "balance", "Total liabilities, non-controlling interests and "
                                        "shareholders' equity")
    assert total.cells[0].value == 17316231.0


def test_garbled_share_count_is_unreadable_not_guessed(interim):
    table, row = find(interim, "income", "Shares used in the net loss per share computation",
                      "KINGSOFT")
    assert [cell.text for cell in row.cells][0] == "2 (51 472 415"
    assert all(cell.status == "unreadable" and cell.value is None for cell in row.cells)


def test_header_run_together_gives_no_period(interim):
    # The MD&A copy prints "2022 | 2022 2023": two columns cannot both be H1 2022.
    table, _ = find(interim, "income", "Public cloud services", "KINGSOFT")
    assert all(column.period is None for column in table.columns)


def test_highlights_change_column(annual):
    table, row = find(annual, "highlights", "Loss before income taxes")
    assert [column.change for column in table.columns] == [False, False, True]
    assert row.cells[2].value == -8.5


def test_anxin_annual_pdf_income_statement(anxin):
    tables = read_tables(anxin("2009-04-24_annual-results_en"))
    fy2008, fy2007 = Period("duration", "2008-12-31", 12), Period("duration", "2007-12-31", 12)
    table, row = find(tables, "income", "Sales of pharmaceutical products")
    assert row.note == "3"
    assert figures(table, row) == {(fy2008, "HK$"): 422321.0, (fy2007, "HK$"): 411990.0}
    assert item_unit(table, row) == "HK$'000"
    _, eps = find(tables, "income", "\u2013 Basic and diluted")  # the filing's own dash
    assert [cell.value for cell in eps.cells] == [5.07, 20.49]
    # "HK5.07 cents" per share: never HK$'000.
    assert item_unit(table, eps) == "HK cents"
    _, tax = find(tables, "balance", "Tax recoverable")
    assert [cell.status for cell in tax.cells] == ["value", "nil"]


def test_anxin_interim_pdf_wrapped_uppercase_label_and_two_dates(anxin):
    tables = read_tables(anxin("2009-09-28_interim-results_en"))
    table, row = find(tables, "income", "GENERAL AND ADMINISTRATIVE EXPENSES")
    assert [cell.value for cell in row.cells] == [-17910.0, -16948.0]
    table, row = find(tables, "balance", "Property, plant and equipment")
    assert row.note == "9"
    assert figures(table, row) == {
        (Period("instant", "2009-06-30"), "HK$"): 542982.0,
        (Period("instant", "2008-12-31"), "HK$"): 569903.0,
    }
    assert row.group == "NON-CURRENT ASSETS"


def test_pdf_notes_column_and_day_first_dates(corpus):
    """Anxin's balance sheet: only some rows print a note number, and the columns are
    headed "30/06/11" and "31/12/10"."""
    from kcdiff.figures.tables import read_tables
    from kcdiff.ingest import read_filing
    from kcdiff.segment import segment

    path = corpus / "hkex_anxin-china_1149/en/2011-08-24_interim-results_en.pdf"
    section = next(s for s in segment(read_filing(path)) if "FINANCIAL POSITION" in s.title)
    table = read_tables([section])[0]
    assert [c.describe for c in table.columns] == ["as at 2011-06-30", "as at 2010-12-31"]
    rows = {row.label: row for row in table.rows}
    assert rows["Property, plant and equipment"].note == "10"
    assert [c.value for c in rows["Property, plant and equipment"].cells] == [117466, 18300]
    assert [c.value for c in rows["Goodwill"].cells] == [1040427, 1040427]


def test_numeric_dates_are_spelled_day_first():
    from kcdiff.figures.periods import spell_numeric_date

    assert spell_numeric_date("30/06/11") == "30 June 2011"
    assert spell_numeric_date("31/12/2010") == "31 December 2010"
    assert spell_numeric_date("13/13/11") == "13/13/11"
    assert spell_numeric_date("1,234") == "1,234"


def test_note_references_and_units_are_not_unreadable_figures():
    from kcdiff.figures.values import read_cell

    assert read_cell("Beneficial owner (Note 3)").status == "text"
    assert read_cell("HK$\u2019000").status == "text"
    assert read_cell("HK(14.92 cents)").value == -14.92
    assert read_cell("2 (51 472 415").status == "unreadable"


def test_us_dollar_figures_and_cells_that_are_not_figures():
    from kcdiff.figures.values import read_cell

    assert read_cell("$(4,542)").value == -4542
    assert read_cell("-1,234").value == -1234
    for text in ("94-2404110", "8-K", "Approximate Dollar Value of Shares (1)",
                 "Officer\u2019s Certificate, including forms of the 4.000% Notes due 2030"):
        assert read_cell(text).status == "text", text


def test_edgar_10q_tables_give_figures_and_no_false_findings(corpus):
    from dataclasses import replace

    from kcdiff.compare import compare
    from kcdiff.ingest import read_filing

    # The printed tables, without the inline-XBRL facts that would otherwise replace them
    # (tests/test_facts.py covers those).
    folder = corpus / "sec_edgartools_html"
    old, new = (replace(read_filing(folder / name), facts=())
                for name in ("aapl_10-Q_FY2025Q2_2025-03-29.htm",
                             "aapl_10-Q_FY2025Q3_2025-06-28.html"))
    report = compare(old, new)
    cash = next(f for f in report.figures if f.item == "Cash and cash equivalents"
                and "BALANCE SHEETS" in f.table)
    # Apple's balance sheets: $28,162 million at 29 March, $36,269 million at 28 June 2025.
    assert (cash.old_value, cash.new_value) == (28162, 36269)
    assert (cash.old_period, cash.period) == ("as at 2025-03-29", "as at 2025-06-28")
    assert [c for c in report.checks if c.severity == "error"] == []
    assert len(report.checks) <= 2


def test_footnote_marker_after_a_pdf_label_is_not_a_value():
    # PDF text keeps no columns: "Revenue (1) 1,234 1,100" under "2011 2010" holds two
    # figures and a footnote marker, never three figures.
    from kcdiff.model import Block, Section

    text = ("CONSOLIDATED INCOME STATEMENT\n2011 2010\nHK$'000 HK$'000\n"
            "Revenue (1) 1,234 1,100\nCost of sales (2) (500) (450)\nGross profit 734 650")
    section = Section(0, "CONSOLIDATED INCOME STATEMENT FOR THE YEAR ENDED 31 DECEMBER 2011",
                      "", 1, "statements", (Block("paragraph", text),))
    (table,) = read_tables([section])
    rows = {row.label: (row.note, row.values) for row in table.rows}
    assert rows == {"Revenue": ("1", (1234, 1100)), "Cost of sales": ("2", (-500, -450)),
                    "Gross profit": ("", (734, 650))}


@pytest.mark.parametrize(
    ("labels", "instants", "durations", "kind"),
    [
        (["Cash", "Total assets", "Total liabilities and equity"], True, False, "balance"),
        (["Cash", "Total assets", "Total liabilities and equity"], False, True, ""),
        (["Net cash provided by operating activities",
          "Net cash used in investing activities"], False, True, "cash_flows"),
        (["Revenues", "Cost of revenues", "Net income"], False, True, "income"),
        (["Revenues", "Cost of revenues"], False, True, ""),  # no bottom line: a breakdown
        (["Total assets"], True, False, ""),
    ],
)
def test_statement_told_by_its_rows(labels, instants, durations, kind):
    from kcdiff.figures.headers import kind_from_rows

    assert kind_from_rows(labels, instants, durations) == kind


@pytest.mark.parametrize(
    ("header", "months"),
    [
        ("Years ended\nSeptember 24,\n2022\nSeptember 25,\n2021", 12),
        ("52 Weeks Ended\nAugust 28,\n2022\nAugust 29,\n2021", 12),
        ("53 Weeks Ended\nSeptember 3,\n2023\nAugust 28,\n2022", 12),
        ("13 Weeks Ended\nMay 7,\n2023\nMay 8,\n2022", 3),
        ("Quarters Ended June 30,\n2023\t2022", 3),
    ],
)
def test_fiscal_years_and_weeks_name_the_column_length(header, months):
    # US retailers and Apple count their fiscal periods as "Years ended" or in weeks.
    from kcdiff.figures.periods import column_periods

    periods = column_periods(header, ["", ""], None)
    assert [period.kind for period in periods] == ["duration", "duration"]
    assert {period.months for period in periods} == {months}


def test_weeks_ended_is_a_header_cell_not_a_figure():
    from kcdiff.figures.headers import is_header_cell

    assert is_header_cell("52 Weeks Ended")
    assert not is_header_cell("52 Weeks Ended 4,224")


def _pdf_row(tables, label, kind="income"):
    return next(row for table in tables if table.kind == kind for row in table.rows
                if row.label == label), next(
        table for table in tables if table.kind == kind
        for row in table.rows if row.label == label)


def test_apple_10k_pdf_years_ended_are_year_long_periods(corpus):
    # APPLE_2022_10K.pdf p.32: "Years ended" over one line per column ("September 24," /
    # "2022"); Total net sales 394,328 / 365,817 / 274,515 (US$ million), three fiscal
    # years, not three balance sheet dates.
    tables = read_tables(segment(read_filing(corpus / "sec_financebench_pdf/APPLE_2022_10K.pdf")))
    row, table = _pdf_row(tables, "Total net sales")
    assert [cell.value for cell in row.cells] == [394328, 365817, 274515]
    assert [(column.period.kind, column.period.end, column.period.months)
            for column in table.columns] == [("duration", "2022-09-24", 12),
                                             ("duration", "2021-09-25", 12),
                                             ("duration", "2020-09-26", 12)]


def test_costco_10k_pdf_52_weeks_ended(corpus):
    # COSTCO_2022_10K.pdf p.36: "52 Weeks Ended" over August 28, 2022 / August 29, 2021 /
    # August 30, 2020; Total revenue 226,954 / 195,929 / 166,761.
    tables = read_tables(segment(read_filing(corpus / "sec_more_pdf/COSTCO_2022_10K.pdf")))
    row, table = _pdf_row(tables, "Total revenue")
    assert [cell.value for cell in row.cells] == [226954, 195929, 166761]
    assert [(column.period.kind, column.period.end, column.period.months)
            for column in table.columns] == [("duration", "2022-08-28", 12),
                                             ("duration", "2021-08-29", 12),
                                             ("duration", "2020-08-30", 12)]


def test_ebay_pdf_caption_over_the_columns_names_the_statement(corpus):
    # EBAY_2023Q1_EARNINGS.pdf p.7 prints "Unaudited Condensed Consolidated Balance Sheet",
    # then "March 31, 2023 / December 31, 2022", "(In millions)" over the columns;
    # Goodwill 4,287 and 4,262. The caption lines are the table's header, not figures.
    tables = read_tables(segment(read_filing(
        corpus / "sec_financebench_pdf/EBAY_2023Q1_EARNINGS.pdf")))
    row, table = _pdf_row(tables, "Goodwill", kind="balance")
    assert table.statement == "Unaudited Condensed Consolidated Balance Sheet"
    assert [cell.value for cell in row.cells] == [4287, 4262]
    assert [column.period for column in table.columns] == [
        Period("instant", "2023-03-31"), Period("instant", "2022-12-31")]


def test_mcdonalds_inc_dec_column_is_a_change_not_a_period(corpus):
    # MCDONALDS_2023Q2_EARNINGS.pdf p.5: "Quarters Ended June 30, | 2023 | 2022 | Inc/ (Dec)"
    # then a per cent column; OPERATING INCOME 3,104.1 | 1,711.8 | 1,392.3 | 81.
    tables = read_tables(segment(read_filing(
        corpus / "sec_financebench_pdf/MCDONALDS_2023Q2_EARNINGS.pdf")))
    row, table = _pdf_row(tables, "OPERATING INCOME")
    assert [cell.value for cell in row.cells] == [3104.1, 1711.8, 1392.3, 81]
    assert [column.period for column in table.columns] == [
        Period("duration", "2023-06-30", 3), Period("duration", "2022-06-30", 3), None, None]
    assert [column.change for column in table.columns] == [False, False, True, True]


# A statement over a page break, as PDFium gives Fullshare's 2023 interim report (p.9-10):
# the column headers once, a "Note" column, and the rows of the next page after a
# sub-header set apart, each row without a note one cell short.
_PAGE_BREAK = """INTERIM CONDENSED CONSOLIDATED STATEMENT OF FINANCIAL POSITION

\t30 June\t31 December
\t2023\t2022
\tNote\tRMB'000\tRMB'000
Non-current assets
Loan receivables\t18(i)\t131,617\t145,058
Goodwill\t1,503,817\t1,503,817
\t1,635,434\t1,648,875

{between}

Inventories\t8,508,030\t6,932,870
Loan receivables\t18(i)\t791,221\t725,606
"""


def _rows(text):
    from kcdiff.ingest import parse_text

    return [(table.kind, row.group, row.label, [cell.value for cell in row.cells],
             [column.period.end if column.period else None for column in table.columns])
            for table in read_tables(segment(parse_text(text, "filing.txt")))
            for row in table.rows]


def test_rows_over_a_page_break_go_on_under_the_columns_and_sub_header_above():
    rows = _rows(_PAGE_BREAK.format(between="Current assets"))
    dates = ["2023-06-30", "2022-12-31"]
    assert ("balance", "Current assets", "Inventories", [8508030, 6932870], dates) in rows
    assert ("balance", "Current assets", "Loan receivables", [791221, 725606], dates) in rows
    assert ("balance", "Non-current assets", "Loan receivables", [131617, 145058],
            dates) in rows


def test_a_label_the_pdf_set_apart_begins_the_row_below_it():
    # Fullshare's 2023 interim cash flows (p.15): "Purchases of financial assets at fair
    # value" above the row "through profit or loss  –  (81,777)".
    text = _PAGE_BREAK.format(between="Loans to associates at fair value").replace(
        "Inventories\t", "through profit or loss\t")
    labels = [label for _, _, label, _, _ in _rows(text)]
    assert "Loans to associates at fair value through profit or loss" in labels


def test_rows_after_another_statements_title_do_not_take_the_columns_above():
    rows = _rows(_PAGE_BREAK.format(between="CONSOLIDATED STATEMENT OF CASH FLOWS"))
    assert not [label for _, _, label, _, periods in rows
                if label == "Inventories" and any(periods)]


def _statement_rows(between, second):
    """The rows read from one section: the top of Fullshare's page-break table, then a
    paragraph ``between`` it and the table block ``second``, as a PDF page prints a
    title inside a section."""
    from kcdiff.model import Block, Section

    first = (("", "30 June", "31 December"), ("", "2023", "2022"),
             ("", "Note", "RMB'000", "RMB'000"),
             ("Loan receivables", "18(i)", "131,617", "145,058"))
    blocks = (Block("paragraph", "INTERIM CONDENSED CONSOLIDATED STATEMENT OF FINANCIAL "
                    "POSITION"), Block("table", "", first), Block("paragraph", between),
              Block("table", "", second))
    section = Section(0, "Financial statements", "", 1, "statements", blocks)
    return {(table.kind, row.label, row.values): [
        column.period.end if column.period else None for column in table.columns]
        for table in read_tables([section]) for row in table.rows}


def test_a_statement_title_ends_the_rows_that_go_on_from_the_table_above():
    # Rows with as many figure columns as the balance sheet, under the cash flow
    # statement's title, are not the balance sheet's: they take none of its periods.
    rows = _statement_rows("CONDENSED CONSOLIDATED STATEMENT OF CASH FLOWS", (
        ("Depreciation", "8,508", "6,932"), ("Interest income", "(791)", "(725)")))
    assert rows[("cash_flows", "Depreciation", (8508, 6932))] == [None, None]
    assert not [key for key in rows if key[0] == "balance" and key[1] != "Loan receivables"]


def test_a_title_of_the_same_statement_continued_keeps_its_columns():
    # "... (continued)" at the top of the next page: the rows go on under the columns
    # above, the row without a note one cell short (Fullshare's 2023 interim, p.10).
    rows = _statement_rows(
        "INTERIM CONDENSED CONSOLIDATED STATEMENT OF FINANCIAL POSITION (continued)",
        (("Inventories", "8,508,030", "6,932,870"),
         ("Loan receivables", "18(i)", "791,221", "725,606")))
    dates = ["2023-06-30", "2022-12-31"]
    assert rows[("balance", "Inventories", (8508030, 6932870))] == dates
    assert rows[("balance", "Loan receivables", (791221, 725606))] == dates


def _beside_rows(title, number=""):
    """The rows of a section beside a balance sheet (same parent), the segmenter having
    opened it at ``title`` at the top of a page that opens with rows of figures."""
    from kcdiff.model import Block, Section

    first = (("", "30 June", "31 December"), ("", "2010", "2009"),
             ("", "Notes", "HK$'000", "HK$'000"), ("Goodwill", "", "660,225", "660,225"))
    rows = (("Share capital", "12", "146,128", "100,430"),
            ("Deferred tax liabilities", "", "12,984", "14,759"))
    sections = [Section(0, "Results", "", 0, "other", ()),
                Section(1, "CONDENSED CONSOLIDATED STATEMENT OF FINANCIAL POSITION", "", 1,
                        "statements", (Block("table", "", first),), parent=0),
                Section(2, title, number, 1, "other", (Block("table", "", rows),), parent=0)]
    return {row.label: (table.kind, [column.period.end if column.period else None
                                     for column in table.columns])
            for table in read_tables(sections) for row in table.rows}


def test_a_statement_goes_on_under_a_sub_heading_set_beside_it():
    # Anxin's Chinese 2010 interim (p.3-4): 資本及儲備 opens p.4 with the balance sheet's rows.
    rows = _beside_rows("CAPITAL AND RESERVES")
    dates = ["2010-06-30", "2009-12-31"]
    assert rows["Share capital"] == ("balance", dates)
    assert rows["Deferred tax liabilities"] == ("balance", dates)


@pytest.mark.parametrize(("title", "number"), [
    ("CONDENSED CONSOLIDATED STATEMENT OF CASH FLOWS", ""),  # another statement
    ("SHARE CAPITAL", "12"),  # a numbered note
])
def test_a_section_beside_a_statement_that_is_not_its_sub_heading_starts_anew(
        title, number):
    rows = _beside_rows(title, number)
    for label in ("Share capital", "Deferred tax liabilities"):
        assert rows[label][0] != "balance" and not any(rows[label][1])


def test_a_second_statement_of_the_same_kind_is_named_by_its_own_title():
    # HKEX reports may print a statement of profit or loss and then one of profit or
    # loss and other comprehensive income, both income statements, in one section.
    from kcdiff.model import Block, Section

    header = (("", "2023", "2022"), ("", "RMB'000", "RMB'000"))
    first, second = ("CONSOLIDATED STATEMENT OF PROFIT OR LOSS",
                     "CONSOLIDATED STATEMENT OF PROFIT OR LOSS AND OTHER COMPREHENSIVE INCOME")
    blocks = (Block("paragraph", first), Block("table", "", (*header, ("Revenue", "10", "9"))),
              Block("paragraph", second),
              Block("table", "", (*header, ("Total comprehensive income", "8", "7"))))
    section = Section(0, "Financial statements", "", 1, "statements", blocks)
    names = {row.label: table.statement for table in read_tables([section])
             for row in table.rows}
    assert names == {"Revenue": first, "Total comprehensive income": second}


def test_a_sentence_above_the_rows_is_not_part_of_a_label():
    rows = _rows(_PAGE_BREAK.format(between="The notes form part of these statements."))
    assert ("balance", "", "Inventories", [8508030, 6932870],
            ["2023-06-30", "2022-12-31"]) in rows


def test_rows_that_go_on_stay_under_the_sub_header_a_subtotal_has_not_closed():
    # Without the non-current subtotal at the foot of the first page, the rows of the
    # next page are still non-current assets; after it (the case above), under none.
    text = _PAGE_BREAK.format(between="The notes form part of these statements.").replace(
        "\t1,635,434\t1,648,875\n", "")
    assert ("balance", "Non-current assets", "Inventories", [8508030, 6932870],
            ["2023-06-30", "2022-12-31"]) in _rows(text)


@pytest.mark.parametrize(("caption", "kind"), [
    ("INTERIM CONDENSED CONSOLIDATED STATEMENT OF PROFIT OR LOSS", "income"),
    ("Consolidated Statement of Profit or Loss and Other Comprehensive Income", "income"),
    # Anxin's segment notes (2010, 2011 and 2013 annual results): "profit or loss" in a
    # note's title names no statement. Read as one, their assets were compared as a
    # year's income, "Consolidated total assets, year ended 31 December 2012" added.
    ("ii) Reconciliations of reportable segment profit or loss, assets and liabilities", ""),
    ("(b) Reconciliations of reportable segment revenues, profit or loss, assets and "
     "liabilities", ""),
])
def test_a_statement_is_named_by_its_title_not_by_words_a_note_shares(caption, kind):
    from kcdiff.figures.headers import statement_kind

    assert statement_kind(caption) == kind
