"""Plain and Markdown-ish text into blocks: blank lines end a block, tab rows are tables."""

from __future__ import annotations

import re

from ..model import Block, Filing

__all__ = ["parse_text", "strip_markup"]

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
        elif _is_row(line) or (rows and _label_row(chunk, position)):
            if paragraph:
                flush()
            rows.append(_cells(line))
        else:
            if rows or (paragraph and _BULLET.match(line)):
                flush()
            paragraph.append(" ".join(line.split()))
    flush()
    return blocks


MAX_LABEL_ROW_CHARS = 120


def _is_row(line: str) -> bool:
    """A tab between cells, or before the first (an empty label cell): a table row.
    Tabs at the end of a line separate nothing, and another extractor leaves them off."""
    return "\t" in line.rstrip(" \t").lstrip(" ")

MAX_LABEL_ROWS = 3  # sub-headers in a row: "ASSETS" over "Current assets:"


def _label_row(chunk: list[str], position: int) -> bool:
    """A line without tabs inside a table ("Revenues:" between two rows of figures) is a
    label row whose empty cells another extractor left off, not a paragraph: the same
    table must read the same with or without trailing tabs."""
    for line in chunk[position:position + MAX_LABEL_ROWS + 1]:
        if _is_row(line):
            return True  # the table goes on after these label rows
        if len(line.strip()) > MAX_LABEL_ROW_CHARS or line.strip().endswith("."):
            return False
    return False


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
