"""An archive folder -> the filings in it, who filed each, and the pairs to compare.

The walk skips what the watch service skips (hidden and temporary files, anything under a
dotted folder) and the batch's own output folder; it follows symlinked folders (an archive
assembled from shared storage), each real folder once. Files are taken in the order of their
path relative to the archive: that is the "arrival" order the pairing rules break ties
with (``service.pairing``), so a run pairs an archive the same way every time.

``identify`` runs on a Dask worker: it reads one file and returns its identity (or the
one-line reason it cannot be read). Workers need the archive at the same path.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from ..service.identity import FilingIdentity
from ..service.pairing import consecutive_pairs
from ..service.watch import is_ignored
from .tasks import one_line

__all__ = ["ArchiveFile", "IdentifiedFile", "find_files", "identify", "pairs_of"]


@dataclass(frozen=True)
class ArchiveFile:
    """A file found in the archive, with what tells whether it changed since last run."""

    path: str  # absolute
    relative: str  # to the archive, with forward slashes
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class IdentifiedFile:
    file: ArchiveFile
    sha256: str
    record: FilingIdentity | None  # None when the file cannot be read as a filing
    error: str = ""  # "PATH: what is wrong" when it cannot


def find_files(archive: Path, exclude: Path | None = None) -> list[ArchiveFile]:
    """Every candidate filing under ``archive``, in relative-path order."""
    found: list[ArchiveFile] = []
    seen: set[str] = set()  # folders by real path: a symlinked folder is followed once
    for root, folders, files in os.walk(archive, followlinks=True):
        here = Path(root)
        if os.path.realpath(here) in seen:
            folders[:] = []
            continue
        seen.add(os.path.realpath(here))
        folders[:] = sorted(
            name for name in folders
            if not name.startswith(".") and (exclude is None or here / name != exclude)
        )
        for name in files:
            path = here / name
            if is_ignored(path, archive):
                continue
            try:
                stat = path.stat()
            except OSError:
                continue  # removed while we walked
            relative = path.relative_to(archive).as_posix()
            found.append(ArchiveFile(str(path), relative, stat.st_size, stat.st_mtime_ns))
    return sorted(found, key=lambda file: file.relative)


def identify(file: ArchiveFile) -> IdentifiedFile:
    """Read one filing and say who filed it, for which period (a Dask task). A file that
    cannot be read gives its one-line reason instead of failing the task."""
    from ..errors import KcdiffError
    from ..ingest import read_filing
    from ..service.identity import filing_record

    try:
        sha256 = hashlib.sha256(Path(file.path).read_bytes()).hexdigest()
    except OSError as exc:
        return IdentifiedFile(file, "", None, f"{file.relative}: cannot be read ({exc.strerror})")
    try:
        filing = read_filing(file.path)
    except KcdiffError as exc:
        return IdentifiedFile(file, sha256, None, f"{file.relative}: {exc.problem}")
    except Exception as exc:  # a reader bug on one file must not stop the archive
        return IdentifiedFile(file, sha256, None, one_line(
            f"{file.relative}: internal error: {type(exc).__name__}: {exc}"))
    return IdentifiedFile(file, sha256, filing_record(filing, sha256, file.path, file.path))


def pairs_of(identified: list[IdentifiedFile]) -> list[tuple[str, FilingIdentity]]:
    """(issuer key, old, new) for every consecutive comparable pair (``identified`` in
    archive order), by the watch service's rules."""
    return consecutive_pairs([item.record for item in identified if item.record is not None])
