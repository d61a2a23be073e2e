"""Inline-XBRL facts: which facts are reviewed, which differences are restatements, and
which earlier period a movement is measured from (issue 12).

Values are Apple's (10-Q for the quarter to 1 April 2023 and its 10-K for fiscal 2022:
net sales 94,836 and 97,278 US$ millions, total assets 332,160 and 352,755) unless a
comment says otherwise; the statement titles are the ones Apple prints.
"""

from __future__ import annotations

import pytest

from kcdiff.figures.facts import (
    _period,
    _printed,
    _same_value,
    compare_facts,
    statement_facts,
    unit_of,
)
from kcdiff.model import Fact

INCOME = "CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS (Unaudited)"
BALANCE = "CONDENSED CONSOLIDATED BALANCE SHEETS (Unaudited)"
Q2_2023 = ("2023-01-01", "2023-04-01")  # 13 weeks
Q2_2022 = ("2021-12-26", "2022-03-26")


def sales(value: float, period=Q2_2023, statement=INCOME, label="Net sales", **more) -> Fact:
    return Fact("us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax", value * 1e6,
                "iso4217:USD", -6, *period, scale=6, label=label, statement=statement, **more)


def assets(value: float, end: str, statement=BALANCE, **more) -> Fact:
    return Fact("us-gaap:Assets", value * 1e6, "iso4217:USD", -6, "", end, scale=6,
                label="Total assets", statement=statement, **more)


def test_the_statement_is_preferred_to_a_summary_table():
    summary = sales(94.0, statement="Segment Information and Geographic Data | Net sales")
    statement = sales(94836.0)
    chosen = statement_facts([summary, statement])
    assert [fact.value for fact in chosen.values()] == [94836.0e6]


def test_a_fact_tagged_twice_with_two_values_in_statements_is_left_out():
    # Tagged in two statements with different values: the filing contradicts itself.
    twice = [sales(94836.0), sales(94837.0, statement="CONDENSED CONSOLIDATED STATEMENTS "
                                                       "OF COMPREHENSIVE INCOME (Unaudited)")]
    assert statement_facts(twice) == {}
    assert len(statement_facts([sales(94836.0), sales(94836.0)])) == 1


def test_only_reviewed_statement_facts_with_a_label_and_value():
    facts = [sales(1.0, label=""), sales(1.0, statement="Note 3 | Revenue"),
             Fact("dei:EntityPublicFloat", 1.0, "iso4217:USD", -6, "", "2022-03-25",
                  label="Public float", statement=BALANCE),
             Fact("us-gaap:Assets", None, "iso4217:USD", -6, "", "2023-04-01",
                  label="Total assets", statement=BALANCE),
             sales(1.0, statement="Off-Balance Sheet Arrangements")]
    assert statement_facts(facts) == {}


def test_statement_facts_keep_document_order():
    facts = [assets(332160.0, "2023-04-01"), sales(94836.0), sales(97278.0, Q2_2022)]
    assert [fact.label for fact in statement_facts(facts).values()] == [
        "Total assets", "Net sales", "Net sales"]


def test_a_restatement_needs_the_same_row_label():
    old = [sales(97278.0, Q2_2022)]
    new = [sales(94836.0), sales(97279.0, Q2_2022)]
    restated = [f for f in compare_facts(old, new) if f.status == "restated"]
    assert [(f.old_value, f.new_value, f.item) for f in restated] == [
        (97278.0, 97279.0, "Net sales")]
    relabelled = [sales(94836.0), sales(97279.0, Q2_2022, label="Net sales, total")]
    assert [f.status for f in compare_facts(old, relabelled)] == ["changed"]


def test_a_value_the_old_filing_tags_twice_differently_is_not_restated():
    old = [sales(97278.0, Q2_2022), sales(97270.0, Q2_2022, statement="Note 2")]
    new = [sales(94836.0), sales(97279.0, Q2_2022)]
    assert [f.status for f in compare_facts(old, new)] == ["changed"]


def test_movement_from_the_new_filings_own_comparative_first():
    # The old filing prints the same quarter: the new filing's own figure is the source.
    [moved] = compare_facts([sales(97278.0, Q2_2022)],
                            [sales(94836.0), sales(97278.0, Q2_2022)])
    assert (moved.status, moved.old_value, moved.new_value, moved.old_source) == (
        "changed", 97278.0, 94836.0, "new")
    assert (moved.period, moved.old_period) == ("three months ended 2023-04-01",
                                                "three months ended 2022-03-26")
    assert moved.old_item == "" and moved.table == INCOME


def test_movement_from_the_old_filing_when_the_new_one_has_no_comparative():
    [moved] = compare_facts([assets(352755.0, "2022-09-24")], [assets(332160.0, "2023-04-01")])
    assert (moved.old_value, moved.new_value, moved.old_source) == (352755.0, 332160.0, "old")
    assert (moved.old_period, moved.period) == ("as at 2022-09-24", "as at 2023-04-01")


def test_the_old_label_is_named_when_it_differs():
    [moved] = compare_facts([sales(97278.0, Q2_2022, label="Total net sales")],
                            [sales(94836.0)])
    assert moved.old_item == "Total net sales"


def test_the_latest_earlier_period_is_the_comparative():
    old = [assets(351002.0, "2021-09-25"), assets(352755.0, "2022-09-24")]
    [moved] = compare_facts(old, [assets(332160.0, "2023-04-01")])
    assert moved.old_value == 352755.0


def test_only_the_current_period_moves():
    new = [sales(94836.0), sales(97278.0, Q2_2022), sales(90000.0, ("2020-12-27", "2021-03-27"))]
    assert [(f.old_value, f.new_value) for f in compare_facts([], new)] == [(97278.0, 94836.0)]


def test_an_instant_is_never_compared_with_a_duration():
    duration = Fact("us-gaap:Assets", 1e6, "iso4217:USD", -6, *Q2_2022, scale=6,
                    label="Total assets", statement=BALANCE)
    assert compare_facts([duration], [assets(332160.0, "2023-04-01")]) == []


def test_an_overlapping_earlier_period_is_not_a_comparative():
    # Six months to 1 April 2023 overlaps the quarter to 1 April 2023: never compared.
    half = sales(211990.0, ("2022-09-25", "2023-04-01"))
    assert compare_facts([half], [sales(94836.0)]) == []
    ytd = sales(211990.0, ("2022-09-25", "2023-03-31"))
    assert compare_facts([ytd], [sales(94836.0)]) == []


def test_a_value_equal_as_tagged_is_no_movement():
    assert compare_facts([], [sales(94836.0), sales(94836.0, Q2_2022)]) == []


def test_values_without_precision_compare_exactly():
    old = Fact("us-gaap:EarningsPerShareDiluted", 1.52, "iso4217:USD/xbrli:shares", None,
               *Q2_2022, label="Diluted", statement=INCOME)
    new = Fact("us-gaap:EarningsPerShareDiluted", 1.52, "iso4217:USD/xbrli:shares", None,
               *Q2_2023, label="Diluted", statement=INCOME)
    assert compare_facts([old], [new]) == []
    [moved] = compare_facts([old], [Fact(*[getattr(new, f) for f in (
        "concept",)], 1.53, new.unit, None, *Q2_2023, label="Diluted", statement=INCOME)])
    assert (moved.old_value, moved.new_value, moved.unit) == (1.52, 1.53, "USD/share")


@pytest.mark.parametrize(("unit", "scale", "shown"), [
    ("iso4217:USD", 6, "US$ millions"),
    ("iso4217:USD", 3, "US$ thousands"),
    ("iso4217:USD", 9, "US$ billions"),
    ("iso4217:USD", 0, "US$"),
    ("iso4217:HKD", 3, "HK$ thousands"),
    ("iso4217:CHF", 6, "CHF millions"),
    ("iso4217:USD", 2, "US$ x10^2"),
    ("xbrli:shares", 3, "shares (thousands)"),
    ("xbrli:shares", 0, "shares"),
    ("iso4217:USD/xbrli:shares", 0, "USD/share"),
])
def test_unit_as_a_reader_sees_it(unit, scale, shown):
    assert unit_of(Fact("c", 1.0, unit, None, "", "2023-04-01", scale=scale)) == shown


def test_printed_value_in_the_filings_scale_and_sign():
    payment = Fact("us-gaap:PaymentsForRepurchaseOfCommonStock", 1057e6, "iso4217:USD", -6,
                   *Q2_2023, scale=6, shown_negative=True)
    assert _printed(payment, 6) == -1057.0
    assert _printed(sales(94036.0), 6) == 94036.0
    assert _printed(sales(94036.0), 3) == 94036000.0


@pytest.mark.parametrize(("start", "end", "months"), [
    ("2023-01-01", "2023-04-01", 3),  # 13 weeks
    ("2022-09-25", "2023-04-01", 6),  # 27 weeks
    ("2021-09-26", "2022-09-24", 12),  # 52 weeks
    ("2022-01-30", "2023-02-04", 12),  # 53 weeks
])
def test_period_length_in_months(start, end, months):
    period = _period(Fact("c", 1.0, "iso4217:USD", None, start, end))
    assert (period.kind, period.end, period.months) == ("duration", end, months)


def test_statement_facts_keep_document_order_not_concept_order():
    # Net sales printed before total assets: document order, not the concepts' sort order.
    facts = [sales(94836.0), assets(332160.0, "2023-04-01")]
    assert [fact.label for fact in statement_facts(facts).values()] == [
        "Net sales", "Total assets"]


def test_a_restatement_is_measured_from_the_old_filing():
    [restated] = [f for f in compare_facts([sales(97278.0, Q2_2022)],
                                           [sales(94836.0), sales(97279.0, Q2_2022)])
                  if f.status == "restated"]
    assert restated.old_source == "old"


def test_a_comparative_retagged_with_another_concept_is_restated_from_the_old_filing():
    # P&G's operating cash-flow "Other", fiscal 2024: us-gaap:OtherNoncashExpense 969 in
    # the 2024 10-K, us-gaap:OtherNoncashIncomeExpense 491 in the 2025 one.
    flows = "Consolidated Statements of Cash Flows"
    fy24, fy25 = ("2023-07-01", "2024-06-30"), ("2024-07-01", "2025-06-30")

    def other(concept: str, value: float, period: tuple[str, str]) -> Fact:
        return Fact(concept, value * 1e6, "iso4217:USD", -6, *period, scale=6,
                    label="Other", statement=flows)

    old = [other("us-gaap:OtherNoncashExpense", 969.0, fy24)]
    new = [other("us-gaap:OtherNoncashIncomeExpense", 491.0, fy24),
           other("us-gaap:OtherNoncashIncomeExpense", 378.0, fy25)]
    restated = [f for f in compare_facts(old, new) if f.status == "restated"]
    assert [(f.old_value, f.new_value, f.old_source, f.concept) for f in restated] == [
        (969.0, 491.0, "old", "us-gaap:OtherNoncashIncomeExpense")]


def test_a_nil_fact_in_the_old_filing_is_no_restatement():
    nil = Fact("us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax", None,
               "iso4217:USD", -6, *Q2_2022, scale=6, label="Net sales", statement=INCOME)
    figures = compare_facts([nil], [sales(94836.0), sales(97278.0, Q2_2022)])
    assert [(f.status, f.old_value, f.new_value) for f in figures] == [
        ("changed", 97278.0, 94836.0)]


def test_a_nil_fact_is_the_same_only_as_another_nil():
    nil = Fact("c", None, "iso4217:USD", -6, *Q2_2022)
    assert _same_value(nil, nil)
    assert not _same_value(nil, sales(1.0))
    assert not _same_value(sales(1.0), nil)


# Months are days / 30.44 rounded: 3.5 months is 106.5 days, so a period of 106 days
# (1 January to 16 April 2023, both counted) is three months and one of 107 is four.
@pytest.mark.parametrize(("end", "months"), [("2023-04-16", 3), ("2023-04-17", 4)])
def test_period_length_rounds_at_three_and_a_half_months(end, months):
    assert _period(Fact("c", 1.0, "iso4217:USD", None, "2023-01-01", end)).months == months


def test_a_measure_without_a_prefix_is_shown_as_tagged():
    assert unit_of(Fact("c", 1.0, "pure", None, "", "2023-04-01")) == "pure"
    assert unit_of(Fact("c", 1.0, "USD/shares", None, "", "2023-04-01")) == "USD/share"


def test_a_printed_value_keeps_six_decimal_places():
    eps = Fact("us-gaap:EarningsPerShareBasic", 1.23456789, "iso4217:USD/xbrli:shares", None,
               *Q2_2023, label="Basic", statement=INCOME)
    assert _printed(eps, 0) == 1.234568


def test_the_new_filings_own_comparative_names_no_old_label():
    # The old label is named only when the old filing printed the earlier value.
    [moved] = compare_facts([], [sales(94836.0), sales(97278.0, Q2_2022, label="Sales")])
    assert (moved.old_source, moved.old_item) == ("new", "")
