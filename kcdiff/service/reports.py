"""The reports the watch service makes for a new filing: which filings it is compared
with, the comparison itself (the core pipeline), the report files and the e-mail.

Reports are written to ``DIR/.kcdiff/reports/`` under a temporary name, then renamed; the
e-mail is returned, not sent: the caller records it in the same transaction as the filing.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from ..errors import KcdiffError
from .files import write_atomic
from .identity import FilingRecord
from .mail import MailSettings, compose, headline
from .store import PlannedMessage, PlannedReport, Store, StoredFiling

__all__ = ["plan_reports", "make_report", "filing_line"]

log = logging.getLogger("kcdiff.watch")


def plan_reports(
    store: Store, issuer: str, record: FilingRecord, state: Path, mail: MailSettings
) -> list[PlannedReport]:
    """The reports ``record`` (not yet stored) triggers: against the issuer's previous
    filing; and when it is older than a filing that never got a report (that one arrived
    first), that filing against this one, so the late arrival is the old side."""
    earlier, later = store.neighbours(issuer, record)
    planned = []
    if earlier is not None:
        planned.append(make_report(state, mail, issuer, earlier, record, earlier.id, 0))
    if later is not None and not store.has_report_as_new(later.id):
        planned.append(make_report(state, mail, issuer, record, later, 0, later.id))
    return [report for report in planned if report is not None]

def make_report(
    state: Path, mail: MailSettings, issuer: str, old: FilingRecord, new: FilingRecord,
    old_id: int, new_id: int,
) -> PlannedReport | None:
    """Compare ``old`` with ``new`` (their archived copies), write the HTML and JSON report
    to ``state/reports/`` and compose the e-mail. ``old_id``/``new_id``: stored ids, 0 for
    the filing being recorded. None when the core cannot compare them (logged)."""
    from ..compare import compare_files  # the core pipeline: ingest, segment, compare
    from ..render import render_html, render_json

    try:
        report = compare_files(old.archive, new.archive)
    except KcdiffError as exc:
        log.warning("%s -> %s: no report: %s", old.name, new.name, exc)
        return None
    # Compared from the archived copies; the report names the files as they arrived.
    report = replace(report, old=replace(report.old, path=old.path),
                     new=replace(report.new, path=new.path))
    name = f"{Path(old.name).stem}--{Path(new.name).stem}"
    base = state / "reports" / f"{name}-{new.sha256[:8]}"
    write_atomic(base.with_suffix(".html"), render_html(report).encode("utf-8"))
    write_atomic(base.with_suffix(".json"), render_json(report).encode("utf-8"))
    message = compose(
        report,
        mail,
        message_id=f"<{old.sha256[:16]}.{new.sha256[:16]}@kcdiff>",
        attachment_name=f"kcdiff-{name}.html",
        issuer=issuer,
    )
    return PlannedReport(
        old=old_id,
        new=new_id,
        path=str(base.with_suffix(".html")),
        summary={**vars(report.summary), "headline": headline(report.summary)},
        message=PlannedMessage(
            message_id=message["Message-ID"],
            subject=message["Subject"],
            recipients=mail.recipients,
            message=message.as_bytes(),
        ),
    )


def filing_line(stored: StoredFiling, planned: list[PlannedReport], store: Store) -> str:
    """The one log line about a processed filing."""
    what = f"{stored.name}: issuer {stored.issuer_key}, period end {stored.period_end or '?'}"
    if not planned:
        return f"{what}; recorded without a report"
    pairs = []
    for report in planned:
        old = store.filing(report.old or stored.id)
        new = store.filing(report.new or stored.id)
        pairs.append(f"{old.name} -> {new.name}: {report.summary['headline']}")
    return f"{what}; report {'; report '.join(pairs)}; e-mail queued"
