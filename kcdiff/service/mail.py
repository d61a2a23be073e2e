"""E-mail for the watch service: building the message for a report, and delivering it.

The message is ``multipart/mixed``: a ``multipart/alternative`` part (a plain-text summary,
and the HTML report with its CSS inlined, because mail clients strip ``<style>``), then the
full HTML report as an attachment. The subject names the issuer, its stock code, the two
documents and the headline counts.

Delivery is SMTP (plain, STARTTLS or SSL; login from ``KCDIFF_SMTP_USER`` and
``KCDIFF_SMTP_PASSWORD`` when set, never logged) or, with no SMTP host configured, an
``.eml`` file in the outbox folder, so the service works out of the box.

``send_smtp`` returns one ``Outcome`` per recipient, read from the server's replies:
``accepted`` (250 after the data), ``refused`` (a 5xx: permanent, never retried), ``retry``
(a 4xx, or no connection: nothing was handed over) and ``unknown`` (the connection broke
or timed out after the whole message was sent: the server may have it, so it is not
re-sent blindly). Filing text reaches the Subject and the attachment name only through
``safe_text``: no control or bidi characters.
"""

from __future__ import annotations

import logging
import os
import re
import smtplib
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate
from pathlib import Path
from typing import Literal

import css_inline

from ..model import Report, Summary
from .files import safe_file_name, safe_text, write_atomic

__all__ = [
    "MailSettings",
    "DeliveryFailed",
    "Outcome",
    "subject_for",
    "headline",
    "inline_css",
    "build_message",
    "compose",
    "deliver",
    "send_smtp",
    "write_eml",
    "USER_VARIABLE",
    "PASSWORD_VARIABLE",
]

log = logging.getLogger(__name__)

USER_VARIABLE = "KCDIFF_SMTP_USER"
PASSWORD_VARIABLE = "KCDIFF_SMTP_PASSWORD"
DEFAULT_SENDER = "kcdiff@localhost"
_DEFAULT_PORTS = {"plain": 25, "starttls": 587, "ssl": 465}

Security = Literal["plain", "starttls", "ssl"]


@dataclass(frozen=True)
class MailSettings:
    """Where messages go. No ``host`` means the embedded outbox (``.eml`` files)."""

    host: str = ""
    port: int = 0  # 0: the usual port for ``security`` (25, 587 or 465)
    security: Security = "plain"
    sender: str = DEFAULT_SENDER
    recipients: tuple[str, ...] = ()
    timeout: float = 30.0

    @property
    def embedded(self) -> bool:
        return not self.host

    @property
    def effective_port(self) -> int:
        return self.port or _DEFAULT_PORTS[self.security]

    def describe(self) -> str:
        if self.embedded:
            return "outbox (.eml files)"
        return f"{self.host}:{self.effective_port} ({self.security})"


class DeliveryFailed(Exception):
    """A message was not handed over this time; it stays queued for a retry."""


OutcomeStatus = Literal["accepted", "refused", "retry", "unknown"]


@dataclass(frozen=True)
class Outcome:
    """What became of a message for one recipient (see the module docstring)."""

    recipient: str
    status: OutcomeStatus
    detail: str = ""

    @property
    def final(self) -> bool:
        return self.status != "retry"


# --- building -------------------------------------------------------------------------


def headline(summary: Summary) -> str:
    """The counts a reader decides on: "3 sections changed, 1 added, 0 removed;
    12 figures changed (2 restated); 1 board change"."""
    figures = f"{summary.figures_changed} figure{_s(summary.figures_changed)} changed"
    if summary.figures_restated:
        figures += f" ({summary.figures_restated} restated)"
    return (
        f"{summary.sections_changed} section{_s(summary.sections_changed)} changed, "
        f"{summary.sections_added} added, {summary.sections_removed} removed; {figures}; "
        f"{summary.board_changes} board change{_s(summary.board_changes)}"
    )


def _s(count: int) -> str:
    return "" if count == 1 else "s"


SUBJECT_LIMIT = 150  # characters; longer subjects are cut off in mail clients' lists


def subject_for(report: Report, issuer: str = "") -> str:
    """"kcdiff: Kingsoft Cloud Holdings Limited (3896): kingsoft-cloud-2023-interim.txt →
    …2024-annual.txt: 48 sections differ; 70 figures (1 restated); 3 board changes", at
    most SUBJECT_LIMIT characters: the new file's name drops what it shares with the old
    one, then long names are shortened in the middle. ``issuer`` names the company when
    neither filing's metadata does."""
    # Filing text is data: control and bidi characters never reach a header.
    name = safe_text(report.new.issuer or report.old.issuer or issuer) or "unknown issuer"
    code = safe_text(report.new.stock_code or report.old.stock_code)
    counts = _subject_counts(report.summary)
    old, new = safe_text(_document(report.old.path)), safe_text(_document(report.new.path))
    subject = ""
    for step in range(4):
        shown_new = _without_common_prefix(old, new) if step else new
        width = 24 if step >= 2 else None
        who = _middle(name, 24 if step >= 3 else None)
        who = f"{who} ({code})" if code and code not in name else who
        documents = f"{_middle(old, width)} → {_middle(shown_new, width)}"
        subject = f"kcdiff: {who}: {documents}: {counts}"
        if len(subject) <= SUBJECT_LIMIT:
            return subject
    return _middle(subject, SUBJECT_LIMIT)


def _subject_counts(summary: Summary) -> str:
    sections = summary.sections_changed + summary.sections_added + summary.sections_removed
    figures = f"{summary.figures_changed} figure{_s(summary.figures_changed)}"
    if summary.figures_restated:
        figures += f" ({summary.figures_restated} restated)"
    return (f"{sections} section{_s(sections)} differ{'s' if sections == 1 else ''}; "
            f"{figures}; {summary.board_changes} board change{_s(summary.board_changes)}")


def _without_common_prefix(old: str, new: str) -> str:
    """``new`` without the words it starts with in common with ``old``
    ("kingsoft-cloud-2024-annual.txt" after "kingsoft-cloud-2023-interim.txt" ->
    "…2024-annual.txt"); whole when they share no word."""
    shared = 0
    for index, (a, b) in enumerate(zip(old, new, strict=False)):
        if a != b:
            break
        if not a.isalnum():
            shared = index + 1
    return "…" + new[shared:] if shared else new


def _middle(text: str, width: int | None) -> str:
    """``text`` cut to ``width`` characters in the middle, where a file name or a company
    name is least telling ("kingsoft-clo…-annual.txt")."""
    if width is None or len(text) <= width:
        return text
    head = (width - 1) // 2
    return text[:head] + "…" + text[len(text) - (width - 1 - head):]


def _document(path: str) -> str:
    return safe_text(Path(path).name or path)


def inline_css(html: str) -> str:
    """The HTML with every ``<style>`` rule copied into ``style`` attributes, CSS variables
    resolved, nothing fetched from the network. On a CSS the inliner cannot read, the HTML
    is returned as it was (the attachment still has the full report)."""
    try:
        return css_inline.inline(
            html,
            keep_style_tags=False,
            keep_at_rules=True,
            load_remote_stylesheets=False,
            resolve_css_variables=True,
        )
    except (css_inline.InlineError, ValueError) as exc:
        log.warning("e-mail HTML sent without inlined CSS: %s", exc)
        return html


def build_message(
    report: Report,
    *,
    report_html: str,
    text_summary: str,
    sender: str,
    recipients: Sequence[str],
    message_id: str,
    attachment_name: str,
    issuer: str = "",
    body_html: str | None = None,
) -> EmailMessage:
    """The e-mail for ``report``; ``report_html`` is the full, self-contained HTML report,
    attached; ``body_html`` the HTML body (default: the report with its CSS inlined)."""
    message = EmailMessage(policy=SMTP)
    message["Subject"] = subject_for(report, issuer)
    message["From"] = sender
    if recipients:
        message["To"] = ", ".join(recipients)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = message_id
    message.set_content(text_summary)
    message.add_alternative(inline_css(report_html) if body_html is None else body_html,
                            subtype="html")
    message.add_attachment(
        report_html.encode("utf-8"),
        maintype="text",
        subtype="html",
        filename=safe_file_name(attachment_name, "kcdiff-report.html"),
        params={"charset": "utf-8"},  # else a reader decodes "→" and CJK names as ASCII
    )
    return message


def compose(
    report: Report,
    settings: MailSettings,
    *,
    message_id: str,
    attachment_name: str,
    issuer: str = "",
    report_html: str | None = None,
) -> EmailMessage:
    """Render ``report`` (HTML digest as the body, HTML report attached, text summary) and
    build its message; pass ``report_html`` when the report is already rendered, so it is
    rendered once."""
    from ..render import make_env, render_digest, render_html, render_text

    env = make_env()
    return build_message(
        report,
        # The body is a digest with inline styles, under the ~100 KB at which mail clients
        # clip a message; the full report is the attachment.
        body_html=render_digest(report, env),
        report_html=report_html if report_html is not None else render_html(report, env=env),
        text_summary=render_text(report),
        sender=settings.sender,
        recipients=settings.recipients,
        message_id=message_id,
        attachment_name=attachment_name,
        issuer=issuer,
    )


# --- delivering -----------------------------------------------------------------------


Answered = Callable[[tuple[Outcome, ...]], None]


def deliver(
    raw: bytes, recipients: Sequence[str], settings: MailSettings, outbox: Path, name: str,
    on_answer: Answered | None = None,
) -> tuple[Outcome, ...]:
    """Hand one message over to ``recipients``: one outcome each. ``on_answer`` is called
    with them as soon as they are known (before the SMTP session is closed)."""
    if settings.embedded:
        try:
            where = str(write_eml(raw, outbox, name))
        except DeliveryFailed as exc:
            return tuple(Outcome(r, "retry", str(exc)) for r in recipients or ("outbox",))
        outcomes = tuple(Outcome(r, "accepted", where) for r in recipients or ("outbox",))
        if on_answer is not None:
            on_answer(outcomes)
        return outcomes
    return send_smtp(raw, recipients, settings, on_answer)


def write_eml(raw: bytes, outbox: Path, name: str) -> Path:
    """Write ``raw`` to ``outbox/name.eml`` under a temporary name, then rename, so a reader
    of the outbox never sees half a message."""
    target = outbox / f"{_safe_name(name)}.eml"
    try:
        write_atomic(target, raw)
    except OSError as exc:
        raise DeliveryFailed(f"{target}: cannot be written ({exc.strerror or exc})") from exc
    return target


def _safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.") or "message"


def send_smtp(raw: bytes, recipients: Sequence[str], settings: MailSettings,
              on_answer: Answered | None = None) -> tuple[Outcome, ...]:
    """Send over SMTP, one command at a time, so each recipient's outcome is known;
    ``on_answer`` hears them before QUIT, which keeps the window between the server's
    acceptance and the caller's record of it as short as it can be."""
    if not recipients:
        raise DeliveryFailed("no recipients: give --mail-to (or mail-to in the config file)")
    where = f"SMTP server {settings.host}:{settings.effective_port}"
    try:
        client = _connect(settings)
    except (smtplib.SMTPException, OSError) as exc:
        return _all(recipients, "retry", f"{where}: {_reason(exc)}")
    outcomes: tuple[Outcome, ...] = ()
    try:
        outcomes = _transaction(client, raw, list(recipients), settings.sender, where)
        if on_answer is not None:
            on_answer(outcomes)
    finally:
        _close(client, polite=bool(outcomes) and all(o.status != "unknown" for o in outcomes))
    return outcomes


def _close(client: smtplib.SMTP, polite: bool) -> None:
    """QUIT (unless the server stopped answering), then close; the outcomes are known
    already, and a failed QUIT changes none of them."""
    try:
        if polite:
            client.quit()
    except (smtplib.SMTPException, OSError):
        pass
    finally:
        client.close()


def _transaction(client: smtplib.SMTP, raw: bytes, recipients: list[str], sender: str,
                 where: str) -> tuple[Outcome, ...]:
    """MAIL, RCPT per recipient, DATA: before the message is sent a failure means retry;
    after it, a broken connection means the outcome is unknown."""
    decided: dict[str, Outcome] = {}
    try:
        client.ehlo_or_helo_if_needed()
        _login(client)
        code, reply = client.mail(sender)
        if code != 250:
            return _all(recipients, _kind(code), f"{where}: MAIL {code} {_text(reply)}")
        for recipient in recipients:
            code, reply = client.rcpt(recipient)
            if code not in (250, 251):
                decided[recipient] = Outcome(recipient, _kind(code), f"{code} {_text(reply)}")
        taken = [r for r in recipients if r not in decided]
        if not taken:
            return tuple(decided[r] for r in recipients)
        code, reply = client.docmd("DATA")
        if code != 354:
            return _merge(recipients, decided, taken, _kind(code), f"DATA {code} {_text(reply)}")
    except (smtplib.SMTPException, OSError) as exc:
        return _merge(recipients, decided, recipients, "retry", f"{where}: {_reason(exc)}")
    try:
        client.send(_dot_stuffed(raw))
        code, reply = client.getreply()
    except (smtplib.SMTPException, OSError) as exc:
        return _merge(recipients, decided, taken, "unknown",
                      f"{where}: no answer after the message was sent ({_reason(exc)})")
    status = "accepted" if code == 250 else _kind(code)
    return _merge(recipients, decided, taken, status, f"{code} {_text(reply)}")


def _kind(code: int) -> OutcomeStatus:
    """5xx is permanent; 4xx (and anything odd) is worth another try."""
    return "refused" if 500 <= code < 600 else "retry"


def _merge(recipients: Sequence[str], decided: dict[str, Outcome], taken: Sequence[str],
           status: OutcomeStatus, detail: str) -> tuple[Outcome, ...]:
    outcomes = {**{r: Outcome(r, status, detail) for r in taken if r not in decided}, **decided}
    return tuple(outcomes[r] for r in recipients)


def _all(recipients: Sequence[str], status: OutcomeStatus, detail: str) -> tuple[Outcome, ...]:
    return tuple(Outcome(r, status, detail) for r in recipients)


def _dot_stuffed(raw: bytes) -> bytes:
    """The message as sent after DATA (RFC 5321 4.5.2): leading dots doubled, CRLF ends,
    then the terminating dot line."""
    body = re.sub(rb"(?m)^\.", b"..", re.sub(rb"\r?\n", b"\r\n", raw))
    if not body.endswith(b"\r\n"):
        body += b"\r\n"
    return body + b".\r\n"


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


def _connect(settings: MailSettings) -> smtplib.SMTP:
    host, port, timeout = settings.host, settings.effective_port, settings.timeout
    if settings.security == "ssl":
        return smtplib.SMTP_SSL(host, port, timeout=timeout, context=ssl.create_default_context())
    client = smtplib.SMTP(host, port, timeout=timeout)
    if settings.security == "starttls":
        try:
            client.starttls(context=ssl.create_default_context())
        except BaseException:
            client.close()
            raise
    return client


def _login(client: smtplib.SMTP) -> None:
    user = os.environ.get(USER_VARIABLE, "")
    if user:
        client.login(user, os.environ.get(PASSWORD_VARIABLE, ""))


def _reason(exc: BaseException) -> str:
    # An SMTP reply says what the server objected to; credentials never appear in it.
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return f"login refused for {USER_VARIABLE} (code {exc.smtp_code})"
    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error.decode("utf-8", "replace") if isinstance(
            exc.smtp_error, bytes) else str(exc.smtp_error)
        return f"{exc.smtp_code} {text}"
    return str(exc) or type(exc).__name__
