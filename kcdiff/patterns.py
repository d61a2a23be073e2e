"""Compiled regular expressions kept between runs, like Jinja's bytecode cache.

The standard library compiles a regular expression in pure Python (``re._parser`` and
``re._compiler``); kcdiff's ~200 patterns, long role and name alternations and CJK
character classes among them, cost about a tenth of a second of every ``kcdiff diff``,
as much as comparing the wording of the sample pair. Nearly every one of them is used
on every filing, so compiling them lazily saves nothing; compiling them once does.

``load()`` puts the patterns an earlier run compiled into ``re``'s own cache, where
``re.compile`` and ``re.sub(pattern, ...)`` look first; ``save()`` writes down what this
run compiled. Each pattern is stored as the engine's code (what ``re._compiler`` hands
to ``_sre.compile``), and only after checking that the code rebuilds a pattern equal to
the one ``re`` compiled (``re.Pattern`` equality compares pattern, flags and code). The
file is per interpreter build and starts with the interpreter's version and the engine's
magic number; a file from another build, a damaged file, a folder that cannot be written
or a Python without these internals all mean compiling as usual, never an error.
"""

from __future__ import annotations

import marshal
import os
import re
import sys

__all__ = ["cache_file", "load", "save"]

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing for it
if TYPE_CHECKING:
    from pathlib import Path

    Entry = tuple[str | bytes, int, int, bytes, int, dict[str, int], tuple[str | None, ...]]

_CODE_TYPE = "I"  # array type of the engine's code units (checked against _sre.CODESIZE)
# What this process loaded, so save() writes only when something new was compiled.
_loaded: dict[tuple[str | bytes, int], Entry] = {}


def _header() -> tuple[object, ...]:
    import _sre

    return ("kcdiff-patterns-1", sys.version, sys.implementation.cache_tag, _sre.MAGIC,
            _sre.CODESIZE)


def cache_file() -> Path:
    """The cache of this interpreter build, beside the templates' bytecode cache."""
    from pathlib import Path

    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kcdiff" / f"patterns-{sys.implementation.cache_tag}-{sys.hexversion:x}"


def load(path: Path | None = None) -> int:
    """Fill ``re``'s cache from ``path`` (default ``cache_file()``); the number of
    patterns loaded, 0 when the file is missing, damaged or from another build."""
    try:
        header, entries = marshal.loads((path or cache_file()).read_bytes())
        if header != _header():
            return 0
        return sum(_restore(entry) for entry in entries)
    except Exception:  # a cache only saves time: whatever is wrong with it, compile
        return 0


def _restore(entry: Entry) -> bool:
    import _sre
    from array import array

    pattern, flags, engine_flags, code, groups, groupindex, indexgroup = entry
    key = (type(pattern), pattern, flags)
    if key in re._cache or len(re._cache) >= re._MAXCACHE:
        return False
    re._cache[key] = _sre.compile(pattern, engine_flags, array(_CODE_TYPE, code).tolist(),
                                  groups, groupindex, indexgroup)
    _loaded[pattern, flags] = entry
    return True


def save(path: Path | None = None) -> None:
    """Write the patterns in ``re``'s cache to ``path`` (default ``cache_file()``), when
    this process compiled any that it has not loaded or saved yet. Never raises."""
    try:
        fresh = [entry for key, compiled in list(re._cache.items())
                 if key[0] in (str, bytes) and (key[1], key[2]) not in _loaded
                 and (entry := _entry(key[1], key[2], compiled)) is not None]
        if fresh:
            _write(path or cache_file(), [*_loaded.values(), *fresh])
            _loaded.update(((entry[0], entry[1]), entry) for entry in fresh)
    except Exception:  # a cache only saves time
        return


def _entry(pattern: str | bytes, flags: int, compiled: re.Pattern) -> Entry | None:
    """What ``_sre.compile`` needs to rebuild ``compiled``, if it rebuilds it exactly."""
    import _sre
    from array import array
    from re import _compiler, _parser

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    entry = (pattern, flags, int(flags | parsed.state.flags),
             array(_CODE_TYPE, code).tobytes(), parsed.state.groups - 1, groupindex,
             tuple(indexgroup))
    rebuilt = _sre.compile(pattern, entry[2], code, entry[4], groupindex, entry[6])
    if rebuilt != compiled or rebuilt.groupindex != compiled.groupindex:
        return None  # this Python compiles otherwise than re._compiler did: leave it out
    return entry


def _write(path: Path, entries: list[Entry]) -> None:
    """Atomically: a concurrent run reads the old file or the new one, never half."""
    import tempfile
    from array import array

    if array(_CODE_TYPE).itemsize != _header()[4]:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".patterns-")
    try:
        with os.fdopen(handle, "wb") as file:
            marshal.dump((_header(), entries), file)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
