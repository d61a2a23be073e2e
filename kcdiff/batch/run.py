"""An archive -> pairs -> Dask tasks -> Parquet: the batch from start to end.

1. Walk the archive (the client); read each new or changed file on a worker to learn who
   filed it (``archive.identify``); a file an earlier run read is not read again.
2. Pair each issuer's consecutive comparable filings by the watch service's rules.
3. Compare every pair not yet done on a worker (``tasks.compare_pair``); write each result
   the moment it arrives (``results.Output.save``).
4. Rebuild ``pairs.parquet`` and ``sections.parquet``, also after an interruption.

Without a scheduler address a local Dask cluster is started with one single-threaded worker
process per core (the comparison is CPU-bound Python, so threads would share one core).
"""

from __future__ import annotations

import logging
import os
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from ..errors import KcdiffError, OutputError
from ..service.identity import name_prefix_of
from .archive import ArchiveFile, IdentifiedFile, find_files, identify, pairs_of
from .progress import Progress
from .results import Output
from .tasks import (
    PairOutcome,
    PairTask,
    compare_pair,
    error_row,
    one_line,
    pair_key,
    report_stem,
)

__all__ = ["BatchSettings", "BatchResult", "run_batch"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BatchSettings:
    archive: Path
    output: Path
    scheduler: str | None = None  # "tcp://host:8786"; None starts a local cluster
    workers: int | None = None  # local worker processes; None: one per core
    force: bool = False  # compare again pairs an earlier run finished
    connect_timeout: float = 10.0  # seconds to reach the scheduler
    progress_bar: bool | None = None  # None: a bar when stderr is a terminal


@dataclass(frozen=True)
class BatchResult:
    files: int
    unreadable: int
    pairs: int
    compared: int  # pairs compared by this run
    skipped: int  # pairs an earlier run had finished
    errors: int  # rows of pairs.parquet with status "error"


def run_batch(settings: BatchSettings) -> BatchResult:
    archive = settings.archive.resolve()
    if not archive.is_dir():
        raise KcdiffError(str(settings.archive), "not a folder; give the archive's folder")
    output = Output(_output_folder(settings.output))
    files = find_files(archive, exclude=output.folder)
    with _Cluster(settings) as cluster:
        identified = _identify_all(cluster, files, output, settings.progress_bar)
        tasks = [PairTask(key, old, new, _relative(old.path, archive), _relative(new.path, archive))
                 for key, old, new in pairs_of(identified)]
        done = set() if settings.force else output.done()
        todo = [task for task in tasks if pair_key(task.old.sha256, task.new.sha256) not in done]
        log.info("%d files, %d pairs, %d already done", len(files), len(tasks),
                 len(tasks) - len(todo))
        unreadable = [_unreadable_row(item) for item in identified if item.record is None]
        try:
            _compare_all(cluster, todo, output, settings.progress_bar)
        finally:
            keys = [pair_key(task.old.sha256, task.new.sha256) for task in tasks]
            errors = output.export(keys, unreadable)
    return BatchResult(len(files), len(unreadable), len(tasks), len(todo),
                       len(tasks) - len(todo), errors)


def _output_folder(folder: Path) -> Path:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(str(folder), f"cannot create the output folder ({exc.strerror})") from exc
    return folder.resolve()


class _Cluster:
    """The Dask client, connected at once to a given scheduler (so a wrong address is
    reported before any work), or to a local cluster started only when there is work: a
    second run with nothing left to do starts no processes."""

    def __init__(self, settings: BatchSettings) -> None:
        self._settings = settings
        self._stack = ExitStack()
        self._client = None
        if settings.scheduler:
            self._client = self._connect(settings.scheduler, settings.connect_timeout)

    def _connect(self, address: str, timeout: float):
        from dask.distributed import Client

        try:
            client = Client(address, timeout=timeout)
        except (OSError, TimeoutError, ValueError) as exc:
            raise KcdiffError(address, f"cannot reach the Dask scheduler ({exc}); start one "
                              "with `dask scheduler`, or leave out --scheduler to run on "
                              "this machine") from exc
        return self._stack.enter_context(client)

    @property
    def client(self):
        if self._client is None:
            from dask.distributed import Client, LocalCluster

            workers = self._settings.workers or os.cpu_count() or 1
            # ":0": any free port for the status page, so several batches can share a machine.
            cluster = self._stack.enter_context(LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True,
                dashboard_address=":0"))
            self._client = self._stack.enter_context(Client(cluster))
        return self._client

    def __enter__(self) -> _Cluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()


def _identify_all(cluster: _Cluster, files: list[ArchiveFile], output: Output,
                  bar: bool | None) -> list[IdentifiedFile]:
    """Every file's identity, in archive order; files unchanged since a run read them are
    not read again."""
    from dask.distributed import as_completed

    known = output.known_files()
    new = [file for file in files if (file.path, file.size, file.mtime_ns) not in known]
    found: dict[str, IdentifiedFile] = {}
    progress = Progress(len(new), "files read", bar)
    futures = cluster.client.map(identify, new, pure=False) if new else []
    by_future = dict(zip(futures, new, strict=True))
    for future in as_completed(futures) if futures else ():
        file = by_future[future]
        if future.status == "error":  # the worker died on it, say
            reason = one_line(f"{file.relative}: not read ({future.exception()})")
            found[file.path] = IdentifiedFile(file, "", None, reason)
        else:
            found[file.path] = future.result()
        future.release()
        progress.update()
    progress.close()
    identified = [found.get(f.path) or known[(f.path, f.size, f.mtime_ns)] for f in files]
    if new or len(known) != len(files):  # nothing read, nothing gone: nothing to write
        output.save_files(identified)
    return identified


def _compare_all(cluster: _Cluster, tasks: list[PairTask], output: Output,
                 bar: bool | None) -> None:
    """Compare every pair on the cluster; save each result as it arrives."""
    from dask.distributed import as_completed

    if not tasks:
        return
    client = cluster.client
    progress = Progress(len(tasks), "pairs", bar)
    futures = client.map(compare_pair, tasks, pure=False)
    by_future = dict(zip(futures, tasks, strict=True))
    try:
        for future in as_completed(futures):
            task = by_future.pop(future)
            if future.status == "error":
                reason = one_line(f"not compared ({future.exception()})")
                outcome = PairOutcome(error_row(task, reason))
            else:
                outcome = future.result()
            output.save(outcome, task.issuer_key, report_stem(task))
            future.release()
            progress.update()
    finally:
        progress.close()
        client.cancel(list(by_future))


def _unreadable_row(item: IdentifiedFile) -> dict:
    """A file that cannot be read is a row of its own: without its period it cannot be
    placed in any issuer's series."""
    return {
        "issuer_key": name_prefix_of(item.file.relative),
        "new_path": item.file.relative,
        "new_sha256": item.sha256,
        "status": "error",
        "error": item.error,
    }


def _relative(path: str, archive: Path) -> str:
    return Path(path).relative_to(archive).as_posix()
