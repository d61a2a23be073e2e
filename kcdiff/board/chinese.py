"""The closing board statement of a Chinese HKEX announcement.

「於本公告日期，本公司執行董事為廖莉萍女士（聯席主席）及何澤宇先生。本公司非執行董事為
田軼先生（聯席主席）及邊文斌先生。本公司獨立非執行董事為朱凱勤先生、林至穎先生及鄧社堅先生。」
or 「於本公告日期，董事會由執行董事甲先生及乙女士；以及獨立非執行董事丙先生組成。」

Chinese statements name the role first and the people after it, so each person takes the
nearest role word before them (執行董事 / 非執行董事 / 獨立非執行董事); a role in brackets
after a name (「（聯席主席）」, 「（副主席）」) is that person's alone. A person is a name
followed by an honorific (先生, 女士, ...): a statement whose names carry none, or whose
first name comes before any role, is not read (``problem`` says why) rather than guessed.
"""

from __future__ import annotations

import re

from ..model import Director
from ..text.names import (
    CJK,
    CJK_HONORIFIC,
    ROLE_ORDER,
    canonical_roles,
    lazy_pattern,
    unspace_cjk,
)

__all__ = ["find_chinese_statement", "read_chinese_statement"]

_OPENING = lazy_pattern(
    r"於本(?:公告|公佈)日期\s*[，,、]?\s*|于本公(?:告|布)日期\s*[，,]?\s*"
)
# The statement ends with the sentence that no longer speaks of directors, or at the
# signature 「承董事會命」.
_END = lazy_pattern(r"承董事會命|承董事会命|\n\s*\n")
MAX_STATEMENT_CHARS = 800
_SEAT = lazy_pattern(r"(?:獨立|独立)?非?(?:執行|执行)董事")
# Words that introduce or join names (為 "are", 則為 "in turn are", 及 "and") are not
# part of a name.
_NAME_CHAR = rf"(?:(?![為为則则及與与由])[{CJK}])"
# A name starts after a word that introduces or separates names (為, 、, 及, 由 ...), or
# right after a role (「執行董事廖莉萍女士」).
_PERSON = lazy_pattern(
    r"(?:(?<=[為为、及和與与由，,；;：:\s])|(?<=董事)|(?<=主席)|(?<=以及))"
    rf"(?P<name>{_NAME_CHAR}{{2,4}}?)(?P<honorific>{CJK_HONORIFIC})"
    r"(?:\s*[(（](?P<bracket>[^()（）]*)[)）])?"
)
_BRACKETS = lazy_pattern(r"[(（][^()（）]*[)）]")


def find_chinese_statement(text: str) -> str:
    """The last 「於本公告日期，…」 passage about the directors, up to its last sentence
    that names 董事 (directors), or ""."""
    openings = [
        match for match in _OPENING.finditer(text)
        if re.search(r"董事", text[match.end():match.end() + 60])
    ]
    if not openings:
        return ""
    tail = text[openings[-1].start():openings[-1].start() + MAX_STATEMENT_CHARS]
    end = _END.search(tail)
    tail = tail[:end.start()] if end else tail
    kept: list[str] = []
    for sentence in re.findall(r"[^。]+。?", tail):
        if kept and "董事" not in sentence:
            break
        kept.append(sentence)
    return "".join(kept).strip()


def read_chinese_statement(statement: str) -> tuple[tuple[Director, ...], str]:
    """(directors, problem) for one Chinese board statement; ``problem`` is "" when it
    was read, and the directors are then in the order the statement names them."""
    body = unspace_cjk(statement)
    unbracketed = _BRACKETS.sub(lambda match: " " * len(match.group(0)), body)
    seats = [(match.start(), canonical_roles(match.group(0)))
             for match in _SEAT.finditer(unbracketed)]
    persons = [match for match in _PERSON.finditer(body) if unbracketed[match.start()] != " "]
    if not persons:
        return (), "no names with an honorific (先生/女士) found"
    directors: dict[str, Director] = {}
    for person in persons:
        before = [roles for start, roles in seats if start < person.start()]
        if not before:
            return (), f"{person.group('name')} is named before any director role"
        roles = set(before[-1]) | set(canonical_roles(person.group("bracket") or ""))
        name = person.group("name")
        ordered = tuple(role for role in ROLE_ORDER if role in roles)
        directors.setdefault(name, Director(name, ordered, person.group("honorific")))
    return tuple(directors.values()), ""
