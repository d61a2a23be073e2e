"""Shared fixtures: the two sample announcements and the real corpus beside the clone.

The corpus (``../shared/corpus``) is read in place and never copied into the project;
tests that need it skip cleanly when it is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
INTERIM = SAMPLES / "kingsoft-cloud-2023-interim.txt"
ANNUAL = SAMPLES / "kingsoft-cloud-2024-annual.txt"
SHARED = ROOT.parent / "shared"
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
def anxin(corpus: Path):
    """Sections of an Anxin-China (HKEX 1149) results announcement, by file stem."""
    from kcdiff.ingest import read_filing
    from kcdiff.segment import segment

    folder = corpus / "hkex_anxin-china_1149" / "en"

    def sections(stem: str):
        return segment(read_filing(folder / f"{stem}.pdf"))

    return sections


# --- the watch service: a real SMTP server on 127.0.0.1 ---------------------------------


class Inbox:
    """An aiosmtpd handler that keeps every accepted message (envelope and raw bytes)."""

    def __init__(self) -> None:
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.envelopes.append(envelope)
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
