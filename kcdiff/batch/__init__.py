"""kcdiff batch: every consecutive pair of an archive of filings compared on Dask, with a
Parquet export (``pairs.parquet``, ``sections.parquet``) and each pair's reports.

``run_batch(BatchSettings(archive, output))`` is the entry point. Dask and pyarrow are
optional (``pip install 'kcdiff[batch]'``): this package imports them, so import it only
after ``missing_extra()`` says nothing is missing.
"""

from __future__ import annotations

from importlib.util import find_spec

__all__ = ["missing_extra", "run_batch", "BatchSettings", "BatchResult"]

EXTRA_MODULES = ("dask", "distributed", "pyarrow", "tqdm")


def missing_extra() -> list[str]:
    """The modules ``kcdiff batch`` needs that are not installed."""
    return [name for name in EXTRA_MODULES if find_spec(name) is None]


def __getattr__(name: str):
    # run_batch and friends are loaded on first use, so that ``missing_extra`` can be asked
    # on a machine without the extra.
    if name in ("run_batch", "BatchSettings", "BatchResult"):
        from . import run

        return getattr(run, name)
    raise AttributeError(name)
