"""Wording thresholds, each checked just either side, on the samples' own sentences
(issue 12: mutation testing)."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

from kcdiff import wording
from kcdiff.model import Block, Section
from kcdiff.text.normalize import comparable, word_count
from kcdiff.wording import diff_sections, diff_words

CONTINGENT_2023 = ("As of June 30, 2023, the Group did not have any material contingent "
                   "liabilities.")
CONTINGENT_2024 = ("As of December 31, 2024, the Group did not have any material contingent "
                   "liabilities.")
# The same sentence as HKEX announcements often word it ("As at"): one word more changed.
CONTINGENT_AS_AT = ("As at December 31, 2024, the Group did not have any material contingent "
                    "liabilities.")
EXPOSURE = ("We transact a majority of our business in RMB, and have transactional currency "
            "exposures.")
GEARING = ("Gearing ratio is calculated by dividing the sum of bank loans, loans from related "
           "parties and lease liabilities by total equity and multiplied by 100%.")
RND = ("During the Reporting Period, our research and development expenses were RMB409.3 "
       "million (US$56.4 million) and our research and development personnel reached 1,176 as "
       "of June 30, 2023.")
OPERATING_LOSS = ("Operating loss was RMB961.0 million (US$132.5 million), compared with "
                  "operating loss of RMB1,084.9 million in the same period of 2022.")
HEADLINE_2023 = ("(1) INTERIM RESULTS ANNOUNCEMENT FOR THE SIX MONTHS ENDED JUNE 30, 2023; "
                 "AND (2) RESIGNATION OF JOINT COMPANY SECRETARY")
HEADLINE_PUBLICATION = "PUBLICATION OF THE INTERIM RESULTS ANNOUNCEMENT AND INTERIM REPORT"


def section(*paragraphs: str, table: Block | None = None) -> Section:
    blocks = tuple(Block("paragraph", text) for text in paragraphs)
    return Section(0, "Business Review", "", 1, "mdna", blocks + ((table,) if table else ()))


def ratio(a: str, b: str) -> float:
    return fuzz.ratio(comparable(a), comparable(b))


def test_a_paragraph_moved_and_edited_is_a_move_from_90_percent_alike():
    assert ratio(CONTINGENT_2023, CONTINGENT_2024) == pytest.approx(91.46, abs=0.01)
    assert ratio(CONTINGENT_2023, CONTINGENT_AS_AT) == pytest.approx(89.02, abs=0.01)
    old = section(CONTINGENT_2023, EXPOSURE, GEARING)
    moved = diff_sections(old, section(EXPOSURE, GEARING, CONTINGENT_2024))
    assert [p.status for p in moved.redline] == ["moved_from", "equal", "equal", "moved_to"]
    assert [e.op for e in moved.edits][0] == "move"
    # Its rolled-forward date is a routine word edit inside the move.
    assert all(e.routine for e in moved.edits[1:]) and len(moved.edits) > 1
    rewritten = diff_sections(old, section(EXPOSURE, GEARING, CONTINGENT_AS_AT))
    assert [p.status for p in rewritten.redline] == ["deleted", "equal", "equal", "inserted"]
    assert [e.op for e in rewritten.edits] == ["delete", "insert"]


def test_a_moved_paragraph_needs_five_words():
    five = "RESIGNATION OF JOINT COMPANY SECRETARY"
    four = "RESIGNATION OF COMPANY SECRETARY"
    assert (word_count(five), word_count(four)) == (5, 4)
    for heading, is_move in ((five, True), (four, False)):
        diff = diff_sections(section(heading, EXPOSURE, GEARING),
                             section(EXPOSURE, GEARING, heading))
        assert ("move" in [e.op for e in diff.edits]) is is_move, heading


def test_paragraphs_are_paired_for_a_word_diff_from_45_percent_alike():
    assert ratio(RND, OPERATING_LOSS) == pytest.approx(44.65, abs=0.01)
    assert ratio(HEADLINE_2023, HEADLINE_PUBLICATION) == pytest.approx(46.49, abs=0.01)
    unlike = diff_sections(section(EXPOSURE, RND), section(EXPOSURE, OPERATING_LOSS))
    assert [p.status for p in unlike.redline] == ["equal", "deleted", "inserted"]
    alike = diff_sections(section(EXPOSURE, HEADLINE_2023),
                          section(EXPOSURE, HEADLINE_PUBLICATION))
    assert [p.status for p in alike.redline] == ["equal", "changed"]


def test_changes_two_words_apart_are_one_edit_three_apart_two():
    # The gearing ratios of the two samples (21.3% and 20.1%; 127.2% and 36.2%).
    merged = diff_words("ratio was 21.3% and then 20.1%", "ratio was 127.2% and then 36.2%")
    assert [(e.old, e.new) for e in merged.edits] == [
        ("21.3% and then 20.1%", "127.2% and then 36.2%")]
    apart = diff_words("ratio was 21.3% as compared with 20.1%",
                       "ratio was 127.2% as compared with 36.2%")
    assert [(e.old, e.new) for e in apart.edits] == [("21.3%", "127.2%"), ("20.1%", "36.2%")]


def test_a_rolled_year_next_to_a_new_figure_stays_two_edits():
    words = diff_words("(as of December 31, 2022: 20.1%)", "(as of December 31, 2023: 36.2%)")
    assert [(e.old, e.new, e.routine, e.amounts) for e in words.edits] == [
        ("2022", "2023", True, False), ("20.1%", "36.2%", False, True)]


def test_similarity_counts_kept_words_twice_over_both_sides():
    diff = diff_sections(section(EXPOSURE, RND), section(EXPOSURE, OPERATING_LOSS))
    kept, dropped, added = word_count(EXPOSURE), word_count(RND), word_count(OPERATING_LOSS)
    assert diff.similarity == round(2 * kept / (2 * kept + dropped + added), 4)
    assert diff_sections(section(), section()).similarity == 1.0


def test_a_changed_table_changes_the_section_and_counts_its_kept_rows():
    rows_2023 = (("Gearing ratio", "21.3%"), ("Total equity", "7,885.1"))
    rows_2024 = (("Gearing ratio", "127.2%"), ("Total equity", "7,885.1"))
    table = [Block("table", "\n".join("\t".join(r) for r in rows), rows=rows)
             for rows in (rows_2023, rows_2024)]
    same = diff_sections(section(GEARING, table=table[0]), section(GEARING, table=table[0]))
    assert (same.status, same.tables_changed, same.similarity) == ("unchanged", False, 1.0)
    diff = diff_sections(section(GEARING, table=table[0]), section(GEARING, table=table[1]))
    assert (diff.status, diff.tables_changed, diff.edits) == ("changed", True, ())
    text, kept_row = word_count(GEARING), word_count("Total equity 7,885.1")
    total = 2 * text + word_count(table[0].text) + word_count(table[1].text)
    assert diff.similarity == round((2 * text + 2 * kept_row) / total, 4)


def test_a_paragraph_moved_whole_keeps_every_word():
    diff = diff_sections(section(CONTINGENT_2023, EXPOSURE, GEARING),
                         section(EXPOSURE, GEARING, CONTINGENT_2023))
    assert [e.op for e in diff.edits] == ["move"]
    assert diff.similarity == 1.0


def test_nothing_is_a_routine_edit_of_nothing():
    from kcdiff.wording import is_routine

    assert not is_routine("", "")
    assert is_routine("June 30, 2023", "December 31, 2024")


GEARING_2024 = ("Gearing ratio is calculated by dividing the sum of borrowings from third parties "
                "and related parties and lease liabilities by total equity and multiplied by "
                "100%.")
LITIGATION = ("For the Reporting Period, the Company was not involved in any material litigation "
              "or arbitration.")


def redline(diff) -> list[tuple[str, str]]:
    return [(p.status, "".join(s.text for s in p.spans if s.kind != "delete")[:20])
            for p in diff.redline]


def test_a_region_pairs_each_paragraph_with_its_rewording_in_order():
    # Contingent liabilities and gearing reworded, a litigation paragraph added between.
    diff = diff_sections(section(EXPOSURE, CONTINGENT_2023, GEARING, HEADLINE_PUBLICATION),
                         section(EXPOSURE, CONTINGENT_2024, LITIGATION, GEARING_2024,
                                 HEADLINE_PUBLICATION))
    assert redline(diff) == [
        ("equal", EXPOSURE[:20]), ("changed", CONTINGENT_2024[:20]),
        ("inserted", LITIGATION[:20]), ("changed", GEARING_2024[:20]),
        ("equal", HEADLINE_PUBLICATION[:20])]


def test_paragraphs_with_no_rewording_in_the_region_are_deleted_where_they_stood():
    diff = diff_sections(section(EXPOSURE, LITIGATION, CONTINGENT_2023, GEARING),
                         section(EXPOSURE, GEARING_2024))
    assert [p.status for p in diff.redline] == ["equal", "deleted", "deleted", "changed"]
    assert redline(diff)[3] == ("changed", GEARING_2024[:20])


def test_an_added_section_is_shown_whole_as_inserted_with_its_number_and_level():
    added = Section(7, "Corporate Governance", "9", 2, "governance",
                    (Block("paragraph", LITIGATION), Block("paragraph", GEARING)))
    diff = diff_sections(None, added)
    assert (diff.status, diff.old_number, diff.new_number, diff.level) == ("added", "", "9", 2)
    assert [(p.status, [(s.kind, s.text) for s in p.spans]) for p in diff.redline] == [
        ("inserted", [("insert", LITIGATION)]), ("inserted", [("insert", GEARING)])]


def test_a_removed_section_is_shown_whole_as_deleted_with_its_old_number():
    removed = Section(4, "Contingent Liabilities", "4", 1, "mdna",
                      (Block("paragraph", CONTINGENT_2023),))
    diff = diff_sections(removed, None)
    assert (diff.status, diff.old_number, diff.new_number, diff.level) == (
        "removed", "4", "", 1)
    assert [(p.status, [(s.kind, s.text) for s in p.spans]) for p in diff.redline] == [
        ("deleted", [("delete", CONTINGENT_2023)])]


def test_each_edit_says_whether_words_were_replaced_inserted_or_deleted():
    diff = diff_words(EXPOSURE, EXPOSURE.replace("a majority of ", ""))
    assert [(edit.op, edit.old, edit.new) for edit in diff.edits] == [
        ("delete", "a majority of", "")]
    diff = diff_words(EXPOSURE.replace("a majority of ", ""), EXPOSURE)
    assert [(edit.op, edit.old, edit.new) for edit in diff.edits] == [
        ("insert", "", "a majority of")]
    diff = diff_words(EXPOSURE, EXPOSURE.replace("majority", "minority"))
    assert [(edit.op, edit.old, edit.new) for edit in diff.edits] == [
        ("replace", "majority", "minority")]


def test_paragraphs_less_alike_than_the_pair_threshold_are_never_paired(monkeypatch):
    # Old 0 and new 0 are 15% alike; pairing them and then old 1 with new 1 (45%) totals
    # 60, exactly as much as old 1 with new 0 (60%) alone: the tie must not pair old 0.
    ratios = {("o0", "n0"): 15, ("o0", "n1"): 20, ("o1", "n0"): 60, ("o1", "n1"): 45}

    class Ratios:
        @staticmethod
        def ratio(old: str, new: str) -> float:
            return ratios[old, new]

    monkeypatch.setattr(wording, "fuzz", Ratios)
    old = [wording._Paragraph(key, key, 5) for key in ("o0", "o1")]
    new = [wording._Paragraph(key, key, 5) for key in ("n0", "n1")]
    assert wording._pair_in_order(old, new, [0, 1], [0, 1]) == {0: 1}


def test_a_changed_section_keeps_both_titles_numbers_and_the_new_level():
    old = Section(3, "Contingent Liabilities", "4", 1, "mdna",
                  (Block("paragraph", CONTINGENT_2023),))
    new = Section(5, "CONTINGENT LIABILITIES", "5", 2, "mdna",
                  (Block("paragraph", CONTINGENT_2024),))
    diff = diff_sections(old, new)
    assert (diff.status, diff.old_title, diff.new_title, diff.old_number, diff.new_number,
            diff.level) == ("changed", "Contingent Liabilities", "CONTINGENT LIABILITIES", "4",
                            "5", 2)


def test_an_unchanged_section_has_no_redline():
    same = section(EXPOSURE, GEARING)
    diff = diff_sections(same, same)
    assert (diff.status, diff.redline, diff.edits) == ("unchanged", (), ())
