"""The watch history's queries and their edge cases (issue 12: mutation testing).

Each test needs the behaviour it names: a tie in the pairing order, the status after
a send, the lookups ``kcdiff history`` makes. Filings are named as the samples are."""

from __future__ import annotations

import pytest

from kcdiff.model import Block, Filing
from kcdiff.service.identity import FilingIdentity, name_prefix_of, period_end_of
from kcdiff.service.store import PlannedMessage, PlannedReport, Store, default_db_path


def record(name: str, period_end: str = "", published: str = "", **fields) -> FilingIdentity:
    return FilingIdentity(
        sha256=f"sha-{name}", path=f"/in/{name}", archive=f"/archive/{name}",
        name_prefix=name_prefix_of(name), doc_group="results", period_end=period_end,
        published=published, **fields,
    )


@pytest.fixture
def store(tmp_path):
    with Store(default_db_path(tmp_path)) as opened:
        yield opened


def with_email(store: Store) -> int:
    old = store.record(record("kingsoft-cloud-2023-interim.txt", "2023-06-30"), "3896")
    message = PlannedMessage("<m@kcdiff>", "Kingsoft Cloud", ("a@example.com",), b"raw")
    store.record(record("kingsoft-cloud-2024-annual.txt", "2024-12-31"), "3896",
                 [PlannedReport(old.id, 0, "/r.html", {}, message)])
    (queued,) = store.queued()
    return queued.id


def test_same_period_and_date_the_stored_filing_is_the_earlier_neighbour(store):
    # Same period end, same publication date: arrival decides, and the filing being
    # recorded counts as arriving last.
    stored = store.record(record("kc-2023-interim.txt", "2023-06-30", "2023-08-22"), "kc")
    again = record("kc-2023-interim-reissued.txt", "2023-06-30", "2023-08-22")
    assert store.neighbours("kc", again) == (stored, None)


def test_sending_clears_the_error_and_the_retry_time(store):
    message_id = with_email(store)
    store.mark_failed(message_id, "451 try later", retry_at=120.0)
    store.mark_sent(message_id)
    (sent,) = store.outbox()
    assert (sent.status, sent.attempts, sent.last_error, sent.next_attempt) == (
        "sent", 2, "", 0.0)
    assert store.outbox_counts() == {"sent": 1}


def test_outbox_counts_by_status(store):
    assert store.outbox_counts() == {}
    message_id = with_email(store)
    assert store.outbox_counts() == {"queued": 1}
    store.mark_failed(message_id, "451", retry_at=1.0)
    assert store.outbox_counts() == {"queued": 1}


def test_a_report_without_an_email_has_no_deliveries(store):
    old = store.record(record("kc-2023-interim.txt", "2023-06-30"), "kc")
    store.record(record("kc-2024-annual.txt", "2024-12-31"), "kc",
                 [PlannedReport(old.id, 0, "/r.html", {})])
    (report,) = store.reports_of("kc")
    assert report.email == ""
    assert store.deliveries_of_report(report.id) == []


def test_rejected_files_keep_their_key_and_when_first_seen_in_order(store):
    store.reject("sha-b", "/in/b.pdf", "an encrypted PDF")
    store.reject("sha-a", "/in/a.bin", "not a PDF, HTML or text filing")
    rejected = store.rejected()
    assert [(r.key, r.path, r.error) for r in rejected] == [
        ("sha-b", "/in/b.pdf", "an encrypted PDF"),
        ("sha-a", "/in/a.bin", "not a PDF, HTML or text filing")]
    assert all(r.first_seen.startswith("20") for r in rejected)


def test_issuers_are_listed_once_each_in_order(store):
    store.record(record("kingsoft-cloud-2023-interim.txt"), "3896")
    store.record(record("kingsoft-cloud-2024-annual.txt"), "3896")
    store.record(record("anxin-2009-interim.txt"), "1149")
    assert store.issuers() == ["1149", "3896"]


def test_find_issuer_by_key_code_name_part_and_prefix(store):
    store.record(record("kingsoft-cloud-2023-interim.txt", stock_code="3896",
                        issuer="Kingsoft Cloud Holdings Limited"), "3896")
    store.record(record("anxin-china-2009-interim.txt", issuer="Anxin-China Holdings Ltd"),
                 "anxin china holdings ltd")
    assert store.find_issuer(" 3896 ") == "3896"  # the key itself, blanks trimmed
    assert store.find_issuer("kingsoft cloud") == "3896"  # part of the name, any case
    assert store.find_issuer("KINGSOFT-CLOUD") == "3896"  # folded like the name
    assert store.find_issuer("anxin-china") == "anxin china holdings ltd"  # the prefix
    assert store.find_issuer("Alibaba") == ""


def test_find_issuer_by_a_stock_code_that_is_not_the_key(store):
    # Stored first by name, later with its code: the code finds the name's key.
    store.record(record("kingsoft-cloud-2023-interim.txt", issuer="Kingsoft Cloud"), "kc")
    store.record(record("6k-2024.txt", stock_code="KC"), "kc")
    assert store.find_issuer("KC") == "kc"


def test_a_phrase_naming_no_month_is_passed_over_for_the_next():
    # "Juni" is no English month: that phrase gives no date, the next one does.
    filing = Filing("x.txt", "text", (
        Block("paragraph", "Ergebnis für das year ended Juni 30, 2023"),
        Block("paragraph", "Interim results for the six months ended June 30, 2023"),
    ))
    assert period_end_of(filing) == "2023-06-30"


def test_reports_and_messages_read_back_every_column(store):
    message_id = with_email(store)
    store.mark_failed(message_id, "451 try later", retry_at=120.0)
    (report,) = store.reports_of("3896")
    assert (report.path, report.email) == ("/r.html", "queued")
    assert report.created.startswith("20")
    (message,) = store.outbox()
    assert (message.subject, message.next_attempt) == ("Kingsoft Cloud", 120.0)


def test_a_report_row_without_an_email_column_reads_as_no_email(store):
    from kcdiff.service.records import report_of

    with_email(store)
    row = store._db.execute("SELECT * FROM reports").fetchone()
    assert report_of(row).email == ""


def test_a_file_name_that_is_not_utf8_is_kept_as_backslash_escapes():
    import os

    from kcdiff.service.identity import display_path

    name = os.fsdecode(b"/in/r\xe9sultats-2023.pdf")  # Latin-1 "résultats"
    assert display_path(name) == "/in/r\\xe9sultats-2023.pdf"
    assert display_path("/in/résultats-2023.pdf") == "/in/résultats-2023.pdf"


def test_an_impossible_date_is_passed_over_for_the_next():
    # A misprint ("June 31") gives no date; the next phrase does.
    filing = Filing("x.txt", "text", (
        Block("paragraph", "Interim results for the six months ended June 31, 2023"),
        Block("paragraph", "compared with the year ended December 31, 2022"),
    ))
    assert period_end_of(filing) == "2022-12-31"


def test_a_healthy_history_passes_the_check(tmp_path):
    with Store(default_db_path(tmp_path), check=True) as checked:
        assert checked.issuers() == []


def test_an_attempt_with_only_a_status_leaves_no_error_and_no_retry_time(store):
    message_id = with_email(store)
    store.mark_failed(message_id, "451 try later", retry_at=120.0)
    store.record_attempt(message_id, [], "sent")
    (sent,) = store.outbox()
    assert (sent.status, sent.last_error, sent.next_attempt) == ("sent", "", 0.0)


def test_every_email_that_reached_nobody_is_reopened_and_counted(store):
    from kcdiff.service.store import Delivery

    old = store.record(record("kc-2023-interim.txt", "2023-06-30"), "kc")
    for n, name in enumerate(("kc-2024-annual.txt", "kc-2025-interim.txt")):
        message = PlannedMessage(f"<m{n}@kcdiff>", "subject", ("typo@example.con",), b"raw")
        store.record(record(name, f"202{4 + n}-06-30"), "kc",
                     [PlannedReport(old.id, 0, f"/r{n}.html", {}, message)])
    for queued in store.queued():
        store.record_attempt(queued.id, [Delivery("typo@example.con", "refused", "550", "t")],
                             "failed", "550 no such mailbox", 60.0)
    assert store.reopen_unreached(("right@example.com",)) == 2
    assert [(m.status, m.last_error, m.next_attempt) for m in store.outbox()] == [
        ("queued", "", 0.0), ("queued", "", 0.0)]


def test_a_history_in_a_new_nested_folder_is_made_with_its_folders(tmp_path):
    path = tmp_path / "filings" / "hkex" / ".kcdiff" / "kcdiff.db"
    with Store(path) as made:
        stored = made.record(record("kc-2023-interim.txt", "2023-06-30"), "kc")
    assert path.is_file()
    assert stored.first_seen.endswith("+00:00")  # times are kept in UTC


def test_a_damaged_history_is_named_in_the_error(tmp_path):
    from kcdiff.service.store import StoreError

    database = tmp_path / "kcdiff.db"
    database.write_bytes(b"not a database at all, " * 200)
    with pytest.raises(StoreError) as refused:
        Store(database, check=True)
    assert str(database) in str(refused.value)
