"""kcdiff batch over a small real archive built from the corpus (symlinks in tmp_path).

The archive: the Anxin-China (HKEX 1149) results announcements for H1 2010, FY2010 and
H1 2011, put in folders whose path order is the reverse of their periods; the two Kingsoft
Cloud samples; the three Fullshare (HKEX 0607) lists of directors (2019, 2021, 2022); a
truncated PDF. Expected pairs and periods are read from the documents' own headings.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLES, free_port

from kcdiff.cli import main

pytest.importorskip("distributed")
pq = pytest.importorskip("pyarrow.parquet")

ANXIN = "hkex_anxin-china_1149/en"
FULLSHARE = "hkex_fullshare_0607"
# Folder order 1, 2, 3 is the reverse of the period order: pairing must follow periods.
ARCHIVE = {
    "anxin/1/2011-08-24_interim-results_en.pdf": f"{ANXIN}/2011-08-24_interim-results_en.pdf",
    "anxin/2/2011-03-30_annual-results_en.pdf": f"{ANXIN}/2011-03-30_annual-results_en.pdf",
    "anxin/3/2010-08-30_interim-results_en.pdf": f"{ANXIN}/2010-08-30_interim-results_en.pdf",
    "fullshare/2019-10-23_list-of-directors_en.pdf":
        f"{FULLSHARE}/2019-10-23_list-of-directors_en.pdf",
    "fullshare/2021-12-30_list-of-directors_en.pdf":
        f"{FULLSHARE}/2021-12-30_list-of-directors_en.pdf",
    "fullshare/2022-06-24_list-of-directors_en.pdf":
        f"{FULLSHARE}/2022-06-24_list-of-directors_en.pdf",
}
EXPECTED_PAIRS = {
    # (old, new): (old period end, new period end), as the announcements print them
    ("anxin/3/2010-08-30_interim-results_en.pdf", "anxin/2/2011-03-30_annual-results_en.pdf"):
        ("2010-06-30", "2010-12-31"),
    ("anxin/2/2011-03-30_annual-results_en.pdf", "anxin/1/2011-08-24_interim-results_en.pdf"):
        ("2010-12-31", "2011-06-30"),
    ("seeds/kingsoft-cloud-2023-interim.txt", "seeds/kingsoft-cloud-2024-annual.txt"):
        ("2023-06-30", "2024-12-31"),
    # lists of directors have no period: ordered by their dates
    ("fullshare/2019-10-23_list-of-directors_en.pdf",
     "fullshare/2021-12-30_list-of-directors_en.pdf"): ("", ""),
    ("fullshare/2021-12-30_list-of-directors_en.pdf",
     "fullshare/2022-06-24_list-of-directors_en.pdf"): ("", ""),
}
BROKEN = "fullshare/2020-01-01_broken_en.pdf"


@pytest.fixture(scope="module")
def archive(corpus: Path, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("archive")
    for name, source in ARCHIVE.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).symlink_to(corpus / source)
    (root / "seeds").mkdir()
    for sample in SAMPLES.glob("kingsoft-cloud-*.txt"):
        (root / "seeds" / sample.name).symlink_to(sample)
    # The first 3,000 bytes of a real PDF: a download cut short.
    real = (corpus / ARCHIVE["fullshare/2019-10-23_list-of-directors_en.pdf"]).read_bytes()
    (root / BROKEN).write_bytes(real[:3000])
    (root / ".hidden.pdf").write_bytes(b"%PDF-1.4 not a filing")  # skipped, like watch
    return root


@pytest.fixture(scope="module")
def local_run(archive: Path, tmp_path_factory) -> Path:
    """One batch on a local cluster of one worker process, as `kcdiff batch` starts it."""
    out = tmp_path_factory.mktemp("local") / "out"
    assert main(["batch", str(archive), "-o", str(out), "--workers", "1"]) == 1  # error row
    return out


@pytest.fixture(scope="module")
def cluster():
    """A Dask cluster started by the test (worker threads in this process, over TCP)."""
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, protocol="tcp",
                      dashboard_address=":0") as running:
        yield running


def rows(out: Path, table: str) -> list[dict]:
    return pq.read_table(out / f"{table}.parquet").to_pylist()


def test_consecutive_pairs_by_the_watch_rules(local_run: Path):
    compared = [row for row in rows(local_run, "pairs") if row["status"] == "ok"]
    found = {(row["old_path"], row["new_path"]): (row["old_period_end"], row["new_period_end"])
             for row in compared}
    assert found == EXPECTED_PAIRS
    assert len(compared) == 5


def test_pair_rows_name_issuer_and_files(local_run: Path, archive: Path):
    import hashlib

    by_new = {row["new_path"]: row for row in rows(local_run, "pairs")}
    anxin = by_new["anxin/2/2011-03-30_annual-results_en.pdf"]
    assert (anxin["issuer"], anxin["stock_code"]) == ("Anxin-China Holdings Limited", "1149")
    assert anxin["old_sha256"] == hashlib.sha256(
        (archive / "anxin/3/2010-08-30_interim-results_en.pdf").read_bytes()).hexdigest()
    kingsoft = by_new["seeds/kingsoft-cloud-2024-annual.txt"]
    assert (kingsoft["issuer"], kingsoft["stock_code"]) == ("Kingsoft Cloud Holdings Limited",
                                                            "3896")
    for row in by_new.values():
        if row["status"] == "ok":
            for kind in ("report_json", "report_html"):
                assert (local_run / row[kind]).is_file()


def test_counts_are_the_reports_counts(local_run: Path):
    """The row carries the pair's report summary; the sections table one row per section."""
    import json

    pairs = [row for row in rows(local_run, "pairs") if row["status"] == "ok"]
    sections = rows(local_run, "sections")
    for row in pairs:
        report = json.loads((local_run / row["report_json"]).read_text(encoding="utf-8"))
        summary = report["summary"]
        for name in ("sections_added", "sections_removed", "sections_changed", "edits",
                     "routine_edits", "figures_changed", "figures_restated", "board_changes"):
            assert row[name] == summary[name], name
        severities = [check["severity"] for check in report["checks"]]
        assert row["checks_warning"] == severities.count("warning")
        mine = [s for s in sections if (s["old_sha256"], s["new_sha256"]) ==
                (row["old_sha256"], row["new_sha256"])]
        assert [s["status"] for s in mine] == [s["status"] for s in report["sections"]]
        for measure in ("cosine", "jaccard", "min_edit", "simple"):
            assert 0.0 <= row[measure] <= 1.0
            assert all(0.0 <= s[measure] <= 1.0 for s in mine)


def test_a_corrupt_file_is_one_error_row(local_run: Path):
    errors = [row for row in rows(local_run, "pairs") if row["status"] == "error"]
    assert len(errors) == 1
    assert errors[0]["new_path"] == BROKEN
    assert errors[0]["error"].startswith(f"{BROKEN}: ")
    assert "truncated" in errors[0]["error"]
    assert errors[0]["cosine"] is None  # nothing was compared, so no measure is claimed


def test_same_results_on_a_cluster_and_force_redoes(local_run: Path, archive: Path, cluster,
                                                    tmp_path: Path, capsys):
    out = tmp_path / "out"
    shutil.copytree(local_run, out)
    capsys.readouterr()
    assert main(["batch", str(archive), "-o", str(out), "--scheduler",
                 cluster.scheduler_address, "--force"]) == 1
    assert "5 compared, 0 already done" in capsys.readouterr().err
    for table in ("pairs", "sections"):
        assert rows(out, table) == rows(local_run, table)
    for row in rows(out, "pairs"):
        if row["status"] == "ok":
            assert (out / row["report_json"]).read_bytes() == (
                local_run / row["report_json"]).read_bytes()


def test_a_second_run_skips_everything(local_run: Path, archive: Path, tmp_path: Path,
                                       capsys):
    out = tmp_path / "out"
    shutil.copytree(local_run, out)
    parts = {path: path.stat().st_mtime_ns for path in (out / ".parts").iterdir()}
    capsys.readouterr()
    # No worker is needed, so an unreachable local cluster is never started.
    assert main(["batch", str(archive), "-o", str(out)]) == 1
    assert "5 compared" not in (err := capsys.readouterr().err)
    assert "0 compared, 5 already done" in err
    assert {path: path.stat().st_mtime_ns for path in (out / ".parts").iterdir()} == parts
    assert rows(out, "pairs") == rows(local_run, "pairs")


def test_an_interrupted_run_is_finished_by_the_next(local_run: Path, archive: Path, cluster,
                                                    tmp_path: Path, capsys):
    out = tmp_path / "out"
    shutil.copytree(local_run, out)
    # As if the run had stopped before the Fullshare 2022 pair and the export.
    row = next(r for r in rows(out, "pairs") if r["new_path"].startswith("fullshare/2022"))
    (out / ".parts" / f"{row['old_sha256']}-{row['new_sha256']}.json").unlink()
    (out / "pairs.parquet").unlink()
    capsys.readouterr()
    assert main(["batch", str(archive), "-o", str(out), "--scheduler",
                 cluster.scheduler_address]) == 1
    assert "1 compared, 4 already done" in capsys.readouterr().err
    assert rows(out, "pairs") == rows(local_run, "pairs")


def test_an_unreachable_scheduler_is_one_line(tmp_path: Path, capsys):
    port = free_port()  # bound and released: nothing listens there
    code = main(["batch", str(tmp_path), "-o", str(tmp_path / "out"), "--scheduler",
                 f"tcp://127.0.0.1:{port}", "--connect-timeout", "0.5"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(f"kcdiff: error: tcp://127.0.0.1:{port}: cannot reach the Dask "
                          "scheduler")
    assert err.count("\n") == 1


def test_without_the_extra_one_line_says_what_to_install(monkeypatch, tmp_path, capsys):
    import kcdiff.batch

    monkeypatch.setattr(kcdiff.batch, "find_spec", lambda name: None if name == "pyarrow"
                        else object())
    assert main(["batch", str(tmp_path), "-o", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == (
        "kcdiff: error: kcdiff batch: needs pyarrow: pip install 'kcdiff[batch]'\n")


def test_the_command_line_does_not_load_dask():
    code = ("import sys, kcdiff.cli, kcdiff.batch; kcdiff.cli.build_parser(); "
            "kcdiff.batch.missing_extra(); print(sorted(m for m in sys.modules "
            "if m.split('.')[0] in ('dask', 'distributed', 'pyarrow')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=Path(__file__).resolve().parent.parent)
    assert result.stdout.strip() == "[]"


def test_archive_that_is_not_a_folder(tmp_path: Path, capsys):
    assert main(["batch", str(tmp_path / "missing"), "-o", str(tmp_path / "out")]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_progress_as_plain_lines_off_a_terminal():
    import io

    from kcdiff.batch.progress import Progress

    stream = io.StringIO()
    progress = Progress(4, "pairs", bar=None, stream=stream, every=0.0)  # not a terminal
    progress.update()
    progress.update()
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("kcdiff: batch: 1/4 pairs, ") and "per minute" in lines[0]
    assert lines[1].startswith("kcdiff: batch: 2/4 pairs, ") and "s left" in lines[1]
    progress.update(2)
    progress.close()
    assert stream.getvalue().splitlines()[-1].startswith("kcdiff: batch: 4/4 pairs, ")
    assert "left" not in stream.getvalue().splitlines()[-1]


def test_the_walk_follows_symlinked_folders_once_and_skips_output(tmp_path: Path):
    from kcdiff.batch.archive import find_files

    shared = tmp_path / "shared"
    (shared / "sub").mkdir(parents=True)
    (shared / "sub" / "a-2024.txt").write_text("x")
    archive = tmp_path / "archive"
    (archive / "out").mkdir(parents=True)
    (archive / "out" / "report.html").write_text("x")
    (archive / "b-2024.txt.part").write_text("x")  # a download in progress
    (archive / "linked").symlink_to(shared)
    (shared / "sub" / "loop").symlink_to(shared)  # a cycle must not loop
    found = [file.relative for file in find_files(archive, exclude=archive / "out")]
    assert found == ["linked/sub/a-2024.txt"]


def test_progress_bar_on_a_terminal():
    import io

    from kcdiff.batch.progress import Progress

    stream = io.StringIO()
    progress = Progress(3, "pairs", bar=True, stream=stream)
    progress.update(3)
    progress.close()
    assert "3/3" in stream.getvalue() and "pairs" in stream.getvalue()


def test_workers_must_be_at_least_one(tmp_path: Path, capsys):
    assert main(["batch", str(tmp_path), "-o", str(tmp_path / "out"), "--workers", "0"]) == 2
    assert capsys.readouterr().err == "kcdiff: error: --workers: must be 1 or more\n"
