"""A PDF whose viewer preferences say right to left (``/Direction /R2L``) is read in
reading order: PDFium lays out such a document's lines right to left, runs reversed and
leading brackets mirrored, and kcdiff puts them back by the characters' positions.

The expected lines are what the page shows: for the made-up PDFs, the text they draw; for
Fullshare's 2022 Chinese annual report, the printed page (the characters' positions were
read with pypdfium2 and agree with it)."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from kcdiff.ingest import read_filing
from kcdiff.ingest.direction import declares_right_to_left, reading_order
from kcdiff.ingest.pdf import _read_page


def make_pdf(runs, direction=None) -> bytes:
    """One page of Helvetica runs (x, y, text), written out by hand: PDFium cannot set a
    catalog's viewer preferences."""
    def escaped(text):
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = "".join(f"BT /F1 11 Tf {x} {y} Td ({escaped(text)}) Tj ET\n"
                      for x, y, text in runs).encode()
    preferences = f" /ViewerPreferences << /Direction /{direction} >>" if direction else ""
    objects = [
        f"<< /Type /Catalog /Pages 2 0 R{preferences} >>".encode(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(pdf)


RUNS = [
    (72, 760, "RESULTS OF THE YEAR"),
    (72, 700, "Mr Chan Ka Keung (Chairman) and Ms Wong Mei Ling (Vice Chairman)"),
    (72, 650, "Revenue"), (300, 650, "1,234"), (400, 650, "(5,678)"),
    (72, 630, "Cost of sales"), (300, 630, "(234)"), (400, 630, "678"),
]


def test_pdfium_lays_out_a_right_to_left_document_backwards():
    """What this module undoes (if PDFium stops doing it, the repair has nothing to do)."""
    document = pdfium.PdfDocument(make_pdf(RUNS, "R2L"))
    text = document[0].get_textpage().get_text_range()
    assert text.splitlines()[0] == "YEAR THE OF RESULTS"
    assert "(5,678) 1,234 Revenue" in text


@pytest.mark.parametrize(("direction", "declared"), [("R2L", True), ("L2R", False),
                                                     (None, False)])
def test_the_direction_is_read_from_the_viewer_preferences(direction, declared):
    assert declares_right_to_left(pdfium.PdfDocument(make_pdf(RUNS, direction))) is declared


def test_a_right_to_left_document_reads_as_the_page_shows(tmp_path):
    (tmp_path / "r2l.pdf").write_bytes(make_pdf(RUNS, "R2L"))
    blocks = read_filing(tmp_path / "r2l.pdf").blocks
    assert [block.text for block in blocks if block.kind == "paragraph"] == [
        "RESULTS OF THE YEAR",
        "Mr Chan Ka Keung (Chairman) and Ms Wong Mei Ling (Vice Chairman)"]
    assert [block.rows for block in blocks if block.kind == "table"] == [
        (("Revenue", "1,234", "(5,678)"), ("Cost of sales", "(234)", "678"))]


def test_the_direction_changes_nothing_in_what_is_read(tmp_path):
    for direction in ("R2L", None):
        (tmp_path / f"{direction}.pdf").write_bytes(make_pdf(RUNS, direction))
    right_to_left, plain = (read_filing(tmp_path / f"{direction}.pdf").blocks
                            for direction in ("R2L", None))
    assert right_to_left == plain


def order(text, lefts):
    """``reading_order`` of a line given as PDFium hands it out, with the left edge of
    each of its characters (their page indexes are their positions here)."""
    reordered, chars = reading_order(text, range(len(text)), lefts)
    assert sorted(chars) == list(range(len(text)))
    return reordered


def test_runs_are_put_left_to_right_and_a_mirrored_closing_bracket_turned_back():
    # Fullshare's 2022 Chinese annual report, page 2, as PDFium gives the line, with
    # each character's left edge on the page.
    text = "(主席兼首席執行官（季昌群先生"
    lefts = [192.8, 113.9, 123.9, 133.8, 143.8, 153.8, 163.7, 173.7, 183.6, 104.8,
             62.4, 72.3, 82.3, 92.2, 102.2]
    assert order(text, lefts) == "季昌群先生（主席兼首席執行官)"


def test_only_brackets_met_before_the_first_letter_were_mirrored():
    # A note reference "20(a)" set after a row's figures: PDFium gives "(a(20".
    assert order("(a(20", [369.0, 364.1, 361.8, 351.3, 356.6]) == "20(a)"


def test_digits_do_not_end_the_mirroring():
    # "(1,234)" alone on a line: both brackets were mirrored, the figure between them
    # is not a letter.
    assert order("(1,234)", [60, 10, 15, 20, 25, 30, 5]) == "(1,234)"


def test_spaces_pdfium_made_up_between_runs_fall_between_them():
    # The running header of that report, with its two generated spaces.
    text = "二零二二年年報 豐盛控股有限公司 1"
    lefts = [169.3, 177.1, 185.0, 192.9, 200.7, 208.6, 216.5, 155.3, 99.2, 107.1, 114.9,
             122.8, 130.7, 138.6, 146.4, 154.3, 55.8, 55.4]
    assert order(text, lefts) == "1 豐盛控股有限公司 二零二二年年報"


def test_a_blank_at_a_letters_left_edge_goes_before_it():
    assert order("B A", [20, 20, 0]) == "A B"


@pytest.fixture(scope="module")
def fullshare_zh(corpus):
    document = pdfium.PdfDocument(
        corpus / "hkex_fullshare_0607" / "2022_annual-report_FY2022_zh.pdf")
    yield document
    document.close()


def test_fullshare_chinese_report_declares_right_to_left(fullshare_zh):
    assert declares_right_to_left(fullshare_zh)


def test_fullshare_chinese_contents_and_board_read_as_printed(fullshare_zh):
    # Page 2 (contents) and 3 (corporate information) as printed; read one page at a
    # time, not the 215-page report.
    contents = _read_page(fullshare_zh, 1, right_to_left=True)
    assert ("綜合損益及其他全面收益表", "74") in [line.cells for line in contents.lines]
    information = [line.text for line in _read_page(fullshare_zh, 2, True).lines]
    assert "季昌群先生（主席兼首席執行官)" in information
    assert "葛金鑄先生（於二零二二年六月二十四日獲委任)" in information
