"""Reading an HTML filing (EDGAR 6-K/8-K/10-Q, inline XBRL) with lxml: bytes -> ``Filing``.

The document is taken out of an EDGAR submission wrapper (``<DOCUMENT>...<TEXT>``) when
there is one. Inline XBRL tags (``ix:*``) are inline elements: their text is kept; the
hidden ``ix:header`` and anything styled ``display:none`` is dropped. Each table becomes a
table block with the same rows model as text and PDF tables (label, then values); a table
with no figures at all is layout (a bullet list, a signature block) and gives paragraphs.
Headings come from ``<h1>``-``<h6>`` and from short wholly bold paragraphs, which is how
EDGAR's generators style headings. lxml never reads the network here: no DTDs, no
external entities, no URL fetching.
"""

from __future__ import annotations

import re
from collections import Counter

import lxml.etree
import lxml.html

from ..errors import InputError
from ..model import Block, Filing
from .ixbrl import read_facts
from .layout import is_number_cell, merge_signs

__all__ = ["read_html", "edgar_document"]

_BLOCK_TAGS = frozenset(
    "p div li ul ol dl dt dd section article header footer center blockquote pre hr br "
    "body form address tr".split()
)
_SKIP_TAGS = frozenset("script style head title noscript ix:header template".split())
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_HIDDEN = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.IGNORECASE)
_MAX_BOLD_HEADING = 160


def edgar_document(data: bytes) -> bytes:
    """The first document inside an EDGAR submission wrapper, else ``data`` unchanged.
    The wrapper is SGML around the HTML, not HTML: it is cut at its literal markers."""
    head = data[:4096].lstrip().upper()
    if not head.startswith((b"<DOCUMENT>", b"<SEC-DOCUMENT>", b"<SUBMISSION>")):
        return data
    upper = data.upper()
    start = upper.find(b"<TEXT>")
    if start < 0:
        return data
    end = upper.find(b"</TEXT>", start)
    body = data[start + len(b"<TEXT>"): end if end >= 0 else len(data)]
    position = body[:200].upper().find(b"<XBRL>")
    return body[position + len(b"<XBRL>"):] if position >= 0 else body


def read_html(path: str, data: bytes) -> Filing:
    """The blocks of the HTML filing ``data`` read from ``path``."""
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True,
                                  default_doctype=False)
    try:
        root = lxml.html.document_fromstring(edgar_document(data), parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise InputError(path, f"HTML cannot be parsed ({exc})") from exc
    collector = _Collector()
    try:
        collector.walk(root.find("body") if root.find("body") is not None else root, False)
    except RecursionError as exc:
        raise InputError(path, "HTML is nested too deeply to read") from exc
    collector.flush()
    blocks = _without_page_footers(collector.blocks)
    if not blocks:
        raise InputError(path, "HTML has no text")
    return Filing(path=path, format="html", blocks=tuple(blocks),
                  facts=read_facts(root, collector.captions))


_PAGE_FOOTER_MIN = 3


def _without_page_footers(blocks: list[Block]) -> list[Block]:
    """Drop the page footers of a paged HTML filing ("Apple Inc. | Q3 2025 Form 10-Q | 7"):
    short paragraphs ending in a page number that recur, numbers aside, on many pages."""
    def key(block: Block) -> str:
        return re.sub(r"\d+", "#", block.text)

    candidates = [key(b) for b in blocks if b.kind == "paragraph" and len(b.text) < 120
                  and re.search(r"\d+$", b.text)]
    recurring = {k for k, count in Counter(candidates).items() if count >= _PAGE_FOOTER_MIN}
    return [b for b in blocks if not (b.kind == "paragraph" and key(b) in recurring
                                      and re.search(r"\d+$", b.text))]


def _text(parts: list[tuple[str, bool]]) -> str:
    return " ".join("".join(text for text, _ in parts).split())


class _Collector:
    """Walks the element tree in document order, gathering inline text into paragraphs
    that end at block-level elements."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.parts: list[tuple[str, bool]] = []  # (text, bold)
        self.since_table: list[str] = []  # paragraphs since the last table: its title
        self.captions: dict[lxml.html.HtmlElement, str] = {}

    def flush(self) -> None:
        text = _text(self.parts)
        if text:
            bold = all(bold for part, bold in self.parts if part.strip())
            level = _bold_heading_level(text) if bold else None
            self.blocks.append(Block("paragraph", text, heading_level=level))
            self.since_table.append(text)
        self.parts = []

    def table(self, element: lxml.html.HtmlElement) -> None:
        self.flush()
        grid = _grid(element)
        blocks = _table_blocks(grid)
        self.captions[element] = table_caption([*self.since_table, *_title_rows(grid)])
        self.blocks.extend(blocks)
        self.since_table = []

    def walk(self, element: lxml.html.HtmlElement, bold: bool) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        style = element.get("style") or ""
        if tag in _SKIP_TAGS or _hidden(style):
            return
        bold = bold or tag in ("b", "strong") or (
            "weight" in style and bool(_BOLD_STYLE.search(style)))
        if tag == "table":
            self.table(element)
            return
        if tag in _HEADINGS:
            self.flush()
            text = " ".join(element.text_content().split())
            if text:
                self.blocks.append(Block("heading", text, heading_level=_HEADINGS[tag]))
                self.since_table.append(text)
            return
        block = tag in _BLOCK_TAGS
        if block:
            self.flush()
        if element.text:
            self.parts.append((element.text, bold))
        for child in element:
            self.walk(child, bold)
            if child.tail:
                self.parts.append((child.tail, bold))
        if block:
            self.flush()


def _hidden(style: str) -> bool:
    # Every EDGAR element carries a long style: look for the word before the pattern.
    return "none" in style.lower() and bool(_HIDDEN.search(style))


def _bold_heading_level(text: str) -> int | None:
    """A wholly bold paragraph is a heading when it is short and not a sentence; capitals
    mark the upper level ("RESULTS OF OPERATIONS" over "Net sales"). A wholly bracketed
    line is the note under a title ("(in millions, except per share data)"), not one."""
    if len(text) > _MAX_BOLD_HEADING or text.endswith((".", ",", ";")) or is_number_cell(text):
        return None
    if _is_bracketed(text):
        return None
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return None
    return 1 if all(char.isupper() for char in letters if char.isascii()) else 2


def _is_bracketed(text: str) -> bool:
    return text.startswith("(") and text.endswith(")") and text.count("(") == 1


_TITLE_LINES = 4  # a title, the issuer's name, a unit line, a page footer


def table_caption(lines: list[str]) -> str:
    """The title printed above a table: the short, non-sentence lines just before it (and
    its own leading one-cell rows), joined by " | " ("Walmart Inc. | Consolidated
    Statements of Income"). Unit notes in brackets and sentences are left out."""
    titles = [
        line for line in lines[-_TITLE_LINES:]
        if len(line) <= _MAX_BOLD_HEADING and not line.endswith((".", ":", ";"))
        and not _is_bracketed(line) and any(char.isalpha() for char in line)
    ]
    return " | ".join(titles)


def _title_rows(grid: list[list[str]]) -> list[str]:
    """A table's leading one-cell rows, up to its first row of figures (Mastercard prints
    its statement titles inside the statement's table)."""
    titles = []
    for cells in grid[:_TITLE_LINES]:
        filled = [cell for cell in cells if cell]
        if len(filled) != 1 or is_number_cell(filled[0]):
            break
        titles.append(filled[0])
    return titles


def _grid(table: lxml.html.HtmlElement) -> list[list[str]]:
    """The text of each shown row's cells; rows with no text left out."""
    grid = []
    for row in table.iter("tr"):
        if _hidden(row.get("style") or ""):
            continue
        cells = [_cell_text(cell) for cell in row if cell.tag in ("td", "th")]
        if any(cells):
            grid.append(cells)
    return grid


def _table_blocks(grid: list[list[str]]) -> list[Block]:
    if not grid:
        return []
    if not any(is_number_cell(cell) for cells in grid for cell in cells if cell):
        # A layout table (bullets, a signature block): its rows are paragraphs.
        return [Block("paragraph", " ".join(cell for cell in cells if cell)) for cells in grid]
    label_column = _label_column(grid)
    rows = tuple(_row(cells, label_column) for cells in grid)
    text = "\n".join("\t".join(row) for row in rows)
    return [Block("table", text, rows=rows)]


def _cell_text(cell: lxml.html.HtmlElement) -> str:
    """A cell's text with line breaks and block children as spaces ("June 28,<br>2025")."""
    pieces = []
    for piece in cell.iter():
        tag = piece.tag if isinstance(piece.tag, str) else ""
        if tag in _BLOCK_TAGS:
            pieces.append(" ")
        if piece is not cell and (tag in _SKIP_TAGS or _hidden(piece.get("style") or "")):
            continue
        pieces.append(piece.text or "")
        if piece is not cell:
            pieces.append(piece.tail or "")
    return " ".join("".join(pieces).split())


def _label_column(grid: list[list[str]]) -> int:
    """The column that holds row labels: where rows that end in a figure start."""
    starts = [
        next(index for index, cell in enumerate(cells) if cell)
        for cells in grid
        if is_number_cell([cell for cell in cells if cell][-1])
    ]
    return min(starts) if starts else 0


def _row(cells: list[str], label_column: int) -> tuple[str, ...]:
    filled = [(index, cell) for index, cell in enumerate(cells) if cell]
    values = merge_signs([cell for _, cell in filled])
    first_index, first = filled[0]
    if first_index > label_column or is_number_cell(first) or first in ("$", "%"):
        return ("", *values)  # a column header or a row of figures without a label
    return tuple(values)
