"""Pairing rules without SQLite (kcdiff/service/pairing.py), checked against the watch
service's store, which applies the same rules to what it has recorded."""

from __future__ import annotations

import itertools

import pytest

from kcdiff.service.identity import FilingIdentity
from kcdiff.service.pairing import consecutive_pairs, order_key, resolve_issuers
from kcdiff.service.store import Store


def record(name: str, code: str = "", issuer: str = "", prefix: str = "", end: str = "",
           published: str = "", group: str = "results", sha: str = "") -> FilingIdentity:
    return FilingIdentity(sha256=sha or f"{name:0<64}", path=f"/a/{name}", archive=f"/a/{name}",
                        issuer=issuer, stock_code=code, name_prefix=prefix, doc_group=group,
                        period_end=end, published=published)


def names(pairs) -> list[tuple[str, str]]:
    return [(old.name, new.name) for _, old, new in pairs]


def test_issuer_joins_on_code_then_name_then_prefix():
    records = [
        record("hk-interim", code="3896", issuer="Kingsoft Cloud Holdings Limited"),
        record("sec-6k", issuer="KINGSOFT CLOUD HOLDINGS LTD."),  # no code: name differs
        record("sec-20f", issuer="Kingsoft Cloud Holdings, Limited"),  # same folded name
        record("kingsoft-cloud-2024.txt", prefix="kingsoft-cloud"),
        record("kingsoft-cloud-2025.txt", prefix="kingsoft-cloud", code="3896"),
    ]
    keys = resolve_issuers(records)
    # "Holdings, Limited" folds to "holdings limited", like the first filing's name; the
    # 6-K's "LTD." does not, so it starts an issuer of its own (keyed by its folded name).
    assert keys == ["3896", "kingsoft cloud holdings ltd", "3896", "kingsoft-cloud", "3896"]


def test_a_new_code_still_joins_an_issuer_known_by_name():
    records = [
        record("a", code="0607", issuer="Fullshare Holdings Limited"),
        record("b", code="607", issuer="Fullshare Holdings Limited"),
    ]
    assert resolve_issuers(records) == ["0607", "0607"]


def test_key_falls_back_to_the_start_of_the_sha256():
    assert resolve_issuers([record("x", sha="ab" * 32)]) == ["ab" * 6]


def test_pairs_follow_period_end_then_publication_then_arrival():
    records = [
        record("annual-2024", code="1", end="2024-12-31", published="2025-03-19"),
        record("interim-2023", code="1", end="2023-06-30", published="2023-08-22"),
        record("correction", code="1", end="2023-06-30", published="2023-09-01"),
        record("undated", code="1"),  # no period end: sorts first
        record("late-copy", code="1", end="2023-06-30", published="2023-09-01"),
    ]
    assert names(consecutive_pairs(records)) == [
        ("undated", "interim-2023"),
        ("interim-2023", "correction"),
        ("correction", "late-copy"),  # same period and date: arrival decides
        ("late-copy", "annual-2024"),
    ]


def test_only_comparable_filings_pair_and_copies_are_skipped():
    records = [
        record("results-1", code="1", end="2023-06-30"),
        record("board-1", code="1", group="list_of_directors", published="2021-12-30"),
        record("results-2", code="1", end="2023-12-31"),
        record("copy-of-results-2", code="1", end="2023-12-31", sha=f"{'results-2':0<64}"),
        record("board-2", code="1", group="list_of_directors", published="2022-06-24"),
        record("other-issuer", code="2", end="2023-09-30"),
    ]
    pairs = consecutive_pairs(records)
    assert sorted(names(pairs)) == [("board-1", "board-2"), ("results-1", "results-2")]
    assert {key for key, _, _ in pairs} == {"1"}


def test_same_issuers_and_neighbours_as_the_watch_store():
    """Many arrival orders of a small, uneven set (every fourth of the 120): the store
    (recording one at a time) and the pure functions agree on issuer keys and on each
    filing's predecessor."""
    base = [
        record("a", code="3896", issuer="Kingsoft Cloud", end="2023-06-30"),
        record("b", issuer="Kingsoft Cloud", end="2023-12-31"),
        record("c", prefix="kingsoft", end="2024-06-30"),
        record("d", prefix="kingsoft", code="3896"),
        record("e", issuer="Other Co", end="2023-12-31"),
    ]
    for order in itertools.islice(itertools.permutations(base), 0, None, 4):
        with Store(":memory:") as store:  # sqlite3's in-memory database: no disk writes
            stored_keys = []
            for item in order:
                key = store.resolve_issuer(item)
                store.record(item, key)
                stored_keys.append(key)
            assert resolve_issuers(order) == stored_keys
            expected = set()
            for key in set(stored_keys):
                ordered = [f.name for f in store.issuer_filings(key, "results")]
                expected |= set(itertools.pairwise(ordered))
        assert set(names(consecutive_pairs(order))) == expected


def test_order_key_is_the_stores_ordering():
    assert order_key(record("x", end="2023-06-30", published="2023-08-22"), 7) == (
        "2023-06-30", "2023-08-22", 7)


# --- the identity the pairing rules rely on, read from real announcements --------------

NOT_RESULTS = [
    # "POLL RESULTS OF ANNUAL GENERAL MEETING HELD ON 3 JUNE 2011": doc_type agm_results.
    "2011-06-03_agm-poll-and-director-change_en.pdf",
    # "POSITIVE PROFIT ALERT" heads the cover; a later paragraph mentions the annual results.
    "2012-02-02_profit-alert_en.pdf",
]


@pytest.mark.parametrize("name", NOT_RESULTS)
def test_poll_results_and_profit_alerts_are_not_results_announcements(corpus, name):
    from kcdiff.ingest import read_filing
    from kcdiff.service.identity import filing_record

    path = corpus / "hkex_anxin-china_1149" / "en" / name
    assert filing_record(read_filing(path), "0" * 64, path, path).doc_group != "results"


def test_each_language_version_pairs_with_the_previous_one_in_its_language(corpus):
    # Anxin's interim results of 30 August 2010 and annual results of 30 March 2011, each
    # in English and in Chinese, one stock code and one period each: the English annual
    # is compared with the English interim, the Chinese with the Chinese, and no version
    # with its translation.
    import hashlib

    from kcdiff.ingest import read_filing
    from kcdiff.service.identity import filing_record

    folder = corpus / "hkex_anxin-china_1149"
    paths = [folder / language / f"{stem}_{language}.pdf"
             for stem in ("2010-08-30_interim-results", "2011-03-30_annual-results")
             for language in ("en", "zh")]
    records = [filing_record(read_filing(path), hashlib.sha256(path.read_bytes()).hexdigest(),
                             path, path) for path in paths]
    assert sorted(names(consecutive_pairs(records))) == [
        ("2010-08-30_interim-results_en.pdf", "2011-03-30_annual-results_en.pdf"),
        ("2010-08-30_interim-results_zh.pdf", "2011-03-30_annual-results_zh.pdf")]
