"""The watch service end to end: a real watched folder, a real SMTP server on 127.0.0.1, the
real comparison of the two sample announcements. Every wait polls with a deadline."""

from __future__ import annotations

import email
import email.policy
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

from conftest import ROOT, SmtpServer, free_port, wait_for

from kcdiff.cli import main
from kcdiff.service.mail import MailSettings
from kcdiff.service.store import Store, default_db_path
from kcdiff.service.watch import Service, WatchSettings, is_ignored

INTERIM = "kingsoft-cloud-2023-interim.txt"
ANNUAL = "kingsoft-cloud-2024-annual.txt"


def settings(folder: Path, server: SmtpServer | None = None, **options) -> WatchSettings:
    mail = MailSettings()
    if server is not None:
        mail = MailSettings(host="127.0.0.1", port=server.port, sender="kcdiff@example.com",
                            recipients=("compliance@example.com",), timeout=5)
    options.setdefault("settle", 0.3)
    options.setdefault("poll", 0.05)
    return WatchSettings(folder=folder, mail=mail, **options)


@contextmanager
def watching(watch_settings: WatchSettings):
    """The service running in a thread, as ``kcdiff watch`` runs it; stopped on exit."""
    service = Service(watch_settings)
    stop, ready = threading.Event(), threading.Event()
    thread = threading.Thread(target=service.run, args=(stop, ready), daemon=True)
    thread.start()
    assert ready.wait(10), "the service did not start"
    try:
        yield service
    finally:
        stop.set()
        thread.join(10)
        assert not thread.is_alive()


def history(folder: Path) -> dict:
    """What the store holds, read through a connection of the test's own."""
    with Store(default_db_path(folder)) as store:
        return {
            "filings": [
                filing.name for key in store.issuers() for filing in store.issuer_filings(key)
            ],
            "outbox": store.outbox(),
        }


def recorded(folder: Path, count: int):
    def check():
        """the store to record the filings"""
        return default_db_path(folder).exists() and len(history(folder)["filings"]) >= count
    return check


def drop(sample: Path, folder: Path, name: str | None = None) -> Path:
    """Copy a sample in the way a file manager does: write a temporary name, then rename."""
    target = folder / (name or sample.name)
    partial = target.with_name(target.name + ".part")
    shutil.copyfile(sample, partial)
    partial.rename(target)
    return target


def signature(path: Path) -> tuple[int, int]:
    status = path.stat()
    return (status.st_size, status.st_mtime_ns)


def parsed(server: SmtpServer) -> list[email.message.EmailMessage]:
    return server.inbox.messages


def assert_is_the_report_email(message: email.message.EmailMessage) -> None:
    assert message["Subject"].startswith("kcdiff: ")
    # Old first: by period, not arrival (the new name without the words the two share).
    assert f"{INTERIM} → …{ANNUAL.removeprefix('kingsoft-cloud-')}" in message["Subject"]
    assert message.get_content_type() == "multipart/mixed"
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None and text.get_content().strip()
    body = html.get_content()
    assert "<style" not in body.lower() and 'style="' in body
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename().endswith(".html")
    assert attachment.get_content_type() == "text/html"
    assert "<html" in attachment.get_content().lower()


# --- without the core -------------------------------------------------------------------


def test_temporary_and_hidden_files_are_ignored(tmp_path):
    for name in ["a.pdf.part", "a.pdf.crdownload", "~$notes.docx", ".DS_Store",
                 ".kcdiff/kcdiff.db", ".hidden/a.txt"]:
        assert is_ignored(tmp_path / name, tmp_path), name
    for name in [ANNUAL, "issuer/2024-annual.pdf"]:
        assert not is_ignored(tmp_path / name, tmp_path), name
    assert is_ignored(Path("/elsewhere/a.txt"), tmp_path)


def test_unreadable_files_are_recorded_once_as_rejected(tmp_path, caplog, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01" * 100)
    result = Service(settings(tmp_path)).run_once()
    assert (result.filings, result.sent, result.rejected, result.unrecorded) == (0, 0, 2, [])
    assert ("binary.txt: not a filing kcdiff can compare, recorded as rejected: not a PDF, "
            "HTML or text filing") in caplog.text
    caplog.clear()
    again = Service(settings(tmp_path)).run_once()  # a restart does not try them again
    assert (again.rejected, caplog.text) == (0, "")
    assert main(["history", "--dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert sorted(line.split(":")[0] for line in out) == [
        f"rejected  {tmp_path / 'binary.txt'}", f"rejected  {tmp_path / 'empty.txt'}"]


# --- with the core ----------------------------------------------------------------------


def test_two_filings_dropped_in_give_exactly_one_email(tmp_path, smtp_server, interim_path,
                                                      annual_path):
    with watching(settings(tmp_path, smtp_server)):
        drop(interim_path, tmp_path)
        wait_for(recorded(tmp_path, 1))
        drop(annual_path, tmp_path)
        wait_for(lambda: smtp_server.inbox.envelopes)
        wait_for(recorded(tmp_path, 2))
    (message,) = parsed(smtp_server)
    assert_is_the_report_email(message)
    state = history(tmp_path)
    assert [m.status for m in state["outbox"]] == ["sent"]
    reports = list((tmp_path / ".kcdiff" / "reports").iterdir())
    assert sorted(p.suffix for p in reports) == [".html", ".json"]


def test_a_subfolder_made_while_watching_is_watched_too(tmp_path, smtp_server, interim_path,
                                                        annual_path):
    with watching(settings(tmp_path, smtp_server)):
        (tmp_path / "kingsoft" / "2023").mkdir(parents=True)
        drop(interim_path, tmp_path / "kingsoft" / "2023")
        wait_for(recorded(tmp_path, 1))
        (tmp_path / "kingsoft" / "2024").mkdir()
        drop(annual_path, tmp_path / "kingsoft" / "2024")
        wait_for(lambda: smtp_server.inbox.envelopes)
    (message,) = parsed(smtp_server)
    assert_is_the_report_email(message)


def test_same_content_again_and_a_late_older_filing(tmp_path, smtp_server, interim_path,
                                                   annual_path):
    with watching(settings(tmp_path, smtp_server)) as service:
        drop(annual_path, tmp_path)  # the newer one arrives first: nothing to compare yet
        wait_for(recorded(tmp_path, 1))
        drop(interim_path, tmp_path)  # the older one arrives late
        wait_for(lambda: smtp_server.inbox.envelopes)
        # The same content again: a copy under another name, a rename, a touch.
        shutil.copyfile(annual_path, tmp_path / "copy-of-annual.txt")
        (tmp_path / INTERIM).rename(tmp_path / "renamed-interim.txt")
        os.utime(tmp_path / ANNUAL)
        # The copy and the renamed file are each seen as they are now, and read (the
        # touch may raise no event at all; if it does, the same hash is skipped).
        for path in (tmp_path / "copy-of-annual.txt", tmp_path / "renamed-interim.txt"):
            wait_for(lambda path=path: service.observed(path) == signature(path)
                     and not service.pending)
    (message,) = parsed(smtp_server)
    assert_is_the_report_email(message)
    assert history(tmp_path)["filings"] == [INTERIM, ANNUAL]


def test_killed_in_the_middle_of_sending_then_restarted_sends_once(
    tmp_path, smtp_server, interim_path, annual_path, capsys
):
    shutil.copyfile(interim_path, tmp_path / INTERIM)
    shutil.copyfile(annual_path, tmp_path / ANNUAL)
    smtp_server.inbox.hang = True  # the message is on the wire, never answered
    watcher = subprocess.Popen(
        [sys.executable, "-m", "kcdiff", "watch", str(tmp_path), "--smtp-host", "127.0.0.1",
         "--smtp-port", str(smtp_server.port), "--mail-to", "c@example.com"],
        env=child_env(), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        assert smtp_server.inbox.data_started.wait(60), "the watcher never sent"
    finally:
        watcher.kill()  # SIGKILL in the middle of DATA: no clean-up of any kind
        _, errors = watcher.communicate(timeout=10)
    assert watcher.returncode == -9, errors.decode()
    assert smtp_server.inbox.envelopes == [] and queued_in(tmp_path) == 1
    smtp_server.inbox.hang = False
    once = ["watch", "--once", str(tmp_path), "--smtp-host", "127.0.0.1",
            "--smtp-port", str(smtp_server.port), "--mail-to", "c@example.com"]
    assert main(once) == 0
    assert "0 new filing(s), 0 report(s), 1 e-mail(s) sent" in capsys.readouterr().err
    assert main(once) == 0  # a restart with nothing new
    assert "0 new filing(s), 0 report(s), 0 e-mail(s) sent" in capsys.readouterr().err
    (message,) = parsed(smtp_server)
    assert_is_the_report_email(message)


def child_env() -> dict[str, str]:
    return {**os.environ,
            "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}


def queued_in(folder: Path) -> int:
    database = default_db_path(folder)
    if not database.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as reader:
            return reader.execute("SELECT COUNT(*) FROM outbox WHERE status = 'queued'"
                                  ).fetchone()[0]
    except sqlite3.OperationalError:  # the schema is still being made
        return 0


def test_smtp_server_down_at_first_gets_the_email_once_it_is_up(tmp_path, interim_path,
                                                               annual_path):
    server = SmtpServer(port=free_port())  # not started yet
    try:
        with watching(settings(tmp_path, server, retry_base=0.2, retry_max=1.0)):
            drop(interim_path, tmp_path)
            drop(annual_path, tmp_path)

            def failed_twice():
                """two failed attempts"""
                outbox = history(tmp_path)["outbox"] if default_db_path(tmp_path).exists() else []
                return outbox and outbox[0].attempts >= 2 and outbox[0].status == "queued"

            wait_for(failed_twice)
            server.start()
            wait_for(lambda: server.inbox.envelopes)
            wait_for(lambda: history(tmp_path)["outbox"][0].status == "sent")
        (message,) = parsed(server)
        assert_is_the_report_email(message)
        (sent,) = history(tmp_path)["outbox"]
        assert sent.attempts >= 3 and sent.last_error == ""
    finally:
        server.stop()


def test_a_file_copied_slowly_is_processed_once_and_complete(tmp_path, smtp_server,
                                                            interim_path, annual_path):
    content = annual_path.read_bytes()
    # Each chunk is written once the worker has seen the previous one, well within the
    # settle time: the file is seen partial ten times and must be read only complete.
    with watching(settings(tmp_path, smtp_server, settle=1.5)) as service:
        drop(interim_path, tmp_path)
        wait_for(recorded(tmp_path, 1))
        chunks, path = 10, tmp_path / ANNUAL
        with open(path, "wb") as target:  # the final name, from the first byte
            for start in range(0, len(content), len(content) // chunks + 1):
                target.write(content[start:start + len(content) // chunks + 1])
                target.flush()
                wait_for(lambda: service.observed(path) == signature(path))
        wait_for(lambda: smtp_server.inbox.envelopes)
    (message,) = parsed(smtp_server)
    assert_is_the_report_email(message)
    with Store(default_db_path(tmp_path)) as store:
        import hashlib

        complete = store.filing_by_sha(hashlib.sha256(content).hexdigest())
        assert complete is not None and complete.name == ANNUAL
        assert Path(complete.archive).read_bytes() == content
    assert history(tmp_path)["filings"] == [INTERIM, ANNUAL]


def test_embedded_outbox_without_smtp_settings(tmp_path, interim_path, annual_path):
    with watching(settings(tmp_path)):
        drop(interim_path, tmp_path)
        wait_for(recorded(tmp_path, 1))
        drop(annual_path, tmp_path)
        outbox = tmp_path / ".kcdiff" / "outbox"
        written = wait_for(lambda: outbox.is_dir() and list(outbox.glob("*.eml")))  # not the .tmp
    (eml,) = written
    assert eml.suffix == ".eml"
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert_is_the_report_email(message)
    assert [m.status for m in history(tmp_path)["outbox"]] == ["sent"]
    # A restart with nothing new writes nothing.
    result = Service(settings(tmp_path)).run_once()
    assert (result.filings, result.sent) == (0, 0)
    assert list(outbox.iterdir()) == [eml]


def test_watch_once_from_a_config_file_and_the_history(tmp_path, smtp_server, interim_path,
                                                      annual_path, capsys, caplog):
    folder = tmp_path / "filings"
    folder.mkdir()
    config = tmp_path / "kcdiff.toml"
    config.write_text(f'smtp-host = "127.0.0.1"\nsmtp-port = {smtp_server.port}\n'
                      'mail-to = ["compliance@example.com"]\n', encoding="utf-8")
    shutil.copyfile(interim_path, folder / INTERIM)
    shutil.copyfile(annual_path, folder / ANNUAL)
    assert main(["watch", "--once", str(folder), "--config", str(config)]) == 0
    err = capsys.readouterr().err
    assert "2 new filing(s), 1 report(s), 1 e-mail(s) sent, 0 still queued" in err
    logged = [record.getMessage() for record in caplog.records
              if record.name == "kcdiff.service.watch"]
    assert [line.split(":")[0] for line in logged if ": issuer " in line] == [INTERIM, ANNUAL]
    (message,) = parsed(smtp_server)
    assert_is_the_report_email(message)
    assert main(["history", "3896", "--dir", str(folder)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "3896  Kingsoft Cloud Holdings Limited"
    assert out[1].split()[:3] == ["2023-06-30", "interim_results", INTERIM]
    assert out[2].split()[:3] == ["2024-12-31", "annual_results", ANNUAL]
    assert out[3].startswith(f"  report {INTERIM} -> {ANNUAL}: ")
    assert out[3].endswith("[e-mail sent]")


def test_without_smtp_the_log_and_history_say_written_to_the_outbox_with_full_paths(
        tmp_path, interim_path, annual_path, capsys, caplog, monkeypatch):
    folder = tmp_path / "filings"
    folder.mkdir()
    shutil.copyfile(interim_path, folder / INTERIM)
    shutil.copyfile(annual_path, folder / ANNUAL)
    monkeypatch.chdir(tmp_path)
    assert main(["watch", "--once", "filings"]) == 0  # a folder named relative to here
    assert "1 e-mail(s) written to the outbox" in capsys.readouterr().err
    assert any("written to the outbox" in record.getMessage() for record in caplog.records)
    assert not any(" sent to " in record.getMessage() for record in caplog.records)
    monkeypatch.chdir(interim_path.parent)  # history read from somewhere else
    assert main(["history", "3896", "--dir", str(folder)]) == 0
    report_line, path_line = capsys.readouterr().out.splitlines()[3:5]
    assert report_line.endswith("[e-mail written to the outbox]")
    assert Path(path_line.strip()).is_absolute() and Path(path_line.strip()).is_file()


def test_watch_and_history_errors_are_one_line(tmp_path, capsys):
    assert main(["watch", "--once", str(tmp_path / "missing")]) == 2
    assert main(["watch", "--once", str(tmp_path), "--smtp-host", "127.0.0.1"]) == 2
    assert main(["history", "--dir", str(tmp_path)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines == [
        f"kcdiff: error: {tmp_path / 'missing'}: no such folder to watch",
        "kcdiff: error: command line: SMTP host 127.0.0.1 given but no --mail-to recipient",
        f"kcdiff: error: {tmp_path}: no watch history here; run kcdiff watch on it first",
    ]
