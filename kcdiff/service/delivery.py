"""Sending what the outbox holds: each e-mail once per recipient, whatever fails.

- Each recipient's final answer (accepted, refused, unknown) is written first to the
  *delivery ledger* (``DIR/.kcdiff/delivered.jsonl``, appended and flushed to disk), then
  to the database. A recipient the ledger already names is never sent to again, so a
  lost or damaged database does not re-send every report.
- ``refused`` (a 5xx) is final: the e-mail is marked failed, shown by ``history``.
- ``unknown`` (no answer after the whole message went out: the server may have stored it)
  is final too: not re-sent blindly, shown by ``history`` as "outcome unknown".
- ``retry`` (no connection, a 4xx) waits with exponential backoff, for those recipients
  only; recipients are the ones configured *now*, so fixing ``--mail-to`` helps.

The one window left: the process dies after the server accepted a message and before the
ledger line is written. The restart sends it again, with the same ``Message-ID``.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email import message_from_bytes
from email.policy import SMTP
from pathlib import Path

from .files import safe_text
from .mail import DeliveryFailed, MailSettings, Outcome, deliver
from .store import Delivery, OutboxMessage, Store

__all__ = ["Ledger", "Courier", "SendResult"]

log = logging.getLogger("kcdiff.service.watch")


class Ledger:
    """Final answers per (Message-ID, recipient), kept outside the database."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._known: dict[tuple[str, str], Delivery] = {}
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            lines = []
        for line in lines:
            try:
                entry = json.loads(line)
                key = (entry["message_id"], entry["recipient"])
                self._known[key] = Delivery(entry["recipient"], entry["status"],
                                            entry.get("detail", ""), entry.get("at", ""))
            except (ValueError, KeyError, TypeError):
                continue  # a line cut short by a crash: that answer is simply not known

    def get(self, message_id: str, recipient: str) -> Delivery | None:
        return self._known.get((message_id, recipient))

    def add(self, message_id: str, deliveries: list[Delivery]) -> None:
        if not deliveries:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lines = "".join(
            json.dumps({"message_id": message_id, "recipient": d.recipient,
                        "status": d.status, "detail": d.detail, "at": d.at}) + "\n"
            for d in deliveries
        )
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(lines)
            handle.flush()
            os.fsync(handle.fileno())
        for delivery in deliveries:
            self._known[(message_id, delivery.recipient)] = delivery


@dataclass
class SendResult:
    sent: int = 0  # e-mails every recipient accepted
    failed: int = 0  # refused by the server (for at least one recipient)
    unknown: int = 0  # outcome unknown for at least one recipient


@dataclass(frozen=True)
class Courier:
    """Sends due outbox messages through ``mail``; one per thread (its own ``Store``)."""

    mail: MailSettings
    state: Path
    ledger: Ledger
    retry_base: float = 2.0
    retry_max: float = 600.0

    def backoff(self, failures: int) -> float:
        return min(self.retry_max, self.retry_base * 2 ** max(failures - 1, 0))

    def deliver_due(self, store: Store, now: float, result: SendResult) -> None:
        for message in store.queued(due_before=now):
            self.deliver_one(store, message, result)

    def deliver_one(self, store: Store, message: OutboxMessage, result: SendResult) -> None:
        recipients = self.mail.recipients or (() if not self.mail.embedded else ("outbox",))
        answered = {d.recipient: d for d in store.deliveries(message.id)}
        known = self._from_ledger(message, recipients, answered)
        answered.update({d.recipient: d for d in known})
        pending = [r for r in recipients if r not in answered]
        final: list[Delivery] = []

        def write_ledger(outcomes: tuple[Outcome, ...]) -> None:
            final.extend(_delivery(o) for o in outcomes if o.final)
            self.ledger.add(message.message_id, final)

        outcomes = self._send(message, pending, write_ledger) if pending else ()
        answered.update({d.recipient: d for d in final})
        retry = [o for o in outcomes if not o.final]
        status = _status(recipients, answered, bool(retry))
        error = "; ".join(f"{o.recipient}: {o.detail}" for o in retry)
        delay = self.backoff(message.attempts + 1)
        store.record_attempt(message.id, [*known, *final], status, error,
                             time.time() + delay if retry else 0.0)
        self._log(message, status, answered, error, delay, sent=bool(outcomes))
        if status == "sent" and outcomes:  # not when the ledger alone knew it went
            result.sent += 1
        elif status in ("failed", "unknown"):
            setattr(result, status, getattr(result, status) + 1)

    def _from_ledger(self, message: OutboxMessage, recipients: tuple[str, ...],
                     answered: dict[str, Delivery]) -> list[Delivery]:
        found = [self.ledger.get(message.message_id, r) for r in recipients if r not in answered]
        return [delivery for delivery in found if delivery is not None]

    def _send(self, message: OutboxMessage, recipients: list[str],
              on_answer: Callable[[tuple[Outcome, ...]], None]) -> tuple[Outcome, ...]:
        name = f"{message.id:06d}-{message.message_id.strip('<>').split('@')[0]}"
        raw = message.message  # its To: names the recipients it was queued for
        if not self.mail.embedded and tuple(recipients) != message.recipients:
            raw = _addressed(raw, recipients)
        try:
            return deliver(raw, recipients, self.mail, self.state / "outbox", name, on_answer)
        except (DeliveryFailed, ValueError) as exc:
            # ValueError: an address smtplib cannot encode; it waits like any other failure.
            return tuple(Outcome(r, "retry", str(exc)) for r in recipients)

    def _log(self, message: OutboxMessage, status: str, answered: dict[str, Delivery],
             error: str, delay: float, sent: bool) -> None:
        subject = safe_text(message.subject)
        if not sent and status == "sent":
            log.info("e-mail %d already delivered (delivery ledger), not sent again: %s",
                     message.id, subject)
            return
        if status == "queued":
            log.warning("e-mail %d not sent (%s); retry in %.1f s", message.id,
                        safe_text(error), delay)
        elif status == "sent" and self.mail.embedded:
            log.info("e-mail %d written to the outbox (no SMTP host): %s", message.id, subject)
        elif status == "sent":
            log.info("e-mail %d sent to %s: %s", message.id,
                     ", ".join(safe_text(r) for r in answered), subject)
        else:
            details = "; ".join(f"{safe_text(d.recipient)} {d.status} ({safe_text(d.detail)})"
                                for d in answered.values() if d.status != "accepted")
            log.error("e-mail %d %s: %s: %s", message.id,
                      "outcome unknown" if status == "unknown" else "failed", details, subject)


def _status(recipients: tuple[str, ...], answered: dict[str, Delivery], retry: bool) -> str:
    if retry or not recipients:
        return "queued"
    statuses = {answered[r].status for r in recipients}
    if statuses == {"accepted"}:
        return "sent"
    return "failed" if "refused" in statuses else "unknown"


def _delivery(outcome: Outcome) -> Delivery:
    return Delivery(outcome.recipient, outcome.status, outcome.detail,
                    datetime.now(UTC).isoformat(timespec="seconds"))


def _addressed(raw: bytes, recipients: list[str]) -> bytes:
    """The message with ``To`` naming the recipients it goes to now (the settings may have
    changed since it was queued)."""
    message = message_from_bytes(raw, policy=SMTP)
    del message["To"]
    message["To"] = ", ".join(recipients)
    return message.as_bytes()
