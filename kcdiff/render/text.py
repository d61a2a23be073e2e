"""The report as plain text for a terminal or the text part of an e-mail: headline counts,
then what to act on (restatements, board, top figure moves), then one line per changed
section with a bar of how much of it changed, the way ``git diff --stat`` summarises.

Plain Python, no Jinja: the terminal summary should not pay for a template engine.
"""

from __future__ import annotations

import textwrap

from ..model import Report
from .view import FigureRow, ReportView, SectionView, short, tail, view_of

__all__ = ["render_text"]

BAR = 20  # characters for a wholly changed section
TITLE = 56  # characters of a heading before it is shortened
WIDTH = 100  # where prose (a check's message) wraps


def render_text(report: Report) -> str:
    view = view_of(report)
    blocks = [_header(report), _counts(view), _restated(view), _board(report),
              _moves(view), _sections(view), _checks(view)]
    return "\n\n".join(block for block in blocks if block) + "\n"


def _header(report: Report) -> str:
    lines = [f"kcdiff: {report.old.path} -> {report.new.path}"]
    if report.new.issuer:
        code = f" ({report.new.stock_code})" if report.new.stock_code else ""
        lines.append(f"{report.new.issuer}{code}")
    if report.old.title or report.new.title:
        lines.append(textwrap.fill(f"{report.old.title} -> {report.new.title}", WIDTH))
    return "\n".join(lines)


def _counts(view: ReportView) -> str:
    s = view.report.summary
    kinds = ", ".join(f"{view.count(kind)} {label}" for kind, label in (
        ("reworded", "reworded"), ("figures", "figures moved"), ("routine", "routine only"),
        ("changed", "other")) if view.count(kind))
    return "\n".join([
        f"Sections: {s.sections_added} added, {s.sections_removed} removed, "
        f"{s.sections_changed} changed, {s.sections_unchanged} unchanged"
        + (f" ({kinds})" if kinds else ""),
        f"Wording edits: {s.edits - s.routine_edits} (+{s.routine_edits} routine)",
        f"Figures: {s.figures_changed} changed, {s.figures_restated} restated",
        f"Board changes: {s.board_changes}",
        f"Checks: {len(view.findings)} findings, {len(view.reading)} reading problems",
    ])


def _restated(view: ReportView) -> str:
    if not view.restated:
        return ""
    return "Restated (same period, new value):\n" + "\n".join(
        f"  {row.figure.item} ({row.figure.period}): {_values(row)}" for row in view.restated)


def _board(report: Report) -> str:
    lines = [f"  {c.status}: {c.name}" + (f" (was {c.old_name})" if c.status == "name_changed"
                                         else "") for c in report.board]
    board = "Board:\n" + "\n".join(lines) if lines else ""
    officers = [
        f"  {c.status}: {c.office.replace('_', ' ')}: {c.name}"
        + (f" (was {c.old_name})" if c.old_name and c.old_name != c.name else "")
        + (f" ({c.detail})" if c.detail else "")
        for c in report.officers
    ]
    if officers:
        board += ("\n\n" if board else "") + "Officers:\n" + "\n".join(officers)
    return board


def _moves(view: ReportView) -> str:
    if not view.top_moves:
        return ""
    return "Largest figure moves:\n" + "\n".join(
        f"  {short(row.figure.item, 60)}  [{tail(row.figure.table, 36)}]\n      {_values(row)}"
        for row in view.top_moves)


def _values(row: FigureRow) -> str:
    from . import format_amount

    f = row.figure
    unit = f" {f.unit}" if f.unit else ""
    text = f"{format_amount(f.old_value)} -> {format_amount(f.new_value)}{unit}"
    return f"{text}, {row.movement}" if row.movement else text


def _sections(view: ReportView) -> str:
    shown = view.shown_sections
    if not shown:
        return ""
    return "Sections (how much of each changed):\n" + "\n".join(map(_section_line, shown))


def _section_line(section: SectionView) -> str:
    bar = "#" * max(1, round(BAR * section.share))
    indent = "  " * max(0, min(section.diff.level, 4) - 1)
    heading = indent + short(section.diff.heading, TITLE - len(indent))
    return f"  {section.label:<13} {heading:<{TITLE}} | {bar:<{BAR}} {section.note}"


def _checks(view: ReportView) -> str:
    lines = [_wrap(f"[{c.severity}] {(c.filing + ' filing, ') if c.filing else ''}{c.where}: "
                   f"{short(c.message, 300)}") for c in view.findings]
    if view.reading:
        where = "; ".join(dict.fromkeys(short(c.where, 60) for c in view.reading))
        lines.append(_wrap(f"{len(view.reading)} reading problem(s), not compared: {where}"))
    return "Checks:\n" + "\n".join(lines) if lines else ""



def _wrap(text: str) -> str:
    return textwrap.fill(text, WIDTH, initial_indent="  ", subsequent_indent="    ")
