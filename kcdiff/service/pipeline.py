"""One filing through the service: identify, pair, compare, store, queue the e-mail.

The bytes come from the watcher, read once; the hash, the archived copy, the parsed
filing and the comparison all come from them, so a file replaced mid-way can never mix
two versions. A file that is not a filing kcdiff can read is recorded once as rejected
with its error (``kcdiff history`` lists it), so it is neither retried on every restart
nor lost. The filing, its reports and their e-mails are recorded in one transaction;
report files written for a transaction that fails are removed again.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import KcdiffError
from ..ingest import parse_filing, read_regular_file
from ..model import Filing
from .files import safe_file_name, safe_text, write_atomic
from .identity import FilingIdentity, display_path, filing_record
from .mail import MailSettings
from .reports import ReportContext, filing_line, plan_reports, report_files
from .store import Store

__all__ = ["Pipeline", "Processed"]

log = logging.getLogger("kcdiff.service.watch")
_KEEP_PARSED = 16


@dataclass(frozen=True)
class Processed:
    """What became of one file: ``filing`` stored (with ``reports`` made, ``messages``
    queued), or ``rejected`` with its reason, or neither (content already known)."""

    filing: FilingIdentity | None = None
    reports: int = 0
    messages: int = 0
    rejected: str = ""


@dataclass
class Pipeline:
    store: Store
    state: Path
    mail: MailSettings
    _parsed: dict[str, Filing] = field(default_factory=dict)

    def process(self, path: Path, data: bytes) -> Processed:
        """Record the filing whose bytes ``data`` arrived at ``path``, if its content is
        new. Raises only what the history itself cannot do (a database error)."""
        sha256 = hashlib.sha256(data).hexdigest()
        known = self.store.filing_by_sha(sha256)
        if known is not None:
            if known.path != display_path(path):
                log.info("%s: same content as %s, already recorded",
                         safe_text(display_path(path.name)), safe_text(known.name))
            return Processed()
        if self.store.is_rejected(sha256):
            return Processed()
        try:
            filing = parse_filing(path, data)
        except KcdiffError as exc:
            return self.reject(sha256, path, exc.problem)
        archive = self.state / "filings" / sha256[:16] / safe_file_name(
            display_path(path.name), "filing")
        write_atomic(archive, data)
        record = filing_record(filing, sha256, path, archive)
        self._remember(sha256, filing)
        return self._record(record)

    def reject(self, key: str, path: Path, problem: str) -> Processed:
        """Record once that the file at ``path`` (content or state ``key``) is refused."""
        self.store.reject(key, display_path(path), problem)
        log.warning("%s: not a filing kcdiff can compare, recorded as rejected: %s",
                    safe_text(display_path(path.name)), safe_text(problem))
        return Processed(rejected=problem)

    def _record(self, record: FilingIdentity) -> Processed:
        issuer = self.store.resolve_issuer(record)
        context = ReportContext(self.state, self.mail, issuer, self._filing)
        planned = plan_reports(self.store, context, record)
        try:
            stored = self.store.record(record, issuer, planned)
        except BaseException:
            for report in planned:  # nothing recorded: leave no report behind either
                for written in report_files(report):
                    written.unlink(missing_ok=True)
            raise
        log.info("%s", filing_line(stored, planned, self.store))
        messages = sum(1 for report in planned if report.message)
        return Processed(filing=stored, reports=len(planned), messages=messages)

    def _filing(self, identity: FilingIdentity) -> Filing:
        """The parsed filing: the one just read, or its archived copy parsed once."""
        filing = self._parsed.get(identity.sha256)
        if filing is None:
            archive = Path(identity.archive)
            filing = parse_filing(archive, read_regular_file(archive))
            self._remember(identity.sha256, filing)
        return filing

    def _remember(self, sha256: str, filing: Filing) -> None:
        self._parsed[sha256] = filing
        while len(self._parsed) > _KEEP_PARSED:  # a long-running service: the latest few
            del self._parsed[next(iter(self._parsed))]
