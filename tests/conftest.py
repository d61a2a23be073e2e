"""Shared fixtures: the two sample announcements and the real corpus beside the clone.

The corpus (``../shared/corpus``) is read in place and never copied into the project;
tests that need it skip cleanly when it is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kcdiff.model import Period

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
INTERIM = SAMPLES / "kingsoft-cloud-2023-interim.txt"
ANNUAL = SAMPLES / "kingsoft-cloud-2024-annual.txt"
# The samples' periods: the interim's six months and the annual's year, each with its
# comparative.
HALF_2022 = Period("duration", "2022-06-30", 6)
HALF_2023 = Period("duration", "2023-06-30", 6)
YEAR_2023 = Period("duration", "2023-12-31", 12)
YEAR_2024 = Period("duration", "2024-12-31", 12)
# mutmut runs the tests from a copy of the checkout in ./mutants/: the corpus is still
# beside the checkout itself.
CHECKOUT = ROOT.parent if ROOT.name == "mutants" else ROOT
SHARED = CHECKOUT.parent / "shared"
CORPUS = SHARED / "corpus"


@pytest.fixture(scope="session")
def interim_path() -> Path:
    return INTERIM


@pytest.fixture(scope="session")
def annual_path() -> Path:
    return ANNUAL


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not (CORPUS / "MANIFEST.json").is_file():
        pytest.skip("the real corpus (../shared/corpus) is not beside this clone")
    return CORPUS


@pytest.fixture(scope="session")
def manifest(corpus: Path) -> dict:
    return json.loads((corpus / "MANIFEST.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def corpus_filing(corpus: Path):
    """A corpus filing read once per test session, by its path under the corpus."""
    from functools import lru_cache

    from kcdiff.ingest import read_filing

    return lru_cache(maxsize=None)(lambda name: read_filing(corpus / name))


@pytest.fixture(scope="session")
def anxin(corpus: Path):
    """Sections of an Anxin-China (HKEX 1149) results announcement, by file stem."""
    from kcdiff.ingest import read_filing
    from kcdiff.segment import segment

    folder = corpus / "hkex_anxin-china_1149" / "en"

    def sections(stem: str):
        return segment(read_filing(folder / f"{stem}.pdf"))

    return sections


@pytest.fixture
def fresh_figure_caches():
    """Each test computes its own answer: alignment, label keys and cells are cached
    per process, and a cached answer would hide what the code computes now (mutation
    testing forks the test process after a clean run)."""
    from kcdiff.figures import compare, items, values

    for cached in (compare._aligned, compare._pair_score, items.label_key, values.read_cell):
        cached.cache_clear()


# --- the watch service: a real SMTP server on 127.0.0.1 ---------------------------------


class Inbox:
    """An aiosmtpd handler that keeps every accepted message (envelope and raw bytes), and
    can misbehave the way real servers do:

    - ``refuse_rcpt``: recipients answered with ``rcpt_reply`` (default a permanent 550);
    - ``data_reply``: the answer to the message instead of 250 ("451 ...", "554 ...");
    - ``late``: seconds to wait *after storing* the message before answering 250, longer
      than the client's timeout = a server that has the message but answers too late;
    - ``hang``: never answer the message (until ``release`` is set), without storing it.

    ``data_started`` is set as soon as a message's data has arrived."""

    def __init__(self) -> None:
        import threading

        self.envelopes = []
        self.refuse_rcpt: set[str] = set()
        self.rcpt_reply = "550 5.1.1 no such mailbox"
        self.data_reply = ""
        self.late = 0.0
        self.hang = False
        self.data_started = threading.Event()
        self.release = threading.Event()
        self.data_count = 0

    async def handle_RCPT(self, server, session, envelope, address, options):  # noqa: N802
        if address in self.refuse_rcpt:
            return self.rcpt_reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        import asyncio

        self.data_count += 1
        self.data_started.set()
        if self.hang:
            while not self.release.is_set():
                await asyncio.sleep(0.02)
            return "451 4.3.0 released"
        if self.data_reply:
            return self.data_reply
        self.envelopes.append(envelope)
        if self.late:
            await asyncio.sleep(self.late)
        return "250 Message accepted for delivery"

    @property
    def messages(self):
        import email
        import email.policy

        return [
            email.message_from_bytes(envelope.content, policy=email.policy.default)
            for envelope in self.envelopes
        ]


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpServer:
    """A real SMTP server on 127.0.0.1 that can be started late (to test retries)."""

    def __init__(self, port: int | None = None, **smtp_options) -> None:
        self.port = port or free_port()
        self.inbox = Inbox()
        self._options = smtp_options
        self._controller = None

    def start(self) -> SmtpServer:
        from aiosmtpd.controller import Controller

        self._controller = Controller(
            self.inbox, hostname="127.0.0.1", port=self.port, **self._options
        )
        self._controller.start()
        return self

    def stop(self) -> None:
        self.inbox.release.set()
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


@pytest.fixture
def smtp_server():
    server = SmtpServer().start()
    yield server
    server.stop()


def wait_for(predicate, timeout: float = 15.0, interval: float = 0.05):
    """Poll ``predicate`` until it returns something true, or fail after ``timeout``."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"gave up after {timeout} s waiting for {predicate.__doc__ or predicate}")
