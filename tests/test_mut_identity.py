"""A filing's identity in the history: every metadata field kept, and the file-name
prefix's edges (issue 12)."""

from __future__ import annotations

from kcdiff.model import Block, Filing, FilingMeta
from kcdiff.service.identity import filing_record, name_prefix_of


def test_a_record_keeps_every_field_the_filing_states():
    # The interim sample's own cover: HKEX stock code 3896, published 22 August 2023.
    meta = FilingMeta(issuer="Kingsoft Cloud Holdings Limited", stock_code=" 3896 ",
                      title="INTERIM RESULTS ANNOUNCEMENT", doc_type="interim_results",
                      period="six months ended June 30, 2023", period_end="2023-06-30",
                      published="2023-08-22")
    filing = Filing("kingsoft-cloud-2023-interim.txt", "text",
                    (Block("paragraph", "KINGSOFT CLOUD HOLDINGS LIMITED"),), meta)
    record = filing_record(filing, "ab" * 32, "/in/kingsoft-cloud-2023-interim.txt",
                           "/state/filings/abab.txt")
    assert (record.sha256, record.path, record.archive) == (
        "ab" * 32, "/in/kingsoft-cloud-2023-interim.txt", "/state/filings/abab.txt")
    assert (record.issuer, record.stock_code, record.name_prefix) == (
        "Kingsoft Cloud Holdings Limited", "3896", "kingsoft-cloud")
    assert (record.doc_type, record.doc_group, record.title) == (
        "interim_results", "results", "INTERIM RESULTS ANNOUNCEMENT")
    assert (record.period, record.period_end, record.published) == (
        "six months ended June 30, 2023", "2023-06-30", "2023-08-22")


def test_a_name_prefix_needs_three_letters_and_a_year_after_it():
    assert name_prefix_of("aia-2024-annual-results.pdf") == "aia"  # AIA Group: 3 letters
    assert name_prefix_of("kc-2024-annual.txt") == ""  # 2 letters: too weak a sign
    assert name_prefix_of("annual-results.txt") == ""  # no year: no prefix
    assert name_prefix_of("_kingsoft_cloud_2024_annual.pdf") == "kingsoft_cloud"
