"""The watch service's history in SQLite: filings seen, reports made, e-mails to send.

One file per watched folder (default ``DIR/.kcdiff/kcdiff.db``, WAL mode so ``kcdiff
history`` can read while the service writes). A filing is known by the sha256 of its bytes:
the same content arriving again (a copy, a rename, a touch) is recognised and skipped.

Pairing: filings of one issuer (see ``identity``) and one document group are ordered by
period end, then publication date, then arrival; an unknown period end sorts first. Pairing
uses that order, never arrival order, so a late-arriving older filing is not reported as
the new one.

Each e-mail is an outbox row with one ``deliveries`` row per recipient that got a final
answer (accepted, refused, unknown); a filing that cannot be read is a ``rejected`` row,
recorded once with its error. A damaged database is refused with how to recover
(``StoreError``), never silently written around.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path

from ..errors import StoreError
from .files import write_atomic
from .identity import FilingIdentity, fold_name
from .pairing import new_issuer_key
from .pairing import order_key as _order  # one ordering rule for watch and batch
from .records import (
    SCHEMA,
    Delivery,
    OutboxMessage,
    PlannedMessage,
    PlannedReport,
    Rejected,
    StoredReport,
    message_of,
    report_of,
)

__all__ = [
    "Store",
    "StoredReport",
    "OutboxMessage",
    "PlannedReport",
    "PlannedMessage",
    "default_db_path",
    "write_atomic",
    "STATE_DIR",
    "StoreError",
    "Delivery",
    "Rejected",
]

STATE_DIR = ".kcdiff"

_RESET = (
    "move it aside and run again: filings are read again from the folder, and e-mails "
    "already delivered are not sent again (the delivery ledger beside it remembers them)"
)



def default_db_path(folder: str | Path) -> Path:
    return Path(folder) / STATE_DIR / "kcdiff.db"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")




_SET_ON_STORE = {"id", "issuer_key", "first_seen"}


# --- the store -----------------------------------------------------------------------


class Store:
    """History of one watched folder. One connection per Store; use one Store per thread."""

    def __init__(self, path: str | Path, *, check: bool = False) -> None:
        """Open (or make) the history at ``path``; ``check``: verify every page first
        (the service does, once at start), raising ``StoreError`` if it is damaged."""
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            if check:
                self._check()
            self._db.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise StoreError(str(self.path), f"the history database is damaged ({exc}); "
                             f"{_RESET}") from exc

    def _check(self) -> None:
        problems = [row[0] for row in self._db.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise sqlite3.DatabaseError(problems[0])

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # filings

    def filing_by_sha(self, sha256: str) -> FilingIdentity | None:
        row = self._db.execute("SELECT * FROM filings WHERE sha256 = ?", (sha256,)).fetchone()
        return _filing(row) if row else None

    def filing(self, filing_id: int) -> FilingIdentity:
        row = self._db.execute("SELECT * FROM filings WHERE id = ?", (filing_id,)).fetchone()
        return _filing(row)

    def resolve_issuer(self, record: FilingIdentity) -> str:
        """The issuer key ``record`` belongs to (see the module docstring)."""
        folded = fold_name(record.issuer)
        found = (
            self._key_where("stock_code", record.stock_code)
            or self._key_by_name(folded)
            or self._key_where("name_prefix", record.name_prefix)
        )
        return found or new_issuer_key(record)

    def _key_where(self, column: str, value: str) -> str:
        if not value:
            return ""
        row = self._db.execute(
            f"SELECT issuer_key FROM filings WHERE {column} = ? ORDER BY id LIMIT 1", (value,)
        ).fetchone()
        return row["issuer_key"] if row else ""

    def _key_by_name(self, folded: str) -> str:
        if not folded:
            return ""
        rows = self._db.execute(
            "SELECT issuer, issuer_key FROM filings WHERE issuer != '' ORDER BY id"
        )
        return next((row["issuer_key"] for row in rows if fold_name(row["issuer"]) == folded), "")

    def issuer_filings(self, issuer_key: str, doc_group: str | None = None) -> list[FilingIdentity]:
        """The issuer's filings in period order (oldest first)."""
        query = "SELECT * FROM filings WHERE issuer_key = ?"
        params: list[str] = [issuer_key]
        if doc_group is not None:
            query += " AND doc_group = ?"
            params.append(doc_group)
        rows = self._db.execute(query + " ORDER BY period_end, published, id", params)
        return [_filing(row) for row in rows]

    def neighbours(
        self, issuer_key: str, record: FilingIdentity
    ) -> tuple[FilingIdentity | None, FilingIdentity | None]:
        """The latest stored filing before ``record`` and the earliest after it, of the same
        issuer and document group, in period order (``record`` not yet stored: it counts
        as arriving last)."""
        siblings = self.issuer_filings(issuer_key, record.doc_group)
        key = _order(record, 1 << 62)
        earlier = [f for f in siblings if _order(f, f.id) < key]
        later = [f for f in siblings if _order(f, f.id) > key]
        return (earlier[-1] if earlier else None, later[0] if later else None)

    def has_report_as_new(self, filing_id: int) -> bool:
        row = self._db.execute(
            "SELECT 1 FROM reports WHERE new_filing = ? LIMIT 1", (filing_id,)
        ).fetchone()
        return row is not None

    def issuers(self) -> list[str]:
        rows = self._db.execute("SELECT DISTINCT issuer_key FROM filings ORDER BY issuer_key")
        return [row["issuer_key"] for row in rows]

    def record(
        self, record: FilingIdentity, issuer_key: str, reports: list[PlannedReport] = ()
    ) -> FilingIdentity:
        """Store a filing with the reports it triggered and their e-mails, all or nothing:
        a crash leaves either everything (to send) or nothing (to redo on restart)."""
        with self._transaction() as db:
            columns = [f.name for f in fields(FilingIdentity) if f.name not in _SET_ON_STORE]
            cursor = db.execute(
                f"INSERT INTO filings ({', '.join(columns)}, issuer_key, first_seen) "
                f"VALUES ({', '.join('?' * (len(columns) + 2))})",
                [*(getattr(record, name) for name in columns), issuer_key, _now()],
            )
            filing_id = cursor.lastrowid
            for report in reports:
                self._insert_report(db, report, filing_id)
        return self.filing(filing_id)

    def _insert_report(self, db: sqlite3.Connection, report: PlannedReport, filing_id: int) -> None:
        cursor = db.execute(
            "INSERT INTO reports (old_filing, new_filing, path, summary, created) "
            "VALUES (?, ?, ?, ?, ?)",
            (report.old or filing_id, report.new or filing_id, report.path,
             json.dumps(report.summary), _now()),
        )
        message = report.message
        if message is not None:
            db.execute(
                "INSERT INTO outbox (report_id, message_id, subject, recipients, message, "
                "created) VALUES (?, ?, ?, ?, ?, ?)",
                (cursor.lastrowid, message.message_id, message.subject,
                 json.dumps(list(message.recipients)), message.message, _now()),
            )

    # reports

    def reports_of(self, issuer_key: str) -> list[StoredReport]:
        rows = self._db.execute(
            "SELECT reports.*, COALESCE(outbox.status, '') AS email FROM reports "
            "JOIN filings ON filings.id = reports.new_filing "
            "LEFT JOIN outbox ON outbox.report_id = reports.id "
            "WHERE filings.issuer_key = ? ORDER BY reports.id",
            (issuer_key,),
        )
        return [report_of(row) for row in rows]

    def find_issuer(self, text: str) -> str:
        """The issuer key a person means by ``text``: the key itself, a stock code, the
        issuer's name or part of it (any case), or the file-name prefix; "" if none."""
        wanted = text.strip()
        if wanted in self.issuers():
            return wanted
        folded = fold_name(wanted)
        for filing in self._db.execute("SELECT * FROM filings ORDER BY id"):
            if wanted in (filing["stock_code"], filing["name_prefix"]) or (
                folded and folded in fold_name(filing["issuer"])
            ):
                return filing["issuer_key"]
        return ""

    # outbox

    def queued(self, due_before: float | None = None) -> list[OutboxMessage]:
        """Messages not yet accepted by a server, oldest first; only those due by
        ``due_before`` when given."""
        query = "SELECT * FROM outbox WHERE status = 'queued'"
        params: tuple[float, ...] = ()
        if due_before is not None:
            query += " AND next_attempt <= ?"
            params = (due_before,)
        return [message_of(row) for row in self._db.execute(query + " ORDER BY id", params)]

    def next_due(self) -> float | None:
        row = self._db.execute(
            "SELECT MIN(next_attempt) AS due FROM outbox WHERE status = 'queued'"
        ).fetchone()
        return row["due"]

    def mark_sent(self, message_id: int) -> None:
        self._set_status(message_id, "sent", "", 0.0)

    def mark_failed(self, message_id: int, error: str, retry_at: float) -> None:
        """A try that got no final answer: queued again for ``retry_at``."""
        self._set_status(message_id, "queued", error, retry_at)

    def record_attempt(self, message_id: int, outcomes: list[Delivery], status: str,
                       error: str = "", retry_at: float = 0.0) -> None:
        """The final answers of one try, and the message's status after it, together."""
        with self._transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO deliveries (outbox_id, recipient, status, detail, at) "
                "VALUES (?, ?, ?, ?, ?)",
                [(message_id, d.recipient, d.status, d.detail, d.at) for d in outcomes],
            )
            self._update_status(db, message_id, status, error, retry_at)

    def _set_status(self, message_id: int, status: str, error: str, retry_at: float) -> None:
        with self._transaction() as db:
            self._update_status(db, message_id, status, error, retry_at)

    @staticmethod
    def _update_status(db: sqlite3.Connection, message_id: int, status: str, error: str,
                       retry_at: float) -> None:
        db.execute(
            "UPDATE outbox SET status = ?, attempts = attempts + 1, last_error = ?, "
            "next_attempt = ?, sent = CASE WHEN ? = 'sent' THEN ? ELSE sent END WHERE id = ?",
            (status, error, retry_at, status, _now(), message_id),
        )

    def deliveries(self, message_id: int) -> list[Delivery]:
        rows = self._db.execute(
            "SELECT * FROM deliveries WHERE outbox_id = ? ORDER BY rowid", (message_id,))
        return [Delivery(row["recipient"], row["status"], row["detail"], row["at"])
                for row in rows]

    def deliveries_of_report(self, report_id: int) -> list[Delivery]:
        row = self._db.execute("SELECT id FROM outbox WHERE report_id = ?", (report_id,)
                               ).fetchone()
        return self.deliveries(row["id"]) if row else []

    def reopen_unreached(self, recipients: tuple[str, ...]) -> int:
        """Queue again every failed e-mail that reached nobody, if ``recipients`` (the
        settings now) include someone not yet tried: a fixed ``--mail-to`` helps. An e-mail
        some recipient accepted is never re-opened, so a new colleague is not sent the
        whole history."""
        reopened = 0
        rows = self._db.execute(
            "SELECT id FROM outbox WHERE status = 'failed' AND id NOT IN "
            "(SELECT outbox_id FROM deliveries WHERE status IN ('accepted', 'unknown'))"
        ).fetchall()
        for row in rows:
            tried = {d.recipient for d in self.deliveries(row["id"])}
            if set(recipients) - tried:
                self._set_status(row["id"], "queued", "", 0.0)
                reopened += 1
        return reopened

    def outbox(self) -> list[OutboxMessage]:
        return [message_of(row) for row in self._db.execute("SELECT * FROM outbox ORDER BY id")]

    def outbox_counts(self) -> dict[str, int]:
        rows = self._db.execute("SELECT status, COUNT(*) AS n FROM outbox GROUP BY status")
        return {row["status"]: row["n"] for row in rows}

    # filings that are not filings

    def reject(self, key: str, path: str, error: str) -> None:
        with self._transaction() as db:
            db.execute("INSERT OR IGNORE INTO rejected (key, path, error, first_seen) "
                       "VALUES (?, ?, ?, ?)", (key, path, error, _now()))

    def is_rejected(self, key: str) -> bool:
        return self._db.execute("SELECT 1 FROM rejected WHERE key = ?", (key,)
                                ).fetchone() is not None

    def rejected(self) -> list[Rejected]:
        rows = self._db.execute("SELECT * FROM rejected ORDER BY first_seen, rowid")
        return [Rejected(row["key"], row["path"], row["error"], row["first_seen"])
                for row in rows]


def _filing(row: sqlite3.Row) -> FilingIdentity:
    names = {f.name for f in fields(FilingIdentity)}
    return FilingIdentity(**{key: row[key] for key in row.keys() if key in names})
