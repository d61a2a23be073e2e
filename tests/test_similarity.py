"""Similarity measures (kcdiff/similarity.py): expected values worked out by hand."""

from __future__ import annotations

from collections import Counter

import pytest

from kcdiff.model import Block, Filing, Section
from kcdiff.similarity import (
    cosine,
    filing_similarity,
    jaccard,
    min_edit,
    redline_words,
    section_similarity,
    simple,
    tokens,
)
from kcdiff.wording import diff_sections


def section(*paragraphs: str, tables: tuple[str, ...] = ()) -> Section:
    blocks = tuple(Block("paragraph", text) for text in paragraphs)
    blocks += tuple(Block("table", text, rows=((text,),)) for text in tables)
    return Section(1, "Business review", "", 1, "business_review", blocks)


def test_tokens_lower_case_no_punctuation_numbers_whole():
    text = "The Company\u2019s revenue rose 12% to HK$1,234.5 million."
    assert tokens(text) == ["the", "company's", "revenue", "rose", "12%", "to", "hk",
                            "1,234.5", "million"]


def test_tokens_cjk_one_per_character_and_nfkc():
    assert tokens("本公司收入增加。") == ["本", "公", "司", "收", "入", "增", "加"]
    assert tokens("ＡＢＣ　１２３") == ["abc", "123"]  # full-width letters and digits


def test_no_stop_words_removed():
    assert tokens("the of and") == ["the", "of", "and"]


def test_cosine_of_term_frequencies():
    # (a: 2, b: 1) . (a: 1, b: 2) = 4; both norms sqrt(5)
    assert cosine(["a", "a", "b"], ["a", "b", "b"]) == pytest.approx(0.8)
    assert cosine(["a"], ["b"]) == 0.0


def test_jaccard_of_word_sets():
    assert jaccard(["a", "b", "c", "c"], ["b", "c", "d"]) == pytest.approx(2 / 4)


def test_min_edit_counts_words_and_divides_by_the_longer_text():
    # "cat" -> "dog" substituted, "on" inserted: 2 edits over 4 words
    assert min_edit("the cat sat".split(), "the dog sat on".split()) == pytest.approx(0.5)


def test_simple_is_changed_words_over_both_sides():
    assert simple(3, 10, 12) == pytest.approx(1 - 3 / 22)
    assert simple(0, 0, 0) == 1.0


@pytest.mark.parametrize("measure", [cosine, jaccard, min_edit])
def test_empty_texts(measure):
    assert measure([], []) == 1.0
    assert measure([], ["a"]) == 0.0
    assert measure(["a"], []) == 0.0


def test_one_figure_reworded_in_a_section():
    old = section("Revenue rose 10% in the year.")
    new = section("Revenue rose 12% in the year.")
    measured = section_similarity(diff_sections(old, new))
    # six words a side; "10%" deleted, "12%" inserted
    assert measured.simple == pytest.approx(1 - 2 / 12, abs=1e-6)
    assert measured.cosine == pytest.approx(5 / 6, abs=1e-6)
    assert measured.jaccard == pytest.approx(5 / 7, abs=1e-6)
    assert measured.min_edit == pytest.approx(1 - 1 / 6, abs=1e-6)


def test_a_moved_paragraph_is_kept_and_each_side_counted_once():
    first = "The Group's revenue for the year increased by twelve per cent."
    second = "Gross profit margin remained stable compared with last year."
    third = "The Board does not recommend the payment of a final dividend."
    diff = diff_sections(section(first, second, third), section(second, third, first))
    assert any(p.status == "moved_to" for p in diff.redline)
    old, new, changed = redline_words(diff)
    expected = Counter(tokens(first) + tokens(second) + tokens(third))
    assert Counter(old) == expected and Counter(new) == expected
    assert changed == 0
    assert section_similarity(diff).simple == 1.0


def test_added_removed_and_unchanged_sections():
    text = section("Revenue rose 10% in the year.")
    assert section_similarity(diff_sections(None, text)).cosine == 0.0
    assert section_similarity(diff_sections(text, None)).jaccard == 0.0
    unchanged = diff_sections(text, section("Revenue  rose 10% in the year."))
    assert unchanged.status == "unchanged"
    assert section_similarity(unchanged).min_edit == 1.0


def test_a_table_only_change_leaves_the_wording_measures_at_one():
    diff = diff_sections(section("Revenue by segment:", tables=("Cloud 100",)),
                         section("Revenue by segment:", tables=("Cloud 120",)))
    assert diff.status == "changed" and diff.tables_changed
    assert section_similarity(diff).cosine == 1.0


def test_a_filing_against_itself(interim_path):
    from kcdiff.compare import compare
    from kcdiff.ingest import read_filing

    filing = read_filing(interim_path)
    measured = filing_similarity(filing, filing, compare(filing, filing))
    assert (measured.cosine, measured.jaccard, measured.min_edit, measured.simple) == (
        1.0, 1.0, 1.0, 1.0)


def test_filing_words_leave_tables_out():
    filing = Filing("x.txt", "text", (Block("heading", "Results"),
                                      Block("table", "Revenue 100", rows=(("Revenue", "100"),)),
                                      Block("paragraph", "Revenue rose.")))
    other = Filing("y.txt", "text", (Block("heading", "Results"),
                                     Block("table", "Revenue 999", rows=(("Revenue", "999"),)),
                                     Block("paragraph", "Revenue rose.")))
    from kcdiff.compare import compare

    assert filing_similarity(filing, other, compare(filing, other)).cosine == 1.0
