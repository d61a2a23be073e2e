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
them in a table. Where a fact is printed (its row's label, the table's title, a bracket
before it) is read for facts without dimensions only, the ones a reviewer compares:
reading it for every breakdown in the notes would double the time to read a 10-K.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from itertools import islice

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
    inline, instance = _prefixes(root)
    contexts: dict[str, tuple[str, str, tuple[tuple[str, str], ...]]] = {}
    units: dict[str, str] = {}
    tagged = []
    # Asking lxml for the few tags wanted keeps the walk in C: a 10-K has 100,000 elements.
    fact_tag, context_tag = f"{inline}:nonfraction", f"{instance}:context"
    for element in root.iter(fact_tag, context_tag, f"{instance}:unit"):
        if element.tag == fact_tag:
            tagged.append(element)
        elif not element.get("id"):
            continue
        elif element.tag == context_tag:
            contexts[element.get("id")] = _context(element)
        else:
            units[element.get("id")] = _unit(element)
    hidden = {element for part in root.iter(f"{inline}:hidden")
              for element in part.iter(f"{inline}:nonfraction")}
    rows: dict[object, tuple[object, str]] = {}  # a row's label cell and label, read once
    facts = (_fact(element, contexts, units, captions, rows) for element in tagged
             if element not in hidden)
    return tuple(fact for fact in facts if fact is not None)


_INLINE_NS = "http://www.xbrl.org/2013/inlineXBRL"
_INSTANCE_NS = "http://www.xbrl.org/2003/instance"


def _prefixes(root: lxml.html.HtmlElement) -> tuple[str, str]:
    """The prefixes the filing declares for inline XBRL and XBRL instance tags (the HTML
    parser keeps "prefix:name" as the tag), "ix" and "xbrli" unless it says otherwise."""
    declared = {value: name.split(":", 1)[1] for name, value in root.attrib.items()
                if name.startswith("xmlns:")}
    return declared.get(_INLINE_NS, "ix"), declared.get(_INSTANCE_NS, "xbrli")


_DATE_TAGS = frozenset({"startdate", "enddate", "instant"})
_MEMBER_TAGS = frozenset({"explicitmember", "typedmember"})


def _context(element: lxml.html.HtmlElement) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """(start, end, dimensions) of an ``xbrli:context``; start "" for an instant."""
    dates: dict[str, str] = {}
    dimensions = []
    for child in element.iter():
        name = child.tag.rsplit(":", 1)[-1] if isinstance(child.tag, str) else ""
        if name in _DATE_TAGS:
            dates[name] = (child.text or "").strip()
        elif name in _MEMBER_TAGS:
            dimensions.append((child.get("dimension", ""), " ".join(child.text_content().split())))
    if "instant" in dates:
        return "", dates["instant"], tuple(sorted(dimensions))
    return dates.get("startdate", ""), dates.get("enddate", ""), tuple(sorted(dimensions))


def _unit(element: lxml.html.HtmlElement) -> str:
    """The unit's measure ("iso4217:USD"); a divide as "numerator/denominator"."""
    def measures(parent: lxml.html.HtmlElement) -> str:
        return "*".join((child.text or "").strip() for child in parent.iter()
                        if _local(child.tag) == "measure")

    parts = {_local(child.tag): child for child in element.iter()}
    if "unitnumerator" in parts and "unitdenominator" in parts:
        return f"{measures(parts['unitnumerator'])}/{measures(parts['unitdenominator'])}"
    return measures(element)


def _fact(
    element: lxml.html.HtmlElement,
    contexts: Mapping[str, tuple[str, str, tuple[tuple[str, str], ...]]],
    units: Mapping[str, str], captions: Mapping[object, str],
    rows: dict[object, tuple[object, str]],
) -> Fact | None:
    context = contexts.get(element.get("contextref", ""))
    if context is None:
        return None
    scale = _integer(element.get("scale")) or 0
    if element.get("{http://www.w3.org/2001/XMLSchema-instance}nil") == "true" or \
            element.get("xsi:nil") == "true":
        value = None
    else:
        # Most tags hold only their text; text_content() is an XPath call.
        text = (element.text or "") if len(element) == 0 else element.text_content()
        number = parse_number(text, element.get("format", ""))
        if number is None:
            return None
        value = number * 10**scale * (-1 if element.get("sign") == "-" else 1)
    start, end, dimensions = context
    label, statement, negative = "", "", False
    if not dimensions:  # a breakdown (a note's table): where it is printed is not read
        cell, row, table = _cell_row_and_table(element)
        if row is not None and row not in rows:
            rows[row] = _row_label(row)
        label_cell, label = rows[row] if row is not None else (None, "")
        if label_cell is cell:
            label = ""  # a fact inside the label cell is part of it ("net of tax of $(11)")
        statement = captions.get(table, "") if table is not None else ""
        negative = _shown_negative(element, cell)
    return Fact(
        concept=element.get("name", ""),
        value=value,
        unit=units.get(element.get("unitref", ""), ""),
        decimals=_integer(element.get("decimals")),
        period_start=start,
        period_end=end,
        dimensions=dimensions,
        scale=scale,
        label=label,
        statement=statement,
        shown_negative=negative,
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


_NUMBER = {
    ".": re.compile(r"\D*?(\d+(?:\.\d+)?)\D*"),
    ",": re.compile(r"\D*?(\d+(?:,\d+)?)\D*"),
}
_SPACES = re.compile(r"[\s\u00a0']")


def _digits(text: str, decimal_mark: str) -> float | None:
    """The unsigned number in ``text`` (sign comes from ``sign="-"``, never the text)."""
    grouping = "," if decimal_mark == "." else "."
    match = _NUMBER[decimal_mark].fullmatch(_SPACES.sub("", text).replace(grouping, ""))
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
    """The nearest text printed before ``element`` inside its cell: a preceding
    sibling's tail or text, else the parent's text, climbing no higher than the cell."""
    node = element
    while node is not None and node is not cell:
        previous = node.getprevious()
        while previous is not None:
            text = (previous.tail or "").strip() or previous.text_content().strip()
            if text:
                return text
            previous = previous.getprevious()
        parent = node.getparent()
        if parent is not None and (parent.text or "").strip():
            return parent.text
        node = parent
    return ""


_TABLE_DEPTH = 12


def _cell_row_and_table(element: lxml.html.HtmlElement):
    cell = row = table = None
    # A fact in a table sits a few levels under its cell (td > div > span > ix); facts in
    # prose would otherwise walk up to the root.
    for ancestor in islice(element.iterancestors(), _TABLE_DEPTH):
        if ancestor.tag in ("td", "th") and cell is None:
            cell = ancestor
        elif ancestor.tag == "tr" and row is None:
            row = ancestor
        elif ancestor.tag == "table":
            table = ancestor
            break
    return cell, row, table


def _row_label(row: lxml.html.HtmlElement) -> tuple[object, str]:
    """The first cell of the row that holds words, and its text; (None, "") when the
    row starts with a figure."""
    for cell in row.iterchildren("td", "th"):
        text = " ".join(cell.text_content().split())
        if text and _WORDS.search(text):
            return cell, text
        if text and not _SIGNS_ONLY.fullmatch(text):
            break
    return None, ""


_WORDS = re.compile(r"[A-Za-z\u4e00-\u9fff]")
_SIGNS_ONLY = re.compile(r"[$()%\s]*")
