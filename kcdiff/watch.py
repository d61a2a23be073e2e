"""The watch service: a folder of filings in, one change report per new filing out by e-mail.

Watchdog's handler threads only put paths on a queue; one worker takes them one at a time:
wait until the file is complete (its size and time stay unchanged for ``settle`` seconds),
hash it, archive a copy, ingest -> pair -> compare -> store -> queue the e-mail -> send.
Every file is read once into memory; the hash, the archived copy and the comparison all
come from those same bytes, so a file replaced mid-way can never mix two versions.

Nothing lost, nothing twice: a filing, its reports and their e-mails are recorded in one
transaction; an e-mail is marked sent only after the server accepted it, and retried with
exponential backoff until then. On start-up the worker first catches up on every file in
the folder (known content is recognised by hash and skipped) and sends what is queued.

For the crash test, ``KCDIFF_PAUSE_BEFORE_SEND`` (seconds) makes the worker wait between
queueing an e-mail and sending it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import queue
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .errors import KcdiffError
from .identity import FilingRecord, filing_record
from .ingest import read_filing
from .mail import DeliveryFailed, MailSettings, compose, deliver, headline
from .store import (
    STATE_DIR,
    PlannedMessage,
    PlannedReport,
    Store,
    StoredFiling,
    default_db_path,
    write_atomic,
)

__all__ = [
    "WatchSettings",
    "Service",
    "RunResult",
    "is_ignored",
    "PAUSE_VARIABLE",
]

log = logging.getLogger(__name__)

PAUSE_VARIABLE = "KCDIFF_PAUSE_BEFORE_SEND"
IGNORED_SUFFIXES = (".part", ".crdownload", ".partial", ".download", ".tmp", ".swp")


@dataclass(frozen=True)
class WatchSettings:
    folder: Path
    mail: MailSettings = field(default_factory=MailSettings)
    db_path: Path | None = None  # default DIR/.kcdiff/kcdiff.db
    settle: float = 0.5  # seconds a file must stay unchanged before it is read
    poll: float = 0.1
    retry_base: float = 2.0  # first retry of a failed e-mail after this many seconds...
    retry_max: float = 600.0  # ...doubling up to this
    once_attempts: int = 3  # tries per e-mail in --once before leaving it queued

    @property
    def state(self) -> Path:
        return self.folder / STATE_DIR

    def backoff(self, failures: int) -> float:
        return min(self.retry_max, self.retry_base * 2 ** max(failures - 1, 0))


@dataclass
class RunResult:
    filings: int = 0
    reports: int = 0
    sent: int = 0
    queued: int = 0


def is_ignored(path: Path, folder: Path) -> bool:
    """Temporary and hidden files, and anything under a hidden folder (our own
    ``.kcdiff`` among them): ``.part``, ``.crdownload``, ``~$report.docx``, ``.DS_Store``."""
    try:
        parts = path.relative_to(folder).parts
    except ValueError:
        return True
    if not parts or any(part.startswith(".") for part in parts):
        return True
    name = parts[-1]
    return name.startswith("~$") or name.lower().endswith(IGNORED_SUFFIXES)


class _Enqueue(FileSystemEventHandler):
    """Runs on watchdog's thread: only hands paths to the worker."""

    def __init__(self, enqueue: Callable[[Path], None]) -> None:
        self._enqueue = enqueue

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type not in ("created", "modified", "moved", "closed"):
            return
        path = event.dest_path if event.event_type == "moved" else event.src_path
        self._enqueue(Path(os.fsdecode(path)))


class Service:
    """One watched folder. Call ``run_once()`` or ``run(stop)`` from the thread that owns
    the service; only ``enqueue`` may be called from other threads."""

    def __init__(self, settings: WatchSettings) -> None:
        self.settings = settings
        self.folder = settings.folder.resolve()
        self._queue: queue.Queue[Path] = queue.Queue()
        self._pending: set[Path] = set()
        self._lock = threading.Lock()
        self._last_read: dict[Path, tuple[int, int]] = {}
        self._store: Store | None = None
        self.result = RunResult()

    # --- the two ways to run --------------------------------------------------------

    def run_once(self) -> RunResult:
        """Process every file not yet recorded, send what is queued, and return."""
        with self._opened():
            self.catch_up()
            self._drain(stop=None)
            for attempt in range(self.settings.once_attempts):
                if attempt:
                    time.sleep(self.settings.backoff(attempt))
                self.deliver_due(now=float("inf"))
                if not self.store.queued():
                    break
            self.result.queued = len(self.store.queued())
        return self.result

    def run(self, stop: threading.Event, ready: threading.Event | None = None) -> RunResult:
        """Watch until ``stop`` is set. ``ready`` is set once the folder is watched and the
        catch-up is queued."""
        observer = Observer()
        observer.schedule(_Enqueue(self.enqueue), str(self.folder), recursive=True)
        observer.start()
        try:
            with self._opened():
                self.catch_up()
                if ready is not None:
                    ready.set()
                while not stop.is_set():
                    self.deliver_due(now=time.time())
                    path = self._next(timeout=self._idle())
                    if path is not None:
                        self._process_guarded(path, stop)
                self.result.queued = len(self.store.queued())
        finally:
            observer.stop()
            observer.join()
        return self.result

    @property
    def store(self) -> Store:
        assert self._store is not None, "the store is open only inside run() or run_once()"
        return self._store

    @contextmanager
    def _opened(self) -> Iterator[Store]:
        # Opened in the thread that runs the service: a sqlite3 connection belongs to the
        # thread that made it.
        self._store = Store(self.settings.db_path or default_db_path(self.folder))
        try:
            yield self._store
        finally:
            self._store.close()
            self._store = None

    # --- the queue --------------------------------------------------------------------

    def enqueue(self, path: Path) -> None:
        """Thread-safe: note that ``path`` may be new or changed."""
        path = Path(os.path.abspath(path))
        if is_ignored(path, self.folder):
            return
        with self._lock:
            if path in self._pending:
                return
            self._pending.add(path)
        self._queue.put(path)

    def catch_up(self) -> None:
        """Queue every file already in the folder, oldest first: those that arrived while
        the service was down are processed, known ones are skipped by hash."""
        found: list[Path] = []
        for root, folders, files in os.walk(self.folder):
            folders[:] = sorted(name for name in folders if not name.startswith("."))
            found.extend(Path(root, name) for name in files)
        for path in sorted(found, key=_mtime):
            self.enqueue(path)

    def _next(self, timeout: float) -> Path | None:
        try:
            path = self._queue.get(timeout=timeout)
        except queue.Empty:
            return None
        with self._lock:
            self._pending.discard(path)
        return path

    def _drain(self, stop: threading.Event | None) -> None:
        while (path := self._next(timeout=0)) is not None:
            self._process_guarded(path, stop)

    def _idle(self) -> float:
        due = self.store.next_due()
        wait = 0.5 if due is None else due - time.time()
        return min(max(wait, 0.02), 0.5)

    # --- one file ---------------------------------------------------------------------

    def _process_guarded(self, path: Path, stop: threading.Event | None) -> None:
        try:
            self.process(path, stop)
        except KcdiffError as exc:
            log.warning("%s: not recorded: %s", path.name, exc.problem)
        except OSError as exc:
            log.warning("%s: not recorded: cannot be read (%s)", path.name, exc.strerror or exc)
        except Exception:  # one bad filing must not stop the service
            log.exception("%s: not recorded: unexpected error", path.name)

    def process(self, path: Path, stop: threading.Event | None = None) -> StoredFiling | None:
        """Record the file at ``path`` if its content is new; compare, store, queue and
        send its reports. Returns the stored filing, or None if nothing was recorded."""
        data = self._read_complete(path, stop)
        if data is None:
            return None
        sha256 = hashlib.sha256(data).hexdigest()
        known = self.store.filing_by_sha(sha256)
        if known is not None:
            if Path(known.path) != path:
                log.info("%s: same content as %s, already recorded", path.name, known.name)
            return None
        archive = self.settings.state / "filings" / sha256[:16] / path.name
        write_atomic(archive, data)
        record = filing_record(read_filing(archive), sha256, path, archive)
        issuer = self.store.resolve_issuer(record)
        planned = self._plan_reports(issuer, record)
        stored = self.store.record(record, issuer, planned)
        self.result.filings += 1
        self.result.reports += len(planned)
        log.info("%s", _filing_line(stored, planned, self.store))
        if any(report.message for report in planned):
            _pause_if_asked()
            self.deliver_due(now=time.time())
        return stored

    def _read_complete(self, path: Path, stop: threading.Event | None) -> bytes | None:
        """The file's bytes once its size and time stayed unchanged for ``settle`` seconds;
        None if it vanished, is not a file, or was already read in this state."""
        stat = _wait_until_settled(path, self.settings.settle, self.settings.poll, stop)
        if stat is None or self._last_read.get(path) == stat:
            return None
        data = path.read_bytes()
        if _signature(path) != stat:  # written to again while we read: take it next time
            self.enqueue(path)
            return None
        self._last_read[path] = stat
        return data

    def _plan_reports(self, issuer: str, record: FilingRecord) -> list[PlannedReport]:
        """Compare with the previous filing; and when this one is older than a filing that
        never got a report (it arrived first), compare that one with this one too."""
        earlier, later = self.store.neighbours(issuer, record)
        planned = []
        if earlier is not None:
            planned.append(self._report(issuer, earlier, record, old_id=earlier.id, new_id=0))
        if later is not None and not self.store.has_report_as_new(later.id):
            planned.append(self._report(issuer, record, later, old_id=0, new_id=later.id))
        return [report for report in planned if report is not None]

    def _report(
        self, issuer: str, old: FilingRecord, new: FilingRecord, old_id: int, new_id: int
    ) -> PlannedReport | None:
        from .compare import compare_files  # the core pipeline: ingest, segment, compare
        from .render import render_html, render_json

        try:
            report = compare_files(old.archive, new.archive)
        except KcdiffError as exc:
            log.warning("%s -> %s: no report: %s", old.name, new.name, exc)
            return None
        # Compared from the archived copies; the report names the files as they arrived.
        report = replace(report, old=replace(report.old, path=old.path),
                         new=replace(report.new, path=new.path))
        name = f"{Path(old.name).stem}--{Path(new.name).stem}"
        base = self.settings.state / "reports" / f"{name}-{new.sha256[:8]}"
        write_atomic(base.with_suffix(".html"), render_html(report).encode("utf-8"))
        write_atomic(base.with_suffix(".json"), render_json(report).encode("utf-8"))
        message = compose(
            report,
            self.settings.mail,
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
                recipients=self.settings.mail.recipients,
                message=message.as_bytes(),
            ),
        )

    # --- e-mail -----------------------------------------------------------------------

    def deliver_due(self, now: float) -> int:
        """Try every queued e-mail due by ``now``; returns how many were accepted."""
        sent = 0
        for message in self.store.queued(due_before=now):
            name = f"{message.id:06d}-{message.message_id.strip('<>').split('@')[0]}"
            try:
                where = deliver(
                    message.message, message.recipients, self.settings.mail,
                    self.settings.state / "outbox", name,
                )
            except DeliveryFailed as exc:
                delay = self.settings.backoff(message.attempts + 1)
                self.store.mark_failed(message.id, str(exc), time.time() + delay)
                log.warning("e-mail %d not sent (%s); retry in %.1f s", message.id, exc, delay)
                continue
            self.store.mark_sent(message.id)
            sent += 1
            log.info("e-mail %d sent to %s: %s", message.id, where, message.subject)
        self.result.sent += sent
        return sent


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    if not path.is_file():
        return None
    return (stat.st_size, stat.st_mtime_ns)


def _mtime(path: Path) -> int:
    signature = _signature(path)
    return signature[1] if signature else 0


def _wait_until_settled(
    path: Path, settle: float, poll: float, stop: threading.Event | None
) -> tuple[int, int] | None:
    """Poll the file's (size, mtime) until it has stayed the same for ``settle`` seconds.
    A copy in progress keeps changing one or the other. (A file still empty after that is
    read, found empty and left unrecorded; its first write brings it back to the queue.)"""
    last = _signature(path)
    since = time.monotonic()
    while last is not None:
        if stop is not None and stop.is_set():
            return None
        if time.monotonic() - since >= settle:
            return last
        time.sleep(poll)
        current = _signature(path)
        if current != last:
            last, since = current, time.monotonic()
    return None


def _filing_line(stored: StoredFiling, planned: list[PlannedReport], store: Store) -> str:
    what = f"{stored.name}: issuer {stored.issuer_key}, period end {stored.period_end or '?'}"
    if not planned:
        return f"{what}; first of its kind for this issuer, recorded without a report"
    pairs = []
    for report in planned:
        old = store.filing(report.old or stored.id)
        new = store.filing(report.new or stored.id)
        pairs.append(f"{old.name} -> {new.name}: {report.summary['headline']}")
    return f"{what}; report {'; report '.join(pairs)}; e-mail queued"


def _pause_if_asked() -> None:
    seconds = float(os.environ.get(PAUSE_VARIABLE, "0") or 0)
    if seconds > 0:
        log.info("e-mail queued; pausing %.1f s before sending (%s)", seconds, PAUSE_VARIABLE)
        time.sleep(seconds)
