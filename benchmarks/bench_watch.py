"""How long from a filing's arrival to the SMTP server accepting its change report?

For each run: a fresh watched folder, a real SMTP server (aiosmtpd) on 127.0.0.1, and the
watch service running as ``kcdiff watch`` runs it (its default settings, settle included).
The 2023 interim is dropped in first (recorded, no report); then the clock starts as the
2024 annual arrives (renamed into the folder, as a browser or file manager finishes a
download) and stops when the server accepts the e-mail. Target: under 2 s.

Also prints where the time goes: the settle wait (a file must stay unchanged that long
before it is read) and one compare + render + compose of the pair, measured on its own.

Run: python benchmarks/bench_watch.py [--repeat N] [--settle SECONDS]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aiosmtpd.smtp import SMTP, Envelope, Session

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aiosmtpd.controller import Controller  # noqa: E402

from kcdiff.service.mail import MailSettings, compose  # noqa: E402
from kcdiff.service.store import Store, default_db_path  # noqa: E402
from kcdiff.service.watch import Service, WatchSettings  # noqa: E402

OLD = ROOT / "samples" / "kingsoft-cloud-2023-interim.txt"
NEW = ROOT / "samples" / "kingsoft-cloud-2024-annual.txt"
TARGET = 2.0


class Stopwatch:
    """An SMTP handler that notes when each message was accepted."""

    def __init__(self) -> None:
        self.accepted: list[float] = []
        self.arrived = threading.Event()

    async def handle_DATA(  # noqa: N802 (aiosmtpd's name)
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        self.accepted.append(time.perf_counter())
        self.arrived.set()
        return "250 Message accepted for delivery"


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def arrive(sample: Path, folder: Path) -> float:
    """Copy under a temporary name, then rename into place; returns the arrival time."""
    partial = folder / (sample.name + ".part")
    shutil.copyfile(sample, partial)
    arrival = time.perf_counter()
    partial.rename(folder / sample.name)
    return arrival


def wait_recorded(folder: Path, count: int, deadline: float) -> None:
    database = default_db_path(folder)
    while time.monotonic() < deadline:
        if database.exists():
            with Store(database) as store:
                if sum(len(store.issuer_filings(key)) for key in store.issuers()) >= count:
                    return
        time.sleep(0.02)
    sys.exit("the first filing was not recorded in time")


def one_run(settle: float | None) -> float:
    stopwatch = Stopwatch()
    controller = Controller(stopwatch, hostname="127.0.0.1", port=free_port())
    controller.start()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        mail = MailSettings(host="127.0.0.1", port=controller.port,
                            recipients=("compliance@example.com",))
        options = {} if settle is None else {"settle": settle}
        service = Service(WatchSettings(folder=folder, mail=mail, **options))
        stop, ready = threading.Event(), threading.Event()
        worker = threading.Thread(target=service.run, args=(stop, ready), daemon=True)
        worker.start()
        try:
            ready.wait(10)
            arrive(OLD, folder)
            wait_recorded(folder, 1, time.monotonic() + 30)
            arrival = arrive(NEW, folder)
            if not stopwatch.arrived.wait(60):
                sys.exit("no e-mail within 60 s")
            return stopwatch.accepted[0] - arrival
        finally:
            stop.set()
            worker.join(10)
            controller.stop()


def compare_render_compose() -> float:
    from kcdiff.compare import compare_files
    from kcdiff.render import render_html, render_json

    start = time.perf_counter()
    report = compare_files(OLD, NEW)
    render_html(report)
    render_json(report)
    compose(report, MailSettings(), message_id="<bench@kcdiff>", attachment_name="r.html")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--settle", type=float, default=None,
                        help=f"settle seconds (default: the service's, {WatchSettings.settle})")
    args = parser.parse_args()
    times = [one_run(args.settle) for _ in range(args.repeat)]
    work = statistics.median(compare_render_compose() for _ in range(3))
    settle = WatchSettings.settle if args.settle is None else args.settle
    median = statistics.median(times)
    print(f"arrival -> SMTP accepted, sample pair, {args.repeat} runs: median {median:.2f} s, "
          f"min {min(times):.2f} s, max {max(times):.2f} s (target < {TARGET:.1f} s)")
    print(f"  of which: settle wait {settle:.2f} s; compare + render + compose {work:.2f} s "
          f"(median of 3, measured alone)")
    print("  result:", "within target" if max(times) < TARGET else "OVER TARGET")


if __name__ == "__main__":
    main()
