"""What each filing says about itself, checked against the documents' own words."""

from __future__ import annotations

import pytest

from kcdiff.ingest import read_filing
from kcdiff.ingest.metadata import parse_date


def test_sample_interim(interim_path):
    meta = read_filing(interim_path).meta
    assert (meta.issuer, meta.stock_code, meta.doc_type) == (
        "Kingsoft Cloud Holdings Limited", "3896", "interim_results")
    assert (meta.period_end, meta.published, meta.language) == ("2023-06-30", "2023-08-22", "en")
    assert meta.period == "SIX MONTHS ENDED JUNE 30, 2023"


def test_sample_annual_inside_its_6k(annual_path):
    meta = read_filing(annual_path).meta
    assert (meta.issuer, meta.stock_code, meta.doc_type) == (
        "Kingsoft Cloud Holdings Limited", "3896", "annual_results")
    assert (meta.period_end, meta.published) == ("2024-12-31", "2025-03-19")
    assert meta.title.startswith("PRELIMINARY ANNOUNCEMENT OF ANNUAL RESULTS")


@pytest.mark.parametrize(
    ("file", "issuer", "code", "doc_type", "period_end", "published"),
    [
        # "BROAD INTELLIGENCE ... LIMITED", "(Stock Code: 1149)", signed "17 September, 2008"
        ("hkex_anxin-china_1149/en/2008-09-17_interim-results_en.pdf",
         "Broad Intelligence International Pharmaceutical Holdings Limited", "1149",
         "interim_results", "2008-06-30", "2008-09-17"),
        ("hkex_anxin-china_1149/zh/2011-03-30_annual-results_zh.pdf",
         "Anxin-China Holdings Limited", "1149", "annual_results", "2010-12-31", "2011-03-29"),
        ("hkex_anxin-china_1149/en/2012-06-04_monthly-return_en.pdf",
         "Anxin-China Holdings Limited", "1149", "monthly_return", "2012-05-31", "2012-06-04"),
        ("hkex_alco-holdings_0328/2025-06-20_list-of-directors_zh.pdf",
         "Alco Holdings Limited", "328", "list_of_directors", "", "2025-06-20"),
        ("hkex_alco-holdings_0328/2025-06-27_profit-warning_zh.pdf",
         "Alco Holdings Limited", "328", "profit_alert", "2025-03-31", "2025-06-27"),
        ("sec_edgartools_html/aapl_10-Q_FY2025Q3_2025-06-28.html",
         "Apple Inc.", "", "quarterly_report", "2025-06-28", "2025-08-01"),
    ],
)
def test_corpus_metadata(corpus, file, issuer, code, doc_type, period_end, published):
    meta = read_filing(corpus / file).meta
    assert (meta.issuer, meta.stock_code, meta.doc_type, meta.period_end, meta.published) == (
        issuer, code, doc_type, period_end, published)


@pytest.mark.parametrize(
    ("printed", "iso"),
    [("30th June, 2008", "2008-06-30"), ("June 30, 2023", "2023-06-30"),
     ("31 DECEMBER 2024", "2024-12-31"), ("二零二五年六月二十日", "2025-06-20"),
     ("二零一零年十二月三十一日", "2010-12-31"), ("2025年8月31日", "2025-08-31"),
     ("31/05/2012", "2012-05-31"), ("no date here", ""), ("February 30, 2023", "")],
)
def test_parse_date(printed, iso):
    assert parse_date(printed) == iso
