"""Reading any input: format by content, encodings, and a clean refusal of bad files."""

from __future__ import annotations

import pytest

from kcdiff.errors import InputError, UnsupportedFormat
from kcdiff.ingest import detect_format, read_filing
from kcdiff.segment import segment

CHINESE = (
    "董事會謹此宣佈本集團截至二零二五年三月三十一日止年度之經審核綜合業績。\n\n"
    "業務回顧\n\n本集團之收入較去年減少，主要由於市場需求疲弱及競爭加劇所致。"
    "董事會不建議派發末期股息。\n\n僱員及薪酬政策\n\n於年末，本集團共有僱員一百二十名。\n"
)
ANXIN_INTERIM = "hkex_anxin-china_1149/en/2008-09-17_interim-results_en.pdf"


def refused(path, **options) -> str:
    with pytest.raises(InputError) as caught:
        read_filing(path, **options)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message
    return message


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    assert "empty" in refused(path)


def test_binary_file_is_not_a_filing(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    with pytest.raises(UnsupportedFormat) as caught:
        read_filing(path)
    assert str(caught.value) == f"{path}: not a PDF, HTML or text filing"


def test_truncated_pdf_is_refused(corpus, tmp_path):
    data = (corpus / ANXIN_INTERIM).read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    assert "truncated" in refused(path)


def test_corrupt_pdf_is_refused(tmp_path):
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"garbage " * 200 + b"\n%%EOF\n")
    assert "PDF is damaged" in refused(path)


def test_directory_and_missing_path_are_refused(tmp_path):
    assert "directory" in refused(tmp_path)
    assert "no such file" in refused(tmp_path / "missing.pdf")


def test_size_limit_is_configurable(interim_path):
    assert "limit" in refused(interim_path, max_bytes=1000)
    assert read_filing(interim_path, max_bytes=10_000_000).blocks


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "big5"])
def test_chinese_text_in_any_common_encoding(tmp_path, encoding):
    path = tmp_path / f"announcement-{encoding}.txt"
    path.write_bytes(CHINESE.encode(encoding))
    filing = read_filing(path)
    assert filing.format == "text"
    assert filing.blocks[0].text.startswith("董事會謹此宣佈")
    titles = [section.title for section in segment(filing)]
    assert "業務回顧" in titles and "僱員及薪酬政策" in titles
    assert filing.meta.language == "zh"


@pytest.mark.parametrize("line_end", ["\r\n", "\r"])
def test_crlf_and_cr_line_ends(tmp_path, line_end):
    path = tmp_path / "dos.txt"
    path.write_bytes("SECTION ONE\n\nFirst line\nsecond line.\n".replace("\n", line_end).encode())
    blocks = read_filing(path).blocks
    assert [block.text for block in blocks] == ["SECTION ONE", "First line second line."]


def test_format_is_told_by_content_not_by_name(corpus, tmp_path):
    pdf_named_txt = tmp_path / "announcement.txt"
    pdf_named_txt.write_bytes((corpus / ANXIN_INTERIM).read_bytes())
    assert read_filing(pdf_named_txt).format == "pdf"
    html_named_txt = tmp_path / "exhibit.txt"
    html_named_txt.write_text("<html><body><p>Revenue rose.</p></body></html>")
    assert read_filing(html_named_txt).format == "html"
    assert detect_format(b"Results for the year\n<i>unaudited</i>") == "text"


def test_encrypted_pdf_is_refused(corpus, tmp_path, capsys):
    pikepdf = pytest.importorskip("pikepdf")
    from kcdiff.cli import main

    source = corpus / "hkex_anxin-china_1149/en/2012-04-23_ined-resignation_en.pdf"
    locked = tmp_path / "locked.pdf"
    with pikepdf.open(source) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(user="secret", owner="secret"))
    with pytest.raises(InputError, match="PDF is encrypted"):
        read_filing(locked)
    assert main(["diff", str(source), str(locked), "-o", str(tmp_path / "r.html")]) == 2
    assert capsys.readouterr().err == (
        f"kcdiff: error: {locked}: PDF is encrypted; save an unprotected copy\n")
    assert not (tmp_path / "r.html").exists()
