"""Hostile input to ``kcdiff diff``: devices, FIFOs, links, over-limit files, ``-o`` naming an
input. Each is refused at once with one line and exit status 2; nothing is overwritten."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from kcdiff.cli import main
from kcdiff.errors import InputError
from kcdiff.ingest import read_regular_file


def run(capsys, *argv):
    code = main(list(map(str, argv)))
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(err: str, path) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"kcdiff: error: {path}: "), lines[0]
    return lines[0]


def test_dev_zero_is_refused_at_once_not_read(interim_path):
    # /dev/zero reports size 0 and never ends: run in a child with a deadline, so a
    # regression shows as a timeout instead of eating the machine's memory.
    done = subprocess.run(
        [sys.executable, "-m", "kcdiff", "diff", str(interim_path), "/dev/zero"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert "is not a regular file" in one_error_line(done.stderr, "/dev/zero")


def test_a_fifo_is_refused_at_once(tmp_path, interim_path, capsys):
    fifo = tmp_path / "filing.txt"
    os.mkfifo(fifo)  # no writer: opening it for reading would block forever
    code, out, err = run(capsys, "diff", interim_path, fifo)
    assert (code, out) == (2, "")
    assert "is not a regular file" in one_error_line(err, fifo)


def test_a_symlink_is_refused_when_links_are_not_followed(tmp_path, interim_path):
    link = tmp_path / "next-filing.txt"
    link.symlink_to(interim_path)
    with pytest.raises(InputError, match="symbolic link"):
        read_regular_file(link, follow_symlinks=False)
    assert read_regular_file(link) == interim_path.read_bytes()  # the command line follows


@pytest.mark.parametrize("limit", [99, 100])
def test_size_limit_just_either_side(tmp_path, limit):
    filing = tmp_path / "f.txt"
    filing.write_bytes(b"Results\n" + b"x" * 92)  # exactly 100 bytes
    if limit < 100:
        with pytest.raises(InputError, match="file is 100 bytes, over the 99-byte limit"):
            read_regular_file(filing, limit)
    else:
        assert len(read_regular_file(filing, limit)) == 100


def test_an_over_limit_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:  # sparse: 400 MB reported, nothing on disk
        handle.truncate(400 * 2**20)
    reads = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    with pytest.raises(InputError, match="over the"):
        read_regular_file(big, 50 * 2**20)
    assert reads == []


@pytest.mark.parametrize("which", ["old", "new", "new-through-a-link"])
def test_output_naming_an_input_is_refused_and_the_input_kept(tmp_path, interim_path,
                                                              annual_path, capsys, which):
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_bytes(interim_path.read_bytes())
    new.write_bytes(annual_path.read_bytes())
    target = {"old": old, "new": new, "new-through-a-link": tmp_path / "link.txt"}[which]
    if which == "new-through-a-link":
        target.symlink_to(new)
    code, out, err = run(capsys, "diff", old, new, "-o", target)
    assert (code, out) == (2, "")
    assert "is the input" in one_error_line(err, target)
    assert old.read_bytes() == interim_path.read_bytes()
    assert new.read_bytes() == annual_path.read_bytes()


def test_output_beside_the_inputs_is_still_written(tmp_path, interim_path, annual_path,
                                                  capsys):
    target = tmp_path / "report.json"
    code, _, _ = run(capsys, "diff", interim_path, annual_path, "-o", target)
    assert code == 1 and Path(target).read_text(encoding="utf-8").startswith("{")
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary left
