"""Character boxes and type read through PDFium's C API (kcdiff.ingest.glyphs)."""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from test_ingest_pdf import make_pdf

from kcdiff.ingest.glyphs import Glyphs


def make_typeset_pdf(path):
    """One page: "Body" in 10 pt Helvetica, "Title" in Helvetica-Bold, and "Scaled" set
    in 1 pt type scaled twelvefold by its matrix, as many Hong Kong printers do."""
    document = pdfium.PdfDocument.new()
    page = document.new_page(595, 842)
    for font_name, size, scale, y, text in [(b"Helvetica", 10, 1, 700, "Body"),
                                            (b"Helvetica-Bold", 10, 1, 650, "Title"),
                                            (b"Helvetica", 1, 12, 600, "Scaled")]:
        font = pdfium_c.FPDFText_LoadStandardFont(document.raw, font_name)
        run = pdfium_c.FPDFPageObj_CreateTextObj(document.raw, font, size)
        buffer = ctypes.create_string_buffer((text + "\x00").encode("utf-16-le"))
        pdfium_c.FPDFText_SetText(run, ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
        pdfium_c.FPDFPageObj_Transform(run, scale, 0, 0, scale, 72, y)
        pdfium_c.FPDFPage_InsertObject(page.raw, run)
    pdfium_c.FPDFPage_GenerateContent(page.raw)
    document.save(str(path))
    return path


def open_text(path, index=0):
    document = pdfium.PdfDocument(str(path))
    textpage = document[index].get_textpage()
    return document, textpage


def test_type_size_and_weight_as_set(tmp_path):
    document, textpage = open_text(make_typeset_pdf(tmp_path / "t.pdf"))
    text = textpage.get_text_range()
    glyphs = Glyphs(textpage)
    assert glyphs.typography(text.index("Body")) == (10.0, False)
    assert glyphs.typography(text.index("Title")) == (10.0, True)
    assert glyphs.typography(text.index("Scaled")) == (12.0, False)
    document.close()


def test_boxes_are_pypdfium2s(tmp_path):
    document, textpage = open_text(make_pdf(tmp_path / "b.pdf", [[
        (72, 700, "Turnover"), (300, 700, "277,060"), (400, 700, "204,018")]]))
    glyphs = Glyphs(textpage)
    for index in range(textpage.count_chars()):
        assert glyphs.box(index) == textpage.get_charbox(index)
        assert glyphs.loose_box(index) == textpage.get_charbox(index, loose=True)
    text = textpage.get_text_range()
    before, after = text.index("r "), text.index("277")
    # "Turnover" ends near x = 72 + its width; "277,060" starts at x = 300.
    gap = glyphs.gap(before, after)
    assert gap == textpage.get_charbox(after)[0] - textpage.get_charbox(before)[2]
    assert 180 < gap < 228
    with pytest.raises(pdfium.PdfiumError):
        glyphs.box(textpage.count_chars() + 5)
    with pytest.raises(pdfium.PdfiumError):
        glyphs.loose_box(-1)
    document.close()


def test_boxes_match_on_a_real_page(corpus):
    """Every character of a table page of an annual report: the same boxes as pypdfium2."""
    document, textpage = open_text(
        corpus / "hkex_fullshare_0607/2022_annual-report_FY2022_en.pdf", 120)
    glyphs = Glyphs(textpage)
    count = textpage.count_chars()
    assert count > 500
    for index in range(count):
        assert glyphs.box(index) == textpage.get_charbox(index)
        assert glyphs.loose_box(index) == textpage.get_charbox(index, loose=True)
    document.close()
