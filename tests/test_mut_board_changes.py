"""Comparing two boards (board/changes.py), the Chinese statement (board/chinese.py) and
the 20-F roster (board/roster.py), issue 12: the checks board_checks gives in full, the
announced events kept when both boards were read, where a Chinese statement ends, a name
in brackets in a Chinese statement, and a roster printed in capitals.

Names are the Kingsoft Cloud samples' and Alco Holdings' (corpus: hkex_alco-holdings_0328)
directors."""

from __future__ import annotations

import pytest

from kcdiff.board import BoardStatement, board_checks, compare_boards
from kcdiff.board.chinese import find_chinese_statement, read_chinese_statement
from kcdiff.board.roster import _directors
from kcdiff.model import Check, Director, OfficerChange

ED, NED, INED = ("executive",), ("non_executive",), ("independent_non_executive",)
KINGSOFT = (Director("Lei Jun", ("chairman", "non_executive"), "Mr"),
            Director("Zou Tao", ("vice_chairman", "executive"), "Mr"),
            Director("Yu Mingto", INED, "Mr"))


def board(directors=KINGSOFT, **fields) -> BoardStatement:
    return BoardStatement(directors=directors, text="(statement)", readable=bool(directors),
                          **fields)


# --- board_checks ---------------------------------------------------------------------


def test_each_filing_keeps_its_own_checks_tagged_with_its_side():
    unreadable = Check("board_unreadable", "warning", "board statement", "no director roles")
    inconsistent = Check("board_inconsistent", "warning", "audit committee", "Yu Mingto")
    old = board(checks=(unreadable,))
    new = board(checks=(inconsistent,))
    assert board_checks(old, new) == [
        Check("board_unreadable", "warning", "board statement", "no director roles", "old"),
        Check("board_inconsistent", "warning", "audit committee", "Yu Mingto", "new"),
    ]


def test_boards_in_two_languages_are_noted_in_full():
    chinese = board((Director("雷軍", ("chairman", "non_executive"), "先生"),
                     Director("鄒濤", ("vice_chairman", "executive"), "先生")))
    assert board_checks(board(), chinese) == [Check(
        "board_not_compared", "info", "board statement",
        "the two filings name the directors in different languages (latin and chinese); "
        "names are matched within one language only, so the boards are not compared")]


def test_a_filing_without_a_board_is_noted_in_full():
    none = BoardStatement()
    assert board_checks(board(), none) == [Check(
        "board_missing", "info", "board statement",
        "the new filing has no board statement, board list or directors' signatures; the "
        "boards are not compared", "new")]


# --- events kept when both boards were read ---------------------------------------------


def test_an_officer_resignation_is_kept_and_a_leaver_s_committee_seat_is_not():
    # The interim sample announces Ms. Wang Yi's resignation as joint company secretary:
    # kept. A director who left the board also left the audit committee: only the seat
    # change is reported.
    secretary = OfficerChange("resigned", "company_secretary", "Wang Yi",
                              detail="joint company secretary, with effect from August 22, 2023")
    member = OfficerChange("resigned", "audit_committee_member", "Yu Mingto")
    appointed = OfficerChange("appointed", "audit_committee_member", "Qu Jingyuan")
    new = board(KINGSOFT[:2] + (Director("Qu Jingyuan", INED, "Ms"),),
                officer_events=(secretary, member, appointed))
    changes, offices = compare_boards(board(), new)
    assert [(c.status, c.name) for c in changes] == [("left", "Yu Mingto"),
                                                    ("joined", "Qu Jingyuan")]
    assert offices == [secretary, appointed]


# --- the Chinese statement --------------------------------------------------------------

ALCO = ("於本公告日期，本公司執行董事為廖莉萍女士（聯席主席）、何澤宇先生及鄭育興先生。"
        "本公司非執行董事為田軼先生（聯席主席）、邊文斌先生（副主席）及許遼先生。"
        "本公司獨立非執行董事為朱凱勤先生、林至穎先生、鄧社堅先生及劉力恆先生。")


def test_a_chinese_statement_of_three_sentences_is_found_whole():
    assert find_chinese_statement("承董事會命\n愛高集團有限公司\n\n" + ALCO) == ALCO


def test_a_chinese_statement_ends_at_a_blank_line_or_the_signature():
    # 「董事會謹此提醒…」 (the Board reminds shareholders to exercise caution) speaks of the
    # board but is another paragraph.
    caution = "董事會謹此提醒本公司股東及潛在投資者於買賣本公司股份時務請審慎行事。"
    assert find_chinese_statement(ALCO + "\n\n" + caution) == ALCO
    assert find_chinese_statement(ALCO + "承董事會命\n愛高集團有限公司") == ALCO


def test_an_alternate_director_in_brackets_is_not_a_director():
    # An alternate director named in brackets after the director he stands in for.
    directors, problem = read_chinese_statement(
        "於本公告日期，本公司執行董事為廖莉萍女士及何澤宇先生；非執行董事為田軼先生"
        "（其替任董事為許遼先生）。")
    assert problem == ""
    assert [(d.name, d.roles) for d in directors] == [
        ("廖莉萍", ED), ("何澤宇", ED), ("田軼", NED)]


def test_a_name_in_a_second_bracket_is_not_a_director():
    # 「田軼先生（聯席主席）（其替任董事為許遼先生）」: the role in the first bracket is his,
    # the alternate director named in the second is no director of the statement.
    directors, problem = read_chinese_statement(
        "於本公告日期，本公司執行董事為廖莉萍女士；非執行董事為田軼先生（聯席主席）"
        "（其替任董事為許遼先生）。")
    assert problem == ""
    assert [(d.name, d.roles) for d in directors] == [
        ("廖莉萍", ED), ("田軼", ("chairman", "non_executive"))]


# --- the roster -------------------------------------------------------------------------


def test_a_roster_printed_in_capitals_gives_names_as_written():
    # Kingsoft Cloud's 20-F rows, with the names set in capitals: each keeps its office
    # ("Independent Director" an independent seat) under the name as it is shown.
    directors = _directors((("Directors and Executive Officers", "Age", "Position/Title"),
                            ("LEI JUN", "54", "Chairman of the Board of Directors"),
                            ("QU JINGYUAN", "58", "Independent Director")))
    assert [d.name for d in directors] == ["Lei Jun", "Qu Jingyuan"]
    assert [d.roles for d in directors] == [("chairman",), ("independent_non_executive",)]


def test_a_name_95_alike_is_one_person_anywhere_and_94_is_not():
    from kcdiff.text.names import similarity

    assert similarity("Chan Tai Man Stephen", "Chan Tai Man Stephan") == 95.0
    assert round(similarity("Ho Wing Kin Raymond", "Ho Wing Kin Reymond"), 2) == 94.74
    # Listed first instead of second among the independent directors.
    old = board((Director("Wang Hang", INED), Director("Chan Tai Man Stephen", INED)))
    new = board((Director("Chan Tai Man Stephan", INED), Director("Wang Hang", INED)))
    assert [(c.status, c.name) for c in compare_boards(old, new)[0]] == [
        ("name_changed", "Chan Tai Man Stephan")]
    old = board((Director("Wang Hang", INED), Director("Ho Wing Kin Raymond", INED)))
    new = board((Director("Ho Wing Kin Reymond", INED), Director("Wang Hang", INED)))
    assert [(c.status, c.name) for c in compare_boards(old, new)[0]] == [
        ("left", "Ho Wing Kin Raymond"), ("joined", "Ho Wing Kin Reymond")]


def test_a_name_alike_with_another_role_is_two_people_either_way():
    # "Yu Mingto" (94 alike "Yu Mingo") first among his seats on both sides, but the seats
    # differ: a leaver and a joiner, whichever side holds the shared seat.
    for before, after in ((INED, NED), (NED, INED)):
        old = board((Director("Yu Mingto", before), Director("Lei Jun", NED)))
        new = board((Director("Yu Mingo", after), Director("Lei Jun", NED)))
        assert [(c.status, c.name) for c in compare_boards(old, new)[0]] == [
            ("left", "Yu Mingto"), ("joined", "Yu Mingo")]


# --- the offices compared with the boards -----------------------------------------------

FULLSHARE = (Director("Ji Changqun", ("chairman", "chief_executive", "executive"), "Mr"),
             Director("Du Wei", ED, "Ms"), Director("Lau Chi Keung", INED, "Mr"),
             Director("Chow Siu Lui", INED, "Mr"), Director("Tsang Sai Chung", INED, "Mr"))


def test_listed_committees_are_compared_kind_by_kind():
    # Fullshare's lists of 2021 and 2022 (corpus): Mr. Ge Jinzhu takes Ms. Du Wei's seat
    # on the risk management committee; the audit committee is unchanged.
    from kcdiff.board.officers import Committee

    audit = Committee(("Chow Siu Lui", "Lau Chi Keung", "Tsang Sai Chung"), "Chow Siu Lui")
    old = board(FULLSHARE, committees=(
        audit, Committee(("Shen Chen", "Du Wei", "Tsang Sai Chung"), "Shen Chen",
                         "risk_management")))
    new = board(FULLSHARE + (Director("Ge Jinzhu", ED, "Mr"),), committees=(
        audit, Committee(("Shen Chen", "Ge Jinzhu", "Tsang Sai Chung"), "Shen Chen",
                         "risk_management")))
    assert compare_boards(old, new)[1] == [
        OfficerChange("left", "risk_management_committee_member", "Du Wei", "Du Wei"),
        OfficerChange("joined", "risk_management_committee_member", "Ge Jinzhu")]


def test_the_audit_committee_prose_is_compared_when_a_side_has_no_lists():
    from kcdiff.board.officers import Committee

    listed = Committee(("Chow Siu Lui", "Lau Chi Keung", "Tsang Sai Chung"), "Chow Siu Lui")
    old = board(FULLSHARE, committees=(listed,), audit_committee=listed)
    new = board(FULLSHARE, audit_committee=Committee(
        ("Lau Chi Keung", "Tsang Sai Chung", "Chow Siu Lui"), "Lau Chi Keung"))
    assert compare_boards(old, new)[1] == [
        OfficerChange("changed", "audit_committee_chair", "Lau Chi Keung", "Chow Siu Lui")]
    assert compare_boards(new, old)[1] == [
        OfficerChange("changed", "audit_committee_chair", "Chow Siu Lui", "Lau Chi Keung")]


def test_a_new_signatory_is_an_office_change():
    from kcdiff.board.officers import Signatory

    old = board(signatory=Signatory("Zhong Houtai", "Mr", ("chairman",), "Chairman"))
    new = board(signatory=Signatory("Liu Zhongkui", "Mr", ("chairman",), "Chairman"))
    assert compare_boards(old, new)[1] == [OfficerChange(
        "changed", "signatory", "Liu Zhongkui", "Zhong Houtai", "Chairman -> Chairman")]


def test_announced_seats_are_left_to_the_boards_when_both_were_read():
    # Kingsoft Cloud's annual: Mr. Feng Honghua joins the board, which the statement
    # shows; the appointment announced is the same change. A director who leaves the
    # board but is appointed company secretary keeps that appointment.
    seat = OfficerChange("appointed", "director", "Feng Honghua",
                         detail="non-executive Director")
    secretary = OfficerChange("appointed", "company_secretary", "Zou Tao",
                              detail="company secretary")
    new = board((KINGSOFT[0], KINGSOFT[2], Director("Feng Honghua", NED, "Mr")),
                officer_events=(seat, secretary))
    changes, offices = compare_boards(board(), new)
    assert [(c.status, c.name) for c in changes] == [("left", "Zou Tao"),
                                                    ("joined", "Feng Honghua")]
    assert offices == [secretary]
    # When the new filing's board was not read, its announcement is all there is.
    unread = BoardStatement(officer_events=(seat,))
    assert compare_boards(board(), unread) == ([], [seat])


@pytest.mark.parametrize(("gap", "found"), [(58, True), (59, False)])
def test_the_chinese_statement_names_the_board_within_60_characters(gap, found):
    # 「董事」 ends 60 characters after the opening (found) or 61 (not found): the opening
    # also starts sentences about other things (「於本公告日期，本集團並無…」).
    opening = "於本公告日期，"
    filler = ("本集團並無任何重大或然負債，亦無任何尚未了結或面臨威脅的重大訴訟或索償，"
              "而本公司及其附屬公司的業務營運一切正常，本公司") * 2
    text = opening + filler[:gap] + "董事會由執行董事廖莉萍女士組成。"
    assert text.index("董事") - len(opening) == gap
    assert bool(find_chinese_statement(text)) is found
