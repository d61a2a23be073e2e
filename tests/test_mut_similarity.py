"""Similarity of sections added or removed whatever their text (issue 12)."""

from __future__ import annotations

from kcdiff.model import Block, Section
from kcdiff.similarity import NOTHING_IN_COMMON, section_similarity
from kcdiff.wording import diff_sections

# A section of the annual sample that is only a table (no paragraph for the redline).
TABLE = Block("table", "Gearing ratio\t127.2%\t36.2%",
              rows=(("Gearing ratio", "127.2%", "36.2%"),))


def test_an_added_or_removed_section_shares_nothing_even_with_no_words():
    section = Section(3, "Gearing Ratio", "", 2, "mdna", (TABLE,))
    added, removed = diff_sections(None, section), diff_sections(section, None)
    assert (added.status, removed.status) == ("added", "removed")
    assert added.redline == () == removed.redline
    assert section_similarity(added) == NOTHING_IN_COMMON
    assert section_similarity(removed) == NOTHING_IN_COMMON


def test_a_text_against_itself_scores_exactly_one_never_more():
    # Three distinct words: sqrt(3) * sqrt(3) is 2.9999999999999996 in floating point.
    from kcdiff.similarity import cosine, tokens

    words = tokens("Gearing Ratio calculated")
    assert len(set(words)) == 3
    assert cosine(words, words) == 1.0


def test_simple_against_an_empty_side_is_the_share_of_words_changed():
    from kcdiff.similarity import simple

    assert simple(5, 0, 5) == 0.0  # five words inserted where there were none
    assert simple(0, 0, 0) == 1.0
    assert simple(2, 4, 0) == 0.5


def test_the_measures_are_rounded_to_six_places():
    def paragraphs(*texts):
        return Section(1, "Revenue", "", 2, "mdna", tuple(Block("paragraph", t) for t in texts))

    # One word of three shared: cosine 1/3, min_edit 1/3, simple 1 - 4/6.
    diff = diff_sections(paragraphs("Revenue increased significantly"),
                         paragraphs("Revenue decreased slightly"))
    measured = section_similarity(diff)
    assert (measured.cosine, measured.min_edit, measured.simple) == (0.333333,) * 3
    # One word of two shared: jaccard 1/3.
    diff = diff_sections(paragraphs("Revenue increased"), paragraphs("Revenue decreased"))
    assert section_similarity(diff).jaccard == 0.333333
