"""Section alignment across the two real samples and edited copies of them."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kcdiff.align import align
from kcdiff.compare import compare_files
from kcdiff.ingest import read_filing
from kcdiff.segment import segment


@pytest.fixture(scope="module")
def sample_pair(interim_path, annual_path):
    old, new = segment(read_filing(interim_path)), segment(read_filing(annual_path))
    return old, new, align(old, new)


def paired_titles(old, new, alignment):
    return {(old[i].title, new[j].title) for i, j, _ in alignment.pairs}


def test_renamed_sections_are_aligned(sample_pair):
    pairs = paired_titles(*sample_pair)
    assert ("LIQUIDITY AND CAPITAL RESOURCES", "Liquidity and Capital Resource") in pairs
    assert ("EMPLOYEES AND REMUNERATION POLICIES", "Employees and Remuneration") in pairs
    assert ("ACCOUNTS RECEIVABLE, NET", "ACCOUNTS RECEIVABLE, NET") in pairs


def test_renumbered_notes_are_aligned(sample_pair):
    old, new, alignment = sample_pair
    numbers = {(old[i].number, new[j].number, new[j].title) for i, j, _ in alignment.pairs}
    assert ("(b)", "(c)", "Principles of consolidation") in numbers
    assert ("(c)", "(d)", "Use of estimates") in numbers
    assert ("(d)", "(e)", "Convenience translation") in numbers
    assert ("3", "3", "REVENUES, OTHER LOSS, NET AND OTHER INCOME (EXPENSE), NET") in numbers


def test_statement_printed_twice_pairs_in_order(sample_pair):
    old, new, alignment = sample_pair
    loss = [(i, j) for i, j, _ in alignment.pairs
            if "STATEMENTS OF COMPREHENSIVE LOSS" in new[j].title]
    assert len(loss) == 2
    (first_old, first_new), (second_old, second_new) = sorted(loss)
    assert first_new < second_new
    assert new[first_new].category == "statements"


def test_what_is_left_over_is_added_or_removed(sample_pair):
    old, new, alignment = sample_pair
    assert [old[i].title for i in alignment.only_old] == ["RESIGNATION OF JOINT COMPANY SECRETARY"]
    added = {new[j].title for j in alignment.only_new}
    assert {"SCOPE OF WORK OF THE AUDITOR", "Going concern consideration", "Segment reporting",
            "Environmental, Social and Governance (ESG)"} <= added
    assert len(added) <= 6


_GROSS = "Adjusted Gross Profit and Adjusted Gross Margin (Non-GAAP Financial Measures)"
_NET = ("Adjusted Net Loss (Margin), Adjusted EBITDA (Margin) and Adjusted Operating Loss "
        "(Margin) (Non-GAAP Financial Measures)")


def test_sub_sections_set_apart_from_their_parents_partner_are_aligned_not_added(
        sample_pair):
    # The 2024 annual sets its non-GAAP reconciliations under two sub-headings (lines 90
    # and 108); the interim prints the same definitions and reconciliations, with other
    # figures, under its one "Non-GAAP Financial Measure" heading (lines 28-62).
    old, new, alignment = sample_pair
    split = {new[j].title: old[i].title for i, j, _ in alignment.pairs
             if j in alignment.headed_new}
    assert split == {_GROSS: "Non-GAAP Financial Measure", _NET: "Non-GAAP Financial Measure"}
    assert not {_GROSS, _NET} & {new[j].title for j in alignment.only_new}


def _parent_and_child(old_text, child_blocks):
    """An old section printing ``old_text`` under one heading; a new one with the same
    heading over a sub-section of ``child_blocks``."""
    from kcdiff.model import Section

    cover = _section(0, "RESULTS ANNOUNCEMENT", "cover", "cover")
    intro = "We use non-GAAP measures to review our performance, as described below."
    old = [cover, _section(1, "Non-GAAP Financial Measures", f"{intro} {old_text}")]
    new = [cover, _section(1, "Non-GAAP Financial Measures", intro),
           Section(2, "Adjusted Gross Profit", "", 2, "mdna", child_blocks, parent=1)]
    return old, new


_DEFINITION = ("We define adjusted gross profit as gross profit excluding share-based "
               "compensation allocated in the cost of revenues. We define adjusted gross "
               "margin as adjusted gross profit as a percentage of revenues.")


def test_a_sub_section_the_parents_partner_prints_with_other_figures_is_not_added():
    from kcdiff.model import Block

    rows = (("Gross profit", "850,169", "1,340,926"),
            ("Share-based compensation allocated in cost of revenues", "9,757", "16,868"),
            ("Adjusted gross profit", "859,926", "1,357,794"))
    old, new = _parent_and_child(
        _DEFINITION + " Gross profit 145,204 400,816. Share-based compensation allocated "
        "in cost of revenues 6,786 368. Adjusted gross profit 151,990 401,184.",
        (Block("paragraph", _DEFINITION), Block("table", "", rows)))
    alignment = align(old, new)
    assert (1, 2) in {(i, j) for i, j, _ in alignment.pairs}
    assert alignment.headed_new == (2,) and not alignment.only_new


@pytest.mark.parametrize("child", [
    # New text: the old section prints none of it.
    ("We adopted a going concern basis after assessing the Group's liquidity over the "
     "next twelve months, its committed facilities and its forecast cash flows. The "
     "directors consider the Group able to meet its obligations as they fall due."),
    # A table of figures under labels the old section names: too little text to tell
    # where the table was printed (Anxin's statement of changes in equity, 2012 interim).
    None,
])
def test_a_sub_section_of_new_text_or_of_figures_alone_is_added(child):
    from kcdiff.model import Block

    blocks = (Block("paragraph", child),) if child else (Block("table", "", (
        ("Share capital", "146,128", "100,430"), ("Share premium", "1,560,517", "1,516,523"),
        ("For the six months ended 30 June", "", ""))),)
    old, new = _parent_and_child(
        _DEFINITION + " Share capital and share premium for the six months ended 30 June "
        "are in note 12.", blocks)
    alignment = align(old, new)
    assert alignment.only_new == (2,) and not alignment.headed_new


_HUMAN_CAPITAL = ("At the end of 2021 we employed 288,000 employees worldwide, most of them in "
                  "our warehouses. We believe that our warehouses are among the most productive "
                  "in the retail industry, owing in substantial part to the commitment and "
                  "efficiency of our employees. We seek to provide them with careers. Many "
                  "attributes of our business contribute to that objective; the most significant "
                  "is our promotion from within.")


def _following_sections(text):
    """Costco's 10-Ks: the 2021 one prints its human-capital text under "Human Capital";
    the 2022 one sets part of it after that section under "Growth and Engagement", at the
    same level (no parent shared with the text's old home): ``text``."""
    cover = _section(0, "ANNUAL REPORT", "cover", "cover")
    old = [cover, _section(1, "Human Capital", _HUMAN_CAPITAL)]
    new = [cover, _section(1, "Human Capital", _HUMAN_CAPITAL.split(" We believe")[0]),
           _section(2, "Growth and Engagement", text)]
    return old, new


def test_a_section_whose_text_the_previous_sections_partner_prints_is_not_added():
    old, new = _following_sections(
        "We believe that our warehouses are among the most productive in the retail "
        "industry, owing in substantial part to the commitment and efficiency of our "
        "employees. We seek to provide them with careers. Many attributes of our business "
        "contribute to that objective; the most significant is our promotion from within.")
    alignment = align(old, new)
    assert (1, 2) in {(i, j) for i, j, _ in alignment.pairs}
    assert alignment.headed_new == (2,) and not alignment.only_new


def test_a_section_of_new_text_after_a_paired_section_is_added():
    old, new = _following_sections(
        "We adopted a going concern basis after assessing the Group's liquidity over the "
        "next twelve months, its committed facilities and its forecast cash flows. The "
        "directors consider the Group able to meet its obligations as they fall due.")
    alignment = align(old, new)
    assert alignment.only_new == (2,) and not alignment.headed_new


def test_costcos_human_capital_sub_sections_are_compared_not_added(corpus):
    # Costco's 2022 10-K (p.6) sets "Employee Base", "Growth and Engagement",
    # "Diversity, Equity and Inclusion" and "Well Being" after "Human Capital"; its 2021
    # 10-K prints the same paragraphs, with other numbers, under "Human Capital" (p.6).
    report = compare_files(corpus / "sec_more_pdf" / "COSTCO_2021_10K.pdf",
                           corpus / "sec_more_pdf" / "COSTCO_2022_10K.pdf")
    added = {section.new_title for section in report.sections if section.status == "added"}
    assert not {"Employee Base", "Growth and Engagement", "Diversity, Equity and Inclusion",
                "Well Being"} & added


def test_a_host_shorter_than_a_sentence_does_not_print_it():
    # partial_ratio finds the shorter text in the longer: a parent's partner whose whole
    # text ("Non-GAAP measures.") a long sentence holds does not print that sentence.
    from kcdiff.model import Block

    old, new = _parent_and_child("", (Block("paragraph", _DEFINITION * 2),))
    old[1] = _section(1, "Non-GAAP Financial Measures", "excluding share-based compensation")
    assert align(old, new).only_new == (2,)


_COMPREHENSIVE = (("Net income", "99,803", "57,411"),
                  ("Change in foreign currency translation, net of tax", "(1,511)", "79"),
                  ("Change in unrealized gains/losses on derivative instruments, net of tax",
                   "3,212", "32"),
                  ("Change in unrealized gains/losses on marketable debt securities, net of "
                   "tax", "(12,104)", "(694)"),
                  ("Total other comprehensive income/(loss)", "(11,272)", "(1,016)"),
                  ("Total comprehensive income", "88,531", "56,395"))


def _table(rows):
    from kcdiff.model import Block

    return Block("table", "\n".join("\t".join(row) for row in rows), rows)


def _statement_set_apart(old_lines):
    """A new 10-K setting "CONSOLIDATED STATEMENTS OF COMPREHENSIVE INCOME" as a section
    of its own after its statement of operations; the old one printing ``old_lines``
    inside the section of its statement of operations."""
    from kcdiff.model import Section

    cover = _section(0, "ANNUAL REPORT", "cover", "cover")
    operations = "CONSOLIDATED STATEMENTS OF OPERATIONS"
    sales = _table((("Net sales", "394,328", "365,817"),))
    old = [cover, Section(1, operations, "", 1, "statements", (sales, *old_lines))]
    new = [cover, Section(1, operations, "", 1, "statements", (sales,)),
           Section(2, "CONSOLIDATED STATEMENTS OF COMPREHENSIVE INCOME", "", 1, "statements",
                   (_table(_COMPREHENSIVE),))]
    return old, new


def test_a_statement_whose_heading_and_rows_the_other_filing_prints_inside_another_is_aligned():
    # Apple's 2021 10-K prints its statement of comprehensive income (p.33) inside the
    # section of its statement of operations; the 2022 10-K sets it apart. The rows are
    # the same, the figures another year's.
    from kcdiff.model import Block

    old_rows = tuple((label, "57,411", "(1,016)") for label, _, _ in _COMPREHENSIVE)
    old, new = _statement_set_apart((
        Block("paragraph", "CONSOLIDATED STATEMENTS OF COMPREHENSIVE INCOME"),
        _table(old_rows)))
    alignment = align(old, new)
    assert (1, 2) in {(i, j) for i, j, _ in alignment.pairs}
    assert alignment.headed_new == (2,) and not alignment.only_new


def test_a_heading_printed_where_its_text_is_not_does_not_align_a_section():
    # The old filing names the statement only in its index of financial statements.
    from kcdiff.model import Block

    old, new = _statement_set_apart((Block(
        "paragraph", "Index: CONSOLIDATED STATEMENTS OF COMPREHENSIVE INCOME, page 30"),))
    assert align(old, new).only_new == (2,)


@pytest.mark.parametrize(("unit", "text", "alike"), [
    # Fullshare's Chinese reports: a row's figures left out, its words split otherwise
    # than the other report's line ("截至 年 月 日止年度取得批文", figures gone).
    ("截至 年 月 日止年度取得批文", "於截至 年 月 日止年度取得批文及其他", True),
    ("we define adjusted gross profit as gross profit excluding share-based compensation",
     "in evaluating our business we define adjusted gross profit as gross profit excluding "
     "share-based compensation allocated in the cost of revenues", True),
    # Most of the words are not the text's: not printed there.
    ("we define adjusted gross profit as gross profit excluding share-based compensation",
     "gross profit", False),
])
def test_a_sentence_is_printed_alike_when_the_text_holds_it(unit, text, alike):
    from kcdiff.align import _printed_alike

    assert _printed_alike(unit, text, frozenset(text.split())) is alike


def test_reordered_sections_still_pair(annual_path):
    sections = segment(read_filing(annual_path))
    gearing = next(s.index for s in sections if s.title == "Gearing Ratio")
    litigation = next(s.index for s in sections if s.title == "Material Litigation")
    order = list(range(len(sections)))
    order[gearing], order[litigation] = order[litigation], order[gearing]
    moved = [replace(sections[k], index=n) for n, k in enumerate(order)]
    alignment = align(sections, moved)
    assert not alignment.only_old and not alignment.only_new
    assert all(sections[i].title == moved[j].title for i, j, _ in alignment.pairs)


def test_titles_pair_whatever_their_case_and_plurals():
    # segment has already taken the numbers ("(b)", "3.") off the titles.
    cover = _section(0, "RESULTS ANNOUNCEMENT", "cover", "cover")
    old = [cover, _section(1, "Gearing Ratio", "The gearing ratio was 12%."),
           _section(2, "LIQUIDITY AND CAPITAL RESOURCES", "Cash was RMB 1 billion.")]
    new = [cover, _section(1, "GEARING RATIO", "The gearing ratio was 15%."),
           _section(2, "Liquidity and Capital Resource", "Cash was RMB 2 billion.")]
    alignment = align(old, new)
    assert [(i, j) for i, j, _ in alignment.pairs] == [(0, 0), (1, 1), (2, 2)]


def test_unlike_titles_with_unlike_text_do_not_pair():
    cover = _section(0, "RESULTS ANNOUNCEMENT", "cover", "cover")
    old = [cover, _section(1, "Material Investments", "The Group held no investments.")]
    new = [cover, _section(1, "Contingent Liabilities", "Guarantees given to banks.")]
    alignment = align(old, new)
    assert alignment.only_old == (1,) and alignment.only_new == (1,)


def _section(index, title, text, category="mdna"):
    from kcdiff.model import Block, Section

    return Section(index, title, "", 1, category, (Block("paragraph", text),))


_CONTRACTS = ("No contract concerning the management and administration of the whole or any "
              "substantial part of the business of the Company was entered into or existed "
              "during the period.")
_STATEMENT = ("I am pleased to present to our shareholders the annual results of the Company "
              "and its subsidiaries for the year, a year in which the Group grew its business.")


def test_titles_and_text_alike_only_by_chance_do_not_pair():
    # Anxin's 2010 interim prints "MANAGEMENT CONTRACTS" (p.23) where its 2010 annual
    # prints "CHAIRMAN'S STATEMENT": their titles share no word, and their texts no more
    # than any two English paragraphs share (fuzz.ratio ~0.45). They scored 0.56 on
    # position, category and chance; each is now what it is, removed and added.
    cover = _section(0, "RESULTS ANNOUNCEMENT", "cover", "cover")
    old = [cover, _section(1, "MANAGEMENT CONTRACTS", _CONTRACTS, "other")]
    new = [cover, _section(1, "CHAIRMAN’S STATEMENT", _STATEMENT, "other")]
    alignment = align(old, new)
    assert alignment.only_old == (1,) and alignment.only_new == (1,)


def test_a_renamed_section_whose_text_is_alike_still_pairs():
    # "CONSOLIDATED BALANCE SHEET" became "STATEMENT OF FINANCIAL POSITION" (Anxin, 2009
    # and 2010): no word in common, but the text says it is the same statement.
    cover = _section(0, "RESULTS ANNOUNCEMENT", "cover", "cover")
    rows = "Non-current assets Property, plant and equipment 12,345 Goodwill 6,789 "
    old = [cover, _section(1, "CONSOLIDATED BALANCE SHEET", rows + "Total assets 19,134")]
    new = [cover, _section(1, "STATEMENT OF FINANCIAL POSITION", rows + "Total assets 19,200")]
    assert [(i, j) for i, j, _ in align(old, new).pairs] == [(0, 0), (1, 1)]


def test_headings_without_text_pair_only_by_a_shared_word():
    from kcdiff.model import Section

    cover = _section(0, "RESULTS ANNOUNCEMENT", "cover", "cover")

    def heading(title):
        return Section(1, title, "", 1, "notes", ())

    kept = align([cover, heading("Notes Payable")], [cover, heading("NOTE PAYABLE")])
    assert [(i, j) for i, j, _ in kept.pairs] == [(0, 0), (1, 1)]
    unlike = align([cover, heading("Item Seven")], [cover, heading("Item Eleven")])
    assert [(i, j) for i, j, _ in unlike.pairs] == [(0, 0), (1, 1)]  # "item" is shared
    chance = align([cover, heading("Deferred Taxes")], [cover, heading("Defined Plans")])
    assert chance.only_old == (1,) and chance.only_new == (1,)


@pytest.mark.parametrize(("old", "new", "shared"), [
    ("INTANGIBLE ASSETS", "FINANCE COSTS", False),
    ("Advertising Costs", "Segment Reporting", False),
    ("PROFIT/(LOSS) BEFORE TAXATION", "PROFIT FOR THE YEAR", True),
    ("Change of Company Name", "Changes in the Organisation of the Group", True),
    ("STATEMENT OF FINANCIAL POSITION", "BALANCE SHEET OF THE COMPANY", False),  # "of" joins
    ("NOTE 18 — DIVESTITURES", "NOTE 19 — SUPPLIER FINANCE PROGRAMS", True),  # "note"
    ("其他投資", "按公允值計入損益之金融資產", False),
    ("其他應付款項", "應付賬款及其他應付款項", True),
    ("2022", "2023", False),
])
def test_titles_share_a_word_not_a_joining_word_nor_a_number(old, new, shared):
    from kcdiff import align as a

    words = [a._title_words(a._normalise_title(title)) for title in (old, new)]
    assert a._beyond_chance(*words) is shared


def test_anxin_sections_alike_by_chance_are_removed_and_added(anxin):
    # The 2010 interim's "MANAGEMENT CONTRACTS" (p.23: "No contract concerning the
    # management ...") is not in the 2010 annual, whose "CHAIRMAN'S STATEMENT" (p.31) the
    # interim does not have; nor is the interim's "CONVERTIBLE BONDS" the annual's
    # "Consideration received" (a line of its disposal note).
    old = anxin("2010-08-30_interim-results_en")
    new = anxin("2011-03-30_annual-results_en")
    alignment = align(old, new)
    pairs = paired_titles(old, new, alignment)
    assert not any(o == "MANAGEMENT CONTRACTS" or n == "CHAIRMAN’S STATEMENT" for o, n in pairs)
    assert ("CONVERTIBLE BONDS", "Consideration received") not in pairs
    assert "MANAGEMENT CONTRACTS" in [old[i].title for i in alignment.only_old]
    assert "CHAIRMAN’S STATEMENT" in [new[j].title for j in alignment.only_new]


def test_moved_look_alike_sections_pair_by_content():
    # Two sections with near-identical titles both moved to the end, in swapped order:
    # each left-over section has two candidates, and only their text tells them apart.
    texts = {
        "Gearing Ratio (Group)": "Gearing ratio is calculated by dividing borrowings by equity.",
        "Gearing Ratio (Company)": "The Company holds no borrowings and has no gearing at all.",
        "Material Investments": "The Group did not hold any significant investments.",
        "Contingent Liabilities": "The Group did not have any material contingent liabilities.",
        "Foreign Exchange Exposure": "We transact a majority of our business in RMB.",
    }
    cover = _section(0, "RESULTS ANNOUNCEMENT", "cover", "cover")
    old_titles = ["Gearing Ratio (Group)", "Gearing Ratio (Company)", "Material Investments",
                  "Contingent Liabilities", "Foreign Exchange Exposure"]
    new_titles = ["Material Investments", "Contingent Liabilities", "Foreign Exchange Exposure",
                  "Gearing Ratio (Company)", "Gearing Ratio (Group)"]
    old = [cover] + [_section(k + 1, t, texts[t]) for k, t in enumerate(old_titles)]
    new = [cover] + [_section(k + 1, t, texts[t]) for k, t in enumerate(new_titles)]
    alignment = align(old, new)
    assert not alignment.only_old and not alignment.only_new
    assert all(old[i].title == new[j].title for i, j, _ in alignment.pairs)


def test_a_heading_printed_as_a_line_of_the_other_filing_is_aligned_not_removed():
    # One list of directors sets each role over its names as a heading; the next prints
    # the same role and names as lines of one section (its type marks no heading).
    from kcdiff.model import Block, Section

    cover = _section(0, "RESULTS ANNOUNCEMENT", "cover", "cover")
    old = [cover,
           _section(1, "List of Directors", "The board comprises:", "governance"),
           Section(2, "Executive Directors", "", 2, "governance",
                   (Block("paragraph", "Mr. Wang Wei"), Block("paragraph", "Ms. Li Na"))),
           Section(3, "Audit Committee", "", 2, "governance",
                   (Block("paragraph", "Mr. Chan (Chairman)"),))]
    new_list = ("The board comprises:", "Executive Directors", "Mr. Wang Wei", "Ms. Li Na")
    new = [cover, Section(1, "List of Directors", "", 1, "governance",
                          tuple(Block("paragraph", text) for text in new_list))]
    alignment = align(old, new)
    # Executive Directors and its names are in the new list: aligned with it. The audit
    # committee is not printed in the new filing at all: removed.
    assert (2, 1) in {(i, j) for i, j, _ in alignment.pairs}
    assert alignment.only_old == (3,) and not alignment.only_new


def _directors_list(names: tuple[str, ...]):
    """An old filing with "Executive Directors" set as a heading over ``names``, and a
    new one printing the role and Mr. Wang and Ms. Li as lines of one section."""
    from kcdiff.model import Block, Section

    cover = _section(0, "RESULTS ANNOUNCEMENT", "cover", "cover")
    old = [cover, _section(1, "List of Directors", "The board comprises:", "governance"),
           Section(2, "Executive Directors", "", 2, "governance",
                   tuple(Block("paragraph", name) for name in names))]
    new_list = ("The board comprises:", "Executive  Directors", "Mr.Wang Wei", "Ms. Li Na")
    new = [cover, Section(1, "List of Directors", "", 1, "governance",
                          tuple(Block("paragraph", text) for text in new_list))]
    return old, new


def test_a_heading_whose_list_lost_a_name_is_still_aligned():
    # Exactly half the old list's text is in the new filing (spaced differently): the
    # section is there with a director fewer, not removed.
    old, new = _directors_list(("Mr. Wang Wei", "Mr. Zhou Yii"))
    alignment = align(old, new)
    assert (2, 1) in {(i, j) for i, j, _ in alignment.pairs} and not alignment.only_old


def test_a_heading_whose_text_is_mostly_gone_is_removed():
    # Just under half of the old list is printed in the new filing: the heading alone
    # does not make it the same section.
    old, new = _directors_list(("Mr. Wang Wei", "Mr. Zhou Yiii"))
    assert align(old, new).only_old == (2,)


def test_directors_lists_set_without_headings_remove_no_section(corpus):
    # Fullshare's 2021 list (and Alco's of July 2025) print each category and committee
    # as a plain line; the earlier lists set them as headings. 鄒小磊 left the board and
    # the audit committee: the sections are changed, not removed.
    from kcdiff.compare import compare_files

    folder = corpus / "hkex_fullshare_0607"
    report = compare_files(folder / "2019-10-23_list-of-directors_zh.pdf",
                           folder / "2021-12-30_list-of-directors_zh.pdf")
    assert not [s for s in report.sections if s.status in ("added", "removed")]
    deleted = " ".join(edit.old for s in report.sections for edit in s.edits)
    inserted = " ".join(edit.new for s in report.sections for edit in s.edits)
    assert "鄒小磊" in deleted and "黃順" in inserted
    alco = corpus / "hkex_alco-holdings_0328"
    report = compare_files(alco / "2025-06-20_list-of-directors_zh.pdf",
                           alco / "2025-07-17_list-of-directors_zh.pdf")
    assert not [s for s in report.sections if s.status in ("added", "removed")]


def _full_score(old, new, i, j):
    """The score of a pair by the plain formula, with both content matches always
    computed: what candidate_scores' shortcuts must agree with."""
    from rapidfuzz import fuzz

    from kcdiff import align as a

    title = a._title(a._title_key(old[i]), a._title_key(new[j])) / 100
    x, y = a._content_key(old[i]), a._content_key(new[j])
    content = fuzz.ratio(x, y) / 100
    short, long = sorted((len(x), len(y)))
    if short and short * a.GROWN <= long:
        content = max(content, a.CONTAINED_WEIGHT * fuzz.partial_ratio(x, y) / 100)
    if not old[i].blocks and not new[j].blocks:
        content = title
    # Titles that share no word are no evidence: the content must be alike beyond chance.
    shared = (a._title_words(a._title_key(old[i])) & a._title_words(a._title_key(new[j])))
    if not shared and (content < a.CHANCE_CONTENT or not old[i].blocks and not new[j].blocks):
        return 0.0
    return (a.TITLE_WEIGHT * title + a.CONTENT_WEIGHT * content
            + a.CATEGORY_WEIGHT * (old[i].category == new[j].category)
            + a.POSITION_WEIGHT * a._position(i, j, old, new))


def test_candidate_scores_are_the_full_formula(sample_pair):
    # Repeated texts compared once, partial matches skipped when they cannot matter: the
    # pairs kept (and their scores) must be exactly those of the full formula.
    from kcdiff import align as a

    old, new, _ = sample_pair
    scores = a.candidate_scores(old, new)
    expected = {}
    for i in range(1, len(old)):
        band = i * len(new) / len(old)
        for j in range(1, len(new)):
            title = a._title(a._title_key(old[i]), a._title_key(new[j]))
            if title >= a.CANDIDATE_TITLE or abs(j - int(band)) <= a.CANDIDATE_BAND:
                expected[(i, j)] = _full_score(old, new, i, j)
    kept = {pair: score for pair, score in expected.items() if score >= a.MIN_SCORE}
    assert len(kept) > 50
    assert set(scores) - {(0, 0)} == set(kept)
    assert all(scores[pair] == pytest.approx(kept[pair], rel=1e-12) for pair in kept)


def test_a_grown_section_pairs_by_its_partial_match_only_when_it_can_matter():
    # "Item 6. Exhibits" grew a table: the old text is printed whole in the new one, so
    # the partial match (0.9) counts; a same-titled, same-sized pair needs no partial match.
    from kcdiff.align import MIN_SCORE, candidate_scores

    cover = _section(0, "RESULTS ANNOUNCEMENT", "cover", "cover")
    short = "The exhibits listed below are filed as part of this report."
    grown = short + " " + " ".join(f"Exhibit {k}.1 Indenture number {k}." for k in range(20))
    old = [cover, _section(1, "Item 6. Exhibits", short, "other")]
    new = [cover, _section(1, "Exhibits", grown, "mdna")]
    scores = candidate_scores(old, new)
    assert scores[(1, 1)] == _full_score(old, new, 1, 1) >= MIN_SCORE
    assert _full_score(old, new, 1, 1) > _full_score(
        old, [cover, _section(1, "Exhibits", "Unrelated text of the same section " * 6)], 1, 1)


def test_a_partial_match_looked_for_under_a_high_bar_is_looked_for_again_under_a_lower():
    # rapidfuzz gives up (0) under the least score that can count; the same two texts
    # needed by a pair with a lower bar are compared again, and then count in full.
    from rapidfuzz import fuzz

    from kcdiff.align import CONTAINED_WEIGHT, _content

    short = "the exhibits listed below are filed as part of this report"
    texts = (short, "an index of exhibits: " + short.replace("filed", "filled") + " ." * 60)
    partial = fuzz.partial_ratio(*texts) / 100
    plain = fuzz.ratio(*texts) / 100
    assert 0.9 < partial < 1.0 and plain < 0.5
    matches = {}
    # Under 0.89 whatever it is (0.9 * partial < 0.89): the pair is dropped.
    assert _content(texts, 0.89, matches) < 0.89
    assert _content(texts, 0.5, matches) == CONTAINED_WEIGHT * partial
    assert _content(texts, 0.89, matches) == CONTAINED_WEIGHT * partial  # found: kept
    # The plain match, given up under 0.5 and 0.89, is exact when the bar is under it.
    assert _content(texts, plain - 0.05, {}) == CONTAINED_WEIGHT * partial
    assert _content(texts[:1] * 2, 0.99, matches) == 1.0


def test_a_match_given_up_under_a_cutoff_is_compared_again_only_under_a_lower():
    from rapidfuzz import fuzz

    from kcdiff.align import _match

    texts = ("gearing ratio of the group", "gearing ratio of the company")
    exact = fuzz.ratio(*texts) / 100
    matches = {}
    assert _match(fuzz.ratio, texts, exact + 0.01, matches) == 0.0
    assert _match(fuzz.ratio, texts, exact + 0.05, matches) == 0.0  # not compared again
    assert _match(fuzz.ratio, texts, exact, matches) == exact
    assert _match(fuzz.ratio, texts, 0.99, matches) == exact  # exact once found
    assert matches[(fuzz.ratio, *texts)][0] == exact
    calls = []

    def counted(*args, **kwargs):
        calls.append(kwargs["score_cutoff"])
        return fuzz.ratio(*args, **kwargs)

    assert _match(counted, texts, exact + 0.01, matches) == 0.0
    assert _match(counted, texts, exact + 0.05, matches) == 0.0
    assert _match(counted, texts, 0.0, matches) == exact
    assert calls == [pytest.approx(100 * exact + 0.99), 0.0]


def test_headings_set_over_sub_notes_are_not_added(corpus_filing):
    # Home Depot's FY2024 10-K sets "2. SEGMENT REPORTING AND NET SALES" and "13.
    # ACQUISITIONS" alone over sub-notes ("Segment Reporting", "SRS Acquisition", ...);
    # the FY2023 10-K prints each note's text right under the same heading. Both
    # headings are in both filings: neither is an added section.
    old = segment(corpus_filing("sec_more_html/homedepot_10-K_FY2023_2024-01-28.html"))
    new = segment(corpus_filing("sec_more_html/homedepot_10-K_FY2024_2025-02-02.html"))
    alignment = align(old, new)
    added = {new[j].title for j in alignment.only_new}
    assert not added & {"2.SEGMENT REPORTING AND NET SALES", "13.ACQUISITIONS"}
    pairs = paired_titles(old, new, alignment)
    assert ("13.ACQUISITIONS", "13.ACQUISITIONS") in pairs
    assert ("13.ACQUISITIONS", "Fiscal 2023 Acquisitions") in pairs


def test_a_note_moved_past_others_pairs_with_its_counterpart(anxin):
    # Anxin's 2008 interim prints "SEGMENT REPORTING" (the same paragraph: "More than 95%
    # of the operating profits and assets are attributable to ...") before the turnover
    # note, its 2009 annual after the earnings per share: the note moved, it was not
    # added, and the annual's note on new HKFRSs is no segment note.
    old = anxin("2008-09-17_interim-results_en")
    new = anxin("2009-04-24_annual-results_en")
    alignment = align(old, new)
    pairs = paired_titles(old, new, alignment)
    assert ("SEGMENT REPORTING", "SEGMENT REPORTING") in pairs
    assert not any(new_title.startswith("APPLICATION OF NEW") for _, new_title in pairs)


def test_sections_a_10_k_moves_pair_with_their_10_q_counterparts(corpus_filing):
    # P&G's 10-Q for March 2025 prints "Segment Information" among its notes and "ISSUER
    # PURCHASES OF EQUITY SECURITIES" in Part II; its 10-K for June 2025 prints the share
    # purchases in Item 5, ahead of the statements, and the segment note later. Both are
    # in both filings: moved, not added and removed.
    old = segment(corpus_filing("sec_more_html/pg_10-Q_FY2025Q3_2025-03-31.html"))
    new = segment(corpus_filing("sec_more_html/pg_10-K_FY2025_2025-06-30.html"))
    pairs = paired_titles(old, new, align(old, new))
    assert ("ISSUER PURCHASES OF EQUITY SECURITIES",
            "ISSUER PURCHASES OF EQUITY SECURITIES") in pairs
    assert ("Segment Information", "SEGMENT INFORMATION") in pairs
