"""Files the service and the command line write: one atomic writer, and safe file names.

``write_atomic`` writes a temporary dotfile in the target's folder, flushes it to disk
(fsync) and renames it over the target, so nobody (a mail client, a restarted service, a
reader of ``-o``) ever sees half a file, and a crash leaves the old file or the new one.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

__all__ = ["write_atomic", "safe_text", "safe_file_name", "FolderLock"]

# Control characters (C0, DEL, C1) and the bidirectional overrides, embeddings and isolates
# that make "report‮txt.exe" read as "reportexe.txt".
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(rf"[\x00-\x1f\x7f-\x9f{_BIDI}\u2028\u2029]")


def write_atomic(target: str | Path, data: bytes) -> None:
    """Write ``data`` to ``target`` whole or not at all (see the module docstring)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(
        "wb", dir=target.parent, prefix=f".{target.name[:100]}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            handle.write(data)
            handle.flush()
            # A temporary file is private (0600); what we write is shared like any file
            # this user writes (a report on a team drive), so it takes the umask's mode.
            os.fchmod(handle.fileno(), 0o666 & ~_umask())
            os.fsync(handle.fileno())
        os.replace(handle.name, target)
    finally:
        Path(handle.name).unlink(missing_ok=True)


def _umask() -> int:
    # Linux states it in /proc; elsewhere reading it means setting it for an instant, in
    # which another thread's new file would take that mask.
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


def safe_text(text: str) -> str:
    """``text`` for a mail header or a log line: control and bidi characters become a
    space, bytes that were not UTF-8 (``surrogateescape``) become ``\\xNN``."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return re.sub(r" {2,}", " ", _UNSAFE.sub(" ", text)).strip()


def safe_file_name(name: str, fallback: str = "file") -> str:
    """``name`` fit for an attachment or a file we write: safe text, no path separators,
    no leading dot, letters kept (NFC)."""
    name = unicodedata.normalize("NFC", safe_text(name)).replace("/", "-").replace("\\", "-")
    return name.strip(". ") or fallback


class FolderLock:
    """One process owns a watched folder: an exclusive ``flock`` on ``DIR/.kcdiff/lock``,
    released by the kernel when the process ends in any way (SIGKILL included), so a
    stale lock never blocks a restart."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle = None

    def acquire(self) -> None:
        """Take the lock, or raise ``BlockingIOError`` naming the holder's process id."""
        import fcntl

        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 (held until release)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            handle.close()
            raise BlockingIOError(f"process {holder}") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing the descriptor drops the flock
            self._handle = None
