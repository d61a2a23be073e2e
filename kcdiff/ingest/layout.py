"""From the positioned lines of one PDF page to blocks: paragraphs and tables.

A PDF has no paragraphs, only lines. Lines are joined into a paragraph while they follow
each other at the usual line spacing in the same column and style; a table is a run of
lines whose last cell is a number, split into cells where the gap between words is wider
than a word space ("TURNOVER | 5 | 277,060 | 204,018"), with its column headers above.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass

from ..model import Block
from ..text.cjk import FULLWIDTH, IDEOGRAPHS, PUNCTUATION
from ..text.column_words import spell_header
from ..text.dates import FULL_MONTH
from ..text.phrases import ends_unfinished, starts_joined

__all__ = ["Line", "page_blocks", "body_size", "bold_body", "resolve_hyphens", "is_number_cell",
           "merge_signs",
           "SOFT_HYPHEN"]

# Marks a hyphen at a line break until the whole document is known (resolve_hyphens).
SOFT_HYPHEN = "\u00ad"


@dataclass(frozen=True)
class Line:
    """One text line of a page; coordinates in points, y upwards (PDF space)."""

    text: str
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    bold: bool
    cells: tuple[str, ...] = ()
    size: float = 0.0  # the type size in points (0 when unknown)


_NUMBER_CELL = re.compile(
    r"[(\[]?\s*(?:[-–—]\s*)?(?:HK|RMB|US|NT|S)?\$?\s*\(?[-–—]?\d[\d,]*(?:\.\d+)?\)?\s*"
    r"(?:%|cents|times|x|pts)?\s*\)?"
    r"|[-–—]+|N/?A|nil|n/m|NM|\*+",
    re.IGNORECASE,
)
_CURRENCY = {"$", "HK$", "US$", "RMB", "NT$", "S$", "£", "€", "¥"}
_BULLET = re.compile(r"^(?:[•●▪◆■\u2022\u25cf\u25aa]|\(?[a-z]{1,2}\)|\(?[ivx]{1,4}\)|[-–—]\s)")
_SENTENCE_END = (".", ":", ";", "。", "：", "；", "?", "!")
_CJK = re.compile(f"[{IDEOGRAPHS}{PUNCTUATION}{FULLWIDTH}]")
_HEADER_SHARE = 0.3  # column headers sit right of this share of the page width
# Header rows counted by baseline: a header row printed as one line per column ("September 24,"
# | "2022" | ...) is one row, not three lines.
_MAX_HEADER_ROWS = 7
_SAME_BASELINE = 2.0  # points
_CJK_NUMERAL = r"[\d零〇一二三四五六七八九十]"
_FULL_DATE = re.compile(
    rf"{_CJK_NUMERAL}+年{_CJK_NUMERAL}+月{_CJK_NUMERAL}+日"
    rf"|\b\d{{1,2}}\s+(?:{FULL_MONTH})\s+\d{{4}}|\b(?:{FULL_MONTH})\s+\d{{1,2}},\s+\d{{4}}",
    re.IGNORECASE,
)
_CJK_SENTENCE = re.compile("[，。；]")
_WORD = re.compile(rf"[^\W\d_]{{3,}}|[{IDEOGRAPHS}]{{2,}}")  # a word, or two Chinese characters
_DIGITS_AND_DATES = re.compile(r"[\d\W_]|[年月日零〇一二三四五六七八九十]")
# A note's number, then its title in capitals or in Chinese, and no figure after it.
_NOTE_TITLE = re.compile(rf"^\d{{1,2}}\.?\s+(?:[A-Z][A-Z ,()'’&/–-]{{3,}}|[{IDEOGRAPHS}][^\d]*)$")
_ENUMERATOR = re.compile(
    r"^(?:\d{1,2}\.|\(?[a-z]{1,2}\)|\(?[ivx]{1,4}\)|[一二三四五六七八九十]{1,3}、)"
)


def page_blocks(lines: list[Line], width: float, body: float = 0.0,
                bold_body: bool = False) -> list[Block]:
    """The paragraphs and tables of one page, in reading order; ``body`` is the
    document's body type size (0 when unknown: no heading is read from typography) and
    ``bold_body`` whether its body text is bold (then bold is no emphasis)."""
    blocks: list[Block] = []
    leading = _usual_gap(lines)
    start = 0
    for table_start, table_end in _table_spans(lines, width):
        blocks.extend(_paragraphs(lines[start:table_start], leading, body, bold_body))
        blocks.append(_table(lines[table_start:table_end], width))
        start = table_end
    blocks.extend(_paragraphs(lines[start:], leading, body, bold_body))
    return blocks


def body_size(lines: list[Line]) -> float:
    """The type size most of the document's text is set in (weighted by characters)."""
    sizes: Counter[float] = Counter()
    for line in lines:
        if line.size:
            sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def bold_body(lines: list[Line]) -> bool:
    """Is most of the document's text bold? Some printers' fonts all claim a bold weight
    (700 for every line of a list of directors): bold then marks nothing."""
    bold = sum(len(line.text) for line in lines if line.bold)
    return 2 * bold > sum(len(line.text) for line in lines)


# Larger than the body by this much, or bold where the body is not, is emphasis. Half a
# point: Hong Kong printers set section titles 12 pt over 11.3 pt body text.
_LARGER = 0.6
TITLE_SCALE = 1.25  # a title this much larger than the body is a top-level heading
_MAX_HEADING_LINES = 3
_MAX_HEADING_TEXT = 160
_HEADING_END = (".", ",", ";", "。", "，", "；")


def _typographic_level(lines: list[Line], text: str, body: float,
                       bold_body: bool = False) -> int | None:
    """The heading level the type of a paragraph says it has: every line larger or bolder
    than the body, a few short lines, not a sentence, not a row of column headings (a line
    cut into cells: "二零二五年    二零二四年"), not a bare number or date."""
    if not body or len(lines) > _MAX_HEADING_LINES or len(text) > _MAX_HEADING_TEXT:
        return None
    if (text.endswith(_HEADING_END) or _CJK_SENTENCE.search(text)
            or any(len(line.cells) > 1 for line in lines)):
        return None
    if _FULL_DATE.search(text) or not _WORD.search(_DIGITS_AND_DATES.sub(" ", text)):
        return None  # "As at 31 December 2010", "01.01.2010 to 06.08.2010": not a title
    if (text.startswith(("(", "（")) and not _ENUMERATOR.match(text)) or text.split()[0].islower():
        return None  # "(“HKFRSs”)", "adjustment or": the end of a title, or of a sentence
    if _BULLET.match(text) or is_number_cell(text.split()[-1]) or "$" in text:
        return None  # a list item; a row of a table whose columns were not told apart
    if not all(line.size >= body + _LARGER or (line.bold and not bold_body) for line in lines):
        return None
    return 1 if min(line.size for line in lines) >= TITLE_SCALE * body else 2


def _usual_gap(lines: list[Line]) -> float:
    """The page's usual space between two lines of one paragraph (the median gap)."""
    gaps = sorted(
        previous.bottom - line.top
        for previous, line in zip(lines, lines[1:], strict=False)
        if 0 <= previous.bottom - line.top < 2 * (previous.top - previous.bottom)
    )
    return gaps[len(gaps) // 2] if gaps else 3.0


def is_number_cell(cell: str) -> bool:
    return bool(_NUMBER_CELL.fullmatch(cell.strip()))


def _is_row(line: Line) -> bool:
    return len(line.cells) > 1 and is_number_cell(line.cells[-1])


def _is_label(line: Line) -> bool:
    """A line that can sit between the rows of a table: short, not a sentence, not a
    numbered heading ("13. SHARE CAPITAL" starts the next note, not a row)."""
    return (len(line.text) <= 80 and not line.text.endswith(".")
            and not _ENUMERATOR.match(line.text))


def _table_spans(lines: list[Line], width: float) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(lines):
        if not _is_row(lines[index]) or (spans and index < spans[-1][1]):
            index += 1
            continue
        end = index + 1
        rows = 1
        while end < len(lines):
            if _is_row(lines[end]):
                rows += 1
                end += 1
            elif _is_label(lines[end]) and any(
                _is_row(line) for line in lines[end + 1:end + 3]
            ) and all(_is_label(line) or _is_row(line) for line in lines[end + 1:end + 3]):
                end += 1
            else:
                break
        start = _header_start(lines, index, width, spans[-1][1] if spans else 0)
        if rows >= 2 or len(lines[index].cells) >= 3:
            spans.append((start, end))
        index = end
    return spans


def _header_start(lines: list[Line], first_row: int, width: float, floor: int) -> int:
    """Column headers above a table's first row: lines right of the label column, or
    already split into cells, with no sentence among them."""
    def is_header(line: Line) -> bool:
        if line.text.endswith((".", ":")) or _ENUMERATOR.match(line.text):
            return False
        # In the label column only a line cut into cells, and not a note's numbered title
        # ("24    INVESTMENTS IN ASSOCIATES" over its table's "2022  2021").
        return line.x0 > _HEADER_SHARE * width or (
            bool(line.cells) and not _NOTE_TITLE.match(line.text))

    start = first_row
    while start > floor and _visual_rows(lines[start - 1:first_row]) <= _MAX_HEADER_ROWS:
        if is_header(lines[start - 1]):
            start -= 1
            continue
        # Row labels ("NON-CURRENT ASSETS") between the column headers and the first row.
        labels = 0
        while (labels < 2 and start - labels - 2 >= floor
               and _is_label(lines[start - labels - 1])):
            labels += 1
            if is_header(lines[start - labels - 1]):
                break
        if labels and start - labels - 1 >= floor and is_header(lines[start - labels - 1]):
            start -= labels
        else:
            break
    return start


def _visual_rows(lines: list[Line]) -> int:
    """How many printed rows ``lines`` make: lines on one baseline are one row."""
    bottoms = sorted((line.page, line.bottom) for line in lines)
    return sum(1 for i, (page, bottom) in enumerate(bottoms)
               if i == 0 or page != bottoms[i - 1][0]
               or bottom - bottoms[i - 1][1] > _SAME_BASELINE)


def _table(lines: list[Line], width: float) -> Block:
    rows = []
    for line in lines:
        cells = list(line.cells) if line.cells else [line.text]
        if line.x0 > _HEADER_SHARE * width:
            cells.insert(0, "")  # a column header: no row label
        rows.append(tuple(merge_signs(cells)))
    text = "\n".join("\t".join(row) for row in rows)
    return Block("table", text, rows=tuple(rows), page=lines[0].page)


def merge_signs(cells: list[str]) -> list[str]:
    """"$ | 2,510" -> "$2,510" and "12 | %" -> "12%": a sign set apart is not a column.
    "$(0.66) $ | 1.98" -> "$(0.66) | $1.98": a PDF line whose next column's currency sign
    sits nearer the figure before it than a column gap (Intel's earnings releases)."""
    merged: list[str] = []
    for cell in _signs_moved_right(cells):
        if merged and merged[-1] in _CURRENCY:
            merged[-1] += cell
        elif merged and cell in ("%", ")", "%)") and merged[-1]:
            merged[-1] += cell
        else:
            merged.append(cell)
    return merged


def _signs_moved_right(cells: list[str]) -> list[str]:
    """Each currency sign printed after an amount moved to the start of the next cell."""
    moved = list(cells)
    for k, cell in enumerate(moved[:-1]):
        amount, _, sign = cell.rpartition(" ")
        if sign in _CURRENCY and _AMOUNT.fullmatch(amount.strip()):
            moved[k], moved[k + 1] = amount.strip(), sign + moved[k + 1]
    return moved


# An amount as printed in a cell, not a year: "$(2,758)", "737,877", "(0.66)", "13.2%".
_AMOUNT = re.compile(r"[$]?\(?-?(?:\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+\.\d+)\)?%?")


def _column_edges(lines: list[Line]) -> list[float]:
    """For each line, the right edge of its column: the furthest any line starting near
    it reaches (two columns of a bilingual page have two edges)."""
    # Sorted by left edge, the lines starting near one are a slice (bisect), and the max
    # over a slice runs in C: comparing every pair of lines in Python was a tenth of the
    # reading time of a long page.
    ordered = sorted(lines, key=lambda line: line.x0)
    lefts = [line.x0 for line in ordered]
    rights = [line.x1 for line in ordered]
    edges: dict[tuple[int, int], float] = {}  # one per slice: a page has a few columns
    found = []
    for line in lines:
        near = (bisect_left(lefts, line.x0 - _SAME_COLUMN),
                bisect_right(lefts, line.x0 + _SAME_COLUMN))
        if near not in edges:
            edges[near] = _edge(lefts[near[0]], rights[near[0]:near[1]])
        found.append(edges[near])
    return found


def _edge(left: float, rights: list[float]) -> float:
    """A column's right edge: the furthest one that a quarter of its lines reach (set
    justified, they end there) if it leaves a column of text, else the furthest any line
    reaches. Anxin's 2012 interim sets its review in two columns over a paragraph across
    the page (p.25): by the furthest edge, every line of the left column stopped short
    and was a paragraph. (The short lines of a list share no edge that is a column's.)"""
    widest = max(rights)
    if len(rights) < _SHARED_EDGE_LINES:
        return widest
    counts = Counter(round(right) for right in rights)
    shared = [edge for edge in counts
              if counts[edge - 1] + counts[edge] + counts[edge + 1]
              >= _SHARED_EDGE_SHARE * len(rights)
              and edge - left >= _COLUMN_SHARE * (widest - left)]
    return max(shared) if shared else widest


_SAME_COLUMN = 20.0
_SHARED_EDGE_LINES = 8
_SHARED_EDGE_SHARE = 0.25
_COLUMN_SHARE = 0.4  # of the widest line: one of two columns is a little under half


_COLUMN_HEADING = re.compile(
    r"(?:HK|RMB|US|NT)?\$?\s*[’']000|\(?(?:Unaudited|Audited|Restated|Note)\)?|Notes?|\d{4}"
    r"|RMB|HK\$|US\$|%", re.IGNORECASE,
)


def _is_column_heading(line: Line) -> bool:
    """A line of column headings on its own ("Notes HK$’000 HK$’000", "附註 人民幣千元
    人民幣千元"): a table's header row that lost its table, never a section heading."""
    cells = line.cells or tuple(line.text.split())
    return len(cells) > 1 and all(_COLUMN_HEADING.fullmatch(_in_english(cell)) for cell in cells)


def _in_english(cell: str) -> str:
    """A Chinese heading cell in the English words of ``_COLUMN_HEADING``, closed up:
    "（未經審核）" -> "(unaudited)", "人民幣千元" -> "RMB'000"."""
    return cell if cell.isascii() else "".join(spell_header(cell).split())


def _paragraphs(lines: list[Line], leading: float, body: float = 0.0,
                bold_body: bool = False) -> list[Block]:
    blocks: list[Block] = []
    current: list[Line] = []
    edges = _column_edges(lines)
    for position, line in enumerate(lines):
        if _is_column_heading(line):
            if current:
                blocks.append(_paragraph(current, body, bold_body))
                current = []
            blocks.append(_table([line], 0.0))
            continue
        previous_edge = edges[position - 1] if position else 0.0
        if current and (_breaks(current[-1], line, leading)
                        or (_stops_short(current[-1], previous_edge)
                            and not _wrapped(current[-1], line))):
            blocks.append(_paragraph(current, body, bold_body))
            current = []
        current.append(line)
    if current:
        blocks.append(_paragraph(current, body, bold_body))
    return blocks


def _breaks(previous: Line, line: Line, leading: float) -> bool:
    """Does ``line`` start a new paragraph after ``previous``? ``leading`` is the page's
    usual gap between the lines of a paragraph."""
    height = max(previous.top - previous.bottom, 1.0)
    if line.top > previous.top + 0.5 * height:
        return True  # back up the page: the next column
    gap = previous.bottom - line.top
    if gap > max(1.5 * leading, leading + 0.35 * height) or previous.bold != line.bold:
        return True
    if abs(previous.size - line.size) >= _LARGER:
        return True  # a title over its text: the type changes size
    if previous.bold and line.bold and bool(_CJK.search(previous.text)) != bool(
            _CJK.search(line.text)):
        return True  # a bilingual title: the English name, then the Chinese one
    if previous.cells and line.cells:
        return True  # two lines laid out in columns: a list or a table, line by line
    if _wrapped(previous, line):
        return False
    if previous.x1 < line.x1 - max(24.0, 0.12 * (line.x1 - line.x0)):
        return True  # the previous line stopped short of the column's edge
    if _BULLET.match(line.text) and previous.text.endswith(_SENTENCE_END):
        return True
    return previous.text.isupper() != line.text.isupper() and not _CJK.search(line.text)


def _wrapped(previous: Line, line: Line) -> bool:
    """Does ``line`` go on with the phrase ``previous`` left unfinished, however short
    ``previous`` stops? "ENVIRONMENTAL, SOCIAL AND" / "GOVERNANCE COMMITTEE"; "... STATEMENT
    OF PROFIT OR LOSS" / "AND OTHER COMPREHENSIVE INCOME (continued)"."""
    return ends_unfinished(previous.text) or (previous.text.isupper()
                                              and starts_joined(line.text))


def _stops_short(line: Line, edge: float) -> bool:
    """A line ending well before its column's edge ends its paragraph (or is a line of a
    list: a name under "Executive Directors")."""
    return line.x1 < edge - max(30.0, 0.2 * (edge - line.x0))


def _paragraph(lines: list[Line], body: float = 0.0, bold_body: bool = False) -> Block:
    text = lines[0].text
    for line in lines[1:]:
        if text.endswith("-") and text[-2:-1].isalpha() and line.text[:1].islower():
            text = text[:-1] + SOFT_HYPHEN + line.text
        elif text.endswith(("-", "/")) or (_CJK.match(text[-1]) and _CJK.match(line.text[0])):
            text += line.text
        else:
            text += " " + line.text
    return Block("paragraph", text, page=lines[0].page,
                 heading_level=_typographic_level(lines, text, body, bold_body))


_WORD_CHAR = re.compile(r"\w")
_HYPHENATED = re.compile(r"(\w+)\u00ad(\w+)")


def resolve_hyphens(texts: list[str]) -> dict[str, str]:
    """How to write each word broken at a line end ("An\u00adxin"): joined when the
    document spells it joined elsewhere ("Anxin"), else with its hyphen ("non-executive")."""
    broken = [text for text in texts if SOFT_HYPHEN in text]
    if not broken:
        return {}
    document = "\n".join(texts).lower()
    spelt: dict[str, bool] = {}
    choices = {}
    for text in broken:
        for match in _HYPHENATED.finditer(text):
            joined = match.group(1) + match.group(2)
            hyphenated = f"{match.group(1)}-{match.group(2)}"
            key = joined.lower()
            if key not in spelt:
                spelt[key] = _is_word_of(key, document)
            choices[match.group()] = joined if spelt[key] else hyphenated
    return choices


def _is_word_of(word: str, document: str) -> bool:
    """Is ``word`` one of the words (runs of ``\\w``) of ``document``? Looked up with
    str.find where it occurs: listing every word of a 200-page report was a tenth of
    reading it, for the few hundred words broken at a line end."""
    if not all(_WORD_CHAR.match(char) for char in word):
        return False
    start = document.find(word)
    while start >= 0:
        end = start + len(word)
        if ((not start or not _WORD_CHAR.match(document, start - 1))
                and (end == len(document) or not _WORD_CHAR.match(document, end))):
            return True
        start = document.find(word, start + 1)
    return False
