"""The watch service under faults and hostile input (issue 11), against real components:
an aiosmtpd server on 127.0.0.1 that refuses, hangs or answers late; a real folder; real
subprocesses. Each test asserts the exact number of messages delivered and the exit
status. Every wait polls with a deadline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SmtpServer, wait_for
from test_watch import (
    ANNUAL,
    INTERIM,
    assert_is_the_report_email,
    child_env,
    history,
    recorded,
    settings,
    watching,
)

from kcdiff.cli import main
from kcdiff.service.store import Store, default_db_path

# Two short announcements of one issuer (what the service needs of a filing: issuer,
# stock code, period), so each test compares in milliseconds; the full sample pair goes
# through the service in test_watch.py.
SMALL_INTERIM = """Kingsoft Cloud Holdings Limited
(Stock Code: 3896)
INTERIM RESULTS ANNOUNCEMENT FOR THE SIX MONTHS ENDED JUNE 30, 2023

FINANCIAL HIGHLIGHTS

Total revenues were RMB3,360.1 million for the six months ended June 30, 2023.

BUSINESS REVIEW

We continued to focus on our public cloud services.
"""
SMALL_ANNUAL = (SMALL_INTERIM
                .replace("INTERIM RESULTS ANNOUNCEMENT FOR THE SIX MONTHS ENDED JUNE 30, 2023",
                         "ANNUAL RESULTS ANNOUNCEMENT FOR THE YEAR ENDED DECEMBER 31, 2024")
                .replace("RMB3,360.1 million for the six months ended June 30, 2023",
                         "RMB7,785.2 million for the year ended December 31, 2024")
                .replace("public cloud services", "AI customers"))


def filings(folder: Path, interim: str = INTERIM, annual: str | bytes = ANNUAL) -> None:
    """The small pair, under the sample names (or the names given)."""
    write(folder / interim, SMALL_INTERIM)
    write(folder / annual if isinstance(annual, str) else os.fsencode(folder) + b"/" + annual,
          SMALL_ANNUAL)


def write(path: Path | bytes, text: str) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def once(folder: Path, server: SmtpServer, *recipients: str, timeout: float = 5) -> int:
    config = folder.parent / f"{folder.name}-kcdiff.toml"  # outside the watched folder
    config.write_text("settle = 0.05\n", encoding="utf-8")
    argv = ["watch", "--once", str(folder), "--smtp-host", "127.0.0.1", "--config",
            str(config), "--smtp-port", str(server.port), "--smtp-timeout", str(timeout)]
    for recipient in recipients or ("c@example.com",):
        argv += ["--mail-to", recipient]
    return main(argv)


def outbox_status(folder: Path) -> list[str]:
    return [message.status for message in history(folder)["outbox"]]


# --- 1. links out of the folder ---------------------------------------------------------


def test_a_symlink_named_like_the_next_filing_is_skipped_not_read_or_mailed(
        tmp_path, smtp_server, caplog):
    folder, outside = tmp_path / "filings", tmp_path / "outside"
    folder.mkdir(), outside.mkdir()
    write(folder / INTERIM, SMALL_INTERIM)
    secret = outside / "secret.txt"
    write(secret, SMALL_ANNUAL)  # a readable filing: only the link stops it
    (folder / ANNUAL).symlink_to(secret)
    assert once(folder, smtp_server) == 0
    assert smtp_server.inbox.envelopes == []
    assert history(folder)["filings"] == [INTERIM]
    archived = [p.name for p in (folder / ".kcdiff" / "filings").rglob("*") if p.is_file()]
    assert archived == [INTERIM]
    assert f"{folder / ANNUAL}: skipped: a symbolic link" in caplog.text


def test_a_symlinked_folder_made_while_watching_is_not_followed(
        tmp_path, smtp_server):
    folder, outside = tmp_path / "filings", tmp_path / "outside"
    folder.mkdir(), outside.mkdir()
    write(outside / ANNUAL, SMALL_ANNUAL)
    with watching(settings(folder, smtp_server)) as service:
        write(folder / INTERIM, SMALL_INTERIM)
        wait_for(recorded(folder, 1))
        (folder / "linked").symlink_to(outside, target_is_directory=True)
        wait_for(lambda: not service.pending)
        # The real subfolder beside it still works: proof the events were handled.
        (folder / "real").mkdir()
        write(folder / "real" / "copy.txt", SMALL_INTERIM)
        wait_for(lambda: service.observed(folder / "real" / "copy.txt"))
    assert smtp_server.inbox.envelopes == []
    assert history(folder)["filings"] == [INTERIM]


# --- 2. size and kind, in the watched folder --------------------------------------------


@pytest.mark.parametrize("over", [True, False])
def test_an_over_limit_filing_is_refused_unread_and_unarchived(
        tmp_path, smtp_server, over):
    filings(tmp_path)
    with open(tmp_path / ANNUAL, "a", encoding="utf-8") as annual:  # the larger of the two
        annual.write("\nOUTLOOK\n\nWe expect revenue to grow next year.\n")
    size = (tmp_path / ANNUAL).stat().st_size
    assert size > (tmp_path / INTERIM).stat().st_size
    limit = size - 1 if over else size  # just either side of the annual's size
    from kcdiff.service.watch import Service

    result = Service(settings(tmp_path, smtp_server, max_bytes=limit)).run_once()
    archived = sorted(p.name for p in (tmp_path / ".kcdiff" / "filings").rglob("*")
                      if p.is_file())
    if over:
        assert (result.filings, result.rejected, result.sent) == (1, 1, 0)
        assert archived == [INTERIM]
        with Store(default_db_path(tmp_path)) as store:
            (rejected,) = store.rejected()
        assert rejected.error.startswith(f"file is {size:,} bytes, over the {limit:,}-byte")
    else:
        assert (result.filings, result.rejected, result.sent) == (2, 0, 1)
        assert archived == [INTERIM, ANNUAL]
    assert len(smtp_server.inbox.envelopes) == (0 if over else 1)


def test_a_fifo_in_the_folder_is_skipped_at_once(tmp_path, smtp_server, caplog):
    os.mkfifo(tmp_path / "filing.txt")  # no writer: reading it would block forever
    assert once(tmp_path, smtp_server) == 0
    assert "filing.txt: skipped: not a regular file" in caplog.text


# --- 4 and 6. names are data ------------------------------------------------------------


def test_hostile_and_undecodable_names_are_recorded_and_mailed_clean(
        tmp_path, smtp_server, capsys):
    filings(tmp_path, annual=b"kingsoft-cloud-2024-\xff" + "annual\u202egpj\n.txt".encode())
    assert once(tmp_path, smtp_server) == 0
    (message,) = smtp_server.inbox.messages
    subject = message["Subject"]
    # The subject shortens the name in the middle (at most 150 characters); the bad byte
    # shows as \xff, the override and the line break as spaces.
    assert "2024-\\xffa" in subject and "ual gpj .txt: " in subject
    assert not any(ch in subject for ch in "\n\r\u202e")
    (attachment,) = message.iter_attachments()
    assert not any(ch in attachment.get_filename() for ch in "\n\r\u202e")
    names = history(tmp_path)["filings"]
    assert names == [INTERIM, "kingsoft-cloud-2024-\\xffannual\u202egpj\n.txt"]
    capsys.readouterr()
    assert once(tmp_path, smtp_server) == 0  # recorded: nothing is retried or re-sent
    assert "0 new filing(s), 0 report(s), 0 e-mail(s) sent, 0 still queued" in (
        capsys.readouterr().err)
    assert len(smtp_server.inbox.envelopes) == 1


# --- 5. nothing twice -------------------------------------------------------------------


def test_a_server_that_answers_after_the_timeout_gets_one_copy(
        tmp_path, smtp_server, capsys):
    filings(tmp_path)
    smtp_server.inbox.late = 1.0  # stores the message, answers after the client gave up
    assert once(tmp_path, smtp_server, timeout=0.5) == 2
    err = capsys.readouterr().err
    assert "0 e-mail(s) refused by the server, 1 with an unknown outcome" in err
    assert once(tmp_path, smtp_server, timeout=0.5) == 0  # a restart does not re-send it
    wait_for(lambda: smtp_server.inbox.data_count >= 1)
    assert smtp_server.inbox.data_count == 1 and len(smtp_server.inbox.envelopes) == 1
    assert outbox_status(tmp_path) == ["unknown"]


def test_a_second_watcher_on_the_folder_is_refused_clearly(tmp_path, smtp_server, capsys):
    watcher = subprocess.Popen(
        [sys.executable, "-m", "kcdiff", "watch", str(tmp_path), "--smtp-host", "127.0.0.1",
         "--smtp-port", str(smtp_server.port), "--mail-to", "c@example.com"],
        env=child_env(), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        lock = tmp_path / ".kcdiff" / "lock"
        wait_for(lambda: lock.exists() and lock.read_text().strip() == str(watcher.pid),
                 timeout=30)
        assert once(tmp_path, smtp_server) == 2
        (line,) = capsys.readouterr().err.splitlines()
        assert line == (f"kcdiff: error: {tmp_path}: already watched by process {watcher.pid} "
                        f"(lock {lock}); stop that watcher first")
    finally:
        watcher.kill()
        watcher.communicate(timeout=10)
    assert once(tmp_path, smtp_server) == 0  # the kernel dropped the lock with the process


def test_deleting_the_database_does_not_resend_what_was_delivered(
        tmp_path, smtp_server, capsys):
    filings(tmp_path)
    assert once(tmp_path, smtp_server) == 0
    default_db_path(tmp_path).unlink()
    assert once(tmp_path, smtp_server) == 0
    assert "2 new filing(s), 1 report(s), 0 e-mail(s) sent" in capsys.readouterr().err
    assert len(smtp_server.inbox.envelopes) == 1
    assert outbox_status(tmp_path) == ["sent"]  # known from the ledger


# --- 7. a history that cannot record ----------------------------------------------------


def test_a_damaged_database_stops_the_start_with_how_to_recover(tmp_path, smtp_server,
                                                                capsys):
    database = default_db_path(tmp_path)
    database.parent.mkdir()
    database.write_bytes(b"SQLite format 3\x00" + b"\x13" * 4000)
    assert once(tmp_path, smtp_server) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"kcdiff: error: {database}: the history database is damaged")
    assert "move it aside and run again" in line


def test_a_filing_the_history_refuses_is_an_error_not_success(tmp_path, smtp_server,
                                                              capsys):
    with Store(default_db_path(tmp_path)) as store:  # a real SQLite failure, for the annual
        store._db.execute("CREATE TRIGGER refuse BEFORE INSERT ON filings WHEN NEW.path "
                          "LIKE '%annual%' BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    filings(tmp_path)
    os.utime(tmp_path / INTERIM, (1e9, 1e9))  # read first: the annual then has a report
    assert once(tmp_path, smtp_server) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == (f"kcdiff: error: {tmp_path / ANNUAL}: not recorded (see the log above); "
                       "it is read again on the next run")
    assert "1 new filing(s), 0 report(s), 0 e-mail(s) sent" in err[-2]
    assert smtp_server.inbox.envelopes == []
    # The annual's report was compared and written before the insert failed: removed again.
    assert list((tmp_path / ".kcdiff" / "reports").glob("*")) == []
    with Store(default_db_path(tmp_path)) as store:
        store._db.execute("DROP TRIGGER refuse")
    assert once(tmp_path, smtp_server) == 0  # the next run reads it again
    assert len(smtp_server.inbox.envelopes) == 1


# --- 8. permanent, temporary and per-recipient refusals ---------------------------------


def test_a_permanent_refusal_is_tried_once_and_marked_failed(
        tmp_path, smtp_server, capsys):
    filings(tmp_path)
    smtp_server.inbox.data_reply = "554 5.7.1 message refused"
    assert once(tmp_path, smtp_server) == 2
    assert once(tmp_path, smtp_server) == 0  # failed stays failed: not retried
    assert smtp_server.inbox.data_count == 1 and smtp_server.inbox.envelopes == []
    assert outbox_status(tmp_path) == ["failed"]
    capsys.readouterr()
    assert main(["history", "--dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "[e-mail failed]" in out
    assert "refused by c@example.com" in out and "554 5.7.1 message refused" in out


def test_a_temporary_refusal_is_retried_until_accepted(
        tmp_path, smtp_server):
    filings(tmp_path)
    smtp_server.inbox.data_reply = "451 4.3.0 try later"
    from kcdiff.service.watch import Service

    result = Service(settings(tmp_path, smtp_server, retry_base=0.01, once_attempts=2)
                     ).run_once()
    assert (result.sent, result.queued) == (0, 1) and smtp_server.inbox.data_count == 2
    smtp_server.inbox.data_reply = ""
    assert once(tmp_path, smtp_server) == 0
    assert len(smtp_server.inbox.envelopes) == 1 and outbox_status(tmp_path) == ["sent"]


def test_a_refused_recipient_is_recorded_and_the_other_gets_one_copy(
        tmp_path, smtp_server, capsys):
    filings(tmp_path)
    smtp_server.inbox.refuse_rcpt = {"gone@example.com"}
    assert once(tmp_path, smtp_server, "gone@example.com", "c@example.com") == 2
    assert once(tmp_path, smtp_server, "gone@example.com", "c@example.com") == 0
    (envelope,) = smtp_server.inbox.envelopes
    assert envelope.rcpt_tos == ["c@example.com"]
    capsys.readouterr()
    main(["history", "--dir", str(tmp_path)])
    out = capsys.readouterr().out
    assert "refused by gone@example.com" in out and "accepted by c@example.com" in out


def test_fixing_mail_to_delivers_a_message_that_reached_nobody(
        tmp_path, smtp_server):
    filings(tmp_path)
    smtp_server.inbox.refuse_rcpt = {"typo@example.con"}
    assert once(tmp_path, smtp_server, "typo@example.con") == 2
    assert smtp_server.inbox.envelopes == []
    assert once(tmp_path, smtp_server, "compliance@example.com") == 0
    (envelope,) = smtp_server.inbox.envelopes
    assert envelope.rcpt_tos == ["compliance@example.com"]
    (message,) = smtp_server.inbox.messages
    assert message["To"] == "compliance@example.com"
    assert_is_the_report_email(message)


# --- 9. a hanging server does not stop filings ------------------------------------------


def test_a_server_hanging_in_data_does_not_stop_filings_being_compared(
        tmp_path, smtp_server):
    smtp_server.inbox.hang = True
    with watching(settings(tmp_path, smtp_server)):
        write(tmp_path / INTERIM, SMALL_INTERIM)
        wait_for(recorded(tmp_path, 1))
        write(tmp_path / ANNUAL, SMALL_ANNUAL)
        assert smtp_server.inbox.data_started.wait(30)  # the sender is stuck in DATA
        write(tmp_path / "other-issuer-2024-annual.txt",
              SMALL_ANNUAL.replace("Kingsoft Cloud", "Othercorp").replace("3896", "9999"))
        wait_for(recorded(tmp_path, 3))  # compared and recorded while the sender hangs
        assert smtp_server.inbox.data_count == 1 and smtp_server.inbox.envelopes == []
        smtp_server.inbox.release.set()  # let the sender go, so the service can stop


# --- 11. report files never overwrite each other ----------------------------------------


def test_names_with_dots_give_one_report_file_each(tmp_path, smtp_server):
    filings(tmp_path, "acme-2021-interim.txt", "acme-2024.final.txt")
    write(tmp_path / "acme-2025.interim.txt", SMALL_ANNUAL.replace("2024", "2025"))
    assert once(tmp_path, smtp_server) == 0
    with Store(default_db_path(tmp_path)) as store:
        paths = [report.path for key in store.issuers() for report in store.reports_of(key)]
    assert len(paths) == 2 and len(set(paths)) == 2
    files = sorted(p.name for p in (tmp_path / ".kcdiff" / "reports").iterdir())
    assert len(files) == 4 and all(Path(path).is_file() for path in paths)
    assert len(smtp_server.inbox.envelopes) == 2
    (json_report,) = [p for p in (tmp_path / ".kcdiff" / "reports").glob("*.json")
                      if "acme-2024.final--acme-2025.interim" in p.name]
    assert json.loads(json_report.read_text(encoding="utf-8"))["new"]["path"].endswith(
        "acme-2025.interim.txt")


# --- once each: parse and render ----------------------------------------------------------


def test_each_filing_is_parsed_once_and_each_report_rendered_once(tmp_path, smtp_server,
                                                                  monkeypatch):
    import kcdiff.render
    import kcdiff.service.pipeline as pipeline
    from kcdiff.service.watch import Service

    parsed, rendered = [], []
    real_parse, real_render = pipeline.parse_filing, kcdiff.render.render_html
    monkeypatch.setattr(pipeline, "parse_filing",
                        lambda path, data: parsed.append(Path(path).name) or real_parse(path, data))
    monkeypatch.setattr(kcdiff.render, "render_html",
                        lambda report, *a, **k: rendered.append(1) or real_render(report, *a, **k))
    filings(tmp_path)
    result = Service(settings(tmp_path, smtp_server)).run_once()
    assert (result.filings, result.reports, result.sent) == (2, 1, 1)
    assert sorted(parsed) == [INTERIM, ANNUAL] and rendered == [1]
    (message,) = smtp_server.inbox.messages
    (attachment,) = message.iter_attachments()
    report_file = next((tmp_path / ".kcdiff" / "reports").glob("*.html"))
    assert attachment.get_content() == report_file.read_text(encoding="utf-8")
