"""Line items compared across two filings: matching thresholds, like-for-like periods and
the statuses, each with a case that needs it (issue 12).

Labels, sub-headers and figures are those of the sample pair (Kingsoft Cloud's 2023
interim and 2024 annual announcements) unless a comment names another filing; periods
are the ones their column headers print.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import HALF_2022, HALF_2023, YEAR_2023, YEAR_2024

from kcdiff.figures.compare import align_items, compare_figures, current_periods, figure_notes
from kcdiff.figures.items import label_key
from kcdiff.figures.tables import read_tables
from kcdiff.ingest import parse_text
from kcdiff.model import LineItem, Period
from kcdiff.segment import segment

JUNE_2023 = Period("instant", "2023-06-30")
DEC_2022 = Period("instant", "2022-12-31")
DEC_2023 = Period("instant", "2023-12-31")
DEC_2024 = Period("instant", "2024-12-31")


pytestmark = pytest.mark.usefixtures("fresh_figure_caches")



def balance(label: str, group: str, *values: tuple[Period, float], order: int = 0) -> LineItem:
    return LineItem("balance", "BALANCE SHEETS", label, group, "RMB'000", tuple(values),
                    order=order, name=label)


def income(label: str, *values: tuple[Period, float], group: str = "", order: int = 0,
           unit: str = "RMB'000") -> LineItem:
    return LineItem("income", "STATEMENTS OF COMPREHENSIVE LOSS", label, group, unit,
                    tuple(values), order=order, name=label)


# --- which labels are one line item --------------------------------------------------


def test_a_label_reworded_a_little_is_the_same_item():
    # token-sort similarity 85.7 (>= 85): HKEX statements print both wordings.
    old = balance("Pledged bank deposits", "Current assets", (DEC_2022, 10.0))
    new = balance("Pledged deposits", "Current assets", (DEC_2023, 12.0))
    assert align_items([old], [new]) == [(old, new)]
    old = income("Share of results of associates", (YEAR_2023, 5.0))
    new = income("Share of profits of associates", (YEAR_2024, 6.0))
    assert align_items([old], [new]) == [(old, new)]


def test_an_interims_period_is_an_annuals_year():
    # Fullshare's 2022 interim report prints "Profit/(loss) for the period", its annual
    # report "Profit/(loss) for the year": one line item, not one removed and one added.
    old = income("Profit/(loss) for the period", (HALF_2023, 206096.0))
    new = income("Profit/(loss) for the year", (YEAR_2023, 408696.0))
    assert align_items([old], [new]) == [(old, new)]
    old = income("Total comprehensive income for the period", (HALF_2023, 1.0))
    new = income("Total comprehensive income for the year", (YEAR_2023, 2.0))
    assert align_items([old], [new]) == [(old, new)]
    # "Year" elsewhere in a label stays a word of its own.
    assert label_key("Depreciation for the year") == label_key("Depreciation for the period")
    assert label_key("Profit of prior year") != label_key("Profit of prior period")


def test_labels_further_apart_are_different_items():
    # Similarity 82.4, below 85 even with the bonus of a shared sub-header missing.
    old = balance("Trade and other receivables", "Current assets", (DEC_2022, 10.0))
    new = balance("Trade and bills receivables", "", (DEC_2023, 12.0))
    assert align_items([old], [new]) == []


def test_amounts_due_from_and_to_related_parties_are_never_one_item():
    # An asset and a liability whose labels differ by one word (similarity 85.7): the
    # annual prints both; were one dropped, the other must not take its place.
    due_from = balance("Amounts due from related parties", "Current assets",
                       (DEC_2023, 266036.0), (DEC_2024, 318526.0))
    due_to = balance("Amounts due to related parties", "Current liabilities",
                     (DEC_2023, 931906.0), (DEC_2024, 1584199.0))
    assert align_items([due_from], [due_to]) == []
    assert align_items([due_to], [due_from]) == []


def test_total_and_its_component_are_different_items():
    old = income("Total revenues", (HALF_2023, 3642.0))
    new = income("Revenues", (YEAR_2024, 7785.0))
    assert align_items([old], [new]) == []


def test_current_and_non_current_are_different_items():
    old = balance("Amounts due to related parties", "Current liabilities", (DEC_2023, 931906.0))
    new = balance("Amounts due to related parties", "Non-current liabilities",
                  (DEC_2024, 309612.0))
    assert align_items([old], [new]) == []


def test_the_same_label_under_the_same_sub_header_wins():
    # "Basic and diluted" is printed twice in the income statement: per share under "Net
    # loss per share" and the share count under "Shares used in the net loss per share
    # computation". Listed in the opposite order, each still pairs with its own.
    per_share = "Net loss per share"
    shares = "Shares used in the net loss per share computation"
    old = [income("Basic and diluted", (HALF_2023, -0.31), group=per_share, order=1),
           income("Basic and diluted", (HALF_2023, 3547111168.0), group=shares, order=2)]
    new = [income("Basic and diluted", (YEAR_2024, 3658088876.0), group=shares, order=1),
           income("Basic and diluted", (YEAR_2024, -0.54), group=per_share, order=2)]
    pairs = align_items(old, new)
    assert [(o.group, n.group) for o, n in pairs] == [(shares, shares), (per_share, per_share)]


def test_closer_position_breaks_a_tie():
    # Two old rows equally like the new one: the one printed at the same place pairs.
    new = [balance("Prepayments and other assets", "", (DEC_2024, 2233074.0), order=5)]
    old = [balance("Prepayments and other assets", "", (DEC_2023, 870781.0), order=11),
           balance("Prepayments and other assets", "", (DEC_2023, 1812692.0), order=4)]
    [(paired, _)] = align_items(old, new)
    assert paired.order == 4


def test_pairs_come_in_the_new_filings_order():
    old = [balance("Goodwill", "", (DEC_2023, 1.0), order=1),
           balance("Restricted cash", "", (DEC_2023, 2.0), order=2)]
    new = [balance("Restricted cash", "", (DEC_2024, 3.0), order=1),
           balance("Goodwill", "", (DEC_2024, 4.0), order=2)]
    assert [new_item.label for _, new_item in align_items(old, new)] == [
        "Restricted cash", "Goodwill"]


def test_items_of_different_statements_never_pair():
    old = balance("Net loss", "", (DEC_2023, 1.0))
    new = income("Net loss", (YEAR_2024, 2.0))
    assert align_items([old], [new]) == []


# --- current periods ------------------------------------------------------------------


def test_current_periods_are_the_latest_of_each_length():
    items = [income("Revenues", (Period("duration", "2023-09-30", 3), 1.0),
                    (Period("duration", "2023-09-30", 9), 3.0),
                    (Period("duration", "2022-09-30", 9), 2.0)),
             balance("Goodwill", "", (DEC_2022, 1.0), (DEC_2023, 1.0))]
    assert current_periods(items) == {
        "income": {3: Period("duration", "2023-09-30", 3),
                   9: Period("duration", "2023-09-30", 9)},
        "balance": {0: DEC_2023},
    }


# --- the statuses, on tables read from text -------------------------------------------


def tables(text: str):
    return read_tables(segment(parse_text(text, "filing.txt")))


BALANCE = """UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS

\tAs at {first_date},\tAs at {second_date},
\t{first_year}\t{second_year}
\tRMB'000\tRMB'000
Current assets:\t\t
{rows}
"""


def balance_sheet(first: str, second: str, rows: list[tuple[str, str, str]]) -> list:
    text = BALANCE.format(
        first_date=first[:-6], second_date=second[:-6], first_year=first[-4:],
        second_year=second[-4:], rows="\n".join("\t".join(row) for row in rows))
    return tables(text)


INTERIM_ROWS = [("Cash and cash equivalents", "2,255,287", "3,708,696"),
                ("Restricted cash", "234,194", "181,071"),
                ("Short-term investments", "–", "–")]


def figures(old_rows, new_rows, old=("December 31, 2022", "June 30, 2023"),
            new=("December 31, 2023", "December 31, 2024")):
    return compare_figures(balance_sheet(*old, old_rows), balance_sheet(*new, new_rows))


def test_a_balance_moves_from_the_old_filings_date_to_the_new_one():
    found = figures(INTERIM_ROWS, [("Cash and cash equivalents", "2,255,287", "2,648,764"),
                                   ("Restricted cash", "234,194", "81,337"),
                                   ("Short-term investments", "–", "90,422")])
    by_item = {(figure.status, figure.item): figure for figure in found}
    cash = by_item[("changed", "Cash and cash equivalents")]
    assert (cash.old_value, cash.new_value) == (3708696, 2648764)
    assert (cash.old_period, cash.period, cash.old_source) == (
        "as at 2023-06-30", "as at 2024-12-31", "old")
    investments = by_item[("changed", "Short-term investments")]
    assert (investments.old_value, investments.new_value) == (0, 90422)
    assert len(found) == 3


def test_a_comparative_printed_differently_is_a_restatement_listed_first():
    # The new filing prints 31 December 2022 too: 2,255,287 there became 2,255,000.
    found = figures(INTERIM_ROWS, [("Cash and cash equivalents", "2,255,000", "3,708,696"),
                                   ("Restricted cash", "234,194", "181,071"),
                                   ("Short-term investments", "–", "–")],
                    new=("December 31, 2022", "June 30, 2023"))
    assert [(f.status, f.item, f.old_value, f.new_value, f.period) for f in found] == [
        ("restated", "Cash and cash equivalents", 2255287, 2255000, "as at 2022-12-31")]


def test_the_same_current_period_again_is_no_movement():
    # The same balance sheet date in both: a restatement or nothing, never a move.
    found = figures(INTERIM_ROWS, INTERIM_ROWS, new=("December 31, 2022", "June 30, 2023"))
    assert found == []


def test_an_older_filing_as_the_new_one_is_no_movement():
    # The "new" one ends at 31 December 2022, before the old one's 30 June 2023; it
    # prints 2,000 where the old one printed 2,255,287 for that date.
    older = [("Cash and cash equivalents", "1,000", "2,000"),
             ("Restricted cash", "100,000", "234,194"), ("Short-term investments", "–", "–")]
    found = figures(INTERIM_ROWS, older, new=("December 31, 2021", "December 31, 2022"))
    assert [(f.status, f.item) for f in found] == [("restated", "Cash and cash equivalents")]


def test_a_restated_item_moves_from_its_restated_figure():
    # Restated at 31 December 2022 (2,255,287 -> 2,255,000): the move to 30 June 2023 is
    # measured from the new filing's own 2,255,000.
    found = figures(INTERIM_ROWS[:1], [("Cash and cash equivalents", "2,255,000", "3,708,696")],
                    old=("June 30, 2022", "December 31, 2022"),
                    new=("December 31, 2022", "June 30, 2023"))
    # The restatement is listed first, then the movement.
    assert [f.status for f in found] == ["restated", "changed"]
    changed = [f for f in found if f.status == "changed"]
    assert [(f.old_value, f.new_value, f.old_source, f.old_period) for f in changed] == [
        (2255000, 3708696, "new", "as at 2022-12-31")]


def test_rows_in_one_filing_only_are_added_or_removed_unless_nil():
    found = figures(INTERIM_ROWS + [("Amounts due from related parties", "266,036", "318,526")],
                    INTERIM_ROWS[:2] + [("Equity investments", "259,930", "234,182")])
    one_sided = {(f.status, f.item, f.old_value, f.new_value, f.period, f.old_period)
                 for f in found if f.status in ("added", "removed")}
    # Short-term investments is nil ("–") in the old filing's current column: not news.
    assert one_sided == {
        ("added", "Equity investments", None, 234182, "as at 2024-12-31", ""),
        ("removed", "Amounts due from related parties", 318526, None, "", "as at 2023-06-30"),
    }


def test_nothing_is_added_or_removed_in_a_statement_the_other_filing_was_not_read_in():
    # An English balance sheet against one labelled in Chinese (as Fullshare's 2023 annual
    # report against its Chinese version, which lost 93 figures so): no row of one is
    # found in the other, so none was removed; a note says the statement was not
    # compared, and why.
    old = balance_sheet("December 31, 2022", "June 30, 2023", INTERIM_ROWS)
    new = balance_sheet("December 31, 2023", "December 31, 2024",
                        [("現金及現金等價物", "2,255,287", "2,648,764")])
    assert compare_figures(old, new) == []
    notes = [note for note in figure_notes(old, new) if "line items was matched" in note.message]
    assert [(note.filing, note.where) for note in notes] == [
        ("old", "UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS"),
        ("new", "UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS")]
    assert "not compared" in notes[0].message and "the new filing" in notes[0].message


def test_a_statement_with_one_row_found_in_both_is_compared_and_gets_no_note():
    found = figures(INTERIM_ROWS + [("Amounts due from related parties", "266,036", "318,526")],
                    INTERIM_ROWS[:1])
    assert ("removed", "Restricted cash") in {(f.status, f.item) for f in found}
    old = balance_sheet("December 31, 2022", "June 30, 2023", INTERIM_ROWS)
    new = balance_sheet("December 31, 2023", "December 31, 2024", INTERIM_ROWS[:1])
    assert not [note for note in figure_notes(old, new) if "line items was matched" in note.message]


def test_a_row_nil_now_is_not_reported_as_added():
    found = figures(INTERIM_ROWS, INTERIM_ROWS + [("Goodwill", "4,605,724", "–")])
    assert [f for f in found if f.status == "added"] == []


def test_one_sided_item_at_the_longest_current_period():
    # A 10-Q prints three and nine months to 30 September: an added item is reported at
    # the nine months.
    new = [income("Interest income", (Period("duration", "2023-09-30", 3), 10.0),
                  (Period("duration", "2023-09-30", 9), 30.0), order=1)]
    from kcdiff.figures.compare import _one_sided

    figure = _one_sided("added", new[0], current_periods(new))
    assert (figure.new_value, figure.period) == (30.0, "nine months ended 2023-09-30")


def test_like_for_like_from_the_new_filings_own_comparative():
    # An interim (six months) against an annual (a year): the annual's own 2023 year.
    from kcdiff.figures.compare import _changes

    old = income("Total revenues", (HALF_2022, 3642.0), (HALF_2023, 3650.0))
    new = income("Total revenues", (YEAR_2023, 7047461.0), (YEAR_2024, 7785180.0))
    [figure] = _changes(old, new, {6: HALF_2023}, {12: YEAR_2024}, own_only=False)
    assert (figure.old_value, figure.new_value, figure.old_source) == (7047461, 7785180, "new")
    assert figure.old_period == "year ended 2023-12-31"


def test_the_latest_earlier_comparative_of_the_same_length():
    from kcdiff.figures.compare import _own_comparative

    item = income("Revenues", (Period("duration", "2022-12-31", 12), 1.0),
                  (HALF_2023, 2.0), (YEAR_2023, 3.0), (YEAR_2024, 4.0))
    assert _own_comparative(item, YEAR_2024) == (YEAR_2023, 3.0)
    assert _own_comparative(item, Period("duration", "2022-12-31", 12)) == (None, None)


def test_an_unchanged_figure_is_not_a_movement():
    from kcdiff.figures.compare import _changes

    old = balance("Goodwill", "", (DEC_2023, 4605724.0))
    new = balance("Goodwill", "", (DEC_2023, 4605724.0), (DEC_2024, 4605724.0))
    assert _changes(old, new, {0: DEC_2023}, {0: DEC_2024}, own_only=False) == []


# --- what could not be compared ------------------------------------------------------


def unread_statement(name: str, columns: int = 1, kind: str = "income"):
    from kcdiff.figures.columns import Column
    from kcdiff.figures.tables import Row, Table
    from kcdiff.figures.values import read_cell

    return Table(name, name, kind, "statements", "thousands",
                 tuple(Column("For the six 2022 RMB", None, "RMB") for _ in range(columns)),
                 (Row("Total revenues", tuple(read_cell("4,080,307") for _ in range(columns))),))


def test_columns_without_a_period_are_said_four_statements_by_name():
    from kcdiff.figures import figure_notes

    names = [f"STATEMENT {n}" for n in range(1, 6)]
    four = [unread_statement(name, columns=2) for name in names[:4]]
    [note] = figure_notes([], four)
    assert (note.kind, note.severity, note.where, note.filing) == (
        "figures_not_compared", "info", "statements", "new")
    assert note.message == (
        "8 column(s) have no period kcdiff can read from their header, so their figures "
        "were not compared: STATEMENT 1 (2); STATEMENT 2 (2); STATEMENT 3 (2); "
        "STATEMENT 4 (2)")
    [note] = figure_notes([unread_statement(name) for name in names], [])
    assert note.filing == "old"
    assert note.message.endswith("STATEMENT 4 (1); and 1 more")
    assert note.message.startswith("5 column(s)")


def test_columns_of_notes_and_change_columns_are_not_said():
    from dataclasses import replace

    from kcdiff.figures import figure_notes

    note_table = unread_statement("NOTE 3 REVENUE", kind="note")
    change = unread_statement("INCOME STATEMENT")
    change = replace(change, columns=tuple(replace(c, change=True) for c in change.columns))
    assert figure_notes([note_table, change], []) == []


def test_every_field_of_a_movement_and_of_a_removed_item():
    from kcdiff.model import FigureChange

    found = figures(INTERIM_ROWS + [("Amounts due from related parties", "266,036", "318,526")],
                    [("Cash and cash equivalents", "2,255,287", "2,648,764"), *INTERIM_ROWS[1:]])
    by_item = {figure.item: figure for figure in found}
    assert by_item["Cash and cash equivalents"] == FigureChange(
        status="changed", table="UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS",
        item="Cash and cash equivalents", period="as at 2024-12-31",
        old_period="as at 2023-06-30", old_value=3708696.0, new_value=2648764.0,
        unit="RMB'000", old_item="", period_start="", period_end="2024-12-31",
        old_period_start="", old_period_end="2023-06-30", old_source="old")
    assert by_item["Amounts due from related parties"] == FigureChange(
        status="removed", table="UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS",
        item="Amounts due from related parties", period="", old_period="as at 2023-06-30",
        old_value=318526.0, new_value=None, unit="RMB'000", old_item="", period_start="",
        period_end="", old_period_start="", old_period_end="2023-06-30", old_source="old")


def test_a_movement_of_a_duration_names_both_periods_and_a_renamed_item():
    from kcdiff.figures.compare import _changes

    old = income("Revenue", (HALF_2022, 4080307.0), (HALF_2023, 3699803.0))
    new = income("Total revenues", (HALF_2023, 3699803.0), (Period("duration", "2024-06-30", 6),
                                                           3783000.0))
    [figure] = _changes(old, new, {6: HALF_2023}, {6: Period("duration", "2024-06-30", 6)},
                        own_only=False)
    assert (figure.item, figure.old_item, figure.old_source) == (
        "Total revenues", "Revenue", "old")
    assert (figure.period_start, figure.period_end) == ("2024-01-01", "2024-06-30")
    assert (figure.old_period_start, figure.old_period_end) == ("2023-01-01", "2023-06-30")
    assert (figure.period, figure.old_period) == ("six months ended 2024-06-30",
                                                  "six months ended 2023-06-30")


def test_an_unreadable_row_of_the_other_filing_may_hide_an_item():
    from kcdiff.figures.compare import _may_hide

    # The interim's garbled row "Intangible assets, net Goodwill" holds the annual's
    # Goodwill (4,605,724 in both): Goodwill is not "added".
    goodwill = balance("Goodwill", "Non-current assets", (DEC_2024, 4605724.0))
    garbled = [("balance", "Intangible assets, net Goodwill")]
    assert _may_hide(goodwill, garbled)
    assert not _may_hide(goodwill, [("income", "Intangible assets, net Goodwill")])
    assert not _may_hide(balance("Long-term borrowings", "", (DEC_2024, 1660584.0)),
                         [("balance", "Short-term bank loans")])
    aliased = LineItem("balance", "BALANCE SHEETS", "Goodwill, net", "", "RMB'000",
                       ((DEC_2024, 1.0),), aliases=("Goodwill",))
    assert _may_hide(aliased, [("balance", "Intangible assets, net Goodwill")])


def test_a_label_printed_in_any_table_of_the_other_filing_is_not_added():
    # "Long-term borrowings" is new in the annual's balance sheet; were it printed in a
    # note of the interim, it would not be news.
    old_rows = INTERIM_ROWS
    new_rows = [*INTERIM_ROWS, ("Long-term borrowings", "100,000", "1,660,584")]
    added = [f.item for f in figures(old_rows, new_rows) if f.status == "added"]
    assert added == ["Long-term borrowings"]
    note = tables("5. BORROWINGS\n\n\tAs at June 30,\n\t2023\n\tRMB'000\n"
                  "Long-term borrowings\t90,000\n")
    old = balance_sheet("December 31, 2022", "June 30, 2023", old_rows) + note
    new = balance_sheet("December 31, 2023", "December 31, 2024", new_rows)
    assert [f.item for f in compare_figures(old, new) if f.status == "added"] == []


def test_a_label_still_printed_in_the_other_filing_is_not_removed():
    # The labels are 85.7% alike, as align_items pairs them: printed in a note of the
    # other filing (or in a table kcdiff did not read), the item is still there.
    old_rows = [*INTERIM_ROWS, ("Pledged bank deposits", "700,000", "725,606")]
    removed = [f.item for f in figures(old_rows, INTERIM_ROWS) if f.status == "removed"]
    assert removed == ["Pledged bank deposits"]
    note = tables("18. DEPOSITS\n\n\tAs at December 31,\n\t2024\n\tRMB'000\n"
                  "Pledged deposits\t791,221\n")
    old = balance_sheet("December 31, 2022", "June 30, 2023", old_rows)
    new = balance_sheet("December 31, 2023", "December 31, 2024", INTERIM_ROWS) + note
    assert [f.item for f in compare_figures(old, new) if f.status == "removed"] == []
    # ... and the report says it was not compared, and why.
    [said] = [note for note in figure_notes(old, new) if "Pledged" in note.message]
    assert (said.kind, said.severity, said.filing) == ("figures_not_compared", "info", "old")
    assert said.message == (
        "1 line item(s) are paired with no line of the other filing, which prints a like "
        "label, or the same figure in that statement, so they are not called added or "
        "removed: Pledged bank deposits")


def test_a_lenders_loans_are_not_borrowings():
    # Fullshare's 2022 annual report prints "Loans receivables" 725,606 at 31 December
    # 2022 among current assets, its 2023 interim report "Loan receivables" 725,606 (p.10).
    assert label_key("Loans receivables") == label_key("Loan receivables")
    assert label_key("Loans to associates") != label_key("Borrowings to associates")
    assert label_key("Bank loans") == label_key("Bank borrowings") == label_key("Loans")


@pytest.mark.parametrize(("label", "printed", "alike"), [
    ("Loans receivables", "Loan receivables", True),
    # Fullshare 2022 -> 2023 annual: sign wording only
    ("Cash generated from/(used in) operations", "Cash generated from operations", True),
    # Intel's 2023 Q1 earnings drop "Purchases of equity investments" and keep "Sales of
    # equity investments" (86% alike): cash paid out is not cash taken in.
    ("Purchases of equity investments", "Sales of equity investments", False),
    # Apple's 2022 10-K drops "Purchases of non-marketable securities" (94% alike).
    ("Purchases of non-marketable securities", "Purchases of marketable securities", False),
    # Fullshare's 2022 interim loses the first line of "Cash and cash equivalents at / end
    # of the period": a row whose label begins in lower case is the tail of another.
    ("Cash and cash equivalents at the end of year", "end of the period", True),
    # Costco's 2022 10-K drops "Change in bank payments outstanding"; one word ends too
    # many labels to tell one.
    ("Change in bank payments outstanding", "outstanding", False),
    # Both cash taken in, worded two ways.
    ("Proceeds from disposal of property, plant and equipment",
     "Proceeds from sales of property, plant and equipment", True),
])
def test_which_printed_labels_keep_an_item_from_being_called_added_or_removed(
        label, printed, alike):
    from kcdiff.figures.compare import _printed_labels, _still_printed

    printed_labels = _printed_labels(tables(
        f"NOTE\n\n\tAs at December 31,\n\t2024\n\tRMB'000\n{printed}\t1,000\n"))
    assert _still_printed(balance(label, "", (DEC_2024, 5.0)), printed_labels) is alike


# Anxin's 2010 interim income statement (p.2), as the next year's labels meet it.
_ANXIN_2010_INCOME = """CONDENSED CONSOLIDATED STATEMENT OF COMPREHENSIVE INCOME

\tSix months ended 30 June
\t2010\t2009
\tHK$'000\tHK$'000
PROFIT/(LOSS) FOR THE PERIOD ATTRIBUTABLE TO OWNERS OF THE COMPANY\t59,837\t(69,229)
BASIC\tHK4.97 cents\tHK(14.92 cents)
"""


@pytest.mark.parametrize(("label", "alike"), [
    # Its 2011 interim prints "Profit for the period": every word is in the old line.
    ("Profit for the period", True),
    ("Net income attributable to non-controlling interests", False),
    # ... and splits earnings per share: "From continuing operations – Basic (HK cents)".
    ("From continuing operations – Basic (HK cents)", True),
    ("From continuing operations – Diluted (HK cents)", False),
])
def test_a_line_of_the_same_statement_holding_the_label_keeps_it_from_being_added(
        label, alike):
    from kcdiff.figures.compare import _printed_labels, _still_printed

    printed = _printed_labels(tables(_ANXIN_2010_INCOME))
    assert _still_printed(income(label, (HALF_2023, 5.0)), printed) is alike
    # Only in the same statement: a note's row names no line of the income statement.
    assert not _still_printed(balance(label, "", (DEC_2024, 5.0)), printed)


def test_an_item_whose_figure_the_same_statement_prints_is_not_removed():
    # Fullshare's 2022 interim prints "Earnest money paid for Revised Forward Purchase
    # Agreement" (729,100) for the six months to 30 June 2022; its 2023 interim prints the
    # same figure for the same half-year as "Payments for revised forward sale and
    # purchase agreement", in columns kcdiff may not read. Not a removed line.
    from kcdiff.figures.compare import MIN_TELLING_FIGURE, _printed_labels, _still_printed

    printed = _printed_labels(tables(
        "CONSOLIDATED STATEMENT OF CASH FLOWS\n\n\tSix months ended 30 June\n\t2023\t2022\n"
        "\tRMB'000\tRMB'000\n"
        "Payments for revised forward sale and purchase agreement\t–\t(729,100)\n"
        "Interest received\t80,963\t58,264\n"))
    def cash(label, value):
        return LineItem("cash_flows", "CASH FLOWS", label, "", "RMB'000",
                        ((HALF_2022, value),), name=label)

    assert _still_printed(cash("Earnest money paid for agreement", -729100.0), printed)
    assert not _still_printed(cash("Earnest money paid for agreement", -729101.0), printed)
    # A small figure printed twice may be chance.
    small = _printed_labels(tables("CONSOLIDATED STATEMENT OF CASH FLOWS\n\n\t2023\n"
                                   "\tRMB'000\nInterest received\t999\n"))
    assert not _still_printed(cash("Earnest money paid", MIN_TELLING_FIGURE - 1.0), small)
    assert _still_printed(cash("Interest received", 5.0), small)  # by its label
    # Only in the same statement.
    assert not _still_printed(balance("Earnest money paid", "", (DEC_2022, -729100.0)),
                              printed)


def test_a_line_of_the_same_statement_one_word_apart_keeps_an_item_from_being_added():
    # Fullshare's 2022 annual prints "Receipt of loans and other receivables"; its 2023
    # interim "Repayments of loan and other receivables" (75% alike): one line relabelled.
    from kcdiff.figures.compare import _printed_labels, _still_printed

    printed = _printed_labels(tables(
        "CONSOLIDATED STATEMENT OF CASH FLOWS\n\n\t2022\n\tRMB'000\n"
        "Receipt of loans and other receivables\t1,268,360\n"))
    def cash(label):
        return LineItem("cash_flows", "CASH FLOWS", label, "", "RMB'000",
                        ((HALF_2023, 138763.0),), name=label)

    assert _still_printed(cash("Repayments of loan and other receivables"), printed)
    assert not _still_printed(cash("Repayments of bank and other borrowings"), printed)


@pytest.mark.parametrize(("label", "printed", "alike"), [
    # Anxin's 2013 annual results (p.2) and its 2013 interim (p.2): one line spelled anew,
    # each printed by the filing the other is compared with. Every telling word of the
    # shorter but one is in the longer.
    ("Exchange gains arising on translation of financial statements of foreign "
     "operations", "– Exchange differences on translation of foreign operations", True),
    ("– Exchange differences on translation of foreign operations",
     "Exchange gains arising on translation of financial statements of foreign "
     "operations", True),
    # Fullshare's 2022 interim (p.16) and annual (p.80) cash flows.
    ("Payments for Revised Forward Purchase Agreement",
     "Earnest money paid for Revised Forward Purchase Agreement", True),
    # Intel's 2023 Q1 earnings (p.8) drop "Additions to held for sale NAND property, plant
    # and equipment" and keep the wider line: one named more narrowly, not a relabel.
    ("Additions to held for sale NAND property, plant and equipment",
     "Additions to property, plant and equipment", False),
    # Four telling words: the one that differs is what tells the lines apart (Fullshare's
    # 2023 interim adds "Proceeds from disposal of an associate", p.15).
    ("Proceeds from disposal of an associate", "Proceeds from disposal of subsidiaries",
     False),
])
def test_a_line_spelled_anew_keeps_an_item_from_being_called_added_or_removed(
        label, printed, alike):
    from kcdiff.figures.compare import _printed_labels, _still_printed

    printed_labels = _printed_labels(tables(
        f"CONSOLIDATED STATEMENT OF CASH FLOWS\n\n\t2022\n\tRMB'000\n{printed}\t12\n"))
    item = LineItem("cash_flows", "CASH FLOWS", label, "", "RMB'000",
                    ((HALF_2023, 5.0),), name=label)
    assert _still_printed(item, printed_labels) is alike


def test_a_label_under_its_sub_header_is_printed_alike():
    # Anxin's 2009 annual prints "Exchange differences arising on:" over "– translation of
    # foreign operations 248"; its 2010 interim "EXCHANGE DIFFERENCES ARISING ON
    # TRANSLATION OF FOREIGN OPERATIONS 3,023": one line, not one added.
    from kcdiff.figures.compare import _printed_labels, _still_printed

    printed = _printed_labels(tables(
        "CONSOLIDATED STATEMENT OF COMPREHENSIVE INCOME\n\n\t2009\n\tHK$'000\n"
        "Exchange differences arising on:\n– translation of foreign operations\t248\n"))
    assert _still_printed(income("EXCHANGE DIFFERENCES ARISING ON TRANSLATION OF FOREIGN "
                                 "OPERATIONS", (HALF_2023, 3023.0)), printed)
    assert not _still_printed(income("Share of results of associates", (HALF_2023, 3023.0)),
                              printed)


def test_cash_paid_out_is_never_matched_with_cash_taken_in():
    old = income("Purchases of equity investments", (YEAR_2023, -510.0))
    new = income("Sales of equity investments", (YEAR_2024, 116.0))
    assert align_items([old], [new]) == []
    old = income("Purchases of non-marketable securities", (YEAR_2023, -131.0))
    new = income("Purchases of marketable securities", (YEAR_2024, -76923.0))
    assert align_items([old], [new]) == []


def test_a_renamed_item_may_leave_a_sub_header_that_does_not_tell_items_apart():
    # Anxin's 2011 interim prints "Other income" 36,189 for the six months to 30 June
    # 2011 under "Continuing operations"; its 2012 interim prints the same figure as
    # "Other revenue", with no sub-header (60,698 for 2012).
    from kcdiff.figures.compare import _same_figures, renamed_items

    half_2011, half_2012 = Period("duration", "2011-06-30", 6), Period("duration",
                                                                        "2012-06-30", 6)
    old = income("Other income", (half_2011, 36189.0), group="Continuing operations")
    new = income("Other revenue", (half_2011, 36189.0), (half_2012, 60698.0))
    assert renamed_items([old], [new], []) == [(old, new)]
    assert not _same_figures(replace(old, group="Discontinued operations: Current"),
                             replace(new, label="Other revenue, non-current"))


@pytest.mark.parametrize(("old_label", "old_value", "new_value", "renamed"), [
    # Oracle: "Notes payable, current" 3,749 at 31 May 2022 is the next year's "Notes
    # payable and other borrowings, current" 3,749
    ("Notes payable, current", 3749.0, 3749.0, True),
    ("Notes payable, current", 3749.0, 3750.0, False),
    ("Accrued liabilities", 3749.0, 3749.0, False),  # no word shared
    ("Notes payable, current", 0.0, 0.0, False),  # nil in both says nothing
])
def test_a_renamed_item_prints_the_same_figures(old_label, old_value, new_value, renamed):
    from kcdiff.figures.compare import _same_figures

    may_2022 = Period("instant", "2022-05-31")
    old = balance(old_label, "Current liabilities", (may_2022, old_value))
    new = balance("Notes payable and other borrowings, current", "Current liabilities",
                  (may_2022, new_value), (Period("instant", "2023-05-31"), 1502.0))
    assert _same_figures(old, new) is renamed


def test_a_renamed_item_stays_in_its_statement_sub_header_and_unit():
    from dataclasses import replace

    from kcdiff.figures.compare import _same_figures

    may_2022 = Period("instant", "2022-05-31")
    old = balance("Notes payable, current", "Current liabilities", (may_2022, 3749.0))
    new = balance("Notes payable and other borrowings, current", "Current liabilities",
                  (may_2022, 3749.0))
    assert _same_figures(old, new)
    assert not _same_figures(replace(old, group="Non-current liabilities"), new)
    assert not _same_figures(replace(old, unit="US$m"), replace(new, unit="RMB'000"))
    assert not _same_figures(replace(old, kind="income"), new)
    assert not _same_figures(replace(old, values=((Period("instant", "2021-05-31"), 3749.0),)),
                             new)


def test_a_figure_in_another_unit_moves_only_against_its_own_filing():
    # Anxin reported in HK$'000; had the new filing changed to RMB'000, its figures are
    # set only against its own comparative and never called restated.
    old = balance_sheet("December 31, 2022", "June 30, 2023", INTERIM_ROWS[:1])
    hk = [replace(table, columns=tuple(replace(column, currency="HK$")
                                       for column in table.columns)) for table in old]
    new = balance_sheet("June 30, 2023", "December 31, 2023",
                        [("Cash and cash equivalents", "3,700,000", "2,255,287")])
    found = compare_figures(hk, new)
    assert [(f.status, f.old_value, f.new_value, f.old_source) for f in found] == [
        ("changed", 3700000, 2255287, "new")]
    from kcdiff.figures import figure_notes

    [note] = figure_notes(hk, new)
    assert note.message == ("Cash and cash equivalents: printed in HK$'000 in the old filing "
                            "and in RMB'000 in the new one; not compared across the filings")
    assert note.where == "UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS"
    assert (note.kind, note.severity) == ("figures_not_compared", "info")


def test_a_pair_matched_by_a_reworded_label_is_neither_added_nor_removed():
    old = balance_sheet("December 31, 2022", "June 30, 2023",
                        [("Pledged bank deposits", "10,000", "12,000"), *INTERIM_ROWS[:1]])
    new = balance_sheet("December 31, 2023", "December 31, 2024",
                        [("Pledged deposits", "12,500", "13,000"), *INTERIM_ROWS[:1]])
    found = compare_figures(old, new)
    assert [(f.status, f.item, f.old_item) for f in found if f.item == "Pledged deposits"] == [
        ("changed", "Pledged deposits", "Pledged bank deposits")]
    assert [f for f in found if f.status in ("added", "removed")] == []


def test_an_item_already_paired_is_not_paired_again_as_renamed():
    from kcdiff.figures.compare import renamed_items

    may_2022 = Period("instant", "2022-05-31")
    notes = balance("Notes payable, current", "Current liabilities", (may_2022, 3749.0))
    renamed = balance("Notes payable and other borrowings, current", "Current liabilities",
                      (may_2022, 3749.0))
    same_old = balance("Notes payable to banks", "Current liabilities", (may_2022, 3749.0))
    same_new = balance("Notes payable to banks", "Current liabilities", (may_2022, 3749.0))
    assert renamed_items([notes, same_old], [renamed, same_new], [(same_old, same_new)]) == [
        (notes, renamed)]


def test_every_field_of_an_added_item_and_a_restatement():
    from kcdiff.model import FigureChange

    found = figures(INTERIM_ROWS, [*INTERIM_ROWS, ("Equity investments", "259,930", "234,182")],
                    new=("December 31, 2022", "June 30, 2023"))
    assert found == [FigureChange(
        status="added", table="UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS",
        item="Equity investments", period="as at 2023-06-30", old_period="", old_value=None,
        new_value=234182.0, unit="RMB'000", old_item="", period_start="",
        period_end="2023-06-30", old_period_start="", old_period_end="", old_source="old")]
    from kcdiff.figures.compare import _restatements

    old = balance("Bank balances and cash", "", (DEC_2023, 2255287.0))
    new = balance("Cash and cash equivalents", "", (DEC_2023, 2255000.0), (DEC_2024, 1.0))
    [restated] = _restatements(old, new)
    assert (restated.old_period, restated.period, restated.old_period_end) == (
        "as at 2023-12-31", "as at 2023-12-31", "2023-12-31")
    assert restated.old_item == "Bank balances and cash"


def test_each_current_period_of_a_quarterly_filing_moves():
    # A 10-Q: three and nine months to 30 September 2023. The item prints no quarter of
    # its own, and the old filing's quarter is the same as the new one's: the nine
    # months still move (from the new filing's own comparative).
    from kcdiff.figures.compare import _changes

    q3 = Period("duration", "2023-09-30", 3)
    nine, nine_before = Period("duration", "2023-09-30", 9), Period("duration", "2022-09-30", 9)
    new = income("Revenues", (nine_before, 90.0), (nine, 100.0))
    [figure] = _changes(new, new, {3: q3}, {3: q3, 9: nine}, own_only=False)
    assert (figure.old_value, figure.new_value, figure.period) == (
        90.0, 100.0, "nine months ended 2023-09-30")
    quarter = income("Revenues", (q3, 30.0), (nine_before, 90.0), (nine, 100.0))
    [figure] = _changes(quarter, quarter, {3: q3}, {3: q3, 9: nine}, own_only=False)
    assert figure.period == "nine months ended 2023-09-30"


def test_columns_of_one_statement_over_two_pages_are_counted_together():
    from kcdiff.figures import figure_notes

    pages = [unread_statement("BALANCE SHEETS", kind="balance"),
             unread_statement("BALANCE SHEETS", columns=2, kind="balance")]
    [note] = figure_notes([], pages)
    assert note.message.endswith("were not compared: BALANCE SHEETS (3)")
