"""Titles a report repeats at the top of the pages of a chapter: read once, where the
chapter opens. Synthetic PDFs built here with pypdfium2, and the real corpus in place."""

from __future__ import annotations

import pytest
from test_pdf_structure import make_pages

from kcdiff.compare import compare_files
from kcdiff.ingest import read_filing
from kcdiff.segment import segment

FULLSHARE = "hkex_fullshare_0607/"


def body(top, words):
    """Four lines of body text in 10 pt, the first at ``top``."""
    lines = (f"The Group's {words} went on during the year under review, as the Board",
             "explains below in this report, with the figures set out in the notes to",
             "the consolidated financial statements and the comparative figures of the",
             f"last year, in the same way as for {words} in the last report.")
    return [(72, top - 14 * k, 10, "Helvetica", line) for k, line in enumerate(lines)]


def chapter_page(number, title, *content):
    """A page with the chapter's title at its top and its number at its foot."""
    return [(72, 790, 20, "Helvetica-Bold", title), *content,
            (290, 30, 10, "Helvetica", str(number))]


def texts(filing):
    return [block.text for block in filing.blocks]


_PARTS = ("Overview", "Business Review", "Prospects", "Financial Review")


def chapters(*titles, pages=4):
    """A report of chapters of ``pages`` pages each, every page under its chapter's title:
    too few pages of the report for that title to be a running header of the whole."""
    report = []
    for title in titles:
        for k in range(pages):
            number = len(report) + 1
            heading = [(72, 740, 12, "Helvetica-Bold", _PARTS[k])] if k % 2 else []
            report.append(chapter_page(number, title, *heading, *body(700, f"topic {number}")))
    return report


def test_a_chapter_title_on_every_page_heads_one_section(tmp_path):
    title = "Management Discussion and Analysis"
    pages = chapters("Chairman's Statement", title, "Report of the Directors")
    filing = read_filing(make_pages(tmp_path / "chapter.pdf", pages))
    assert texts(filing).count(title) == 1
    titles = [section.title for section in segment(filing)]
    assert titles.count(title) == 1
    # The chapter's text stays, under its own sub-headings.
    start = titles.index(title)
    assert titles[start:start + 3] == [title, "Business Review", "Financial Review"]
    assert sum(f"topic {n} " in text for n in range(5, 9) for text in texts(filing)) == 4


def test_a_statement_title_a_page_repeats_is_kept(tmp_path):
    # McDonald's second-quarter release prints the quarter's income statement on p.5 and
    # the half-year's on p.6, under the same title at the same place.
    title = "CONDENSED CONSOLIDATED STATEMENT OF INCOME (UNAUDITED)"
    rows = [(72, 700, 10, "Helvetica", "Total revenues"), (400, 700, 10, "Helvetica", "6,497.5")]
    pages = [chapter_page(1, title, *rows), chapter_page(2, title, *rows)]
    filing = read_filing(make_pages(tmp_path / "statements.pdf", pages))
    assert texts(filing).count(title) == 2


def test_a_repeated_line_under_a_new_title_is_kept(tmp_path):
    # Microsoft's 10-K prints "(In millions)" at the same place under each statement's
    # title: below a title the page does not repeat it is the new statement's own line.
    def statement(number, title):
        return [(72, 790, 8, "Helvetica-Bold", title),
                (72, 770, 6, "Helvetica", "(In millions)"), *body(700, f"cash {number}"),
                (290, 30, 10, "Helvetica", str(number))]

    pages = [*chapters("Business", pages=3), statement(4, "BALANCE SHEETS"),
             statement(5, "CASH FLOWS STATEMENTS"), *chapters("Notes", pages=3)]
    filing = read_filing(make_pages(tmp_path / "units.pdf", pages))
    assert texts(filing).count("(In millions)") == 2


def test_a_repeated_line_with_a_figure_is_kept(tmp_path):
    # "For the year ended 31 December 2023" over a statement continued on the next page
    # says which period its columns are.
    dated = (72, 765, 8, "Helvetica", "For the year ended 31 December 2023")
    pages = [chapter_page(n, "Notes to the Accounts", dated, *body(700, f"goodwill {n}"))
             for n in (1, 2)]
    filing = read_filing(make_pages(tmp_path / "dated.pdf", pages))
    assert texts(filing).count("Notes to the Accounts") == 1
    assert texts(filing).count("For the year ended 31 December 2023") == 2


def test_a_footer_printed_twice_over_itself_is_a_running_footer(tmp_path):
    footer = "Annual Report 2023 Fullshare Holdings Limited"
    doubled = "Annual Report 2023 Annual Report 2023 Fullshare Holdings Limited Fullshare"
    pages = [[*body(700, f"business {n}"),
              (72, 30, 7.5, "Helvetica", f"{doubled if n == 3 else footer} {n}")]
             for n in (1, 2, 3, 4, 5)]
    filing = read_filing(make_pages(tmp_path / "footer.pdf", pages))
    assert not any("Annual Report" in text for text in texts(filing))


def test_a_title_in_large_type_over_a_smaller_heading_is_a_heading(tmp_path):
    # Title Case over another heading is usually a label (a column header); in larger
    # type than the heading below it, it is the chapter's title.
    runs = [(72, 790, 20, "Helvetica-Bold", "Report of the Directors"),
            (72, 760, 12, "Helvetica-Bold", "Principal Activities"), *body(730, "property"),
            (72, 640, 10, "Helvetica", "Carrying Amount"),
            (72, 620, 12, "Helvetica-Bold", "Dividends"), *body(590, "dividends")]
    titles = [section.title for section in segment(read_filing(make_pages(tmp_path / "d.pdf",
                                                                        [runs])))]
    assert "Report of the Directors" in titles
    assert "Carrying Amount" not in titles  # body type over a heading: a label


def _notes_report(running_title):
    """Two pages of a Chairman's Statement, then five of notes under ``running_title`` at
    the top of each page: a running line (five pages of seven), in a title's type. Each
    note's heading is set like the body: its number says it is one."""
    pages = [chapter_page(n, "Chairman’s Statement", *body(700, f"strategy {n}"))
             for n in (1, 2)]
    for n, name in enumerate(_NOTES, 3):
        note = (72, 740, 10, "Helvetica", f"{n - 2} {name}")
        pages.append(chapter_page(n, running_title, note, *body(700, f"note {n}")))
    return pages


_NOTES = ("GENERAL", "REVENUE", "TAXATION", "GOODWILL", "DIVIDENDS")


def test_a_chapter_title_printed_atop_most_pages_heads_the_chapter_once(tmp_path):
    # Fullshare's 2023 annual report prints "Notes to the Consolidated Financial
    # Statements" atop 125 of its 201 pages: a running line, dropped from every page,
    # so the notes fell under the auditor's report. Where it first appears it heads them.
    title = "Notes to the Financial Statements"
    filing = read_filing(make_pages(tmp_path / "notes.pdf", _notes_report(title)))
    assert texts(filing).count(title) == 1
    sections = segment(filing)
    notes = next(s for s in sections if s.title == title)
    assert (notes.level, notes.category) == (1, "notes")
    assert [s.title for s in sections if s.parent == notes.index] == list(_NOTES)
    assert all(s.category == "notes" for s in sections if s.parent == notes.index)


def test_a_running_line_with_a_figure_is_dropped_however_large(tmp_path):
    filing = read_filing(make_pages(tmp_path / "report.pdf", _notes_report("Annual Report 2023")))
    assert not any("Annual Report" in text for text in texts(filing))


@pytest.fixture(scope="module")
def fullshare_annuals(corpus):
    return compare_files(corpus / FULLSHARE / "2022_annual-report_FY2022_en.pdf",
                         corpus / FULLSHARE / "2023_annual-report_FY2023_en.pdf")


def test_fullshare_chapters_are_one_section_each(corpus_filing):
    # The 2023 annual report prints its chapter's title at the top of every page:
    # "Management Discussion and Analysis" on pp.10-23, "Report of the Directors" on
    # pp.42-60, "Corporate Governance Report" on pp.24-41.
    titles = [section.title for section in
              segment(corpus_filing(FULLSHARE + "2023_annual-report_FY2023_en.pdf"))]
    for chapter in ("Management Discussion and Analysis", "Report of the Directors",
                    "Corporate Governance Report"):
        assert titles.count(chapter) <= 1, chapter


def test_fullshare_chapters_are_not_added_or_removed(fullshare_annuals):
    claimed = [section.new_title or section.old_title for section in fullshare_annuals.sections
               if section.status in ("added", "removed")]
    for chapter in ("Management Discussion and Analysis", "Report of the Directors",
                    "Corporate Governance Report", "Biographical Details of Directors and "
                    "Senior Management", "Independent Auditor’s Report"):
        assert chapter not in claimed, chapter


def test_fullshare_2023_cash_flow_statement_is_read(fullshare_annuals):
    # 2023 annual report p.74 (its page 73), columns 2023 and 2022:
    #   Placements of pledged bank deposits (10,162,620) (10,045,880)
    #   Withdrawal of pledged bank deposits 11,497,446 7,046,133
    changes = {(change.item, change.period_end): change for change in fullshare_annuals.figures
               if change.status == "changed"}
    placements = changes["Placements of pledged bank deposits", "2023-12-31"]
    assert (placements.old_value, placements.new_value) == (-10_045_880, -10_162_620)
    withdrawals = changes["Withdrawal of pledged bank deposits", "2023-12-31"]
    assert (withdrawals.old_value, withdrawals.new_value) == (7_046_133, 11_497_446)


def test_fullshare_notes_are_filed_under_their_chapter(corpus_filing):
    # 2022 annual report p.82: "Notes to the Consolidated Financial Statements" (atop
    # pp.82-214 of 215) over "1 GENERAL INFORMATION". Filed under the auditor's report, the
    # notes were "governance", and the discontinued operation's results (note, p.202:
    # exchange differences 2,050 for its period) were read as the income statement.
    from kcdiff.figures.tables import read_tables

    sections = segment(corpus_filing(FULLSHARE + "2022_annual-report_FY2022_en.pdf"))
    notes = [s for s in sections if s.title == "Notes to the Consolidated Financial Statements"]
    assert len(notes) == 1 and notes[0].category == "notes"
    general = next(s for s in sections if s.title == "GENERAL INFORMATION")
    assert general.parent == notes[0].index and general.category == "notes"
    kinds = {table.section: table.kind for table in read_tables(sections)}
    assert kinds["Results of discontinued operation"] == "note"


def test_fullshare_2022_exchange_differences_are_the_statements(corpus):
    # Income statement p.75: "– Exchange differences on translation of foreign operations
    # (89,369) 50,245" for 2022 and 2021.
    report = compare_files(corpus / FULLSHARE / "2022_interim-report_H1-2022_en.pdf",
                           corpus / FULLSHARE / "2022_annual-report_FY2022_en.pdf")
    found = {(f.period_end, f.old_period_end, f.new_value, f.old_value) for f in report.figures
             if f.item == "– Exchange differences on translation of foreign operations"}
    assert found == {("2022-12-31", "2021-12-31", -89369.0, 50245.0)}
