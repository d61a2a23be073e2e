"""E-mail building and delivery, against a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import email
import email.policy
import logging
import shutil
import ssl
import subprocess

import pytest
from conftest import SmtpServer, free_port

from kcdiff.errors import ConfigError
from kcdiff.model import FilingSummary, Report, Summary
from kcdiff.service.config import load_config, mail_settings, merge
from kcdiff.service.mail import (
    PASSWORD_VARIABLE,
    USER_VARIABLE,
    DeliveryFailed,
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
        with pytest.raises(DeliveryFailed) as refused:
            send_smtp(b"Subject: hi\r\n\r\nbody\r\n", settings.recipients, settings)
        assert "login refused" in str(refused.value)
        assert "wrong-pw" not in str(refused.value)
        assert "pw" not in caplog.text
    finally:
        server.stop()


def test_a_server_that_is_down_is_a_delivery_failure():
    settings = MailSettings(host="127.0.0.1", port=free_port(), recipients=("c@example.com",),
                            timeout=2)
    with pytest.raises(DeliveryFailed, match=r"SMTP server 127\.0\.0\.1:\d+"):
        send_smtp(b"Subject: hi\r\n\r\nbody\r\n", settings.recipients, settings)


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
