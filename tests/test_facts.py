"""Inline-XBRL facts: read from the tags (kcdiff.ingest.ixbrl), compared exactly
(kcdiff.figures.facts). Expected values were read from the filings' printed statements."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from kcdiff.compare import analyse, compare, figure_diffs
from kcdiff.figures.facts import SAME_LENGTH_DAYS, compare_facts, unit_of
from kcdiff.ingest import read_filing
from kcdiff.ingest.ixbrl import parse_number
from kcdiff.model import Fact, Filing

HEADER = """<html xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"><body>
<div style="display:none"><ix:header><ix:hidden>
<ix:nonFraction name="us-gaap:Hidden" contextRef="d2024" unitRef="usd" decimals="-6"
 scale="6">999</ix:nonFraction></ix:hidden><ix:resources>
<xbrli:context id="d2024"><xbrli:entity><xbrli:identifier scheme="x">1</xbrli:identifier>
</xbrli:entity><xbrli:period><xbrli:startDate>2024-01-01</xbrli:startDate>
<xbrli:endDate>2024-12-31</xbrli:endDate></xbrli:period></xbrli:context>
<xbrli:context id="i2024"><xbrli:entity><xbrli:identifier scheme="x">1</xbrli:identifier>
<xbrli:segment><xbrldi:explicitMember dimension="us-gaap:StatementClassOfStockAxis">
us-gaap:CommonClassAMember</xbrldi:explicitMember></xbrli:segment></xbrli:entity>
<xbrli:period><xbrli:instant>2024-12-31</xbrli:instant></xbrli:period></xbrli:context>
<xbrli:unit id="usd"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit>
<xbrli:unit id="eps"><xbrli:divide><xbrli:unitNumerator><xbrli:measure>iso4217:USD
</xbrli:measure></xbrli:unitNumerator><xbrli:unitDenominator><xbrli:measure>xbrli:shares
</xbrli:measure></xbrli:unitDenominator></xbrli:divide></xbrli:unit>
</ix:resources></ix:header></div>
"""

STATEMENT = HEADER + """
<p><b>CONSOLIDATED STATEMENTS OF OPERATIONS</b></p>
<p><b>(in millions, except per share data)</b></p>
<table>
<tr><td>Net sales</td><td>$</td><td><ix:nonFraction name="us-gaap:Revenues" contextRef="d2024"
 unitRef="usd" decimals="-6" scale="6" format="ixt:num-dot-decimal">1,234.5</ix:nonFraction>
</td></tr>
<tr><td>Net loss</td><td>$(<ix:nonFraction name="us-gaap:NetIncomeLoss" contextRef="d2024"
 unitRef="usd" decimals="-6" scale="6" sign="-">2,000</ix:nonFraction>)</td></tr>
<tr><td>Capital expenditure</td><td>(</td><td>$</td><td><ix:nonFraction
 name="us-gaap:PaymentsToAcquireProductiveAssets" contextRef="d2024" unitRef="usd"
 decimals="-6" scale="6">45</ix:nonFraction></td><td>)</td></tr>
<tr><td>Impairment</td><td><ix:nonFraction name="us-gaap:Impairment" contextRef="d2024"
 unitRef="usd" decimals="-6" scale="6" format="ixt:fixed-zero">—</ix:nonFraction></td></tr>
<tr><td>Diluted</td><td><ix:nonFraction name="us-gaap:EarningsPerShareDiluted"
 contextRef="d2024" unitRef="eps" decimals="2">1.57</ix:nonFraction></td></tr>
<tr><td>Tax, net of tax of $<ix:nonFraction name="us-gaap:Tax" contextRef="d2024" unitRef="usd"
 decimals="-6" scale="6">11</ix:nonFraction></td><td>5</td></tr>
<tr><td>Class A shares</td><td><ix:nonFraction name="us-gaap:SharesOutstanding" contextRef="i2024"
 unitRef="usd" decimals="INF" xsi:nil="true"></ix:nonFraction></td></tr>
</table>
<table><tr><td>Consolidated Balance Sheet</td></tr>
<tr><td>Goodwill</td><td><ix:nonFraction name="us-gaap:Goodwill" contextRef="d2024" unitRef="usd"
 decimals="-3" scale="3" format="ixt-sec:numwordsen">none</ix:nonFraction></td></tr></table>
</body></html>
"""


@pytest.fixture(scope="module")
def statement_facts(tmp_path_factory):
    path = tmp_path_factory.mktemp("ixbrl") / "statement.htm"
    path.write_text(STATEMENT, encoding="utf-8")
    return {fact.concept: fact for fact in read_filing(path).facts}


def test_facts_read_period_unit_scale_sign_and_format(statement_facts):
    revenue = statement_facts["us-gaap:Revenues"]
    assert revenue.value == 1234.5e6 and revenue.scale == 6 and revenue.decimals == -6
    assert (revenue.period_start, revenue.period_end) == ("2024-01-01", "2024-12-31")
    assert revenue.unit == "iso4217:USD" and revenue.label == "Net sales"
    assert revenue.statement == "CONSOLIDATED STATEMENTS OF OPERATIONS"
    assert statement_facts["us-gaap:NetIncomeLoss"].value == -2000e6  # sign="-"
    assert statement_facts["us-gaap:NetIncomeLoss"].shown_negative  # "$(2,000)"
    assert not statement_facts["us-gaap:Revenues"].shown_negative
    capex = statement_facts["us-gaap:PaymentsToAcquireProductiveAssets"]  # "(", "$", "45", ")"
    assert capex.value == 45e6 and capex.shown_negative
    assert statement_facts["us-gaap:Impairment"].value == 0.0  # fixed-zero "—"
    assert statement_facts["us-gaap:Goodwill"].value == 0.0  # numwordsen "none"
    assert statement_facts["us-gaap:Goodwill"].statement == "Consolidated Balance Sheet"
    eps = statement_facts["us-gaap:EarningsPerShareDiluted"]
    assert eps.unit == "iso4217:USD/xbrli:shares" and unit_of(eps) == "USD/share"
    assert unit_of(revenue) == "US$ millions"


def test_nil_dimensions_hidden_and_label_cell_facts(statement_facts):
    shares = statement_facts["us-gaap:SharesOutstanding"]
    assert shares.value is None and shares.decimals is None and shares.period_start == ""
    assert shares.dimensions == (("us-gaap:StatementClassOfStockAxis",
                                  "us-gaap:CommonClassAMember"),)
    assert "us-gaap:Hidden" not in statement_facts  # ix:hidden is never shown in a table
    # "net of tax of $11" is part of the row's label, not one of its figures.
    assert statement_facts["us-gaap:Tax"].label == ""


@pytest.mark.parametrize(("text", "format_name", "value"), [
    ("1,234.56", "ixt:num-dot-decimal", 1234.56),
    ("1.234,56", "ixt:num-comma-decimal", 1234.56),
    ("—", "ixt:fixed-zero", 0.0),
    ("-", "ixt:zerodash", 0.0),
    ("two", "ixt-sec:numwordsen", 2.0),
    ("None", "ixt-sec:numwordsen", 0.0),
    ("n/a", "ixt:num-dot-decimal", None),
])
def test_parse_number_follows_the_format(text, format_name, value):
    assert parse_number(text, format_name) == value


def fact(concept="us-gaap:Revenues", value=100.0, start="2024-01-01", end="2024-12-31",
         decimals=-6, label="Revenue", statement="Consolidated Statements of Income", **more):
    return Fact(concept, value * 1e6, "iso4217:USD", decimals, start, end, scale=6,
                label=label, statement=statement, **more)


def test_restatement_same_concept_and_period_with_a_different_value():
    old = [fact(value=90.0, start="2023-01-01", end="2023-12-31")]
    new = [fact(value=100.0), fact(value=95.0, start="2023-01-01", end="2023-12-31")]
    restated, changed = compare_facts(old, new)
    assert (restated.status, restated.old_value, restated.new_value) == ("restated", 90.0, 95.0)
    assert restated.period == restated.old_period == "year ended 2023-12-31"
    assert (changed.status, changed.old_value, changed.new_value, changed.old_source) == (
        "changed", 95.0, 100.0, "new")
    assert (changed.old_period_start, changed.old_period_end) == ("2023-01-01", "2023-12-31")


def test_values_equal_at_the_coarser_precision_are_not_restated():
    old = [fact(value=1234.0, start="2023-01-01", end="2023-12-31")]
    same = fact(value=1234.4, start="2023-01-01", end="2023-12-31", decimals=-5)
    assert compare_facts(old, [fact(value=1300.0), same])[0].status == "changed"
    moved = fact(value=1234.6, start="2023-01-01", end="2023-12-31", decimals=-5)
    assert compare_facts(old, [fact(value=1300.0), moved])[0].status == "restated"


CASH_FLOWS = "Consolidated Statements of Cash Flows"


def _other(concept: str, value: float, **more) -> Fact:
    return fact(concept=concept, value=value, start="2023-07-01", end="2024-06-30",
                label="Other", statement=CASH_FLOWS, **more)


def test_a_comparative_tagged_anew_and_printed_anew_on_its_row_is_restated():
    # P&G: operating cash-flow "Other" for fiscal 2024 is us-gaap:OtherNoncashExpense
    # 969 in one 10-K, us-gaap:OtherNoncashIncomeExpense 491 (tagged -491, printed 491)
    # in the next.
    old = [_other("us-gaap:OtherNoncashExpense", 969.0)]
    new = [_other("us-gaap:OtherNoncashIncomeExpense", -491.0)]
    (restated,) = compare_facts(old, new)
    assert (restated.status, restated.item, restated.old_value, restated.new_value) == (
        "restated", "Other", 969.0, 491.0)
    assert restated.concept == "us-gaap:OtherNoncashIncomeExpense"


@pytest.mark.parametrize("new", [
    [_other("us-gaap:OtherNoncashIncomeExpense", -969.0)],  # printed the same: retagged only
    [_other("us-gaap:OtherNoncashIncomeExpense", 491.0),  # the old concept is still there,
     fact(concept="us-gaap:OtherNoncashExpense", value=969.0, start="2023-07-01",
          end="2024-06-30", label="Other non-cash items", statement=CASH_FLOWS)],
    [_other("us-gaap:OtherNoncashIncomeExpense", 491.0),  # two rows called "Other"
     _other("us-gaap:OtherInvesting", 50.0)],
    [fact(concept="us-gaap:OtherNoncashIncomeExpense", value=491.0, start="2023-07-01",
          end="2024-06-30", label="Other, net", statement=CASH_FLOWS)],  # another row
])
def test_a_retagged_row_is_restated_only_when_it_is_certainly_the_same_row(new):
    old = [_other("us-gaap:OtherNoncashExpense", 969.0)]
    assert not [f for f in compare_facts(old, new) if f.status == "restated"]


def test_pg_operating_other_re_presented_is_restated(filing):
    # The 2025 10-K condenses the working-capital lines, so "Other" in operating cash
    # flows is re-presented: fiscal 2024 969 -> 491, fiscal 2023 564 -> 217 (both
    # statements of cash flows, US$ millions).
    figures = compare_facts(filing("sec_more_html/pg_10-K_FY2024_2024-06-30.html").facts,
                            filing("sec_more_html/pg_10-K_FY2025_2025-06-30.html").facts)
    restated = {(f.item, f.period_end): (f.old_value, f.new_value)
                for f in figures if f.status == "restated"}
    assert restated == {("Other", "2024-06-30"): (969, 491), ("Other", "2023-06-30"): (564, 217)}


@pytest.mark.parametrize(("extra_days", "compared"), [
    (SAME_LENGTH_DAYS, True), (SAME_LENGTH_DAYS + 1, False)])
def test_movement_only_between_periods_of_the_same_length(extra_days, compared):
    # A 53-week year against a 52-week one is like for like; a longer gap is not.
    current = fact(start="2024-01-01", end="2024-12-31")  # 366 days
    start = date(2023, 12, 31) - timedelta(days=366 + extra_days - 1)
    earlier = fact(value=90.0, start=start.isoformat(), end="2023-12-31")
    assert bool(compare_facts([], [current, earlier])) is compared


def test_interim_against_annual_uses_the_new_filings_own_comparative():
    old = [fact(value=40.0, start="2024-01-01", end="2024-06-30")]  # six months
    new = [fact(value=100.0), fact(value=80.0, start="2023-01-01", end="2023-12-31")]
    (figure,) = compare_facts(old, new)
    assert (figure.old_value, figure.old_source, figure.old_period) == (
        80.0, "new", "year ended 2023-12-31")
    # Without a comparative of its own, only an earlier same-length period of the old
    # filing is used: never the six months against the year.
    assert compare_facts(old, [fact(value=100.0)]) == []


def test_only_primary_statement_facts_without_dimensions_are_reported():
    note = fact(statement="Off-Balance Sheet Arrangements | Purchase Commitments")
    dimensioned = fact(dimensions=(("srt:ProductOrServiceAxis", "us-gaap:ProductMember"),))
    cover = fact(concept="dei:EntityPublicFloat")
    prior = [fact(value=1.0, start="2023-01-01", end="2023-12-31", concept=item.concept,
                  dimensions=item.dimensions) for item in (note, dimensioned, cover)]
    assert compare_facts(prior, [note, dimensioned, cover]) == []


def test_one_side_without_facts_is_read_from_tables_and_said_so():
    warnings = []
    old = analyse(Filing("old.htm", "html", ()))
    new = analyse(Filing("new.htm", "html", (), facts=(fact(),)))
    figures, _ = figure_diffs(old, new, warnings)
    assert figures == []
    assert [(check.kind, check.severity, check.filing) for check in warnings] == [
        ("facts_not_compared", "info", "new")]


# --- the real filings -------------------------------------------------------------------


@pytest.fixture(scope="module")
def filing(corpus_filing):
    return corpus_filing


AAPL_Q2 = "sec_edgartools_html/aapl_10-Q_FY2025Q2_2025-03-29.htm"
AAPL_Q3 = "sec_edgartools_html/aapl_10-Q_FY2025Q3_2025-06-28.html"


def by_item(figures, item, period_end, start=None):
    return [f for f in figures if f.item == item and f.period_end == period_end
            and (start is None or f.period_start == start)]


def test_apple_quarter_to_quarter_reports_year_on_year_from_the_new_filing(filing):
    report = compare(filing(AAPL_Q2), filing(AAPL_Q3))
    figures = report.figures
    (sales,) = by_item(figures, "Total net sales", "2025-06-28", "2025-03-30")
    assert (sales.old_value, sales.new_value, sales.unit) == (85777, 94036, "US$ millions")
    assert (sales.old_period_start, sales.old_period_end, sales.old_source) == (
        "2024-03-31", "2024-06-29", "new")
    assert sales.concept == "us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax"
    (nine,) = by_item(figures, "Total net sales", "2025-06-28", "2024-09-29")
    assert (nine.old_value, nine.new_value) == (296105, 313695)
    (cash,) = by_item(figures, "Cash and cash equivalents", "2025-06-28")
    assert (cash.old_value, cash.new_value, cash.old_period) == (29943, 36269,
                                                                 "as at 2024-09-28")
    assert cash.table == "CONDENSED CONSOLIDATED BALANCE SHEETS (Unaudited)"
    (diluted,) = [f for f in by_item(figures, "Diluted", "2025-06-28", "2025-03-30")
                  if f.unit == "USD/share"]
    assert (diluted.old_value, diluted.new_value) == (1.40, 1.57)
    assert not [f for f in figures if f.status == "restated"]
    # Each figure once, and only ever between periods of the same length.
    keys = [(f.concept, f.period_start, f.period_end, f.unit) for f in figures]
    assert len(keys) == len(set(keys))
    assert all(bool(f.period_start) == bool(f.old_period_start) for f in figures)


def test_a_filing_against_itself_reports_no_restatement(filing):
    facts = filing(AAPL_Q3).facts
    assert not [f for f in compare_facts(facts, facts) if f.status == "restated"]


def test_restatement_built_by_editing_one_tagged_value(filing, corpus, tmp_path):
    # The Q2 10-Q prints cash of $29,943 million at September 28, 2024, the same
    # comparative the Q3 10-Q prints; change every tag of that value in a copy (one
    # changed alone would make the filing contradict itself, which is not compared).
    data = (corpus / AAPL_Q2).read_text(encoding="utf-8")
    tagged = re.compile(r'(name="us-gaap:CashAndCashEquivalentsAtCarryingValue"[^>]*>)29,943<')
    assert len(tagged.findall(data)) >= 1
    edited = tmp_path / "aapl-q2-edited.htm"
    edited.write_text(tagged.sub(r"\g<1>29,000<", data), encoding="utf-8")
    figures = compare_facts(read_filing(edited).facts, filing(AAPL_Q3).facts)
    restated = [f for f in figures if f.status == "restated"]
    assert [(f.item, f.period, f.old_value, f.new_value) for f in restated] == [
        ("Cash and cash equivalents", "as at 2024-09-28", 29000, 29943)]


def test_amazon_10k_revenue_net_income_and_total_assets(filing):
    figures = compare_facts(filing("sec_more_html/amazon_10-K_FY2023_2023-12-31.html").facts,
                            filing("sec_more_html/amazon_10-K_FY2024_2024-12-31.html").facts)
    got = {(f.item, f.period): (f.old_value, f.new_value, f.old_period) for f in figures}
    assert got[("Total net sales", "year ended 2024-12-31")] == (
        574785, 637959, "year ended 2023-12-31")
    assert got[("Net income (loss)", "year ended 2024-12-31")] == (
        30425, 59248, "year ended 2023-12-31")
    assert got[("Total assets", "as at 2024-12-31")] == (527854, 624894, "as at 2023-12-31")
    # The 2023 figures the new 10-K prints as comparatives are the ones the old one printed.
    assert not [f for f in figures if f.status == "restated"]


def test_walmart_and_boeing_income_statements_give_figures(filing):
    walmart = compare_facts(filing("sec_more_html/walmart_10-K_FY2024_2024-01-31.html").facts,
                            filing("sec_more_html/walmart_10-K_FY2025_2025-01-31.html").facts)
    got = {(f.item, f.period_end): (f.old_value, f.new_value) for f in walmart}
    assert got[("Total revenues", "2025-01-31")] == (648125, 680985)
    assert got[("Consolidated net income", "2025-01-31")] == (16270, 20157)
    # Printed "(212)" against "(922)": a payment is negative as the reader sees it, though
    # tagged positive. The old 10-K printed "(1,057)" for fiscal 2024: recast to "(922)".
    assert got[("Other investing activities", "2025-01-31")] == (-922, -212)
    restated = {(f.item, f.period_end): (f.old_value, f.new_value)
                for f in walmart if f.status == "restated"}
    assert restated[("Other investing activities", "2024-01-31")] == (-1057, -922)
    boeing = compare_facts(filing("sec_more_html/boeing_10-K_FY2023_2023-12-31.html").facts,
                           filing("sec_more_html/boeing_10-K_FY2024_2024-12-31.html").facts)
    got = {(f.item, f.period_end): (f.old_value, f.new_value) for f in boeing}
    assert got[("Total revenues", "2024-12-31")] == (77794, 66517)  # a fall, not a rise
    assert got[("Total assets", "2024-12-31")] == (137012, 156363)
    # "net of tax of ($11)" is printed inside a label in both years and tagged with
    # opposite signs; it is not a figure of the statement, so not a restatement.
    assert not [f for f in boeing if "Tax" in f.concept and f.status == "restated"]


def test_mastercard_recast_of_prepaid_expenses_is_a_restatement(filing):
    figures = compare_facts(
        filing("sec_more_html/mastercard_10-K_FY2023_2023-12-31.html").facts,
        filing("sec_more_html/mastercard_10-K_FY2024_2024-12-31.html").facts)
    restated = {(f.item, f.period): (f.old_value, f.new_value)
                for f in figures if f.status == "restated"}
    # 2023 balance sheet: $2,643 million in the 2023 10-K, $2,611 million in the 2024 one.
    assert restated[("Prepaid expenses and other current assets", "as at 2023-12-31")] == (
        2643, 2611)


def test_home_depot_53_week_year_relabelled_row_and_statement_of_earnings(filing):
    figures = compare_facts(
        filing("sec_more_html/homedepot_10-K_FY2023_2024-01-28.html").facts,
        filing("sec_more_html/homedepot_10-K_FY2024_2025-02-02.html").facts)
    got = {(f.status, f.item, f.period_end): (f.old_value, f.new_value) for f in figures}
    # "Consolidated Statements of Earnings"; fiscal 2024 has 53 weeks, fiscal 2023 52.
    assert got[("changed", "Net sales", "2025-02-02")] == (152669, 159514)
    # Other assets at January 28, 2024: 4,262 in the old 10-K, 656 in the new one.
    assert got[("restated", "Other assets", "2024-01-28")] == (4262, 656)
    # "Depreciation and amortization" 3,247 became "Depreciation and amortization,
    # excluding amortization of intangible assets" 3,061: a new line item, not a restatement.
    assert not [f for f in figures if f.status == "restated" and "Depreciation" in f.item]
