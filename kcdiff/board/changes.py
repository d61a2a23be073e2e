"""Two filings' boards compared: who joined or left, whose roles or name changed, and
the offices around the board (signatory, committees, announced appointments).

- ``compare_boards(old, new)``: ``BoardChange`` entries (joined, left, role_changed,
  name_changed), only when both filings' boards were read, and ``OfficerChange``
  entries (see ``officers``);
- ``board_checks(old, new)``: the checks of both readings, tagged old/new, and a note
  when only one filing has a board part.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import BoardChange, Check, Director, OfficerChange
from ..text.names import CJK, match_names, name_key, similarity
from . import officers
from .statement import BoardStatement

__all__ = ["compare_boards", "board_checks"]

# One person spelled differently: same roles, similar name (rapidfuzz ratio of the
# lower-cased words), and the same place among the directors with those roles unless
# the names are nearly identical.
NAME_TYPO_SCORE = 88.0
NAME_TYPO_ANYWHERE = 95.0


def compare_boards(
    old: BoardStatement, new: BoardStatement
) -> tuple[list[BoardChange], list[OfficerChange]]:
    """Board changes (only when both statements were read) and officer changes."""
    board = _director_changes(old.directors, new.directors)
    if not (old.readable and new.readable) or not same_language(old, new):
        board = []
    events = officers.new_events(old.officer_events, new.officer_events)
    if old.readable and new.readable:
        # The two statements are the truth about seats: an announced seat change is either
        # a board change already or a recount of one before the old filing; and a director
        # who left gave up the committee posts with the seat.
        left = {name_key(change.name) for change in board if change.status == "left"}
        events = [event for event in events if event.office != "director"
                  and not (event.status != "appointed" and name_key(event.name) in left)]
    offices = [
        *officers.compare_signatories(old.signatory, new.signatory),
        *_committee_changes(old, new),
        *events,
    ]
    return board, offices


def _committee_changes(old: BoardStatement, new: BoardStatement) -> list[OfficerChange]:
    """Chair and member changes of each committee both filings list, else of the audit
    committee their prose describes."""
    if not same_language(old, new):
        return []
    listed_old = {committee.kind: committee for committee in old.committees}
    listed_new = {committee.kind: committee for committee in new.committees}
    if not (listed_old and listed_new):
        return officers.compare_committees(old.audit_committee, new.audit_committee)
    return [
        change for kind in listed_new if kind in listed_old
        for change in officers.compare_committees(listed_old[kind], listed_new[kind],
                                                  f"{kind}_committee")
    ]


def _director_changes(
    old: tuple[Director, ...], new: tuple[Director, ...]
) -> list[BoardChange]:
    same, _ = match_names([d.name for d in old], [d.name for d in new])
    renamed = _renamed(old, new, {i for i, _ in same}, {j for _, j in same})
    old_of = {j: i for i, j in same + renamed}
    changes = [
        BoardChange("left", d.name, d.name, old_roles=d.roles)
        for i, d in enumerate(old) if i not in {pair[0] for pair in same + renamed}
    ]
    for j, director in enumerate(new):
        if j not in old_of:
            changes.append(BoardChange("joined", director.name, new_roles=director.roles))
            continue
        before = old[old_of[j]]
        if (old_of[j], j) in renamed:
            status = "name_changed"
        elif set(before.roles) != set(director.roles):
            status = "role_changed"
        else:
            continue
        changes.append(BoardChange(status, director.name, before.name, before.roles,
                                   director.roles))
    return changes


def _renamed(
    old: tuple[Director, ...], new: tuple[Director, ...], kept_old: set[int], kept_new: set[int]
) -> list[tuple[int, int]]:
    """Leaver/joiner pairs that are one person spelled differently ("Yu Mingto" and
    "Yu Mingo"): same roles, similar name, same place among those with the roles."""
    pairs = []
    for roles in {d.roles for d in old} & {d.roles for d in new}:
        left = [i for i, d in enumerate(old) if d.roles == roles and i not in kept_old]
        joined = [j for j, d in enumerate(new) if d.roles == roles and j not in kept_new]
        _, candidates = match_names([old[i].name for i in left], [new[j].name for j in joined],
                                    NAME_TYPO_SCORE)
        for a, b in candidates:
            i, j = left[a], joined[b]
            nearly_same = similarity(old[i].name, new[j].name) >= NAME_TYPO_ANYWHERE
            if nearly_same or _place(old, i) == _place(new, j):
                pairs.append((i, j))
    return sorted(pairs)


def _place(board: tuple[Director, ...], index: int) -> int:
    return sum(1 for d in board[:index] if d.roles == board[index].roles)


def same_language(old: BoardStatement, new: BoardStatement) -> bool:
    """Whether both boards print names in one script: names are matched within one
    language only, so an English board and its Chinese version are not compared."""
    return _script(old.directors) == _script(new.directors)


def _script(directors: tuple[Director, ...]) -> str:
    # An ASCII name holds no CJK: answered without compiling the class (~2.5 ms).
    chinese = sum(1 for d in directors
                  if not d.name.isascii() and re.search(rf"[{CJK}]", d.name))
    return "chinese" if chinese > len(directors) / 2 else "latin"


def board_checks(old: BoardStatement, new: BoardStatement) -> list[Check]:
    """Both statements' checks tagged with their filing, and a note when only one filing
    has a board statement (its board is then not compared)."""
    checks = [replace(check, filing="old") for check in old.checks]
    checks += [replace(check, filing="new") for check in new.checks]
    if old.readable and new.readable and not same_language(old, new):
        checks.append(Check(
            kind="board_not_compared",
            severity="info",
            where="board statement",
            message="the two filings name the directors in different languages "
            f"({_script(old.directors)} and {_script(new.directors)}); names are matched "
            "within one language only, so the boards are not compared",
        ))
    for side, statement, other in (("old", old, new), ("new", new, old)):
        if not statement.text and other.text:
            checks.append(Check(
                kind="board_missing",
                severity="info",
                where="board statement",
                message=f"the {side} filing has no board statement, board list or directors'"
                " signatures; the boards are not compared",
                filing=side,
            ))
    return checks
