"""Figure comparison on the sample pair, on a filing against an edited copy of itself,
and on two Anxin PDFs. Expected figures were read off the documents by hand."""

from __future__ import annotations

import pytest

from kcdiff.figures.compare import align_items, compare_figures
from kcdiff.figures.items import label_key
from kcdiff.figures.tables import read_tables
from kcdiff.ingest import parse_text, read_filing
from kcdiff.model import FigureChange, LineItem, Period
from kcdiff.segment import segment


def tables_of(path):
    return read_tables(segment(read_filing(path)))


@pytest.fixture(scope="module")
def sample_figures(interim_path, annual_path):
    return compare_figures(tables_of(interim_path), tables_of(annual_path))


def entry(figures, item, status="changed"):
    found = [figure for figure in figures if figure.item == item and figure.status == status]
    assert len(found) == 1, (item, found)
    return found[0]


def restatements(figures):
    """(item, old value, new value, period) of each restated figure."""
    return {(f.item, f.old_value, f.new_value, f.period)
            for f in figures if f.status == "restated"}


@pytest.mark.parametrize(
    ("item", "old", "new", "old_period", "period", "source"),
    [
        # The interim's six months cannot be set against the annual's year: the annual's
        # own 2023 column is the comparison (values read off the annual's statements).
        ("Total revenues", 7047461, 7785180, "year ended 2023-12-31", "year ended 2024-12-31",
         "new"),
        ("Net loss", -2183647, -1979042, "year ended 2023-12-31", "year ended 2024-12-31",
         "new"),
        ("Cost of revenues", -6197292, -6444254, "year ended 2023-12-31",
         "year ended 2024-12-31", "new"),
        # Two balance sheet dates are alike: the interim's 30 June against 31 December.
        ("Cash and cash equivalents", 3708696, 2648764, "as at 2023-06-30", "as at 2024-12-31",
         "old"),
    ],
)
def test_sample_pair_compares_like_for_like(sample_figures, item, old, new, old_period,
                                            period, source):
    figure = entry(sample_figures, item)
    assert (figure.old_value, figure.new_value) == (old, new)
    assert (figure.old_period, figure.period, figure.old_source) == (old_period, period, source)
    assert figure.unit == "RMB'000"


def test_sample_pair_never_sets_six_months_against_a_year(sample_figures):
    changed = [figure for figure in sample_figures if figure.status == "changed"]
    assert changed
    for figure in changed:
        instants = (figure.old_period_start, figure.period_start) == ("", "")
        assert instants or (figure.old_period_start[5:], figure.period_start[5:]) == (
            "01-01", "01-01"), figure
    revenues = entry(sample_figures, "Total revenues")
    assert (revenues.old_period_start, revenues.old_period_end) == ("2023-01-01", "2023-12-31")
    assert (revenues.period_start, revenues.period_end) == ("2024-01-01", "2024-12-31")


def test_growing_cost_and_shrinking_loss_read_by_size(sample_figures):
    # Cost of revenues (6,197,292) -> (6,444,254): the cost grew.
    assert entry(sample_figures, "Cost of revenues").direction == "larger"
    # Net loss (2,183,647) -> (1,979,042): the loss shrank.
    assert entry(sample_figures, "Net loss").direction == "smaller"
    # Other income (expense), net 100,363 -> (6,382): income became an expense.
    assert entry(sample_figures, "Other income (expense), net").direction == "reversed"


def test_sample_pair_aligns_renamed_items(sample_figures):
    borrowings = entry(sample_figures, "Short-term borrowings")
    assert borrowings.old_item == "Short-term bank loans"
    # The interim's June 2023 cell is unreadable ("989,331 50,675"): rather than mix in
    # December 2022, the annual's own comparison is given (1,110,896 -> 2,225,765).
    assert (borrowings.old_value, borrowings.new_value) == (1110896, 2225765)
    assert (borrowings.old_period, borrowings.old_source) == ("as at 2023-12-31", "new")
    assert entry(sample_figures, "Other income (expense), net").old_item == "Other income, net"
    assert entry(sample_figures, "Other loss, net").old_value == -32673


def test_sample_pair_has_no_restatement_and_few_one_sided_items(sample_figures):
    assert not [figure for figure in sample_figures if figure.status == "restated"]
    one_sided = {(f.status, f.item) for f in sample_figures if f.status in ("added", "removed")}
    # Long-term borrowings are a new line of the annual's balance sheet. Impairment of
    # long-lived assets is a new line of its income statement, but the interim prints it
    # too (185,135 in its non-GAAP reconciliation): not news, so not "added".
    assert one_sided == {("added", "Long-term borrowings")}


def test_unchanged_value_is_not_listed(sample_figures):
    # Goodwill is 4,605,724 in both, but the interim's row is garbled ("Intangible assets,
    # net Goodwill"): it is neither changed nor reported as added.
    assert not [figure for figure in sample_figures if figure.item == "Goodwill"]


def test_one_edited_comparative_is_exactly_one_restatement(annual_path):
    text = annual_path.read_text(encoding="utf-8")
    printed = "Accounts receivable, net\t4\t1,529,915\t1,468,663"
    assert text.count(printed) == 1
    edited = text.replace(printed, "Accounts receivable, net\t4\t1,592,915\t1,468,663")
    original = read_tables(segment(parse_text(text, "annual.txt")))
    copy = read_tables(segment(parse_text(edited, "copy.txt")))
    figures = compare_figures(original, copy)
    assert len(figures) == 1
    figure = figures[0]
    assert (figure.status, figure.item, figure.period) == (
        "restated", "Accounts receivable, net", "as at 2023-12-31")
    assert (figure.old_value, figure.new_value) == (1529915, 1592915)


def test_filing_against_itself_has_no_figures(annual_path):
    tables = tables_of(annual_path)
    assert compare_figures(tables, tables) == []


def test_anxin_annual_to_interim(anxin):
    old = read_tables(anxin("2009-04-24_annual-results_en"))
    new = read_tables(anxin("2009-09-28_interim-results_en"))
    figures = compare_figures(old, new)
    # The interim's 31 December 2008 column repeats the annual's figures unchanged.
    assert not [figure for figure in figures if figure.status == "restated"]
    plant = entry(figures, "Property, plant and equipment")
    assert (plant.old_value, plant.new_value) == (569903, 542982)
    assert (plant.old_period, plant.period) == ("as at 2008-12-31", "as at 2009-06-30")
    # The interim's six months are compared with its own six months of 2008, never with
    # the annual's year: gross profit 87,408 -> (2,468).
    gross = entry(figures, "GROSS (LOSS)/PROFIT")
    assert (gross.old_value, gross.new_value, gross.old_source) == (87408, -2468, "new")
    assert (gross.old_period, gross.period) == ("six months ended 2008-06-30",
                                                "six months ended 2009-06-30")
    # Earnings per share are in HK cents, never in HK$'000.
    eps = [figure for figure in figures if "BASIC AND DILUTED" in figure.item]
    assert eps and all(figure.unit == "HK cents" for figure in eps)


def test_html_lists_figures_per_statement_and_min_change_hides_small_moves(interim_path,
                                                                           annual_path):
    from kcdiff.compare import compare_files
    from kcdiff.render import render_html

    report = compare_files(interim_path, annual_path)
    html = render_html(report)
    assert "<h3>UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS</h3>" in html
    row = html.split("<td>Cash and cash equivalents</td>")[1].split("</tr>")[0]
    assert '<td class="num">3,708,696</td>' in row and '<td class="num">2,648,764</td>' in row
    # 3,708,696 - 2,648,764 = 1,059,932, 28.6% of 3,708,696: smaller, whatever the sign.
    assert "smaller by 1,059,932 (-28.6%)" in row
    # The periods are named once per statement, in its header row, not on every row.
    balance = html.split("<h3>UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS</h3>")[1]
    header = balance.split("</tr>")[0]
    assert '<th class="num period">at 30 Jun 2023</th>' in header
    assert '<th class="num period">at 31 Dec 2024</th>' in header
    assert "at 30 Jun 2023" not in row
    # Short-term borrowings: the interim's June 2023 cell is garbled, so the annual's own.
    loans = html.split("Short-term borrowings")[1].split("</tr>")[0]
    assert "compared: at 31 Dec 2023 (as the new filing prints it) → at 31 Dec 2024" in loans
    # Cash moved -28.6%, property and equipment +175.4%: only the larger one stays.
    filtered = render_html(report, min_change=150)
    assert "Cash and cash equivalents" not in filtered.split('id="figures"')[1]
    assert "Property and equipment, net" in filtered
    assert len(report.to_json()["figures"]) == len(report.figures)  # JSON keeps them all
    assert report.summary.figures_restated == 0
    assert report.summary.checks == len(report.checks)


def test_html_puts_restatements_first(annual_path, tmp_path):
    from kcdiff.compare import compare_files
    from kcdiff.render import render_html

    text = annual_path.read_text(encoding="utf-8")
    copy = tmp_path / "copy.txt"
    copy.write_text(text.replace("Goodwill\t\t4,605,724\t4,605,724",
                                 "Goodwill\t\t4,650,724\t4,605,724"), encoding="utf-8")
    report = compare_files(annual_path, copy)
    assert [(f.status, f.item) for f in report.figures] == [("restated", "Goodwill")]
    assert report.summary.figures_restated == 1
    html = render_html(report)
    assert report.checks and report.new_board  # both are shown, after the restatement
    # Restatements first, then the board; reading problems and checks last.
    assert html.index('id="restatements"') < html.index('id="board"') < html.index('id="checks"')


def test_nil_is_a_value_not_a_missing_row(sample_figures):
    # Non-current amounts due from related parties: 6,389 at 30 June 2023 in the interim,
    # printed "–" at 31 December 2024 in the annual: it fell to nil, it did not vanish.
    figure = entry(sample_figures, "Non-current assets: Amounts due from related parties")
    assert (figure.old_value, figure.new_value) == (6389, 0)
    assert figure.direction == "smaller"


@pytest.fixture(scope="module")
def anxin_restated(anxin):
    old = read_tables(anxin("2010-08-30_interim-results_en"))
    new = read_tables(anxin("2011-03-30_annual-results_en"))
    return compare_figures(old, new)


def test_anxin_annual_restates_the_interims_december_2009_figures(anxin_restated):
    # Note 2 of the 2010 annual, "RESTATEMENT OF PRIOR PERIOD FIGURES": goodwill at
    # 31 December 2009 660,225 as originally stated, 1,040,427 restated; the loan
    # component of the convertible notes 679,856 -> 564,354 (the interim's "Convertible
    # bonds"); total assets less current liabilities rises by the goodwill restatement,
    # 1,056,054 -> 1,436,256; the interim's "Reserves" 246,417, printed by the annual
    # between the same rows as "Share premium and reserves", 742,121; and "TOTAL EQUITY
    # ATTRIBUTABLE TO OWNERS OF THE COMPANY" 346,847 -> 842,551 (all read off the two
    # statements of financial position).
    restated = {(f.item, f.old_item, f.old_value, f.new_value, f.period)
                for f in anxin_restated if f.status == "restated"}
    assert restated == {
        ("Goodwill", "", 660225, 1040427, "as at 2009-12-31"),
        ("Convertible notes", "Convertible bonds", 679856, 564354, "as at 2009-12-31"),
        ("Total Assets less Current Liabilities", "TOTAL ASSETS LESS CURRENT LIABILITIES",
         1056054, 1436256, "as at 2009-12-31"),
        ("Share premium and reserves", "Reserves", 246417, 742121, "as at 2009-12-31"),
        ("Equity attributable to owners of the Company",
         "TOTAL EQUITY ATTRIBUTABLE TO OWNERS OF THE COMPANY", 346847, 842551,
         "as at 2009-12-31"),
    }


def test_anxin_restated_goodwill_is_not_a_movement(anxin_restated):
    # On the restated basis goodwill is 1,040,427 at both year ends: it did not move.
    assert not [f for f in anxin_restated if f.item == "Goodwill" and f.status == "changed"]
    notes = entry(anxin_restated, "Convertible notes")
    assert (notes.old_value, notes.new_value, notes.old_source) == (564354, 183430, "new")


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("PROFIT/(LOSS) BEFORE TAXATION", "Profit before tax"),
        ("(LOSS)/PROFIT FOR THE PERIOD", "Profit for the period"),
        ("Short-term bank loans", "Short-term borrowings"),
        ("Bank balances and cash", "Cash and bank balances"),
        ("Bank balances and cash", "Cash and cash equivalents"),
        ("Revenue", "Revenues"),
        ("Retained earnings/(Accumulated deficit)", "Retained earnings"),
        ("Turnover", "Revenue"),
        ("Trade receivables", "TRADE RECEIVABLE"),
        ("Other payables and accruals", "Other payable and accrual"),
        ("Convertible bonds", "Convertible notes"),
        # a footnote marker is not part of the label
        ("Cost of net revenues (1)", "Cost of net revenues"),
        ("Revenue*", "Revenue"),
        ("Other (a)", "Other"),
        ("Diluted net income per share (Note 12)", "Diluted net income per share"),
    ],
)
def test_labels_alike_in_meaning_have_one_key(one, other):
    assert label_key(one) == label_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Current assets", "Non-current assets"),
        ("Gross profit", "Gross loss"),
        ("Loss", "Los"),  # "loss" keeps its double s: no singular is made of it
    ],
)
def test_labels_that_differ_keep_different_keys(one, other):
    assert label_key(one) != label_key(other)


def test_profit_before_taxation_and_before_tax_align():
    period = Period("duration", "2010-12-31", 12)
    earlier = Period("duration", "2009-12-31", 12)
    old = LineItem("income", "INCOME STATEMENT", "PROFIT/(LOSS) BEFORE TAXATION", "", "HK$'000",
                   ((earlier, 100.0),))
    new = LineItem("income", "INCOME STATEMENT", "Profit before tax", "", "HK$'000",
                   ((earlier, 100.0), (period, 150.0)))
    assert align_items([old], [new]) == [(old, new)]


@pytest.mark.parametrize(
    ("old", "new", "direction"),
    [(-100, -150, "larger"), (-100, -50, "smaller"), (100, 150, "larger"),
     (100, -1, "reversed"), (-100, -100, ""), (None, 5, ""), (-100, 0, "smaller")],
)
def test_direction_reads_size_not_sign(old, new, direction):
    figure = FigureChange("changed", "t", "Net loss", "", "", old, new, "RMB'000")
    assert figure.direction == direction


@pytest.mark.parametrize(
    ("period", "start"),
    [
        (Period("duration", "2023-06-30", 6), "2023-01-01"),
        (Period("duration", "2024-12-31", 12), "2024-01-01"),
        (Period("duration", "2023-09-30", 3), "2023-07-01"),
        (Period("duration", "2023-02-28", 12), "2022-03-01"),
        # A 52-53 week year ends on a weekday, not a month's end.
        (Period("duration", "2025-02-02", 12), "2024-02-03"),
        (Period("instant", "2024-12-31"), ""),
    ],
)
def test_period_start(period, start):
    assert period.start == start


def test_ebay_quarter_to_quarter_compares_the_income_statement(corpus):
    # eBay's Q2 2023 release heads its income statement "Three Months Ended / June 30, /
    # Six Months Ended / June 30," over "2023 2022 2023 2022": two spans of two columns.
    # Net revenues were $2,510m for the three months to 31 March 2023 (Q1 release) and
    # $2,540m for the three months to 30 June 2023 (Q2 release); $4,905m -> $5,050m for
    # the six months (the Q2 release's own comparison).
    folder = corpus / "sec_financebench_pdf"
    figures = compare_figures(tables_of(folder / "EBAY_2023Q1_EARNINGS.pdf"),
                              tables_of(folder / "EBAY_2023Q2_EARNINGS.pdf"))
    revenues = {(f.old_period, f.period): (f.old_value, f.new_value, f.old_source)
                for f in figures if f.item == "Net revenues" and f.status == "changed"}
    assert revenues == {
        ("three months ended 2023-03-31", "three months ended 2023-06-30"): (2510, 2540, "old"),
        ("six months ended 2022-06-30", "six months ended 2023-06-30"): (4905, 5050, "new"),
    }
    # No income statement or cash flow row is reported removed any more.
    removed = [f for f in figures if f.status == "removed"]
    assert not [f for f in removed if "Income" in f.table or "Cash Flows" in f.table]


def test_what_could_not_be_compared_is_said(interim_path, annual_path):
    from kcdiff.figures import figure_notes

    notes = figure_notes(tables_of(interim_path), tables_of(annual_path))
    assert notes and all(note.kind == "figures_not_compared" and note.severity == "info"
                         for note in notes)
    # The interim runs the share count's label into the next sub-header ("Basic and
    # diluted Other comprehensive income, net of tax of nil"); its sub-header still says
    # it counts shares, as the annual's does: no note claims it was printed in RMB.
    assert not any("printed in RMB" in note.message for note in notes)
    # The interim's MD&A statement heads its columns "For the six 2022 RMB '000 / months
    # ended 2023 RMB'000 / June 30, 2023 US$'000": no period can be read.
    assert any(note.filing == "old" and "no period" in note.message for note in notes)


def test_a_figure_in_another_unit_is_never_compared():
    earlier, period = Period("duration", "2009-12-31", 12), Period("duration", "2010-12-31", 12)
    old = LineItem("income", "S", "Revenue", "", "HK$'000", ((earlier, 100.0), (period, 10.0)))
    new = LineItem("income", "S", "Revenue", "", "RMB'000", ((earlier, 90.0), (period, 12.0)))
    from kcdiff.figures.compare import _same_unit

    assert not _same_unit(old, new)
    assert _same_unit(old, LineItem("income", "S", "Revenue", "", "HK$'000", ()))


def test_alphabet_10k_statements_read_from_their_rows_and_restatements_found(corpus):
    # The HTML 10-K captions its statements "(in millions, except per share amounts)";
    # the balance sheet is told by its rows ("Total assets", "Total liabilities") at
    # instants. The FY2024 10-K re-presents 31 December 2023: long-term debt 13,253 ->
    # 11,870 and other long-term liabilities 1,616 -> 4,395 (read off both balance sheets).
    folder = corpus / "sec_more_html"
    figures = compare_figures(tables_of(folder / "alphabet_10-K_FY2023_2023-12-31.html"),
                              tables_of(folder / "alphabet_10-K_FY2024_2024-12-31.html"))
    assert restatements(figures) == {
        ("Long-term debt", 13253, 11870, "as at 2023-12-31"),
        ("Other long-term liabilities", 1616, 4395, "as at 2023-12-31")}
    revenues = entry(figures, "Revenues")
    assert (revenues.old_value, revenues.new_value) == (307394, 350018)
    assert (revenues.period_start, revenues.period_end) == ("2024-01-01", "2024-12-31")


def test_intel_balance_sheet_run_into_the_income_statement_is_read(corpus):
    # Intel's Q1 2023 release prints its balance sheet in the same table as the income
    # statement ("Consolidated Condensed Balance Sheets" / "(In Millions ...) Apr 1, 2023
    # Dec 31, 2022"), continued without a header. Dec 31, 2022 is in both releases:
    # the Q1 one folds 'Assets held for sale' (45) into other current assets, 4,667 ->
    # 4,712, and 'Deferred income taxes' (202) into other long-term liabilities, 4,980
    # -> 5,182 (read off both balance sheets).
    folder = corpus / "sec_more_pdf"
    figures = compare_figures(tables_of(folder / "INTEL_2022Q4_EARNINGS.pdf"),
                              tables_of(folder / "INTEL_2023Q1_EARNINGS.pdf"))
    assert restatements(figures) == {
        ("Other current assets", 4667, 4712, "as at 2022-12-31"),
        ("Other long-term liabilities", 4980, 5182, "as at 2022-12-31")}


def test_renamed_line_item_is_paired_by_its_figures(corpus):
    # ORACLE_2022_10K.pdf balance sheet: "Notes payable, current" $3,749 at May 31, 2022;
    # ORACLE_2023_10K.pdf prints it as "Notes payable and other borrowings, current"
    # $4,061 (2023) and $3,749 (2022). One item renamed, not one added and one removed.
    folder = corpus / "sec_more_pdf"
    figures = compare_figures(tables_of(folder / "ORACLE_2022_10K.pdf"),
                              tables_of(folder / "ORACLE_2023_10K.pdf"))
    notes = [f for f in figures if "Notes payable" in f.item and f.item.endswith(", current")]
    assert [(f.status, f.old_value, f.new_value, f.old_period, f.period) for f in notes] == [
        ("changed", 3749, 4061, "as at 2022-05-31", "as at 2023-05-31")]


@pytest.fixture(scope="module")
def fullshare_interims(corpus):
    folder = corpus / "hkex_fullshare_0607"
    return (tables_of(folder / "2022_interim-report_H1-2022_en.pdf"),
            tables_of(folder / "2023_interim-report_H1-2023_en.pdf"))


def test_a_balance_sheet_over_a_page_break_is_compared_on_both_pages(fullshare_interims):
    # Fullshare's interim reports print the statement of financial position over two
    # pages, the column headers and "Note" column only on the first. Loan receivables,
    # 2022 interim (p.10-11): 149,522 non-current, 1,588,868 current at 30 June 2022;
    # 2023 interim (p.9-10, "Loan receivables"): 131,617 and 791,221 at 30 June 2023.
    figures = compare_figures(*fullshare_interims)
    loans = [(f.status, f.item, f.old_value, f.new_value, f.old_period, f.period)
             for f in figures if "oan receivables" in f.item and "FINANCIAL POSITION" in f.table]
    assert sorted(loans) == [
        ("changed", "Current assets: Loan receivables", 1588868, 791221,
         "as at 2022-06-30", "as at 2023-06-30"),
        ("changed", "Non-current assets: Loan receivables", 149522, 131617,
         "as at 2022-06-30", "as at 2023-06-30")]


def test_cash_flows_go_on_under_a_sub_heading_set_as_a_section(fullshare_interims):
    # The 2023 interim's cash flows (p.14-15): "Cash flows from investing activities" is
    # set in bold, and the rows under it have no column headers of their own. Read from
    # the pages: "Repayments of loan and other receivables 138,763 752,294"; the label
    # "Interest income received from deferred payment of consideration for partial" over
    # "disposal of a subsidiary  –  115,491". The 2022 interim prints the 752,294 as
    # "Receipt of loans and other receivables" (p.15): one item renamed.
    rows = {row.label: [cell.value for cell in row.cells]
            for table in fullshare_interims[1] if table.kind == "cash_flows"
            and all(column.period for column in table.columns) for row in table.rows}
    assert rows["Repayments of loan and other receivables"] == [138763, 752294]
    assert rows["Interest income received from deferred payment of consideration for partial "
                "disposal of a subsidiary"] == [None, 115491]
    [repaid] = [f for f in compare_figures(*fullshare_interims)
                if f.item == "Repayments of loan and other receivables"]
    assert (repaid.status, repaid.old_item, repaid.old_value, repaid.new_value) == (
        "changed", "Receipt of loans and other receivables", 752294, 138763)
    # p.15 goes on from p.14 under the same sub-header: "Purchases of items of property,
    # plant and equipment (1,593,509) (1,155,406)", the 2022 interim's (1,155,406).
    [bought] = [f for f in compare_figures(*fullshare_interims)
                if f.item == "Purchases of items of property, plant and equipment"]
    assert (bought.status, bought.old_value, bought.new_value) == (
        "changed", -1155406, -1593509)


def test_a_figure_two_rows_share_pairs_nothing():
    # Two unpaired old rows with the same figure as one new row: no certain rename.
    from kcdiff.figures.compare import renamed_items

    year = Period("instant", "2022-12-31")
    def item(label, value, order):
        return LineItem("balance", "Balance sheet", label, "Current liabilities", "US$ million",
                        ((year, value),), order=order)

    new = [item("Notes payable and other borrowings, current", 100.0, 1)]
    assert renamed_items([item("Notes payable, current", 100.0, 1)], new, []) == [
        (item("Notes payable, current", 100.0, 1), new[0])]
    assert renamed_items([item("Notes payable, current", 100.0, 1),
                          item("Notes payable to banks", 100.0, 2)], new, []) == []
    assert renamed_items([item("Notes payable, current", 0.0, 1)],
                         [item("Notes payable and other borrowings, current", 0.0, 1)], []) == []
    assert renamed_items([item("Accrued liabilities", 100.0, 1)], new, []) == []


def _balance_item(label: str, value: float, order: int, group: str = "Capital and reserves"
                  ) -> LineItem:
    year = Period("instant", "2009-12-31")
    return LineItem("balance", "Statement of financial position", label, group, "HK$'000",
                    ((year, value),), order=order)


def test_an_item_relabelled_where_it_stands_is_paired():
    # Between "Share capital" and "Deferred tax" in both filings, one item each, the
    # old label's words all in the new one: the same line item.
    from kcdiff.figures.compare import relabelled_in_place

    old = [_balance_item("Share capital", 1, 0), _balance_item("Reserves", 2, 1),
           _balance_item("Deferred tax", 3, 2)]
    new = [_balance_item("Share capital", 1, 0),
           _balance_item("Share premium and reserves", 5, 1),
           _balance_item("Deferred tax", 3, 2)]
    pairs = [(old[0], new[0]), (old[2], new[2])]
    assert relabelled_in_place(old, new, pairs) == [(old[1], new[1])]


@pytest.mark.parametrize("old_label, new_label, group", [
    ("Reserves", "Share premium", "Capital and reserves"),  # no word in common
    ("Other reserves", "Share premium and reserves", "Capital and reserves"),  # 'other'
    ("Reserves", "Share premium and reserves", "Non-current liabilities"),  # sub-header
    ("Current tax", "Non-current tax", "Capital and reserves"),  # words that tell apart
])
def test_an_item_in_the_same_place_but_not_the_same_is_left_alone(old_label, new_label,
                                                                  group):
    from kcdiff.figures.compare import relabelled_in_place

    old = [_balance_item("Share capital", 1, 0), _balance_item(old_label, 2, 1)]
    new = [_balance_item("Share capital", 1, 0), _balance_item(new_label, 5, 1, group)]
    assert relabelled_in_place(old, new, [(old[0], new[0])]) == []


def test_relabelled_runs_pair_in_order_only_when_as_long_and_short():
    from kcdiff.figures.compare import GAP_ROWS, relabelled_in_place

    def run(labels, prefix=""):
        return [_balance_item(prefix + label, k, k) for k, label in enumerate(labels)]

    labels = ["Reserves", "Retained profits", "Capital reserve", "Merger reserve"]
    old, new = run(labels[:GAP_ROWS]), run(labels[:GAP_ROWS], "Total ")
    assert relabelled_in_place(old, new, []) == list(zip(old, new, strict=True))
    old, new = run(labels[:GAP_ROWS + 1]), run(labels[:GAP_ROWS + 1], "Total ")
    assert relabelled_in_place(old, new, []) == []  # too long a run to be sure
    assert relabelled_in_place(run(labels[:2]), run(labels[:3], "Total "), []) == []


def test_two_lengths_named_over_no_year_columns_read_no_spans():
    # Salesforce's Q2 FY2024 release: a footnote header names "Three Months Ended" and
    # "Six Months Ended" over columns whose years kcdiff did not read. Not a crash that
    # dropped every figure of the filing: no spans.
    from kcdiff.figures.periods import _spanning_lengths

    assert _spanning_lengths("Three Months Ended July 31, Six Months Ended July 31,", []) is None
    assert _spanning_lengths("Three Months Ended July 31, Six Months Ended July 31,",
                             [2023]) is None


def test_salesforce_quarter_to_quarter_figures_are_compared(corpus):
    # SALESFORCE_2024Q1/Q2_EARNINGS.pdf, condensed statements of operations: total
    # revenues $8,247 million for the three months to April 30, 2023 and $8,603 million
    # to July 31, 2023; the six months to July 31, $15,131 million (2022) and $16,850
    # million (2023). Balance sheet: cash and cash equivalents $9,155 -> $6,772 million.
    folder = corpus / "sec_financebench_pdf"
    figures = compare_figures(tables_of(folder / "SALESFORCE_2024Q1_EARNINGS.pdf"),
                              tables_of(folder / "SALESFORCE_2024Q2_EARNINGS.pdf"))
    found = {(f.item, f.old_period, f.period, f.old_value, f.new_value) for f in figures}
    assert ("Total revenues", "three months ended 2023-04-30", "three months ended 2023-07-31",
            8247, 8603) in found
    assert ("Total revenues", "six months ended 2022-07-31", "six months ended 2023-07-31",
            15131, 16850) in found
    assert ("Cash and cash equivalents", "as at 2023-04-30", "as at 2023-07-31", 9155,
            6772) in found
    assert not [f for f in figures if f.status != "changed"]


def test_statements_kcdiff_cannot_read_are_said_not_compared(annual_path):
    # A filing whose statements give no table (here: the sample's statement sections
    # with their tables taken away) says so; one whose statements were read does not.
    from kcdiff.figures.compare import unread_statements

    sections = segment(read_filing(annual_path))
    (note,) = unread_statements(sections, [], "new")
    assert (note.kind, note.severity, note.filing) == ("figures_not_compared", "warning", "new")
    assert "none of them were compared" in note.message
    assert unread_statements(sections, read_tables(sections), "new") == []
    others = [section for section in sections if section.category != "statements"]
    assert unread_statements(others, [], "new") == []


def test_an_announcement_against_its_chinese_version_removes_no_figure(corpus):
    # Anxin's interim results of 30 August 2010 in English and in Chinese: the same
    # statements, their labels in another language. No line item of one is found in the
    # other, so none was removed (33 were claimed before); each statement is said not to
    # have been compared.
    from kcdiff.compare import compare_files

    folder = corpus / "hkex_anxin-china_1149"
    report = compare_files(folder / "en" / "2010-08-30_interim-results_en.pdf",
                           folder / "zh" / "2010-08-30_interim-results_zh.pdf")
    assert report.figures == ()
    notes = [check.where for check in report.checks
             if check.kind == "figures_not_compared" and "line items was matched" in check.message]
    assert len(notes) >= 2
