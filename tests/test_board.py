"""Reading board statements and comparing boards: every phrasing of issue 4, the two
samples, and the Anxin-China series of results announcements in the corpus.

Expected directors and changes were written by reading the statements themselves.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from kcdiff.board import BoardStatement, board_checks, compare_boards, read_board
from kcdiff.board.officers import (
    Committee,
    Signatory,
    compare_committees,
    compare_signatories,
    read_audit_committee,
    read_signatory,
)
from kcdiff.board.statement import find_statement, read_statement
from kcdiff.ingest import parse_text, read_filing
from kcdiff.model import BoardChange, Director, OfficerChange
from kcdiff.segment import segment
from kcdiff.text.names import clean

OPENING = "As at the date of this announcement, "
ED, NED, INED = ("executive",), ("non_executive",), ("independent_non_executive",)


def board_of(statement: str) -> list[tuple[str, tuple[str, ...]]]:
    directors, problem = read_statement(OPENING + statement)
    assert problem == ""
    return [(director.name, director.roles) for director in directors]


def statement_board(*directors: tuple[str, tuple[str, ...]]) -> BoardStatement:
    return BoardStatement(
        directors=tuple(Director(name, roles) for name, roles in directors),
        text="(statement)",
        readable=True,
    )


# --- phrasings -------------------------------------------------------------------------


def test_one_role_shared_by_a_list_with_commas():
    assert board_of(
        "the board of directors of the Company comprises Mr. Lei Jun as Chairman and "
        "non-executive director, Mr. Zou Tao as Vice Chairman and executive director, Mr. He "
        "Haijian as executive director and Dr. Qiu Ruiheng as non-executive director, and Mr. "
        "Yu Mingto, Mr. Wang Hang and Ms. Qu Jingyuan as independent non-executive directors."
    ) == [
        ("Lei Jun", ("chairman", "non_executive")),
        ("Zou Tao", ("vice_chairman", "executive")),
        ("He Haijian", ED),
        ("Qiu Ruiheng", NED),
        ("Yu Mingto", INED),
        ("Wang Hang", INED),
        ("Qu Jingyuan", INED),
    ]


def test_semicolons_separate_the_lists():
    assert board_of(
        "the board of directors of the Company comprises Mr. Lei Jun as Chairman and "
        "non-executive director; Mr. Zou Tao as Vice Chairman and executive director; and "
        "Mr. Yu Mingo, Mr. Wang Hang and Ms. Qu Jingyuan as independent non-executive directors."
    ) == [
        ("Lei Jun", ("chairman", "non_executive")),
        ("Zou Tao", ("vice_chairman", "executive")),
        ("Yu Mingo", INED),
        ("Wang Hang", INED),
        ("Qu Jingyuan", INED),
    ]


def test_all_being_executive_directors():
    assert board_of(
        "the Board comprises Mr. Liu Zhongkui, Mr. Lin Supeng, Mr. Yang Ma and Mr. Wang Bo, "
        "all being executive Directors, and Mr. Cheung Chuen, Mr. Xie Baitang and Mr. Chen "
        "Feng, all being independent non-executive Directors."
    ) == [
        ("Liu Zhongkui", ED), ("Lin Supeng", ED), ("Yang Ma", ED), ("Wang Bo", ED),
        ("Cheung Chuen", INED), ("Xie Baitang", INED), ("Chen Feng", INED),
    ]


def test_the_executive_directors_are_and_the_independent_ones_are():
    assert board_of(
        "the executive directors of the Company are Mr. Liu Zhongkui, Mr. Lin Supeng and Mr. "
        "Yang Ma and the independent non-executive directors of the Company are Mr. Cheung "
        "Chuen, Mr. Pei Renjiu, Mr. Xie Baitang and Mr. Chen Feng."
    ) == [
        ("Liu Zhongkui", ED), ("Lin Supeng", ED), ("Yang Ma", ED),
        ("Cheung Chuen", INED), ("Pei Renjiu", INED), ("Xie Baitang", INED), ("Chen Feng", INED),
    ]


def test_a_semicolon_before_the_non_executive_directors_and_names_with_commas():
    assert board_of(
        "the executive directors of the Company are Mr. Liu Zhongkui, Mr. Wang Bo, Mr. Lin "
        "Supeng and Mr. Yang Ma; the non-executive directors of the Company are Mr. Adiv Baruch "
        "and Mr. Wang, John Peter Ben and the independent non-executive directors of the "
        "Company are Mr. Cheung Chuen, Mr. Xie Baitang and Professor Li On-kwok, Victor."
    ) == [
        ("Liu Zhongkui", ED), ("Wang Bo", ED), ("Lin Supeng", ED), ("Yang Ma", ED),
        ("Adiv Baruch", NED), ("Wang, John Peter Ben", NED),
        ("Cheung Chuen", INED), ("Xie Baitang", INED), ("Li On-kwok, Victor", INED),
    ]


def test_names_before_are_the_independent_directors():
    # The 2008 Anxin statement: the ", and" ends the executive list; Mr. Cheung Chuen is
    # independent (the 2009 interim lists him so in a plainer sentence).
    assert board_of(
        "the executive directors of the Company are Mr. Zhong Houtai, Mr. Zhong Houyao, Mr. "
        "Chong Hoi Fung, Mr. Sun Daquan, and Mr. Cheung Chuen, Mr. Pei Renjiu and Mr. Li Kai "
        "Ming are the independent non-executive directors of the Company."
    ) == [
        ("Zhong Houtai", ED), ("Zhong Houyao", ED), ("Chong Hoi Fung", ED), ("Sun Daquan", ED),
        ("Cheung Chuen", INED), ("Pei Renjiu", INED), ("Li Kai Ming", INED),
    ]


@pytest.mark.parametrize("hyphen", ["non- executive", "non\u00adexecutive", "non\ufffeexecutive",
                                    "non-\nexecutive", "non\u2010executive"])
def test_line_wrap_hyphens_in_roles(hyphen):
    assert board_of(
        f"the Board comprises Mr. A Bing as executive director and Ms. C Ding as independent "
        f"{hyphen} director."
    ) == [("A Bing", ED), ("C Ding", INED)]


def test_honorifics_are_kept_apart_from_names():
    directors, _ = read_statement(
        OPENING + "the Board comprises Mr. Chan Tai Man, Ms. Lee Mei, Mrs. Wong Siu Ling, "
        "Dr. Ho Kin and Professor Li On-kwok, Victor, all being independent non-executive "
        "Directors."
    )
    assert [(d.honorific, d.name) for d in directors] == [
        ("Mr", "Chan Tai Man"), ("Ms", "Lee Mei"), ("Mrs", "Wong Siu Ling"), ("Dr", "Ho Kin"),
        ("Professor", "Li On-kwok, Victor"),
    ]


def test_a_role_in_brackets_belongs_to_its_name_only():
    assert board_of(
        "the Board comprises Mr. Chan Tai Man (Chairman), Mr. Lee Kin and Mr. Ho Wing as "
        "executive Directors and Mr. Wong Yat as independent non-executive Director."
    ) == [
        ("Chan Tai Man", ("chairman", "executive")), ("Lee Kin", ED), ("Ho Wing", ED),
        ("Wong Yat", INED),
    ]


def test_a_line_break_inside_a_name_is_a_space():
    assert board_of(
        "the executive Directors are Mr. Zhong Houtai, Mr. \nZhong Houyao and the independent "
        "non-executive Directors are Mr. Cheung\nChuen."
    ) == [("Zhong Houtai", ED), ("Zhong Houyao", ED), ("Cheung Chuen", INED)]


# --- statements that cannot be read -----------------------------------------------------


@pytest.mark.parametrize("statement", [
    "the Board comprises seven Directors.",
    "the Board comprises Mr. Chan Tai Man, Mr. Lee Kin and Mr. Ho Wing.",
    "the executive directors are Mr. A Bing and Mr. C Ding and Mr. E Fung are the independent "
    "non-executive directors.",
    "Mr. Chan Tai Man is the chairman and executive directors are to be appointed.",
])
def test_an_unreadable_statement_gives_no_directors(statement):
    directors, problem = read_statement(OPENING + statement)
    assert directors == ()
    assert problem


def test_read_board_warns_about_an_unreadable_statement_and_invents_nobody():
    filing = parse_text(
        "RESULTS ANNOUNCEMENT\n\nSome text.\n\nBy order of the Board\nABC Holdings Limited\n"
        "Mr. Chan Tai Man\nChairman\n\nHong Kong, 1 March 2024\n\n"
        "As at the date of this announcement, the Board comprises seven Directors.\n",
        "unreadable.txt",
    )
    statement = read_board(segment(filing))
    assert statement.directors == () and not statement.readable
    assert [check.kind for check in statement.checks] == ["board_unreadable"]
    assert statement.checks[0].severity == "warning"
    assert "seven Directors" in statement.checks[0].message
    assert statement.signatory == Signatory("Chan Tai Man", "Mr", ("chairman",), "Chairman")
    readable = statement_board(("Chan Tai Man", ED))
    assert compare_boards(readable, statement)[0] == []
    assert [c.filing for c in board_checks(readable, statement)] == ["new"]


def test_a_filing_without_a_statement_is_noted_not_compared():
    none = read_board(segment(parse_text("RESULTS ANNOUNCEMENT\n\nNo board here.\n", "x.txt")))
    assert none.text == "" and none.checks == ()
    some = statement_board(("Chan Tai Man", ED))
    assert compare_boards(some, none)[0] == []
    assert [(c.kind, c.filing) for c in board_checks(some, none)] == [("board_missing", "new")]


def test_find_statement_skips_other_uses_of_the_phrase():
    text = clean(
        "As at the date of this announcement, the Group had no contingent liabilities. "
        "Other text. As at the date of this announcement, the executive directors are Mr. A "
        "Bing and Mr. C Ding. The independent non-executive directors are Mr. E Fung. "
        "* For identification purposes only"
    )
    assert find_statement(text) == (
        "As at the date of this announcement, the executive directors are Mr. A Bing and Mr. C "
        "Ding. The independent non-executive directors are Mr. E Fung."
    )


# --- comparing boards -------------------------------------------------------------------


def test_reordered_people_and_roles_are_no_change():
    old = statement_board(("Lei Jun", ("chairman", "non_executive")), ("Zou Tao", ED))
    new = statement_board(("Zou Tao", ED), ("Lei Jun", ("non_executive", "chairman")))
    assert compare_boards(old, new) == ([], [])


def test_a_different_honorific_or_hyphen_is_the_same_person():
    old = BoardStatement((Director("Li On-kwok, Victor", INED, "Professor"),), "s", True)
    new = BoardStatement((Director("Li Onkwok Victor", INED, "Dr"),), "s", True)
    assert compare_boards(old, new) == ([], [])


def test_role_changed_keeps_old_and_new_roles():
    old = statement_board(("Zou Tao", ED), ("Lei Jun", NED))
    new = statement_board(("Zou Tao", ("vice_chairman", "executive")), ("Lei Jun", NED))
    assert compare_boards(old, new)[0] == [
        BoardChange("role_changed", "Zou Tao", "Zou Tao", ED, ("vice_chairman", "executive")),
    ]


def test_a_similar_name_in_the_same_place_is_a_name_change():
    old = statement_board(("Wang Hang", INED), ("Yu Mingto", INED))
    new = statement_board(("Wang Hang", INED), ("Yu Mingo", INED))
    assert compare_boards(old, new)[0] == [
        BoardChange("name_changed", "Yu Mingo", "Yu Mingto", INED, INED),
    ]


def test_similar_names_with_other_roles_or_places_are_different_people():
    # Zhong Houtai and Zhong Houyao are two directors (brothers) of Anxin-China.
    old = statement_board(("Zhong Houtai", ED), ("Lin Supeng", ED))
    new = statement_board(("Lin Supeng", ED), ("Zhong Houyao", ED))
    assert [c.status for c in compare_boards(old, new)[0]] == ["left", "joined"]
    old = statement_board(("Yu Mingto", INED))
    new = statement_board(("Yu Mingo", NED))
    assert [c.status for c in compare_boards(old, new)[0]] == ["left", "joined"]


# --- signatory, audit committee, officer events -----------------------------------------


def test_signatory_titles_in_another_order_are_no_change():
    old = read_signatory(clean(
        "By order of the Board Kingsoft Cloud Holdings Limited Mr. Zou Tao Executive Director, "
        "Vice Chairman of the Board and acting Chief Executive Officer Hong Kong, August 22, 2023"
    ))
    new = read_signatory(clean(
        "By Order of the Board Kingsoft Cloud Holdings Limited Mr. Zou Tao *Vice Chairman of "
        "the Board, Executive Director, and acting Chief Executive Officer* Hong Kong, March 19"
        ", 2025"
    ))
    assert old is not None and new is not None
    assert old.name == new.name == "Zou Tao"
    assert set(old.titles) == {"vice_chairman", "executive", "acting_chief_executive"}
    assert compare_signatories(old, new) == []
    chief = Signatory("Zou Tao", "Mr", ("vice_chairman", "executive", "chief_executive"),
                      "Vice Chairman, Executive Director and Chief Executive Officer")
    assert [c.status for c in compare_signatories(new, chief)] == ["changed"]


def test_audit_committee_members_and_chair():
    kingsoft = read_audit_committee(clean(
        "The Audit Committee comprises three independent non-executive Directors, being Mr. Yu "
        "Mingto, Mr. Wang Hang and Ms. Qu Jingyuan, with Mr. Yu Mingto (being one of the "
        "independent non-executive Directors with the appropriate professional "
        "qualifications) as the chairman of the Audit Committee. The Audit Committee has "
        "reviewed the results."
    ))
    assert kingsoft == Committee(("Yu Mingto", "Wang Hang", "Qu Jingyuan"), "Yu Mingto")
    anxin = read_audit_committee(clean(
        "The audit committee has three members, including the Company's three independent\n"
        "non-executive Directors, namely Mr. Pei Renjiu, Mr. Xie Baitang and Mr. Cheung Chuen. "
        "Mr. \nCheung Chuen is the chairman of the committee. The duties of the audit committee"
    ))
    assert anxin == Committee(("Pei Renjiu", "Xie Baitang", "Cheung Chuen"), "Cheung Chuen")
    assert read_audit_committee("The Audit Committee has reviewed the results.") is None


def test_audit_committee_changes():
    old = Committee(("Pei Renjiu", "Li Kai Ming", "Cheung Chuen"), "Cheung Chuen")
    new = Committee(("Pei Renjiu", "Xie Baitang", "Cheung Chuen"), "Pei Renjiu")
    assert compare_committees(old, new) == [
        OfficerChange("changed", "audit_committee_chair", "Pei Renjiu", "Cheung Chuen"),
        OfficerChange("left", "audit_committee_member", "Li Kai Ming", "Li Kai Ming"),
        OfficerChange("joined", "audit_committee_member", "Xie Baitang"),
    ]
    unknown_chair = Committee(old.members)
    assert compare_committees(old, unknown_chair) == []
    assert compare_committees(old, None) == []


def test_interim_sample_announces_the_company_secretary_resignation(interim_path):
    statement = read_board(segment(read_filing(interim_path)))
    assert statement.officer_events == (
        OfficerChange("resigned", "company_secretary", "Wang Yi",
                      detail="joint company secretary, with effect from August 22, 2023"),
    )
    assert statement.audit_chair == "Yu Mingto"


def test_an_event_is_reported_once_when_the_next_filing_repeats_it():
    event = OfficerChange("resigned", "company_secretary", "Wang Yi")
    old = BoardStatement(officer_events=(event,))
    new = BoardStatement(officer_events=(event,))
    assert compare_boards(old, new) == ([], [])
    assert compare_boards(BoardStatement(), new) == ([], [event])


# --- the two samples --------------------------------------------------------------------


def test_samples_board_changes(interim_path, annual_path):
    old = read_board(segment(read_filing(interim_path)))
    new = read_board(segment(read_filing(annual_path)))
    board, offices = compare_boards(old, new)
    assert board == [
        BoardChange("left", "Qiu Ruiheng", "Qiu Ruiheng", old_roles=NED),
        BoardChange("joined", "Feng Honghua", new_roles=NED),
        BoardChange("name_changed", "Yu Mingo", "Yu Mingto", INED, INED),
    ]
    # Zou Tao signs both, his titles only reordered; the audit committee is unchanged.
    assert offices == []
    assert old.signatory is not None and old.signatory.name == "Zou Tao"
    # The annual names "Yu Mingto" in its audit committee and "Yu Mingo" on its board.
    checks = board_checks(old, new)
    assert [(c.kind, c.filing) for c in checks] == [("board_inconsistent", "new")]
    assert '"Yu Mingto"' in checks[0].message and '"Yu Mingo"' in checks[0].message


# --- the Anxin-China results series (PDF) -----------------------------------------------

ANXIN = "hkex_anxin-china_1149/en/{}_en.pdf"
ZHONG = [("Zhong Houtai", ED), ("Zhong Houyao", ED)]
BOARDS = {
    "2008-09-17_interim-results": [
        *ZHONG, ("Chong Hoi Fung", ED), ("Sun Daquan", ED),
        ("Cheung Chuen", INED), ("Pei Renjiu", INED), ("Li Kai Ming", INED)],
    "2010-08-30_interim-results": [
        *ZHONG, ("Lin Supeng", ED), ("Yang Ma", ED),
        ("Cheung Chuen", INED), ("Li Kai Ming", INED), ("Pei Renjiu", INED)],
    "2012-03-15_annual-results": [
        ("Liu Zhongkui", ED), ("Lin Supeng", ED), ("Yang Ma", ED),
        ("Cheung Chuen", INED), ("Pei Renjiu", INED), ("Xie Baitang", INED), ("Chen Feng", INED)],
    "2013-08-31_interim-results": [
        ("Liu Zhongkui", ED), ("Wang Bo", ED), ("Lin Supeng", ED), ("Yang Ma", ED),
        ("Adiv Baruch", NED), ("Wang, John Peter Ben", NED),
        ("Cheung Chuen", INED), ("Xie Baitang", INED), ("Li On-kwok, Victor", INED)],
}


def left(name, roles):
    return BoardChange("left", name, name, old_roles=roles)


def joined(name, roles):
    return BoardChange("joined", name, new_roles=roles)


SIGNATORY_CHANGE = OfficerChange(
    "changed", "signatory", "Liu Zhongkui", "Zhong Houtai",
    "Chairman -> Chairman and Chief Executive Officer",
)
PAIRS = [
    # Same people; the 2009 interim only rewords the statement.
    ("2008-09-17_interim-results", "2009-04-24_annual-results", [], []),
    ("2009-04-24_annual-results", "2009-09-28_interim-results", [], []),
    ("2009-09-28_interim-results", "2010-04-26_annual-results",
     [left("Chong Hoi Fung", ED), joined("Lin Supeng", ED)], []),
    ("2010-04-26_annual-results", "2010-08-30_interim-results",
     [left("Sun Daquan", ED), joined("Yang Ma", ED)], []),
    # Reworded ("all being" -> "are") and reordered: no change.
    ("2010-08-30_interim-results", "2011-03-30_annual-results", [], []),
    ("2011-03-30_annual-results", "2011-08-24_interim-results",
     [left("Li Kai Ming", INED), joined("Liu Zhongkui", ED), joined("Xie Baitang", INED)], []),
    ("2011-08-24_interim-results", "2012-03-15_annual-results",
     [left("Zhong Houtai", ED), left("Zhong Houyao", ED), joined("Chen Feng", INED)],
     [SIGNATORY_CHANGE]),
    # "Subsequent to the six months ended 30 June 2012, on 6 July 2012, Mr. Wang Bo has
    # also been appointed as the vice-chairman of the Company." (CHANGES IN INFORMATION OF
    # DIRECTORS; the board statement still lists him only as an executive Director.)
    ("2012-03-15_annual-results", "2012-08-23_interim-results",
     [left("Pei Renjiu", INED), joined("Wang Bo", ED)],
     [OfficerChange("appointed", "vice_chairman", "Wang Bo", detail="vice-chairman")]),
    ("2012-08-23_interim-results", "2013-03-18_annual-results",
     [joined("Adiv Baruch", NED), joined("Wang, John Peter Ben", NED)], []),
    ("2013-03-18_annual-results", "2013-08-31_interim-results",
     [left("Chen Feng", INED), joined("Li On-kwok, Victor", INED)], []),
]


@cache
def pdf_statement(path: Path, line_blocks: bool = False) -> BoardStatement:
    """A corpus PDF's board as kcdiff reads it; with ``line_blocks``, from the PDF's raw
    text split into one block per printed line instead (a layout-independent reading)."""
    if not line_blocks:
        return read_board(segment(read_filing(path)))
    pypdfium2 = pytest.importorskip("pypdfium2")
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        text = "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()
    return read_board(segment(parse_text("\n\n".join(text.splitlines()), str(path))))


def test_the_pairs_are_the_manifest_consecutive_results(manifest):
    listed = [
        (pair["old"], pair["new"]) for pair in manifest["pairs"]
        if pair["relation"].startswith("consecutive results announcements")
        and "anxin" in pair["old"]
    ]
    assert listed == [(ANXIN.format(old), ANXIN.format(new)) for old, new, _, _ in PAIRS]


@pytest.mark.parametrize("name", sorted(BOARDS))
def test_anxin_boards_read_from_the_pdf(corpus, name):
    statement = pdf_statement(corpus / ANXIN.format(name))
    assert [(d.name, d.roles) for d in statement.directors] == BOARDS[name]
    assert statement.checks == ()


@pytest.mark.parametrize(("old", "new", "board", "offices"), PAIRS,
                         ids=[f"{old[:10]}->{new[:10]}" for old, new, _, _ in PAIRS])
def test_anxin_consecutive_results_board_changes(corpus, old, new, board, offices):
    before = pdf_statement(corpus / ANXIN.format(old))
    after = pdf_statement(corpus / ANXIN.format(new))
    assert compare_boards(before, after) == (board, offices)
    assert board_checks(before, after) == []


@pytest.mark.parametrize("name", sorted(BOARDS))
def test_a_statement_split_over_line_blocks_reads_the_same(corpus, name):
    path = corpus / ANXIN.format(name)
    by_line = pdf_statement(path, line_blocks=True)
    ingested = pdf_statement(path)
    assert by_line.directors == ingested.directors
    assert by_line.signatory == ingested.signatory
    assert by_line.audit_committee == ingested.audit_committee


def test_events_use_the_full_name_a_short_name_was_defined_for():
    # From the 2011-06-03 Anxin announcement "CHANGES OF DIRECTORS AND APPOINTMENT OF CHIEF
    # EXECUTIVE OFFICER" (line breaks as printed).
    filing = parse_text(
        "POLL RESULTS OF ANNUAL GENERAL MEETING\n\nCHANGES OF DIRECTORS\n\n"
        "The resolution regarding the election of Mr. Xie Baitang (\u201cMr. Xie\u201d) as an "
        "independent non-executive Director to fill the\nvacated office arising from the "
        "retirement of Mr. Li was duly passed, and Mr. Xie has been \nappointed as an "
        "independent non-executive Director with effect from 3 June 2011. The appointment of "
        "Mr. Liu Zhongkui (\u201cMr. Liu\u201d) as an executive Director as an addition to the "
        "existing Directors was duly passed, and Mr. Liu has been appointed as an executive "
        "Director\nwith effect from 3 June 2011. Mr. Liu has also been appointed as a Chief "
        "Executive Officer of\nthe Company.\n",
        "anxin-2011-06-03.txt",
    )
    assert read_board(segment(filing)).officer_events == (
        OfficerChange("appointed", "director", "Xie Baitang",
                      detail="independent non-executive Director, with effect from 3 June 2011"),
        OfficerChange("appointed", "director", "Liu Zhongkui",
                      detail="executive Director, with effect from 3 June 2011"),
        OfficerChange("appointed", "chief_executive", "Liu Zhongkui",
                      detail="Chief Executive Officer"),
    )


# --- in the report ----------------------------------------------------------------------


def test_the_report_carries_the_board(interim_path, annual_path):
    from kcdiff.compare import compare_files
    from kcdiff.render import render_html, render_text

    report = compare_files(interim_path, annual_path)
    assert [(c.status, c.name) for c in report.board] == [
        ("left", "Qiu Ruiheng"), ("joined", "Feng Honghua"), ("name_changed", "Yu Mingo")]
    assert report.summary.board_changes == 3 and report.summary.officer_changes == 0
    assert len(report.old_board) == len(report.new_board) == 7
    assert [c.kind for c in report.checks if c.kind.startswith("board")] == [
        "board_inconsistent"]
    html = render_html(report)
    board = html[html.index('id="board"'):html.index("</table>", html.index('id="board"'))]
    assert html.index('id="board"') < html.index('id="wording"')  # before the sections
    assert board.count('badge-unchanged') == 5  # Lei Jun, Zou Tao, He Haijian, Wang, Qu
    assert 'badge-name_changed">name changed</span>' in board
    assert "(was Yu Mingto)" in board and "independent non-executive" in board
    text = render_text(report)
    assert "name_changed: Yu Mingo (was Yu Mingto)\n" in text


def test_board_and_officer_text_is_escaped_in_html():
    from kcdiff.model import FilingSummary, Report, Summary
    from kcdiff.render import render_html

    filing = FilingSummary("a.txt", "", "", "", "")
    report = Report(
        old=filing, new=filing,
        summary=Summary(0, 0, 0, 0, 1, 0, officer_changes=1),
        sections=(),
        board=(BoardChange("joined", "<img src=x>", new_roles=ED),),
        officers=(OfficerChange("appointed", "company_secretary", "Ms. <b>X</b>",
                                detail="<script>alert(1)</script>"),),
        old_board=(Director("Chan Tai Man", ED),),
        new_board=(Director("<img src=x>", ED),),
    )
    html = render_html(report)
    assert "<img" not in html and "<script>" not in html and "<b>X" not in html
    assert "&lt;img src=x&gt;" in html and "&lt;script&gt;" in html
