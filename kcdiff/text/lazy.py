"""Regular expressions compiled on first use.

Compiling is paid in Python by the standard library, and a class over the CJK ranges
costs 2-4 ms: a pattern that only Chinese text needs should cost an English pair nothing.
"""

from __future__ import annotations

import re
from typing import cast

__all__ = ["lazy_pattern"]


class _LazyPattern:
    """A regular expression compiled the first time it is used: the board readers hold
    many patterns, and compiling them all at import cost every ``kcdiff`` start ~0.1 s."""

    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: str, flags: int) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> object:
        if self._compiled is None:
            self._compiled = re.compile(*self._args)
        return getattr(self._compiled, name)


def lazy_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, deferred to the pattern's first use."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags))
