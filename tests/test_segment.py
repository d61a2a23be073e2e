"""Segmentation of the two real sample announcements."""

from __future__ import annotations

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
