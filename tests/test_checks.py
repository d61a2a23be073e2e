"""Consistency checks: each fires on a wrong figure and stays silent on the right one.

The wrong figures are made by editing one printed figure of a sample's text."""

from __future__ import annotations

import pytest

from kcdiff.figures.checks import check_filing, convenience_rate
from kcdiff.figures.tables import read_tables
from kcdiff.ingest import parse_text
from kcdiff.segment import segment


def checks_of(text: str):
    sections = segment(parse_text(text, "filing.txt"))
    return check_filing(sections, read_tables(sections))


@pytest.fixture(scope="module")
def annual_text(annual_path):
    return annual_path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def interim_text(interim_path):
    return interim_path.read_text(encoding="utf-8")


def edited(text: str, printed: str, wrong: str) -> str:
    assert text.count(printed) == 1, printed
    return text.replace(printed, wrong)


def test_annual_sample_holds_together(annual_text):
    assert checks_of(annual_text) == []


def test_interim_impairment_translation_is_found(interim_text):
    checks = checks_of(interim_text)
    translation = [check for check in checks if check.kind == "translation"]
    assert len(translation) == 1
    message = translation[0].message
    assert "Impairment of long-lived assets: US$8,031 for RMB185,135 (≈ US$25,531)" in message
    assert "RMB7.2513 per US$1.00" in message
    assert translation[0].severity == "error"


def test_interim_findings_are_few_and_name_the_unreadable_share_count(interim_text):
    checks = checks_of(interim_text)
    assert {check.kind for check in checks} == {"translation", "unreadable"}
    assert len(checks) <= 6
    unreadable = " ".join(check.message for check in checks if check.kind == "unreadable")
    assert '"2 (51 472 415"' in unreadable


def test_convenience_rate(interim_path, annual_path):
    for path, rate in ((interim_path, 7.2513), (annual_path, 7.2993)):
        sections = segment(parse_text(path.read_text(encoding="utf-8"), str(path)))
        assert convenience_rate(sections) == rate


@pytest.mark.parametrize(
    ("printed", "wrong", "kinds"),
    [
        # a total against its components
        ("Total current assets\t\t6,098,124", "Total current assets\t\t6,098,724",
         {"total", "balance"}),
        # total liabilities and equity against total assets
        ("Total assets\t\t15,070,278", "Total assets\t\t15,070,978", {"balance"}),
        # the US$ convenience column against RMB at RMB7.2993
        ("Goodwill\t\t4,605,724\t4,605,724\t630,982", "Goodwill\t\t4,605,724\t4,605,724\t603,982",
         {"translation", "total"}),
        # the highlights against the statement
        ("Net loss\t(2,183,647)\t(1,979,042)\t(9.4)%", "Net loss\t(2,183,647)\t(1,997,042)\t(9.4)%",
         {"agreement", "percentage"}),
        # a printed change against its two amounts, in a table
        ("Gross profit\t850,169\t1,340,926\t57.7%", "Gross profit\t850,169\t1,340,926\t75.7%",
         {"percentage"}),
        # and in prose
        ("representing an increase of 10.5% from RMB7,047.5 million",
         "representing an increase of 15.0% from RMB7,047.5 million", {"percentage"}),
    ],
)
def test_check_fires_on_a_wrong_figure(annual_text, printed, wrong, kinds):
    # One wrong figure may break more than one relation (a wrong subtotal breaks its
    # total too): exactly the relations it takes part in fail, nothing else.
    checks = checks_of(edited(annual_text, printed, wrong))
    assert {check.kind for check in checks} == kinds, checks
    assert all(check.severity == "error" for check in checks)


def test_statement_printed_twice_must_agree(interim_text):
    # The interim prints its statement of comprehensive loss in the MD&A and again under
    # FINANCIAL INFORMATION: change one copy only.
    wrong = edited(interim_text, "Net loss\t(1,365,284)\t(1,107,093)\t(152,677)\t\t",
                   "Net loss\t(1,365,284)\t(1,170,093)\t(152,677)\t\t")
    kinds = [check.kind for check in checks_of(wrong)]
    assert "agreement" in kinds


def test_anxin_interim_staff_costs_do_not_add_up(anxin):
    # Page 5 prints 652 + 367 over a total of 3,019 (2008: 2,911 + 432 = 3,343, which holds).
    sections = anxin("2009-09-28_interim-results_en")
    checks = [check for check in check_filing(sections, read_tables(sections))
              if check.kind == "total"]
    assert len(checks) == 1
    assert "add up to 1,019, the table prints 3,019" in checks[0].message
    assert "six months ended 2009-06-30" in checks[0].message


def totals_of(sections):
    return [check for check in check_filing(sections, read_tables(sections))
            if check.kind == "total"]


@pytest.mark.parametrize("stem", [
    "2011-08-24_interim-results_en",  # a notes column; a grand total under a subtotal
    "2009-04-24_annual-results_en",  # "Total interest income" subtotals a row of its group
    "2013-03-18_annual-results_en",  # "... attributable to:" runs closed by unlabelled rows
    "2012-03-15_annual-results_en",  # a repurchase total that prints 2 figures of 4 columns
])
def test_totals_that_hold_in_real_statements_stay_silent(anxin, stem):
    assert totals_of(anxin(stem)) == []


def test_a_wrong_figure_in_a_pdf_balance_sheet_is_found(anxin):
    from dataclasses import replace

    sections = anxin("2011-08-24_interim-results_en")
    position = next(s.index for s in sections if "FINANCIAL POSITION" in s.title)
    section = sections[position]
    table = next(b for b in section.blocks if b.kind == "table")
    wrong = tuple(tuple("1,140,427" if cell == "1,040,427" and n == 1 else cell
                        for n, cell in enumerate(row)) if row[0] == "Goodwill" else row
                  for row in table.rows)
    blocks = tuple(replace(b, rows=wrong) if b is table else b for b in section.blocks)
    edited = (*sections[:position], replace(section, blocks=blocks), *sections[position + 1:])
    checks = totals_of(edited)
    assert len(checks) == 1
    assert "(as at 2011-06-30)" in checks[0].message
    assert "add up to 1,355,516, the table prints 1,255,516" in checks[0].message


def test_audited_10k_notes_give_no_false_totals(corpus):
    # Amazon's table of cash and securities by fair value level closes with an
    # unlabelled row that totals every level ($87,283 at 31 December 2023), not the
    # Level 2 rows above it; UnitedHealth's results summary prints its percentage
    # change column with "%" on the first row only ("6%", then "18", "(3)"). Audited
    # statements: no error.
    from kcdiff.ingest import read_filing

    for name in ("amazon_10-K_FY2024_2024-12-31.html", "unitedhealth_10-K_FY2024_2024-12-31.html"):
        sections = segment(read_filing(corpus / "sec_more_html" / name))
        errors = [check for check in check_filing(sections, read_tables(sections))
                  if check.severity == "error"]
        assert errors == [], (name, errors)
