"""Alignment scores, thresholds and tie-breaks, each checked on both sides (issue 12).

The headings and paragraphs are the two samples' own (Kingsoft Cloud's 2023 interim and
2024 annual results). The expected scores are worked out by hand from the formula in
``kcdiff/align.py``'s docstring: 0.55 title + 0.30 content + 0.10 category + 0.05
position, a pair kept from 0.55.
"""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

from kcdiff import align as align_module
from kcdiff.align import MIN_SCORE, align, candidate_scores
from kcdiff.model import Block, Section

GEARING_2023 = ("Gearing ratio is calculated by dividing the sum of bank loans, loans from "
                "related parties and lease liabilities by total equity and multiplied by 100%. "
                "As of June 30, 2023, the gearing ratio of the Group was 21.3% (as of "
                "December 31, 2022: 20.1%).")
CONTINGENT_2023 = ("As of June 30, 2023, the Group did not have any material contingent "
                   "liabilities.")
LITIGATION_2024 = ("For the Reporting Period, the Company was not involved in any material "
                   "litigation or arbitration which may have a material adverse effect on the "
                   "Group's operation, and the Directors are also not aware of any material "
                   "litigation or claims that were pending or threatened against the Group.")
EXPOSURE = ("We transact a majority of our business in RMB, and have transactional currency "
            "exposures.")
# Headings of the annual sample, each over a paragraph that shares nothing with the others.
FILLERS = [
    ("Capital Expenditures", "Our capital expenditures were primarily for servers."),
    ("Employees and Remuneration", "We had 10,907 full-time employees in total."),
    ("Pledge of Assets", "No assets of the Group were pledged to secure any loans."),
    ("Material Investments", "The Group did not hold any significant investments."),
    ("Future Plans", "There is no plan for material investments or capital assets."),
    ("Corporate Governance", "The Company has complied with the Code provisions."),
    ("Audit Committee", "The audit committee has reviewed the annual results."),
    ("Final Dividend", "The Board does not recommend a final dividend."),
    ("Purchase, Sale or Redemption", "Neither the Company nor its subsidiaries bought shares."),
    ("Model Code", "The Company has adopted the Model Code for securities transactions."),
]


def sec(index: int, title: str, *paragraphs: str, category: str = "mdna") -> Section:
    return Section(index, title, "", 1, category,
                   tuple(Block("paragraph", text) for text in paragraphs))


def cover(title: str = "ANNOUNCEMENT OF RESULTS") -> Section:
    return sec(0, title, "KINGSOFT CLOUD HOLDINGS LIMITED", category="cover")


def fillers(start: int, count: int) -> list[Section]:
    return [sec(start + k, title, text) for k, (title, text) in enumerate(FILLERS[:count])]


def test_an_identical_section_scores_one_and_each_weight_counts():
    old = [cover(), sec(1, "GEARING RATIO", GEARING_2023)]
    assert candidate_scores(old, [cover(), sec(1, "Gearing Ratio", GEARING_2023)])[(1, 1)] \
        == pytest.approx(1.0)
    # Another category: 1.0 - 0.10.
    other = [cover(), sec(1, "Gearing Ratio", GEARING_2023, category="governance")]
    assert candidate_scores(old, other)[(1, 1)] == pytest.approx(0.90)


def test_position_counts_five_percent_of_how_far_a_section_moved():
    # Old: 2nd of 3 (half way); new: last of 5 (all the way): position 1 - |1/2 - 4/4|.
    old = [cover(), sec(1, "GEARING RATIO", GEARING_2023), sec(2, *FILLERS[0])]
    new = [cover(), *fillers(1, 3)[1:], sec(3, *FILLERS[3]), sec(4, "Gearing Ratio", GEARING_2023)]
    assert candidate_scores(old, new)[(1, 4)] == pytest.approx(0.95 + 0.05 * 0.5)


def test_a_heading_without_text_is_known_by_its_title_alone():
    # Both bare headings: the title stands for the content too (0.85 title + 0.15).
    old = [cover(), sec(1, "Material Investments")]
    new = [cover(), sec(1, "Material Litigation")]
    title = max(fuzz.ratio("material investment", "material litigation"),
                0.92 * fuzz.token_set_ratio("material investment", "material litigation")) / 100
    assert candidate_scores(old, new)[(1, 1)] == pytest.approx(0.85 * title + 0.15)
    # Only one side bare: its content is nothing like the other's (0.55 + 0 + 0.15).
    new = [cover(), sec(1, "Material Investments", LITIGATION_2024)]
    assert candidate_scores(old, new)[(1, 1)] == pytest.approx(0.70)


def test_min_score_is_kept_at_exactly_055_and_dropped_just_under():
    # A bare heading (no content) against the same heading over text, another category,
    # at opposite ends of the two filings (position 0): 0.55 * title and nothing else.
    old = [sec(0, "GEARING RATIO"), sec(1, *FILLERS[0])]
    new = [sec(0, *FILLERS[1]), sec(1, *FILLERS[2]),
           sec(2, "Gearing Ratio", GEARING_2023, category="governance")]
    scores = candidate_scores(old, new)
    assert scores[(0, 2)] == pytest.approx(MIN_SCORE)
    alignment = align(old, new)
    assert (0, 2) in {(i, j) for i, j, _ in alignment.pairs}
    # "Gearing Ratio Analysis" is 0.92 alike (one title plus a word): 0.506, dropped.
    new[2] = sec(2, "Gearing Ratio Analysis", GEARING_2023, category="governance")
    assert (0, 2) not in candidate_scores(old, new)
    assert 0 in align(old, new).only_old
    # The same title 0.92 alike at the same place (position 1): 0.556, kept.
    near = [sec(0, "Gearing Ratio Analysis", GEARING_2023, category="governance"),
            sec(1, *FILLERS[1])]
    assert candidate_scores(old, near)[(0, 0)] == pytest.approx(0.55 * 0.92 + 0.05)
    assert (0, 0) in {(i, j) for i, j, _ in align(old, near).pairs}


def test_the_covers_pair_with_each_other_and_nothing_else():
    old = [cover("INTERIM RESULTS ANNOUNCEMENT"), sec(1, "GEARING RATIO", GEARING_2023)]
    # The new filing repeats the old cover's heading and text as a section of its own.
    new = [cover("ANNUAL RESULTS ANNOUNCEMENT"), sec(1, "GEARING RATIO", GEARING_2023),
           sec(2, "INTERIM RESULTS ANNOUNCEMENT", "KINGSOFT CLOUD HOLDINGS LIMITED",
               category="cover")]
    scores = candidate_scores(old, new)
    assert scores[(0, 0)] == 1.0
    assert not any((i == 0) != (j == 0) for i, j in scores)
    alignment = align(old, new)
    assert alignment.pairs[0] == (0, 0, 1.0)
    assert alignment.only_new == (2,)
    # Only one side opens with a cover: nothing is forced.
    plain = [sec(0, "GEARING RATIO", GEARING_2023)]
    assert (0, 0) not in candidate_scores(plain, new)


def test_unlike_titles_are_compared_only_within_four_sections_of_their_place():
    # "CONTINGENT LIABILITIES" renamed "Guarantees" (titles 27% alike: no title candidate)
    # over the same text, moved four places on: still compared and paired; five: not.
    old = [cover(), sec(1, "CONTINGENT LIABILITIES", CONTINGENT_2023), *fillers(2, 8)]
    for moved, paired in ((5, True), (6, False)):
        rest = fillers(1, 8)
        new = [cover(), *rest[:moved - 1], sec(moved, "Guarantees", CONTINGENT_2023),
               *rest[moved - 1:]]
        new = [sec(k, s.title, *(b.text for b in s.blocks), category=s.category)
               for k, s in enumerate(new)]
        pairs = {(i, j) for i, j, _ in align(old, new).pairs}
        assert ((1, moved) in pairs) is paired, moved
        assert ((1, moved) in candidate_scores(old, new)) is paired


def test_a_grown_section_counts_its_partial_match_from_three_times_the_length():
    # The old text printed whole inside a new one: partial match 100%, worth 0.9.
    short = CONTINGENT_2023.lower()
    filler = " the group had no guarantees" * 20
    old = [cover(), sec(1, "CONTINGENT LIABILITIES", CONTINGENT_2023)]

    def grown_score(length: int) -> float:
        text = (short + filler)[:length]
        return candidate_scores(old, [cover(), sec(1, "Contingent Liabilities", text)])[(1, 1)]

    plain = fuzz.ratio(short, (short + filler)[:3 * len(short) - 1]) / 100
    # One character short of three times as long: the plain match only.
    assert grown_score(3 * len(short) - 1) == pytest.approx(0.55 + 0.30 * plain + 0.15)
    # Exactly three times: the partial match counts (0.9 of 100%).
    assert grown_score(3 * len(short)) == pytest.approx(0.55 + 0.30 * 0.9 + 0.15)


def test_scores_are_rounded_and_pairs_listed_in_new_order():
    old = [cover(), sec(1, "GEARING RATIO", GEARING_2023),
           sec(2, "CONTINGENT LIABILITIES", CONTINGENT_2023),
           sec(3, "FOREIGN EXCHANGE EXPOSURE", EXPOSURE)]
    # The annual sample prints Contingent Liabilities after Gearing Ratio and Exposure
    # before both.
    new = [cover(), sec(1, "Foreign Exchange Exposure", EXPOSURE),
           sec(2, "Gearing Ratio", GEARING_2023),
           sec(3, "Contingent Liabilities", CONTINGENT_2023)]
    alignment = align(old, new)
    assert [(i, j) for i, j, _ in alignment.pairs] == [(0, 0), (3, 1), (1, 2), (2, 3)]
    assert all(score == round(score, 4) for _, _, score in alignment.pairs)
    # Moved from last of four to second: position 1 - |3/3 - 1/3|.
    assert dict(((i, j), s) for i, j, s in alignment.pairs)[(3, 1)] == \
        round(0.95 + 0.05 * (1 - 2 / 3), 4)
    assert alignment.only_old == () and alignment.only_new == ()


def test_a_moved_pair_at_exactly_min_score_is_still_aligned():
    # "GEARING RATIO" (a bare heading) went from first to last and another category:
    # 0.55 exactly, crossing the pair that kept its text (0.95), so it is paired as moved.
    old = [sec(0, "GEARING RATIO"), sec(1, *FILLERS[0])]
    new = [sec(0, *FILLERS[0]), sec(1, "Gearing Ratio", GEARING_2023, category="governance")]
    scores = candidate_scores(old, new)
    assert scores[(0, 1)] == pytest.approx(MIN_SCORE)
    assert scores[(1, 0)] == pytest.approx(0.95)
    alignment = align(old, new)
    assert [(i, j) for i, j, _ in alignment.pairs] == [(1, 0), (0, 1)]
    assert alignment.only_old == () == alignment.only_new


GROUP = ("Gearing Ratio (Group)",
         "Gearing ratio is calculated by dividing borrowings by equity.")
COMPANY = ("Gearing Ratio (Company)",
           "Gearing ratio is calculated by dividing the Company's borrowings by its equity.")


def test_two_moved_look_alikes_for_one_place_pair_the_one_with_its_text():
    # Both gearing sections left their place and both could pair with the one the new
    # filing keeps (an assignment of two sections to one place): the Group's, by its text.
    old = [cover(), sec(1, *FILLERS[0]), sec(2, *GROUP), sec(3, *COMPANY)]
    reworded = "Gearing ratio is calculated by dividing total borrowings by total equity."
    new = [cover(), sec(1, GROUP[0], reworded), sec(2, *FILLERS[0])]
    alignment = align(old, new)
    assert {(i, j) for i, j, _ in alignment.pairs} == {(0, 0), (1, 2), (2, 1)}
    assert alignment.only_old == (3,) and alignment.only_new == ()


def test_a_heading_is_absorbed_only_when_its_text_is_printed_too():
    # "Executive Directors" and its names are lines of the new list: aligned with it.
    # "Audit Committee" is printed there too, but not its members: removed.
    old = [cover(), sec(1, "List of Directors", "The board comprises:", category="governance"),
           sec(2, "Audit Committee", "Mr. Chan (Chairman)", category="governance"),
           sec(3, "Executive Directors", "Mr. Wang Wei", "Ms. Li Na", category="governance")]
    lines = ("The board comprises:", "Audit Committee", "Executive Directors", "Mr. Wang Wei",
             "Ms. Li Na")
    new = [cover(), sec(1, "List of Directors", *lines, category="governance")]
    alignment = align(old, new)
    assert (3, 1) in {(i, j) for i, j, _ in alignment.pairs}
    assert alignment.only_old == (2,)


ACQUISITIONS_2023 = ("During fiscal 2023, we completed three individually immaterial acquisitions "
                     "for total aggregate cash purchase consideration of $1.5 billion.")


def test_a_heading_set_over_sub_notes_is_neither_added_nor_removed():
    # Home Depot's 10-Ks: FY2023 prints note 13's text under "13. ACQUISITIONS"; FY2024
    # sets the heading alone over sub-notes, the FY2023 text under "Fiscal 2023
    # Acquisitions". The bare heading goes with the note it heads, on either side.
    old = [cover(), sec(1, "13. ACQUISITIONS", ACQUISITIONS_2023), sec(2, *FILLERS[0])]
    new = [cover(), sec(1, "13. ACQUISITIONS"), sec(2, "Fiscal 2023 Acquisitions",
                                                    ACQUISITIONS_2023), sec(3, *FILLERS[0])]
    alignment = align(old, new)
    assert {(1, 1), (1, 2), (2, 3)} <= {(i, j) for i, j, _ in alignment.pairs}
    assert alignment.only_old == alignment.only_new == ()
    backwards = align(new, old)
    assert {(1, 1), (2, 1)} <= {(i, j) for i, j, _ in backwards.pairs}
    assert backwards.only_old == backwards.only_new == ()


def test_a_bare_heading_the_other_filing_does_not_print_is_added():
    old = [cover(), sec(1, "Fiscal 2023 Acquisitions", ACQUISITIONS_2023)]
    new = [cover(), sec(1, "13. BUSINESS COMBINATIONS"),
           sec(2, "Fiscal 2023 Acquisitions", ACQUISITIONS_2023)]
    assert align(old, new).only_new == (1,)


def test_a_bare_heading_printed_twice_in_the_other_filing_goes_with_the_nearer():
    # "Revenue" heads a note early and a segment table late in the other filing; a bare
    # "Revenue" four fifths of the way down goes with the late one.
    bare = [cover(), *fillers(1, 3), sec(4, "Revenue"), sec(5, *FILLERS[5])]
    other = [cover(), sec(1, "Revenue", "Revenue from contracts with customers."),
             *fillers(2, 3), sec(5, "Revenue", "Revenue by segment."), sec(6, *FILLERS[5])]
    partner = {m: m for m in (0, 1, 2, 3, 4, 5, 6)}
    assert align_module._bare_headings(bare, other, {0, 1, 2, 3, 5}, partner) == [(4, 5)]


def test_the_order_keeping_chain_is_the_heaviest_increasing_one():
    # Old 1 -> new 2 (0.8) outweighs old 2 -> new 1 (0.7) after old 0 -> new 0.
    pairs = [(0, 0, 0.9), (1, 2, 0.8), (2, 1, 0.7)]
    assert align_module._heaviest_chain(pairs, 3) == [(0, 0, 0.9), (1, 2, 0.8)]
    # Two in order (0.6 + 0.6) outweigh either crossing pair (0.9) alone.
    crossing = [(0, 0, 0.6), (0, 1, 0.9), (1, 0, 0.9), (1, 1, 0.6)]
    assert align_module._heaviest_chain(crossing, 2) == [(0, 0, 0.6), (1, 1, 0.6)]


def test_sections_without_a_heading_are_never_paired_by_their_empty_titles():
    # Two untitled runs of text, once next to each other and once eight sections apart:
    # an empty title is no evidence, and text alone (at most 0.45) does not pair them.
    untitled = sec(0, "", GEARING_2023)
    assert candidate_scores([untitled, *fillers(1, 2)], [sec(0, "", GEARING_2023),
                                                         *fillers(1, 2)]) == {
        (1, 1): 1.0, (2, 2): 1.0}
    far = [*fillers(0, 8), sec(8, "", GEARING_2023)]
    assert (0, 8) not in candidate_scores([untitled, *fillers(1, 8)], far)


def test_a_new_section_claimed_by_two_moved_ones_goes_to_the_cheapest_whole():
    # Cost: 1 - score a pair, 0.45 (as a pair at MIN_SCORE) for leaving one old and one
    # new section unpaired. Old 0 -> new 1 at 0.8 and old 1 -> new 0 at 0.8 (0.4) beat
    # old 0 -> new 0 at 0.9 with two left over (0.1 + 0.45) ...
    assert sorted(align_module._assign([(0, 0, 0.9), (0, 1, 0.8), (1, 0, 0.8)])) == [
        (0, 1, 0.8), (1, 0, 0.8)]
    # ... but not at 0.6 and 0.8 (0.6).
    assert align_module._assign([(0, 0, 0.9), (0, 1, 0.6), (1, 0, 0.8)]) == [(0, 0, 0.9)]


class CountedFuzz:
    """align's rapidfuzz scorers, counted: which content matches a pair costs (titles
    are compared as before, uncounted)."""

    token_set_ratio = staticmethod(fuzz.token_set_ratio)

    def __init__(self) -> None:
        self.calls: list[tuple[str, float]] = []
        self.texts: list[tuple[str, ...]] = []

    def ratio(self, *texts: str, score_cutoff: float = 0.0) -> float:
        self.calls.append(("ratio", score_cutoff))
        self.texts.append(texts)
        return fuzz.ratio(*texts, score_cutoff=score_cutoff)

    def partial_ratio(self, *texts: str, score_cutoff: float = 0.0) -> float:
        self.calls.append(("partial", score_cutoff))
        return fuzz.partial_ratio(*texts, score_cutoff=score_cutoff)


@pytest.fixture
def counted(monkeypatch) -> CountedFuzz:
    scorers = CountedFuzz()
    monkeypatch.setattr(align_module, "fuzz", scorers)
    return scorers


def test_a_pair_no_content_can_lift_to_min_score_is_not_compared(counted):
    # Unlike titles (0.0), same category, same place: 0.10 + 0.05 = 0.15, and a content of
    # 1.0 would add only 0.30. The score is that of the other parts alone.
    old, new = sec(1, "Gearing Ratio", GEARING_2023), sec(1, "Future Plans", GEARING_2023)
    score = align_module._score(old, new, 0.0, (GEARING_2023, GEARING_2023), 1.0, {})
    assert score == pytest.approx(0.15) and counted.calls == []


def test_the_content_a_pair_needs_is_rapidfuzz_cutoff(counted):
    # Title 0.5, same category, same place: 0.275 + 0.10 + 0.05 = 0.425, so the content
    # must reach (0.55 - 0.425) / 0.30 = 0.41667 (less a margin of 0.01 percent).
    old, new = sec(1, "Gearing Ratio", GEARING_2023), sec(1, "Gearing", CONTINGENT_2023)
    align_module._score(old, new, 0.5, (GEARING_2023, CONTINGENT_2023), 1.0, {})
    needed = 0.125 / 0.30
    # The plain match is under it (0), so the grown text's partial match must reach it too.
    assert counted.calls == [("ratio", pytest.approx(100 * needed - 0.01)),
                             ("partial", pytest.approx(100 * needed / 0.9 - 0.01))]


def test_a_grown_text_is_searched_from_what_the_pair_needs_over_its_weight(counted):
    grown = (CONTINGENT_2023, "Contingent liabilities. " + CONTINGENT_2023 + " " + EXPOSURE * 2)
    assert len(grown[1]) >= 3 * len(grown[0])
    matches = {}
    content = align_module._content(grown, 0.6, matches)
    assert counted.calls == [("ratio", pytest.approx(59.99)),
                             ("partial", pytest.approx(100 * 0.6 / 0.9 - 0.01))]
    assert content == pytest.approx(0.9)  # printed whole in the longer text


def test_a_partial_match_is_looked_for_up_to_a_need_of_exactly_its_weight(counted):
    grown = (CONTINGENT_2023, "Contingent liabilities. " + CONTINGENT_2023 + " " + EXPOSURE * 2)
    assert align_module._content(grown, 0.9, {}) == pytest.approx(0.9)  # ties: kept
    counted.calls.clear()
    assert align_module._content(grown, 0.91, {}) < 0.91
    assert [kind for kind, _ in counted.calls] == ["ratio"]  # 0.9 at most: not looked for


def test_a_match_given_up_under_a_cutoff_is_not_compared_again_under_the_same(counted):
    texts = (GEARING_2023, CONTINGENT_2023)
    matches = {}
    assert align_module._match(counted.ratio, texts, 0.9, matches) == 0.0
    assert align_module._match(counted.ratio, texts, 0.9, matches) == 0.0
    assert len(counted.calls) == 1


def _renamed_at(old_place: int, new_place: int, size: int = 10) -> tuple[list[Section], ...]:
    """Two outlines of ``size`` sections with "CONTINGENT LIABILITIES" renamed "Guarantees"
    (titles 27% alike: no title candidate) over the same text, at the given places."""
    def outline(place: int, title: str) -> list[Section]:
        rest = [(s.title, s.blocks[0].text) for s in fillers(0, size - 1)]
        rest.insert(place, (title, CONTINGENT_2023))
        return [sec(k, heading, text) for k, (heading, text) in enumerate(rest)]

    return outline(old_place, "CONTINGENT LIABILITIES"), outline(new_place, "Guarantees")


@pytest.mark.parametrize(("old_place", "new_place", "compared"), [
    (5, 1, True), (6, 1, False), (4, 0, True), (0, 0, True), (0, 4, True), (0, 5, False)])
def test_unlike_titles_are_compared_within_four_places_either_way_from_the_first(
        old_place, new_place, compared):
    old, new = _renamed_at(old_place, new_place)
    assert ((old_place, new_place) in candidate_scores(old, new)) is compared


def test_a_chain_of_one_pair_under_one_is_still_a_chain():
    assert align_module._heaviest_chain([(0, 0, 0.6)], 1) == [(0, 0, 0.6)]
    assert align_module._heaviest_chain([], 3) == []


def test_the_chain_finds_an_earlier_pair_past_a_power_of_two():
    # A pair ending at new index 2 must be found by a later one at new index 4: the
    # Fenwick tree carries it from cell 3 to cell 4.
    pairs = [(0, 2, 0.6), (1, 4, 0.6), (2, 3, 0.55)]
    assert align_module._heaviest_chain(pairs, 5) == [(0, 2, 0.6), (1, 4, 0.6)]


def test_a_pair_at_exactly_min_score_joins_the_order_keeping_chain(monkeypatch):
    # (0, 0) at 0.55 and (1, 1) at 0.60 keep the order (1.15 in all); (0, 1) at 0.65
    # beats either alone. Left out of the chain, 0.55 would lose both its places.
    scores = {(0, 0): MIN_SCORE, (1, 1): 0.60, (0, 1): 0.65}
    monkeypatch.setattr(align_module, "candidate_scores", lambda old, new, mapper: scores)
    untitled = [sec(0, "", "text"), sec(1, "", "text")]
    assert align(untitled, untitled).pairs == ((0, 0, MIN_SCORE), (1, 1, 0.6))


class RecordingMapper:
    """A mapper computing in turn, keeping what it was given."""

    def __init__(self) -> None:
        self.given: list[list[object]] = []

    def __call__(self, function, items):
        self.given.append(list(items))
        return [function(item) for item in items]


def test_a_mapper_is_given_the_old_sections_in_two_interleaved_halves():
    old = [cover(), *fillers(1, 4)]
    new = [cover(), *fillers(1, 5)]
    mapper = RecordingMapper()
    assert align(old, new, mapper) == align(old, new)
    assert mapper.given == [[range(0, 5, 2), range(1, 5, 2)]]


def test_without_a_mapper_a_text_printed_again_is_compared_once(counted):
    # Rows 1 and 2 print the same text under the same title: scored in one go, the pair
    # of texts is compared once; in two interleaved halves, once in each.
    repeated = [cover(), sec(1, "Gearing Ratio", GEARING_2023),
                sec(2, "Gearing Ratio", GEARING_2023)]
    new = [cover(), sec(1, "Gearing Ratio", GEARING_2023 + " Unchanged.")]
    content = (align_module._content_key(repeated[1]), align_module._content_key(new[1]))
    candidate_scores(repeated, new)
    assert counted.texts.count(content) == 1
    counted.texts.clear()
    candidate_scores(repeated, new, RecordingMapper())
    assert counted.texts.count(content) == 2


def test_a_left_over_section_takes_its_best_match_from_a_pair_it_outscores_by_0_2():
    # Anxin's 2008 interim prints SEGMENT REPORTING (old 1) before the other notes, its
    # 2009 annual after them (new 3, 0.99): the chain, keeping order, paired it with
    # another note (new 1, 0.62). Each is the other's best, 0.37 better: a move.
    chosen = [(0, 0, 1.0), (1, 1, 0.62), (2, 2, 0.9)]
    pairs = [*chosen, (1, 3, 0.99)]
    assert align_module._outscored_replaced(chosen, pairs) == [(0, 0, 1.0), (1, 3, 0.99),
                                                               (2, 2, 0.9)]
    # The same seen from the old side: old 3 left over, new 1 its best.
    mirrored = [*chosen, (3, 1, 0.99)]
    assert align_module._outscored_replaced(chosen, mirrored) == [(0, 0, 1.0), (2, 2, 0.9),
                                                                  (3, 1, 0.99)]


def test_a_pair_is_kept_unless_outscored_by_0_2_by_a_mutual_best_match():
    chosen = [(0, 0, 1.0), (1, 1, 0.62), (2, 2, 0.9)]
    # 0.19 better: kept.
    assert align_module._outscored_replaced(chosen, [*chosen, (1, 3, 0.81)]) == chosen
    # 0.2 better, but new 3 matches old 2 better still: not each other's best, kept.
    assert align_module._outscored_replaced(
        chosen, [*chosen, (1, 3, 0.82), (2, 3, 0.95)]) == chosen
    # Both sections of the better pair are paired elsewhere: no section is left over.
    taken = [*chosen, (3, 3, 0.7)]
    assert align_module._outscored_replaced(taken, [*taken, (1, 3, 0.99)]) == sorted(taken)


def test_a_tie_for_best_match_goes_the_same_way_whatever_the_order_of_the_pairs():
    # Old 1 and old 3 print the same note, each 0.99 with new 3: old 1, the lower index,
    # is new 3's best, whether its row was scored first or second (a second process
    # scores the odd rows, and its pairs come after).
    chosen = [(0, 0, 1.0), (1, 1, 0.62), (2, 2, 0.9)]
    ties = [(1, 3, 0.99), (3, 3, 0.99)]
    for order in (ties, ties[::-1]):
        assert align_module._outscored_replaced(chosen, [*chosen, *order]) == [
            (0, 0, 1.0), (1, 3, 0.99), (2, 2, 0.9)]
