"""What the templates display, computed from the Report: the order of attention, the
change map, routine edits grouped for folding, figures tables with their periods.

Templates only display; every choice of grouping, ordering and share is made here, in
Python, once, so the HTML report, the e-mail digest and the text summary agree.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ..model import Check, FigureChange, RedlineParagraph, Report, SectionDiff

__all__ = [
    "KINDS",
    "ReportView",
    "SectionView",
    "RoutineGroup",
    "FigureRow",
    "FigureTable",
    "MapRow",
    "map_rows",
    "view_of",
    "movement",
    "period_label",
    "short",
    "tail",
]

# What a section's change is, in the order a reviewer should look at it. The colours are
# written inline (mail clients drop <style>) and chosen to differ in print grey too.
KINDS: dict[str, tuple[str, str]] = {
    "removed": ("removed", "#c92a2a"),
    "added": ("added", "#2f9e44"),
    "reworded": ("reworded", "#e67700"),
    "figures": ("figures moved", "#1c7ed6"),
    "changed": ("changed", "#845ef7"),
    "routine": ("routine only", "#adb5bd"),
    "unchanged": ("unchanged", "#e9ecef"),
}

# Checks about reading a filing (garbled cells, undecodable pages), as opposed to findings
# about what a filing says; they go last, collapsed, with a count.
_READING_KINDS = ("unreadable", "unreadable_text", "board_unreadable", "board_missing")


@dataclass(frozen=True)
class RoutineGroup:
    """Identical routine edits ("June 30, 2023" -> "December 31, 2024") counted once."""

    old: str
    new: str
    count: int


@dataclass(frozen=True)
class SectionView:
    diff: SectionDiff
    anchor: str  # the id of the section in the HTML report
    kind: str  # a key of KINDS
    share: float  # 0..1: how much of the section's text differs (1 - similarity)
    routine: tuple[RoutineGroup, ...]
    # The redline's paragraphs in runs: unchanged paragraphs in a row are one run (shown
    # as a one-line marker); several short paragraphs inserted or deleted whole (a
    # form's cover fields, an address block) are one run (one compact paragraph); every
    # other run holds one paragraph.
    runs: tuple[tuple[RedlineParagraph, ...], ...] = ()

    @property
    def label(self) -> str:
        return KINDS[self.kind][0]

    @property
    def colour(self) -> str:
        return KINDS[self.kind][1]

    @property
    def bar_percent(self) -> int:
        """The map bar's length: at least a sliver for any change, so none is invisible."""
        if self.kind == "unchanged":
            return 0
        return max(3, round(100 * self.share))

    @property
    def note(self) -> str:
        """One line on what changed: "12 edits, 3 routine", "figures moved"."""
        d = self.diff
        if self.kind in ("added", "removed", "unchanged"):
            return self.label
        parts = []
        if d.substantive_edits:
            parts.append(_plural(d.substantive_edits, "edit"))
        routine = len(d.edits) - d.substantive_edits
        if routine:
            parts.append(f"{routine} routine")
        if d.tables_changed:
            parts.append("figures moved")
        return ", ".join(parts) or "text differs, no wording edit found"


@dataclass(frozen=True)
class FigureRow:
    figure: FigureChange
    movement: str  # "larger by 3,145,242 (+95.3%)": size of the amount as printed
    direction: str  # "up", "down", "" (arrow shown beside the movement)
    other_periods: str  # "" or "compared: <old> → <new>" when not the table's usual periods
    periods: tuple[str, str] = ("", "")  # the old and new period as the report names them


@dataclass(frozen=True)
class FigureTable:
    statement: str
    old_label: str  # the old column's period, for the header row
    new_label: str
    rows: tuple[FigureRow, ...]

    @property
    def unit(self) -> str:
        """The unit every row shares, named once in the header; "" when they differ."""
        units = {row.figure.unit for row in self.rows}
        return units.pop() if len(units) == 1 else ""


@dataclass(frozen=True)
class MapRow:
    """One row of the change map: a section, or a run of unchanged sections told as one
    line so the map of a long filing stays short."""

    section: SectionView | None
    unchanged: tuple[SectionView, ...] = ()

    @property
    def summary(self) -> str:
        names = [s.diff.heading for s in self.unchanged]
        shown = names if len(names) <= 3 else [names[0], "…", names[-1]]
        return f"{len(names)} unchanged: " + "; ".join(shown)


def map_rows(sections: Sequence[SectionView]) -> tuple[MapRow, ...]:
    """``sections`` in reading order, each run of two or more unchanged ones as one row."""
    rows: list[MapRow] = []
    run: list[SectionView] = []
    for section in [*sections, None]:
        if section is not None and section.kind == "unchanged":
            run.append(section)
            continue
        if len(run) >= 2:
            rows.append(MapRow(None, tuple(run)))
        elif run:
            rows.append(MapRow(run[0]))
        run = []
        if section is not None:
            rows.append(MapRow(section))
    return tuple(rows)


@dataclass(frozen=True)
class ReportView:
    report: Report
    sections: tuple[SectionView, ...]  # every section, in reading order
    restated: tuple[FigureRow, ...]
    figure_tables: tuple[FigureTable, ...]
    figures_hidden: int  # below --min-change
    top_moves: tuple[FigureRow, ...]
    findings: tuple[Check, ...]  # what a filing says that fails a check
    reading: tuple[Check, ...]  # what could not be read

    @property
    def shown_sections(self) -> tuple[SectionView, ...]:
        return tuple(s for s in self.sections if s.kind != "unchanged")

    @property
    def added(self) -> tuple[SectionView, ...]:
        return tuple(s for s in self.sections if s.kind == "added")

    @property
    def removed(self) -> tuple[SectionView, ...]:
        return tuple(s for s in self.sections if s.kind == "removed")

    def count(self, kind: str) -> int:
        return sum(1 for s in self.sections if s.kind == kind)

    @property
    def boards_compared(self) -> bool:
        """Whether the board stage compared the boards it read: not when they are named
        in two languages or the stage failed. A director not compared is not unchanged."""
        return not any(c.kind == "board_not_compared" for c in self.report.checks)

    @property
    def legend(self) -> tuple[tuple[str, str, str], ...]:
        """(kind, label, colour) of the kinds of change present, in order of attention."""
        present = {s.kind for s in self.sections}
        return tuple((kind, label, colour) for kind, (label, colour) in KINDS.items()
                     if kind in present)

    @property
    def map(self) -> tuple[MapRow, ...]:
        return map_rows(self.sections)

    def digest_map(self, limit: int = 80) -> tuple[tuple[MapRow, ...], int]:
        """The rows the e-mail's map shows, and how many changed sections are left out:
        every row of a short filing; of a long one only the changed sections, at most
        ``limit``, so the body stays under the size at which mail clients clip it."""
        rows = self.map
        if len(rows) <= limit:
            return rows, 0
        changed = self.shown_sections
        return tuple(MapRow(s) for s in changed[:limit]), max(0, len(changed) - limit)


def view_of(report: Report, min_change: float = 0.0, top: int = 8) -> ReportView:
    """The display model of ``report``; ``min_change`` hides smaller figure movements
    (percent) from the figures tables only."""
    sections = tuple(_section_view(d, i) for i, d in enumerate(report.sections, 1))
    restated = tuple(_row(f, ("", "")) for f in report.figures if f.status == "restated")
    others = [f for f in report.figures if f.status != "restated"]
    shown = [f for f in others if not _below(f, min_change)]
    moves = sorted((f for f in others if f.change_pct is not None),
                   key=lambda f: -abs(f.change_pct or 0.0))[:top]
    return ReportView(
        report=report,
        sections=sections,
        restated=restated,
        figure_tables=_tables(shown),
        figures_hidden=len(others) - len(shown),
        top_moves=tuple(_row(f, ("", "")) for f in moves),
        findings=tuple(c for c in report.checks if c.kind not in _READING_KINDS),
        reading=tuple(c for c in report.checks if c.kind in _READING_KINDS),
    )


def _section_view(d: SectionDiff, number: int) -> SectionView:
    if d.status in ("added", "removed", "unchanged"):
        kind = d.status
    elif d.substantive_edits:
        kind = "reworded"
    elif d.tables_changed:
        kind = "figures"
    elif d.edits:
        kind = "routine"
    else:
        kind = "changed"
    share = 1.0 if d.status in ("added", "removed") else min(1.0, max(0.0, 1 - d.similarity))
    return SectionView(d, f"s{number}", kind, share, routine_groups(d), redline_runs(d))


SHORT_PARAGRAPH = 120  # characters: a line of a form or an address, not a sentence of prose
SHORT_RUN = 3  # that many short whole paragraphs in a row are shown as one


def redline_runs(d: SectionDiff) -> tuple[tuple[RedlineParagraph, ...], ...]:
    """``d.redline`` in runs: consecutive unchanged paragraphs are grouped; consecutive
    short paragraphs inserted (or deleted) whole are grouped when there are at least
    SHORT_RUN of them; all else stands alone."""
    runs: list[list[RedlineParagraph]] = []
    for paragraph in d.redline:
        last = runs[-1] if runs else None
        if last and paragraph.status == "equal" == last[0].status:
            last.append(paragraph)
        elif (_short_paragraph(paragraph) and last and last[0].status == paragraph.status
              and _short_paragraph(last[-1])):
            last.append(paragraph)
        else:
            runs.append([paragraph])
    split: list[tuple[RedlineParagraph, ...]] = []
    for run in runs:  # a run too short to group goes back to one paragraph each
        grouped = len(run) >= SHORT_RUN or run[0].status == "equal"
        split.extend([tuple(run)] if grouped else [(p,) for p in run])
    return tuple(split)


def _short_paragraph(paragraph: RedlineParagraph) -> bool:
    return (paragraph.status in ("inserted", "deleted")
            and sum(len(span.text) for span in paragraph.spans) <= SHORT_PARAGRAPH)


def routine_groups(d: SectionDiff) -> tuple[RoutineGroup, ...]:
    """The section's routine edits, identical ones counted once, in order of first use."""
    counts = Counter((e.old.strip(), e.new.strip()) for e in d.edits if e.routine)
    return tuple(RoutineGroup(old, new, n) for (old, new), n in counts.items())


def _below(figure: FigureChange, min_change: float) -> bool:
    return (figure.status == "changed" and figure.change_pct is not None
            and abs(figure.change_pct) < min_change)


def _tables(figures: Sequence[FigureChange]) -> tuple[FigureTable, ...]:
    statements = list(dict.fromkeys(f.table for f in figures))
    tables = []
    for statement in statements:
        rows = [f for f in figures if f.table == statement]
        usual = _usual(rows)
        tables.append(FigureTable(
            statement=statement,
            old_label=usual[0] or "Old",
            new_label=usual[1] or "New",
            rows=tuple(_row(f, usual) for f in rows),
        ))
    return tuple(tables)


def _usual(figures: Sequence[FigureChange]) -> tuple[str, str]:
    """The (old, new) period labels most of a table's compared figures share, so the
    header row names them and only figures compared over other periods say so."""
    compared = [f for f in figures if f.status == "changed"] or figures
    pairs = Counter(_labels(f) for f in compared)
    return pairs.most_common(1)[0][0] if pairs else ("", "")


def _labels(figure: FigureChange) -> tuple[str, str]:
    old = period_label(figure.old_period_start, figure.old_period_end, figure.old_period)
    if figure.old_source == "new" and old:
        old += " (as the new filing prints it)"
    return old, period_label(figure.period_start, figure.period_end, figure.period)


def _row(figure: FigureChange, usual: tuple[str, str]) -> FigureRow:
    labels = _labels(figure)
    other = "" if not any(usual) or labels == usual or figure.status != "changed" else (
        f"compared: {labels[0]} → {labels[1]}")
    text, direction = movement(figure.old_value, figure.new_value)
    return FigureRow(figure, text, direction, other, labels)


def movement(old: float | None, new: float | None) -> tuple[str, str]:
    """How the amount as printed moved, in words that hold for costs and losses too:
    (1,000) -> (1,500) is "larger by 500 (+50.0%)", not "-500"."""
    from . import format_amount

    if old is None or new is None:
        return "", ""
    if old == new:
        return "same", ""
    if old and new and (old > 0) == (new > 0):
        size = abs(new) - abs(old)
        word, arrow = ("larger", "up") if size > 0 else ("smaller", "down")
        return f"{word} by {format_amount(abs(size))} ({100 * size / abs(old):+.1f}%)", arrow
    change = new - old
    sign = "+" if change > 0 else "−"
    if not old:
        return f"{sign}{format_amount(abs(change))}, from nil", "up" if new > 0 else "down"
    if not new:
        return f"{sign}{format_amount(abs(change))}, to nil", "down"
    turned = "turned positive" if new > 0 else "turned negative"
    return f"{sign}{format_amount(abs(change))}, {turned}", "up" if change > 0 else "down"


def period_label(start: str, end: str, printed: str) -> str:
    """"6 months to 30 Jun 2023", "year to 31 Dec 2024", "at 31 Dec 2024" from ISO dates;
    the printed phrase when the dates are not known, any ISO date in it as "30 Jun 2023"."""
    try:
        end_date = date.fromisoformat(end)
    except ValueError:
        return _ISO_DATE.sub(_day_month_year, printed)
    shown = f"{end_date.day} {end_date:%b %Y}"
    if not start:
        return f"at {shown}"
    try:
        start_date = date.fromisoformat(start)
    except ValueError:
        return _ISO_DATE.sub(_day_month_year, printed)
    after = end_date + timedelta(days=1)
    months = (after.year - start_date.year) * 12 + after.month - start_date.month
    if after.day != start_date.day or months <= 0:
        return f"{start_date.day} {start_date:%b %Y} to {shown}"
    return f"year to {shown}" if months == 12 else f"{months} months to {shown}"


# An ISO date inside a printed period phrase ("as at 2023-06-30"), shown as a reader writes
# it; a column header would otherwise break it at its hyphens.
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _day_month_year(match: re.Match[str]) -> str:
    try:
        day = date(*map(int, match.groups()))
    except ValueError:
        return match.group(0)
    return f"{day.day} {day:%b %Y}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def short(text: str, limit: int) -> str:
    """At most ``limit`` characters, whitespace runs as one space, "…" where cut."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def tail(text: str, limit: int) -> str:
    """The end of a statement's name, which tells statements apart ("…OF CASH FLOWS")."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    end = text[len(text) - limit + 1:]
    return "…" + (end.split(" ", 1)[1] if " " in end else end)  # from a whole word
