"""Line-item labels: wrapped labels joined, sub-headers turned into row groups.

PDF text wraps a long label over lines that carry no figures ("Net loss attributable to
Kingsoft Cloud" / "Holdings Limited  (1,356,246) ..."), and a table's sub-headers
("Current assets:", "NON-CURRENT ASSETS") are label lines without figures too. A line
without figures continues into the next when the next starts in lower case, when it ends
in a joining word ("... and", "... attributable to"), when both are UPPERCASE, or when the
next is a short run of capitalised words after a long label; otherwise it is a sub-header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..text.phrases import ends_unfinished
from .values import read_cell

__all__ = ["RawRow", "join_wrapped", "clean_label"]

# Besides the words any wrapped line may end in, a label's: "Profit attributable" /
# "to owners", "Revenue less" / "cost of sales", "Share of profit of a" / "joint venture".
_LABEL_JOINING = {"attributable", "less", "net", "a", "an"}
_BULLET = re.compile(r"^[-–—•·]\s*")


@dataclass(frozen=True)
class RawRow:
    """A row as printed: its label, the text of each value column, its note reference."""

    label: str
    cells: tuple[str, ...]
    note: str = ""
    group: str = ""
    garbled: bool = False  # figures present, but which column each belongs to is lost

    @property
    def has_figures(self) -> bool:
        return self.garbled or any(
            cell.strip() and read_cell(cell).status != "text" for cell in self.cells
        )


def clean_label(label: str) -> str:
    """The label without presentation: surrounding blanks, a trailing colon, footnote
    marks ("#", "*")."""
    label = " ".join(label.split())
    return re.sub(r"[\s#*]+$", "", label).rstrip(":").strip()


def join_wrapped(rows: list[RawRow], group: str = "") -> list[RawRow]:
    """Rows with figures, their wrapped labels joined and their sub-header as ``group``
    (at first ``group``: the one rows going on from another page are under); label-only
    lines are folded into the rows they belong to."""
    result: list[RawRow] = []
    pending: list[str] = []
    for row in rows:
        if not row.has_figures:
            if row.label.strip():
                pending.append(" ".join(row.label.split()))
            continue
        label = " ".join(row.label.split())
        if label.endswith(":") and not any(read_cell(c).readable and c.strip()
                                           for c in row.cells):
            # "Non-current assets:" over garbled figures: still the sub-header.
            group, pending = clean_label(label), []
        if pending:
            prefix, header = _split_pending(pending, label)
            group = clean_label(header) if header else group
            label = " ".join([*prefix, label]).strip()
            pending = []
        result.append(replace(row, label=clean_label(label), group=group))
        if group and label.lower().startswith("total") and group.lower() in label.lower():
            group = ""
    return result


def _split_pending(pending: list[str], label: str) -> tuple[list[str], str]:
    """(lines continuing into ``label``, the sub-header above them or "")."""
    cut = len(pending)
    following = label
    while cut > 0 and _continues(pending[cut - 1], following):
        cut -= 1
        following = pending[cut]
    headers = [line for line in pending[:cut] if line[:1].isupper() or not line[:1].isalpha()]
    return pending[cut:], headers[-1] if headers else ""


def _continues(line: str, following: str) -> bool:
    line, following = line.strip(), following.strip()
    if not following or line.endswith(":") or _BULLET.match(following):
        return False
    if following[0].islower():
        return True
    words = line.split()
    if line.endswith(",") or ends_unfinished(line) or (
            words and words[-1].lower() in _LABEL_JOINING):
        return True
    line_upper, following_upper = _is_upper(line), _is_upper(following)
    if line_upper:
        return following_upper
    next_words = _label_words(following)
    return (
        len(words) >= 4
        and 0 < len(next_words) <= 3
        and all(word[0].isupper() for word in next_words)
    )


def _label_words(text: str) -> list[str]:
    words = []
    for token in text.split():
        if read_cell(token).status != "text":
            break
        words.append(token)
    return words


def _is_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)
