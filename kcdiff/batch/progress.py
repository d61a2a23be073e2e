"""How far a batch has got: a progress bar on a terminal (tqdm: done / total, rate, time
left), else a plain log line every ``every`` seconds and at the end."""

from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["Progress"]


class Progress:
    def __init__(self, total: int, unit: str, bar: bool | None = None,
                 stream: TextIO | None = None, every: float = 10.0) -> None:
        self.total, self.unit, self.done = total, unit, 0
        self._stream = stream or sys.stderr
        self._every = every
        self._start = self._last = time.monotonic()
        use_bar = self._stream.isatty() if bar is None else bar
        self._bar = None
        if use_bar and total:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit=f" {unit}", file=self._stream,
                             desc="kcdiff batch", dynamic_ncols=True)

    def update(self, count: int = 1) -> None:
        self.done += count
        if self._bar is not None:
            self._bar.update(count)
            return
        now = time.monotonic()
        if now - self._last >= self._every:
            self._last = now
            print(f"kcdiff: batch: {self.line()}", file=self._stream, flush=True)

    def line(self) -> str:
        elapsed = max(time.monotonic() - self._start, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else float("inf")
        eta = f", about {left:.0f} s left" if self.done < self.total and rate else ""
        return f"{self.done}/{self.total} {self.unit}, {rate * 60:.1f} per minute{eta}"

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
        elif self.total:
            print(f"kcdiff: batch: {self.line()}", file=self._stream, flush=True)
