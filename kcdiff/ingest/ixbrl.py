"""Inline XBRL facts of an HTML filing: ``ix:nonFraction`` with its context and unit -> ``Fact``.

Read from the same lxml tree the HTML reader builds (one parse, one more pass over the
elements). The HTML parser lowercases tag and attribute names and keeps the prefix, so tags
are matched by their local name ("nonfraction", "context") whatever prefix the filing
declares. Each fact gets its period (instant, or start and end) and dimensions from its
``xbrli:context``, its measure from its ``xbrli:unit`` (a divide gives "num/den"), and
``scale``, ``sign="-"``, ``format`` and ``xsi:nil`` applied to its printed text. A fact
whose text the named format cannot read is left out rather than guessed.

Text facts (``ix:nonNumeric``, with their ``ix:continuation``) are not read: no stage
compares them as figures. Facts in ``ix:hidden`` are left out too: a reader never sees
them in a table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import lxml.html

from ..model import Fact

__all__ = ["read_facts"]

_ZERO_WORDS = frozenset({"no", "none", "nil", "zero", "-", "—", "–", ""})
_NUMBER_WORDS = {
    word: index for index, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split())
}


def _local(tag: object) -> str:
    return tag.rsplit(":", 1)[-1] if isinstance(tag, str) else ""


def read_facts(root: lxml.html.HtmlElement, captions: Mapping[object, str]) -> tuple[Fact, ...]:
    """The numeric facts tagged in ``root``, in document order. ``captions`` maps a
    ``<table>`` element to the title printed above it."""
    contexts: dict[str, tuple[str, str, tuple[tuple[str, str], ...]]] = {}
    units: dict[str, str] = {}
    tagged = []
    for element in root.iter():
        name = _local(element.tag)
        if name == "nonfraction":
            tagged.append(element)
        elif name == "context" and element.get("id"):
            contexts[element.get("id")] = _context(element)
        elif name == "unit" and element.get("id"):
            units[element.get("id")] = _unit(element)
    if not tagged:
        return ()
    facts = (_fact(element, contexts, units, captions) for element in tagged
             if not _hidden(element))
    return tuple(fact for fact in facts if fact is not None)


def _context(element: lxml.html.HtmlElement) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """(start, end, dimensions) of an ``xbrli:context``; start "" for an instant."""
    dates = {_local(child.tag): (child.text or "").strip() for child in element.iter()
             if _local(child.tag) in ("startdate", "enddate", "instant")}
    dimensions = sorted(
        (child.get("dimension", ""), " ".join(child.text_content().split()))
        for child in element.iter()
        if _local(child.tag) in ("explicitmember", "typedmember")
    )
    if "instant" in dates:
        return "", dates["instant"], tuple(dimensions)
    return dates.get("startdate", ""), dates.get("enddate", ""), tuple(dimensions)


def _unit(element: lxml.html.HtmlElement) -> str:
    """The unit's measure ("iso4217:USD"); a divide as "numerator/denominator"."""
    def measures(parent: lxml.html.HtmlElement) -> str:
        return "*".join((child.text or "").strip() for child in parent.iter()
                        if _local(child.tag) == "measure")

    parts = {_local(child.tag): child for child in element.iter()}
    if "unitnumerator" in parts and "unitdenominator" in parts:
        return f"{measures(parts['unitnumerator'])}/{measures(parts['unitdenominator'])}"
    return measures(element)


def _hidden(element: lxml.html.HtmlElement) -> bool:
    return any(_local(ancestor.tag) in ("hidden", "header") for ancestor in
               element.iterancestors())


def _fact(element, contexts, units, captions) -> Fact | None:
    context = contexts.get(element.get("contextref", ""))
    if context is None:
        return None
    scale = _integer(element.get("scale")) or 0
    if element.get("{http://www.w3.org/2001/XMLSchema-instance}nil") == "true" or \
            element.get("xsi:nil") == "true":
        value = None
    else:
        number = parse_number(element.text_content(), element.get("format", ""))
        if number is None:
            return None
        value = number * 10**scale * (-1 if element.get("sign") == "-" else 1)
    start, end, dimensions = context
    cell, row, table = _cell_row_and_table(element)
    return Fact(
        concept=element.get("name", ""),
        value=value,
        unit=units.get(element.get("unitref", ""), ""),
        decimals=_integer(element.get("decimals")),
        period_start=start,
        period_end=end,
        dimensions=dimensions,
        scale=scale,
        label=_row_label(row, cell) if row is not None else "",
        statement=captions.get(table, "") if table is not None else "",
        shown_negative=_shown_negative(element, cell),
    )


def _integer(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None  # decimals="INF"


def parse_number(text: str, format_name: str) -> float | None:
    """The number a fact's printed text stands for under its ``format`` (iXBRL
    transformation registry): "1,234.5" (num-dot-decimal), "1.234,5" (num-comma-decimal),
    "—" (fixed-zero, zerodash), "none"/"two" (ixt-sec:numwordsen). None when unreadable."""
    text = " ".join(text.split())
    local = format_name.rsplit(":", 1)[-1].lower()
    if "zero" in local or "dash" in local:
        return 0.0
    if "word" in local:
        word = text.lower().strip(" .")
        if word in _ZERO_WORDS:
            return 0.0
        return float(_NUMBER_WORDS[word]) if word in _NUMBER_WORDS else _digits(text, ".")
    if "comma" in local and "decimal" in local:
        return _digits(text, ",")
    return _digits(text, ".")


def _digits(text: str, decimal_mark: str) -> float | None:
    """The unsigned number in ``text`` (sign comes from ``sign="-"``, never the text)."""
    grouping = "," if decimal_mark == "." else "."
    cleaned = re.sub(r"[\s\u00a0']", "", text).replace(grouping, "")
    match = re.fullmatch(r"\D*?(\d+(?:[" + re.escape(decimal_mark) + r"]\d+)?)\D*", cleaned)
    if not match:
        return None
    return float(match.group(1).replace(decimal_mark, "."))


_OPENING = re.compile(r"[(\-\u2212\u2013]\s*$")


def _shown_negative(element: lxml.html.HtmlElement, cell: lxml.html.HtmlElement | None) -> bool:
    """Whether a bracket or minus is printed just before the number: in the text before
    the tag within its cell ("$(1,057"), else in the cells before it that hold nothing
    but "$" or "(" (EDGAR prints "(", "$" and the number in cells of their own)."""
    before = _text_before(element, cell)
    if _OPENING.search(before.replace("$", "").rstrip()):
        return True
    if cell is None or before.replace("$", "").strip():
        return False
    for sibling in cell.itersiblings(preceding=True):
        text = " ".join(sibling.text_content().split()).replace("$", "").strip()
        if text:
            return bool(_OPENING.search(text)) and len(text) <= 2
    return False


def _text_before(element: lxml.html.HtmlElement, cell: lxml.html.HtmlElement | None) -> str:
    """The text printed before ``element`` inside its cell (or its parent, outside a
    table)."""
    container = cell if cell is not None else element.getparent()
    pieces: list[str] = []

    def walk(node: lxml.html.HtmlElement) -> bool:
        if node is element:
            return True
        pieces.append(node.text or "")
        for child in node:
            if walk(child):
                return True
            pieces.append(child.tail or "")
        return False

    if container is not None:
        walk(container)
    return "".join(pieces)


def _cell_row_and_table(element: lxml.html.HtmlElement):
    cell = row = table = None
    for ancestor in element.iterancestors():
        if ancestor.tag in ("td", "th") and cell is None:
            cell = ancestor
        elif ancestor.tag == "tr" and row is None:
            row = ancestor
        elif ancestor.tag == "table":
            table = ancestor
            break
    return cell, row, table


def _row_label(row: lxml.html.HtmlElement, cell: lxml.html.HtmlElement | None) -> str:
    """The first cell of the row that holds words. A fact inside that cell is part of
    the label ("net of tax of $(11)"), not a figure of the row: it gets no label."""
    for candidate, text in _cell_texts(row.iterchildren("td", "th")):
        if text and re.search(r"[A-Za-z\u4e00-\u9fff]", text):
            return "" if candidate is cell else text
        if text and not re.fullmatch(r"[$()%\s]*", text):
            return ""  # the row starts with a figure: it has no label
    return ""


def _cell_texts(
    cells: Iterable[lxml.html.HtmlElement],
) -> Iterable[tuple[lxml.html.HtmlElement, str]]:
    for cell in cells:
        yield cell, " ".join(cell.text_content().split())
