"""The command line's two filings read at once (kcdiff/pair.py): the old filing in a
forked worker process. Same report as the serial reading, the worker's errors and
warnings reach the user, and no worker outlives the command."""

from __future__ import annotations

import io
import json
import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kcdiff import errors, pair
from kcdiff.cli import main

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="forks; reads /proc")


@pytest.fixture
def worker(monkeypatch):
    """A worker whatever the machine and the files' size; the child processes this
    process had before (an earlier test's, say) are given to the test."""
    monkeypatch.setattr(pair, "MIN_FILE_BYTES", 0)
    monkeypatch.setattr(pair, "usable_cpus", lambda: 2)
    monkeypatch.setattr(pair, "running_now", lambda: 1)
    return set(children())


def reader_pid(path: str, max_bytes: int) -> int:
    """Stands in for analyse_file: which process read ``path``."""
    return os.getpid()


def children() -> list[int]:
    """This process's child processes, zombies included (a test checks none is left but
    those ``worker`` found before it)."""
    found = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        try:
            found += map(int, (task / "children").read_text().split())
        except FileNotFoundError:  # a thread that ended meanwhile
            continue
    return found


def diff(capsys, *argv):
    code = main(["diff", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_old_filing_is_read_in_a_worker_the_new_one_here(worker, monkeypatch,
                                                             interim_path, annual_path):
    monkeypatch.setattr(pair, "analyse_file", reader_pid)
    old, new = pair.analyse_pair(interim_path, annual_path, 1)
    assert old != os.getpid() and new == os.getpid()
    assert set(children()) <= worker


def test_one_cpu_reads_both_here(worker, monkeypatch, interim_path, annual_path):
    monkeypatch.setattr(pair, "analyse_file", reader_pid)
    monkeypatch.setattr(pair, "usable_cpus", lambda: 1)
    assert pair.analyse_pair(interim_path, annual_path, 1) == (os.getpid(), os.getpid())


@pytest.mark.parametrize(("running", "cpus", "forked"), [
    (1, 2, True), (2, 2, False), (0, 2, True), (3, 4, True), (4, 4, False), (7, 2, False)])
def test_a_worker_only_with_a_cpu_nobody_is_using(worker, monkeypatch, interim_path,
                                                 annual_path, running, cpus, forked):
    monkeypatch.setattr(pair, "usable_cpus", lambda: cpus)
    monkeypatch.setattr(pair, "running_now", lambda: running)
    assert pair.worth_a_worker(interim_path, annual_path) is forked


def test_no_count_of_running_processes_means_no_worker(worker, monkeypatch, interim_path,
                                                       annual_path):
    monkeypatch.setattr(pair, "running_now", lambda: None)
    monkeypatch.setattr(pair, "usable_cpus", lambda: 8)
    assert not pair.worth_a_worker(interim_path, annual_path)


@pytest.mark.parametrize(("text", "running"), [
    ("0.34 0.74 1.03 1/108 2839\n", 1), ("5.9 6.1 6.0 7/412 99\n", 7), ("", None),
    ("0.1 0.2 0.3 x/108 1\n", None)])
def test_running_processes_are_read_from_proc_loadavg(monkeypatch, text, running):
    def fake_open(path, *args, **kwargs):
        assert path == "/proc/loadavg"
        return io.StringIO(text)

    monkeypatch.setattr(pair, "open", fake_open, raising=False)
    assert pair.running_now() == running


@pytest.mark.parametrize(("counts", "running"), [
    ((2, 1, 1), 1), ((1, 3, 2), 1), ((2, 2, 2), 2), ((1, 1, "x"), None)])
def test_running_processes_are_the_fewest_of_a_few_counts(monkeypatch, counts, running):
    """A task seen running once is not load; one seen every time is."""
    texts = iter(f"0.5 0.6 0.7 {count}/108 2839\n" for count in counts)
    monkeypatch.setattr(pair, "open", lambda path, *a, **k: io.StringIO(next(texts)),
                        raising=False)
    assert pair.running_now() == running
    assert next(texts, None) is None  # every count was read


def test_small_files_do_not_count_running_processes(worker, monkeypatch, interim_path,
                                                   annual_path):
    """The count takes a few milliseconds: a pair too small for a worker skips it."""
    monkeypatch.setattr(pair, "MIN_FILE_BYTES", annual_path.stat().st_size * 2)
    monkeypatch.setattr(pair, "running_now", lambda: pytest.fail("counted"))
    assert not pair.worth_a_worker(interim_path, annual_path)


def test_no_proc_loadavg_means_no_count(monkeypatch):
    def no_file(path, *args, **kwargs):
        raise FileNotFoundError(path)

    monkeypatch.setattr(pair, "open", no_file, raising=False)
    assert pair.running_now() is None


def test_running_processes_count_this_one():
    assert pair.running_now() >= 1


def test_a_small_file_is_read_here(worker, monkeypatch, interim_path, annual_path):
    smaller = min(interim_path.stat().st_size, annual_path.stat().st_size)
    monkeypatch.setattr(pair, "MIN_FILE_BYTES", smaller + 1)
    assert not pair.worth_a_worker(interim_path, annual_path)
    assert not pair.worth_a_worker(annual_path, interim_path)
    monkeypatch.setattr(pair, "MIN_FILE_BYTES", smaller)
    assert pair.worth_a_worker(interim_path, annual_path)


def test_the_sample_pair_is_read_in_one_process(interim_path, annual_path):
    assert not pair.worth_a_worker(interim_path, annual_path)


def test_no_fork_reads_both_here(worker, monkeypatch, interim_path, annual_path):
    import multiprocessing

    def no_fork(method):
        raise ValueError(f"cannot find context for {method!r}")

    monkeypatch.setattr(pair, "analyse_file", reader_pid)
    monkeypatch.setattr(multiprocessing, "get_context", no_fork)
    assert pair.analyse_pair(interim_path, annual_path, 1) == (os.getpid(), os.getpid())


def test_a_fork_that_fails_reads_both_here(worker, monkeypatch, interim_path, annual_path):
    def fork():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(pair, "analyse_file", reader_pid)
    monkeypatch.setattr(os, "fork", fork)
    assert pair.analyse_pair(interim_path, annual_path, 1) == (os.getpid(), os.getpid())
    assert set(children()) <= worker


@pytest.mark.parametrize("fmt", ["json", "html"])
def test_the_report_is_the_serial_report_byte_for_byte(worker, monkeypatch, tmp_path, fmt,
                                                       interim_path, annual_path):
    reports = []
    for cpus in (2, 1):
        monkeypatch.setattr(pair, "usable_cpus", lambda cpus=cpus: cpus)
        target = tmp_path / f"{cpus}.{fmt}"
        assert main(["diff", str(interim_path), str(annual_path), "-o", str(target)]) == 1
        reports.append(target.read_bytes())
    assert reports[0] == reports[1]


def test_failed_stages_of_the_worker_are_warnings_in_the_report(worker, monkeypatch, capsys,
                                                                interim_path, annual_path):
    import kcdiff.compare

    def unreadable(sections):
        raise RuntimeError("no board here")

    monkeypatch.setattr(kcdiff.compare, "read_board", unreadable)
    code, out, _ = diff(capsys, interim_path, annual_path, "--format", "json")
    assert code == 1
    checks = json.loads(out)["checks"]
    assert [(c["kind"], c["filing"]) for c in checks if "no board here" in c["message"]] == [
        ("board_unreadable", "old"), ("board_unreadable", "new")]


@pytest.mark.parametrize("problem", ["missing", "binary", "large"])
def test_an_error_in_the_worker_is_one_line_naming_the_old_file(worker, monkeypatch, capsys,
                                                                tmp_path, annual_path,
                                                                problem):
    old = tmp_path / "old.pdf"
    limit = []
    if problem == "binary":
        old.write_bytes(bytes(range(256)) * 40)
    elif problem == "large":
        old.write_bytes(b"Results\n\n" + b"Revenue rose.\n" * 80_000)
        limit = ["--max-size", "1"]
    else:  # a worker reading a file gone since it was measured
        monkeypatch.setattr(pair, "worth_a_worker", lambda old, new: True)
    code, out, err = diff(capsys, old, annual_path, *limit)
    assert code == 2 and out == ""
    assert err.startswith(f"kcdiff: error: {old}: ") and err.count("\n") == 1
    assert "Traceback" not in err
    assert set(children()) <= worker


def test_both_files_wrong_names_the_old_one_as_serially(worker, capsys, tmp_path):
    old, new = tmp_path / "old.bin", tmp_path / "new.bin"
    old.write_bytes(bytes(range(256)) * 40)
    new.write_bytes(bytes(range(256)) * 40)
    code, _, err = diff(capsys, old, new)
    assert code == 2 and err.startswith(f"kcdiff: error: {old}: ")
    assert set(children()) <= worker


def test_a_failing_new_file_still_names_the_new_one(worker, capsys, tmp_path, interim_path):
    new = tmp_path / "new.bin"
    new.write_bytes(bytes(range(256)) * 40)
    code, _, err = diff(capsys, interim_path, new)
    assert code == 2 and err.startswith(f"kcdiff: error: {new}: ")
    assert err.count("\n") == 1
    assert set(children()) <= worker


def every_error_class(base: type = errors.KcdiffError) -> list[type]:
    return [base] + [c for sub in base.__subclasses__() for c in every_error_class(sub)]


@pytest.mark.parametrize("error", every_error_class(), ids=lambda c: c.__name__)
def test_every_kcdiff_error_crosses_a_process_whole(error):
    copy = pickle.loads(pickle.dumps(error("a/old.pdf", "not a PDF, HTML or text filing")))
    assert type(copy) is error
    assert (copy.path, copy.problem) == ("a/old.pdf", "not a PDF, HTML or text filing")
    assert str(copy) == "a/old.pdf: not a PDF, HTML or text filing"


# The real command in its own process: its logging set up by main(), a real Ctrl-C.
PATCHED_CLI = """
import logging, os, sys, time
import kcdiff.compare, kcdiff.pair
MAIN = os.getpid()
kcdiff.pair.MIN_FILE_BYTES = 0
kcdiff.pair.idle_cpus = lambda: 2
read_tables = kcdiff.compare.read_tables
def logged(sections):
    logging.getLogger("kcdiff.test").warning("tables read by %d", os.getpid())
    return read_tables(sections)
def endless(sections):
    if sys.argv[1] == "endless here" and os.getpid() != MAIN:
        os.write(1, b"the worker read its board\\n")
        return board(sections)
    os.write(1, b"reading the board\\n")  # one write: the two processes share the pipe
    time.sleep(120)
board = kcdiff.compare.read_board
kcdiff.compare.read_tables = logged
if sys.argv[1].startswith("endless"):
    kcdiff.compare.read_board = endless
from kcdiff.cli import main
sys.exit(main(sys.argv[2:]))
"""


def test_the_workers_log_lines_reach_stderr(interim_path, annual_path):
    result = subprocess.run([sys.executable, "-c", PATCHED_CLI, "logged", "diff",
                             str(interim_path), str(annual_path), "--format", "json"],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 1 and json.loads(result.stdout)["summary"]
    readers = {line.rsplit(" ", 1)[1] for line in result.stderr.splitlines()
               if line.startswith("kcdiff: WARNING: tables read by ")}
    assert len(readers) == 2  # this process and its worker


def as_in_a_terminal() -> None:
    """Ctrl-C as a terminal's command gets it. A shell starts a background job (``pytest
    &``) with SIGINT ignored, and its children inherit that: Python then installs no
    KeyboardInterrupt handler, and the command would sleep on through the Ctrl-C."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("endless", ["endless", "endless here"],
                         ids=["worker reading", "worker waiting"])
def test_ctrl_c_leaves_no_worker_behind(interim_path, annual_path, endless):
    process = subprocess.Popen([sys.executable, "-c", PATCHED_CLI, endless, "diff",
                                str(interim_path), str(annual_path)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               cwd=ROOT, start_new_session=True, preexec_fn=as_in_a_terminal)
    try:
        # Both inside the analysis, or this process inside it and the worker done with
        # its filing (given a moment to send it back: then it waits for the next one).
        lines = sorted(process.stdout.readline() for _ in range(2))
        if endless == "endless":
            assert lines == ["reading the board\n"] * 2
        else:
            assert lines == ["reading the board\n", "the worker read its board\n"]
            time.sleep(0.5)
        os.killpg(process.pid, signal.SIGINT)  # what a terminal sends on Ctrl-C
        assert process.wait(timeout=60) == 130
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert "Traceback" not in process.stderr.read()
    with pytest.raises(ProcessLookupError):  # no process of its group is left
        os.killpg(process.pid, 0)


def test_sigterm_to_the_command_alone_ends_its_worker(interim_path, annual_path):
    # What `timeout` or a supervisor does: SIGTERM to kcdiff's own process, not its group.
    process = subprocess.Popen([sys.executable, "-c", PATCHED_CLI, "endless", "diff",
                                str(interim_path), str(annual_path)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               cwd=ROOT, start_new_session=True)
    try:
        assert [process.stdout.readline() for _ in range(2)] == ["reading the board\n"] * 2
        process.terminate()
        assert process.wait(timeout=60) == -signal.SIGTERM
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                os.killpg(process.pid, 0)
            except ProcessLookupError:
                break  # the worker has ended too
            time.sleep(0.05)
        else:
            pytest.fail("the worker outlived the command")
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


# --- the pair stages: candidate pairs of sections scored in two processes ---------------


def pid_of(item: int) -> tuple[int, int]:
    return item, os.getpid()


def test_forked_map_computes_the_second_half_in_a_child():
    before = set(children())
    results = pair.forked_map(pid_of, [1, 2, 3, 4, 5])
    assert [item for item, _ in results] == [1, 2, 3, 4, 5]
    here = os.getpid()
    assert [pid == here for _, pid in results] == [True, True, True, False, False]
    assert set(children()) <= before  # reaped


def test_forked_map_of_one_item_forks_nothing(monkeypatch):
    def no_fork():
        raise AssertionError("forked")

    monkeypatch.setattr(os, "fork", no_fork)
    assert pair.forked_map(pid_of, [7]) == [(7, os.getpid())]
    assert pair.forked_map(pid_of, []) == []


def test_a_fork_that_fails_maps_here(monkeypatch):
    def fork():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", fork)
    assert pair.forked_map(pid_of, [1, 2]) == [(1, os.getpid()), (2, os.getpid())]


@pytest.mark.parametrize("how", ["raises", "killed", "exits"])
def test_a_child_that_fails_leaves_its_half_to_this_process(how):
    here = os.getpid()

    def fragile(item: int) -> tuple[int, int]:
        if os.getpid() != here:
            if how == "raises":
                raise RuntimeError("no memory for the scores")
            if how == "killed":
                os.kill(os.getpid(), signal.SIGKILL)
            os._exit(0)  # ends without sending anything
        return item, os.getpid()

    before = set(children())
    assert pair.forked_map(fragile, [1, 2, 3]) == [(1, here), (2, here), (3, here)]
    assert set(children()) <= before


def test_an_error_here_ends_the_child_and_is_raised():
    here = os.getpid()

    def slow_there(item: int) -> int:
        if os.getpid() != here:
            time.sleep(120)
        elif item == 1:
            raise ValueError("a section this process could not score")
        return item

    before = set(children())
    started = time.monotonic()
    with pytest.raises(ValueError, match="could not score"):
        pair.forked_map(slow_there, [1, 2])
    assert time.monotonic() - started < 60
    assert set(children()) <= before


def test_the_candidate_pairs_scored_in_two_processes_are_those_scored_in_one(interim_path,
                                                                            annual_path):
    from kcdiff.align import align, candidate_scores
    from kcdiff.ingest import read_filing
    from kcdiff.segment import segment

    old, new = segment(read_filing(interim_path)), segment(read_filing(annual_path))
    assert candidate_scores(old, new, pair.forked_map) == candidate_scores(old, new)
    assert align(old, new, pair.forked_map) == align(old, new)


def test_the_section_diffs_made_in_two_processes_are_those_made_in_one(interim_path,
                                                                     annual_path):
    from kcdiff.align import align
    from kcdiff.compare import section_diffs
    from kcdiff.ingest import read_filing
    from kcdiff.segment import segment

    old, new = segment(read_filing(interim_path)), segment(read_filing(annual_path))
    alignment = align(old, new)
    given = []

    def recording(function, items):
        given.append([len(half) for half in items])
        return pair.forked_map(function, items)

    serial = section_diffs(old, new, alignment)
    assert section_diffs(old, new, alignment, recording) == serial
    # Two halves, interleaved: every diff made once, in one process or the other.
    assert len(given) == 1 and len(given[0]) == 2 and sum(given[0]) == len(serial[0])


def test_a_pair_that_cannot_be_diffed_in_the_second_process_is_a_warning_in_its_place(
        monkeypatch):
    from kcdiff import compare
    from kcdiff.align import align
    from kcdiff.model import Block, Section

    def section(index: int, title: str) -> Section:
        return Section(index, title, "", 1, "other",
                       (Block("paragraph", f"The text printed under {title}."),))

    titles = ["Revenue", "Costs", "Outlook", "Dividend"]
    sections = [section(k, title) for k, title in enumerate(titles)]
    real = compare.diff_sections

    def fragile(old, new):
        if old is not None and old.title == "Costs":  # diffed by the second process
            raise ValueError("unreadable")
        return real(old, new)

    monkeypatch.setattr(compare, "diff_sections", fragile)
    alignment = align(sections, sections)
    diffs, warnings = compare.section_diffs(sections, sections, alignment, pair.forked_map)
    assert [d.new_title for d in diffs] == titles
    assert [d.similarity for d in diffs] == [1.0, 0.0, 1.0, 1.0]
    assert [(w.kind, w.where) for w in warnings] == [("section_not_compared", "Costs")]


def test_the_pair_stages_use_two_processes_only_when_a_worker_would(worker, monkeypatch,
                                                                   interim_path,
                                                                   annual_path):
    assert pair.pair_mapper(interim_path, annual_path) is pair.forked_map
    monkeypatch.setattr(pair, "running_now", lambda: 2)
    assert pair.pair_mapper(interim_path, annual_path) is None


# --- this process, done with the new filing first, does later work meanwhile ----------


TESTS_PROCESS = os.getpid()


def slow_in_a_worker(path: str, max_bytes: int) -> int:
    """Stands in for analyse_file: a second longer in the worker than here."""
    if os.getpid() != TESTS_PROCESS:
        time.sleep(1)
    return os.getpid()


def test_this_process_does_the_later_stages_work_while_the_worker_reads(worker,
                                                                        monkeypatch,
                                                                        interim_path,
                                                                        annual_path):
    here = os.getpid()
    monkeypatch.setattr(pair, "analyse_file", slow_in_a_worker)
    done = []
    old, new = pair.analyse_pair(interim_path, annual_path, 1, lambda: done.append(here))
    assert old != here and new == here and done == [here]


def slow_here(path: str, max_bytes: int) -> int:
    """Stands in for analyse_file: two seconds longer here than in the worker (time for a
    loaded machine to start the worker and hand its answer back)."""
    if os.getpid() == TESTS_PROCESS:
        time.sleep(2)
    return os.getpid()


def test_nothing_is_done_meanwhile_when_the_worker_is_done_first(worker, monkeypatch,
                                                                 interim_path, annual_path):
    monkeypatch.setattr(pair, "analyse_file", slow_here)
    old, new = pair.analyse_pair(interim_path, annual_path, 1, lambda: pytest.fail("called"))
    assert old != new == os.getpid()


def test_nothing_is_done_meanwhile_without_a_worker(worker, monkeypatch, interim_path,
                                                   annual_path):
    monkeypatch.setattr(pair, "analyse_file", reader_pid)
    monkeypatch.setattr(pair, "usable_cpus", lambda: 1)
    pair.analyse_pair(interim_path, annual_path, 1, lambda: pytest.fail("called"))


@pytest.mark.parametrize(("fmt", "loaded"), [
    ("html", {"lap": True, "jinja2": True, "kcdiff.render.view": True}),
    ("json", {"lap": True, "jinja2": False, "kcdiff.render.view": False}),
    ("text", {"lap": True, "jinja2": False, "kcdiff.render.view": True})])
def test_the_work_done_meanwhile_loads_what_the_report_will_use(fmt, loaded):
    code = ("import json, sys; from kcdiff.cli import _load_later_stages; "
            f"_load_later_stages({fmt!r}); "
            f"print(json.dumps({{name: name in sys.modules for name in {sorted(loaded)!r}}}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=120, check=True)
    assert json.loads(result.stdout) == loaded
