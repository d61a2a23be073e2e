"""The reports the watch service makes for a new filing: which filings it is compared
with, the comparison itself (the core pipeline), the report files and the e-mail.

Each filing is parsed once (the new one from the bytes that were hashed, an earlier one
from its archived copy) and each report rendered to HTML once, for the file and the
e-mail alike. Report files are named by both filings' hashes, so two reports never share
a name and a crash before the history is written leaves a file the rerun overwrites.
The e-mail is returned, not sent: the caller records it in the same transaction as the
filing.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import KcdiffError
from ..model import Filing
from .files import safe_text, write_atomic
from .identity import FilingIdentity
from .mail import MailSettings, compose, headline
from .store import PlannedMessage, PlannedReport, Store

__all__ = ["plan_reports", "make_report", "filing_line", "ReportContext"]

log = logging.getLogger("kcdiff.watch")


@dataclass(frozen=True)
class ReportContext:
    """What making a report needs besides the two filings."""

    state: Path
    mail: MailSettings
    issuer: str
    parsed: Callable[[FilingIdentity], Filing]  # the filing itself, parsed once


def plan_reports(store: Store, context: ReportContext, record: FilingIdentity
                 ) -> list[PlannedReport]:
    """The reports ``record`` (not yet stored) triggers: against the issuer's previous
    filing; and when it is older than a filing that never got a report (that one arrived
    first), that filing against this one, so the late arrival is the old side."""
    earlier, later = store.neighbours(context.issuer, record)
    planned = []
    if earlier is not None:
        planned.append(make_report(context, earlier, record, earlier.id, 0))
    if later is not None and not store.has_report_as_new(later.id):
        planned.append(make_report(context, record, later, 0, later.id))
    return [report for report in planned if report is not None]


def make_report(context: ReportContext, old: FilingIdentity, new: FilingIdentity,
                old_id: int, new_id: int) -> PlannedReport | None:
    """Compare ``old`` with ``new``, write the HTML and JSON report to ``state/reports/``
    and compose the e-mail. ``old_id``/``new_id``: stored ids, 0 for the filing being
    recorded. None when the core cannot compare them (logged)."""
    from ..compare import compare  # the core pipeline: segment, align, compare
    from ..render import render_html, render_json

    try:
        report = compare(context.parsed(old), context.parsed(new))
    except KcdiffError as exc:
        log.warning("%s -> %s: no report: %s", safe_text(old.name), safe_text(new.name),
                    safe_text(str(exc)))
        return None
    # The report names the files as they arrived, not their archived copies.
    report = replace(report, old=replace(report.old, path=old.path),
                     new=replace(report.new, path=new.path))
    name = f"{_stem(old)}--{_stem(new)}"
    base = context.state / "reports" / f"{name}-{old.sha256[:8]}-{new.sha256[:8]}"
    html = render_html(report)
    paths = (Path(f"{base}.html"), Path(f"{base}.json"))
    write_atomic(paths[0], html.encode("utf-8"))
    write_atomic(paths[1], render_json(report).encode("utf-8"))
    message = compose(report, context.mail, message_id=message_id(old, new),
                      attachment_name=f"kcdiff-{name}.html", issuer=context.issuer,
                      report_html=html)
    return PlannedReport(
        old=old_id, new=new_id, path=str(paths[0]),
        summary={**vars(report.summary), "headline": headline(report.summary)},
        message=PlannedMessage(
            message_id=message["Message-ID"], subject=message["Subject"],
            recipients=context.mail.recipients, message=message.as_bytes(),
        ),
    )


def message_id(old: FilingIdentity, new: FilingIdentity) -> str:
    """The same two filings always give the same Message-ID, so a mail system can drop
    the one duplicate a crash can cause, and a rebuilt history finds its ledger lines."""
    return f"<{old.sha256[:16]}.{new.sha256[:16]}@kcdiff>"


def report_files(report: PlannedReport) -> list[Path]:
    html = Path(report.path)
    return [html, html.with_name(html.name.removesuffix(".html") + ".json")]


def _stem(filing: FilingIdentity) -> str:
    """The file name without its last suffix, in characters safe in any file system."""
    stem = filing.name.rsplit(".", 1)[0] if "." in filing.name else filing.name
    return re.sub(r"[^\w.-]+", "-", stem).strip("-.")[:60] or "filing"


def filing_line(stored: FilingIdentity, planned: list[PlannedReport], store: Store) -> str:
    """The one log line about a processed filing (names escaped: they are data)."""
    what = (f"{safe_text(stored.name)}: issuer {safe_text(stored.issuer_key)}, "
            f"period end {stored.period_end or '?'}")
    if not planned:
        return f"{what}; recorded without a report"
    pairs = []
    for report in planned:
        old = store.filing(report.old or stored.id)
        new = store.filing(report.new or stored.id)
        pairs.append(f"{safe_text(old.name)} -> {safe_text(new.name)}: "
                     f"{report.summary['headline']}")
    return f"{what}; report {'; report '.join(pairs)}; e-mail queued"
