"""HTML reading: an EDGAR wrapper built here, and the real EDGAR filings in place."""

from __future__ import annotations

from kcdiff.ingest import read_filing
from kcdiff.segment import segment

EDGAR = """<DOCUMENT>
<TYPE>EX-99.1
<SEQUENCE>2
<TEXT>
<html><head><title>Document</title><style>p {color: red}</style></head><body>
<div style="display:none"><ix:header><ix:hidden>HIDDEN FACT 2024</ix:hidden></ix:header></div>
<h2>RESULTS OF OPERATIONS</h2>
<p>Revenue rose to <ix:nonFraction name="us-gaap:Revenues">1,234</ix:nonFraction> million
&amp; margins held at 12&#37;&nbsp;in the quarter.</p>
<div><span style="font-weight:700">Liquidity and Capital Resources</span></div>
<table>
 <tr><td></td><td colspan="2">Three Months Ended</td></tr>
 <tr><td></td><td>June 28,<br>2025</td><td>June 29,<br>2024</td></tr>
 <tr><td>Net sales</td><td>$</td><td>94,036</td><td>$</td><td>85,777</td></tr>
 <tr><td>Operating income</td><td></td><td>(1,200</td><td>)</td><td>900</td></tr>
</table>
<table><tr><td>&#8226;</td><td>A bullet in a layout table.</td></tr></table>
</body></html>
</TEXT>
</DOCUMENT>
"""


def test_edgar_wrapper_inline_xbrl_tables_and_headings(tmp_path):
    path = tmp_path / "exhibit.htm"
    path.write_text(EDGAR, encoding="ascii")
    filing = read_filing(path)
    assert filing.format == "html"
    by_text = {block.text: block for block in filing.blocks}
    assert by_text["RESULTS OF OPERATIONS"].heading_level == 2
    assert by_text["Liquidity and Capital Resources"].heading_level == 2
    assert "Revenue rose to 1,234 million & margins held at 12% in the quarter." in by_text
    table = next(block for block in filing.blocks if block.kind == "table")
    assert table.rows == (
        ("", "Three Months Ended"),
        ("", "June 28, 2025", "June 29, 2024"),
        ("Net sales", "$94,036", "$85,777"),
        ("Operating income", "(1,200)", "900"),
    )
    assert "• A bullet in a layout table." in by_text
    text = " ".join(block.text for block in filing.blocks)
    assert "HIDDEN FACT" not in text and "<TYPE>" not in text and "color" not in text


def test_real_10q_reads_without_xbrl_noise_or_page_footers(corpus):
    filing = read_filing(corpus / "sec_edgartools_html/aapl_10-Q_FY2025Q3_2025-06-28.html")
    texts = [block.text for block in filing.blocks]
    assert not any("Q3 2025 Form 10-Q |" in text for text in texts)
    assert not any(text.startswith("xbrli") or "iso4217" in text for text in texts)
    statement = next(b for b in filing.blocks if b.kind == "table" and ("Products", "$66,613",
                     "$61,564", "$233,287", "$224,908") in b.rows)
    dates = ("June 28, 2025", "June 29, 2024")
    assert ("", *dates, *dates) in statement.rows
    titles = [section.title for section in segment(filing)]
    assert "PART I — FINANCIAL INFORMATION" in titles


def test_real_press_release_exhibit(corpus):
    filing = read_filing(corpus / "sec_edgartools_html/buckle_8-K_2024-11-22_EX-99.1.html")
    rows = [row for block in filing.blocks for row in block.rows]
    assert ("Gross profit", "140,071", "147,215", "393,302", "418,884") in rows
    headings = {b.text for b in filing.blocks if b.heading_level}
    assert "CONSOLIDATED STATEMENTS OF INCOME" in headings and "About Buckle" in headings


def test_unit_line_under_a_statement_title_is_not_a_heading(corpus):
    # Amazon prints "(in millions, except per share data)" in bold under each statement's
    # title; it named the section that holds the income statement.
    filing = read_filing(corpus / "sec_more_html/amazon_10-K_FY2024_2024-12-31.html")
    assert not [b for b in filing.blocks if b.heading_level and b.text.startswith("(in ")]
    owner = next(section for section in segment(filing) for block in section.blocks
                 if block.kind == "table" and "Net product sales" in block.text)
    assert owner.title == "CONSOLIDATED STATEMENTS OF OPERATIONS"


def test_table_title_printed_inside_the_table_and_above_it(corpus):
    # Mastercard prints "Consolidated Balance Sheets" as the first row of the table;
    # Walmart prints "Consolidated Statements of Income" above it, then a header row.
    mastercard = read_filing(corpus / "sec_more_html/mastercard_10-K_FY2024_2024-12-31.html")
    cash = next(f for f in mastercard.facts if f.label == "Cash and cash equivalents"
                and f.period_end == "2024-12-31" and not f.dimensions)
    assert "Consolidated Balance Sheets" in cash.statement.split(" | ")
    assert cash.value == 8_442e6  # printed "$ 8,442" in millions
    walmart = read_filing(corpus / "sec_more_html/walmart_10-K_FY2025_2025-01-31.html")
    titles = {f.statement for f in walmart.facts if f.label == "Total revenues"
              and f.period_end == "2025-01-31" and not f.dimensions}
    assert "Consolidated Statements of Income | Fiscal Years Ended January 31," in titles
