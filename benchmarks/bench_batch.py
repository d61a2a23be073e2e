"""Pairs per minute over (a subset of) the corpus: a shell loop of `kcdiff diff`, against
`kcdiff batch --workers 1` and `--workers 2`.

Run from the project root, in a venv with kcdiff[batch]:
    python benchmarks/bench_batch.py [--subset anxin,fullshare,samples | --all]

An archive of symlinks is built in a temporary folder. `kcdiff batch` runs first (with
--workers 1) and its pairs.parquet lists the pairs; the shell loop then runs one
`kcdiff diff OLD NEW -o report.html` process per pair, one after the other, as a script
would. Each batch run starts from an empty output folder, so it pays everything: starting
the local cluster, reading every file once to identify it, comparing, writing JSON and
HTML reports and the Parquet tables. The corpus is read in place from ../shared/corpus.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SUBSETS = {
    "anxin": ("hkex_anxin-china_1149/en", "*.pdf"),
    "fullshare": ("hkex_fullshare_0607", "*list-of-directors_en.pdf"),
    "samples": (str(ROOT / "samples"), "kingsoft-cloud-*.txt"),
}
KCDIFF = [sys.executable, "-m", "kcdiff"]


def build_archive(root: Path, subsets: list[str] | None) -> int:
    """Symlinks to the chosen corpus folders (every file of the corpus when None)."""
    chosen = SUBSETS.items() if subsets else [
        (folder.name, (folder.name, "**/*")) for folder in CORPUS.iterdir() if folder.is_dir()
    ]
    count = 0
    for name, (folder, pattern) in chosen:
        if subsets and name not in subsets:
            continue
        base = CORPUS / folder
        for source in sorted(base.glob(pattern)):
            if source.is_file() and source.suffix.lower() in (".pdf", ".htm", ".html", ".txt",
                                                               ".md"):
                link = root / name / source.relative_to(base)
                link.parent.mkdir(parents=True, exist_ok=True)
                link.symlink_to(source)
                count += 1
    return count


def run_batch(archive: Path, out: Path, workers: int) -> float:
    start = time.perf_counter()
    result = subprocess.run([*KCDIFF, "batch", str(archive), "-o", str(out), "--workers",
                             str(workers)], capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - start
    if result.returncode not in (0, 1):
        sys.exit(f"kcdiff batch failed: {result.stderr}")
    return seconds


def run_loop(archive: Path, pairs: list[tuple[str, str]], out: Path) -> float:
    out.mkdir()
    start = time.perf_counter()
    for number, (old, new) in enumerate(pairs):
        subprocess.run([*KCDIFF, "diff", str(archive / old), str(archive / new), "-o",
                        str(out / f"{number}.html")], capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--subset", default="anxin,fullshare,samples",
                        help=f"comma-separated, from {', '.join(SUBSETS)}")
    parser.add_argument("--all", action="store_true", help="the whole corpus")
    options = parser.parse_args()
    import pyarrow.parquet as pq

    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        archive = folder / "archive"
        files = build_archive(archive, None if options.all else options.subset.split(","))
        timings = {"kcdiff batch --workers 1": run_batch(archive, folder / "w1", 1)}
        rows = pq.read_table(folder / "w1" / "pairs.parquet").to_pylist()
        pairs = [(r["old_path"], r["new_path"]) for r in rows if r["status"] == "ok"]
        timings["kcdiff batch --workers 2"] = run_batch(archive, folder / "w2", 2)
        timings["shell loop of kcdiff diff"] = run_loop(archive, pairs, folder / "loop")
    print(f"{files} files, {len(pairs)} pairs compared "
          f"({len(rows) - len(pairs)} error rows)")
    for name, seconds in timings.items():
        print(f"{name:28} {seconds:7.1f} s  {60 * len(pairs) / seconds:7.1f} pairs/minute")


if __name__ == "__main__":
    main()
