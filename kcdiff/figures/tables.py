"""Tables of a filing: sections -> ``Table`` (line items, columns with periods, cells).

Two printed forms are read. Tab-separated rows (``Block(kind="table").rows``) keep their
columns, though PDF extraction sometimes runs two columns or two rows into one cell. PDF
text lines keep no columns at all ("Goodwill 1,129,430 1,040,427"): a table there starts
at a line of years ("2011 2010") and its figures are the numbers at the end of each line.

A row's label may be wrapped over two or three lines ("Net loss attributable to Kingsoft
Cloud" / "Holdings Limited"); a label line ending in a colon, or an UPPERCASE line over a
lower-case one, is a sub-header ("Current assets:") that groups the rows below it. A
"Notes" column is kept apart from the figures. Each table knows its section, the
statement its caption names, its unit ("RMB'000") and each column's period and currency.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..model import Block, Section
from ..text.amounts import currencies_in, scale_in
from ..text.column_words import spell_header
from ..text.dates import continues_chinese_date
from ..text.headings import uncontinued
from ..text.normalize import comparable
from .columns import Column, read_columns
from .headers import (
    STATEMENT_NAMES,
    is_caption,
    is_header_cell,
    is_year_line,
    kind_from_rows,
    short_caption,
    statement_kind,
)
from .labels import RawRow, join_wrapped
from .periods import (
    Period,
    dates_in,
    filing_period,
    spell_numeric_date,
    years_in,
)
from .values import Cell, is_value_token, read_cell

__all__ = ["Table", "Column", "Row", "Cell", "read_tables", "statement_kind"]


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Cell, ...]  # one per column
    group: str = ""  # the sub-header above the row ("Current assets")
    note: str = ""

    @property
    def values(self) -> tuple[float | None, ...]:
        return tuple(cell.value for cell in self.cells)


@dataclass(frozen=True)
class Table:
    section: str
    statement: str  # the caption or section title naming what the table is
    kind: str  # income, balance, cash_flows, highlights, non_gaap, note, other
    category: str  # the section's category
    unit: str  # "thousands", "millions" or ""
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


def money_unit(currency: str, unit: str) -> str:
    """"RMB'000", "US$m", "HK$": a currency with the table's scale."""
    suffix = {"thousands": "'000", "millions": "m"}.get(unit, "")
    return f"{currency}{suffix}" if currency else suffix.lstrip("'")


_NOTES_HEADER = re.compile(r"^notes?$", re.IGNORECASE)
_NOTE_HEADING = re.compile(r"^\d{1,2}\.\s+[A-Z][A-Z ,()'&-]{3,}$")
_PAGE_NUMBER = re.compile(r"^\d{1,3}$")
_STOP_LINE = re.compile(r"^(?:notes?:|\d{1,2}\.\s+[A-Z]|\([a-z]\)\s)", re.IGNORECASE)
_MARKER = re.compile(r"\d{1,2}[a-z]?|\(\d{1,2}\)")
MAX_LABEL_ONLY_LINES = 3
MAX_ROW_LABEL_CHARS = 90


def read_tables(sections: Sequence[Section]) -> list[Table]:
    """Every table of every section, in document order."""
    filing = filing_period(sections)
    tables: list[Table] = []
    statement = _OPEN_NONE
    for previous, section in zip((None, *sections), sections, strict=False):
        # A statement's sub-heading set in bold opens a section of its own; the
        # statement goes on in it. (A table with headers of its own starts anew.)
        found, statement = _section_tables(section, filing, _going_on(
            previous, section, statement))
        tables.extend(found)
    unit = _filing_unit(sections)
    return [
        replace(table, unit=unit) if not table.unit and table.category in ("statements", "notes")
        and any(column.currency for column in table.columns) else table
        for table in tables
    ]


def _going_on(previous: Section | None, section: Section, open_: _Open) -> _Open:
    """``open_``, the statement ``previous`` ends in, where it may go on in ``section``:
    where the segmenter opened that at one of the statement's sub-headings set in bold,
    within the statement (Fullshare's "Cash flows from investing activities"), or beside
    it at the top of a page that opens with the statement's rows (Anxin's Chinese 2010
    interim, "資本及儲備", capital and reserves, p.4; the statement is then named by its
    section's title). Not beside it where the title is a note's (numbered) or another
    statement's. Whether the rows do go on, _goes_on tells."""
    if previous is None or previous.category != "statements":
        return _OPEN_NONE
    if section.parent == previous.index:
        return open_ if section.category == "statements" else _OPEN_NONE
    beside = section.parent == previous.parent and not section.number and bool(
        section.blocks) and section.blocks[0].kind == "table" and not statement_kind(
        section.title)
    return replace(open_, caption=open_.caption or previous.title) if beside else _OPEN_NONE


def _filing_unit(sections: Sequence[Section]) -> str:
    """The unit the statements and notes state once for all ("Amounts in thousands")."""
    for section in sections:
        if section.category in ("statements", "notes"):
            for block in section.blocks[:3]:
                if block.kind == "paragraph" and scale_in(block.text) == "thousands":
                    return "thousands"
    return ""


@dataclass(frozen=True)
class _Open:
    """The statement a section ends in: its caption, and the header of its last table
    block while rows below may go on under it."""
    caption: str
    header: tuple[tuple[str, ...], ...]


_OPEN_NONE = _Open("", ())


def _section_tables(section: Section, filing: Period | None, open_: _Open
                    ) -> tuple[list[Table], _Open]:
    """The section's tables, and the statement open at its end. ``open_``: the one the
    section goes on from (its title a sub-header of that statement), else none."""
    tables: list[Table] = []
    caption = open_.caption
    lines: list[str] = []
    last_header = list(open_.header)
    # The section's title heads the rows that go on from the statement above it.
    heading = [(section.title,)] if open_.header else []
    # Since the last table block: a title naming another statement, whose rows do not go
    # on from the table above however many columns they share with it.
    retitled = False
    for position, block in enumerate(section.blocks):
        if block.kind == "table":
            tables.extend(_line_tables(lines, section, caption, filing))
            lines = []
            dated = [_spelled_row(row) for row in _dates_joined(block.rows)]
            # "At 30th June," printed above the first column's year, a line of its own.
            above = section.blocks[position - 1] if position else None
            above_text = spell_header(above.text.strip()) if above is not None else ""
            if above is not None and above.kind == "paragraph" and "\n" not in above.text \
                    and _is_header_row((above_text,), before_data=True):
                dated = [("", above_text), *dated]
            for header, rows in _tab_segments(dated):
                group = ""
                if not header and _goes_on(last_header, rows):
                    header, rows = last_header, [
                        *heading, *_label_lines(section.blocks[:position]), *rows]
                    group = _group_open(tables[-1]) if tables and not heading else ""
                heading = []
                # A table run into the previous one names its statement in its header.
                own = next((cell.strip() for row in header for cell in row
                            if is_caption(cell.strip())), caption)
                table = _build(section, own, header, rows, filing, block.page is not None,
                               group)
                tables.append(_continued(tables[-1], table)
                              if tables and not header and not retitled else table)
                last_header = header
            retitled = False
            continue
        text = block.text.strip()
        if is_caption(text) and not _goes_on_under(text, tables, caption):
            caption, last_header, retitled = text, [], True
        lines.extend(_spelled_line(comparable(line)) for line in block.text.split("\n")
                     if line.strip())
    tables.extend(_line_tables(lines, section, caption, filing))
    return ([table for table in tables if table.rows and table.columns],
            _Open(caption, tuple(last_header)))


_STATEMENT_WORD = re.compile(r"\bstatements?\b|表", re.IGNORECASE)


def _goes_on_under(title: str, tables: Sequence[Table], caption: str) -> bool:
    """Does the statement open (the last table's, else the caption's) go on under
    ``title``, a caption of the same kind: the statement continued ("... (continued)",
    "（續)"), or one of its sub-headings that names no statement (Anxin's "Other
    comprehensive income" inside its statement of comprehensive income)? Another
    statement of that kind ("... and other comprehensive income" after "... of profit or
    loss") starts anew."""
    kind, name = (tables[-1].kind, tables[-1].statement) if tables else (
        statement_kind(caption), caption)
    if statement_kind(title) != kind:
        return False
    return not _STATEMENT_WORD.search(title) or _uncontinued(title) == _uncontinued(name)


def _uncontinued(title: str) -> str:
    return short_caption(uncontinued(title)).casefold()


def _spelled_row(row: tuple[str, ...]) -> tuple[str, ...]:
    """A table row with its dates spelled as the period grammar reads them ("30/06/11");
    a row without figures (a heading) also with its Chinese calendar phrases and units
    ("二零二三年", "人民幣千元"). A row of figures keeps its Chinese label as printed."""
    cells = tuple(spell_numeric_date(cell) for cell in row)
    if any(read_cell(cell).status == "value" for cell in cells[1:]):
        return cells
    return tuple(spell_header(cell) for cell in cells)


def _dates_joined(rows: Sequence[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The rows, with a Chinese column heading set over two rows read as one: "十二月"
    over "三十一日" is "十二月三十一日" (31 December), not a month and a figure 31."""
    joined: list[tuple[str, ...]] = []
    for row in rows:
        previous = joined[-1] if joined else ()
        filled = [position for position, cell in enumerate(row) if cell.strip()]
        if filled and len(previous) == len(row) and all(
                continues_chinese_date(previous[p], row[p]) for p in filled) and all(
                not cell.strip() for p, cell in enumerate(previous) if p not in filled):
            joined[-1] = tuple(a + b for a, b in zip(previous, row, strict=True))
        else:
            joined.append(row)
    return joined


def _spelled_line(line: str) -> str:
    """A PDF text line; one that ends in no figure (a heading) with its Chinese calendar
    phrases and units spelled ("截至六月三十日止六個月")."""
    return line if line.isascii() or split_pdf_line(line)[1] else spell_header(line)


def _goes_on(header: list[tuple[str, ...]], rows: list[tuple[str, ...]]) -> bool:
    """Do rows without a header of their own go on from the table block above (a
    statement over a page break), cell for cell under its header? A row may leave out
    only the "Note" cell (``_with_note_cell``)."""
    if not header or not rows:
        return False
    width, longest = max(map(len, header)), max(map(len, rows))
    return longest == width or longest == width - 1 and any(
        _NOTES_HEADER.match(cell.strip()) for row in header for cell in row)


def _group_open(table: Table) -> str:
    """The sub-header a table's last rows are under, unless a subtotal (a row of
    figures without a label) closed it: the rows going on from it are under it too."""
    last = table.rows[-1] if table.rows else None
    return last.group if last is not None and last.label else ""


def _label_lines(before: Sequence[Block]) -> list[tuple[str, ...]]:
    """The one-line paragraphs just above rows that go on from a table: its sub-header
    or the start of a wrapped label the PDF set apart ("Current assets" at the top of
    the next page; "Purchases of financial assets at fair value" over "through profit or
    loss  –  (81,777)"), each a row, so that they head or begin the rows below."""
    lines: list[tuple[str, ...]] = []
    for block in reversed(before[-MAX_LABEL_ONLY_LINES:]):
        text = block.text.strip()
        if block.kind != "paragraph" or not text or "\n" in text or is_caption(text) \
                or len(text) > MAX_ROW_LABEL_CHARS or re.search(r"\d", text) \
                or text.endswith("."):  # a sentence, not a label
            break
        lines.insert(0, (text,))
    return lines


def _continued(previous: Table, table: Table) -> Table:
    """A table without a header of its own right after one with as many columns is the
    same statement continued (on the next page): it takes that table's columns."""
    if len(previous.columns) != len(table.columns) or any(
            column.period for column in table.columns):
        return table
    return replace(table, statement=previous.statement, kind=previous.kind,
                   unit=previous.unit or table.unit, columns=previous.columns)


# --- tab-separated rows -------------------------------------------------------------


def _is_header_row(row: tuple[str, ...], before_data: bool) -> bool:
    """A row of column headings ("\t2022\t2023\t2023", "\tRMB'000\tRMB'000\t%")."""
    label = row[0].strip() if row else ""
    cells = [cell for cell in row[1:] if cell.strip()]
    dated_label = bool(years_in(label) or dates_in(label)
                       or re.search(r"\bended\b|\bas at\b", label, re.I))
    if not cells:
        return dated_label and is_header_cell(label)
    if not label and before_data and all(read_cell(cell).status == "text" for cell in cells):
        # Text over the value columns before any figure: the statement's caption and unit
        # lines a PDF page prints above its column headings.
        return True
    if label and not dated_label:
        # "(In Millions; Unaudited)  Apr 1, 2023  Dec 31, 2022": dates over the columns,
        # also where a second statement runs on after the first one's figures.
        if all(years_in(cell) and is_header_cell(cell) for cell in cells):
            return True
        return before_data and all(read_cell(cell).status == "text" for cell in cells)
    return all(is_header_cell(cell) for cell in cells)


def _tab_segments(rows: Sequence[tuple[str, ...]]) -> list[tuple[list[tuple[str, ...]],
                                                               list[tuple[str, ...]]]]:
    """Split a block's rows into (header rows, data rows) pairs: a header row with years
    after data starts another table (PDF extraction runs tables together)."""
    segments: list[tuple[list[tuple[str, ...]], list[tuple[str, ...]]]] = []
    header: list[tuple[str, ...]] = []
    data: list[tuple[str, ...]] = []
    held: list[tuple[str, ...]] = []  # header-like rows after data, before any year row
    for row in rows:
        if not _is_header_row(row, before_data=not data):
            data.extend(held)
            held = []
            data.append(row)
        elif not data:
            header.append(row)
        elif years_in(" ".join(row[1:])):
            segments.append((header, data))
            header, data, held = [*held, row], [], []
        else:
            held.append(row)
    data.extend(held)
    if data:
        segments.append((header, data))
    return segments


def _build(section: Section, caption: str, header: list[tuple[str, ...]],
           data: list[tuple[str, ...]], filing: Period | None, pdf: bool = False,
           group: str = "") -> Table:
    width = max(len(row) for row in [*header, *data])
    notes_at = {p for row in header for p, cell in enumerate(row) if _NOTES_HEADER.match(
        cell.strip())}
    if len(notes_at) == 1:
        at = min(notes_at)
        data = [_with_note_cell(row, at, width) for row in data]
        header = [row if at < len(row) and _NOTES_HEADER.match(row[at].strip())
                  else _with_note_cell(row, at, width) for row in header]
    first = 0 if any(row and read_cell(row[0]).status == "value" for row in data) else 1
    positions = [
        p for p in range(first, width)
        if p not in notes_at and any(p < len(row) and re.search(r"\d|^[–—_-]$", row[p].strip())
                                     for row in data)
    ]
    column_headers = [" ".join(row[p] for row in header if p < len(row)) for p in positions]
    raw = [
        RawRow(
            label=row[0].strip() if row and first else "",
            cells=tuple(row[p] if p < len(row) else "" for p in positions),
            note=" ".join(row[p] for p in notes_at if p < len(row)).strip(),
            # A PDF row short of cells ("(24)  (98)" under 2022 2021 2020) does not say
            # which columns its figures belong to: reported, never guessed.
            garbled=pdf and bool(positions) and len(row) <= max(positions) and any(
                read_cell(cell).status == "value" for cell in row[first:]),
        )
        for row in data
    ]
    header_text = "\n".join("\t".join(row) for row in header)
    return _table(section, caption, header_text, column_headers, raw, filing, group)


def _with_note_cell(row: tuple[str, ...], notes_at: int, width: int) -> tuple[str, ...]:
    """A PDF row prints a note number only when it has one: a row one cell short of the
    table has left its note cell out, so its figures (or its column headings) belong one
    column further right."""
    if len(row) != width - 1 or len(row) <= notes_at:
        return row
    return (*row[:notes_at], "", *row[notes_at:])


# --- PDF text lines -----------------------------------------------------------------


def _line_tables(lines: list[str], section: Section, caption: str,
                 filing: Period | None) -> list[Table]:
    tables = []
    position = 0
    while position < len(lines):
        if not is_year_line(lines[position]):
            position += 1
            continue
        start = position
        while start > 0 and position - start < 5 and is_header_cell(lines[start - 1]) \
                and not _PAGE_NUMBER.match(lines[start - 1].strip()):
            start -= 1
        end = position + 1
        while end < len(lines) and is_header_cell(lines[end]) and not _PAGE_NUMBER.match(
                lines[end].strip()) and lines[end].strip():
            end += 1
        header = lines[start:end]
        count = _pdf_columns(header)
        rows, end = _pdf_rows(lines, end, count)
        own_caption = _pdf_caption(lines[:start]) or caption
        caption = own_caption
        if count and rows:
            header_text = "\n".join(header)
            tables.append(_table(section, own_caption, header_text, [""] * count, rows,
                                 filing))
        position = max(end, position + 1)
    return tables


def _pdf_caption(before: list[str]) -> str:
    """The nearest statement title or numbered note heading above a PDF table."""
    for line in reversed(before):
        line = line.strip()
        # PDF lines are wrapped prose too: only an UPPERCASE line is a title.
        if (is_caption(line) and line.upper() == line) or _NOTE_HEADING.match(line):
            return line
    return ""


def _pdf_columns(header: list[str]) -> int:
    years = sum(len(years_in(line)) for line in header if is_year_line(line))
    units = max((len(currencies_in(line)) for line in header), default=0)
    return max(years, units)


def _pdf_rows(lines: list[str], start: int, count: int) -> tuple[list[RawRow], int]:
    rows: list[RawRow] = []
    label_only = 0
    position = start
    while position < len(lines):
        line = lines[position].strip()
        if _PAGE_NUMBER.match(line):
            position += 1
            continue
        if is_year_line(line) or _STOP_LINE.match(line) or is_caption(line) or (
                is_header_cell(line) and re.search(r"\b(?:ended|at|as at)\b", line, re.I)):
            break
        label, values = split_pdf_line(line)
        if not values:
            label_only += 1
            if label_only > MAX_LABEL_ONLY_LINES or len(label) > MAX_ROW_LABEL_CHARS \
                    or label.endswith("."):
                break
        else:
            label_only = 0
        rows.append(_pdf_row(label, values, count))
        position += 1
    while rows and not any(rows[-1].cells):
        rows.pop()
        position -= 1
    return rows, position


def split_pdf_line(line: str) -> tuple[str, list[str]]:
    """("Goodwill", ["1,129,430", "1,040,427"]) from "Goodwill 1,129,430 1,040,427"."""
    tokens: list[str] = []
    for token in line.split():
        if token.lower().startswith("cents") and tokens:
            tokens[-1] += " " + token
        else:
            tokens.append(token)
    cut = len(tokens)
    while cut > 0 and is_value_token(tokens[cut - 1]):
        cut -= 1
    return " ".join(tokens[:cut]), tokens[cut:]


def _pdf_row(label: str, values: list[str], count: int) -> RawRow:
    note = ""
    # One figure too many, first a bare "3" or "(1)": a note number or a footnote
    # marker after the label ("Cost of net revenues (1) 718 663"), not a value.
    if len(values) == count + 1 and _MARKER.fullmatch(values[0]):
        note, values = values[0].strip("()"), values[1:]
    if values and len(values) != count:
        # The columns a figure belongs to are lost: report the row, never guess.
        return RawRow(label, tuple(" ".join(values) for _ in range(count)), note, garbled=True)
    return RawRow(label, tuple(values) if values else ("",) * count, note)


# --- common -------------------------------------------------------------------------


def _table(section: Section, caption: str, header_text: str, column_headers: list[str],
           raw: list[RawRow], filing: Period | None, group: str = "") -> Table:
    statement = caption or section.title.split("\n")[0]
    kind = statement_kind(statement) or (statement_kind(section.title) if not caption else "")
    if not kind:
        kind = "note" if section.category == "notes" or _NOTE_HEADING.match(statement) \
            else "other"
    rows = join_wrapped(raw, group)
    columns = read_columns(header_text + "\n" + caption, header_text, column_headers, rows, filing)
    context = " ".join([header_text, caption, *(cell for row in raw for cell in row.cells
                                                 if read_cell(cell).status == "text")])
    unit = scale_in(context)
    table_rows = tuple(
        Row(row.label, tuple(Cell(cell, None, "unreadable") if row.garbled else read_cell(cell)
                             for cell in row.cells), row.group, row.note)
        for row in rows
    )
    statement = short_caption(statement)
    periods = [column.period for column in columns if column.period]
    instants = any(period.kind == "instant" for period in periods)
    durations = any(period.kind == "duration" for period in periods)
    # A caption carried over from the statement above does not make a table of
    # instants an income statement: its own rows say what it is.
    carried = (kind == "balance" and durations and not instants) or (
        kind in ("income", "cash_flows") and instants and not durations)
    if kind == "other" or carried:
        told = kind_from_rows([row.label for row in rows], instants, durations)
        kind = told or ("other" if carried else kind)
        statement = STATEMENT_NAMES.get(kind, statement) if told and (
            carried or not statement_kind(statement)) else statement
    return Table(section.title.split("\n")[0], statement, kind,
                 section.category, unit, tuple(columns), table_rows)
