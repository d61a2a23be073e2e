"""Board-list announcements ("List of Directors and their Roles and Functions" /
「董事名單與其角色和職能」): the Alco and Fullshare series in the corpus, and the
shapes they come in.

Every expected director, role and committee post below was read from the PDFs
themselves (the directors under each role heading, the role in brackets after a name,
the committee lists or the committee table with 主席/成員 under each committee).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from kcdiff.board import compare_boards, read_board
from kcdiff.board.lists import read_board_list
from kcdiff.ingest import parse_text, read_filing
from kcdiff.model import BoardChange, OfficerChange
from kcdiff.segment import segment

ED, NED, INED = ("executive",), ("non_executive",), ("independent_non_executive",)


@cache
def board(path: Path):
    return read_board(segment(read_filing(path)))


def left(name, roles):
    return BoardChange("left", name, name, old_roles=roles)


def joined(name, roles):
    return BoardChange("joined", name, new_roles=roles)


def member(status, committee, name):
    return OfficerChange(status, f"{committee}_committee_member", name,
                         name if status == "left" else "")


ALCO = "hkex_alco-holdings_0328/{}_list-of-directors_zh.pdf"
FULLSHARE = "hkex_fullshare_0607/{}_list-of-directors_{}.pdf"
PAIRS = [
    # 鄭育興先生 joins the executive directors and 許遼先生 the non-executive ones; neither
    # sits on a committee.
    (ALCO.format("2025-06-20"), ALCO.format("2025-07-17"),
     [joined("鄭育興", ED), joined("許遼", NED)], []),
    # 邊文斌先生 becomes vice-chairman: 「邊文斌先生( 副主席 )」.
    (ALCO.format("2025-07-17"), ALCO.format("2025-08-15"),
     [BoardChange("role_changed", "邊文斌", "邊文斌", NED, ("vice_chairman", "non_executive"))],
     []),
    # 鄧超文先生 leaves the board and his three committee seats (成員 in each column).
    (ALCO.format("2025-08-15"), ALCO.format("2025-09-03"),
     [left("鄧超文", INED)],
     [member("left", "audit", "鄧超文"), member("left", "remuneration", "鄧超文"),
      member("left", "nomination", "鄧超文")]),
    # 劉力恆先生 joins as an independent director; his table row has no marks.
    (ALCO.format("2025-09-03"), ALCO.format("2025-09-11"), [joined("劉力恆", INED)], []),
    # Mr. Chow Siu Lui, audit committee chairman, is replaced by Mr. Huang Shun.
    (FULLSHARE.format("2019-10-23", "en"), FULLSHARE.format("2021-12-30", "en"),
     [left("Chow Siu Lui", INED), joined("Huang Shun", INED)],
     [OfficerChange("changed", "audit_committee_chair", "Huang Shun", "Chow Siu Lui"),
      member("left", "audit", "Chow Siu Lui"), member("joined", "audit", "Huang Shun")]),
    # Mr. Ge Jinzhu joins as executive director and takes Ms. Du Wei's risk committee seat.
    (FULLSHARE.format("2021-12-30", "en"), FULLSHARE.format("2022-06-24", "en"),
     [joined("Ge Jinzhu", ED)],
     [member("left", "risk_management", "Du Wei"),
      member("joined", "risk_management", "Ge Jinzhu")]),
    # The same changes in the Chinese versions (committees 審核委員會 ... 環境、社會及管治委員會).
    (FULLSHARE.format("2019-10-23", "zh"), FULLSHARE.format("2021-12-30", "zh"),
     [left("鄒小磊", INED), joined("黃順", INED)],
     [OfficerChange("changed", "audit_committee_chair", "黃順", "鄒小磊"),
      member("left", "audit", "鄒小磊"), member("joined", "audit", "黃順")]),
    # 季昌群先生 is 「主席及行政總裁」 in 2021 and 「主席及首席執行官」 in 2022: the same roles.
    (FULLSHARE.format("2021-12-30", "zh"), FULLSHARE.format("2022-06-24", "zh"),
     [joined("葛金鑄", ED)],
     [member("left", "risk_management", "杜瑋"), member("joined", "risk_management", "葛金鑄")]),
]


def test_the_pairs_are_the_manifest_list_of_directors_pairs(manifest):
    listed = [(pair["old"], pair["new"]) for pair in manifest["pairs"]
              if pair["relation"].startswith("consecutive list-of-directors")]
    assert sorted(listed) == sorted((old, new) for old, new, _, _ in PAIRS)


@pytest.mark.parametrize(("old", "new", "changes", "offices"), PAIRS,
                         ids=[f"{old.split('/')[-1][:10]}-{old[-6:-4]}" for old, *_ in PAIRS])
def test_list_of_directors_pairs(corpus, old, new, changes, offices):
    before, after = board(corpus / old), board(corpus / new)
    assert (before.source, after.source) == ("list", "list")
    assert compare_boards(before, after) == (changes, offices)


def test_alco_board_and_committee_table(corpus):
    alco = board(corpus / ALCO.format("2025-08-15"))
    assert [(d.name, d.roles, d.honorific) for d in alco.directors] == [
        ("廖莉萍", ("chairman", "executive"), "女士"),  # 聯席主席: co-chairman
        ("何澤宇", ED, "先生"), ("鄭育興", ED, "先生"),
        ("田軼", ("chairman", "non_executive"), "先生"),
        ("邊文斌", ("vice_chairman", "non_executive"), "先生"), ("許遼", NED, "先生"),
        ("朱凱勤", INED, "先生"), ("林至頴", INED, "先生"), ("鄧社堅", INED, "先生"),
        ("鄧超文", INED, "先生"),
    ]
    # 朱凱勤 主席 成員 成員 / 林至頴 成員 成員 主席 / 鄧社堅 成員 主席 成員 / 鄧超文 成員 成員 成員
    assert [(c.kind, c.chair, c.members) for c in alco.committees] == [
        ("audit", "朱凱勤", ("朱凱勤", "林至頴", "鄧社堅", "鄧超文")),
        ("remuneration", "鄧社堅", ("朱凱勤", "林至頴", "鄧社堅", "鄧超文")),
        ("nomination", "林至頴", ("朱凱勤", "林至頴", "鄧社堅", "鄧超文")),
    ]
    assert alco.checks == ()


def test_fullshare_english_board_and_committee_lists(corpus):
    fullshare = board(corpus / FULLSHARE.format("2019-10-23", "en"))
    assert [(d.name, d.roles) for d in fullshare.directors] == [
        ("Ji Changqun", ("chairman", "chief_executive", "executive")),  # (Chairman and CEO)
        ("Du Wei", ED), ("Shen Chen", ED),
        ("Lau Chi Keung", INED), ("Chow Siu Lui", INED), ("Tsang Sai Chung", INED),
    ]
    assert [(c.kind, c.chair, c.members) for c in fullshare.committees] == [
        ("audit", "Chow Siu Lui", ("Chow Siu Lui", "Lau Chi Keung", "Tsang Sai Chung")),
        ("remuneration", "Lau Chi Keung", ("Lau Chi Keung", "Du Wei", "Tsang Sai Chung")),
        ("nomination", "Ji Changqun", ("Ji Changqun", "Lau Chi Keung", "Tsang Sai Chung")),
        ("risk_management", "Shen Chen", ("Shen Chen", "Du Wei", "Tsang Sai Chung")),
        ("esg", "Du Wei", ("Du Wei", "Shen Chen", "Tsang Sai Chung")),
    ]


def test_english_and_chinese_lists_give_the_same_board(corpus):
    english = board(corpus / FULLSHARE.format("2022-06-24", "en"))
    chinese = board(corpus / FULLSHARE.format("2022-06-24", "zh"))
    assert [d.roles for d in english.directors] == [d.roles for d in chinese.directors]
    assert [c.kind for c in english.committees] == [c.kind for c in chinese.committees]
    assert [d.name for d in chinese.directors] == [
        "季昌群", "杜瑋", "沈晨", "葛金鑄", "劉智強", "曾細忠", "黃順"]


# --- shapes, from text ------------------------------------------------------------------

HEADER = "董事名單與其角色和職能\n本公司董事會成員載列如下。\n"


def test_a_list_split_over_sections_or_merged_lines_reads_the_same():
    lines = (HEADER + "執行董事\n廖莉萍女士（聯席主席）\n獨立非執行董事\n朱凱勤先生\n林至頴先生\n"
             "下表提供各董事會成員於各董事委員會所擔任的職務。\n"
             "董事 審核委員會 薪酬委員會廖莉萍女士\n朱凱勤先生 主席 成員\n林至頴先生 成員 主席\n"
             "香港，二零二五年六月二十日")
    one_per_section = read_board(segment(parse_text(lines.replace("\n", "\n\n"), "a.txt")))
    merged = read_board_list(lines.replace("如下。\n", "如下。"))
    assert merged is not None
    assert one_per_section.directors == merged.directors
    assert [(d.name, d.roles) for d in merged.directors] == [
        ("廖莉萍", ("chairman", "executive")), ("朱凱勤", INED), ("林至頴", INED)]
    assert [(c.kind, c.chair, c.members) for c in merged.committees] == [
        ("audit", "朱凱勤", ("朱凱勤", "林至頴")), ("remuneration", "林至頴", ("朱凱勤", "林至頴"))]


def test_names_printed_one_spaced_character_at_a_time():
    listed = read_board_list(HEADER + "執行董事\n廖 莉 萍 女 士（主席）\n何澤宇先生")
    assert listed is not None
    assert [(d.name, d.honorific, d.roles) for d in listed.directors] == [
        ("廖莉萍", "女士", ("chairman", "executive")), ("何澤宇", "先生", ED)]


def test_a_table_row_with_marks_that_do_not_fit_its_columns_leaves_committees_unknown():
    listed = read_board_list(HEADER + "獨立非執行董事\n朱凱勤先生\n林至頴先生\n"
                             "董事 審核委員會 薪酬委員會 提名委員會\n朱凱勤先生 主席 成員 成員\n"
                             "林至頴先生 成員 主席")
    assert listed is not None and len(listed.directors) == 2
    assert listed.committees == ()
    assert [check.kind for check in listed.checks] == ["board_unreadable"]


def test_a_filing_without_a_list_heading_has_no_board_list():
    assert read_board_list("執行董事\n廖莉萍女士\n何澤宇先生") is None
    assert read_board_list(HEADER + "本公告並無其他內容。") is None


def test_an_english_committee_table_with_c_and_m_marks():
    listed = read_board_list(
        "LIST OF DIRECTORS AND THEIR ROLES AND FUNCTIONS\nExecutive Directors\n"
        "Mr. Chan Tai Man (Chairman)\nIndependent Non-executive Directors\nMs. Lee Mei Ling\n"
        "Mr. Wong Kai\nDirector Audit Committee Remuneration Committee\n"
        "Mr. Chan Tai Man M\nMs. Lee Mei Ling C M\nMr. Wong Kai M C\nHong Kong, 1 June 2024")
    assert listed is not None
    assert [(d.name, d.roles) for d in listed.directors] == [
        ("Chan Tai Man", ("chairman", "executive")), ("Lee Mei Ling", INED), ("Wong Kai", INED)]
    # "Mr. Chan Tai Man M" has one mark for two committees: which one cannot be told.
    assert listed.committees == () and listed.checks[0].kind == "board_unreadable"
    listed = read_board_list(
        "LIST OF DIRECTORS AND THEIR ROLES AND FUNCTIONS\nIndependent Non-executive Directors\n"
        "Ms. Lee Mei Ling\nMr. Wong Kai\nDirector Audit Committee Remuneration Committee\n"
        "Ms. Lee Mei Ling C M\nMr. Wong Kai M C\n")
    assert listed is not None
    assert [(c.kind, c.chair, c.members) for c in listed.committees] == [
        ("audit", "Lee Mei Ling", ("Lee Mei Ling", "Wong Kai")),
        ("remuneration", "Wong Kai", ("Lee Mei Ling", "Wong Kai"))]
