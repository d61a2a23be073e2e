"""The report as its readers see it: rendered by headless Chromium on screen (1280 and
420 px wide) and printed to PDF, for the sample pair, its e-mail digest and two corpus
pairs. Skipped when Debian's Chromium (/usr/bin/chromium) is not installed.

What is checked is read back from Chromium's output: the printed PDF's text (pypdfium2)
and its pixels, the screenshots' size from their PNG header.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from kcdiff.compare import compare_files
from kcdiff.render import render_digest, render_html
from kcdiff.render.view import KINDS

CHROMIUM = Path("/usr/bin/chromium")
HEIGHT = 1600  # px of the first screen: the summary and the change map
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium "
    "(apt-get install chromium) to render the report")

ANXIN = "hkex_anxin-china_1149/en"
APPLE = "sec_edgartools_html"
CORPUS_PAIRS = {
    "anxin": (f"{ANXIN}/2008-09-17_interim-results_en.pdf",
              f"{ANXIN}/2009-04-24_annual-results_en.pdf"),
    "apple": (f"{APPLE}/aapl_10-Q_FY2025Q2_2025-03-29.htm",
              f"{APPLE}/aapl_10-Q_FY2025Q3_2025-06-28.html"),
}


def chromium(tmp: Path, url: str, *options: str) -> None:
    profile = tmp / "profile"
    subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={profile}", "--hide-scrollbars", *options, url],
        check=True, capture_output=True, timeout=120,
    )
    shutil.rmtree(profile, ignore_errors=True)


def screenshot(tmp: Path, html: Path, width: int) -> Path:
    target = tmp / f"{html.stem}-{width}.png"
    chromium(tmp, html.as_uri(), f"--screenshot={target}", f"--window-size={width},{HEIGHT}")
    return target


def printed(tmp: Path, html: Path) -> Path:
    target = tmp / f"{html.stem}.pdf"
    chromium(tmp, html.as_uri(), f"--print-to-pdf={target}", "--no-pdf-header-footer")
    return target


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def flat(text: str) -> str:
    """Text as compared: whitespace runs as one space, no break after a hyphen (a cell
    wraps "non-controlling" after "non-", which pdfium reads back as U+FFFE)."""
    return re.sub(r"-\s+", "-", " ".join(text.replace("\ufffe", "-").split()))


def pdf_text_and_pages(path: Path):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    return flat(text), pdf


def has_colour(pdf, page: int, colour: str) -> bool:
    """Whether ``colour`` ("#rrggbb") is painted on ``page`` (the map's bars are)."""
    pixels = pdf[page].render(scale=1, rev_byteorder=True).to_numpy()[:, :, :3]
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    distance = abs(pixels.astype(int) - rgb).sum(axis=2)
    return bool((distance <= 12).any())


@pytest.fixture(scope="module")
def sample(tmp_path_factory, interim_path, annual_path):
    folder = tmp_path_factory.mktemp("screens")
    report = compare_files(interim_path, annual_path)
    html = folder / "sample.html"
    html.write_text(render_html(report), encoding="utf-8")
    digest = folder / "digest.html"
    # Read as a mail client that drops <style> would: there must be nothing to drop.
    body = render_digest(report)
    digest.write_text(re.sub(r"<style.*?</style>", "", body, flags=re.S), encoding="utf-8")
    return folder, report, html, digest


@pytest.mark.parametrize("width", [1280, 420])
def test_sample_report_on_screen(sample, width):
    folder, _, html, digest = sample
    for page in (html, digest):
        assert png_size(screenshot(folder, page, width)) == (width, HEIGHT)


def test_printed_sample_report_shows_the_map_routine_edits_and_every_figure(sample):
    folder, report, html, _ = sample
    text, pdf = pdf_text_and_pages(printed(folder, html))
    # The change map comes first, in colour: the interim's "RESIGNATION OF JOINT COMPANY
    # SECRETARY" is removed (red), sections reworded (orange).
    first = " ".join(pdf[0].get_textpage().get_text_range().split())
    assert "Where the filing changed" in first
    assert has_colour(pdf, 0, KINDS["reworded"][1]) and has_colour(pdf, 1, KINDS["removed"][1])
    # Routine edits in print: Contingent Liabilities "June 30, 2023" -> "December 31, 2024".
    assert re.search(r"Contingent Liabilities [^→]{0,60}June 30, 2023 → December 31, 2024", text)
    # Every figure that moved is printed, with the reading problems folded on screen.
    for figure in report.figures:
        assert flat(figure.item) in text, figure.item
    assert "1 (01 2(1" in text
    # 70 figures, 233 wording edits: about 25 A4/Letter pages, not the 20,000 px of before.
    assert len(pdf) <= 30


def test_printed_digest_carries_the_map_without_any_style_block(sample):
    folder, _, _, digest = sample
    text, pdf = pdf_text_and_pages(printed(folder, digest))
    assert "Where the filing changed" in text and "joined: Feng Honghua" in text
    assert any(has_colour(pdf, page, KINDS["removed"][1]) for page in range(len(pdf)))
    assert len(pdf) <= 4


@pytest.mark.parametrize("name", sorted(CORPUS_PAIRS))
def test_corpus_reports_on_screen_and_in_print(tmp_path, corpus, name):
    old, new = CORPUS_PAIRS[name]
    report = compare_files(corpus / old, corpus / new)
    html = tmp_path / f"{name}.html"
    html.write_text(render_html(report), encoding="utf-8")
    for width in (1280, 420):
        assert png_size(screenshot(tmp_path, html, width)) == (width, HEIGHT)
    text, pdf = pdf_text_and_pages(printed(tmp_path, html))
    assert "Where the filing changed" in " ".join(pdf[0].get_textpage().get_text_range().split())
    for figure in report.figures:
        assert flat(figure.item) in text, figure.item
