"""What the watch history holds, as frozen rows: the schema, deliveries, rejected files,
reports and outbox messages (a filing is a ``FilingIdentity``)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

__all__ = [
    "SCHEMA", "Delivery", "Rejected", "StoredReport", "OutboxMessage", "PlannedMessage",
    "PlannedReport", "report_of", "message_of",
]

SCHEMA = """
CREATE TABLE IF NOT EXISTS filings (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL UNIQUE,
    path        TEXT NOT NULL,
    archive     TEXT NOT NULL,
    issuer_key  TEXT NOT NULL,
    issuer      TEXT NOT NULL DEFAULT '',
    stock_code  TEXT NOT NULL DEFAULT '',
    name_prefix TEXT NOT NULL DEFAULT '',
    doc_type    TEXT NOT NULL DEFAULT '',
    doc_group   TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL DEFAULT '',
    period      TEXT NOT NULL DEFAULT '',
    period_end  TEXT NOT NULL DEFAULT '',
    published   TEXT NOT NULL DEFAULT '',
    first_seen  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS filings_by_issuer
    ON filings (issuer_key, doc_group, period_end, published);
CREATE TABLE IF NOT EXISTS reports (
    id          INTEGER PRIMARY KEY,
    old_filing  INTEGER NOT NULL REFERENCES filings (id),
    new_filing  INTEGER NOT NULL REFERENCES filings (id),
    path        TEXT NOT NULL,
    summary     TEXT NOT NULL,
    created     TEXT NOT NULL,
    UNIQUE (old_filing, new_filing)
);
CREATE TABLE IF NOT EXISTS outbox (
    id           INTEGER PRIMARY KEY,
    report_id    INTEGER REFERENCES reports (id),
    message_id   TEXT NOT NULL UNIQUE,
    subject      TEXT NOT NULL,
    recipients   TEXT NOT NULL,
    message      BLOB NOT NULL,
    status       TEXT NOT NULL DEFAULT 'queued',
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_attempt REAL NOT NULL DEFAULT 0,
    last_error   TEXT NOT NULL DEFAULT '',
    created      TEXT NOT NULL,
    sent         TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS deliveries (
    outbox_id   INTEGER NOT NULL REFERENCES outbox (id),
    recipient   TEXT NOT NULL,
    status      TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT '',
    at          TEXT NOT NULL,
    PRIMARY KEY (outbox_id, recipient)
);
CREATE TABLE IF NOT EXISTS rejected (
    key         TEXT PRIMARY KEY,
    path        TEXT NOT NULL,
    error       TEXT NOT NULL,
    first_seen  TEXT NOT NULL
);
"""

@dataclass(frozen=True)
class Delivery:
    """The final answer for one recipient of one e-mail."""

    recipient: str
    status: str  # "accepted", "refused", "unknown"
    detail: str
    at: str


@dataclass(frozen=True)
class Rejected:
    """A file read once and found not to be a filing kcdiff can compare."""

    key: str
    path: str
    error: str
    first_seen: str


@dataclass(frozen=True)
class StoredReport:
    id: int
    old_filing: int
    new_filing: int
    path: str
    summary: dict
    created: str
    email: str = ""  # "queued", "sent", or "" when no e-mail was made


@dataclass(frozen=True)
class OutboxMessage:
    id: int
    message_id: str
    subject: str
    recipients: tuple[str, ...]
    message: bytes
    status: str
    attempts: int
    next_attempt: float
    last_error: str


@dataclass(frozen=True)
class PlannedMessage:
    """An e-mail to queue in the same transaction as its report."""

    message_id: str
    subject: str
    recipients: tuple[str, ...]
    message: bytes


@dataclass(frozen=True)
class PlannedReport:
    """A report written to disk, to record with the filing that triggered it.
    ``old``/``new`` are stored filing ids, or 0 for the filing being recorded."""

    old: int
    new: int
    path: str
    summary: dict
    message: PlannedMessage | None = None



def report_of(row: sqlite3.Row) -> StoredReport:
    return StoredReport(
        id=row["id"], old_filing=row["old_filing"], new_filing=row["new_filing"],
        path=row["path"], summary=json.loads(row["summary"]), created=row["created"],
        email=row["email"] if "email" in row.keys() else "",
    )


def message_of(row: sqlite3.Row) -> OutboxMessage:
    return OutboxMessage(
        id=row["id"], message_id=row["message_id"], subject=row["subject"],
        recipients=tuple(json.loads(row["recipients"])), message=bytes(row["message"]),
        status=row["status"], attempts=row["attempts"], next_attempt=row["next_attempt"],
        last_error=row["last_error"],
    )
