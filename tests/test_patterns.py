"""Compiled patterns kept between runs: what comes back from the cache is the pattern
``re`` would compile, and a cache that is damaged, foreign or unwritable costs nothing
but time."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kcdiff import patterns

# Shapes the stages use: named groups, look-behind, CJK ranges, case folding, verbose.
SHAPES = [
    (r"(?P<honorific>\b(?:Mr|Ms|Dr)\b\.?)\s*(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)", 0),
    ("(?<=[\u3400-\u9fff\uf900-\ufaff]) (?=[\u3400-\u9fff\uf900-\ufaff])", 0),
    (r"\bindependent\s+non-?\s?executive(?:\s+directors?)?", re.IGNORECASE),
    (r"""(?P<open>\()?  # a negative in brackets
         \s*(?P<digits>\d{1,3}(?:,\d{3})*)(?(open)\))""", re.VERBOSE),
]
TEXT = "Mr. Zou Tao and Ms Wang Yu, INDEPENDENT non- executive directors; 廖 莉 萍 (1,234)"


@pytest.fixture
def clean_re_cache():
    """re's cache as the test found it, afterwards: other tests compile as usual."""
    saved, loaded = dict(re._cache), dict(patterns._loaded)
    re.purge()
    patterns._loaded.clear()
    yield
    re.purge()
    re._cache.update(saved)
    patterns._loaded.clear()
    patterns._loaded.update(loaded)


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_ino, stat.st_mtime_ns


def _fresh(pattern: str, flags: int) -> re.Pattern[str]:
    from re import _compiler

    return _compiler.compile(pattern, flags)  # bypasses re's cache


def test_patterns_come_back_as_re_compiles_them(tmp_path: Path, clean_re_cache):
    for pattern, flags in SHAPES:
        re.compile(pattern, flags)
    patterns.save(tmp_path / "cache")
    re.purge()
    patterns._loaded.clear()
    assert patterns.load(tmp_path / "cache") == len(SHAPES)
    for pattern, flags in SHAPES:
        cached = re._cache[(str, pattern, int(flags))]
        assert re.compile(pattern, flags) is cached  # re finds it: nothing compiled again
        fresh = _fresh(pattern, flags)
        assert cached == fresh  # same pattern, flags and engine code
        assert cached.groupindex == fresh.groupindex and cached.groups == fresh.groups
        assert ([m.groupdict() or m.group() for m in cached.finditer(TEXT)]
                == [m.groupdict() or m.group() for m in fresh.finditer(TEXT)])


def test_nothing_new_nothing_written(tmp_path: Path, clean_re_cache):
    re.compile(*SHAPES[0])
    patterns.save(tmp_path / "cache")
    before = _stamp(tmp_path / "cache")  # a rewrite renames a new file over it
    patterns.save(tmp_path / "cache")  # the same process again: written already
    assert _stamp(tmp_path / "cache") == before
    re.purge()
    patterns._loaded.clear()
    patterns.load(tmp_path / "cache")
    patterns.save(tmp_path / "cache")
    assert _stamp(tmp_path / "cache") == before


@pytest.mark.parametrize("content", [b"", b"not marshal at all", b"\x00" * 64])
def test_a_damaged_cache_is_ignored(tmp_path: Path, clean_re_cache, content: bytes):
    (tmp_path / "cache").write_bytes(content)
    assert patterns.load(tmp_path / "cache") == 0
    assert re.compile(*SHAPES[1]).sub("", "廖 莉") == "廖莉"


def test_another_interpreters_cache_is_ignored(tmp_path: Path, clean_re_cache):
    import marshal

    re.compile(*SHAPES[0])
    patterns.save(tmp_path / "cache")
    header, entries = marshal.loads((tmp_path / "cache").read_bytes())
    other = (header[0], "3.99.0 (elsewhere)", *header[2:])
    (tmp_path / "cache").write_bytes(marshal.dumps((other, entries)))
    re.purge()
    patterns._loaded.clear()
    assert patterns.load(tmp_path / "cache") == 0


def test_a_missing_or_unwritable_folder_is_no_error(tmp_path: Path, clean_re_cache):
    assert patterns.load(tmp_path / "missing" / "cache") == 0
    re.compile(*SHAPES[0])
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    patterns.save(blocker / "cache")  # cannot create the folder: nothing raised
    assert not (blocker / "cache").exists()


def test_a_second_run_compiles_no_pattern(tmp_path: Path, interim_path: Path,
                                          annual_path: Path):
    """`kcdiff diff` leaves its patterns in the cache; the next run takes every pattern
    the stages compile from there, and writes the same report."""
    environment = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    command = [sys.executable, "-m", "kcdiff", "diff", str(interim_path), str(annual_path),
               "-o", str(tmp_path / "r.json")]
    assert subprocess.run(command, env=environment, capture_output=True).returncode == 1
    assert patterns.cache_file().name in os.listdir(tmp_path / "kcdiff")
    # Counted: patterns compiled while a stage module runs (the command line's own
    # argparse, which runs before the cache is loaded, is not a stage).
    script = ("import sys, re, traceback\nfrom re import _compiler\ncompiled = []\n"
              "real = _compiler.compile\n"
              "def counting(p, flags=0):\n"
              "    files = [frame.filename for frame in traceback.extract_stack()]\n"
              "    if any('kcdiff' in f and not f.endswith('cli.py') for f in files):\n"
              "        compiled.append(p)\n"
              "    return real(p, flags)\n"
              "_compiler.compile = counting\n"
              "from kcdiff.cli import main\n"
              f"code = main(['diff', {str(interim_path)!r}, {str(annual_path)!r}, "
              f"'-o', {str(tmp_path / 'r2.json')!r}])\n"
              "print(code, len(compiled))")
    result = subprocess.run([sys.executable, "-c", script], env=environment,
                            capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["1", "0"]
    assert (tmp_path / "r.json").read_bytes() == (tmp_path / "r2.json").read_bytes()
