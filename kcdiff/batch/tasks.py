"""One pair of filings -> its rows and reports (a Dask task; runs on a worker).

The worker reads both filings from the archive (same path on every machine), compares them
with the core pipeline, measures their similarity and renders the two reports. It returns
everything to the client, which writes it: workers need the archive, not the output folder.
A pair that cannot be compared returns an ``error`` row with the one-line reason.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from ..model import SectionDiff
from ..service.identity import FilingIdentity

__all__ = ["PairTask", "PairOutcome", "compare_pair", "error_row", "one_line", "pair_key"]


@dataclass(frozen=True)
class PairTask:
    issuer_key: str
    old: FilingIdentity
    new: FilingIdentity
    old_relative: str  # paths as the rows name them: relative to the archive
    new_relative: str


@dataclass(frozen=True)
class PairOutcome:
    row: dict
    sections: tuple[dict, ...] = ()
    report_json: str = ""
    report_html: str = ""


def pair_key(old_sha256: str, new_sha256: str) -> str:
    """What a pair is known by across runs: the content of its two files."""
    return f"{old_sha256}-{new_sha256}"


def compare_pair(task: PairTask) -> PairOutcome:
    """Compare ``task.old`` with ``task.new`` (a Dask task)."""
    from ..errors import KcdiffError

    try:
        return _compare(task)
    except KcdiffError as exc:
        named = {task.old.path: task.old_relative, task.new.path: task.new_relative}
        return PairOutcome(error_row(task, f"{named.get(exc.path, exc.path)}: {exc.problem}"))
    except Exception as exc:  # one pair must never sink the batch
        return PairOutcome(error_row(task, one_line(
            f"internal error: {type(exc).__name__}: {exc}")))


def _compare(task: PairTask) -> PairOutcome:
    from ..compare import compare
    from ..ingest import read_filing
    from ..render import render_html, render_json
    from ..similarity import filing_similarity

    old, new = read_filing(task.old.path), read_filing(task.new.path)
    report = compare(old, new)
    report = replace(report, old=replace(report.old, path=task.old_relative),
                     new=replace(report.new, path=task.new_relative))
    similarity = filing_similarity(old, new, report)
    summary = report.summary
    severities = Counter(check.severity for check in report.checks)
    row = {
        **_identity_columns(task),
        "status": "ok",
        "error": "",
        "sections_added": summary.sections_added,
        "sections_removed": summary.sections_removed,
        "sections_changed": summary.sections_changed,
        "sections_unchanged": summary.sections_unchanged,
        "edits": summary.edits,
        "routine_edits": summary.routine_edits,
        "figures_changed": summary.figures_changed,
        "figures_restated": summary.figures_restated,
        "board_changes": summary.board_changes,
        "officer_changes": summary.officer_changes,
        "checks_error": severities["error"],
        "checks_warning": severities["warning"],
        "checks_info": severities["info"],
        **vars(similarity),
    }
    sections = tuple(_section_row(task, position, diff)
                     for position, diff in enumerate(report.sections))
    return PairOutcome(row, sections, render_json(report), render_html(report))


def _section_row(task: PairTask, position: int, diff: SectionDiff) -> dict:
    from ..similarity import section_similarity

    return {
        "old_sha256": task.old.sha256,
        "new_sha256": task.new.sha256,
        "issuer_key": task.issuer_key,
        "position": position,
        "status": diff.status,
        "category": diff.category,
        "old_title": diff.old_title,
        "new_title": diff.new_title,
        "old_number": diff.old_number,
        "new_number": diff.new_number,
        "edits": len(diff.edits),
        "routine_edits": len(diff.edits) - diff.substantive_edits,
        "tables_changed": diff.tables_changed,
        "kcdiff_similarity": diff.similarity,
        **vars(section_similarity(diff)),
    }


def _identity_columns(task: PairTask) -> dict:
    old, new = task.old, task.new
    return {
        "issuer_key": task.issuer_key,
        "issuer": new.issuer or old.issuer,
        "stock_code": new.stock_code or old.stock_code,
        "doc_group": new.doc_group,
        "old_path": task.old_relative,
        "new_path": task.new_relative,
        "old_sha256": old.sha256,
        "new_sha256": new.sha256,
        "old_doc_type": old.doc_type,
        "new_doc_type": new.doc_type,
        "old_period": old.period,
        "new_period": new.period,
        "old_period_end": old.period_end,
        "new_period_end": new.period_end,
        "old_published": old.published,
        "new_published": new.published,
    }


def one_line(text: str) -> str:
    """A reason fit for one row or one log line: blanks and line breaks made single spaces."""
    return " ".join(text.split())


def error_row(task: PairTask, reason: str) -> dict:
    """The row of a pair that could not be compared: who and what, no counts."""
    return {**_identity_columns(task), "status": "error", "error": reason}


def report_stem(task: PairTask) -> str:
    """The reports' file name (without suffix) inside ``reports/ISSUER/``."""
    return f"{Path(task.old.path).stem}--{Path(task.new.path).stem}-{task.new.sha256[:8]}"
