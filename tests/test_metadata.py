"""What each filing says about itself, checked against the documents' own words."""

from __future__ import annotations

import pytest

from kcdiff.ingest import read_filing
from kcdiff.ingest.metadata import meta_of, parse_date
from kcdiff.model import Block


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


# The lines below are the filings' own, as kcdiff reads them (cited by file and page), so
# each case runs without reading a 200-page report.
def _meta(*lines: str):
    return meta_of(tuple(Block("paragraph", line) for line in lines))


# Fullshare's annual report 2022 (en), page 3, then page 4 (the directors' biographies).
FULLSHARE_CORPORATE_INFORMATION = (
    "Corporate Information", "BOARD OF DIRECTORS", "Executive Directors",
    "Mr. Ji Changqun (Chairman and CEO)", "AUDITOR", "Baker Tilly Hong Kong Limited",
    "Certified Public Accountants", "2nd Floor, 625 King’s Road", "COMPANY SECRETARY",
    "Ms. Seto Ying",
    "Mr. Ji Changqun (“Mr. Ji”), aged 54, was appointed as an executive director of the "
    "Company on 12 December 2013. The board of directors (the “Director(s)”) of Fullshare "
    "Holdings Limited (the “Company”) ...",
    "The revenue of the Fullshare Holdings Limited (the “Company”) and its subsidiaries ...",
)


def test_an_auditor_listed_first_is_not_the_issuer():
    assert _meta(*FULLSHARE_CORPORATE_INFORMATION).issuer == "Fullshare Holdings Limited"


def test_the_name_line_stands_when_the_definition_agrees():
    # Alco Holdings' list of directors (zh), page 1: the English name over the Chinese text.
    meta = _meta("Alco Holdings Limited", "愛高集團有限公司*",
                 "Alco Holdings Limited（「本公司」）董事會（「董事會」）成員載列如下。")
    assert meta.issuer == "Alco Holdings Limited"


def test_a_definition_printed_once_does_not_overrule_the_cover():
    # Anxin's annual results 2008: the cover's name, and one "Broad Intelligence
    # International Limited (the “Company”)" in the chairman's statement.
    meta = _meta("BROAD INTELLIGENCE INTERNATIONAL PHARMACEUTICAL HOLDINGS LIMITED",
                 "ANNOUNCEMENT OF FINAL RESULTS FOR THE YEAR ENDED 31 DECEMBER 2008",
                 "Broad Intelligence International Pharmaceutical Holdings Limited ...",
                 "I am pleased to present to our shareholders the annual report of Broad "
                 "Intelligence International Limited (the “Company”) ...")
    assert meta.issuer == "Broad Intelligence International Pharmaceutical Holdings Limited"


def test_chinese_words_before_the_name_are_not_the_name():
    # Fullshare's interim report 2022 (zh): the review report's sentence (page 3), then
    # the note on the company (page 18).
    meta = _meta("吾等已審閱第5至84頁所載豐盛控股有限公司（「貴公司」）及其附屬公司",
                 "天職香港會計師事務所有限公司",
                 "豐盛控股有限公司（「本公司」）於二零零四年一月十三日在開曼群島註冊成立")
    assert meta.issuer == "豐盛控股有限公司"


def test_an_ambiguous_definition_claims_no_name():
    # "Bank of China Limited" would read as "China Limited": no issuer rather than a wrong one.
    meta = _meta("The results of Bank of China Limited (the “Company”) for the year ...")
    assert meta.issuer == ""


def test_registrant_over_a_jurisdiction_line():
    # Corning's 10-K for 2021, page 1: no-break spaces in the cover's captions.
    meta = _meta("Form 10-K", "For the fiscal year ended December 31, 2021",
                 "CORNING INCORPORATED",
                 "(Exact\xa0name\xa0of\xa0registrant\xa0as\xa0specified\xa0in\xa0its\xa0charter)",
                 "New York 16-0393470",
                 "(State\xa0or\xa0other\xa0jurisdiction\xa0of\xa0incorporation\xa0or"
                 "\xa0organization) (I.R.S.\xa0Employer\xa0Identification\xa0No.)")
    assert (meta.issuer, meta.period_end) == ("Corning Incorporated", "2021-12-31")


@pytest.mark.parametrize(("printed", "name"), [
    ("THE HOME DEPOT, INC.", "The Home Depot, Inc."),  # its 10-K's cover
    ("AMAZON.COM, INC.", "Amazon.com, Inc."),
    ("KONINKLIJKE PHILIPS N.V.", "Koninklijke Philips N.V."),
    ("PG&E CORPORATION", "PG&E Corporation"),
])
def test_a_name_in_capitals_is_written_as_a_name(printed, name):
    meta = _meta(printed, "(Exact name of registrant as specified in its charter)")
    assert meta.issuer == name


def test_the_statements_period_over_last_years_in_the_review_report():
    # Fullshare's interim report 2022 (en), pages 4 and 6.
    meta = _meta("As detailed in Note 16 to the interim condensed consolidated financial "
                 "statements, the Group's investments for the year ended 31 December 2021 ...",
                 "INTERIM CONDENSED CONSOLIDATED STATEMENT OF PROFIT OR LOSS",
                 "For the six months ended 30 June 2022")
    assert (meta.period, meta.period_end) == ("six months ended 30 June 2022", "2022-06-30")


def test_the_period_of_another_report_is_not_the_filings():
    # PG&E's first-quarter 2023 release: the only dated period near the top is its 10-K's.
    meta = _meta("PG&E Corporation Reports First-Quarter 2023 Results",
                 "... are discussed more fully in PG&E Corporation's and the Utility's joint "
                 "Annual Report on Form 10-K for the year ended December 31, 2022 ...")
    assert meta.period_end == ""


def test_a_period_in_a_sentence_counts_when_nothing_else_names_one():
    # Anxin's positive profit alert of 2 February 2012, page 1.
    meta = _meta("POSITIVE PROFIT ALERT",
                 "... the Group is expected to record a significant increase in the net profit "
                 "for the year ended 31 December 2011 as compared with that for the year ended "
                 "31 December 2010.")
    assert (meta.doc_type, meta.period_end) == ("profit_alert", "2011-12-31")


def test_a_director_appointed_in_a_list_is_no_announcement_of_it():
    # Fullshare's annual report 2022 (zh), page 3, and the MD&A of 00007's annual report
    # 2020 (zh), which recounts the year's changes in a paragraph.
    meta = _meta("公司資料", "董事會", "執行董事", "季昌群先生（主席兼首席執行官)",
                 "葛金鑄先生（於二零二二年六月二十四日獲委任) 獨立非執行董事")
    assert (meta.title, meta.doc_type) == ("", "")
    meta = _meta("業績截至二零二零年十二月三十一日止年度，本集團之收益約為1,013,200,000港元。"
                 "獨立非執行董事變動 自二零二零年五月二十五日起，周建榮先生獲委任為本公司獨立"
                 "非執行董事，而陳增武先生已提呈辭任本公司獨立非執行董事。")
    assert meta.doc_type == ""


def test_a_chinese_announcement_of_a_resignation_is_one():
    # Alco Holdings' announcement of 3 September 2025 (zh): its title line.
    assert _meta("獨立非執行董事辭任").doc_type == "director_change"


def test_metadata_truth_names_real_filings():
    """benchmarks/metadata_truth.json: one entry per corpus filing and sample, each field
    a list of accepted values, a date or "" (none), or null (not known)."""
    import json
    from datetime import date
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    truth = json.loads((root / "benchmarks" / "metadata_truth.json").read_text("utf-8"))
    files = [entry["file"] for entry in truth["files"]]
    assert len(files) == len(set(files))
    manifest = root.parent / "shared" / "corpus" / "MANIFEST.json"
    if manifest.exists():
        listed = {entry["file"] for entry in json.loads(manifest.read_text("utf-8"))["files"]}
        assert {f for f in files if not f.startswith("samples/")} == listed
    for entry in truth["files"]:
        assert isinstance(entry["issuer"], list) and isinstance(entry["doc_type"], list)
        if entry["period_end"]:
            date.fromisoformat(entry["period_end"])


def test_a_chinese_sentence_is_no_title():
    # Alco Holdings' profit warning of 27 June 2025 (zh), page 1: its title is "盈利預警";
    # a later sentence says the company may publish further announcements ("公告").
    meta = _meta("（股份代號：328）", "盈利預警",
                 "本公告乃由Alco Holdings Limited（「本公司」，連同其附屬公司統稱「本集團」）根據",
                 "本公司或會適時另行刊發公告以向股東提供最新情況。")
    assert (meta.title, meta.doc_type) == ("盈利預警", "profit_alert")
    # Fullshare's interim report 2022 (zh), page 3: a clause of the review report.
    meta = _meta("團」）的中期簡明綜合財務報表，當中包括於二零二二年六月三十日的中期簡明綜合")
    assert meta.title == ""
