"""E-mail building and delivery, against a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import email
import email.policy
import logging
import re
import shutil
import ssl
import subprocess
import time

import pytest
from conftest import SmtpServer, free_port

from kcdiff.errors import ConfigError
from kcdiff.model import FilingSummary, Report, Summary
from kcdiff.service.config import load_config, mail_settings, merge
from kcdiff.service.mail import (
    PASSWORD_VARIABLE,
    USER_VARIABLE,
    MailSettings,
    build_message,
    headline,
    send_smtp,
    write_eml,
)

REPORT_HTML = """<!doctype html><html><head><meta charset="utf-8"><style>
:root { --added: #1a7f37; }
h1 { font-size: 20px; }
ins.added { color: var(--added); text-decoration: none; }
</style></head><body><h1>Kingsoft Cloud: what changed</h1>
<p>Revenue <ins class="added">rose</ins>.</p></body></html>"""


def sample_report(**summary) -> Report:
    counts = dict(sections_added=3, sections_removed=1, sections_changed=12,
                  figures_changed=40, board_changes=1, checks=0)
    counts.update(summary)
    old = FilingSummary("/w/.kcdiff/filings/a/kingsoft-cloud-2023-interim.txt",
                        "Kingsoft Cloud Holdings Limited", "3896", "Interim results",
                        "six months ended June 30, 2023")
    new = FilingSummary("/w/.kcdiff/filings/b/kingsoft-cloud-2024-annual.txt",
                        "Kingsoft Cloud Holdings Limited", "", "Annual results",
                        "year ended December 31, 2024")
    return Report(old, new, Summary(**counts), ())


def built_raw(report: Report | None = None, **options) -> bytes:
    """The message as it goes on the wire."""
    return build_message(
        report or sample_report(),
        report_html=REPORT_HTML,
        text_summary="12 sections changed\n",
        sender="kcdiff@example.com",
        recipients=["compliance@example.com", "legal@example.com"],
        message_id="<abc.def@kcdiff>",
        attachment_name="kcdiff-interim--annual.html",
        **options,
    ).as_bytes()


def built(report: Report | None = None, **options) -> email.message.EmailMessage:
    """The message as a mail client reads it."""
    return email.message_from_bytes(built_raw(report, **options), policy=email.policy.default)


def test_subject_names_issuer_code_documents_and_counts():
    subject = built()["Subject"]
    # 162 characters in full; the new file's name drops the words it shares with the old.
    assert subject == (
        "kcdiff: Kingsoft Cloud Holdings Limited (3896): kingsoft-cloud-2023-interim.txt → "
        "…2024-annual.txt: 16 sections differ; 40 figures; 1 board change"
    )


def test_subject_falls_back_to_the_issuer_key_without_metadata():
    report = sample_report()
    bare = Report(FilingSummary(report.old.path, "", "", "", ""),
                  FilingSummary(report.new.path, "", "", "", ""), report.summary, ())
    assert built(bare, issuer="kingsoft-cloud")["Subject"].startswith("kcdiff: kingsoft-cloud: ")


def test_headline_counts_restatements_and_singulars():
    summary = Summary(1, 0, 1, 1, 0, 0, figures_restated=1)
    assert headline(summary) == (
        "1 section changed, 1 added, 0 removed; 1 figure changed (1 restated); 0 board changes"
    )


def test_message_is_text_and_inlined_html_alternatives_with_the_report_attached():
    message = built()
    assert message.get_content_type() == "multipart/mixed"
    alternative, attachment = message.iter_parts()
    assert alternative.get_content_type() == "multipart/alternative"
    text, html = alternative.iter_parts()
    assert text.get_content_type() == "text/plain"
    assert text.get_content().splitlines() == ["12 sections changed"]
    assert html.get_content_type() == "text/html"
    body = html.get_content()
    # Mail clients strip <style>: the rules must be on the elements themselves, with the
    # CSS variable resolved.
    assert "<style" not in body
    assert 'style="font-size: 20px;"' in body
    assert "color: #1a7f37" in body and "var(--added)" not in body
    assert attachment.get_filename() == "kcdiff-interim--annual.html"
    assert attachment.get_content_type() == "text/html"
    assert attachment.get_content() == REPORT_HTML  # the full report, <style> and all
    assert message["Message-ID"] == "<abc.def@kcdiff>"
    assert message["To"] == "compliance@example.com, legal@example.com"


def test_smtp_server_accepts_the_message(smtp_server):
    settings = MailSettings(host="127.0.0.1", port=smtp_server.port,
                            sender="kcdiff@example.com", recipients=("compliance@example.com",))
    raw = built_raw()
    assert max(len(line) for line in raw.split(b"\r\n")) <= 998  # RFC 5321 line limit
    send_smtp(raw, settings.recipients, settings)
    (envelope,) = smtp_server.inbox.envelopes
    assert envelope.mail_from == "kcdiff@example.com"
    assert envelope.rcpt_tos == ["compliance@example.com"]
    received = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert received["Message-ID"] == "<abc.def@kcdiff>"


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_login_comes_from_the_environment_and_is_never_logged(monkeypatch, caplog):
    from aiosmtpd.smtp import AuthResult

    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == b"s3cret-pw", handled=False)

    server = SmtpServer(authenticator=authenticator, auth_require_tls=False,
                        auth_required=True).start()
    try:
        settings = MailSettings(host="127.0.0.1", port=server.port, recipients=("c@example.com",),
                                timeout=5)
        monkeypatch.setenv(USER_VARIABLE, "kcdiff-bot")
        monkeypatch.setenv(PASSWORD_VARIABLE, "s3cret-pw")
        caplog.set_level(logging.DEBUG)
        send_smtp(b"Subject: hi\r\n\r\nbody\r\n", settings.recipients, settings)
        assert logins == [(b"kcdiff-bot", b"s3cret-pw")]
        assert len(server.inbox.envelopes) == 1
        monkeypatch.setenv(PASSWORD_VARIABLE, "wrong-pw")
        (refused,) = send_smtp(b"Subject: hi\r\n\r\nbody\r\n", settings.recipients, settings)
        assert refused.status == "retry"  # fix the password and it goes
        assert "login refused" in refused.detail
        assert "wrong-pw" not in refused.detail
        assert "pw" not in caplog.text
    finally:
        server.stop()


def test_a_server_that_is_down_is_a_delivery_failure():
    settings = MailSettings(host="127.0.0.1", port=free_port(), recipients=("c@example.com",),
                            timeout=2)
    (outcome,) = send_smtp(b"Subject: hi\r\n\r\nbody\r\n", settings.recipients, settings)
    assert outcome.status == "retry"
    assert re.match(r"SMTP server 127\.0\.0\.1:\d+: ", outcome.detail)


@pytest.fixture
def certificate(tmp_path, monkeypatch):
    """A self-signed certificate for 127.0.0.1, trusted through SSL_CERT_FILE."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_tls_delivery(certificate, security):
    options = (
        {"tls_context": certificate, "require_starttls": True}
        if security == "starttls"
        else {"ssl_context": certificate}
    )
    server = SmtpServer(**options).start()
    try:
        settings = MailSettings(host="127.0.0.1", port=server.port, security=security,
                                recipients=("c@example.com",), timeout=5)
        send_smtp(b"Subject: hi\r\n\r\nbody\r\n", settings.recipients, settings)
        assert len(server.inbox.envelopes) == 1
    finally:
        server.stop()


def test_eml_is_written_whole_to_the_outbox(tmp_path):
    raw = built_raw()
    written = write_eml(raw, tmp_path / "outbox", "000001-abc.def")
    assert written == tmp_path / "outbox" / "000001-abc.def.eml"
    assert written.read_bytes() == raw
    assert [p.name for p in written.parent.iterdir()] == [written.name]


# --- settings ---------------------------------------------------------------------------


def test_config_file_and_flags(tmp_path):
    config = tmp_path / "kcdiff.toml"
    config.write_text(
        'smtp-host = "mail.example.com"\nsmtp_port = 2525\nsmtp-starttls = true\n'
        'mail-to = ["a@example.com"]\nmail-from = "kcdiff@example.com"\n',
        encoding="utf-8",
    )
    options = merge(load_config(config), {"smtp-port": 587, "smtp-ssl": None, "mail-to": []})
    settings = mail_settings(options)
    assert settings == MailSettings("mail.example.com", 587, "starttls", "kcdiff@example.com",
                                    ("a@example.com",))
    switched = mail_settings(merge(load_config(config), {"smtp-ssl": True}))
    assert switched.security == "ssl"


def test_bad_settings_name_the_file_and_the_problem(tmp_path):
    config = tmp_path / "kcdiff.toml"
    config.write_text('smtp-hots = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"kcdiff\.toml: unknown setting 'smtp-hots'"):
        load_config(config)
    config.write_text("smtp-host = \n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(config)
    with pytest.raises(ConfigError, match="no --mail-to"):
        mail_settings({"smtp-host": "mail.example.com"})
    with pytest.raises(ConfigError, match="choose one"):
        mail_settings({"smtp-starttls": True, "smtp-ssl": True})
    assert mail_settings({}).embedded


# --- hostile names and misbehaving servers ---------------------------------------------


def test_control_and_bidi_characters_never_reach_the_headers():
    report = sample_report()
    evil = "/w/in/acme\u202egpj.exe\r\nBcc: victim@example.com\x07.txt"
    hostile = Report(FilingSummary(evil, "", "", "", ""),
                     FilingSummary(report.new.path, "Acme\u2066 Ltd\n", "", "", ""),
                     report.summary, ())
    raw = built_raw(hostile)
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    message = email.message_from_bytes(raw, policy=email.policy.default)
    subject = message["Subject"]
    assert not re.search(r"[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]", subject)
    # (the stdlib's folding around the encoded "→" may leave two spaces: not ours)
    assert " ".join(subject.split()).startswith(
        "kcdiff: Acme Ltd: acme gpj.exe Bcc: victim@example.com .txt → ")
    assert message["Bcc"] is None and "Bcc:" not in head.split("Subject:")[0]


def test_attachment_name_has_no_control_or_bidi_characters():
    raw = build_message(
        sample_report(), report_html=REPORT_HTML, text_summary="x", sender="a@example.com",
        recipients=["b@example.com"], message_id="<m@kcdiff>",
        attachment_name="kcdiff-report\u202elmth.exe\n.html",
    ).as_bytes()
    (attachment,) = email.message_from_bytes(raw, policy=email.policy.default
                                             ).iter_attachments()
    assert attachment.get_filename() == "kcdiff-report lmth.exe .html"


def smtp_settings(server: SmtpServer, *recipients: str, timeout: float = 5) -> MailSettings:
    return MailSettings(host="127.0.0.1", port=server.port, sender="kcdiff@example.com",
                        recipients=recipients or ("c@example.com",), timeout=timeout)


RAW = b"Subject: hi\r\nMessage-ID: <m@kcdiff>\r\n\r\n.leading dot\r\nbody\r\n"


def test_a_permanent_refusal_of_the_message_is_refused_not_retry(smtp_server):
    smtp_server.inbox.data_reply = "554 5.6.0 message content rejected"
    (outcome,) = send_smtp(RAW, ("c@example.com",), smtp_settings(smtp_server))
    assert (outcome.status, outcome.detail) == ("refused", "554 5.6.0 message content rejected")
    assert smtp_server.inbox.envelopes == []


def test_a_temporary_refusal_is_retry(smtp_server):
    smtp_server.inbox.data_reply = "451 4.3.0 try again later"
    (outcome,) = send_smtp(RAW, ("c@example.com",), smtp_settings(smtp_server))
    assert outcome.status == "retry"


def test_one_recipient_refused_the_other_accepted(smtp_server):
    smtp_server.inbox.refuse_rcpt = {"gone@example.com"}
    outcomes = send_smtp(RAW, ("gone@example.com", "c@example.com"),
                         smtp_settings(smtp_server))
    assert [(o.recipient, o.status) for o in outcomes] == [
        ("gone@example.com", "refused"), ("c@example.com", "accepted")]
    (envelope,) = smtp_server.inbox.envelopes
    assert envelope.rcpt_tos == ["c@example.com"]
    assert b"\r\n.leading dot" in envelope.original_content  # dot-stuffing undone


def test_a_recipient_refused_for_now_is_retry(smtp_server):
    smtp_server.inbox.refuse_rcpt = {"full@example.com"}
    smtp_server.inbox.rcpt_reply = "452 4.2.2 mailbox full"
    (outcome,) = send_smtp(RAW, ("full@example.com",), smtp_settings(smtp_server))
    assert outcome.status == "retry" and smtp_server.inbox.data_count == 0


def test_a_server_answering_after_the_timeout_is_unknown_not_retry(smtp_server):
    smtp_server.inbox.late = 1.5
    (outcome,) = send_smtp(RAW, ("c@example.com",), smtp_settings(smtp_server, timeout=0.5))
    assert outcome.status == "unknown"
    assert len(smtp_server.inbox.envelopes) == 1  # it had the message all along


def test_a_server_hanging_in_data_is_unknown_after_the_timeout(smtp_server):
    smtp_server.inbox.hang = True
    started = time.monotonic()
    (outcome,) = send_smtp(RAW, ("c@example.com",), smtp_settings(smtp_server, timeout=0.5))
    assert outcome.status == "unknown"
    assert time.monotonic() - started < 5


def test_the_attached_report_keeps_non_ascii_text():
    html = REPORT_HTML.replace("what changed", "a.txt → b.txt, 金山云控股有限公司")
    raw = build_message(
        sample_report(), report_html=html, text_summary="x", sender="a@example.com",
        recipients=["b@example.com"], message_id="<m@kcdiff>", attachment_name="r.html",
    ).as_bytes()
    (attachment,) = email.message_from_bytes(raw, policy=email.policy.default
                                             ).iter_attachments()
    assert attachment.get_content() == html
