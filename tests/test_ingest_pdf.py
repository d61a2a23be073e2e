"""PDF reading: synthetic PDFs built here with pypdfium2, and the real corpus in place."""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from kcdiff.ingest import read_filing
from kcdiff.segment import segment

ANXIN = "hkex_anxin-china_1149/en/"


def make_pdf(path, pages):
    """Write a PDF whose pages hold the given (x, y, text) runs in 10 pt Helvetica."""
    document = pdfium.PdfDocument.new()
    font = pdfium_c.FPDFText_LoadStandardFont(document.raw, b"Helvetica")
    for runs in pages:
        page = document.new_page(595, 842)
        for x, y, text in runs:
            run = pdfium_c.FPDFPageObj_CreateTextObj(document.raw, font, 10)
            buffer = ctypes.create_string_buffer((text + "\x00").encode("utf-16-le"))
            pdfium_c.FPDFText_SetText(run, ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
            pdfium_c.FPDFPageObj_Transform(run, 1, 0, 0, 1, x, y)
            pdfium_c.FPDFPage_InsertObject(page.raw, run)
        pdfium_c.FPDFPage_GenerateContent(page.raw)
    document.save(str(path))
    return path


def page(number, body):
    """A page with a printer's proof line on top and its number at the foot."""
    return [(72, 810, "1st Proof • 17/09/2008 • Board Int"), *body, (290, 30, str(number))]


def texts(filing):
    return [block.text for block in filing.blocks]


def test_running_header_and_page_numbers_are_removed(tmp_path):
    pages = [page(n, [(72, 700, f"Paragraph on page {n}.")]) for n in (1, 2, 3)]
    filing = read_filing(make_pdf(tmp_path / "a.pdf", pages))
    assert texts(filing) == ["Paragraph on page 1.", "Paragraph on page 2.", "Paragraph on page 3."]
    assert [block.page for block in filing.blocks] == [1, 2, 3]
    assert filing.pages == 3 and filing.format == "pdf"


def test_wrapped_lines_become_one_paragraph(tmp_path):
    body = [
        (72, 700, "The Group recorded a turnover of HK$277 million for the period, which is an"),
        (72, 686, "increase of 35.8% over the corresponding period last year."),
        (72, 650, "The Board does not recommend an interim dividend."),
    ]
    filing = read_filing(make_pdf(tmp_path / "b.pdf", [body]))
    assert texts(filing) == [
        "The Group recorded a turnover of HK$277 million for the period, which is an "
        "increase of 35.8% over the corresponding period last year.",
        "The Board does not recommend an interim dividend.",
    ]


def test_table_rows_keep_their_label_and_figures(tmp_path):
    body = [(72, 720, "CONDENSED CONSOLIDATED INCOME STATEMENT")]
    for y, (label, note, this, last) in zip(
        (690, 676, 662), [("Revenue", "3", "123,456", "98,765"),
                          ("Cost of sales", "", "(60,001)", "(50,002)"),
                          ("Gross profit", "", "63,455", "48,763")], strict=True
    ):
        body += [(72, y, label), (300, y, note), (380, y, this), (470, y, last)]
    filing = read_filing(make_pdf(tmp_path / "c.pdf", [[run for run in body if run[2]]]))
    table = next(block for block in filing.blocks if block.kind == "table")
    assert table.rows == (
        ("Revenue", "3", "123,456", "98,765"),
        ("Cost of sales", "(60,001)", "(50,002)"),
        ("Gross profit", "63,455", "48,763"),
    )
    assert table.page == 1


def test_unreadable_page_is_left_out_with_a_warning(tmp_path):
    garbled = "ˆ˜ˆ˜ˆ˜ ˆ˜ˆ˜ˆ˜ ˆ˜ˆ˜ ˆ˜ˆ˜ˆ˜"  # decodes to U+02C6/U+02DC, like legacy HK fonts
    pages = [[(72, 700, "RESULTS"), (72, 680, "Readable text.")], [(72, 700, garbled)]]
    filing = read_filing(make_pdf(tmp_path / "d.pdf", pages))
    assert texts(filing) == ["RESULTS", "Readable text."]
    (warning,) = filing.warnings
    assert (warning.kind, warning.severity) == ("unreadable_text", "warning")
    assert warning.where == "page 2"
    assert warning.message == "page 2: text could not be read; not compared"


def test_printer_line_and_page_number_leave_the_real_announcement(corpus):
    filing = read_filing(corpus / ANXIN / "2008-09-17_interim-results_en.pdf")
    assert not any("1st Proof" in text for text in texts(filing))
    name = "BROAD INTELLIGENCE INTERNATIONAL PHARMACEUTICAL HOLDINGS LIMITED"
    assert filing.blocks[0].text == name
    income = next(block for block in filing.blocks if block.kind == "table")
    assert ("TURNOVER", "5", "277,060", "204,018") in income.rows
    assert ("COST OF SALES", "(189,652)", "(122,843)") in income.rows
    assert ("", "2008", "2007") in income.rows  # the column header above the figures
    # A paragraph wrapped over five lines comes out whole.
    assert any(text.startswith("The board of directors (the “Board”) of Broad Intelligence")
               and text.endswith("together with the comparative figures for the corresponding "
                                 "period in 2007.") for text in texts(filing))


def test_anxin_results_segment_into_the_sections_a_reader_sees(corpus):
    sections = segment(read_filing(corpus / ANXIN / "2011-08-24_interim-results_en.pdf"))
    by_title = {section.title: section for section in sections}
    assert sections[0].title == "INTERIM RESULTS ANNOUNCEMENT FOR THE SIX MONTHS ENDED 30 JUNE 2011"
    assert by_title["MANAGEMENT DISCUSSION AND ANALYSIS"].category == "mdna"
    assert by_title["NOTES TO THE CONSOLIDATED FINANCIAL STATEMENTS"].category == "notes"
    assert (by_title["INCOME TAX EXPENSE"].number, by_title["INCOME TAX EXPENSE"].category) == (
        "6", "notes")
    assert by_title["AUDIT COMMITTEE"].category == "governance"
    assert sections[-1].category == "board"


def test_line_break_hyphens_and_ligatures_are_repaired(corpus):
    anxin = " ".join(texts(read_filing(corpus / ANXIN / "2013-03-18_annual-results_en.pdf")))
    assert "\ufffe" not in anxin and "\u00ad" not in anxin
    assert "non-executive" in anxin
    ebay = " ".join(texts(read_filing(corpus / "sec_financebench_pdf/EBAY_2023Q1_EARNINGS.pdf")))
    assert "\ufffe" not in ebay
    assert "significant" in ebay and "Officer" in ebay and "cash flow" in ebay


def test_chinese_pdf_reads_as_chinese_and_segments(corpus):
    path = corpus / "hkex_alco-holdings_0328/2025-06-20_list-of-directors_zh.pdf"
    filing = read_filing(path)
    assert not filing.warnings
    joined = "\n".join(texts(filing))
    assert "董事名單與其角色和職能" in joined
    assert "董事會（「董事會」）成員載列如下。" in joined  # letter-spacing closed up
    assert "B_table" not in joined  # printer's note outside the page
    titles = [section.title for section in segment(filing)]
    assert "執行董事" in titles and "獨立非執行董事" in titles


def test_every_corpus_file_ingests_and_segments(corpus, manifest):
    for entry in manifest["files"]:
        filing = read_filing(corpus / entry["file"])
        assert filing.blocks, entry["file"]
        assert segment(filing), entry["file"]
        if entry.get("pages"):
            assert filing.pages == entry["pages"], entry["file"]


def test_percent_set_apart_still_splits_a_row_into_cells(corpus):
    # EBAY_2023Q1_EARNINGS.pdf p.10, supplemental operating data: "Current quarter vs prior
    # year quarter (7) % (9) % (11) % (12) % (13) %" -- five columns whose "%" is set a
    # space apart. A row, not a label glued to the next line's.
    filing = read_filing(corpus / "sec_financebench_pdf/EBAY_2023Q1_EARNINGS.pdf")
    rows = [tuple(" ".join(cell.split()) for cell in row)  # the PDF sets "%" after a no-break space
            for block in filing.blocks if block.kind == "table" and block.page == 10
            for row in block.rows if row and row[0] == "Current quarter vs prior year quarter"]
    assert ("Current quarter vs prior year quarter", "(7) %", "(9) %", "(11) %", "(12) %",
            "(13) %") in rows
