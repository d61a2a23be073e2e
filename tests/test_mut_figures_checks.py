"""Thresholds of the consistency checks, each tested just either side (issue 12).

Every case is an excerpt of the annual sample (``samples/kingsoft-cloud-2024-annual.txt``:
its cover, financial highlights, MD&A income statement, balance sheet and the sentence
stating the convenience rate) with one printed figure edited. The arithmetic in each
comment is read from the printed figures; the check's allowance is the rounding a reader
would grant, so one unit inside it is silent and one unit beyond it is an error.
"""

from __future__ import annotations

import pytest
from conftest import ANNUAL

from kcdiff.figures.checks import check_filing
from kcdiff.figures.tables import read_tables
from kcdiff.ingest import parse_text
from kcdiff.segment import segment

TEXT = ANNUAL.read_text(encoding="utf-8")


pytestmark = pytest.mark.usefixtures("fresh_figure_caches")



def _between(start: str, end: str) -> str:
    first = TEXT.index(start)
    return TEXT[first:TEXT.index(end, first + len(start))] + "\n"


COVER = _between("**PRELIMINARY ANNOUNCEMENT", "The board (the")
HIGHLIGHTS = _between("FINANCIAL HIGHLIGHTS", "NON-GAAP FINANCIAL MEASURES")
INCOME = _between("MANAGEMENT DISCUSSION AND ANALYSIS", "Total Revenues reached")
REVENUE_SENTENCE = _between("Total Revenues reached", "\n")
BALANCE = _between("UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS",
                   "UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF CASH FLOWS")
RATE = _between("Amounts in U.S. dollars are presented", "\n")


def checks_of(*parts: str, kind: str | None = None):
    sections = segment(parse_text("\n".join(parts), "annual.txt"))
    checks = check_filing(sections, read_tables(sections))
    return [check for check in checks if kind is None or check.kind == kind]


def edited(text: str, printed: str, wrong: str) -> str:
    assert text.count(printed) == 1, printed
    return text.replace(printed, wrong)


def test_the_excerpts_hold_together():
    assert checks_of(COVER, HIGHLIGHTS, INCOME, REVENUE_SENTENCE, RATE, BALANCE) == []


# --- a total against its rows: 6 rows at 0 decimals may be 0.5 * (6 + 1) = 3.5 off ---


def current_assets_2023(total: str) -> str:
    return edited(BALANCE, "Total current assets\t\t6,098,124",
                  f"Total current assets\t\t{total}")


def test_a_total_three_off_its_six_rows_is_rounding():
    # 2,255,287 + 234,194 + 1,529,915 + – + 1,812,692 + 266,036 = 6,098,124
    assert checks_of(COVER, current_assets_2023("6,098,127"), kind="total") == []


def test_a_total_four_off_its_six_rows_is_an_error():
    [check] = checks_of(COVER, current_assets_2023("6,098,128"), kind="total")
    assert check.severity == "error"
    assert check.where == "UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS"
    assert check.message == (
        'Total current assets (as at 2023-12-31): the 6 rows under "Current assets" add up '
        "to 6,098,124, the table prints 6,098,128")


def test_rows_more_than_a_tenth_over_their_total_are_not_its_components():
    # 6,098,124 > 1.1 * 5,543,749 = 6,098,123.9: the rows overshoot, nothing is claimed;
    # 1.1 * 5,543,750 = 6,098,125: they are within reach, so the total is wrong.
    assert checks_of(COVER, current_assets_2023("5,543,749"), kind="total") == []
    [check] = checks_of(COVER, current_assets_2023("5,543,750"), kind="total")
    assert "add up to 6,098,124, the table prints 5,543,750" in check.message


def test_a_total_failing_in_more_columns_than_it_holds_says_the_rows_were_misread():
    # Wrong in both RMB columns, right in the US$ one: no proof these are its rows.
    both = edited(current_assets_2023("6,098,128"), "\t6,840,786\t937,184",
                  "\t6,840,790\t937,184")
    assert checks_of(COVER, both, kind="total") == []


def test_a_total_failing_in_one_column_and_holding_in_two_is_an_error_in_that_one():
    wrong = edited(BALANCE, "\t6,840,786\t937,184", "\t6,840,790\t937,184")
    [check] = checks_of(COVER, wrong, kind="total")
    assert "(as at 2024-12-31)" in check.message
    assert "add up to 6,840,786, the table prints 6,840,790" in check.message


# --- the balance sheet: two parts at 0 decimals may be 1.5 off -----------------------


def test_total_assets_one_off_its_two_parts_is_rounding():
    # 6,098,124 + 8,972,154 = 15,070,278; total liabilities and equity prints 15,070,278
    # too, and one total against one other may be 0.5 * 2 = 1 off.
    wrong = edited(BALANCE, "Total assets\t\t15,070,278", "Total assets\t\t15,070,279")
    assert checks_of(COVER, wrong) == []


def test_total_assets_two_off_its_two_parts_is_an_error():
    wrong = edited(BALANCE, "Total assets\t\t15,070,278", "Total assets\t\t15,070,280")
    messages = [check.message for check in checks_of(COVER, wrong, kind="balance")]
    assert messages == [
        "total assets (as at 2023-12-31) is 15,070,280, but total current assets + total "
        "non-current assets = 15,070,278",
        "total liabilities and equity (as at 2023-12-31) is 15,070,278, but total assets = "
        "15,070,280",
    ]


def test_an_identity_failing_for_every_period_is_not_claimed():
    wrong = edited(BALANCE, "Total assets\t\t15,070,278\t17,592,654",
                   "Total assets\t\t15,070,280\t17,592,656")
    assert checks_of(COVER, wrong, kind="balance") == []


# --- the US$ column at RMB7.2993 per US$1.00: 2 units and 0.1% of the figure ----------


@pytest.mark.parametrize(("printed", "wrong"), [
    # 32,001 / 7.2993 = 4,384.1; allowed 2 + 4.4 = 6.4
    ("Statutory reserves funds\t\t21,765\t32,001\t4,384", False),
    ("Statutory reserves funds\t\t21,765\t32,001\t4,390", False),
    ("Statutory reserves funds\t\t21,765\t32,001\t4,391", True),
    # 4,605,724 / 7.2993 = 630,981.9; allowed 2 + 631.0 = 633.0
    ("Goodwill\t\t4,605,724\t4,605,724\t631,614", False),
    ("Goodwill\t\t4,605,724\t4,605,724\t631,615", True),
])
def test_translation_within_rounding_of_the_stated_rate(printed, wrong):
    label = printed.split("\t")[0]
    original = next(line for line in BALANCE.split("\n") if line.startswith(label + "\t"))
    checks = checks_of(COVER, RATE, edited(BALANCE, original, printed), kind="translation")
    assert bool(checks) == wrong
    if wrong:
        figure = printed.split("\t")[-1]
        assert checks[0].message.startswith(
            "US$ figures disagree with the RMB figures at RMB7.2993 per US$1.00 in 1 row(s): "
            f"{label}: US${figure} for RMB")
        assert checks[0].severity == "error"


def test_without_a_stated_rate_the_us_column_is_not_checked():
    wrong = edited(BALANCE, "\t32,001\t4,384", "\t32,001\t9,999")
    assert checks_of(COVER, wrong, kind="translation") == []
    assert checks_of(COVER, RATE, wrong, kind="translation") != []


# --- a printed change: "57.7%" allows 0.05 for its rounding and 0.01 more -------------


@pytest.mark.parametrize(("after", "wrong"), [
    # (1,341,226 - 850,169) / 850,169 = 57.7599%: 0.0599 from 57.7
    ("1,341,226", False),
    # (1,341,227 - 850,169) / 850,169 = 57.7600%: 0.0600 and a little more
    ("1,341,227", True),
])
def test_printed_change_column_within_its_rounding(after, wrong):
    text = edited(HIGHLIGHTS, "Gross profit\t850,169\t1,340,926\t57.7%",
                  f"Gross profit\t850,169\t{after}\t57.7%")
    checks = checks_of(COVER, text, kind="percentage")
    assert bool(checks) == wrong
    if wrong:
        assert checks[0].message == (
            f"Gross profit: the change is printed as 57.7%, but 850,169 to {after} is +57.8%")


def test_a_loss_that_narrows_may_be_printed_as_a_rise_or_a_fall():
    # (1,979,042) after (2,183,647): +9.37% as signed figures, -9.37% in size. "(9.4)%"
    # and "9.4%" both hold; "(9.3)%" is 0.07 off either reading.
    assert checks_of(COVER, HIGHLIGHTS, kind="percentage") == []
    rise = edited(HIGHLIGHTS, "(1,979,042)\t(9.4)%", "(1,979,042)\t9.4%")
    assert checks_of(COVER, rise, kind="percentage") == []
    wrong = edited(HIGHLIGHTS, "(1,979,042)\t(9.4)%", "(1,979,042)\t(9.3)%")
    [check] = checks_of(COVER, wrong, kind="percentage")
    assert check.message == (
        "Net loss: the change is printed as (9.3)%, but (2,183,647) to (1,979,042) is +9.4%")


# --- prose: the amounts' own rounding (0.05 million each) widens the allowance --------


@pytest.mark.parametrize(("earlier", "wrong"), [
    # 7,785.2 over 7,049.3 is +10.4393%, 0.0607 from 10.5: within 0.06 + the amounts'
    # rounding (100 * 0.05 * (7,785.2 + 7,049.3) / 7,049.25² = 0.0015)
    ("7,049.3", False),
    # 7,785.2 over 7,049.4 is +10.4378%, 0.0622 from 10.5: beyond it
    ("7,049.4", True),
])
def test_prose_change_within_the_rounding_of_its_amounts(earlier, wrong):
    sentence = edited(REVENUE_SENTENCE, "from RMB7,047.5 million", f"from RMB{earlier} million")
    checks = checks_of(COVER, INCOME, sentence, kind="percentage")
    assert bool(checks) == wrong
    if wrong:
        assert checks[0].message.startswith(
            f'"increase of 10.5%" does not follow from RMB{earlier} to RMB7,785.2 (+10.4%)')


# --- a statement printed twice: highlights against the income statement --------------


def test_one_figure_the_highlights_print_differently_is_an_error():
    # The highlights share 5 rows x 2 years with the income statement: 1 of 10 differing
    # is a misprint.
    text = edited(HIGHLIGHTS, "Net loss\t(2,183,647)\t(1,979,042)",
                  "Net loss\t(2,183,647)\t(1,997,042)")
    [check] = checks_of(COVER, text, INCOME, kind="agreement")
    assert check.message == (
        "Net loss (year ended 2024-12-31) is (1,979,042) here but (1,997,042) in "
        "FINANCIAL HIGHLIGHTS")


def test_two_of_ten_shared_figures_differing_are_two_different_tables():
    # 2 > 20% of the 8 that agree: not one statement printed twice.
    text = edited(HIGHLIGHTS, "Net loss\t(2,183,647)\t(1,979,042)",
                  "Net loss\t(2,183,647)\t(1,997,042)")
    text = edited(text, "Gross profit\t850,169\t1,340,926", "Gross profit\t850,169\t1,340,962")
    assert checks_of(COVER, text, INCOME, kind="agreement") == []


def test_a_finding_names_the_statement_and_a_section_that_differs():
    from kcdiff.figures.findings import where
    from kcdiff.figures.tables import Table

    def table(section: str, statement: str) -> Table:
        return Table(section, statement, "income", "mdna", "", (), ())

    caption = "UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF COMPREHENSIVE LOSS"
    assert where(table("MANAGEMENT DISCUSSION AND ANALYSIS", caption)) == (
        f"{caption} (MANAGEMENT DISCUSSION AND ANALYSIS)")
    # a section titled by the statement, or a statement named by its section's title
    assert where(table(caption, caption)) == caption
    assert where(table(caption + " (continued)", caption)) == caption
    assert where(table("FINANCIAL HIGHLIGHTS", "FINANCIAL HIGHLIGHTS (continued)")) == (
        "FINANCIAL HIGHLIGHTS (continued)")


# --- an unlabelled total closing the rows straight above it ---------------------------

# Anxin-China's 2012 annual results (HKEX 1149, 2013-03-18), statement of comprehensive
# income: "... attributable to: Owners of the Company 585,228; Non-controlling interests
# (49)" closed by an unlabelled 585,179.
ANXIN = """CONSOLIDATED STATEMENT OF COMPREHENSIVE INCOME

For the year ended 31 December 2012

\t2012\t2011
\tHK$'000\tHK$'000
Profit for the year\t547,825\t404,220
Other comprehensive income includes
Exchange gains arising on translation of
financial statements of foreign operations\t37,354\t125,717
Other comprehensive income for the year\t37,354\t125,717
Total comprehensive income for the year\t585,179\t529,937
Total comprehensive income for
the year attributable to
Owners of the Company\t585,228\t529,937
Non-controlling interests\t(49)\t–
\t{total}\t529,937
"""


def test_an_unlabelled_total_of_the_two_rows_above_within_rounding():
    # 585,228 - 49 = 585,179; two rows may be 0.5 * (2 + 1) = 1.5 off.
    assert checks_of(ANXIN.format(total="585,179")) == []
    assert checks_of(ANXIN.format(total="585,180")) == []


def test_an_unlabelled_total_two_off_the_rows_above_is_an_error():
    [check] = checks_of(ANXIN.format(total="585,181"))
    assert (check.kind, check.severity) == ("total", "error")
    assert "(year ended 2012-12-31)" in check.message
    assert check.message.endswith("the table prints 585,181")


# --- unreadable figures: reported, never guessed ---------------------------------------


def test_unreadable_figures_are_listed_six_at_most():
    from conftest import INTERIM

    interim = INTERIM.read_text(encoding="utf-8")
    checks = {check.where: check for check in checks_of(interim, kind="unreadable")}
    assert checks["UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS"].message == (
        '12 figure(s) could not be read and were not compared: Prepayments and other '
        'assets: "1,612,022 246,505"; Prepayments and other assets: "233,832 40,701"; '
        'Non-current assets: "2 122 004"; Non-current assets: "1 (01 2(1"; Non-current '
        'assets: "221 050"; Property and equipment, net: "231,870 127,712"; and 6 more')
    assert checks["LOSS PER SHARE"].message == (
        '1 figure(s) could not be read and were not compared: (no label): '
        '"2022 RMB (1,356,246) 3,651,473,415"')
    assert {check.severity for check in checks.values()} == {"warning"}


# --- an unlabelled total after sub-headers: whose total is it? -------------------------

# Amazon's 10-K for 2024, note 2 (cash and marketable securities by fair value level, at
# 31 December 2023): the unlabelled row closes every level, not the Level 2 rows above it.
AMAZON = """Note 2 — CASH, CASH EQUIVALENTS, RESTRICTED CASH, AND MARKETABLE SECURITIES

\tDecember 31, 2023\t\t\t
\tCost or Amortized Cost\tGross Unrealized Gains\tGross Unrealized Losses\t\
Total Estimated Fair Value
Cash\t11,706\t—\t—\t11,706
Level 1 securities:\t\t\t\t
Money market funds\t39,160\t—\t—\t39,160
Equity securities\t4,658\t\t\t
Level 2 securities:\t\t\t\t
Foreign government and agency securities\t505\t—\t—\t505
U.S. government and agency securities\t1,789\t1\t(91)\t1,699
Corporate debt securities\t27,996\t—\t(191)\t27,805
Asset-backed securities\t1,707\t—\t(61)\t1,646
Other debt securities\t108\t—\t(4)\t104
\t{cost}\t1\t(347)\t{fair}
"""
LEVEL_1 = ("Level 1 securities:\t\t\t\t\nMoney market funds\t39,160\t—\t—\t39,160\n"
           "Equity securities\t4,658\t\t\t\n")


def test_an_unlabelled_total_after_an_open_group_is_not_that_groups_total():
    # Level 1 ends on an item, not a total: the last row totals every level (82,971).
    assert checks_of(AMAZON.format(cost="82,971", fair="87,283")) == []


@pytest.mark.parametrize(("cost", "wrong"), [("32,108", False), ("32,109", True)])
def test_an_unlabelled_total_straight_after_its_only_group(cost, wrong):
    # Without Level 1 the row closes Level 2: 505 + 1,789 + 27,996 + 1,707 + 108 = 32,105,
    # and five rows may be 0.5 * (5 + 1) = 3 off.
    text = edited(AMAZON, LEVEL_1, "").format(cost=cost, fair="31,759")
    checks = checks_of(text, kind="total")
    assert bool(checks) == wrong
    if wrong:
        assert checks[0].message == (
            "Total of Level 2 securities (December 31, 2023 Cost or Amortized Cost): the 5 "
            f'rows under "Level 2 securities" add up to 32,105, the table prints {cost}')


def test_a_nil_row_above_an_unlabelled_total_adds_nothing():
    # 2011: Owners 529,937 and non-controlling interests "–" over 529,936, one off.
    text = edited(ANXIN, "\t{total}\t529,937\n", "\t585,179\t529,936\n")
    assert checks_of(text, kind="total") == []


# Two numbers run into one cell, as the interim's PDF extraction prints them.
GARBLED = """UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS

\tAs at December 31,\tAs at June 30,
\t2022\t2023
\tRMB'000\tRMB'000
{rows}
"""


@pytest.mark.parametrize(("rows", "listed"), [(3, "6 figure(s)"), (4, "8 figure(s)")])
def test_six_unreadable_figures_are_all_listed(rows, listed):
    lines = [f"Prepayments and other assets {n}\t1,612,022 246,505\t233,832 40,701"
             for n in range(rows)]
    [check] = checks_of(GARBLED.format(rows="\n".join(lines)), kind="unreadable")
    assert check.message.startswith(f"{listed} could not be read and were not compared: ")
    assert check.message.count('"1,612,022 246,505"') == 3
    assert check.message.endswith('"233,832 40,701"' if rows == 3 else "; and 2 more")


@pytest.mark.parametrize(("value", "decimals", "printed"), [
    (-1979042.0, 0, "(1,979,042)"), (0.0, 0, "0"), (0.4, 0, "0"), (0.61, 2, "0.61"),
    (-0.54, 2, "(0.54)"), (4384.1, 1, "4,384.1"),
])
def test_figures_are_printed_as_the_statements_print_them(value, decimals, printed):
    from kcdiff.figures.findings import fmt

    assert fmt(value, decimals) == printed


def test_rows_after_a_nil_figure_are_still_translated():
    # "Amounts due from related parties 56,264 – –" has nothing to translate; the row
    # after it does: 137,047 / 7.2993 = 18,775.2, not 18,875.
    wrong = edited(BALANCE, "\t137,047\t18,775", "\t137,047\t18,875")
    [check] = checks_of(COVER, RATE, wrong, kind="translation")
    assert "Operating lease right-of-use assets: US$18,875 for RMB137,047" in check.message


STATEMENT = _between(
    "UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF COMPREHENSIVE LOSS\n\n(Amounts",
    "UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS")


@pytest.mark.parametrize(("printed", "wrong"), [
    # RMB(0.54) / 7.2993 = US$(0.074); two cents and 0.1% allowed: (0.09) is 0.016 off
    ("(0.09)", False),
    ("(0.10)", True),
])
def test_per_share_translation_at_two_decimals(printed, wrong):
    text = edited(STATEMENT, "(0.61)\t(0.54)\t(0.07)", f"(0.61)\t(0.54)\t{printed}")
    checks = checks_of(COVER, RATE, text, kind="translation")
    assert bool(checks) == wrong
    if wrong:
        assert checks[0].message.endswith(
            "in 1 row(s): Basic and diluted: US$(0.10) for RMB(0.54) (≈ US$(0.07))")
        assert checks[0].where == ("UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF "
                                   "COMPREHENSIVE LOSS")


def test_every_wrong_row_of_a_table_is_listed_in_one_finding():
    text = edited(BALANCE, "\t137,047\t18,775", "\t137,047\t18,875")
    text = edited(text, "\t4,605,724\t630,982", "\t4,605,724\t631,982")
    [check] = checks_of(COVER, RATE, text, kind="translation")
    assert check.message.endswith(
        "in 2 row(s): Goodwill: US$631,982 for RMB4,605,724 (≈ US$630,982); "
        "Operating lease right-of-use assets: US$18,875 for RMB137,047 (≈ US$18,775)")


# The annual's balance sheet totals, one column or three.
TOTALS = """UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS

\tAs at December 31,{dates}
{years}
Total current assets{current}
Total non-current assets{non_current}
Total assets{total}
"""


def totals_sheet(*columns: tuple[str, str, str, str]) -> str:
    def cells(position: int) -> str:
        return "".join(f"\t{column[position]}" for column in columns)

    return TOTALS.format(dates="\t" * (len(columns) - 1), years=cells(0), current=cells(1),
                         non_current=cells(2), total=cells(3))


def test_an_identity_of_a_single_date_is_never_proven_wrong():
    # One column only: a failing identity may be a misread row; no other date shows
    # the rows are right.
    wrong = totals_sheet(("2024", "6,840,786", "10,751,868", "17,592,664"))
    assert checks_of(wrong, kind="balance") == []


def test_a_date_missing_a_part_is_passed_over_not_the_end():
    # 2022: no non-current total printed; 2023 holds; 2024 is ten off.
    text = totals_sheet(("2022", "5,000,000", "", "13,000,000"),
                        ("2023", "6,098,124", "8,972,154", "15,070,278"),
                        ("2024", "6,840,786", "10,751,868", "17,592,664"))
    [check] = checks_of(text, kind="balance")
    assert check.message == (
        "total assets (as at 2024-12-31) is 17,592,664, but total current assets + total "
        "non-current assets = 17,592,654")


# --- a statement printed twice: the MD&A copy and the financial information's copy ----


def test_a_row_under_a_sub_header_differing_between_two_copies():
    # "Operating expenses:" / "Selling and marketing expenses (460,221) (479,369)" in both
    # copies of the statement of comprehensive loss; the second copy edited.
    wrong = edited(STATEMENT, "(460,221)\t(479,369)", "(460,221)\t(497,369)")
    [check] = checks_of(COVER, INCOME, wrong, kind="agreement")
    assert check.message == (
        "Selling and marketing expenses (year ended 2024-12-31) is (497,369) here but "
        "(479,369) in UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF COMPREHENSIVE LOSS")
    assert check.where == "UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF COMPREHENSIVE LOSS"


def test_two_misprints_among_many_shared_figures_are_both_errors():
    # Some 25 rows x 2 years shared: 2 differing is well under a fifth.
    wrong = edited(STATEMENT, "(460,221)\t(479,369)", "(460,221)\t(497,369)")
    wrong = edited(wrong, "(784,807)\t(845,989)", "(784,807)\t(854,989)")
    checks = checks_of(COVER, INCOME, wrong, kind="agreement")
    assert [check.message.split(" (")[0] for check in checks] == [
        "Selling and marketing expenses", "Research and development expenses"]


def test_a_figure_differing_in_two_tables_is_reported_once():
    # Net loss 2024 edited in the second copy only: the highlights and the MD&A copy both
    # disagree with it, and it is said once.
    wrong = edited(STATEMENT, "(2,183,647)\t(1,979,042)", "(2,183,647)\t(1,997,042)")
    checks = checks_of(COVER, HIGHLIGHTS, INCOME, wrong, kind="agreement")
    assert [check.message for check in checks] == [
        "Net loss (year ended 2024-12-31) is (1,997,042) here but (1,979,042) in "
        "FINANCIAL HIGHLIGHTS"]


def test_a_total_over_an_unreadable_row_is_not_checked_in_that_column():
    # "234.194" in a table of thousands may be 234,194 or 234.194: never guessed, so the
    # 2023 total of current assets is not checked (and no error is claimed).
    wrong = edited(BALANCE, "Restricted cash\t\t234,194", "Restricted cash\t\t234.194")
    checks = checks_of(COVER, wrong)
    assert [check.kind for check in checks if check.severity == "error"] == []
    assert [check.kind for check in checks] == ["unreadable"]


def test_a_subtotal_inside_a_group_is_not_counted_twice():
    from kcdiff.figures.checks import _sums

    # Deferred tax assets: tax losses 1,000 + accrued expenses 500 + other 200 = gross
    # 1,700; less a valuation allowance (1,200) = 500. The plain sum counts the gross
    # figure on top of its parts.
    assert _sums([1000.0, 500.0, 200.0, 1700.0, -1200.0], 2.5) == (2200.0, 500.0)
    # A row is a subtotal only after two rows or more, and only when it is their sum.
    assert _sums([1000.0, 1000.0, -1200.0], 1.5) == (800.0, 800.0)
    assert _sums([1000.0, 500.0, 1504.0, -1200.0], 2.5) == (1804.0, 1804.0)
    assert _sums([1000.0, 500.0, 1502.0, -1200.0], 2.5) == (1802.0, 302.0)


def test_a_nil_total_is_not_checked():
    # An unlabelled total printed "–" for 2011 under Owners 529,937 and nil: the column
    # holds no figure to check; 2012 still holds.
    text = edited(ANXIN, "\t{total}\t529,937\n", "\t585,179\t–\n")
    assert checks_of(text, kind="total") == []


@pytest.mark.parametrize(("label", "group", "before", "closes"), [
    ("Total current assets", "Current assets", ("Amounts due from related parties",
                                                "Current assets"), True),
    ("Total of current assets", "Current assets", None, True),
    ("TOTAL CURRENT ASSETS", "CURRENT ASSETS", None, True),
    ("Total non-current liabilities", "Non-current liabilities", None, True),
    # not the current liabilities' total, though it names them
    ("Total assets less current liabilities", "Current liabilities", None, False),
    ("Net current assets", "Current assets", None, False),
    ("Total assets", "Non-current assets", None, False),
    # an unlabelled row straight after its group's items closes the group ...
    ("", "Level 2 securities", ("Other debt securities", "Level 2 securities"), True),
    # ... not after a row of another group, an unlabelled row, or a total of its own
    ("", "Level 2 securities", ("Equity securities", "Level 1 securities"), False),
    ("", "Level 2 securities", ("", "Level 2 securities"), False),
    ("", "Current assets", ("Total current assets", "Current assets"), False),
    ("", "Current assets", None, False),
])
def test_which_row_closes_its_group(label, group, before, closes):
    from kcdiff.figures.checks import _closes_group
    from kcdiff.figures.tables import Row

    above = Row(before[0], (), before[1]) if before else None
    assert _closes_group(Row(label, (), group), above) is closes


@pytest.mark.parametrize(("count", "decimals", "allowed"), [
    (6, 0, 3.5), (2, 0, 1.5), (1, 0, 1.0), (2, 1, 0.15), (2, 2, 0.015), (5, 2, 0.03)])
def test_rounding_allowed_for_a_sum_of_rounded_figures(count, decimals, allowed):
    from kcdiff.figures.findings import rounding

    assert rounding(count, decimals) == pytest.approx(allowed, abs=1e-8)


@pytest.mark.parametrize(("fourth", "claimed"), [
    # 2022 ten off, 2023 holds, 2024 ten off: fails for more dates than it holds
    (None, False),
    # and a fourth date that holds: as many hold as fail, so the rows are proven
    (("2025", "1,000", "2,000", "3,000"), True),
])
def test_an_identity_is_claimed_wrong_only_where_as_many_dates_hold(fourth, claimed):
    columns = [("2022", "5,000,000", "8,000,000", "13,000,010"),
               ("2023", "6,098,124", "8,972,154", "15,070,278"),
               ("2024", "6,840,786", "10,751,868", "17,592,664")]
    checks = checks_of(totals_sheet(*columns, *([fourth] if fourth else [])), kind="balance")
    assert len(checks) == (2 if claimed else 0)
    assert all(check.where == "UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS"
               for check in checks)


# Two groups of the annual's MD&A, in US$ millions to one decimal (as its prose prints
# them): revenues by service, and the costs.
GROUPS = """UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF COMPREHENSIVE LOSS

\tFor the year ended December 31,\t
\t2023\t2024
\tUS$ million\tUS$ million
Other income:\t\t
Interest income\t10.7\t3.7
Total other income\t10.7\t{other}
Revenues:\t\t
Public cloud services\t600.3\t686.0
Enterprise cloud services\t364.9\t380.6
Total revenues\t965.2\t{revenues}
"""


def test_a_group_of_one_row_proves_nothing_and_the_next_group_is_still_checked():
    # "Other income" holds one row: no total is claimed wrong from it. "Revenues" holds
    # two: 686.0 + 380.6 = 1,066.6, so 1,066.9 is 0.3 off where 0.15 is allowed.
    assert checks_of(GROUPS.format(other="3.9", revenues="1,066.6"), kind="total") == []
    [check] = checks_of(GROUPS.format(other="3.9", revenues="1,066.9"), kind="total")
    assert check.message == (
        'Total revenues (year ended 2024-12-31): the 2 rows under "Revenues" add up to '
        "1,066.6, the table prints 1,066.9")
    assert checks_of(GROUPS.format(other="3.7", revenues="1,066.7"), kind="total") == []


def test_a_change_column_with_the_current_year_first():
    # US filings print the current year first: 2024 then 2023. Gross profit 1,340,926
    # after 850,169 is +57.7%.
    table = ("FINANCIAL HIGHLIGHTS\n\n\tFor the year ended December 31,\t\tChange\n"
             "\t2024\t2023\t\n\tRMB'000\tRMB'000\t%\n"
             "Revenues\t7,785,180\t7,047,461\t10.5%\n"
             "Gross profit\t1,340,926\t850,169\t57.7%\n")
    assert checks_of(COVER, table, kind="percentage") == []
    [check] = checks_of(COVER, table.replace("57.7%", "-36.6%"), kind="percentage")
    assert check.message.endswith("850,169 to 1,340,926 is +57.7%")


@pytest.mark.parametrize(("cost", "wrong"), [("32,105", False), ("32,109", True)])
def test_an_unlabelled_total_after_groups_closed_by_their_totals(cost, wrong):
    # Level 1 closed by a total of its own: the unlabelled row after Level 2 is Level 2's.
    closed = LEVEL_1 + "Total Level 1 securities\t43,818\t—\t—\t39,160\n"
    text = edited(AMAZON, LEVEL_1, closed).format(cost=cost, fair="31,759")
    checks = checks_of(text, kind="total")
    assert [check.message.split(":")[0] for check in checks] == (
        ["Total of Level 2 securities (December 31, 2023 Cost or Amortized Cost)"]
        if wrong else [])


def test_a_translated_row_without_a_label_is_named_so():
    wrong = edited(BALANCE, "Total assets\t\t15,070,278\t17,592,654\t2,410,184",
                   "\t\t15,070,278\t17,592,654\t2,510,184")
    [check] = checks_of(COVER, RATE, wrong, kind="translation")
    assert "(no label): US$2,510,184 for RMB17,592,654" in check.message


def test_highlights_match_a_statement_row_under_its_sub_header():
    # Highlights print no sub-headers; the statement prints "Selling and marketing
    # expenses" under "Operating expenses:". A highlights row giving it differently is
    # still the same figure.
    row = "Selling and marketing expenses\t(460,221)\t(497,369)\t4.2%\n"
    highlights = HIGHLIGHTS.rstrip("\n") + "\n" + row
    [check] = checks_of(COVER, highlights, INCOME, kind="agreement")
    assert check.message == (
        "Selling and marketing expenses (year ended 2024-12-31) is (479,369) here but "
        "(497,369) in FINANCIAL HIGHLIGHTS")


def test_a_figure_already_said_does_not_hide_the_next_one():
    # Net loss differs in the second copy (said once, against the highlights), and so
    # does the non-controlling interests' share printed after it.
    wrong = edited(STATEMENT, "(2,183,647)\t(1,979,042)", "(2,183,647)\t(1,997,042)")
    wrong = edited(wrong, "(7,307)\t(12,362)", "(7,307)\t(12,632)")
    checks = checks_of(COVER, HIGHLIGHTS, INCOME, wrong, kind="agreement")
    assert [check.message.split(" (")[0] for check in checks] == [
        "Net loss", "Less: net loss attributable to non-controlling interests"]
