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
# The "*" is matched before the look-behind checks the character in front of it: re
# searches for a leading character at C speed, while a pattern that opens with a
# look-behind is tried at every position (same matches as "(?<![\w*])\*...").
_ITALIC = re.compile(r"\*(?<![\w*]\*)(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_ESCAPE = re.compile(r"\\([$*_#\[\]()`])")
_MARKUP_CHARS = frozenset("*<\\[")
_MAX_LABEL = 120  # longer lines without a tab are sentences, not row labels
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
    """Split one blank-line-delimited chunk into runs of table rows and paragraphs.

    Blanks and tabs at the end of a line carry nothing (other extractors drop them), so
    every decision is taken on the line without them: a line is a row when a tab separates
    cells in it (a leading tab is an empty label cell: "\tFor the six months ended"); a line
    without one is a row label ("Current assets:") when it stands inside a table, that is
    after a row and before another with nothing but labels between."""
    lines = [line.rstrip() for line in chunk]
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

    for position, line in enumerate(lines):
        if _is_row(line):
            if paragraph:
                flush()
            rows.append(_cells(line))
        elif rows and _heads_more_rows(lines, position):
            rows.append(_cells(line))
        else:
            if rows or (paragraph and _BULLET.match(line)):
                flush()
            paragraph.append(" ".join(line.split()))
    flush()
    return blocks


def _is_row(line: str) -> bool:
    return "\t" in line.lstrip(" ")


def _heads_more_rows(lines: list[str], position: int) -> bool:
    """Is the tab-less ``lines[position]`` a row label: short lines like it up to the next
    row, and that row not a column header ("\tDec 31,") under an UPPERCASE line, which is
    a heading that PDF extraction ran into the previous table."""
    for line in lines[position:]:
        if _is_row(line):
            return not (lines[position].isupper() and not _cells(line)[0])
        if len(line) > _MAX_LABEL:
            return False
    return False


def _cells(line: str) -> tuple[str, ...]:
    cells = [" ".join(cell.split()) for cell in line.split("\t")]
    while cells and not cells[-1]:
        cells.pop()
    return tuple(cells)


def _table_block(rows: list[tuple[str, ...]]) -> Block:
    text = "\n".join("\t".join(row) for row in rows)
    return Block("table", text, rows=tuple(rows))
