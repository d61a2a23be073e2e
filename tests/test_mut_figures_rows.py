"""The small parsers between a printed row and a line item (issue 12): a PDF line split
into label and figures, a row short of its note cell, a statement continued on the next
page, and which columns give an item its values.

Rows and figures are the sample interim's (``samples/kingsoft-cloud-2023-interim.txt``)
and Anxin's 2010 interim's balance sheet unless a comment says otherwise.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import HALF_2022, HALF_2023

from kcdiff.figures.columns import Column
from kcdiff.figures.items import item_unit, line_items
from kcdiff.figures.labels import RawRow
from kcdiff.figures.periods import column_periods
from kcdiff.figures.tables import (
    Row,
    Table,
    _continued,
    _pdf_row,
    _with_note_cell,
    money_unit,
    split_pdf_line,
)
from kcdiff.figures.values import is_value_token, read_cell
from kcdiff.model import Period

JUNE_2010 = Period("instant", "2010-06-30")
DEC_2009 = Period("instant", "2009-12-31")


@pytest.mark.parametrize("dash", ["-", "–", "—", "_"])
def test_a_dash_in_a_pdf_line_is_a_nil_figure(dash):
    assert split_pdf_line(f"Goodwill {dash} 1,040,427") == ("Goodwill", [dash, "1,040,427"])
    assert is_value_token(dash)


@pytest.mark.parametrize("word", ["Nil", "nil", "N/A"])
def test_a_nil_written_as_a_word_in_a_pdf_line_is_a_figure_too(word):
    # HKEX statements print a nil as "Nil" as often as "–": it is a column's figure, not
    # the end of the label (the row would have one figure too few, and be lost).
    assert split_pdf_line(f"Goodwill {word} 1,040,427") == ("Goodwill", [word, "1,040,427"])
    assert read_cell(word).status == read_cell("–").status == "nil"
    # A label that merely ends in the word keeps it when no figure follows.
    assert split_pdf_line("Impairment losses 1,234 Nil") == ("Impairment losses",
                                                              ["1,234", "Nil"])


def test_cents_stay_with_their_figure():
    assert split_pdf_line("Basic earnings per share 8.5 cents 7.1 cents") == (
        "Basic earnings per share", ["8.5 cents", "7.1 cents"])
    assert split_pdf_line("Cents 8.5 7.1") == ("Cents", ["8.5", "7.1"])


def test_words_are_not_figures():
    assert not is_value_token("RMB")
    assert not is_value_token("cents")


def test_a_row_with_figures_for_fewer_columns_is_garbled_not_guessed():
    # One figure under two columns: which column it belongs to is lost.
    assert _pdf_row("Other income", ["9,046"], 2) == RawRow(
        "Other income", ("9,046", "9,046"), "", garbled=True)
    assert _pdf_row("Other income", ["9,046", "3", "1"], 2) == RawRow(
        "Other income", ("9,046 3 1", "9,046 3 1"), "", garbled=True)


def test_a_note_number_before_the_figures_is_the_note():
    assert _pdf_row("Trade receivables", ["7", "1,245,600", "1,103,502"], 2) == RawRow(
        "Trade receivables", ("1,245,600", "1,103,502"), "7")
    assert _pdf_row("Revenue", ["(1)", "1,800,110", "1,920,012"], 2).note == "1"


def test_a_label_line_has_a_blank_cell_per_column():
    assert _pdf_row("Current assets", [], 2) == RawRow("Current assets", ("", ""), "")


def test_a_row_one_cell_short_has_left_out_its_note_cell():
    assert _with_note_cell(("Revenue", "1,800,110", "1,920,012"), 1, 4) == (
        "Revenue", "", "1,800,110", "1,920,012")
    # As long as the table or longer, or too short to reach the note column: unchanged.
    assert _with_note_cell(("Revenue", "3", "1", "2"), 1, 4) == ("Revenue", "3", "1", "2")
    assert _with_note_cell(("Revenue", "1"), 2, 3) == ("Revenue", "1")


def _balance(statement: str, unit: str, periods: tuple[Period | None, ...]) -> Table:
    columns = tuple(Column("", period, "RMB") for period in periods)
    row = Row("Inventories", tuple(read_cell(text) for text in ("1,000", "900")))
    return Table("Financial information", statement, "balance" if statement else "other",
                 "financial_statements", unit, columns, (row,))


def test_a_headerless_table_after_a_statement_continues_it():
    first = _balance("Condensed consolidated statement of financial position", "thousands",
                     (JUNE_2010, DEC_2009))
    continued = _continued(first, _balance("", "", (None, None)))
    assert (continued.statement, continued.kind, continued.unit, continued.columns) == (
        first.statement, "balance", "thousands", first.columns)
    # The unit the continuation prints is kept when the first page printed none.
    unitless = _balance(first.statement, "", (JUNE_2010, DEC_2009))
    assert _continued(unitless, _balance("", "millions", (None, None))).unit == "millions"


def _income(columns: tuple[Column, ...], *cells: str) -> Table:
    row = Row("Revenues", tuple(read_cell(text) for text in cells))
    return Table("Financial information", "Condensed consolidated statement of profit or loss",
                 "income", "financial_statements", "thousands", columns, (row,))


def test_change_columns_and_instants_give_a_flow_no_value():
    columns = (Column("As at 30 June 2023", Period("instant", "2023-06-30"), "RMB"),
               Column("2023", HALF_2023, "RMB"),
               Column("2022", HALF_2022, "RMB"),
               Column("Change", HALF_2023, "RMB", change=True))
    [item], _ = line_items([_income(columns, "1", "3,651,473", "3,761,453", "(2.9)")])
    assert dict(item.values) == {HALF_2023: 3651473.0, HALF_2022: 3761453.0}


def test_a_printed_zero_is_a_value_of_zero():
    columns = (Column("2023", HALF_2023, "RMB"), Column("2022", HALF_2022, "RMB"))
    [item], _ = line_items([_income(columns, "0", "12")])
    assert dict(item.values) == {HALF_2023: 0.0, HALF_2022: 12.0}


def test_a_statement_printed_twice_adds_the_periods_only_one_copy_prints():
    # One value per copy is too few to pool by figures: the label pools them.
    first = _income((Column("2023", HALF_2023, "RMB"),), "3,651,473")
    second = _income((Column("2022", HALF_2022, "RMB"),), "3,761,453")
    [item], _ = line_items([first, second])
    assert dict(item.values) == {HALF_2023: 3651473.0, HALF_2022: 3761453.0}


def test_a_dated_column_heading_without_a_length_is_an_instant():
    # "ended" in the header, but no length and a date over each column: a balance date.
    assert column_periods("For the period ended\n30 June 2010\t31 December 2009",
                          ["30 June 2010", "31 December 2009"], None) == [JUNE_2010, DEC_2009]


def test_a_line_of_figures_only_has_no_label():
    assert split_pdf_line("2,153 1,989") == ("", ["2,153", "1,989"])


@pytest.mark.parametrize(("currency", "unit", "shown"), [
    ("RMB", "thousands", "RMB'000"),
    ("US$", "millions", "US$m"),
    ("HK$", "", "HK$"),
    ("", "thousands", "000"),
    ("", "millions", "m"),
    ("", "", ""),
])
def test_money_unit_is_the_currency_with_the_tables_scale(currency, unit, shown):
    assert money_unit(currency, unit) == shown


def _row_unit(label: str, group: str = "", *cells: str) -> str:
    columns = (Column("2023", HALF_2023, "HK$"), Column("2022", HALF_2022, "HK$"))
    row = Row(label, tuple(read_cell(text) for text in cells or ("12.3", "10.1")), group)
    table = Table("Financial information", "Consolidated income statement", "income",
                  "financial_statements", "thousands", columns, (row,))
    return item_unit(table, row)


def test_a_sub_header_names_the_unit_only_of_the_rows_that_say_which():
    # "Earnings per share" over "Basic": per share, in the currency. A row that is not a
    # "which" row keeps the table's unit even under that sub-header.
    assert _row_unit("Basic", "Earnings per share") == "HK$"
    assert _row_unit("Profit attributable to owners", "Earnings per share") == "HK$'000"


def test_cents_named_in_the_label_make_the_unit_cents():
    assert _row_unit("Basic earnings per share (HK cents)") == "HK cents"
    assert _row_unit("Basic earnings per share", "", "12.3 cents", "10.1 cents") == "HK cents"


def test_a_blank_cell_in_one_copy_of_a_statement_is_no_disagreement():
    # The MD&A prints the income statement again, leaving last year's "Other gains" blank.
    from kcdiff.figures.identities import agreement

    columns = (Column("2023", HALF_2023, "RMB"), Column("2022", HALF_2022, "RMB"))
    lines = [("Revenues", "3,651,473", "3,761,453"), ("Cost of revenues", "(3,469,911)",
             "(3,619,201)"), ("Gross profit", "181,562", "142,252"),
             ("Selling and marketing expenses", "(92,043)", "(147,215)"),
             ("Other gains", "12,004", "9,046")]

    def statement(blank: str) -> Table:
        rows = tuple(Row(label, (read_cell(now), read_cell("" if label == blank else then)))
                     for label, now, then in lines)
        return Table("Financial information", "Condensed consolidated income statement",
                     "income", "financial_statements", "thousands", columns, rows)

    assert agreement([statement(""), statement("Other gains")]) == []
    # The same copy with a different figure there is a disagreement.
    changed = replace(statement(""), rows=(*statement("").rows[:4], Row(
        "Other gains", (read_cell("12,004"), read_cell("9,064")))))
    assert [check.kind for check in agreement([statement(""), changed])] == ["agreement"]
    # Notes are not statements printed twice: two notes may give different figures.
    notes = [replace(table, kind="note") for table in (statement(""), changed)]
    assert agreement(notes) == []
