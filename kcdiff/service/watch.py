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
from dataclasses import dataclass, field
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from ..errors import KcdiffError
from ..ingest import read_filing
from .files import write_atomic
from .identity import filing_record
from .mail import DeliveryFailed, MailSettings, deliver
from .reports import filing_line, plan_reports
from .store import (
    STATE_DIR,
    Store,
    StoredFiling,
    default_db_path,
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
Signature = tuple[int, int]  # a file's size and modification time (ns)
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
        if event.event_type not in ("created", "modified", "moved", "closed"):
            return
        if event.is_directory and event.event_type not in ("created", "moved"):
            return
        path = event.dest_path if event.event_type == "moved" else event.src_path
        self._enqueue(Path(os.fsdecode(path)))


class Service:
    """One watched folder. Call ``run_once()`` or ``run(stop)`` from the thread that owns
    the service; only ``enqueue`` may be called from other threads."""

    def __init__(self, settings: WatchSettings) -> None:
        self.settings = settings
        self.folder = settings.folder.resolve()
        self._queue: queue.SimpleQueue[Path] = queue.SimpleQueue()
        # Files seen but not yet complete: path -> (size and time, unchanged since when).
        # All of them settle at once, so a burst of arrivals waits one settle, not one each.
        self._settling: dict[Path, tuple[Signature, float]] = {}
        self._last_read: dict[Path, Signature] = {}
        self._store: Store | None = None
        self._observer: BaseObserver | None = None
        self._watched: set[Path] = set()
        self.result = RunResult()

    # --- the two ways to run --------------------------------------------------------

    def run_once(self) -> RunResult:
        """Process every file not yet recorded, send what is queued, and return."""
        with self._opened():
            self.catch_up()
            self._collect(timeout=0)
            while self._settling:
                self._process_settled(stop=None)
                if self._settling:
                    time.sleep(self.settings.poll)
                self._collect(timeout=0)
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
        observer = self._observer = Observer()
        # The folder itself flat, each subfolder recursively: a recursive watch of the folder
        # would also watch our own .kcdiff, where every database write is an event.
        observer.schedule(_Enqueue(self.enqueue), str(self.folder), recursive=False)
        for entry in sorted(self.folder.iterdir()):
            if entry.is_dir() and not is_ignored(entry, self.folder):
                self._watch(entry)
        observer.start()
        try:
            with self._opened():
                self.catch_up()
                if ready is not None:
                    ready.set()
                while not stop.is_set():
                    self.deliver_due(now=time.time())
                    self._collect(timeout=self._idle())
                    self._process_settled(stop)
                self.result.queued = len(self.store.queued())
        finally:
            observer.stop()
            observer.join()
            self._observer = None
        return self.result

    def _watch(self, folder: Path) -> None:
        """Watch a subfolder (and everything under it) unless a watched one holds it."""
        if self._observer is None or any(w == folder or w in folder.parents for w in self._watched):
            return
        self._observer.schedule(_Enqueue(self.enqueue), str(folder), recursive=True)
        self._watched.add(folder)

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
        if not is_ignored(path, self.folder):
            self._queue.put(path)

    @property
    def pending(self) -> int:
        """Files noted but not yet processed (for tests and status)."""
        return self._queue.qsize() + len(self._settling)

    def catch_up(self) -> None:
        """Queue every file already in the folder, oldest first: those that arrived while
        the service was down are processed, known ones are skipped by hash."""
        self._catch_up_in(self.folder)

    def _catch_up_in(self, folder: Path) -> None:
        found: list[Path] = []
        for root, folders, files in os.walk(folder):
            folders[:] = sorted(name for name in folders if not name.startswith("."))
            found.extend(Path(root, name) for name in files)
        for path in sorted(found, key=_mtime):
            self.enqueue(path)

    def _collect(self, timeout: float) -> None:
        """Move noted paths into the settling set, waiting up to ``timeout`` for the first."""
        try:
            path = self._queue.get(timeout=timeout) if timeout > 0 else self._queue.get_nowait()
        except queue.Empty:
            return
        while path is not None:
            signature = _signature(path)
            if path.is_dir():  # a new subfolder: watch it, and take what is already in it
                self._watch(path)
                self._catch_up_in(path)
            elif signature is not None and path not in self._settling:
                self._settling[path] = (signature, time.monotonic())
            try:
                path = self._queue.get_nowait()
            except queue.Empty:
                path = None

    def _process_settled(self, stop: threading.Event | None) -> None:
        """Process, in arrival order, every file whose size and time have stayed unchanged
        for ``settle`` seconds: a copy in progress keeps changing one or the other."""
        for path, (known, since) in list(self._settling.items()):
            if stop is not None and stop.is_set():
                return
            current = _signature(path)
            if current is None:
                del self._settling[path]
            elif current != known:
                self._settling[path] = (current, time.monotonic())
            elif time.monotonic() - since >= self.settings.settle:
                del self._settling[path]
                self._process_guarded(path, current)

    def _idle(self) -> float:
        if self._settling:
            return self.settings.poll
        due = self.store.next_due()
        wait = 0.5 if due is None else due - time.time()
        return min(max(wait, 0.02), 0.5)

    # --- one file ---------------------------------------------------------------------

    def _process_guarded(self, path: Path, settled: Signature) -> None:
        try:
            self.process(path, settled)
        except KcdiffError as exc:
            log.warning("%s: not recorded: %s", path.name, exc.problem)
        except OSError as exc:
            log.warning("%s: not recorded: cannot be read (%s)", path.name, exc.strerror or exc)
        except Exception as exc:  # one bad filing must not stop the service
            log.error("%s: not recorded: unexpected error (%s: %s)", path.name,
                      type(exc).__name__, exc)
            log.debug("%s: traceback", path.name, exc_info=True)

    def process(self, path: Path, settled: Signature | None = None) -> StoredFiling | None:
        """Record the file at ``path`` (complete, with size and time ``settled``) if its
        content is new; compare, store, queue and send its reports. Returns the stored
        filing, or None if nothing was recorded."""
        data = self._read_complete(path, settled or _signature(path))
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
        planned = plan_reports(self.store, issuer, record, self.settings.state,
                               self.settings.mail)
        stored = self.store.record(record, issuer, planned)
        self.result.filings += 1
        self.result.reports += len(planned)
        log.info("%s", filing_line(stored, planned, self.store))
        if any(report.message for report in planned):
            _pause_if_asked()
            self.deliver_due(now=time.time())
        return stored

    def _read_complete(self, path: Path, settled: Signature | None) -> bytes | None:
        """The file's bytes, if it is still as it settled and was not read in that state."""
        if settled is None or self._last_read.get(path) == settled:
            return None
        data = path.read_bytes()
        if _signature(path) != settled:  # written to again while we read: take it later
            self.enqueue(path)
            return None
        self._last_read[path] = settled
        return data

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
            # ValueError: an address smtplib cannot encode; it waits like any other failure.
            except (DeliveryFailed, ValueError) as exc:
                delay = self.settings.backoff(message.attempts + 1)
                self.store.mark_failed(message.id, str(exc), time.time() + delay)
                log.warning("e-mail %d not sent (%s); retry in %.1f s", message.id, exc, delay)
                continue
            self.store.mark_sent(message.id)
            sent += 1
            log.info("e-mail %d sent to %s: %s", message.id, where, message.subject)
        self.result.sent += sent
        return sent


def _signature(path: Path) -> Signature | None:
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


def _pause_if_asked() -> None:
    seconds = float(os.environ.get(PAUSE_VARIABLE, "0") or 0)
    if seconds > 0:
        log.info("e-mail queued; pausing %.1f s before sending (%s)", seconds, PAUSE_VARIABLE)
        time.sleep(seconds)
