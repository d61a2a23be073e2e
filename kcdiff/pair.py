"""The two filings of a pair read and analysed at once, for the command line's
``kcdiff diff``: the old filing in a forked worker process while this process does the
new one, when that can pay (``worth_a_worker``); then the candidate pairs of sections
scored half here, half in a second forked process (``forked_map``). Anything that stops a
second process from starting or finishing leaves that work to this one, with the same
report.

Only the command line does this. The library's ``compare()`` stays serial; the watch
service must not fork beside its threads, and the Dask batch's workers are daemonic
processes, which may not have children.

The forked worker inherits this process's logging and stderr, so its log lines reach
the same place; its checks travel back inside the ``AnalysedFiling``; its errors are
raised here, so the command line still says ``kcdiff: error: FILE: ...`` about them.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from .compare import AnalysedFiling, analyse_file
from .model import Mapper

TYPE_CHECKING = False  # typing.TYPE_CHECKING; concurrent.futures is imported when used
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from concurrent.futures import Future, ProcessPoolExecutor
    from typing import Any

__all__ = ["analyse_pair", "forked_map", "pair_mapper", "worth_a_worker"]

# The smaller file must be at least this large for a worker to pay. It can save at most
# the time of analysing one filing (the smaller), and costs, in CPU time measured on two
# cores (README "Benchmarks"): ~50 ms whatever the pair (importing multiprocessing and
# concurrent.futures ~25 ms, forking and starting the worker), plus pickling its result
# and reading it back (~5 ms for 50 KB of text, 60-90 ms for a 200-page report). The
# sample pair (46 and 53 KB of text, ~0.06 s of analysis each once the patterns are
# compiled) would save about what it costs, so it is read serially; Fullshare's 200-page
# PDF pair (3.3 and 3.0 MB, 1.9 s and 1.4 s of analysis) can save more than a second.
# 512 KB of PDF take ~0.3 s to analyse, of text more: several times the fixed cost.
MIN_FILE_BYTES = 512 * 1024


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def running_now() -> int | None:
    """The processes running or ready to run at this moment on the machine, this one
    included: the fewest of a few counts (/proc/loadavg) a millisecond apart. Something
    shows as running for an instant: right after the worker that read the old filing
    ended, one count in two said 2 on an idle two-core machine, and so turned the second
    process off for the pair stages; the next count said 1. A process that keeps a CPU
    busy is in every count. None where the count cannot be read."""
    counts = []
    for sample in range(_COUNTS):
        if sample:
            time.sleep(_COUNT_GAP)
        count = _running_count()
        if count is None:
            return None
        counts.append(count)
    return min(counts)


_COUNTS = 3
_COUNT_GAP = 0.001  # seconds


def _running_count() -> int | None:
    try:
        with open("/proc/loadavg", encoding="ascii") as loadavg:
            return int(loadavg.read().split()[3].split("/")[0])
    except (OSError, IndexError, ValueError):
        return None


def idle_cpus() -> int:
    """The usable CPUs nobody is using at this moment; 0 when that cannot be known.
    The worker only pays on an idle core: with other processes keeping both cores busy,
    the two processes of a PDF pair shared one core's time and took 0.5 s more CPU and
    0.7 s more wall time than one (load average 6; README). The count is taken now, not
    averaged: the load average of the last minute still counted a kcdiff run that had
    just ended, and so turned the worker off for the next run."""
    running = running_now()
    return 0 if running is None else usable_cpus() - max(running, 1)


def worth_a_worker(old: str | Path, new: str | Path) -> bool:
    """Whether analysing the old filing in a second process can make the run shorter:
    a CPU nobody else is using, and files large enough to pay for the worker."""
    try:
        if min(os.path.getsize(old), os.path.getsize(new)) < MIN_FILE_BYTES:
            return False
    except OSError:  # a missing file: the reader says so, in one process
        return False
    return idle_cpus() >= 1


def analyse_pair(old: str | Path, new: str | Path, max_bytes: int,
                 meanwhile: Callable[[], object] | None = None
                 ) -> tuple[AnalysedFiling, AnalysedFiling]:
    """Both filings analysed, the old one in a worker process when that can pay.
    ``meanwhile`` is called if this process is done with the new filing before the
    worker is done with the old one: work the next stages would otherwise do later."""
    executor = _start_worker() if worth_a_worker(old, new) else None
    if executor is None:
        return analyse_file(old, max_bytes), analyse_file(new, max_bytes)
    from concurrent.futures.process import BrokenProcessPool

    # Leaving the block (Ctrl-C included) waits for the worker to end, so it is never
    # left behind as an orphan or a zombie.
    with executor:
        try:
            pending = executor.submit(analyse_file, old, max_bytes)
        except (OSError, BrokenProcessPool):  # no process to be had: read it here
            return analyse_file(old, max_bytes), analyse_file(new, max_bytes)
        try:
            analysed_new = analyse_file(new, max_bytes)
        except Exception:
            _old_result(pending, old, max_bytes)  # the old file's error first, as serially
            raise
        if meanwhile is not None and not pending.done():
            meanwhile()
        return _old_result(pending, old, max_bytes), analysed_new


def _start_worker() -> ProcessPoolExecutor | None:
    """A pool of one forked worker (not started until it is given the filing)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform
        return None
    return ProcessPoolExecutor(max_workers=1, mp_context=context,
                               initializer=_as_a_worker, initargs=(os.getpid(),))


# prctl's option asking for a signal when the process's parent ends (linux/prctl.h).
_PR_SET_PDEATHSIG = 1


def _as_a_worker(parent: int) -> None:
    """Set up the worker. Ctrl-C ends it at once and quietly: Python's KeyboardInterrupt
    would print a traceback from a worker that has finished and waits for work. And it
    ends with its parent: ``timeout`` or a supervisor that stops ``kcdiff diff`` with
    SIGTERM signals that process alone, which ends without cleaning up, and the worker
    would read its filing to the end for nobody."""
    import ctypes
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)
    try:
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (AttributeError, OSError):  # not Linux: the worker ends after its filing
        return
    if os.getppid() != parent:  # the parent ended before the request was made
        os._exit(1)


def _old_result(pending: Future[AnalysedFiling], old: str | Path, max_bytes: int
                ) -> AnalysedFiling:
    """The worker's answer; if the worker died (killed, out of memory), the old filing
    is analysed here instead."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        return pending.result()
    except BrokenProcessPool:
        return analyse_file(old, max_bytes)


def pair_mapper(old: str | Path, new: str | Path) -> Mapper | None:
    """``forked_map`` when a second process can pay now (``worth_a_worker``, asked again
    after the reading), else None: the pair stages in this process alone."""
    return forked_map if worth_a_worker(old, new) else None


def forked_map(function: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
    """``[function(item) for item in items]``, the second half of the items computed in a
    forked child process while this one computes the first. The child inherits the
    function and the items with the fork; only its results cross, pickled through a
    pipe. If the child cannot be had, fails or dies, its half is computed here."""
    half = (len(items) + 1) // 2
    mine, theirs = items[:half], items[half:]
    child = _fork_for(function, theirs) if theirs else None
    if child is None:
        return [function(item) for item in items]
    pid, reader = child
    with os.fdopen(reader, "rb") as pipe:
        try:
            results = [function(item) for item in mine]
            sent = pipe.read()
        except BaseException:  # Ctrl-C, or an error here: the child is not needed now
            _end(pid)
            raise
    _, status = os.waitpid(pid, 0)
    if status != 0 or not sent:
        return results + [function(item) for item in theirs]
    import pickle

    results += pickle.loads(sent)
    return results


def _fork_for(function: Callable[[Any], Any], items: Sequence[Any]) -> tuple[int, int] | None:
    """A child process computing ``function`` of ``items`` and writing the pickled list
    to a pipe: (its pid, the pipe's reading end); None when no child can be had."""
    import pickle

    parent = os.getpid()
    try:
        reader, writer = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(reader)
        os.close(writer)
        return None
    if pid:
        os.close(writer)
        return pid, reader
    # The child: it never returns to the caller, and leaves without Python's exit
    # handlers (they belong to the parent: its buffered output, its temporary files).
    code = 1
    try:
        os.close(reader)
        _as_a_worker(parent)
        sent = pickle.dumps([function(item) for item in items], pickle.HIGHEST_PROTOCOL)
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(sent)
        code = 0
    finally:
        os._exit(code)


def _end(pid: int) -> None:
    """Stop the child ``pid`` and reap it."""
    import signal

    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass
