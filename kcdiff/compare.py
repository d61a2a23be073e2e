"""compare(old, new) -> Report: the one place where the stages meet.

Two steps. ``analyse`` takes one filing through every stage that needs no other filing
(segment, tables, consistency checks, board) into an ``AnalysedFiling``; the pair stages
then align the two filings' sections, diff the wording of each pair and compare figures
and boards. The section diffs come in reading order: the new filing's order, with each
removed section shown where it stood in the old one. A stage that fails on one section
gives a warning in the report's checks, not a crashed run.

``analyse`` is a pure function of a ``Filing``, so the two filings of a pair may be
analysed at the same time, in two processes (the command line does: kcdiff/pair.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import zip_longest
from pathlib import Path
from typing import TypeVar

from .align import align
from .board import BoardStatement, board_checks, compare_boards, read_board
from .figures.checks import check_filing
from .figures.compare import compare_figures, figure_notes, unread_statements
from .figures.facts import compare_facts
from .figures.tables import Table, read_tables
from .ingest import MAX_BYTES, read_filing
from .model import (
    Alignment,
    Block,
    BoardChange,
    Check,
    Fact,
    FigureChange,
    Filing,
    FilingSummary,
    Mapper,
    OfficerChange,
    Report,
    Section,
    SectionDiff,
    Summary,
    in_turn,
)
from .segment import segment
from .wording import diff_sections

__all__ = ["AnalysedFiling", "analyse", "analyse_file", "compare", "compare_analysed",
           "compare_files", "section_diffs"]

log = logging.getLogger(__name__)
T = TypeVar("T")

# The kinds of warning a failed single-filing stage leaves. The report lists them as it
# did when compare() ran every stage in turn: after the section diffs' warnings, the
# tables' and the checks' (old filing first), the figures', then the boards'.
_TABLES_FAILED, _CHECKS_FAILED, _BOARD_FAILED = (
    "figures_not_compared", "checks_not_run", "board_unreadable")


@dataclass(frozen=True)
class AnalysedFiling:
    """One filing taken through every stage that needs no other filing: all the pair
    stages read of it. ``warnings`` are those of reading the file; ``tables`` is None
    when they could not be read; ``table_checks`` are its failed consistency checks;
    ``failures`` the warnings of the single-filing stages that failed. None of these
    checks names its filing yet (``filing=""``): only the pair knows old from new."""

    summary: FilingSummary
    sections: tuple[Section, ...]
    warnings: tuple[Check, ...]
    facts: tuple[Fact, ...]
    tables: tuple[Table, ...] | None
    table_checks: tuple[Check, ...]
    board: BoardStatement
    failures: tuple[Check, ...] = ()


def analyse(filing: Filing) -> AnalysedFiling:
    """Segment ``filing`` and read its tables, checks and board."""
    failures: list[Check] = []
    sections = segment(filing)
    tables = _guarded(failures, _TABLES_FAILED, "tables", None, "", read_tables, sections)
    checks = [] if tables is None else _guarded(failures, _CHECKS_FAILED, "tables", [], "",
                                                check_filing, sections, tables)
    board = _guarded(failures, _BOARD_FAILED, "board statement", BoardStatement(), "",
                     read_board, sections)
    return AnalysedFiling(
        summary=FilingSummary.of(filing),
        sections=tuple(sections),
        warnings=filing.warnings,
        facts=filing.facts,
        tables=None if tables is None else tuple(tables),
        table_checks=tuple(checks),
        board=board,
        failures=tuple(failures),
    )


def analyse_file(path: str | Path, max_bytes: int = MAX_BYTES) -> AnalysedFiling:
    """Read the filing at ``path`` and analyse it."""
    return analyse(read_filing(path, max_bytes))


def compare_files(old_path: str | Path, new_path: str | Path, max_bytes: int = MAX_BYTES) -> Report:
    """Read both filings and compare them."""
    return compare(read_filing(old_path, max_bytes), read_filing(new_path, max_bytes))


def compare(old: Filing, new: Filing) -> Report:
    return compare_analysed(analyse(old), analyse(new))


def compare_analysed(old: AnalysedFiling, new: AnalysedFiling, mapper: Mapper | None = None
                     ) -> Report:
    """The pair stages: what changed from ``old`` to ``new``. ``mapper`` may score the
    candidate pairs of sections, and diff the aligned ones, in two processes
    (kcdiff/pair.py); the report is the same."""
    language_notes = _languages_differ(old.summary, new.summary)
    if language_notes:
        sections: list[SectionDiff] = []
        warnings: list[Check] = []
    else:
        alignment = align(old.sections, new.sections, mapper)
        sections, warnings = section_diffs(old.sections, new.sections, alignment, mapper)
    warnings += _failures(old, new, _TABLES_FAILED) + _failures(old, new, _CHECKS_FAILED)
    figures, figure_checks = figure_diffs(old, new, warnings)
    warnings += _failures(old, new, _BOARD_FAILED)
    board, officers = _guarded(warnings, "board_not_compared", "board statement", ([], []), "",
                               compare_boards, old.board, new.board)
    checks = (
        *language_notes,
        *_tagged(old.warnings, "old"),
        *_tagged(new.warnings, "new"),
        *figure_checks,
        *board_checks(old.board, new.board),
        *warnings,
    )
    return Report(
        old=old.summary,
        new=new.summary,
        summary=_summary(sections, figures, board, checks, officers),
        sections=tuple(sections),
        figures=tuple(figures),
        board=tuple(board),
        officers=tuple(officers),
        checks=checks,
        old_board=old.board.directors,
        new_board=new.board.directors,
    )


_LANGUAGES = {"en": "English", "zh": "Chinese"}


def _languages_differ(old: FilingSummary, new: FilingSummary) -> list[Check]:
    """A note when the filings are written in two languages (an announcement and its
    translation): sections are known by their headings and text, so across languages
    every one would be called added and removed. Empty when one language or unknown."""
    if not (old.language and new.language) or old.language == new.language:
        return []
    return [Check("languages_differ", "warning", "sections",
                 f"the old filing is in {_LANGUAGES.get(old.language, old.language)} and the "
                 f"new one in {_LANGUAGES.get(new.language, new.language)}: sections and their "
                 f"wording are compared within one language only, so none were compared")]


def _failures(old: AnalysedFiling, new: AnalysedFiling, kind: str) -> list[Check]:
    """The warnings of one single-filing stage that failed, the old filing's first."""
    return [replace(check, filing=side) for side, analysed in (("old", old), ("new", new))
            for check in analysed.failures if check.kind == kind]


def figure_diffs(
    old: AnalysedFiling, new: AnalysedFiling, warnings: list[Check],
) -> tuple[list[FigureChange], list[Check]]:
    """Figures that moved between the filings (restatements first) and the failed
    consistency checks of each filing, tagged "old"/"new".

    When both filings carry inline-XBRL facts, the statements' figures come from the
    facts (exact concept, period and unit) instead of from the printed tables; when only
    one does, both are read from tables, so like is still compared with like."""
    checks = [*_tagged(old.table_checks, "old"), *_tagged(new.table_checks, "new")]
    if old.facts and new.facts:
        return _guarded(warnings, "figures_not_compared", "inline XBRL facts", [], "",
                        compare_facts, old.facts, new.facts), checks
    if old.facts or new.facts:
        side = "old" if old.facts else "new"
        warnings.append(Check("facts_not_compared", "info", "inline XBRL facts",
                              "only one filing carries inline XBRL facts, so figures were "
                              "read from both filings' printed tables", side))
    if old.tables is None or new.tables is None:
        return [], checks  # one side unread: comparing would call every figure new
    for side, analysed in (("old", old), ("new", new)):
        checks.extend(unread_statements(analysed.sections, analysed.tables, side))
    figures = _guarded(warnings, "figures_not_compared", "tables", [], "",
                       compare_figures, old.tables, new.tables)
    checks.extend(_guarded(warnings, "figures_not_compared", "tables", [], "",
                           figure_notes, old.tables, new.tables))
    return figures, checks


def _guarded(warnings: list[Check], kind: str, where: str, fallback: T, side: str,
             stage: Callable[..., T], *args: object) -> T:
    """Run one stage; if it fails, note a warning and go on with ``fallback``: a table or a
    board statement the readers cannot handle must not sink the rest of the report."""
    try:
        return stage(*args)
    except Exception as exc:
        log.debug("%s failed", stage.__name__, exc_info=True)
        warnings.append(Check(kind, "warning", where,
                              f"{stage.__name__} failed, so this part was not compared ({exc})",
                              side))
        return fallback


def section_diffs(
    old: Sequence[Section], new: Sequence[Section], alignment: Alignment,
    mapper: Mapper | None = None,
) -> tuple[list[SectionDiff], list[Check]]:
    """One diff per aligned group, added and removed section, in reading order.
    ``mapper`` may diff them in two processes (each diff depends on its sections alone:
    the interleaved halves share the long and the short ones); the diffs are the same."""
    tasks = _diff_tasks(old, new, alignment)
    halves = [tasks] if mapper is None else [tasks[k::2] for k in (0, 1)]
    done = (mapper or in_turn)(_diffed, halves)
    ordered = [diffed for row in zip_longest(*done) for diffed in row if diffed is not None]
    return [diff for diff, _ in ordered], [check for _, checks in ordered for check in checks]


# One section diff to make: the old and the new section (None when added or removed),
# and whether it is a pair, whose failure is a warning rather than the run's end.
_Task = tuple[Section | None, Section | None, bool]


def _diff_tasks(old: Sequence[Section], new: Sequence[Section], alignment: Alignment
                ) -> list[_Task]:
    """The diffs to make, in reading order: the new filing's, each removed section where
    it stood in the old one."""
    hosts = _aligned_groups(alignment)
    removed_after = _removed_positions(alignment)
    tasks: list[_Task] = [(old[i], None, False) for i in removed_after.get(-1, ())]
    for j, section in enumerate(new):
        if j in hosts:
            (i, olds), news = hosts[j]
            tasks.append((_joined(old, i, olds, alignment.headed_old),
                          _joined(new, j, news, alignment.headed_new), True))
        elif j not in alignment.paired_new:
            tasks.append((None, section, False))
        tasks.extend((old[i], None, False) for i in removed_after.get(j, ()))
    return tasks


def _diffed(tasks: Sequence[_Task]) -> list[tuple[SectionDiff, list[Check]]]:
    """Each task's diff, with the warning of a pair that could not be compared."""
    done = []
    for old, new, paired in tasks:
        warnings: list[Check] = []
        if paired:
            assert old is not None and new is not None
            done.append((_diff_pair(old, new, warnings), warnings))
        else:
            done.append((diff_sections(old, new), warnings))
    return done


def _aligned_groups(
    alignment: Alignment,
) -> dict[int, tuple[tuple[int, list[int]], list[int]]]:
    """The aligned sections in groups, by the new section the group is shown at: a
    section printed inside another filing's section (aligned with it as "absorbed") is
    compared together with that section's own partner, so its text is neither inserted
    into one side nor deleted from the other. A group is shown at its best pair."""
    group_of: dict[tuple[str, int], int] = {}
    groups: list[list[tuple[int, int, float]]] = []
    for i, j, score in alignment.pairs:
        found = group_of.get(("old", i), group_of.get(("new", j)))
        if found is None:
            found = len(groups)
            groups.append([])
        groups[found].append((i, j, score))
        group_of[("old", i)] = group_of[("new", j)] = found
    hosts = {}
    for pairs in groups:
        best = max(pairs, key=lambda pair: pair[2])
        hosts[best[1]] = ((best[0], sorted({i for i, _, _ in pairs})),
                          sorted({j for _, j, _ in pairs}))
    return hosts


def _joined(sections: Sequence[Section], host: int, indexes: list[int],
            headed: Sequence[int] = ()) -> Section:
    """Section ``host``, with the sections aligned into it when there are any: their
    blocks in document order, under the host's heading; those ``headed`` (whose text the
    other filing prints under no heading of its own) with their heading as a line."""
    if len(indexes) == 1:
        return sections[host]
    return replace(sections[host], blocks=tuple(
        block for k in indexes for block in (
            *((Block("heading", sections[k].title),) if k in headed else ()),
            *sections[k].blocks)))


def _removed_positions(alignment: Alignment) -> dict[int, list[int]]:
    """For each removed old section, the new section it follows: the partner of the
    nearest paired old section before it (-1 when there is none)."""
    new_of_old = {i: j for i, j, _ in alignment.pairs}
    positions: dict[int, list[int]] = {}
    for i in alignment.only_old:
        before = [new_of_old[k] for k in range(i - 1, -1, -1) if k in new_of_old]
        positions.setdefault(before[0] if before else -1, []).append(i)
    return positions


def _diff_pair(old: Section, new: Section, warnings: list[Check]) -> SectionDiff:
    unread = SectionDiff("changed", new.category, old.title, new.title, 0.0,
                         old_number=old.number, new_number=new.number, level=new.level)
    return _guarded(warnings, "section_not_compared", new.title, unread, "",
                    diff_sections, old, new)


def _tagged(checks: Sequence[Check], side: str) -> tuple[Check, ...]:
    return tuple(replace(check, filing=side) for check in checks)


def _summary(
    sections: Sequence[SectionDiff], figures: Sequence[FigureChange],
    board: Sequence[BoardChange], checks: Sequence[Check],
    officers: Sequence[OfficerChange] = (),
) -> Summary:
    count = {status: 0 for status in ("added", "removed", "changed", "unchanged")}
    for diff in sections:
        count[diff.status] += 1
    edits = [edit for diff in sections for edit in diff.edits]
    return Summary(
        sections_added=count["added"],
        sections_removed=count["removed"],
        sections_changed=count["changed"],
        sections_unchanged=count["unchanged"],
        figures_changed=len(figures),
        figures_restated=sum(1 for figure in figures if figure.status == "restated"),
        board_changes=len(board),
        officer_changes=len(officers),
        checks=len(checks),
        edits=len(edits),
        routine_edits=sum(1 for edit in edits if edit.routine),
    )
