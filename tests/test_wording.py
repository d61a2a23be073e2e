"""Word-level redline, moves, routine period edits and amounts."""

from __future__ import annotations

from kcdiff.model import Block, Section
from kcdiff.wording import diff_sections, diff_words, is_routine


def section(*paragraphs: str, title: str = "Business Review") -> Section:
    blocks = tuple(Block("paragraph", text) for text in paragraphs)
    return Section(0, title, "", 1, "business_review", blocks)


INTERIM = ("During the Reporting Period, total revenues reached RMB3,699.8 million "
           "(US$510.2 million).")
ANNUAL = ("During the Reporting Period, total revenues reached RMB7,785.2 million "
          "(US$1,066.6 million) in 2024, increased by 10.5% year-over-year.")


def test_changed_amounts_are_word_edits_marked_as_amounts():
    words = diff_words(INTERIM, ANNUAL)
    changed = [(e.old, e.new) for e in words.edits]
    assert ("3,699.8", "7,785.2") in changed
    assert all(e.amounts for e in words.edits if e.old == "3,699.8")
    rebuilt = "".join(s.text for s in words.spans if s.kind != "delete")
    assert rebuilt == ANNUAL


def test_period_roll_forward_is_routine():
    words = diff_words("for the six months ended June 30, 2023 and",
                       "for the year ended December 31, 2024 and")
    assert len(words.edits) == 1
    assert words.edits[0].routine
    assert is_routine("first half of 2022", "2023")
    assert not is_routine("increased", "decreased")
    assert not is_routine("RMB3,699.8", "RMB7,785.2")


def test_quotes_dashes_and_spaces_are_not_changes():
    words = diff_words('the "Board" - and  the Group', "the \u201cBoard\u201d \u2013 and the Group")
    assert words.edits == ()


def test_paragraph_moved_within_section_is_a_move():
    first = "Our distributed infrastructure is the foundation of our technology and our growth."
    second = "We purchase servers, network equipment and network resources from suppliers."
    third = "Our suppliers primarily include IDC operators and server providers in China."
    diff = diff_sections(section(first, second, third), section(second, third, first))
    assert [e.op for e in diff.edits] == ["move"]
    assert diff.status == "changed"
    assert [p.status for p in diff.redline] == ["moved_from", "equal", "equal", "moved_to"]


def test_inserted_and_deleted_paragraphs_and_similarity():
    kept = "We offer competitive compensations for our employees and reward good performance."
    dropped = "An old paragraph that was dropped entirely here."
    added = "ESG has been an important part of our corporate strategies."
    diff = diff_sections(section(kept, dropped), section(kept, added))
    assert sorted(e.op for e in diff.edits) == ["delete", "insert"]
    assert 0.3 < diff.similarity < 0.9


def test_identical_sections_are_unchanged():
    diff = diff_sections(section(INTERIM), section(INTERIM))
    assert diff.status == "unchanged" and diff.similarity == 1.0 and diff.edits == ()


def test_real_section_pair(interim_path, annual_path):
    from kcdiff.ingest import read_filing
    from kcdiff.segment import segment

    old = next(s for s in segment(read_filing(interim_path)) if s.title == "GEARING RATIO")
    new = next(s for s in segment(read_filing(annual_path)) if s.title == "Gearing Ratio")
    diff = diff_sections(old, new)
    changes = {(e.old, e.new) for e in diff.edits}
    # The ratio moved: a substantive amount edit, kept apart from the routine date edits.
    assert ("21.3%", "127.2%") in changes
    assert ("20.1%", "36.2%") in changes
    assert ("bank loans, loans from", "borrowings from third parties and") in changes
    routine = {(e.old, e.new) for e in diff.edits if e.routine}
    assert ("2022", "2023") in routine
    assert not any(e.routine for e in diff.edits if "%" in e.new)


MOVED = "Our suppliers primarily include IDC operators and server providers in China and abroad."
STAY_1 = "We purchase servers, network equipment and network resources from suppliers."
STAY_2 = "Our distributed infrastructure is the foundation of our technology and our growth."


def _moved_to(old_text: str, new_text: str) -> list[str]:
    """Statuses when ``old_text`` stands first in the old section and ``new_text`` last in
    the new one, with two unchanged paragraphs between them."""
    diff = diff_sections(section(old_text, STAY_1, STAY_2), section(STAY_1, STAY_2, new_text))
    return [p.status for p in diff.redline]


def test_moved_paragraph_at_exactly_the_move_similarity_is_a_move():
    # 90 characters against 110 that contain them: fuzz.ratio = 2 * 90 / 200 = 90.0, the
    # threshold itself, and the longest length a 90-character paragraph can move to.
    old_text = "aaa" + " bb" * 28 + " c" + "d"
    longer = old_text + " tail words" + " eeeeeeee"
    assert (len(old_text), len(longer)) == (90, 110)
    assert _moved_to(old_text, longer) == ["moved_from", "equal", "equal", "moved_to"]


def test_moved_paragraph_just_below_the_move_similarity_is_not_a_move():
    old_text = "aaa" + " bb" * 28 + " c" + "d"
    longer = old_text + " tail words" + " eeeeeeeee"  # 111 characters: ratio 89.6
    assert _moved_to(old_text, longer) == ["deleted", "equal", "equal", "inserted"]


def test_reworded_paragraph_moved_elsewhere_is_a_move_with_its_edits():
    reworded = MOVED.replace("and abroad", "and overseas")
    assert _moved_to(MOVED, reworded) == ["moved_from", "equal", "equal", "moved_to"]
