"""Offices around the board: the announcement's signatory, the audit committee, and
appointments or resignations that a filing announces in a section of its own.

Readers take cleaned text (``names.clean``) or sections; comparers take what two filings
said and return ``model.OfficerChange`` entries. Statuses:

- ``changed``: the signatory, the signatory's titles, or the committee chair differ, or a
  committee member's name is spelled differently;
- ``joined`` / ``left``: a member of the audit committee in one filing but not the other;
- ``appointed`` / ``resigned`` / ``retired``: an event the new filing announces (and the
  old one did not).

A committee or signatory a filing does not state is unknown, never "empty": nothing is
reported against it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from ..model import OfficerChange, Section
from ..text.dates import ANY_MONTH
from ..text.names import (
    HONORIFIC,
    NAME_RUN,
    blank_parentheses,
    canonical_roles,
    clean,
    lazy_pattern,
    match_names,
    name_key,
    people,
    sentences,
)

__all__ = [
    "Signatory", "Committee", "read_signatory", "read_audit_committee",
    "read_officer_events", "compare_signatories", "compare_committees", "new_events",
]

_BY_ORDER = lazy_pattern(r"\bBy order of the board\b", re.IGNORECASE)
_MONTH = rf"(?:{ANY_MONTH})"
# Where the signatory block ends: "Hong Kong, 24 April 2009", "17 September, 2008",
# a website line, or the board statement itself.
_BLOCK_END = lazy_pattern(
    rf"(?:\b[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+)?,\s*)?(?:\b\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}"
    rf"|\b{_MONTH},?\s+(?:\d{{1,2}},?\s+)?\d{{4}})|\bWebsites?\b|\bAs (?:at|of) the date\b",
)
_COMPANY_END = lazy_pattern(
    r"\b(?:Limited|Ltd|Inc|Incorporated|Corporation|Corp|plc|PLC|LLC)\b\.?"
)
_SIGNATORY = lazy_pattern(
    rf"\s*(?:(?P<honorific>{HONORIFIC})\s*)?(?P<name>{NAME_RUN})(?P<titles>.*)", re.DOTALL
)
MAX_SIGNATORY_CHARS = 400

_AUDIT_MEMBERSHIP = lazy_pattern(
    r"\baudit committee\b[^.]{0,40}?\b(?:comprises|comprised|consists|consisted|is composed"
    r"|is made up|has \w+ members|members are)\b",
    re.IGNORECASE,
)
_CHAIR_AFTER = lazy_pattern(
    r"\b(?:as|is|was|acts as|serves as)\s+(?:the\s+)?chair(?:man|woman|person)?\b",
    re.IGNORECASE,
)
_CHAIR_BEFORE = lazy_pattern(r"\bchaired by\b", re.IGNORECASE)
_OTHER_COMMITTEE = lazy_pattern(r"\b(?:remuneration|nomination)\s+committee\b", re.IGNORECASE)

_EVENT_TITLE = lazy_pattern(
    r"\b(?:APPOINTMENTS?|RESIGNATIONS?|RETIREMENTS?|RE-?DESIGNATIONS?|CHANGES?|CESSATIONS?)\b"
    r".*\b(?:DIRECTORS?|SECRETAR(?:Y|IES)|CHAIR(?:MAN|WOMAN|PERSON)?|CHIEF EXECUTIVE"
    r"|OFFICERS?|COMMITTEES?|REPRESENTATIVES?|BOARD)\b",
    re.IGNORECASE,
)
_WHO = lazy_pattern(
    rf"(?P<honorific>{HONORIFIC})\s*(?P<name>{NAME_RUN}(?:,\s+{NAME_RUN})?)(?:\s*\([^)]*\))?"
)
_OFFICE = r"(?P<office>[^.;]+)"
# What may follow a person to make an event; the person pattern is compiled once and
# each event's wording is tried where it ends.
_AFTER_WHO: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (status, lazy_pattern(pattern))
    for status, pattern in (
        ("resigned", rf"\s+(?:has|had|have)\s+(?:tendered\s+(?:his|her|their)\s+"
                     rf"resignation|resigned)\s+(?:as|from)\s+{_OFFICE}"),
        ("retired", rf"\s+(?:has\s+|had\s+|will\s+)?retired?\s+(?:as|from)\s+{_OFFICE}"),
        ("appointed", rf"\s+(?:(?:has|had)\s+(?:also\s+)?been|was|is|will\s+be)\s+"
                      rf"(?:re-?designated|appointed)\s+(?:as\s+)?{_OFFICE}"),
    )
)
_APPOINTMENT_OF = lazy_pattern(r"\bappointment\s+of\s+$")
_AS_OFFICE = lazy_pattern(rf"\s+as\s+{_OFFICE}")
_EFFECTIVE = lazy_pattern(
    rf"\bwith effect from\s+(\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})",
    re.IGNORECASE,
)
# Where the office named in an event ends: "executive Director, with effect from ...",
# "company secretary of the Company", "Director and also ceased to act as ...".
_OFFICE_TAIL = lazy_pattern(
    r"\s*(?:,|\(|\band also\b|\bas an addition\b|\bof the (?:Company|Board)\b|\bwith effect\b"
    r"|\bdue to\b|\bbecause\b|\bon \d|\bupon\b).*$",
    re.IGNORECASE | re.DOTALL,
)
# An office at another company: "non-executive director of China Precious Metal Resources
# Holdings Co.", "deputy chairman of the board of Summit Ascent Holdings Limited".
_ELSEWHERE = lazy_pattern(
    r"\bof\s+(?!the\s+(?:Company|Board|Group)\b)(?:[A-Z][\w&.'-]*\s+){1,8}?"
    r"(?:Limited|Ltd|Co|Company|Corporation|Inc|plc)\b"
)
# A short name defined for a person: Mr. Xie Baitang ("Mr. Xie").
_DEFINED_NAME = lazy_pattern(
    rf"{HONORIFIC}\s*(?P<name>{NAME_RUN})\s*\(\s*\"\s*{HONORIFIC}\s*(?P<short>{NAME_RUN})\s*\"\s*\)"
)


@dataclass(frozen=True)
class Signatory:
    """Who signed the announcement "By order of the Board", and as what."""

    name: str
    honorific: str = ""
    titles: tuple[str, ...] = ()  # canonical, see names.ROLE_ORDER and names.OFFICE_ORDER
    title_text: str = ""  # as printed


@dataclass(frozen=True)
class Committee:
    """A board committee as a filing states it; ``chair`` is "" when not stated.
    ``kind``: audit, remuneration, nomination, risk_management, esg, or the name printed."""

    members: tuple[str, ...]
    chair: str = ""
    kind: str = "audit"


def read_signatory(text: str) -> Signatory | None:
    """The signatory after the last "By order of the Board" in cleaned ``text``."""
    openings = list(_BY_ORDER.finditer(text))
    if not openings:
        return None
    block = text[openings[-1].end():openings[-1].end() + MAX_SIGNATORY_CHARS]
    end = _BLOCK_END.search(block)
    block = block[:end.start()] if end else block
    companies = list(_COMPANY_END.finditer(block))
    if companies:
        block = block[companies[-1].end():]
    match = _SIGNATORY.match(block)
    if not match:
        return None
    title_text = match.group("titles").strip(" ,;")
    return Signatory(
        name=match.group("name"),
        honorific=(match.group("honorific") or "").rstrip("."),
        titles=canonical_roles(title_text, offices=True),
        title_text=title_text,
    )


def read_audit_committee(text: str) -> Committee | None:
    """Members and chair of the audit committee, from the first sentence of cleaned ``text``
    that states its membership and the two sentences after it."""
    found = _AUDIT_MEMBERSHIP.search(text)
    if not found:
        return None
    window = text[found.start():found.start() + 1500]
    spans = sentences(window)
    first = window[spans[0][0]:spans[0][1]]
    members = _distinct(person.name for person in people(first))
    if not members:
        return None
    nearby = [window[start:end] for start, end in spans[:3]]
    nearby = [nearby[0], *(s for s in nearby[1:] if not _OTHER_COMMITTEE.search(s))]
    chair = next((name for name in map(_chair_in, nearby) if name), "")
    return Committee(members=members, chair=chair)


def _chair_in(sentence: str) -> str:
    sentence = blank_parentheses(sentence)
    persons = people(sentence)
    for phrase in _CHAIR_AFTER.finditer(sentence):
        before = [person for person in persons if person.end <= phrase.start()]
        if before:
            return before[-1].name
    for phrase in _CHAIR_BEFORE.finditer(sentence):
        after = [person for person in persons if person.start >= phrase.end()]
        if after:
            return after[0].name
    return ""


def _distinct(names: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name_key(name), name)
    return tuple(seen.values())


def read_officer_events(sections: Sequence[Section]) -> tuple[OfficerChange, ...]:
    """Appointments, resignations and retirements announced in sections whose titles say
    so ("RESIGNATION OF JOINT COMPANY SECRETARY", "CHANGE OF DIRECTORS"). A person named by
    a defined short name ("Mr. Xie") is given the full name it was defined for."""
    events: dict[tuple[str, str, str], OfficerChange] = {}
    for section in sections:
        if section.category == "cover" or not _EVENT_TITLE.search(section.title):
            continue
        text = clean(section.text)
        full_names = {
            name_key(match.group("short")): match.group("name")
            for match in _DEFINED_NAME.finditer(text)
        }
        for start, end in sentences(text):
            for event in _sentence_events(text[start:end]):
                name = full_names.get(name_key(event.name), event.name)
                event = replace(event, name=name)
                events.setdefault((event.status, event.office, name_key(name)), event)
    return tuple(events.values())


def _sentence_events(sentence: str) -> list[OfficerChange]:
    events = []
    for status, who, match in _event_matches(sentence):
        office_text = match.group("office")
        if _ELSEWHERE.search(office_text):
            continue  # a director's post at another company ("... of Summit Ascent Ltd")
        office = _office_of(_OFFICE_TAIL.sub("", office_text))
        if not office:
            continue
        detail = _OFFICE_TAIL.sub("", office_text).strip()
        detail = re.sub(r"^(?:an?|the)\s+", "", detail)
        effective = _EFFECTIVE.search(office_text)
        if effective:
            detail += f", with effect from {effective.group(1).strip()}"
        events.append(OfficerChange(status, office, who.group("name"), detail=detail))
    return events


def _event_matches(sentence: str):
    """(status, person, wording) for each event in a sentence, in the order of the
    wordings: resignations, retirements, appointments, "appointment of ... as"."""
    people = list(_WHO.finditer(sentence))
    for status, after in _AFTER_WHO:
        for who in people:
            match = after.match(sentence, who.end())
            if match:
                yield status, who, match
    for who in people:
        match = _AS_OFFICE.match(sentence, who.end())
        if match and _APPOINTMENT_OF.search(sentence, 0, who.start()):
            yield "appointed", who, match


def _office_of(office: str) -> str:
    """The office an event names ("a joint company secretary" -> company_secretary);
    "" for offices kcdiff does not follow (other committees, auditors)."""
    lower = office.lower()
    if "company secretary" in lower:
        return "company_secretary"
    if "audit committee" in lower:
        return "audit_committee_chair" if "chair" in lower else "audit_committee_member"
    if "committee" in lower:
        return ""
    if re.search(r"authori[sz]ed representative", lower):
        return "authorised_representative"
    roles = canonical_roles(office, offices=True)
    board_seat = {"executive", "non_executive", "independent_non_executive", "director"}
    if board_seat & set(roles):
        return "director"
    return roles[0] if roles else ""


def compare_signatories(old: Signatory | None, new: Signatory | None) -> list[OfficerChange]:
    """A different signatory, or the same one signing with different titles or with the
    name spelled differently (as members of the board are matched). Titles listed in
    another order are the same titles."""
    if old is None or new is None:
        return []
    same, respelled = match_names([old.name], [new.name])
    if not same and not respelled:
        detail = f"{old.title_text or '-'} -> {new.title_text or '-'}"
        return [OfficerChange("changed", "signatory", new.name, old.name, detail)]
    details = ["the same signatory spelled differently"] if respelled else []
    if _title_set(old) != _title_set(new):
        details.append(f"titles: {old.title_text or '-'} -> {new.title_text or '-'}")
    if not details:
        return []
    return [OfficerChange("changed", "signatory", new.name, old.name, "; ".join(details))]


def _title_set(signatory: Signatory) -> frozenset[str]:
    if signatory.titles:
        return frozenset(signatory.titles)
    return frozenset(re.findall(r"[a-z]+", signatory.title_text.lower()))


def compare_committees(
    old: Committee | None, new: Committee | None, committee: str = "audit_committee"
) -> list[OfficerChange]:
    """Chair and members of a committee both filings state."""
    if old is None or new is None:
        return []
    changes = []
    if old.chair and new.chair:
        # The chair is matched as the members are: one person spelled differently is
        # said to be so, not reported as a new chair.
        same, respelled = match_names([old.chair], [new.chair])
        if respelled or not same:
            detail = "the same chair spelled differently" if respelled else ""
            changes.append(OfficerChange("changed", f"{committee}_chair", new.chair,
                                         old.chair, detail))
    same, renamed = match_names(old.members, new.members)
    member = f"{committee}_member"
    for i, j in renamed:
        changes.append(OfficerChange("changed", member, new.members[j], old.members[i],
                                     "the same member spelled differently"))
    kept_old = {i for i, _ in same + renamed}
    kept_new = {j for _, j in same + renamed}
    changes += [OfficerChange("left", member, name, name)
                for i, name in enumerate(old.members) if i not in kept_old]
    changes += [OfficerChange("joined", member, name)
                for j, name in enumerate(new.members) if j not in kept_new]
    return changes


def new_events(
    old: Sequence[OfficerChange], new: Sequence[OfficerChange]
) -> list[OfficerChange]:
    """Events the new filing announces that the old one did not already announce."""
    announced = {(event.status, event.office, name_key(event.name)) for event in old}
    return [
        event for event in new
        if (event.status, event.office, name_key(event.name)) not in announced
    ]
