"""Reading the two text styles of the seeds: PDF-extracted with tabs, Markdown-ish."""

from __future__ import annotations

from kcdiff.ingest import parse_text, read_filing
from kcdiff.ingest.text import strip_markup


def test_markdown_markup_is_presentation_not_content():
    assert strip_markup("the “**Board**” of <i>RMB</i> and <u>(1,291,121)</u> US\\$") == (
        "the “Board” of RMB and (1,291,121) US$"
    )
    assert strip_markup("[99.1](#) [Announcement](#)") == "99.1 Announcement"


def test_italic_spanning_lines_is_removed(annual_path):
    filing = read_filing(annual_path)
    signature = next(b.text for b in filing.blocks if b.text.startswith("By Order of the Board"))
    assert "*" not in signature
    assert signature.endswith("Vice Chairman of the Board, Executive Director, and acting "
                              "Chief Executive Officer")


def test_tab_rows_become_tables_with_cells(interim_path):
    filing = read_filing(interim_path)
    balance = next(b for b in filing.blocks if b.kind == "table"
                   and any(row[:1] == ("Cash and cash equivalents",) for row in b.rows))
    row = next(r for r in balance.rows if r[0] == "Cash and cash equivalents")
    assert row == ("Cash and cash equivalents", "", "3,419,166", "3,708,696", "511,453")


def test_heading_padded_with_tabs_is_a_paragraph(interim_path):
    filing = read_filing(interim_path)
    assert any(b.kind == "paragraph" and b.text == "FINANCIAL HIGHLIGHTS" for b in filing.blocks)
    assert any(b.kind == "paragraph" and b.text == "ACCOUNTS RECEIVABLE, NET"
               for b in filing.blocks)


def test_bullets_are_separate_paragraphs(interim_path):
    filing = read_filing(interim_path)
    bullets = [b.text for b in filing.blocks if b.text.startswith("- Revenues from")]
    assert len(bullets) == 2


def test_line_ends_and_blanks_do_not_change_blocks():
    plain = "HEADING\n\nFirst line\nsecond line.\n\nA\tB\tC\n"
    messy = "HEADING  \r\n\r\n  First  line \r\nsecond   line.\r\n\r\nA\tB\tC\r\n"
    assert parse_text(plain, "a").blocks == parse_text(messy, "b").blocks
