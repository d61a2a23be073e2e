"""The watch service: a watched folder -> a queue of paths -> one worker that processes
each complete filing (``pipeline``) -> an outbox that a sender thread delivers.

A watchdog observer (its own thread) only puts paths on a queue. The worker waits until a
file's size and modification time have stayed the same for ``settle`` seconds (a copy in
progress keeps changing them), reads it once, and hands the bytes to the pipeline.
Sending runs in its own thread with its own connection to the history, so a mail server
that hangs never stops filings being read and compared.

Only regular files inside the folder are read: a symbolic link (to a file or a folder) is
skipped with a log line, and a file is opened without following links. A file over
``max_bytes``, or a device or FIFO, is refused before a byte is read, and recorded once.

One process owns a folder: a second ``kcdiff watch`` on it stops with a clear line. On
start-up the worker catches up on every file in the folder (known content is recognised
by hash and skipped) and the sender sends what is queued.
"""

from __future__ import annotations

import logging
import os
import queue
import stat
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from ..errors import ConfigError, InputError
from ..ingest import MAX_BYTES, read_regular_file
from .delivery import Courier, Ledger, SendResult
from .files import FolderLock, safe_text
from .identity import display_path
from .mail import MailSettings
from .pipeline import Pipeline, Processed
from .store import STATE_DIR, Store, default_db_path

__all__ = ["WatchSettings", "Service", "RunResult", "is_ignored"]

log = logging.getLogger(__name__)

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
    max_bytes: int = MAX_BYTES  # larger files are refused unread

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
    queued: int = 0  # e-mails left for a retry
    failed: int = 0  # e-mails refused by the server (some recipient)
    unknown: int = 0  # e-mails whose outcome is unknown
    rejected: int = 0  # files recorded as not comparable filings
    unrecorded: list[str] = field(default_factory=list)  # files the history could not take


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
        self._skipped: set[Path] = set()
        self._store: Store | None = None
        self._pipeline: Pipeline | None = None
        self._observer: BaseObserver | None = None
        self._watched: set[Path] = set()
        self._wake = threading.Event()
        self._courier = Courier(
            settings.mail, settings.state, Ledger(settings.state / "delivered.jsonl"),
            settings.retry_base, settings.retry_max)
        self._sent = SendResult()
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
            self._finish()
        return self.result

    def run(self, stop: threading.Event, ready: threading.Event | None = None) -> RunResult:
        """Watch until ``stop`` is set. ``ready`` is set once the folder is watched and the
        catch-up is queued."""
        observer = self._observer = Observer()
        # The folder itself flat, each subfolder recursively: a recursive watch of the folder
        # would also watch our own .kcdiff, where every database write is an event.
        observer.schedule(_Enqueue(self.enqueue), str(self.folder), recursive=False)
        for entry in sorted(self.folder.iterdir()):
            if entry.is_dir() and not entry.is_symlink() and not is_ignored(entry, self.folder):
                self._watch(entry)
        observer.start()
        sender = None
        try:
            with self._opened():
                sender = threading.Thread(target=self._send_until, args=(stop,),
                                          name="kcdiff-sender", daemon=True)
                sender.start()
                self.catch_up()
                if ready is not None:
                    ready.set()
                while not stop.is_set():
                    self._collect(timeout=self.settings.poll if self._settling else 0.5)
                    self._process_settled(stop)
                self._wake.set()
                sender.join()
                self._finish()
        finally:
            observer.stop()
            observer.join()
            self._observer = None
        return self.result

    def _send_until(self, stop: threading.Event) -> None:
        """The sender thread: its own connection to the history, so a slow server delays
        only e-mails, never filings."""
        with Store(self.settings.db_path or default_db_path(self.folder)) as store:
            while not stop.is_set():
                self._wake.clear()  # before sending: a filing queued meanwhile wakes the wait
                try:
                    self._courier.deliver_due(store, time.time(), self._sent)
                except Exception:  # a broken history must not kill the sender silently
                    log.exception("e-mail delivery stopped for now")
                due = store.next_due()
                wait = 0.5 if due is None else due - time.time()
                self._wake.wait(min(max(wait, 0.02), 0.5))

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
        lock = FolderLock(self.settings.state / "lock")
        try:
            lock.acquire()
        except BlockingIOError as exc:
            raise ConfigError(str(self.settings.folder), f"already watched by {exc} (lock "
                              f"{lock.path}); stop that watcher first") from None
        try:
            # Opened in the thread that runs the worker: a sqlite3 connection belongs to
            # the thread that made it. Checked once: a damaged history stops the start.
            self._store = Store(self.settings.db_path or default_db_path(self.folder),
                                check=True)
            self._pipeline = Pipeline(self._store, self.settings.state, self.settings.mail)
            reopened = self._store.reopen_unreached(self.settings.mail.recipients)
            if reopened:
                log.info("%d failed e-mail(s) queued again for the recipients now set", reopened)
            yield self._store
        finally:
            if self._store is not None:
                self._store.close()
            self._store = self._pipeline = None
            lock.release()

    def _finish(self) -> None:
        counts = self.store.outbox_counts()
        self.result.sent = self._sent.sent
        self.result.queued = counts.get("queued", 0)
        self.result.failed, self.result.unknown = self._sent.failed, self._sent.unknown

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

    def observed(self, path: Path) -> Signature | None:
        """The size and time the worker last saw ``path`` with, settling or read (for
        tests and status: thread-safe enough for a poll)."""
        path = Path(os.path.abspath(path))
        settling = self._settling.get(path)
        return settling[0] if settling else self._last_read.get(path)

    def catch_up(self) -> None:
        """Queue every file already in the folder, oldest first: those that arrived while
        the service was down are processed, known ones are skipped by hash."""
        self._catch_up_in(self.folder)

    def _catch_up_in(self, folder: Path) -> None:
        found: list[Path] = []
        for root, folders, files in os.walk(folder):  # never into a linked folder
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
            self._note(path)
            try:
                path = self._queue.get_nowait()
            except queue.Empty:
                path = None

    def _note(self, path: Path) -> None:
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            return  # gone again
        if stat.S_ISLNK(mode) or not self._inside(path):
            self._skip(path, "a symbolic link or outside the folder; only regular files "
                       "inside it are read")
        elif stat.S_ISDIR(mode):  # a new subfolder: watch it, and take what is in it
            self._watch(path)
            self._catch_up_in(path)
        elif not stat.S_ISREG(mode):
            self._skip(path, "not a regular file (a FIFO, socket or device)")
        elif path not in self._settling:
            signature = _signature(path)
            if signature is not None:
                self._settling[path] = (signature, time.monotonic())

    def _inside(self, path: Path) -> bool:
        real = Path(os.path.realpath(path.parent))
        return real == self.folder or self.folder in real.parents

    def _skip(self, path: Path, why: str) -> None:
        if path not in self._skipped:  # one line per path, not one per event
            self._skipped.add(path)
            log.warning("%s: skipped: %s", safe_text(display_path(path)), why)

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

    # --- one file ---------------------------------------------------------------------

    def _process_guarded(self, path: Path, settled: Signature) -> None:
        name = safe_text(display_path(path.name))
        try:
            self._count(self.process(path, settled))
        except Exception as exc:  # one file must not stop the service; it is counted
            log.error("%s: not recorded: %s: %s", name, type(exc).__name__,
                      safe_text(str(exc)))
            log.debug("%s: traceback", name, exc_info=True)
            self.result.unrecorded.append(display_path(path))

    def _count(self, processed: Processed | None) -> None:
        if processed is None:
            return
        if processed.filing is not None:
            self.result.filings += 1
            self.result.reports += processed.reports
        if processed.rejected:
            self.result.rejected += 1
        if processed.messages:
            self._wake.set()  # the sender thread, if running

    def process(self, path: Path, settled: Signature | None = None) -> Processed | None:
        """Read the regular file at ``path`` (complete, with size and time ``settled``)
        and hand its bytes to the pipeline; None when there is nothing (new) to read."""
        settled = settled or _signature(path)
        if settled is None or self._last_read.get(path) == settled:
            return None
        key = f"{display_path(path)}|{settled[0]}|{settled[1]}"
        if self.store.is_rejected(key):
            return None
        try:
            data = read_regular_file(path, self.settings.max_bytes, follow_symlinks=False)
        except InputError as exc:
            self._last_read[path] = settled
            return self._pipeline.reject(key, path, exc.problem)
        if _signature(path) != settled:  # written to again while we read: take it later
            self.enqueue(path)
            return None
        self._last_read[path] = settled
        return self._pipeline.process(path, data)

    # --- e-mail -----------------------------------------------------------------------

    def deliver_due(self, now: float) -> int:
        """Try every queued e-mail due by ``now`` in this thread; returns how many every
        recipient accepted."""
        before = self._sent.sent
        self._courier.deliver_due(self.store, now, self._sent)
        return self._sent.sent - before


def _signature(path: Path) -> Signature | None:
    """Size and modification time of a regular file (links not followed), else None."""
    try:
        status = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(status.st_mode):
        return None
    return (status.st_size, status.st_mtime_ns)


def _mtime(path: Path) -> int:
    signature = _signature(path)
    return signature[1] if signature else 0
