"""Board-list announcements: "List of Directors and their Roles and Functions" /
「董事名單與其角色和職能」, in English or Chinese.

HKEX issuers file one whenever the board changes. After the heading come the directors
under role headings ("Executive Directors" / 執行董事), each on its own line with any
further role in brackets ("Mr. Ji Changqun (Chairman and CEO)", 「田軼先生（聯席主席）」),
then the board committees, either as lists (a committee heading, then its members, the
chair marked "(Chairman)" / （主席）) or as a table (a header row naming the committees,
then one row per director with "Chairman"/"Member" / 主席/成員 under each committee).

The list is read line by line from the whole filing's text in reading order, so it reads
the same whether the segmenter made it one section or one per line. A committee table
row whose marks cannot be placed under their columns (fewer marks than committees) makes
the committees unknown rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import Check, Director, Section
from ..text.names import (
    CJK,
    CJK_HONORIFIC,
    HONORIFIC,
    NAME_RUN,
    ROLE_ORDER,
    canonical_roles,
    lazy_pattern,
    name_key,
    unspace_cjk,
)
from .officers import Committee

__all__ = ["BoardList", "read_board_list", "committee_kind", "reading_text"]

_HEADING = lazy_pattern(
    r"LIST\s+OF\s+DIRECTORS\s+AND\s+THEIR\s+ROLES?\s+AND\s+FUNCTIONS?"
    r"|董事名單與其角色和職能|董事名单与其角色和职能",
    re.IGNORECASE,
)
_ROLE_HEADING = lazy_pattern(
    r"(?:independent\s+)?(?:non-?\s?)?executive\s+directors?|(?:獨立|独立)?非?(?:執行|执行)董事",
    re.IGNORECASE,
)
_COMMITTEE = lazy_pattern(
    rf"(?:(?:[A-Z][A-Za-z,&-]*|and|of)\s+){{1,6}}?Committee|[{CJK}、]{{2,12}}?(?:委員會|委员会)"
)
# Where the list ends: the place and date it was signed, or a signature.
_END = lazy_pattern(
    r"(?:Hong Kong|香港)\s*[,，]|By order of the Board|承董事會命|承董事会命", re.IGNORECASE
)
_MARK = r"(?:Chair(?:man|woman|person)?|Member|C|M|主席|成員|成员|委員|委员)"
_BRACKET = r"\s*[(（]\s*(?P<bracket>[^()（）]*?)\s*[)）]"
_ENGLISH_PERSON = lazy_pattern(
    rf"(?:(?P<honorific>{HONORIFIC})\s*)?(?P<name>{NAME_RUN})(?:{_BRACKET})?"
    rf"(?P<marks>(?:\s+{_MARK})*)"
)
_CHINESE_PERSON = lazy_pattern(
    rf"(?P<name>[{CJK}]{{2,4}}?)(?:(?P<honorific>{CJK_HONORIFIC})|(?=[\s(（]|$))(?:{_BRACKET})?"
    rf"(?P<marks>(?:\s*{_MARK}(?=\s|$))*)"
)
_NOT_A_NAME = lazy_pattern(r"董事|委員|委员|主席|成員|成员|公司")
_COMMITTEE_KINDS = (
    ("audit", r"audit|審核|审核|審計|审计"),
    ("remuneration", r"remuneration|compensation|薪酬"),
    ("nomination", r"nomination|提名"),
    ("risk_management", r"risk|風險|风险"),
    ("esg", r"environmental|sustainab|環境|环境|可持續|可持续"),
)


@dataclass(frozen=True)
class BoardList:
    """What a board-list announcement says: directors in the order listed, committees by
    kind (``committee_kind``); ``committees`` is empty when they could not be read."""

    directors: tuple[Director, ...]
    committees: tuple[Committee, ...] = ()
    heading: str = ""
    checks: tuple[Check, ...] = ()


@dataclass
class _Reading:
    """The reader's state while it walks the lines of one list."""

    roles: tuple[str, ...] = ()
    committee: str = ""
    columns: list[str] = field(default_factory=list)
    directors: dict[str, Director] = field(default_factory=dict)
    chairs: dict[str, str] = field(default_factory=dict)
    members: dict[str, dict[str, str]] = field(default_factory=dict)
    problem: str = ""


def committee_kind(title: str) -> str:
    """A committee's kind from its printed name: audit, remuneration, nomination,
    risk_management, esg, else its name in lower case."""
    for kind, pattern in _COMMITTEE_KINDS:
        if re.search(pattern, title, re.IGNORECASE):
            return kind
    return re.sub(r"\s+", " ", title.strip()).lower()


def reading_text(sections: Sequence[Section]) -> str:
    """The filing's lines in reading order, headings included: each section's title
    (unless its first block repeats it), then its blocks; a table row is one line."""
    lines: list[str] = []
    for section in sections:
        first = section.blocks[0].text if section.blocks else ""
        if section.title and not first.startswith(section.title):
            lines.append(section.title)
        for block in section.blocks:
            if block.kind == "table" and block.rows:
                lines.extend("\t".join(row) for row in block.rows)
            else:
                lines.append(block.text)
    return "\n".join(lines)


def read_board_list(text: str) -> BoardList | None:
    """The board list in a filing's text (blocks joined by line breaks, in reading
    order); None when the filing has no "List of Directors" heading or no director
    under it."""
    heading = _HEADING.search(text)
    if not heading:
        return None
    state = _Reading()
    for line in _lines(text[heading.end():]):
        if _END.match(line):
            break
        _read_line(line, state)
    if not state.directors:
        return None
    checks: tuple[Check, ...] = ()
    if state.problem:
        checks = (Check("board_unreadable", "warning", "board committees",
                        f"{state.problem}; the committees are not compared"),)
    return BoardList(
        directors=tuple(state.directors.values()),
        committees=() if state.problem else _committees(state),
        heading=heading.group(0),
        checks=checks,
    )


def _lines(text: str) -> list[str]:
    """Lines of the list; a colon or full stop also ends a line, since a heading may be
    printed on the same line as the sentence before it ("... 如下：審核委員會")."""
    text = unspace_cjk(text)
    return [line.strip() for line in re.split(r"\n|(?<=[：。:])", text) if line.strip()]


def _read_line(line: str, state: _Reading) -> None:
    if _ROLE_HEADING.fullmatch(line):
        state.roles, state.committee, state.columns = canonical_roles(line), "", []
        return
    committees = [match.group(0).strip() for match in _COMMITTEE.finditer(line)]
    if len(committees) >= 2:  # a table's header row, perhaps with its first row after it
        state.columns, state.roles, state.committee = committees, (), ""
        line = line[line.rindex(committees[-1]) + len(committees[-1]):].strip()
    elif committees and len(committees[0]) >= len(line) - 1 and not re.search(r"[，。]|\.$", line):
        state.committee, state.roles, state.columns = committees[0], (), []
        return
    entries = _persons(line, table=bool(state.columns))
    for name, honorific, bracket, marks in entries:
        _take(state, name, honorific, bracket, marks)


def _persons(line: str, table: bool = False) -> list[tuple[str, str, str, list[str]]]:
    """(name, honorific, words in brackets, marks after) for each person on a line that
    holds only people; [] for any other line. In a committee table a name's last
    capitalised words may be its marks ("Mr. Chan Tai Man C M")."""
    pattern = _CHINESE_PERSON if re.search(rf"[{CJK}]", line) else _ENGLISH_PERSON
    found = []
    position = 0
    while position < len(line):
        match = pattern.match(line, position)
        if not match or match.end() == position:
            return []
        name = match.group("name")
        if pattern is _CHINESE_PERSON and _NOT_A_NAME.search(name):
            return []
        marks = re.findall(_MARK, match.group("marks") or "")
        if table and pattern is _ENGLISH_PERSON:
            name, marks = _marks_off(name, marks)
        honorific = (match.group("honorific") or "").rstrip(".")
        found.append((name, honorific, match.group("bracket") or "", marks))
        position = match.end()
        while position < len(line) and line[position] in " ,、":
            position += 1
    return found


def _marks_off(name: str, marks: list[str]) -> tuple[str, list[str]]:
    """A table row's marks read as the end of an English name, moved back to the marks."""
    words = name.split()
    while len(words) > 2 and re.fullmatch(_MARK, words[-1]):
        marks.insert(0, words.pop())
    return " ".join(words), marks


def _take(state: _Reading, name: str, honorific: str, bracket: str, marks: list[str]) -> None:
    """One person line: a director under a role heading, a member under a committee
    heading, or a row of a committee table."""
    key = name_key(name)
    if state.roles:
        roles = set(state.roles) | set(canonical_roles(bracket))
        ordered = tuple(role for role in ROLE_ORDER if role in roles)
        state.directors.setdefault(key, Director(name, ordered, honorific))
    elif state.committee:
        chair = bool(re.search(r"chair|主席", bracket, re.IGNORECASE))
        _member(state, state.committee, name, chair)
    elif state.columns:
        if marks and len(marks) != len(state.columns):
            state.problem = (f'the committee table row of "{name}" has {len(marks)} marks '
                             f"for {len(state.columns)} committees")
            return
        for committee, mark in zip(state.columns, marks, strict=False):
            _member(state, committee, name, bool(re.match(r"chair|主席|C$", mark, re.I)))


def _member(state: _Reading, committee: str, name: str, chair: bool) -> None:
    kind = committee_kind(committee)
    state.members.setdefault(kind, {}).setdefault(name_key(name), name)
    if chair:
        state.chairs[kind] = name


def _committees(state: _Reading) -> tuple[Committee, ...]:
    return tuple(
        Committee(members=tuple(members.values()), chair=state.chairs.get(kind, ""), kind=kind)
        for kind, members in state.members.items()
    )
