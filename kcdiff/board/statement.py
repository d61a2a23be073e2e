"""The board: read a filing's board part into directors and roles.

A filing names its board in one of several shapes, each read by its own reader into the
same ``Director`` model; ``read_board`` takes the first shape the filing has:

1. a board-list announcement ("List of Directors and their Roles and Functions" /
   「董事名單與其角色和職能」), with its committees (``lists``);
2. the closing board statement of an HKEX announcement, in English ("As at the date of
   this announcement, the board comprises ...", read here) or Chinese
   (「於本公告日期，董事會成員包括…」, ``chinese``);
3. the signature block of an SEC report, where the directors sign (``signatures``);
4. a 20-F's table of directors and officers under "Directors and Senior Management"
   (``roster``), when no director signs.

The English statement is phrased differently almost every time, so kcdiff reads it rather
than diffing its words. A statement is a sequence of name lists and role phrases; each
role phrase either introduces the names after it ("the executive directors are Mr. A and
Mr. B") or closes the names before it ("Mr. A and Mr. B as executive directors", "...,
all being executive Directors"). A role in brackets after a name ("Mr. A (Chairman)") is
that name's alone. A statement that does not fit gives a ``board_unreadable`` warning and
no directors: kcdiff never guesses who sits on a board.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..model import Check, Director, OfficerChange, Section
from ..text.names import (
    ROLE_ORDER,
    Person,
    RolePhrase,
    clean,
    lazy_pattern,
    name_key,
    people,
    role_phrases,
    sentences,
    similarity,
)
from . import officers
from .chinese import find_chinese_statement, read_chinese_statement
from .lists import read_board_list, reading_text
from .officers import Committee, Signatory
from .roster import read_roster
from .signatures import read_signatures, signature_directors

__all__ = ["BoardStatement", "read_board", "read_statement", "find_statement", "filing_text"]

_STATEMENT = lazy_pattern(
    r"\bAs (?:at|of) the date (?:of this (?:announcement|document|report)|hereof)\b\s*,?\s*",
    re.IGNORECASE,
)
# After a role phrase, these words mean the names follow it ("... directors are Mr. A").
_INTRODUCES = lazy_pattern(
    r"\s*(?:of\s+the\s+(?:Company|Board)\s*)?(?:(?:are|is|were|was|include|includes"
    r"|comprise|comprises)\b|:|,?\s*(?:namely|being|comprising|including)\b)",
    re.IGNORECASE,
)
# Between two names, where one list ends and the next begins: "; (and)" or ", and".
_LIST_BREAK = lazy_pattern(r"\s*(?:;\s*(?:and\s+)?|,\s*and\s+)")
MAX_STATEMENT_CHARS = 2500


@dataclass(frozen=True)
class BoardStatement:
    """What one filing says about its board and officers. ``text`` is the board part as
    read ("" when the filing has none); ``readable`` is false when there is no board part
    or it could not be read, and then ``directors`` is empty and means "unknown".
    ``source`` names the shape read: "statement", "list", "roster" or "signatures".
    ``committees`` are those a board list states (empty: not stated)."""

    directors: tuple[Director, ...] = ()
    text: str = ""
    readable: bool = False
    signatory: Signatory | None = None
    audit_committee: Committee | None = None
    officer_events: tuple[OfficerChange, ...] = ()
    checks: tuple[Check, ...] = ()
    committees: tuple[Committee, ...] = ()
    source: str = ""

    @property
    def audit_chair(self) -> str:
        return self.audit_committee.chair if self.audit_committee else ""


def read_board(sections: Sequence[Section]) -> BoardStatement:
    """The board (from its first shape found, see the module docstring), signatory,
    audit committee and officer events of a filing."""
    text = filing_text(sections)
    board = _board_part(sections, text)
    committee = officers.read_audit_committee(text)
    return replace(
        board,
        readable=bool(board.directors),
        signatory=officers.read_signatory(text),
        audit_committee=committee,
        officer_events=officers.read_officer_events(sections),
        checks=(*board.checks, *_committee_checks(committee, board.directors)),
    )


def _board_part(sections: Sequence[Section], text: str) -> BoardStatement:
    """Directors, committees and checks from the filing's board part, by shape."""
    lines = reading_text(sections)
    board_list = read_board_list(lines)
    if board_list is not None:
        return BoardStatement(board_list.directors, board_list.heading, source="list",
                              committees=board_list.committees, checks=board_list.checks)
    statement = find_statement(text)
    if statement:
        directors, problem = read_statement(statement)
        checks = (_unreadable(statement, problem),) if problem else ()
        return BoardStatement(directors, statement, source="statement", checks=checks)
    chinese = find_chinese_statement(lines)
    if chinese:
        directors, problem = read_chinese_statement(chinese)
        checks = (_unreadable(chinese, problem),) if problem else ()
        return BoardStatement(directors, chinese, source="statement", checks=checks)
    signers = read_signatures(lines)
    directors = signature_directors(signers or [])
    if directors:
        return BoardStatement(directors, "signatures", source="signatures")
    # A 20-F is signed by one officer; its board is the roster table. Read only when no
    # director signs, so a 10-K's table of executive officers never stands for its board.
    roster = read_roster(sections)
    if roster:
        return BoardStatement(roster, "directors and senior management", source="roster")
    return BoardStatement()


def filing_text(sections: Sequence[Section]) -> str:
    """The filing's words in reading order, cleaned, as one string: the statement may be
    split over blocks (a PDF line per block) or sit inside a page-sized block."""
    parts: list[str] = []
    for section in sections:
        first = section.blocks[0].text if section.blocks else ""
        if section.category != "cover" and not first.lower().startswith(section.title.lower()):
            if section.category != "board" or section.title.lower().startswith("by order"):
                parts.append(section.title)
        parts.extend(block.text for block in section.blocks if block.kind != "table")
    return clean("\n".join(parts))


def find_statement(text: str) -> str:
    """The last "As at the date of this announcement, ..." passage about the directors:
    its first sentence and any following ones that still speak of directors."""
    openings = [
        match for match in _STATEMENT.finditer(text)
        if re.search(r"director|board", text[match.end():match.end() + 200], re.IGNORECASE)
    ]
    if not openings:
        return ""
    tail = text[openings[-1].start():openings[-1].start() + MAX_STATEMENT_CHARS]
    kept: list[str] = []
    for start, end in sentences(tail):
        sentence = tail[start:end]
        if kept and "director" not in sentence.lower():
            break
        kept.append(sentence)
    return "".join(kept).strip()


def read_statement(statement: str) -> tuple[tuple[Director, ...], str]:
    """(directors, problem) for one board statement; ``problem`` is "" when it was read,
    and the directors are then in the order the statement names them."""
    opening = _STATEMENT.match(statement)
    body = clean(statement[opening.end():] if opening else statement)
    phrases = role_phrases(body)
    bracketed = [phrase for phrase in phrases if _in_brackets(body, phrase)]
    dividers = [phrase for phrase in phrases if phrase not in bracketed]
    if not dividers:
        return (), "no director roles found"
    introduces = [bool(_INTRODUCES.match(body, phrase.end)) for phrase in dividers]
    assigned: list[tuple[Person, tuple[str, ...]]] = []
    served = [False] * len(dividers)
    for i in range(len(dividers) + 1):
        run_start = dividers[i - 1].end if i else 0
        run_end = dividers[i].start if i < len(dividers) else len(body)
        persons = _shifted(people(body[run_start:run_end]), run_start)
        before = i - 1 if i and introduces[i - 1] else None
        after = i if i < len(dividers) and not introduces[i] else None
        problem = _assign(body, persons, dividers, before, after, assigned, served)
        if problem:
            return (), problem
    if not all(served):
        missing = dividers[served.index(False)]
        return (), f'no names for "{body[missing.start:missing.end]}"'
    return _directors(assigned, bracketed), ""


def _assign(
    body: str,
    persons: list[Person],
    dividers: list[RolePhrase],
    before: int | None,
    after: int | None,
    assigned: list[tuple[Person, tuple[str, ...]]],
    served: list[bool],
) -> str:
    """Give the names of one run to the role before it, the role after it, or split them
    between both; returns a problem when the run cannot be read."""
    if not persons:
        return ""
    split = 0 if before is None else len(persons)
    if before is not None and after is not None:
        split = _list_break(body, persons)
        if split is None:
            return "cannot tell where one list of directors ends and the next begins"
    if before is None and after is None:
        return "names without a role: " + ", ".join(person.name for person in persons)
    for index, group in ((before, persons[:split]), (after, persons[split:])):
        if index is not None and group:
            served[index] = True
            assigned.extend((person, dividers[index].roles) for person in group)
    return ""


def _list_break(body: str, persons: list[Person]) -> int | None:
    """Where a run holding two lists ("A, B, and C, D and E are the ...") splits: at its
    one semicolon, else at its one ", and"."""
    breaks = [
        k for k in range(1, len(persons))
        if _LIST_BREAK.fullmatch(body, persons[k - 1].end, persons[k].start)
    ]
    semicolons = [k for k in breaks if ";" in body[persons[k - 1].end:persons[k].start]]
    for candidates in (semicolons, breaks):
        if len(candidates) == 1:
            return candidates[0]
    return None


def _in_brackets(body: str, phrase: RolePhrase) -> bool:
    return body[:phrase.start].rstrip().endswith("(") and body[phrase.end:].lstrip()[:1] == ")"


def _shifted(persons: list[Person], offset: int) -> list[Person]:
    return [replace(p, start=p.start + offset, end=p.end + offset) for p in persons]


def _directors(
    assigned: list[tuple[Person, tuple[str, ...]]], bracketed: list[RolePhrase]
) -> tuple[Director, ...]:
    """One director per person (a name listed twice gets both roles), in statement order."""
    roles: dict[str, set[str]] = {}
    first: dict[str, Person] = {}
    for person, person_roles in sorted(assigned, key=lambda item: item[0].start):
        key = name_key(person.name)
        first.setdefault(key, person)
        roles.setdefault(key, set()).update(person_roles)
        for phrase in bracketed:
            if 0 <= phrase.start - person.end <= 3:
                roles[key].update(phrase.roles)
    return tuple(
        Director(person.name, tuple(r for r in ROLE_ORDER if r in roles[key]), person.honorific)
        for key, person in first.items()
    )


def _unreadable(statement: str, problem: str) -> Check:
    excerpt = statement if len(statement) <= 300 else statement[:297] + "..."
    return Check(
        kind="board_unreadable",
        severity="warning",
        where="board statement",
        message=f"{problem}; no directors were read from it, so board changes are not "
        f'reported. The statement reads: "{excerpt}"',
    )


def _committee_checks(committee: Committee | None, directors: tuple[Director, ...]) -> list[Check]:
    """A committee member missing from the board statement: a likely misspelling in one
    of the two places, which a compliance officer must see."""
    if committee is None or not directors:
        return []
    on_board = {name_key(director.name) for director in directors}
    checks = []
    for member in committee.members:
        if name_key(member) in on_board:
            continue
        closest = max(directors, key=lambda director: similarity(member, director.name))
        checks.append(Check(
            kind="board_inconsistent",
            severity="warning",
            where="audit committee",
            message=f'the audit committee names "{member}", who is not in the board statement'
            f' (closest there: "{closest.name}")',
        ))
    return checks
