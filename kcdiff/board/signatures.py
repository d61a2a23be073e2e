"""The signature block of an SEC report (10-K, 20-F): who signed, in what capacity.

After "this report has been signed below by the following persons ..." every director
signs, with officers who sign only as officers (principal financial and accounting
officers). The layouts differ:

- HTML tables, one signer per row: ``/s/ NAME | Director | date`` (the printed name on
  the next row, or before the title, or in brackets);
- PDF lines: ``/S/ NAME  Director  date``, two signers side by side in a grid
  (``By /s/ A By /s/ B`` then "A" and its title, then "B" and its title);
- a grid of ``*  Director  date`` rows, each followed by a printed name, signed by an
  attorney-in-fact (``*By /s/ NAME  Attorney-in-Fact``).

The block is cut into pieces at each ``/s/`` and ``*`` mark and at each line end; a piece
that starts with a signer's printed name (in any spelling ``names.name_key`` accepts)
turns to that signer, anything else is title text of the signer in hand. A director is
a signer whose capacity says director or chair of the board (or who is listed under a
"DIRECTORS:" heading); attorneys-in-fact and officers signing only as officers are not.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ..model import Director
from ..text.dates import ANY_MONTH
from ..text.names import ROLE_ORDER, lazy_pattern, name_key

__all__ = ["Signer", "read_signatures", "signature_directors"]

_BELOW = lazy_pattern(
    r"signed\s+(?:below\s+)?by\s+the\s+following\s+persons", re.IGNORECASE
)
# Where the signature pages end: the exhibits, certifications or financial statements.
_BLOCK_END = lazy_pattern(
    r"^(?:Exhibit\s+\d|EXHIBIT\s+\d|CERTIFICATIONS?\b|Index to (?:Consolidated )?Financial"
    r"|Report of Independent|SUBSIDIARIES\b)",
    re.MULTILINE,
)
MAX_BLOCK_CHARS = 12000
_TITLE_WORD = (
    r"(?:Director|Directors|Chair|Chairman|Chairwoman|Chairperson|Chief|President|Executive"
    r"|Senior|Vice|Corporate|Lead|Co-Founder|Founder|Principal|Controller|Treasurer"
    r"|Secretary|Attorney|General|Independent|By|Date|Signature|Title|As)\b"
)
_NAME_WORD = rf"(?!(?i:{_TITLE_WORD}))\(?[A-Z\u00c0-\u00de][\w'.()-]*,?"
# The name after "/s/": capitalised words up to the first title word ("/s/ Donald W.
# Blair Director"); see ``_signed_name`` for a signed name followed by the printed one.
_MARK = lazy_pattern(
    rf"/[sS]/\s*(?P<name>{_NAME_WORD}(?:[^\S\n]+{_NAME_WORD})*)"
    rf"|(?<![\w/])\*(?=[ \t]*(?:\t|Director|Chair|$))"
)
_DATE = lazy_pattern(
    rf"(?:Dated?:?\s*)?(?:{ANY_MONTH})\.?\s+\d{{1,2}},?\s+\d{{4}}|\bBy:?(?=\s|$)|\bDated?:"
)
_GROUP = lazy_pattern(r"^[A-Z ,&]+:$")
_ATTORNEY = lazy_pattern(r"attorney[\s-]+in[\s-]+fact", re.IGNORECASE)
# A seat on the board; "Senior Director of Corporate Accounting" is a job, not a seat,
# and "Secretary of the Board of Directors" names the board, not a seat on it.
_DIRECTOR = lazy_pattern(
    r"(?<!board of )\bdirectors?\b(?!\s+of\b)|\bchair(?:man|woman|person)?\b", re.IGNORECASE
)
_INITIAL = lazy_pattern(r"\(?(?:[A-Z]\.)?")  # "W.", "(B." or a lone bracket
_SUFFIX = lazy_pattern(r"(?:Jr|Sr|II|III|IV|M\.D|Ph\.D)\.?,?")
_FIRM = lazy_pattern(r"\b(?:LLP|LLC|L\.L\.P\.)\s*$")


@dataclass(frozen=True)
class Signer:
    """One person in the signature block: the name as signed, as printed beside the
    signature (when it is), the capacity printed and the heading it stands under."""

    name: str
    title: str = ""
    group: str = ""
    printed: str = ""

    @property
    def is_director(self) -> bool:
        capacity = f"{self.group} {self.title}"
        return bool(_DIRECTOR.search(capacity)) and not _ATTORNEY.search(self.title)


@dataclass
class _Signing:
    """The reader's working record of one signer, completed piece by piece."""

    name: str
    title: str = ""
    group: str = ""
    keys: set[str] = field(default_factory=set)
    printed: str = ""


def read_signatures(text: str) -> tuple[Signer, ...] | None:
    """The signers of the report in ``text`` (lines in reading order); None when it has
    no "signed below by the following persons" block."""
    found = list(_BELOW.finditer(text))
    if not found:
        return None
    block = text[found[-1].end():found[-1].end() + MAX_BLOCK_CHARS]
    block = block[block.find("\n") + 1:]  # the rest of that sentence
    end = _BLOCK_END.search(block)
    return _signers(block[:end.start()] if end else block)


def signature_directors(signers: Sequence[Signer]) -> tuple[Director, ...]:
    """The directors among the signers, with the board roles their capacity names."""
    return tuple(
        Director(_display_name(signer), _roles(f"{signer.group} {signer.title}"))
        for signer in signers if signer.is_director
    )


def _signers(block: str) -> tuple[Signer, ...]:
    signers: list[_Signing] = []
    current: _Signing | None = None
    pending: _Signing | None = None  # a "*" row: its name is printed on the next line
    group = ""
    for piece, mark in _pieces(block, signers):
        if mark is not None:
            current = _signer(signers, mark, group) if mark else _Signing("", group=group)
            pending = None if mark else current
            text = piece
        else:
            if _GROUP.match(piece.strip()):
                group = piece.strip()
                continue
            who, text = _printed_name(piece, signers)
            if who is not None:
                current = who
            elif pending is not None and _looks_like_name(piece):
                pending.name, pending.keys = piece.strip(), {name_key(piece)}
                signers.append(pending)
                current, pending, text = pending, None, ""
        if current is not None and text.strip():
            current.title = f"{current.title} {_DATE.sub(' ', text)}".strip()
    return tuple(
        Signer(signer.name, signer.title, signer.group, signer.printed)
        for signer in signers if signer.name and not _FIRM.search(signer.name)
    )


def _pieces(block: str, signers: list[_Signing]) -> Iterator[tuple[str, str | None]]:
    """(text, mark) pieces: ``mark`` is the signed name after "/s/", "" for a "*" mark,
    None for text on a line of its own (or after a mark's name). A generator: the
    signers read so far tell where a printed name starts."""
    for line in block.splitlines():
        position = 0
        for match in _MARK.finditer(line):
            before = line[position:match.start()]
            if before.strip(" \t*"):
                yield before, None
            name, printed = _signed_name(match.group("name") or "")
            yield "", name
            position = match.end()
            if printed:  # the printed name after the signature is read as a piece
                position = line.find(printed.split()[0], match.start("name") + len(name))
        rest = line[position:]
        if rest.strip():
            yield from ((part, None) for part in _split_at_names(rest, signers))


def _signed_name(run: str) -> tuple[str, str]:
    """The signed name of a run of capitalised words after "/s/": a signature in
    capitals followed by the printed name ("JOHN J. DONAHOE II John J. Donahoe II") ends
    where the capitals end."""
    words = run.strip(" ,").split()
    upper = [w for w in words if w.upper() == w]
    if len([w for w in upper if len(w.strip(".,()")) > 1]) >= 2 and len(upper) < len(words):
        cut = next(i for i, w in enumerate(words) if w.upper() != w)
        # the printed name starts at its bracket or initials: "ALLEN (B. Marc", "JAMES W. Craig"
        while cut > 1 and _INITIAL.fullmatch(words[cut - 1]):
            cut -= 1
        return " ".join(words[:cut]).strip(" ,"), " ".join(words[cut:])
    return " ".join(words), ""


def _split_at_names(text: str, signers: list[_Signing]) -> list[str]:
    """``text`` cut before each known signer's printed name of two words or more (two
    signers' names and titles side by side on one line)."""
    words = text.split()
    cuts = [0] + [
        i for i in range(1, len(words))
        if not _INITIAL.fullmatch(words[i - 1])  # "L. John Doerr" is one name
        and any(_key_at(words, i, count, signers) for count in range(2, 7))
    ] + [len(words)]
    return [" ".join(words[a:b]) for a, b in zip(cuts, cuts[1:], strict=False) if a < b]


def _key_at(words: list[str], start: int, count: int, signers: list[_Signing]) -> bool:
    if start + count > len(words):
        return False
    key = name_key(" ".join(words[start:start + count]).strip("()"))
    return any(key in signer.keys for signer in signers)


def _signer(signers: list[_Signing], name: str, group: str) -> _Signing:
    key = name_key(name)
    for signer in signers:
        if key in signer.keys:
            return signer
    signer = _Signing(name, group=group, keys={key})
    signers.append(signer)
    return signer


def _printed_name(piece: str, signers: list[_Signing]) -> tuple[_Signing | None, str]:
    """The signer whose name starts ``piece`` ("Andrew R. Jassy President ...",
    "(Jon R. Moeller) Chairman ..."), and the rest of the piece."""
    words = piece.split()
    for count in range(1, min(6, len(words)) + 1):
        key = name_key(" ".join(words[:count]).strip("()"))
        for signer in signers:
            if key and key in signer.keys:
                while count < len(words) and _SUFFIX.fullmatch(words[count]):
                    count += 1  # "John Rogers, Jr.": the suffix is part of the printed name
                rest = piece.strip().split(None, count)
                printed = " ".join(words[:count]).strip("()–—-, ")
                signer.printed = signer.printed or printed
                return signer, rest[count] if len(rest) > count else ""
    return None, piece


def _looks_like_name(piece: str) -> bool:
    words = piece.split()
    return 1 < len(words) <= 6 and not re.search(_TITLE_WORD, piece) and words[0][0].isupper()


def _display_name(signer: Signer) -> str:
    """The signer's name as a person would write it: the printed or signed form that is
    not in capitals, else the capitals titled ("JON R. MOELLER" -> "Jon R. Moeller")."""
    for name in (signer.printed, signer.name):
        if name and name.upper() != name:
            return name
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), signer.name.lower())


def _roles(capacity: str) -> tuple[str, ...]:
    """Board roles a signer's capacity names: chair (of the board), vice-chair, lead
    independent director, CEO, president (not a vice president)."""
    text = unicodedata.normalize("NFKC", capacity).lower()
    found = set()
    if re.search(r"\bvice[\s-]chair", text):
        found.add("vice_chairman")
    if re.search(r"(?<!vice )(?<!vice-)\bchair(?:man|woman|person)?\b", text):
        found.add("chairman")
    if re.search(r"\bacting (?:chief executive officer|ceo)\b", text):
        found.add("acting_chief_executive")  # not yet the chief executive
    elif re.search(r"\bchief executive officer\b|\bceo\b", text):
        found.add("chief_executive")
    if re.search(r"\blead independent director\b", text):
        found.add("lead_independent_director")
    if re.search(r"(?<!vice )(?<!vice-)\bpresident\b", text):
        found.add("president")
    return tuple(role for role in ROLE_ORDER if role in found)
