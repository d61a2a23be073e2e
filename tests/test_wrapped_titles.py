"""Titles a printer wrapped over two lines are one title: a line that ends in a joining
word ("ENVIRONMENTAL, SOCIAL AND") or a line of capitals that opens with one ("AND OTHER
COMPREHENSIVE INCOME (continued)") goes on with the other line. Synthetic PDFs, and the
real corpus in place (pages cited)."""

from __future__ import annotations

import pytest
from test_pdf_structure import make_pages

from kcdiff.figures.labels import RawRow, join_wrapped
from kcdiff.ingest import read_filing
from kcdiff.segment import segment
from kcdiff.text.phrases import ends_unfinished, starts_joined

FULLSHARE = "hkex_fullshare_0607/"
BODY = ("The committee met four times during the year under review to consider the",
        "matters set out in its terms of reference, as the Board explains in this report.")


@pytest.mark.parametrize("line", [
    "ENVIRONMENTAL, SOCIAL AND", "PARTIAL DISPOSAL OF INTEREST IN SUBSIDIARIES WITHOUT LOSS OF",
    "Share of profit of", "Profit attributable to", "OTHER COMPREHENSIVE INCOME (AFTER TAX &",
    "FOR THE PERIOD (",
    # Fullshare's 2023 interim report, note 18 (pp.57-60): "... COST (EXCLUDING TRADE" /
    # "RECEIVABLES) (continued)": a bracket left open.
    "FINANCIAL ASSETS AT AMORTISED COST (EXCLUDING TRADE",
    "FINANCIAL ASSETS AT FAIR VALUE THROUGH",
])
def test_a_line_ending_in_a_joining_word_is_unfinished(line):
    assert ends_unfinished(line)


@pytest.mark.parametrize("line", [
    "GOVERNANCE COMMITTEE", "SCHEDULE A", "Class A", "Revenue", "as set out below.",
    "(AFTER TAX)", "", "Mr. Chan (Chairman)", "RECEIVABLES) (continued)",
])
def test_a_finished_line_is_not(line):
    assert not ends_unfinished(line)


@pytest.mark.parametrize(("line", "joined"), [
    ("AND OTHER COMPREHENSIVE INCOME (continued)", True),
    ("OF CONTROL", True),
    ("THROUGH A SERIES OF TRANSACTIONS (continued)", True),
    ("In 2023, the Group's revenue rose.", False),  # a paragraph opens so
    ("For the year ended 31 December 2023", False),
    ("ANDREW CHAN", False),
    ("", False),
])
def test_a_line_of_capitals_opening_with_a_joining_word_goes_on_a_title(line, joined):
    assert starts_joined(line) is joined


def _page(*titles):
    """A page of two wrapped bold titles, each over a paragraph of body text."""
    runs, top = [], 780
    for first, second in titles:
        runs += [(72, top, 11, "Helvetica-Bold", first),
                 (72, top - 13, 11, "Helvetica-Bold", second)]
        runs += [(72, top - 40 - 14 * k, 10, "Helvetica", line) for k, line in enumerate(BODY)]
        top -= 120
    return runs


def test_a_title_wrapped_after_a_joining_word_is_one_heading(tmp_path):
    pages = [_page(("ENVIRONMENTAL, SOCIAL AND", "GOVERNANCE COMMITTEE"),
                   ("REMUNERATION", "COMMITTEE"))]
    filing = read_filing(make_pages(tmp_path / "wrapped.pdf", pages))
    headings = [b.text for b in filing.blocks if b.heading_level]
    # The first stops well short of the column and still goes on; the second pair of lines,
    # a finished title over a short line, stays two headings as before.
    assert headings[0] == "ENVIRONMENTAL, SOCIAL AND GOVERNANCE COMMITTEE"
    assert headings[1:] == ["REMUNERATION", "COMMITTEE"]


def test_a_line_of_capitals_opening_with_and_goes_on_the_title_above(tmp_path):
    pages = [_page(("CONDENSED STATEMENT OF PROFIT OR LOSS",
                    "AND OTHER COMPREHENSIVE INCOME (continued)"))]
    filing = read_filing(make_pages(tmp_path / "continued.pdf", pages))
    headings = [b.text for b in filing.blocks if b.heading_level]
    assert headings == ["CONDENSED STATEMENT OF PROFIT OR LOSS AND OTHER COMPREHENSIVE INCOME "
                        "(continued)"]


def test_a_label_wrapped_after_an_article_or_attributable_is_still_joined():
    rows = [RawRow("Share of profit of a", ()), RawRow("joint venture", ("1,200",)),
            RawRow("Profit attributable", ()), RawRow("to owners", ("3,400",))]
    assert [row.label for row in join_wrapped(rows)] == [
        "Share of profit of a joint venture", "Profit attributable to owners"]


def test_fullshare_wrapped_titles_are_read_whole(corpus_filing):
    # 2023 annual report p.3 (corporate information): "ENVIRONMENTAL, SOCIAL AND" over
    # "GOVERNANCE COMMITTEE"; 2023 interim report pp.6-7: the statement's title over two
    # lines, the second "AND OTHER COMPREHENSIVE INCOME (continued)".
    annual_report = corpus_filing(FULLSHARE + "2023_annual-report_FY2023_en.pdf")
    annual = [s.title for s in segment(annual_report)]
    assert "ENVIRONMENTAL, SOCIAL AND GOVERNANCE COMMITTEE" in annual
    assert "ENVIRONMENTAL, SOCIAL AND" not in annual and "GOVERNANCE COMMITTEE" not in annual
    interim = corpus_filing(FULLSHARE + "2023_interim-report_H1-2023_en.pdf")
    pages = {b.text for b in interim.blocks if b.page in (6, 7)}
    assert ("INTERIM CONDENSED CONSOLIDATED STATEMENT OF PROFIT OR LOSS AND OTHER "
            "COMPREHENSIVE INCOME (continued)") in pages
    assert "AND OTHER COMPREHENSIVE INCOME (continued)" not in pages
    titles = [s.title for s in segment(interim)]
    assert not any(title.startswith("AND OTHER COMPREHENSIVE") for title in titles)


def test_fullshare_titles_wrapped_inside_a_bracket_are_read_whole(corpus_filing):
    # 2023 interim report pp.57-60: note 18's title over two lines, the bracket open at
    # the break ("18 FINANCIAL ASSETS AT AMORTISED COST (EXCLUDING TRADE" / "RECEIVABLES)").
    interim = corpus_filing(FULLSHARE + "2023_interim-report_H1-2023_en.pdf")
    titles = [s.title for s in segment(interim)]
    assert "FINANCIAL ASSETS AT AMORTISED COST (EXCLUDING TRADE RECEIVABLES)" in titles
    assert "FINANCIAL ASSETS AT AMORTISED COST (EXCLUDING TRADE" not in titles
    assert not any(title.startswith("RECEIVABLES)") for title in titles)
