"""Soak: does every expected e-mail arrive exactly once when the watcher is killed at
random moments?

Twenty text filings of five issuers (made from the two sample announcements by changing
the issuer's name, stock code and years) are dropped into a watched folder, each issuer's
in period order, issuers interleaved at random. Meanwhile ``kcdiff watch`` (a real
subprocess) is killed with SIGKILL at random moments, ``--kills`` times, and restarted at
once. A real SMTP server on 127.0.0.1 counts what it accepts, by Message-ID.

Expected: one e-mail per consecutive pair of an issuer's filings (3 x 5 = 15), each
exactly once. A duplicate can only come from the window the README names (killed after
the server accepted, before the ledger line was written); it carries the same
Message-ID, and is counted separately.

Run: python benchmarks/soak_watch.py [--kills 20] [--seed N]
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aiosmtpd.smtp import SMTP, Envelope, Session

ROOT = Path(__file__).resolve().parent.parent
INTERIM = (ROOT / "samples" / "kingsoft-cloud-2023-interim.txt").read_text(encoding="utf-8")
ANNUAL = (ROOT / "samples" / "kingsoft-cloud-2024-annual.txt").read_text(encoding="utf-8")
ISSUERS = 5


class Counter:
    """An aiosmtpd handler counting accepted messages by Message-ID."""

    def __init__(self) -> None:
        self.seen: collections.Counter[str] = collections.Counter()

    async def handle_DATA(  # noqa: N802 (aiosmtpd's name)
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        # Counted as stored, then answered at once, as a mail server queues then replies.
        head = envelope.original_content.split(b"\r\n\r\n", 1)[0]
        found = re.search(rb"(?im)^Message-ID:\s*(<[^>]+>)", head)
        self.seen[found[1].decode() if found else "?"] += 1
        return "250 OK"


def shifted(text: str, years: int) -> str:
    """``text`` with every year from 2019 to 2026 moved on by ``years``, in one pass."""
    return re.sub(r"\b(20(?:19|2[0-6]))\b", lambda m: str(int(m[1]) + years), text)


def issuer_filings(number: int) -> list[tuple[str, bytes]]:
    """Four filings of one made-up issuer, in period order: (file name, content)."""
    name, code = f"Soakco {chr(65 + number)} Holdings Limited", str(9100 + number)
    texts = [INTERIM, ANNUAL, shifted(INTERIM, 2), shifted(ANNUAL, 2)]
    stems = ["2023-interim", "2024-annual", "2025-interim", "2026-annual"]
    made = []
    for stem, text in zip(stems, texts, strict=True):
        text = text.replace("Kingsoft Cloud Holdings Limited", name).replace("3896", code)
        made.append((f"soakco-{chr(97 + number)}-{stem}.txt", text.encode("utf-8")))
    return made


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def message_id(old: bytes, new: bytes) -> str:
    sha = [hashlib.sha256(data).hexdigest()[:16] for data in (old, new)]
    return f"<{sha[0]}.{sha[1]}@kcdiff>"


def drop_all(folder: Path, order: list[tuple[str, bytes]], gap: float) -> None:
    for name, data in order:
        partial = folder / f"{name}.part"
        partial.write_bytes(data)
        partial.rename(folder / name)  # arrives whole, as a download finishes
        time.sleep(gap)


def start(folder: Path, port: int, log: Path | None) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    errors = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 (the child's)
    try:
        return subprocess.Popen(
            [sys.executable, "-m", "kcdiff", "watch", str(folder), "--config",
             str(folder.parent / "soak.toml"), "--smtp-port", str(port)],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors,
        )
    finally:
        if log:
            errors.close()


def soak(kills: int, seed: int, log: Path | None = None) -> int:
    from aiosmtpd.controller import Controller

    rng = random.Random(seed)
    lines = [issuer_filings(number) for number in range(ISSUERS)]
    expected = {message_id(a[1], b[1]) for filings in lines
                for a, b in zip(filings, filings[1:], strict=False)}
    order, queues = [], [list(filings) for filings in lines]
    while any(queues):  # issuers interleaved at random, each in period order
        queue = rng.choice([q for q in queues if q])
        order.append(queue.pop(0))
    counter = Counter()
    with tempfile.TemporaryDirectory(prefix="kcdiff-soak-") as scratch:
        folder = Path(scratch) / "filings"
        folder.mkdir()
        (Path(scratch) / "soak.toml").write_text(
            'smtp-host = "127.0.0.1"\nmail-to = ["soak@example.com"]\nsettle = 0.2\n',
            encoding="utf-8")
        port = free_port()
        controller = Controller(counter, hostname="127.0.0.1", port=port)
        controller.start()
        started = time.perf_counter()
        dropper = threading.Thread(target=drop_all, args=(folder, order, 0.6))
        dropper.start()
        watcher = start(folder, port, log)
        for _ in range(kills):
            time.sleep(rng.uniform(0.2, 2.5))
            watcher.send_signal(signal.SIGKILL)
            watcher.wait()
            if log:
                with open(log, "a", encoding="utf-8") as note:
                    note.write("--- SIGKILL ---\n")
            watcher = start(folder, port, log)
        dropper.join()
        deadline = time.monotonic() + 300
        while expected - set(counter.seen) and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1.0)  # a last chance for a duplicate to show
        watcher.send_signal(signal.SIGTERM)
        watcher.wait(60)
        controller.stop()
        elapsed = time.perf_counter() - started
    return report(expected, counter.seen, kills, elapsed)


def report(expected: set[str], seen: collections.Counter, kills: int, elapsed: float) -> int:
    once = sum(1 for mid in expected if seen[mid] == 1)
    duplicates = sum(seen[mid] - 1 for mid in expected if seen[mid] > 1)
    missing = len(expected - set(seen))
    unexpected = sum(count for mid, count in seen.items() if mid not in expected)
    print(f"soak: {ISSUERS * 4} filings of {ISSUERS} issuers, {kills} SIGKILLs: "
          f"{len(expected)} e-mails expected, {once} delivered exactly once, "
          f"{duplicates} duplicate(s) (same Message-ID), {missing} missing, "
          f"{unexpected} unexpected; {elapsed:.0f} s")
    return 0 if (missing, unexpected, duplicates) == (0, 0, 0) else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--log", type=Path, help="append the watchers' log lines to this file")
    args = parser.parse_args()
    print(f"seed {args.seed}")
    return soak(args.kills, args.seed, args.log)


if __name__ == "__main__":
    sys.exit(main())
