"""Reading a filing: path -> ``Filing`` (blocks in reading order, metadata, warnings).

The format is told by content, not by the file name: ``%PDF`` is a PDF, an HTML root or an
EDGAR submission wrapper is HTML, anything that decodes as text (UTF-8 with or without BOM,
UTF-16, GB18030, Big5, ... detected by charset-normalizer) is text. One reader per format
(``ingest_pdf``, ``ingest_html``, ``parse_text`` here), one result type. Readers never
guess: a file that cannot be read raises an ``InputError`` naming the file and the problem.
Nothing is read from the network.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import replace
from pathlib import Path

from .errors import InputError, UnsupportedFormat
from .metadata import meta_of
from .model import Block, Filing

__all__ = ["read_filing", "parse_text", "strip_markup", "detect_format", "decode_text",
           "MAX_BYTES"]

MAX_BYTES = 50 * 1024 * 1024
NOT_A_FILING = "not a PDF, HTML or text filing"

# Markdown-ish presentation that carries no content: bold/italic markers, inline tags,
# escaped dollar signs, link syntax.
_MARKDOWN_SIGNS = re.compile(r"\*\*|</?(?:i|u|b|em|strong|sup|sub)>|\\\$|\]\(#?\)")
_TAGS = re.compile(r"</?(?:i|u|b|em|strong|sup|sub|br|span|p)\b[^>]*>", re.IGNORECASE)
_BOLD = re.compile(r"\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_ESCAPE = re.compile(r"\\([$*_#\[\]()`])")
_MARKUP_CHARS = frozenset("*<\\[")
_BULLET = re.compile(r"^\s*(?:[-\u2022\u25cf\u25aa\u00b7]|\*(?!\*))\s+")
_HTML_START = re.compile(
    rb"^(?:\s|<\?xml[^>]*>|<!--.*?-->)*<(?:!doctype\s+html|html|head|body|document>"
    rb"|sec-document>)",
    re.IGNORECASE | re.DOTALL,
)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
         (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
# Text may hold tabs, line ends and form feeds; more other controls than this is binary.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_MAX_CONTROL_SHARE = 0.01


def read_filing(path: str | Path, max_bytes: int = MAX_BYTES) -> Filing:
    """Read the filing at ``path`` (PDF, HTML or text) with its metadata."""
    path = Path(path)
    data = _read_bytes(path, max_bytes)
    kind = detect_format(data)
    # Each reader is imported when a file needs it: pdfium and lxml cost more to load
    # than comparing two text filings takes.
    if kind == "pdf":
        from .ingest_pdf import read_pdf

        filing = read_pdf(str(path), data)
    elif kind == "html":
        from .ingest_html import read_html

        filing = read_html(str(path), data)
    else:
        filing = parse_text(decode_text(str(path), data), str(path))
    if not filing.blocks:
        raise InputError(str(path), "has no text to compare")
    return replace(filing, meta=meta_of(filing.blocks))


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    if not path.exists():
        raise InputError(str(path), "no such file")
    if path.is_dir():
        raise InputError(str(path), "is a directory, not a filing")
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(
            str(path), f"file is {size:,} bytes, over the {max_bytes:,}-byte limit; "
            "raise the limit if the file is really a filing"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from exc
    if not data.strip():
        raise InputError(str(path), "file is empty")
    return data


def detect_format(data: bytes) -> str:
    """"pdf", "html" or "text" from the bytes themselves (magic numbers, markup roots)."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    head = data[:4096]
    for bom, _ in _BOMS[:1]:
        head = head.removeprefix(bom)
    if _HTML_START.match(head):
        return "html"
    return "text"


def decode_text(path: str, data: bytes) -> str:
    """The text of ``data``: BOM first, then UTF-8, then charset-normalizer's best guess;
    CRLF and CR line ends become LF. Binary content raises ``UnsupportedFormat``."""
    text = _decoded(path, data)
    if text is None or _looks_binary(text):
        raise UnsupportedFormat(path, NOT_A_FILING)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decoded(path: str, data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(path, f"text marked as {encoding} is not valid {encoding} "
                                       f"(byte {exc.start}); re-save it as UTF-8") from exc
    if b"\x00" not in data:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes  # only for text that is not UTF-8

    best = from_bytes(data[:200_000]).best()
    if best is None:
        return None
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _looks_binary(text: str) -> bool:
    sample = text[:100_000]
    controls = len(_CONTROL.findall(sample))
    return controls > _MAX_CONTROL_SHARE * max(len(sample), 1) or not sample.strip()


def strip_markup(line: str) -> str:
    """Remove Markdown-ish presentation (``**``, ``*italic*``, ``<i>``, ``\\$``, links)."""
    if not _MARKUP_CHARS.intersection(line):
        return line
    line = _TAGS.sub("", line)
    line = _LINK.sub(r"\1", line)
    line = _BOLD.sub("", line)
    line = _ITALIC.sub(r"\1", line)
    return _ESCAPE.sub(r"\1", line)


def parse_text(text: str, path: str) -> Filing:
    """Blocks from plain or Markdown-ish text: blank lines end a block, lines with tabs are
    table rows, other lines of a block are one paragraph (a bullet starts a new one)."""
    markdown = bool(_MARKDOWN_SIGNS.search(text))
    blocks: list[Block] = []
    chunk: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.strip():
            chunk.append(line)
        elif chunk:
            blocks.extend(_chunk_blocks(chunk))
            chunk = []
    if markdown:
        # Stripped per block, not per line: "*italic*" and "**bold**" may span lines.
        blocks = [_without_markup(block) for block in blocks]
    return Filing(path=path, format="markdown" if markdown else "text", blocks=tuple(blocks))


def _without_markup(block: Block) -> Block:
    if block.kind == "table":
        return _table_block([tuple(strip_markup(cell) for cell in row) for row in block.rows])
    return Block(block.kind, " ".join(strip_markup(block.text).split()))


def _chunk_blocks(chunk: list[str]) -> list[Block]:
    """Split one blank-line-delimited chunk into runs of table rows and paragraphs."""
    blocks: list[Block] = []
    rows: list[tuple[str, ...]] = []
    paragraph: list[str] = []

    def flush() -> None:
        if rows:
            blocks.append(_table_block(rows))
            rows.clear()
        if paragraph:
            blocks.append(Block("paragraph", " ".join(paragraph)))
            paragraph.clear()

    for position, line in enumerate(chunk):
        if _is_lone_label(line) and (position == 0 or _starts_table(chunk, position + 1, line)):
            # "FINANCIAL HIGHLIGHTS\t\t\t": a heading that the PDF padded with tabs.
            paragraph.append(" ".join(line.split()))
        elif "\t" in line.strip(" ") or (rows and "\t" in line):
            if paragraph:
                flush()
            rows.append(_cells(line))
        else:
            if rows or (paragraph and _BULLET.match(line)):
                flush()
            paragraph.append(" ".join(line.split()))
    flush()
    return blocks


def _starts_table(chunk: list[str], position: int, line: str) -> bool:
    """An UPPERCASE lone label followed by a column header row ("\tDec 31,\tJune 30,")
    is a heading that PDF extraction ran into the previous table."""
    label = line.split("\t")[0].strip()
    if position >= len(chunk) or not label.isupper():
        return False
    following = chunk[position].split("\t")
    return len(following) > 1 and not following[0].strip()


def _is_lone_label(line: str) -> bool:
    cells = [cell.strip() for cell in line.split("\t")]
    return bool(cells[0]) and not any(cells[1:])


def _cells(line: str) -> tuple[str, ...]:
    cells = [" ".join(cell.split()) for cell in line.split("\t")]
    while cells and not cells[-1]:
        cells.pop()
    return tuple(cells)


def _table_block(rows: list[tuple[str, ...]]) -> Block:
    text = "\n".join("\t".join(row) for row in rows)
    return Block("table", text, rows=tuple(rows))
