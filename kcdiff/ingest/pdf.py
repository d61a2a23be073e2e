"""Reading a PDF filing with pypdfium2: bytes -> positioned lines -> ``Filing``.

pypdfium2 (PDFium) reads a 40-page announcement in about 50 ms and, unlike the pure-Python
extractors, decodes the CJK fonts of Hong Kong printers (see benchmarks/bench_ingest.py).
This module does the PDF-specific work: opening (refusing encrypted or damaged files),
taking each text line with its position, dropping what is not content (text outside the
page, running headers and footers, page numbers, unreadable text) and repairing what
PDFium reports as U+FFFE (a line-break hyphen or an unmapped ligature). Turning lines into
paragraphs and tables is ``pdf_layout``'s job.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import InputError
from ..model import Block, Check, Filing
from ..text.cjk import FULLWIDTH, IDEOGRAPHS, PUNCTUATION
from ..text.statements import statement_kind
from .direction import declares_right_to_left, reading_order
from .glyphs import Glyphs
from .layout import (
    SOFT_HYPHEN,
    TITLE_SCALE,
    Line,
    body_size,
    bold_body,
    page_blocks,
    resolve_hyphens,
)

__all__ = ["read_pdf", "unreadable_share", "UNREADABLE_PAGE_SHARE"]

# PDFium is not thread-safe (pypdfium2's documentation): two threads reading PDFs at once,
# as Dask's threaded workers or a service's threads may, crash the process. One at a time.
_PDFIUM = threading.Lock()
# A page whose visible characters are more than this share unreadable is left out.
UNREADABLE_PAGE_SHARE = 0.3
# A line mostly unreadable (a garbled Chinese column beside a clean English one) is dropped.
_UNREADABLE_LINE_SHARE = 0.5
# Running headers/footers live in these top and bottom shares of the page height.
_MARGIN_ZONE = 0.12
_RUNNING_MIN_PAGES = 3
_RUNNING_MIN_SHARE = 0.4

_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?:page\s*)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?(?:\s*[-–—])?$"
    r"|^第\s*\d{1,3}\s*頁$|^[ivxlc]{1,6}$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_LINE = re.compile(r"[^\r\n]+")
_CJK_CLASS = f"[{IDEOGRAPHS}{PUNCTUATION}{FULLWIDTH}]"
_CJK_SPACED = re.compile(f"(?<={_CJK_CLASS}) (?={_CJK_CLASS})")


@dataclass(frozen=True)
class _Page:
    number: int
    width: float
    height: float
    lines: tuple[Line, ...]


def read_pdf(path: str, data: bytes) -> Filing:
    """The blocks of the PDF ``data`` read from ``path``; unreadable pages become warnings."""
    if b"%%EOF" not in data[-2048:]:
        raise InputError(path, "PDF is truncated (no end-of-file marker); get the complete file")
    with _PDFIUM:
        document = _open(path, data)
        try:
            right_to_left = declares_right_to_left(document)
            pages = [_read_page(document, index, right_to_left)
                     for index in range(len(document))]
        except pdfium.PdfiumError as exc:
            raise InputError(path, f"PDF is damaged and cannot be read ({exc})") from exc
        finally:
            document.close()
    if not any(page.lines for page in pages):
        raise InputError(path, "PDF has no text layer (a scan?); kcdiff does not do OCR")
    running = _running_lines(pages)
    pages = _without_repeated_titles(pages, running)
    openings = _chapter_openings(pages, running)
    content = [_content_lines(page, running, openings) for page in pages]
    content_lines = [line for kept, _ in content if kept for line in kept]
    body, bold = body_size(content_lines), bold_body(content_lines)
    blocks = []
    warnings = []
    for page, (kept, unreadable) in zip(pages, content, strict=True):
        if unreadable:
            warnings.append(_unreadable_check(page.number))
        if kept is not None:
            blocks.extend(page_blocks(kept, page.width, body, bold))
    blocks = _with_hyphens_resolved(_join_pages(blocks))
    return Filing(path=path, format="pdf", blocks=tuple(blocks), warnings=tuple(warnings),
                  pages=len(pages))


def _open(path: str, data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) in (pdfium_c.FPDF_ERR_PASSWORD,
                                              pdfium_c.FPDF_ERR_SECURITY):
            raise InputError(path, "PDF is encrypted; save an unprotected copy") from exc
        raise InputError(path, "PDF is damaged and cannot be opened") from exc


def _read_page(document: pdfium.PdfDocument, index: int, right_to_left: bool = False) -> _Page:
    page = document[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            lines = _lines(textpage, index + 1, width, height, right_to_left)
        finally:
            textpage.close()
    finally:
        page.close()
    return _Page(index + 1, width, height, tuple(lines))


def _lines(textpage: pdfium.PdfTextPage, number: int, width: float, height: float,
           right_to_left: bool = False) -> list[Line]:
    """The page's text lines; ``right_to_left``: PDFium laid them out right to left
    (``direction``), so each is put back in reading order by its characters' positions."""
    text = textpage.get_text_range()
    if len(text) != textpage.count_chars():
        # Characters outside the BMP break the index <-> position mapping: keep the text,
        # invent a simple top-to-bottom geometry.
        return [Line(" ".join(m.group().split()), number, 0.0, width, height - 12.0 * i,
                     height - 12.0 * i - 10.0, False)
                for i, m in enumerate(_LINE.finditer(text)) if m.group().strip()]
    glyphs = Glyphs(textpage)
    lines = []
    for match in _LINE.finditer(text):
        raw = match.group()
        if not raw.strip():
            continue
        # The page's character index of each character of ``raw``.
        chars: Sequence[int] = range(match.start(), match.end())
        if right_to_left:
            raw, chars = reading_order(raw, chars, glyphs.lefts(chars))
        line = _line(glyphs, raw, chars, number, width, height)
        if line is not None:
            lines.append(line)
    return lines


def _line(glyphs: Glyphs, raw: str, chars: Sequence[int], number: int, width: float,
          height: float) -> Line | None:
    """One text line with its position, cells and type; None for a printer's note
    outside the page ("B_table indent_4.5 mm")."""
    stripped = raw.strip()
    lead = len(raw) - len(raw.lstrip())
    first, last = chars[lead], chars[lead + len(stripped) - 1]
    left, bottom, _, top = glyphs.loose_box(first)
    _, bottom_last, right, top_last = glyphs.loose_box(last)
    if left >= width or right <= 0 or max(top, top_last) <= 0 or bottom >= height:
        return None
    # The first word starts at ``first``: its height sets the cell gap.
    spans = _cell_spans(glyphs, raw, chars, top - bottom) if _maybe_row(raw) else []
    if spans:
        cells = tuple(_repair(glyphs, raw[a:b], chars[a:b]) for a, b in spans)
        cleaned = " ".join(cells)
    else:
        cells, cleaned = (), _repair(glyphs, stripped, chars[lead:lead + len(stripped)])
    # The type of the first letter or digit: a bullet or a quote is often set in
    # another font and size.
    letter = _ALNUM.search(raw)
    size, bold = glyphs.typography(chars[letter.start()] if letter else first)
    return Line(cleaned, number, left, right, max(top, top_last), min(bottom, bottom_last),
                bold, cells, size)


# str.isalnum() as a pattern: searched in C rather than a loop over the line in Python.
_ALNUM = re.compile(r"[^\W_]")


def _repair(glyphs: Glyphs, text: str, chars: Sequence[int]) -> str:
    """Close the letter-spacing of CJK text ("董 事 會") and resolve U+FFFE characters;
    ``chars`` are the page's character indexes of ``text``'s characters."""
    if "\ufffe" in text:
        text = "".join(_ufffe(text, position, glyphs, chars) for position in range(len(text)))
    # An ASCII line has no CJK to close up: isascii() is a flag on the string, the
    # substitution a scan of it (two thirds of the cost of this function).
    return _CJK_SPACED.sub("", text) if " " in text and not text.isascii() else text


def _ufffe(text: str, position: int, glyphs: Glyphs, chars: Sequence[int]) -> str:
    char = text[position]
    if char != "\ufffe":
        return char
    here = glyphs.box(chars[position])
    following = glyphs.box(chars[position + 1]) if position + 1 < len(text) else here
    if following[3] < here[1]:
        return SOFT_HYPHEN  # PDFium's mark for a hyphen that ended a line
    return _ligature(text[:position], text[position + 1:])


def _ligature(before: str, after: str) -> str:
    """Guess the f-ligature a font left unmapped ("signi_cant", "O_cer", "_ow")."""
    if before.endswith("i"):
        return "fi"  # signi-fi-cant, Veri-fi-ed, Speci-fi-cally
    if after.startswith("c"):
        return "ffi"  # O-ffi-cer, e-ffi-ciency, di-ffi-cult
    if after.startswith(("ow", "uct", "at")) or (before.endswith("re") and after.startswith("ect")):
        return "fl"  # fl-ow, fl-uctuations, in-fl-ation, re-fl-ect
    if after.startswith("e") or not after[:1].isalpha():
        return "ff"  # a-ff-ect, o-ff-er, di-ff-erent, drop-o-ff
    return "fi"  # fi-nancial, fi-rst, pro-fi-t


# A line that may be a table row ends in a figure: "1,234", "(5.2)%", "(12) %" (a sign set
# apart), "HK20.49 cents", "–".
_NUMERIC_END = re.compile(r"(?:\d[\d,.]*\)?\s?%?(?:\s*cents)?|N/A|nil|[-–—])$", re.IGNORECASE)


# The same, written backwards to be matched at the start of the reversed line: a search for
# a pattern anchored at the end tries every position of the line (30 us a line, a third of
# reading a long PDF's lines); a match at the start of the reversed line takes 4 us.
_NUMERIC_END_REVERSED = re.compile(r"(?:(?:stnec\s*)?%?\s?\)?[\d,.]*\d|A/N|lin|[-–—])",
                                   re.IGNORECASE)


def _maybe_row(text: str) -> bool:
    """Does ``text`` (one line, no line break) end in a figure or hold a few words?"""
    return bool(_NUMERIC_END_REVERSED.match(text[::-1])) or 1 < len(text.split()) <= 8


def _cell_spans(glyphs: Glyphs, raw: str, chars: Sequence[int], height: float
                ) -> list[tuple[int, int]]:
    """Where the line splits at gaps wider than a word space (table cells), as spans of
    ``raw``; ``chars`` are the page's character indexes of ``raw``'s characters,
    ``height`` the loose height of its first word. Empty for one cell."""
    tokens = [match.span() for match in _TOKEN.finditer(raw)]
    if len(tokens) < 2:
        return []
    threshold = max(9.0, 0.9 * height)
    gap = glyphs.gap
    spans = [list(tokens[0])]
    for (_, previous_end), (token_start, token_end) in zip(tokens, tokens[1:], strict=False):
        if gap(chars[previous_end - 1], chars[token_start]) > threshold:
            spans.append([token_start, token_end])
        else:
            spans[-1][1] = token_end
    return [(a, b) for a, b in spans] if len(spans) > 1 else []


_TOKEN = re.compile(r"\S+")


def _running_lines(pages: list[_Page]) -> set[str]:
    """Texts (digits folded) that recur in the top or bottom margin of many pages."""
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({_running_key(line) for line in page.lines if _in_margin(line, page)})
    needed = max(_RUNNING_MIN_PAGES, _RUNNING_MIN_SHARE * len(pages))
    return {key for key, count in seen.items() if count >= needed}


def _chapter_openings(pages: list[_Page], running: set[str]) -> set[tuple[int, str]]:
    """(page number, text) of each running line set in a title's type, on the first page
    that prints it: a chapter's title that a report prints atop every page of a long
    chapter ("Notes to the Consolidated Financial Statements", 125 of Fullshare's 201
    pages) is a running line, and still heads the chapter where it opens. A line with a
    figure ("Annual Report 2023") is a running header however large."""
    body = body_size([line for page in pages for line in page.lines])
    first: dict[str, tuple[int, Line]] = {}
    for page in pages:
        for line in page.lines:
            key = _running_key(line)
            if key in running and key not in first and _in_margin(line, page):
                first[key] = (page.number, line)
    return {(number, line.text) for number, line in first.values()
            if body and line.size >= TITLE_SCALE * body and not _DIGITS.search(line.text)}


def _without_repeated_titles(pages: list[_Page], running: set[str]) -> list[_Page]:
    """The pages without the chapter title an annual report repeats at the top of every
    page of a chapter ("Management Discussion and Analysis", "董事會報告"): kept on the page
    where the chapter opens, dropped from the pages after, where each would open a new
    section of the same name. Too few pages repeat it for ``_running_lines``."""
    kept = pages[:1]
    for before, page in zip(pages, pages[1:], strict=False):
        repeated = _repeated_titles(page, before, running)
        kept.append(replace(page, lines=tuple(
            line for index, line in enumerate(page.lines) if index not in repeated))
            if repeated else page)
    return kept


def _repeated_titles(page: _Page, before: _Page, running: set[str]) -> set[int]:
    """The indexes of the lines of ``page`` printed at the same place, in the same type, on
    the page ``before``, read from each edge of the page inwards: the first line that is
    not stops the reading, so a table's repeated column headings below a new title stay.
    A line with a digit stops it too (a year over a column, a date), and so does a
    statement's title: a statement continued on the next page, or a second one of the
    same name (a quarter's, then a half-year's income statement), opens a table there."""
    printed = {_place(line) for line in before.lines if _in_margin(line, before)}
    repeated = set()
    for band in _margin_bands(page):
        for index in band:
            line = page.lines[index]
            if _running(line, running) or _PAGE_NUMBER.match(line.text):
                continue  # dropped anyway
            if (_place(line) not in printed or _DIGITS.search(line.text)
                    or statement_kind(line.text)):
                break
            repeated.add(index)
    return repeated


def _margin_bands(page: _Page) -> tuple[list[int], list[int]]:
    """The indexes of the lines in the top margin, top first, and in the bottom margin,
    bottom first."""
    lines = page.lines
    top = [i for i, line in enumerate(lines) if line.top >= page.height * (1 - _MARGIN_ZONE)]
    bottom = [i for i, line in enumerate(lines) if line.bottom <= page.height * _MARGIN_ZONE]
    return (sorted(top, key=lambda i: -lines[i].top), sorted(bottom, key=lambda i: lines[i].bottom))


def _place(line: Line) -> tuple[str, int, float]:
    """What a line says, where (its top, to the point) and in what size of type."""
    return " ".join(line.text.split()), round(line.top), line.size


def _running(line: Line, running: set[str]) -> bool:
    """Is ``line`` (in a margin) a running header or footer? Also when a printer set it
    twice, its words interleaved ("Annual Report 2023 Annual Report 2023 Fullshare Holdings
    Limited Fullshare Holdings Limited 42"): every word of it is a running line's."""
    key = _running_key(line)
    if key in running:
        return True
    words = set(key.split())
    return (sum(any(ch.isalpha() for ch in word) for word in words) >= 2
            and any(words <= set(other.split()) for other in running))


def _running_key(line: Line) -> str:
    return _DIGITS.sub("#", " ".join(line.text.split()))


def _in_margin(line: Line, page: _Page) -> bool:
    return (line.top >= page.height * (1 - _MARGIN_ZONE)
            or line.bottom <= page.height * _MARGIN_ZONE)


def _content_lines(page: _Page, running: set[str], openings: set[tuple[int, str]]
                   ) -> tuple[list[Line] | None, bool]:
    """The page's content lines, or None when the page is unreadable; and whether any of
    its text could not be read. ``openings``: running lines kept where a chapter opens."""
    lines = [
        line for line in page.lines
        if not (_in_margin(line, page)
                and (_running(line, running) or _PAGE_NUMBER.match(line.text))
                and (page.number, line.text) not in openings)
    ]
    if unreadable_share("".join(line.text for line in lines)) > UNREADABLE_PAGE_SHARE:
        return None, True
    readable = [line for line in lines if unreadable_share(line.text) <= _UNREADABLE_LINE_SHARE]
    return readable, len(readable) < len(lines)


def unreadable_share(text: str) -> float:
    """Share of the visible characters of ``text`` that a font decoded to garbage:
    private-use and replacement characters, controls, and the U+02B0-U+1CFF block that
    legacy Hong Kong printer fonts without a ToUnicode map decode Chinese to. Counted with
    regular expressions (in C): a loop over every character was an eighth of PDF reading.
    Most text has none: one search says so without counting the blanks."""
    if not _UNREADABLE.search(text):
        return 0.0
    visible = sum(map(len, text.split()))  # split() takes out what \s matches
    return len(_UNREADABLE.findall(text)) / visible


# Controls and the block above, but not the blanks among them (not visible: U+1680,
# \t\n\v\f\r and \x1c-\x1f), count as unreadable.
_UNREADABLE = re.compile("[\u02b0-\u167f\u1681-\u1cff\ue000-\uf8ff\ufffd\ufffe\x00-\x08\x0e-\x1b]")


def _unreadable_check(page: int) -> Check:
    return Check(kind="unreadable_text", severity="warning", where=f"page {page}",
                 message=f"page {page}: text could not be read; not compared")


def _with_hyphens_resolved(blocks: list[Block]) -> list[Block]:
    choices = resolve_hyphens([block.text for block in blocks])
    if not choices:
        return blocks

    def fix(text: str) -> str:
        for broken, written in choices.items():
            text = text.replace(broken, written)
        return text.replace(SOFT_HYPHEN, "-")

    return [
        replace(block, text=fix(block.text), rows=tuple(tuple(fix(c) for c in row)
                                                          for row in block.rows))
        if SOFT_HYPHEN in block.text else block
        for block in blocks
    ]


def _join_pages(blocks: list[Block]) -> list[Block]:
    """Join a paragraph that a page break cut in two (it ends mid-sentence and the next
    page goes on in lower case)."""
    joined: list[Block] = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if (previous is not None and previous.kind == block.kind == "paragraph"
                and previous.page != block.page and not previous.heading_level
                and not previous.text.rstrip().endswith((".", ":", ";", "。", "：", "；"))
                and block.text[:1].islower()):
            joined[-1] = replace(previous, text=f"{previous.text} {block.text}")
        else:
            joined.append(block)
    return joined
