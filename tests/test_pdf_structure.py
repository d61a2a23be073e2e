"""Structure read from a PDF's type: headings from size and weight, and sections that are
added or removed only when the other filing really lacks them.

Expected answers were read from the PDFs themselves (pdfium's sizes and fonts, and the
pages as printed), not from kcdiff's output."""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from kcdiff.align import align
from kcdiff.ingest import read_filing
from kcdiff.model import Block, Filing
from kcdiff.segment import segment


def make_pdf(path, runs):
    """One page of (x, y, size, font, text) runs; font is a standard font name."""
    return make_pages(path, [runs])


def make_pages(path, pages):
    """Pages of (x, y, size, font, text) runs on A4; font is a standard font name."""
    document = pdfium.PdfDocument.new()
    for runs in pages:
        page = document.new_page(595, 842)
        for x, y, size, font_name, text in runs:
            font = pdfium_c.FPDFText_LoadStandardFont(document.raw, font_name.encode())
            run = pdfium_c.FPDFPageObj_CreateTextObj(document.raw, font, size)
            buffer = ctypes.create_string_buffer((text + "\x00").encode("utf-16-le"))
            pdfium_c.FPDFText_SetText(run, ctypes.cast(buffer,
                                                       ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
            pdfium_c.FPDFPageObj_Transform(run, 1, 0, 0, 1, x, y)
            pdfium_c.FPDFPage_InsertObject(page.raw, run)
        pdfium_c.FPDFPage_GenerateContent(page.raw)
    document.save(str(path))
    return path


BODY = (
    "The Group recorded revenue of HK$277 million for the period, an increase of",
    "35.8% over the corresponding period of last year, mainly from new contracts",
    "signed with coal mines in Shanxi and Inner Mongolia during the period under",
    "review, as described below in this announcement.",
)


def _body(top):
    return [(72, top - 14 * k, 10, "Helvetica", line) for k, line in enumerate(BODY)]


def test_larger_type_is_a_heading_and_body_type_is_not(tmp_path):
    runs = [
        (72, 760, 14, "Helvetica", "Operating Review"),  # a title in larger type
        *_body(736),
        (330, 660, 10, "Helvetica", "Three Months Ended"),  # a column header, body type
        *_body(640),
        (72, 570, 10, "Helvetica-Bold", "Prospects"),  # bold body type: a sub-heading
        *_body(550),
    ]
    filing = read_filing(make_pdf(tmp_path / "a.pdf", runs))
    levels = {block.text: block.heading_level for block in filing.blocks}
    assert levels["Operating Review"] == 1
    assert levels["Prospects"] == 2
    assert levels["Three Months Ended"] is None
    titles = [section.title for section in segment(filing)]
    assert "Operating Review" in titles and "Prospects" in titles
    assert "Three Months Ended" not in titles


def test_type_just_over_and_under_the_emphasis_threshold(tmp_path):
    # Emphasis is 0.6 pt over the body's 10 pt: 10.7 pt is larger, 10.5 pt is body.
    runs = [(72, 760, 10.7, "Helvetica", "Business Outlook"), *_body(740),
            (72, 670, 10.5, "Helvetica", "Dividend Declaration"), *_body(650)]
    filing = read_filing(make_pdf(tmp_path / "b.pdf", runs))
    levels = {block.text: block.heading_level for block in filing.blocks}
    assert levels["Business Outlook"] == 2
    assert levels["Dividend Declaration"] is None


def test_a_dated_line_in_large_type_is_a_subtitle_not_a_heading(tmp_path):
    runs = [(72, 760, 14, "Helvetica-Bold", "CONSOLIDATED BALANCE SHEET"),
            (72, 744, 14, "Helvetica-Bold", "As at 31 December 2010"), *_body(720)]
    filing = read_filing(make_pdf(tmp_path / "c.pdf", runs))
    levels = {block.text: block.heading_level for block in filing.blocks}
    assert levels["As at 31 December 2010"] is None


# --- the board statement ends where the statement ends ----------------------------------


def _filing(*texts):
    return Filing(path="x.pdf", format="text",
                  blocks=tuple(Block("paragraph", text) for text in texts))


def test_board_statement_ends_after_the_paragraph_naming_the_board():
    sections = segment(_filing(
        "INTERIM RESULTS ANNOUNCEMENT",
        "The board is pleased to announce the results.",
        "DIVIDEND",
        "The board does not recommend a dividend.",
        "By order of the Board",
        "Executive Directors:",
        "As at the date of this announcement, the Board comprises Mr. Wang (Chairman).",
        "APPENDIX I FINANCIAL INFORMATION OF THE GROUP",
        "Revenue rose in the year.",
    ))
    board = next(s for s in sections if s.category == "board")
    assert "Executive Directors:" in board.text and "Mr. Wang" in board.text
    assert "Revenue rose" not in board.text
    assert sections[-1].title == "APPENDIX I FINANCIAL INFORMATION OF THE GROUP"
    assert sections[-1].category != "board"


def test_a_heading_before_the_board_is_named_stays_in_the_statement():
    sections = segment(_filing(
        "ANNUAL RESULTS ANNOUNCEMENT",
        "The board is pleased to announce the results.",
        "By order of the Board",
        "NON-EXECUTIVE CHAIRMAN",
        "As at the date of this announcement, the Board comprises Mr. Wang (Chairman).",
    ))
    assert sections[-1].category == "board"
    assert "NON-EXECUTIVE CHAIRMAN" in sections[-1].text


# --- the named failures, on the real files -----------------------------------------------


@pytest.fixture(scope="module")
def ebay(corpus):
    folder = corpus / "sec_financebench_pdf"
    old, new = (segment(read_filing(folder / f"EBAY_2023Q{q}_EARNINGS.pdf")) for q in (1, 2))
    return old, new, align(old, new)


def test_ebay_business_outlook_is_in_both_quarters(ebay):
    old, new, alignment = ebay
    # Q1 prints "Business Outlook" on pages 4 and 11; Q2 on page 4 and, as "eBay Inc.
    # Business Outlook" (16 pt over 13 pt text), on page 10.
    removed = [old[i].title for i in alignment.only_old]
    added = [new[j].title for j in alignment.only_new]
    assert not any("Business Outlook" in title for title in removed + added)
    assert sum("Business Outlook" in s.title for s in new) == 2


def test_ebay_column_headers_are_not_sections(ebay):
    old, new, _ = ebay
    titles = {s.title for s in old} | {s.title for s in new}
    assert not titles & {"Three Months Ended", "December", "GAAP", "Six Months Ended"}
    # The statements keep their own sections (their titles name a statement).
    assert "Unaudited Condensed Consolidated Statement of Income" in titles


@pytest.fixture(scope="module")
def alco(corpus):
    folder = corpus / "hkex_alco-holdings_0328"
    old = segment(read_filing(folder / "2025-06-27_profit-warning_zh.pdf"))
    new = segment(read_filing(folder / "2025-06-30_annual-results_FY2025-03_zh.pdf"))
    return old, new, align(old, new)


def test_alco_date_lines_and_column_headers_are_not_added_sections(alco):
    _, new, alignment = alco
    added = [new[j].title for j in alignment.only_new]
    # Under each statement's title the annual results print its date
    # ("截至二零二五年三月三十一日止年度", "於二零二五年三月三十一日") and over its
    # columns the years ("二零二五年 二零二四年"): none of them heads a section.
    assert not any("二零二五年三月三十一日" in title for title in added)
    assert "二零二五年 二零二四年" not in added
    assert "綜合財務狀況表" in added  # the balance sheet: really not in the profit warning


def test_alco_board_statements_are_found_and_aligned(alco):
    old, new, alignment = alco
    # Both end with "承董事會命" (by order of the Board) signed by 廖莉萍.
    old_board = next(s.index for s in old if s.category == "board")
    new_board = next(s.index for s in new if s.category == "board")
    assert (old_board, new_board) in {(i, j) for i, j, _ in alignment.pairs}
    assert "廖莉萍" not in [s.title for s in old + new]


def test_alco_list_of_directors_names_are_text_not_sections(corpus):
    # The list prints role groups in bold (執行董事, 非執行董事, 獨立非執行董事) and under
    # them one director a line in body type: 廖莉萍女士（聯席主席）, 何澤宇先生, ...
    sections = segment(read_filing(corpus / "hkex_alco-holdings_0328"
                                   / "2025-06-20_list-of-directors_zh.pdf"))
    titles = [s.title for s in sections]
    assert not any(name in title for title in titles
                   for name in ("廖莉萍", "何澤宇", "田軼", "邊文斌", "朱凱勤", "鄧超文"))
    text = "".join(s.text for s in sections)
    assert all(name in text for name in ("廖莉萍", "何澤宇", "田軼", "邊文斌", "朱凱勤", "鄧超文"))


def _note_table(heading_cells):
    """A note's table: ``heading_cells`` (x, text) above its column headings and rows."""
    rows = [("Share of net assets", "325,723", "1,569,193"),
            ("Goodwill on acquisition", "20,716", "20,716"),
            ("Total", "346,439", "1,589,909")]
    runs = [(x, 700, 9, "Helvetica-Bold", text) for x, text in heading_cells]
    runs += [(440, 680, 8.5, "Helvetica", "2022"), (500, 680, 8.5, "Helvetica", "2021")]
    for k, (label, this, last) in enumerate(rows):
        runs += [(72, 660 - 14 * k, 8.5, "Helvetica", label),
                 (430, 660 - 14 * k, 8.5, "Helvetica", this),
                 (490, 660 - 14 * k, 8.5, "Helvetica", last)]
    return runs


def test_a_numbered_note_title_over_its_table_is_the_notes_heading(tmp_path):
    # Fullshare's 2022 annual report p.167: "24    INVESTMENTS IN ASSOCIATES", its number
    # set apart like a cell, straight over "2022  2021". Read as the table's first header
    # row, the note had no heading: its "(continued)" pages each opened a section.
    pdf = make_pdf(tmp_path / "note.pdf", _note_table([(72, "24"),
                                                       (110, "INVESTMENTS IN ASSOCIATES")]))
    sections = segment(read_filing(pdf))
    note = next(s for s in sections if s.title == "INVESTMENTS IN ASSOCIATES")
    assert note.number == "24"
    table = next(b for b in note.blocks if b.kind == "table")
    assert "INVESTMENTS" not in table.text and table.rows[0][1:] == ("2022", "2021")


def test_column_headings_in_the_label_column_stay_the_tables(tmp_path):
    pdf = make_pdf(tmp_path / "headed.pdf", _note_table([(72, "Name"), (250, "Capacity")]))
    table = next(b for b in read_filing(pdf).blocks if b.kind == "table")
    assert table.rows[0][:2] == ("Name", "Capacity")


def test_fullshare_notes_over_tables_head_their_pages(corpus_filing):
    # 2022 annual report pp.167-171: note 24 over its table, then "24 INVESTMENTS IN
    # ASSOCIATES (continued)" atop pp.168-170: one section.
    sections = segment(corpus_filing("hkex_fullshare_0607/2022_annual-report_FY2022_en.pdf"))
    titled = [(s.number, s.title) for s in sections if "INVESTMENTS IN ASSOCIATES" in s.title]
    assert titled == [("24", "INVESTMENTS IN ASSOCIATES")]


# Set in Courier, every character 6 pt wide: justified lines of 38 characters end together.
_LEFT = ("The Group is a first-mover and largest", "integrated provider of safety systems,",
         "in China, and derives all income from", "sales of systems, from services and of",
         "maintenance contracts it signed with", "customers in the half-year.")
_RIGHT = ("The Group has also expanded into this", "business of intelligent safety systems",
          "for coal mines and for other industry,", "which it sells to the same customers,",
          "through the same sales offices and the", "distributors it works with.")
_ACROSS = ("Going forward, it is expected that the business will grow in every region served,",
           "as the customers it has signed up in the period renew their contracts and more.")


def test_two_justified_columns_over_a_paragraph_across_the_page_are_paragraphs(tmp_path):
    # Anxin's 2012 interim, p.25: two justified columns (ending at x=292 and x=519) over
    # a paragraph across the page (to x=539). By the furthest edge a line starting at the
    # left reached, every line of the left column stopped short: each its own paragraph,
    # its first a "heading" ("The Group is a first-mover and the largest").
    runs = [(57, 760, 14, "Helvetica-Bold", "MANAGEMENT DISCUSSION AND ANALYSIS")]
    runs += [(57, 720 - 14 * k, 10, "Courier", text) for k, text in enumerate(_LEFT)]
    runs += [(310, 720 - 14 * k, 10, "Courier", text) for k, text in enumerate(_RIGHT)]
    runs += [(57, 610 - 14 * k, 10, "Courier", text) for k, text in enumerate(_ACROSS)]
    blocks = read_filing(make_pdf(tmp_path / "columns.pdf", runs)).blocks
    texts = [block.text for block in blocks]
    assert " ".join(_LEFT) in texts and " ".join(_RIGHT) in texts
    assert [block.text for block in blocks if block.heading_level] == [
        "MANAGEMENT DISCUSSION AND ANALYSIS"]


def test_a_list_of_short_lines_stays_a_list(tmp_path):
    # A board list: each name stops short of the page's text, however many share a width.
    names = ["Mr. Chan Tai Man", "Mr. Lee Ka Chun", "Ms. Wong Siu Ling", "Mr. Ho Wai Kit",
             "Mr. Lam Chi Fai", "Ms. Ng Mei Yee", "Mr. Tse Kin Wah", "Mr. Yip Sai Ho"]
    runs = [(57, 760, 10, "Helvetica-Bold", "Executive Directors")]
    runs += [(57, 740 - 14 * k, 10, "Courier", name) for k, name in enumerate(names)]
    runs += [(57, 600 - 14 * k, 10, "Courier", text) for k, text in enumerate(_ACROSS)]
    texts = [block.text for block in read_filing(make_pdf(tmp_path / "list.pdf", runs)).blocks]
    assert all(name in texts for name in names)


def test_anxin_two_column_review_is_read_in_paragraphs(corpus_filing):
    # 2012 interim results, p.25: "The Group is a first-mover and the largest" /
    # "integrated solution provider of ISD systems" / "in China. It derives ...".
    filing = corpus_filing("hkex_anxin-china_1149/en/2012-08-23_interim-results_en.pdf")
    opening = next(b for b in filing.blocks if b.text.startswith("The Group is a first-mover"))
    assert opening.text.startswith("The Group is a first-mover and the largest integrated "
                                   "solution provider of ISD systems in China.")
    assert not opening.heading_level
    titles = [s.title for s in segment(filing)]
    assert "The Group is a first-mover and the largest" not in titles


def test_fullshare_chinese_notes_over_tables_head_their_pages(corpus_filing):
    # 2023 Chinese annual report p.161: "24 於聯營公司之投資" over its table's "二零二三年
    # 二零二二年", then "24 於聯營公司之投資（續）" atop the pages after: one section.
    sections = segment(corpus_filing("hkex_fullshare_0607/2023_annual-report_FY2023_zh.pdf"))
    titled = [(s.number, s.title) for s in sections if s.title.startswith("於聯營公司之投資")]
    assert titled == [("24", "於聯營公司之投資")]


# --- a header row that lost its table, in Chinese as in English ----------------------


@pytest.mark.parametrize(("text", "heading_row"), [
    ("Notes HK$’000 HK$’000", True),
    ("附註 人民幣千元 人民幣千元", True),  # Notes RMB'000 RMB'000
    ("附註 港幣千元 港幣千元", True),  # Notes HK$'000 HK$'000
    ("二零二三年 二零二二年", True),  # 2023 2022
    ("（未經審核） （經重列）", True),  # (unaudited) (restated)
    ("審核委員會 報告", False),  # audit committee report: words, not column headings
    ("附註", False),  # one cell: a title "Notes" may head a section
    ("董事會 2023", False),
])
def test_a_line_of_column_headings_is_a_header_row_in_either_language(text, heading_row):
    from kcdiff.ingest.layout import Line, _is_column_heading

    line = Line(text, 1, 300.0, 540.0, 700.0, 690.0, True)
    assert _is_column_heading(line) is heading_row


def test_fullshare_chinese_interim_column_headings_head_no_section(corpus_filing):
    # Pp.6-8 print "附註 人民幣千元 人民幣千元" (Notes RMB'000 RMB'000) over the
    # statements' columns, as the English report prints "Notes RMB'000 RMB'000".
    filing = corpus_filing("hkex_fullshare_0607/2023_interim-report_H1-2023_zh.pdf")
    titles = [section.title for section in segment(filing)]
    assert "附註 人民幣千元 人民幣千元" not in titles
    rows = [block for block in filing.blocks if block.page == 6 and "人民幣千元" in block.text]
    assert [(block.kind, block.text.split()) for block in rows] == [
        ("table", ["附註", "人民幣千元", "人民幣千元"])]
