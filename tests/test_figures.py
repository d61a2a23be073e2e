"""Figure comparison on the sample pair, on a filing against an edited copy of itself,
and on two Anxin PDFs. Expected figures were read off the documents by hand."""

from __future__ import annotations

import pytest

from kcdiff.figures.compare import compare_figures, is_amount
from kcdiff.figures.tables import read_tables
from kcdiff.ingest import parse_text, read_filing
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


@pytest.mark.parametrize(
    ("item", "old", "new", "old_period", "period"),
    [
        ("Total revenues", 3699803, 7785180, "six months ended 2023-06-30",
         "year ended 2024-12-31"),
        ("Net loss", -1107093, -1979042, "six months ended 2023-06-30",
         "year ended 2024-12-31"),
        ("Cash and cash equivalents", 3708696, 2648764, "as at 2023-06-30", "as at 2024-12-31"),
    ],
)
def test_sample_pair_latest_periods_changed(sample_figures, item, old, new, old_period,
                                            period):
    figure = entry(sample_figures, item)
    assert (figure.old_value, figure.new_value) == (old, new)
    assert (figure.old_period, figure.period) == (old_period, period)
    assert figure.unit == "RMB'000"


def test_sample_pair_aligns_renamed_items(sample_figures):
    borrowings = entry(sample_figures, "Short-term borrowings")
    assert borrowings.old_item == "Short-term bank loans"
    # Its June 2023 cell is unreadable ("989,331 50,675"): the last readable one is used.
    assert (borrowings.old_value, borrowings.old_period) == (909500, "as at 2022-12-31")
    assert entry(sample_figures, "Other income (expense), net").old_item == "Other income, net"
    assert entry(sample_figures, "Other loss, net").old_value == -19787


def test_sample_pair_has_no_restatement_and_few_one_sided_items(sample_figures):
    assert not [figure for figure in sample_figures if figure.status == "restated"]
    one_sided = {(f.status, f.item) for f in sample_figures if f.status in ("added", "removed")}
    # Both are really new lines of the annual's statements.
    assert one_sided == {("added", "Impairment of long-lived assets"),
                         ("added", "Long-term borrowings")}


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
    gross = entry(figures, "GROSS (LOSS)/PROFIT")
    assert (gross.old_item, gross.old_value, gross.new_value) == ("Gross profit", 110014, -2468)


@pytest.mark.parametrize(
    "text",
    ["RMB3,699.8 million", "US$510.2 million", "(US$510.2 million)", "9.3%", "HK$405,937,000",
     "RMB3,699.8 million (US$510.2 million)", "3,699.8", "-19.7%", "RMB-191.9 million"],
)
def test_amounts(text):
    assert is_amount(text)


@pytest.mark.parametrize("text", ["2023", "3", "revenues", "June 30, 2023", "Note 3", ""])
def test_not_amounts(text):
    assert not is_amount(text)


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
    assert '<th class="num period">as at 30 Jun 2023</th>' in header
    assert '<th class="num period">as at 31 Dec 2024</th>' in header
    assert "as at 30 Jun 2023" not in row
    # Short-term borrowings: the interim's June 2023 cell is garbled, so December 2022.
    loans = html.split("Short-term borrowings")[1].split("</tr>")[0]
    assert "compared: as at 31 Dec 2022 → as at 31 Dec 2024" in loans
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
