"""A 20-F's (or an annual report's) table of directors and officers: Item 6.A,
"Directors and Senior Management" / "Directors and Executive Officers".

The section is found by its heading, the table by its header row: a column naming the
people ("Name", "Directors and Executive Officers") and one naming their office
("Position", "Title"). Each row is read like a line of a signature page: the directors
are the people whose office is a seat on the board ("Director", "Chairman"), with the
roles it names; an officer who holds no seat ("Chief Financial Officer", "Senior Vice
President") is not a director. "Independent Director" is an independent seat.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Director, Section
from ..text.names import ROLE_ORDER, clean, lazy_pattern
from .signatures import Signer, signature_directors

__all__ = ["read_roster"]

_SECTION = lazy_pattern(r"\bdirectors\s+and\s+(?:senior\s+management|executive\s+officers)\b",
                        re.IGNORECASE)
_NAME_COLUMN = lazy_pattern(r"^name$|\bdirectors\s+and\s+(?:executive|senior)", re.IGNORECASE)
_OFFICE_COLUMN = lazy_pattern(r"\bposition|\btitle", re.IGNORECASE)
_INDEPENDENT = lazy_pattern(r"\bindependent\s+(?:non-executive\s+)?director\b", re.IGNORECASE)


def read_roster(sections: Sequence[Section]) -> tuple[Director, ...]:
    """The directors of the first roster table under a "Directors and Senior
    Management" heading; () when the filing has none."""
    for section in sections:
        if not _SECTION.search(section.title):
            continue
        for block in section.blocks:
            if block.kind == "table":
                directors = _directors(block.rows)
                if directors:
                    return directors
    return ()


def _directors(rows: Sequence[tuple[str, ...]]) -> tuple[Director, ...]:
    columns = _columns(rows[0]) if rows else None
    if columns is None:
        return ()
    name_at, office_at = columns
    signers = [
        Signer(clean(row[name_at]), row[office_at])
        for row in rows[1:]
        if len(row) > max(name_at, office_at) and row[name_at].strip() and row[office_at].strip()
    ]
    # One director per seated signer, in order: the office is the signer's own, whatever
    # spelling the director's name is given ("QU JINGYUAN" is shown "Qu Jingyuan").
    seated = [signer for signer in signers if signer.is_director]
    return tuple(_with_independence(director, signer.title) for director, signer
                 in zip(signature_directors(signers), seated, strict=True))


def _columns(header: tuple[str, ...]) -> tuple[int, int] | None:
    """(name column, office column) of a roster's header row, None when it is none."""
    name_at = next((k for k, cell in enumerate(header) if _NAME_COLUMN.search(cell.strip())),
                   None)
    office_at = next((k for k, cell in enumerate(header) if _OFFICE_COLUMN.search(cell)), None)
    if name_at is None or office_at is None or name_at == office_at:
        return None
    return name_at, office_at


def _with_independence(director: Director, office: str) -> Director:
    if not _INDEPENDENT.search(office):
        return director
    roles = {*director.roles, "independent_non_executive"}
    return Director(director.name, tuple(role for role in ROLE_ORDER if role in roles))
