"""The watch history: identity of filings, pairing order, and the e-mail outbox."""

from __future__ import annotations

import sqlite3

import pytest

from kcdiff.ingest import read_filing
from kcdiff.model import Block, Filing, FilingMeta
from kcdiff.service.delivery import Ledger
from kcdiff.service.identity import (
    FilingIdentity,
    doc_group_of,
    filing_record,
    name_prefix_of,
    period_end_of,
)
from kcdiff.service.store import (
    Delivery,
    PlannedMessage,
    PlannedReport,
    Store,
    StoreError,
    default_db_path,
    write_atomic,
)


def record(name: str, period_end: str = "", **fields) -> FilingIdentity:
    return FilingIdentity(
        sha256=f"sha-{name}", path=f"/in/{name}", archive=f"/archive/{name}",
        name_prefix=name_prefix_of(name), doc_group="results", period_end=period_end, **fields,
    )


def message(message_id: str) -> PlannedMessage:
    return PlannedMessage(message_id, f"subject {message_id}", ("a@example.com",), b"raw")


@pytest.fixture
def store(tmp_path):
    with Store(default_db_path(tmp_path)) as opened:
        yield opened


# --- identity from the real samples -----------------------------------------------------


def test_period_end_read_from_the_samples_when_metadata_is_empty(interim_path, annual_path):
    # The interim's title: "INTERIM RESULTS ANNOUNCEMENT FOR THE SIX MONTHS ENDED JUNE 30,
    # 2023"; the 6-K's exhibit: "Annual Results for the Year ended December 31, 2024".
    assert period_end_of(read_filing(interim_path)) == "2023-06-30"
    assert period_end_of(read_filing(annual_path)) == "2024-12-31"


def test_period_end_prefers_metadata_and_reads_day_first_dates():
    filing = Filing("x.txt", "text", (Block("paragraph", "for the year ended 31 December 2008"),))
    assert period_end_of(filing) == "2008-12-31"
    with_meta = Filing("x.txt", "text", filing.blocks, FilingMeta(period_end="2009-06-30"))
    assert period_end_of(with_meta) == "2009-06-30"
    nothing = Filing("x.txt", "text", (Block("paragraph", "year ended Smarch 40, 2020"),))
    assert period_end_of(nothing) == ""


def test_a_period_the_metadata_leaves_open_is_not_guessed():
    # PG&E's first-quarter 2023 release names only its 10-K's year near the top; the
    # metadata states no period, and the history must not print that year as the filing's.
    text = ("... discussed more fully in PG&E Corporation's joint Annual Report on Form 10-K "
            "for the year ended December 31, 2022 ...")
    filing = Filing("pge.pdf", "pdf", (Block("paragraph", text),),
                    FilingMeta(issuer="PG&E Corporation", language="en"))
    assert period_end_of(filing) == ""


def test_issuer_fallback_is_the_file_name_before_the_year():
    assert name_prefix_of("kingsoft-cloud-2024-annual.txt") == "kingsoft-cloud"
    assert name_prefix_of("Anxin_China_2009-04-24_results.pdf") == "anxin_china"
    assert name_prefix_of("2009-04-24_annual-results_en.pdf") == ""  # no name to go on
    assert name_prefix_of("results.pdf") == ""


def test_results_of_any_period_are_one_group_other_types_their_own():
    assert doc_group_of("interim_results") == doc_group_of("annual_results") == "results"
    assert doc_group_of("") == "results"
    assert doc_group_of("monthly_return") == "monthly_return"


def test_a_chinese_filing_is_compared_with_chinese_ones_only():
    # HKEX issuers publish each announcement in English and in Chinese: each version is
    # compared with the previous one in its language, never with its translation.
    assert doc_group_of("interim_results", "zh") == doc_group_of("", "zh") == "results:zh"
    assert doc_group_of("interim_results", "en") == doc_group_of("annual_results", "") \
        == "results"
    assert doc_group_of("director_change", "zh") == "director_change:zh"


def test_filing_record_of_a_sample(interim_path):
    found = filing_record(read_filing(interim_path), "abc", interim_path, "/archive/x.txt")
    assert (found.name, found.name_prefix, found.period_end, found.doc_group) == (
        "kingsoft-cloud-2023-interim.txt", "kingsoft-cloud", "2023-06-30", "results",
    )


# --- the store --------------------------------------------------------------------------


def test_store_is_in_wal_mode_at_the_default_place(tmp_path, store):
    assert store.path == tmp_path / ".kcdiff" / "kcdiff.db"
    with sqlite3.connect(store.path) as reader:
        assert reader.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_same_content_is_found_by_hash(store):
    stored = store.record(record("kingsoft-cloud-2023-interim.txt"), "kc")
    assert store.filing_by_sha("sha-kingsoft-cloud-2023-interim.txt") == stored
    assert stored.first_seen and stored.issuer_key == "kc"
    assert store.filing_by_sha("sha-other") is None


def test_uneven_metadata_still_resolves_to_one_issuer(store):
    hkex = record(
        "kingsoft-cloud-2023-interim.txt", stock_code="3896", issuer="Kingsoft Cloud Holdings Ltd"
    )
    store.record(hkex, store.resolve_issuer(hkex))
    assert store.issuers() == ["3896"]
    # A 6-K naming only the company (spelt with other case and punctuation) ...
    sec = record("6k-2024.txt", issuer="KINGSOFT CLOUD HOLDINGS LTD.")
    assert store.resolve_issuer(sec) == "3896"
    # ... and a bare text file sharing the file-name prefix.
    assert store.resolve_issuer(record("kingsoft-cloud-2025-interim.txt")) == "3896"
    # A two-letter prefix is too weak a sign of identity to join anything.
    assert store.resolve_issuer(record("kc-2025-interim.txt")) == "sha-kc-2025-"
    # Another company starts its own history.
    other = record("alco-2009-annual.txt", stock_code="0328")
    assert store.resolve_issuer(other) == "0328"


def test_neighbours_follow_periods_not_arrival(store):
    annual = store.record(record("kc-2024-annual.txt", "2024-12-31"), "kc")
    late_interim = record("kc-2023-interim.txt", "2023-06-30")
    earlier, later = store.neighbours("kc", late_interim)
    assert earlier is None and later == annual
    interim = store.record(late_interim, "kc")
    newest = record("kc-2025-interim.txt", "2025-06-30")
    assert store.neighbours("kc", newest) == (annual, None)
    assert [f.name for f in store.issuer_filings("kc")] == [interim.name, annual.name]


def test_other_document_groups_are_not_neighbours(store):
    store.record(record("kc-2023-interim.txt", "2023-06-30"), "kc")
    monthly = FilingIdentity("sha-m", "/in/m", "/a/m", doc_group="monthly_return",
                           period_end="2023-07-31")
    assert store.neighbours("kc", monthly) == (None, None)


def test_report_and_email_are_recorded_with_the_filing(store):
    old = store.record(record("kc-2023-interim.txt", "2023-06-30"), "kc")
    report = PlannedReport(old=old.id, new=0, path="/r.html", summary={"sections_added": 2},
                           message=message("<m1@kcdiff>"))
    new = store.record(record("kc-2024-annual.txt", "2024-12-31"), "kc", [report])
    (stored,) = store.reports_of("kc")
    assert (stored.old_filing, stored.new_filing, stored.summary) == (
        old.id, new.id, {"sections_added": 2})
    assert store.has_report_as_new(new.id) and not store.has_report_as_new(old.id)
    (queued,) = store.queued()
    assert (queued.message_id, queued.recipients, queued.message) == (
        "<m1@kcdiff>", ("a@example.com",), b"raw")


def test_a_failing_transaction_leaves_nothing_behind(store):
    old = store.record(record("kc-2023-interim.txt", "2023-06-30"), "kc")
    first = PlannedReport(old.id, 0, "/r1.html", {}, message("<same@kcdiff>"))
    store.record(record("kc-2024-annual.txt", "2024-12-31"), "kc", [first])
    again = PlannedReport(old.id, 0, "/r2.html", {}, message("<same@kcdiff>"))
    with pytest.raises(sqlite3.IntegrityError):
        store.record(record("kc-2025-interim.txt", "2025-06-30"), "kc", [again])
    assert store.filing_by_sha("sha-kc-2025-interim.txt") is None
    assert len(store.reports_of("kc")) == 1 and len(store.outbox()) == 1


def test_outbox_sent_messages_are_never_queued_again(store):
    old = store.record(record("kc-2023-interim.txt", "2023-06-30"), "kc")
    report = PlannedReport(old.id, 0, "/r.html", {}, message("<m@kcdiff>"))
    store.record(record("kc-2024-annual.txt", "2024-12-31"), "kc", [report])
    (queued,) = store.queued()
    store.mark_failed(queued.id, "connection refused", retry_at=100.0)
    assert store.queued(due_before=99.0) == []
    (retry,) = store.queued(due_before=100.0)
    assert (retry.attempts, retry.last_error) == (1, "connection refused")
    assert store.next_due() == 100.0
    store.mark_sent(queued.id)
    assert store.queued() == [] and store.next_due() is None
    assert store.outbox()[0].status == "sent"


def test_write_atomic_leaves_only_the_finished_file(tmp_path):
    target = tmp_path / "reports" / "r.html"
    write_atomic(target, b"<html>one</html>")
    write_atomic(target, b"<html>two</html>")
    assert target.read_bytes() == b"<html>two</html>"
    assert [p.name for p in target.parent.iterdir()] == ["r.html"]


# --- deliveries, rejected files, a damaged history --------------------------------------


def queued_message(store):
    old = store.record(record("kc-2023-interim.txt", "2023-06-30"), "kc")
    report = PlannedReport(old.id, 0, "/r.html", {}, message("<m@kcdiff>"))
    store.record(record("kc-2024-annual.txt", "2024-12-31"), "kc", [report])
    (queued,) = store.queued()
    return queued


def test_an_attempt_records_each_recipients_answer_with_the_status(store):
    queued = queued_message(store)
    answers = [Delivery("a@example.com", "accepted", "250 OK", "t"),
               Delivery("b@example.com", "refused", "550 no such mailbox", "t")]
    store.record_attempt(queued.id, answers, "failed")
    assert store.deliveries(queued.id) == answers
    assert store.queued() == [] and store.outbox()[0].status == "failed"
    (report,) = store.reports_of("kc")
    assert store.deliveries_of_report(report.id) == answers
    # Someone accepted it: a new recipient later is not sent the old report.
    assert store.reopen_unreached(("c@example.com",)) == 0


def test_an_email_that_reached_nobody_is_reopened_only_for_someone_new(store):
    queued = queued_message(store)
    store.record_attempt(queued.id, [Delivery("typo@example.con", "refused", "550", "t")],
                         "failed")
    assert store.reopen_unreached(("typo@example.con",)) == 0
    assert store.reopen_unreached(("typo@example.con", "right@example.com")) == 1
    assert [m.id for m in store.queued()] == [queued.id]


def test_an_unknown_outcome_is_never_reopened(store):
    queued = queued_message(store)
    store.record_attempt(queued.id, [Delivery("a@example.com", "unknown", "timed out", "t")],
                         "unknown")
    assert store.reopen_unreached(("b@example.com",)) == 0 and store.queued() == []


def test_a_rejected_file_is_recorded_once(store):
    store.reject("sha-x", "/in/x.txt", "not a PDF, HTML or text filing")
    store.reject("sha-x", "/in/x.txt", "again")
    (rejected,) = store.rejected()
    assert (rejected.path, rejected.error) == ("/in/x.txt", "not a PDF, HTML or text filing")
    assert store.is_rejected("sha-x") and not store.is_rejected("sha-y")


def test_a_damaged_history_is_refused_with_how_to_recover(tmp_path):
    database = tmp_path / "kcdiff.db"
    with Store(database) as store:
        store.record(record("kc-2023-interim.txt", "2023-06-30"), "kc")
    data = bytearray(database.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # the second page: a table's b-tree, overwritten
    database.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="damaged.*move it aside and run again"):
        Store(database, check=True)


def test_the_ledger_survives_a_line_cut_short(tmp_path):
    ledger = Ledger(tmp_path / "delivered.jsonl")
    ledger.add("<m@kcdiff>", [Delivery("a@example.com", "accepted", "250", "t")])
    with open(ledger.path, "a", encoding="utf-8") as handle:
        handle.write('{"message_id": "<n@kcdiff>", "recip')  # killed mid-write
    again = Ledger(ledger.path)
    assert again.get("<m@kcdiff>", "a@example.com").status == "accepted"
    assert again.get("<n@kcdiff>", "a@example.com") is None
