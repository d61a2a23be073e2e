"""Segmentation of the two real sample announcements."""

from __future__ import annotations

import pytest

from kcdiff.ingest import parse_text, read_filing
from kcdiff.model import CATEGORIES
from kcdiff.segment import category_of, heading_of, segment


def outline(path):
    return [(s.number, s.title, s.category, s.level) for s in segment(read_filing(path))]


def titles(path):
    return [title for _, title, _, _ in outline(path)]


def test_interim_outline_has_the_sections_a_reader_sees(interim_path):
    found = titles(interim_path)
    for title in [
        "FINANCIAL HIGHLIGHTS",
        "Non-GAAP Financial Measure",
        "LIQUIDITY AND CAPITAL RESOURCES",
        "GEARING RATIO",
        "EMPLOYEES AND REMUNERATION POLICIES",
        "Principles of consolidation",
        "REVENUES, OTHER LOSS, NET AND OTHER INCOME, NET",
        "RESIGNATION OF JOINT COMPANY SECRETARY",
        "By order of the Board",
    ]:
        assert title in found


def test_annual_outline_finds_title_case_and_lettered_headings(annual_path):
    by_title = {title: (number, category) for number, title, category, _ in outline(annual_path)}
    assert by_title["Liquidity and Capital Resource"][1] == "liquidity"
    assert by_title["Gearing Ratio"][1] == "mdna"
    assert by_title["Employees and Remuneration"][1] == "employees"
    assert by_title["Going concern consideration"] == ("(b)", "notes")
    assert by_title["Segment reporting"] == ("(f)", "notes")
    assert by_title["REVENUES, OTHER LOSS, NET AND OTHER INCOME (EXPENSE), NET"] == ("3", "notes")
    assert by_title["Environmental, Social and Governance (ESG)"][1] == "business_review"
    assert by_title["By order of the Board"][1] == "board"


def test_cover_swallows_the_6k_wrapper_and_the_title(annual_path):
    sections = segment(read_filing(annual_path))
    assert sections[0].category == "cover"
    assert sections[0].title.startswith("PRELIMINARY ANNOUNCEMENT OF ANNUAL RESULTS")
    assert "FORM 6-K" not in titles(annual_path)
    assert "Kingsoft Cloud Holdings Limited" not in titles(annual_path)


def test_note_that_lost_its_number_stays_in_the_notes(interim_path):
    sections = segment(read_filing(interim_path))
    receivable = next(s for s in sections if s.title == "ACCOUNTS RECEIVABLE, NET")
    assert receivable.category == "notes"
    taxation = next(s for s in sections if s.title == "TAXATION")
    assert sections[taxation.parent].title.startswith("NOTES TO")


def test_sections_form_a_tree_and_use_known_categories(interim_path, annual_path):
    for path in (interim_path, annual_path):
        sections = segment(read_filing(path))
        for section in sections:
            assert section.category in CATEGORIES
            if section.parent >= 0:
                assert section.parent < section.index
                assert sections[section.parent].level < section.level


def test_every_block_is_in_one_section_or_is_a_heading(interim_path, annual_path):
    for path in (interim_path, annual_path):
        filing = read_filing(path)
        placed = [id(block) for section in segment(filing) for block in section.blocks]
        assert len(placed) == len(set(placed))
        missing = [block for block in filing.blocks if id(block) not in set(placed)]
        assert missing and all(heading_of(block) is not None for block in missing)


def test_board_section_keeps_the_signatory(interim_path, annual_path):
    for path in (interim_path, annual_path):
        board = next(s for s in segment(read_filing(path)) if s.category == "board")
        assert "Mr. Zou Tao" in board.text
        assert "As at the date of this announcement" in board.text


def test_body_text_is_not_taken_for_a_heading():
    filing = parse_text(
        "SECTION ONE\n\nHong Kong, March 19, 2025\n\nThe Board did not recommend a dividend.\n\n"
        "Date: March 19, 2025\n",
        "x.txt",
    )
    assert [s.title for s in segment(filing)][1:] == ["SECTION ONE"]


def test_category_rules():
    assert category_of("LIQUIDITY AND CAPITAL RESOURCES") == "liquidity"
    assert category_of("Employees and Remuneration") == "employees"
    assert category_of("NON-GAAP FINANCIAL MEASURES") == "non_gaap"
    assert category_of("UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS") == "statements"
    assert category_of("SAFE HARBOR STATEMENT") == ""


ANXIN = "hkex_anxin-china_1149/en/"


def anxin_sections(corpus, name):
    return segment(read_filing(corpus / ANXIN / name))


def test_labels_of_a_diagram_are_not_headings(corpus):
    titles = [s.title for s in anxin_sections(corpus, "2012-03-15_annual-results_en.pdf")]
    # The MD&A draws a chart of industries with one short label per box.
    for label in ("Open-pit Mine", "LPG", "Elevator", "Tailing Pond", "Boiler"):
        assert label not in titles
    # A line that PDF layout broke off a sentence is not a heading either.
    assert not any(t.endswith((" the", " and")) for t in titles)
    assert "Liquidity and Financial Resources" in titles
    assert "Contingent Liabilities" in titles


def test_notes_printed_without_a_notes_heading_are_notes(corpus):
    sections = anxin_sections(corpus, "2012-03-15_annual-results_en.pdf")
    numbered = [s for s in sections if s.number.isdigit()]
    assert len(numbered) >= 15
    assert {s.category for s in numbered} == {"notes"}


def test_lower_case_by_order_of_the_board_opens_the_board_statement(corpus):
    sections = anxin_sections(corpus, "2011-08-24_interim-results_en.pdf")
    assert sections[-1].category == "board"
    assert "Zhong Houtai" in sections[-1].text  # the signature stays in the statement
    assert "Zhong Houtai" not in [s.title for s in sections]


def test_a_bold_row_of_figures_in_a_pdf_is_not_a_heading():
    # Fullshare's Chinese 2023 interim report sets a table's total rows in bold: "9,303
    # 25,680 (16,377) ... 而無導致失去控制權" headed a section of its own. A line with more
    # digits than letters is a row of a table; as many of each, its type still decides.
    from kcdiff.model import Block

    def bold(text: str) -> Block:
        return Block("paragraph", text, heading_level=2)

    assert heading_of(bold("9,303 25,680 (16,377) 匯兌差額"), typographic=True) is None
    assert heading_of(bold("123 ab"), typographic=True) is None
    assert heading_of(bold("12 ab"), typographic=True) is not None
    assert heading_of(bold("Geographical information"), typographic=True) is not None


def test_fullshare_chinese_interim_has_no_heading_made_of_figures(corpus):
    sections = segment(read_filing(
        corpus / "hkex_fullshare_0607" / "2023_interim-report_H1-2023_zh.pdf"))
    assert not [s.title for s in sections
                if sum(c.isdigit() for c in s.title) > sum(c.isalpha() for c in s.title)]


@pytest.mark.parametrize(("text", "heading"), [
    ("31 December 2020 (Note)", None),  # a date in a table's column, not note 31
    ("30 June 2023 (Unaudited)", None),
    ("24 August 2011", None),  # the date under a signature
    ("31 SUBSEQUENT EVENTS", ("31", "SUBSEQUENT EVENTS")),
    ("12 INCOME TAX EXPENSES", ("12", "INCOME TAX EXPENSES")),
])
def test_a_line_that_opens_with_a_date_is_no_numbered_heading(text, heading):
    from kcdiff.model import Block

    found = heading_of(Block("paragraph", text))
    assert (found and (found.number, found.title)) == heading


def test_fullshare_interim_dates_in_a_table_head_no_note(corpus_filing):
    # P.48 lists the subsidiaries taxed at 15% with the year each was approved, "31
    # December 2020 (Note)", under note 12 INCOME TAX EXPENSES, which goes on over the page.
    sections = segment(corpus_filing(
        "hkex_fullshare_0607/2023_interim-report_H1-2023_en.pdf"))
    titles = [section.title for section in sections]
    assert "December 2020 (Note)" not in titles
    assert "INCOME TAX EXPENSES (continued)" not in titles
    assert titles.count("INCOME TAX EXPENSES") == 1
