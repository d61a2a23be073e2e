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
