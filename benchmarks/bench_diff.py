"""How fast is a whole `kcdiff diff` run, against a whole difflib.HtmlDiff run?

Measures, in one run and on the same machine (ratios, so a busy machine slows both sides):
  1. start-up: a whole `kcdiff --version` process (target <= 60 ms);
  2. the sample pair: a whole `kcdiff diff OLD NEW -o report.html` process against a whole
     Python process running `difflib.HtmlDiff().make_file` on the same two files
     (target: ratio <= 0.6);
  3. growth: the same for pairs 16 and 64 times larger, built by repeating each sample with
     a small edit in every copy; prints the exponent k in time ~ n^k from 1x to the largest
     (target <= 1.1), the ratio against HtmlDiff at 64x (target <= 1.0) and kcdiff's peak
     memory (target <= 200 MB);
  4. a 200-page PDF pair (Fullshare's 2022 and 2023 annual reports, when ../shared/corpus
     is beside the checkout) against a process that extracts both texts with pdfium and
     runs HtmlDiff on them (target <= 0.6).

Both processes run as an installed program runs: with bytecode caches (pip compiles them
at install time, so PYTHONDONTWRITEBYTECODE is dropped for the child processes) and after
one warm-up run each. Runs alternate between the two programs so that a change in the
machine's load falls on both. Every row but growth also prints the median CPU time (user +
sys of the child process and of any process it waited for: kcdiff's worker process on the
PDF pair), steadier than wall time on a shared machine.

Run: python benchmarks/bench_diff.py [--repeat N] [--scales 16 64] [--no-pdf | --pdf-only]
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OLD = ROOT / "samples" / "kingsoft-cloud-2023-interim.txt"
NEW = ROOT / "samples" / "kingsoft-cloud-2024-annual.txt"
FULLSHARE = ROOT.parent / "shared" / "corpus" / "hkex_fullshare_0607"
PDF_PAIR = (FULLSHARE / "2022_annual-report_FY2022_en.pdf",
            FULLSHARE / "2023_annual-report_FY2023_en.pdf")

DIFFLIB = """
import difflib, sys
old = open(sys.argv[1], encoding="utf-8").read().splitlines()
new = open(sys.argv[2], encoding="utf-8").read().splitlines()
open(sys.argv[3], "w", encoding="utf-8").write(difflib.HtmlDiff().make_file(old, new))
"""

PDFIUM_DIFFLIB = """
import difflib, sys
import pypdfium2 as pdfium
def lines(path):
    document = pdfium.PdfDocument(path)
    text = [page.get_textpage().get_text_range() for page in document]
    return "\\n".join(text).splitlines()
old, new = lines(sys.argv[1]), lines(sys.argv[2])
open(sys.argv[3], "w", encoding="utf-8").write(difflib.HtmlDiff().make_file(old, new))
"""

ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


class Timing(float):
    """A whole process's wall time in seconds (the float), with its CPU time (user + sys
    of the child): on a shared, loaded machine the CPU time is the steadier of the two."""

    cpu: float

    def __new__(cls, wall: float, cpu: float) -> Timing:
        timing = super().__new__(cls, wall)
        timing.cpu = cpu
        return timing


def _cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(command: list[str]) -> Timing:
    cpu, start = _cpu_of_children(), time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=ENVIRONMENT)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        sys.exit(f"{command[:4]} failed: {result.stderr.strip()}")
    return Timing(elapsed, _cpu_of_children() - cpu)


def median(timings: list[Timing]) -> Timing:
    """Median wall time and, separately, median CPU time."""
    return Timing(statistics.median(timings), statistics.median(t.cpu for t in timings))


def alternated(first: list[str], second: list[str], repeat: int) -> tuple[Timing, Timing]:
    """Median times of ``repeat`` alternated runs of two whole processes, after one
    warm-up run each."""
    run(first), run(second)
    times: tuple[list[Timing], list[Timing]] = ([], [])
    for _ in range(repeat):
        times[0].append(run(first))
        times[1].append(run(second))
    return median(times[0]), median(times[1])


def peak_memory_mb(command: list[str]) -> tuple[float, float]:
    """Peak resident memory of one whole run: the largest of its processes (Linux reports
    kilobytes), and the largest sum over its processes at one moment, sampled every 10 ms
    (kcdiff diff may read the old filing, and score half the pairs of sections, in a
    second process: kcdiff/pair.py). The sum counts proportional set sizes: a page the
    forked process still shares with its parent counts half in each, not twice."""
    script = ("import resource, subprocess, sys; "
              "subprocess.run(sys.argv[1:], capture_output=True); "
              "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    process = subprocess.Popen([sys.executable, "-c", script, *command], text=True,
                               stdout=subprocess.PIPE, env=ENVIRONMENT, start_new_session=True)
    together = 0
    while process.poll() is None:
        together = max(together, _group_pss_kb(process.pid))
        time.sleep(0.01)
    largest = int(process.stdout.read().strip())
    return largest / 1024, together / 1024


def _group_pss_kb(group: int) -> int:
    """Proportional set size, now, of the processes of a process group but its leader (the
    Python wrapper that started the run)."""
    total = 0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != group:
            try:
                if os.getpgid(int(entry.name)) == group:
                    total += _proportional_kb(int(entry.name))
            except (OSError, ValueError):  # ended meanwhile
                continue
    return total


def _proportional_kb(pid: int) -> int:
    """The proportional set size of a process (Linux's smaps_rollup), 0 once it ended."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def kcdiff(old: Path, new: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "kcdiff", "diff", str(old), str(new), "-o",
            str(out / "kcdiff.html")]


def scaled_copy(source: Path, target: Path, times: int) -> Path:
    """``times`` copies of a filing, each with its own small edits, so no two copies are
    identical and the aligner cannot pair them by text alone."""
    text = source.read_text(encoding="utf-8")
    copies = []
    for k in range(times):
        edited = text.replace("Reporting Period", f"Reporting Period {k + 1}", 3)
        edited = edited.replace("customers", f"customers ({k + 1})", 2)
        copies.append(edited)
    target.write_text("\n\n".join(copies), encoding="utf-8")
    return target


def startup(repeat: int) -> None:
    took, bare = alternated([sys.executable, "-m", "kcdiff", "--version"],
                            [sys.executable, "-c", "pass"], repeat)
    print(f"start-up         kcdiff --version: {took * 1000:.0f} ms, CPU {took.cpu * 1000:.0f} ms "
          f"(a bare interpreter: {bare * 1000:.0f} ms, CPU {bare.cpu * 1000:.0f} ms; "
          "target <= 60 ms)")


def growth(out: Path, scales: list[int], repeat: int, base: float) -> None:
    for scale in scales:
        old = scaled_copy(OLD, out / f"old-{scale}.txt", scale)
        new = scaled_copy(NEW, out / f"new-{scale}.txt", scale)
        difflib = [sys.executable, "-c", DIFFLIB, str(old), str(new), str(out / "d.html")]
        kc, dl = alternated(kcdiff(old, new, out), difflib, max(1, repeat // 2))
        exponent = math.log(kc / base) / math.log(scale)
        largest, together = peak_memory_mb(kcdiff(old, new, out))
        print(f"{scale:>3}x pair        kcdiff diff: {kc:.2f} s   difflib.HtmlDiff: {dl:.2f} s   "
              f"ratio {kc / dl:.2f}   growth n^{exponent:.2f}   peak {largest:.0f} MB "
              f"(its processes together: {together:.0f} MB)")


def pdf_pair(out: Path, repeat: int) -> None:
    if not all(path.is_file() for path in PDF_PAIR):
        print("200-page PDF pair: skipped (../shared/corpus is not beside the checkout)")
        return
    baseline = [sys.executable, "-c", PDFIUM_DIFFLIB, *map(str, PDF_PAIR), str(out / "p.html")]
    kc, base = alternated(kcdiff(*PDF_PAIR, out), baseline, max(1, repeat // 2))
    # kcdiff runs a second process here (kcdiff/pair.py): its CPU time
    # (both processes) can exceed its wall time, and only a free second core shortens it.
    print(f"200-page PDF pair kcdiff diff: {kc:.2f} s   pdfium text + HtmlDiff: {base:.2f} s   "
          f"ratio {kc / base:.2f} (target <= 0.6); CPU {kc.cpu:.2f} s (both processes) / "
          f"{base.cpu:.2f} s, ratio {kc.cpu / base.cpu:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scales", type=int, nargs="*", default=[16, 64])
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--pdf-only", action="store_true", help="only the 200-page PDF pair")
    args = parser.parse_args()
    if args.pdf_only:
        with tempfile.TemporaryDirectory() as folder:
            pdf_pair(Path(folder), args.repeat)
        return
    startup(args.repeat)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        difflib = [sys.executable, "-c", DIFFLIB, str(OLD), str(NEW), str(out / "d.html")]
        kc, dl = alternated(kcdiff(OLD, NEW, out), difflib, args.repeat)
        print(f"sample pair      kcdiff diff: {kc:.3f} s   difflib.HtmlDiff: {dl:.3f} s   "
              f"ratio {kc / dl:.2f} (target <= 0.6); CPU {kc.cpu:.3f} s / {dl.cpu:.3f} s, "
              f"ratio {kc.cpu / dl.cpu:.2f}")
        growth(out, args.scales, args.repeat, kc)
        if not args.no_pdf:
            pdf_pair(out, args.repeat)


if __name__ == "__main__":
    main()
