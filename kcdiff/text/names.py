"""People and roles as filings print them: honorifics, names, role phrases, name matching.

Shared by ``board`` (the closing board statement) and ``officers`` (signatory, audit
committee, announced appointments). Pure functions on text; no I/O.

- ``clean``: the statement text with PDF and Markdown artefacts removed ("non- executive",
  soft hyphens, ``*``), whitespace collapsed.
- ``role_phrases``: every run of role words ("Vice Chairman and executive director").
- ``people``: the names in a stretch of text, with their spans and honorifics.
- ``name_key`` / ``match_names``: who is the same person across two filings, and which
  leaver/joiner pairs are one person spelled differently.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from .cjk import COMPATIBILITY
from .lazy import lazy_pattern
from .normalize import comparable

__all__ = [
    "ROLE_ORDER", "Person", "RolePhrase", "clean", "role_phrases", "canonical_roles",
    "people", "name_key", "match_names", "similarity", "sentences", "blank_parentheses",
    "HONORIFIC", "NAME_RUN", "CJK", "CJK_HONORIFIC", "lazy_pattern", "unspace_cjk",
]


# Canonical roles in the order a report lists them.
# lead_independent_director and president are read from SEC signature blocks only.
ROLE_ORDER = (
    "chairman", "vice_chairman", "lead_independent_director", "chief_executive",
    "acting_chief_executive", "president", "executive", "non_executive",
    "independent_non_executive",
)
# Titles that only a signatory or an announced appointment carries.
OFFICE_ORDER = ("director", "company_secretary", "chief_financial_officer", "president")

_DIRECTORS = r"(?:\s+directors?)"
_ROLE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("independent_non_executive", rf"independent\s+non-?\s?executive{_DIRECTORS}?"),
    ("non_executive", rf"non-?\s?executive{_DIRECTORS}?"),
    ("vice_chairman", r"(?:vice|deputy)[\s-]?chair(?:man|woman|person)?(?:\s+of\s+the\s+board)?"),
    ("acting_chief_executive", r"acting\s+(?:chief\s+executive(?:\s+officer)?|CEO)"),
    ("chief_executive", r"chief\s+executive(?:\s+officer)?|CEO"),
    ("chairman", r"(?:co-)?chair(?:man|woman|person)(?:\s+of\s+the\s+board)?"),
    ("executive", rf"executive{_DIRECTORS}"),
)
_OFFICE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("company_secretary", r"(?:joint\s+)?company\s+secretary"),
    ("chief_financial_officer", r"chief\s+financial\s+officer|CFO"),
    ("president", r"president"),
    ("director", r"directors?"),
)


def _alternation(patterns: Sequence[tuple[str, str]]) -> str:
    return "|".join(f"(?P<{name}>{pattern})" for name, pattern in patterns)


_ROLE_WORD = _alternation(_ROLE_PATTERNS)
_ROLE_JOIN = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s*/\s*)(?:(?:an?|the)\s+)?"
_ROLE_PHRASE = lazy_pattern(
    rf"\b(?:{_ROLE_WORD})(?:{_ROLE_JOIN}(?:{_ROLE_WORD.replace('?P<', '?P<x_')}))*\b",
    re.IGNORECASE,
)
_ONE_ROLE = lazy_pattern(rf"\b(?:{_ROLE_WORD})\b", re.IGNORECASE)
_ONE_TITLE = lazy_pattern(
    rf"\b(?:{_ROLE_WORD}|{_alternation(_OFFICE_PATTERNS)})\b", re.IGNORECASE
)
# Chinese role words (traditional and simplified). Longer words first: 獨立非執行董事
# holds 非執行董事, which holds 執行董事; 聯席主席 and 副主席 hold 主席. 行政總裁 and
# 首席執行官 both mean chief executive officer.
_CJK_ROLE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("independent_non_executive", r"獨立非執行董事|独立非执行董事"),
    ("non_executive", r"非執行董事|非执行董事"),
    ("executive", r"執行董事|执行董事"),
    ("vice_chairman", r"副主席|副董事長|副董事长"),
    ("chairman", r"(?:聯席|联席)?主席|董事(?:會|会)?(?:主席|長|长)"),
    ("acting_chief_executive", r"署理(?:行政總裁|行政总裁|首席執行官|首席执行官)"),
    ("chief_executive", r"行政總裁|行政总裁|首席執行官|首席执行官"),
)
_CJK_ROLE = lazy_pattern(_alternation(_CJK_ROLE_PATTERNS))
# The ideographs a name is written in: IDEOGRAPHS without the Yijing hexagrams between
# Extension A and the unified block (U+4DC0-4DFF), and the compatibility ideographs.
CJK = "\u3400-\u4dbf\u4e00-\u9fff" + COMPATIBILITY
CJK_HONORIFIC = "先生|女士|小姐|太太|博士|教授"
# A name printed one character at a time ("廖 莉 萍 女 士"): three or more single CJK
# characters separated by single spaces.
# The last of them may touch the next word when it ends an honorific ("女 士組成").
_SPACED_CJK = lazy_pattern(
    rf"(?<![{CJK}])[{CJK}](?: [{CJK}](?![{CJK}])){{2,}}(?: [生士姐太授](?=[{CJK}]))?"
)

HONORIFIC = r"\b(?:Mr|Mrs|Ms|Miss|Mdm|Madam|Madame|Dr|Prof|Professor|Sir|Dame|Lord)\b\.?"
_HONORIFIC = lazy_pattern(HONORIFIC)
# Capitalised words that are never part of a person's name.
_NOT_NAME = (
    r"(?:The|And|As|All|Of|Company|Board|Directors?|Chairman|Chairwoman|Chairperson|Vice"
    r"|Deputy|Executive|Non|Independent|Chief|Officer|Acting|President|Secretary|Joint"
    r"|Managing|Committee|Audit|Limited|Ltd|Holdings|Hong|Kong|Website|Websites)\b"
)
_NAME_WORD = rf"(?!{_NOT_NAME})(?!{HONORIFIC}\s)[A-Z][A-Za-z']*(?:-[A-Za-z][A-Za-z']*)*"
NAME_RUN = rf"{_NAME_WORD}(?:\s+{_NAME_WORD})*"
# "Mr. Wang, John Peter Ben" / "Professor Li On-kwok, Victor": after an honorific a comma
# may separate a surname from given names; the given names end the entry.
_GIVEN_NAMES_END = r"(?=\s*(?:$|[,;.:)(]|\s(?:and|as|all|both|each|being|are|is|were|who)\b))"
_WITH_HONORIFIC = lazy_pattern(
    rf"(?P<honorific>{HONORIFIC})\s*(?P<name>{NAME_RUN}(?:,\s+{NAME_RUN}{_GIVEN_NAMES_END})?)"
)
_BARE_NAME = lazy_pattern(rf"(?<![\w.])(?P<name>{NAME_RUN})")
# Parts of a printed name that do not tell people apart: generational suffixes and
# degrees or honours after a name ("John J. Donahoe II", "John Noseworthy, M.D.", "JP").
_NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "md", "phd", "jp", "sbs", "bbs", "gbs", "mh"}
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "mdm", "no", "co", "ltd", "inc", "st", "messrs"}


@dataclass(frozen=True)
class Person:
    """A name as printed, without its honorific, and where it stands in the text."""

    name: str
    honorific: str
    start: int
    end: int


@dataclass(frozen=True)
class RolePhrase:
    roles: tuple[str, ...]
    start: int
    end: int


def clean(text: str) -> str:
    """Text as the readers see it: pdfium's end-of-line hyphen mark (U+FFFE) as a hyphen,
    soft hyphens and Markdown emphasis dropped, "non- executive" joined, single spaces."""
    text = comparable(text.replace("\ufffe", "-").replace("*", ""))
    return re.sub(r"(?<=[A-Za-z])- (?=[A-Za-z])", "-", text)


def unspace_cjk(text: str) -> str:
    """``text`` with names printed one spaced character at a time closed up
    ("廖 莉 萍 女 士" -> "廖莉萍女士"); two-character words ("主席 成員") stay apart."""
    return _SPACED_CJK.sub(lambda match: match.group(0).replace(" ", ""), text)


def canonical_roles(text: str, offices: bool = False) -> tuple[str, ...]:
    """The canonical roles named in ``text`` (English or Chinese), in ``ROLE_ORDER``
    (then office order)."""
    pattern = _ONE_TITLE if offices else _ONE_ROLE
    found = {
        name for regex in (pattern, _CJK_ROLE) for match in regex.finditer(text)
        for name, value in match.groupdict().items() if value
    }
    return tuple(role for role in dict.fromkeys((*ROLE_ORDER, *OFFICE_ORDER)) if role in found)


def role_phrases(text: str) -> list[RolePhrase]:
    """Each run of board role words in ``text`` ("Chairman and non-executive director")."""
    return [
        RolePhrase(canonical_roles(match.group(0)), match.start(), match.end())
        for match in _ROLE_PHRASE.finditer(text)
    ]


def blank_parentheses(text: str) -> str:
    """``text`` with parenthesised asides replaced by spaces (offsets kept): a defined
    term ("Ms. Wang") or a Chinese name inside brackets is not another person."""
    return re.sub(r"\([^()]*\)", lambda match: " " * len(match.group(0)), text)


def people(text: str) -> list[Person]:
    """The names in ``text``. With honorifics ("Mr. Zou Tao") each honorific starts a name
    and a comma may sit inside it; without any, names are runs of capitalised words."""
    text = blank_parentheses(text)
    if _HONORIFIC.search(text):
        return [
            Person(match.group("name"), match.group("honorific").rstrip("."),
                   match.start(), match.end())
            for match in _WITH_HONORIFIC.finditer(text)
        ]
    return [
        Person(match.group("name"), "", match.start(), match.end())
        for match in _BARE_NAME.finditer(text)
    ]


def name_key(name: str) -> str:
    """Who a name refers to: its words lower-cased, without hyphens or apostrophes, and
    sorted, so "Li On-kwok, Victor", "Victor Li On-kwok" and "Li Onkwok Victor" (a soft
    hyphen lost at a line end) are the same person; middle initials and suffixes are left
    out ("Robert K. Burgess" is "Robert Burgess"). A Chinese name is its characters, in
    order, without spaces or an honorific ("廖 莉 萍 女 士" is "廖莉萍")."""
    text = comparable(name)
    # An ASCII name holds no CJK: answered without compiling the class (~1.3 ms).
    chinese = "" if text.isascii() else "".join(re.findall(rf"[{CJK}]+", text))
    if chinese:
        return re.sub(rf"(?:{CJK_HONORIFIC})$", "", chinese)
    # Accents folded: "R. Martin Chávez" signs as "R. MARTIN CHAVEZ".
    folded = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    words = re.findall(r"[a-z0-9]+", re.sub(r"[-'.]", "", folded.lower().replace(".", ". ")))
    kept = [w for w in words if len(w) > 1 and w not in _NAME_SUFFIXES]
    return " ".join(sorted(kept or words))


# Two Chinese names of three or more characters with the same surname and one other
# character different score this: a variant glyph (林至頴 / 林至穎) or a misprint, which
# the board comparison accepts only at the same place among directors with the same roles.
CJK_ONE_GLYPH_SCORE = 90.0


def similarity(old: str, new: str) -> float:
    """How alike two names are, 0-100 (rapidfuzz ratio of their ``name_key``)."""
    a, b = name_key(old), name_key(new)
    # An ASCII key is no Chinese name, answered without compiling the class (~1.3 ms).
    if (a and b and a[0] == b[0] and len(a) == len(b) >= 3 and not a.isascii()
            and re.fullmatch(rf"[{CJK}]+", a + b)):
        if sum(x != y for x, y in zip(a, b, strict=True)) == 1:
            return CJK_ONE_GLYPH_SCORE
    return fuzz.ratio(a, b)


def match_names(
    old: Sequence[str], new: Sequence[str], threshold: float = 88.0
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(same, renamed): index pairs of the same person in ``old`` and ``new``, and of
    leaver/joiner pairs similar enough to be one person spelled differently. The caller
    decides what else must agree (roles, position) by passing comparable lists."""
    old_keys = [name_key(name) for name in old]
    new_keys = [name_key(name) for name in new]
    same = [(i, new_keys.index(key)) for i, key in enumerate(old_keys) if key in new_keys]
    left = [i for i in range(len(old)) if i not in {pair[0] for pair in same}]
    joined = [j for j in range(len(new)) if j not in {pair[1] for pair in same}]
    scored = sorted(
        ((similarity(old[i], new[j]), i, j) for i in left for j in joined),
        reverse=True,
    )
    renamed: list[tuple[int, int]] = []
    for score, i, j in scored:
        if score < threshold:
            break
        if all(i != a and j != b for a, b in renamed):
            renamed.append((i, j))
    return same, sorted(renamed)


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text``: a full stop ends one unless it closes an
    honorific, an abbreviation or an initial ("Mr.", "Ltd.", "J.")."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in re.finditer(r"\.(?=\s|$)", text):
        word = re.search(r"(\w+)$", text[start:match.start()])
        if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
            continue
        spans.append((start, match.end()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans
