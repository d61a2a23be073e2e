"""Named errors. Each message says what is wrong and, where it helps, what to do.

The command line turns any ``KcdiffError`` into one line on stderr and exit status 2;
nothing else in the package decides exit codes.
"""

from __future__ import annotations


class KcdiffError(Exception):
    """Base class: a problem kcdiff can explain in one line."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem

    def __reduce__(self) -> tuple[type[KcdiffError], tuple[str, str]]:
        # Rebuilt from its two parts: Exception's own pickling would call the class with
        # the one joined message. The command line reads the old filing in a worker
        # process, whose error must reach this one whole.
        return (type(self), (self.path, self.problem))


class InputError(KcdiffError):
    """A file that cannot be read as a filing: missing, empty, binary, undecodable, too big."""


class UnsupportedFormat(InputError):
    """A file that is none of the formats kcdiff reads."""


class OutputError(KcdiffError):
    """A report that cannot be written where it was asked to go."""


class ConfigError(KcdiffError):
    """A setting that cannot be used: a bad config file, a missing SMTP recipient."""


class StoreError(KcdiffError):
    """The watch history cannot be used (a damaged database), with how to recover."""
