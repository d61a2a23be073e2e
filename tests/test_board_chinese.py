"""Chinese board statements (「於本公告日期，本公司執行董事為…」) and Chinese names: the Alco
announcements in the corpus, each read by hand, and the shapes the statement comes in."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from kcdiff.board import board_checks, compare_boards, read_board
from kcdiff.board.chinese import find_chinese_statement, read_chinese_statement
from kcdiff.ingest import read_filing
from kcdiff.model import BoardChange
from kcdiff.segment import segment
from kcdiff.text.names import name_key, similarity

ED, NED, INED = ("executive",), ("non_executive",), ("independent_non_executive",)
ALCO = "hkex_alco-holdings_0328/{}_zh.pdf"


@cache
def board(path: Path):
    return read_board(segment(read_filing(path)))


def test_alco_statement_read_from_the_pdf(corpus):
    # 「於本公告日期，本公司執行董事為廖莉萍女士（聯席主席）、何澤宇先生及鄭育興先生。本公司
    # 非執行董事為田軼先生（聯席主席）、邊文斌先生（副主席）及許遼先生。本公司獨立非執行董事為
    # 朱凱勤先生、林至穎先生、鄧社堅先生及劉力恆先生。」
    alco = board(corpus / ALCO.format("2025-09-11_ined-appointment"))
    assert alco.source == "statement" and alco.checks == ()
    assert [(d.name, d.roles) for d in alco.directors] == [
        ("廖莉萍", ("chairman", "executive")), ("何澤宇", ED), ("鄭育興", ED),
        ("田軼", ("chairman", "non_executive")), ("邊文斌", ("vice_chairman", "non_executive")),
        ("許遼", NED), ("朱凱勤", INED), ("林至穎", INED), ("鄧社堅", INED), ("劉力恆", INED),
    ]


def test_alco_announcements_in_a_row(corpus):
    # 2025-09-03: 鄧超文先生 resigned; 2025-09-11: 劉力恆先生 appointed, and 邊文斌先生 is
    # printed with （副主席） again (the 09-03 statement left it out).
    before = board(corpus / ALCO.format("2025-09-03_ined-resignation"))
    after = board(corpus / ALCO.format("2025-09-11_ined-appointment"))
    assert compare_boards(before, after)[0] == [
        BoardChange("role_changed", "邊文斌", "邊文斌", NED, ("vice_chairman", "non_executive")),
        BoardChange("joined", "劉力恆", new_roles=INED),
    ]


def test_a_variant_glyph_is_not_a_leaver_and_a_joiner(corpus):
    # The profit warning prints 林至頴, the results 林至穎: the same director in the same place.
    before = board(corpus / ALCO.format("2025-06-27_profit-warning"))
    after = board(corpus / ALCO.format("2025-06-30_annual-results_FY2025-03"))
    assert compare_boards(before, after)[0] == [
        BoardChange("name_changed", "林至穎", "林至頴", INED, INED)]


def test_monthly_returns_have_no_board_and_say_nothing(corpus):
    old = board(corpus / ALCO.format("2025-09-03_monthly-return_2025-08"))
    new = board(corpus / ALCO.format("2025-10-08_monthly-return_2025-09"))
    assert not old.readable and not new.readable
    assert compare_boards(old, new) == ([], [])


# --- shapes, from text ------------------------------------------------------------------


def read(statement: str):
    directors, problem = read_chinese_statement(find_chinese_statement(statement))
    assert problem == ""
    return [(d.name, d.roles, d.honorific) for d in directors]


def test_roles_before_the_names_with_a_board_made_of_clause():
    assert read("於本公告日期，董事會由執行董事張大文先生及李小梅女士（行政總裁）；"
                "以及獨立非執行董事王志明博士、陳 美 玲 女 士組成。\n承董事會命") == [
        ("張大文", ED, "先生"), ("李小梅", ("chief_executive", "executive"), "女士"),
        ("王志明", INED, "博士"), ("陳美玲", INED, "女士")]


def test_the_statement_ends_with_its_last_sentence_about_directors():
    text = ("於本公告日期，本公司執行董事為何澤宇先生。本公司獨立非執行董事為朱凱勤先生。"
            "本公告之中英文版本如有歧義，概以英文版本為準。黃大仙先生")
    assert read(text) == [("何澤宇", ED, "先生"), ("朱凱勤", INED, "先生")]


def test_an_unreadable_statement_gives_no_directors():
    assert read_chinese_statement("於本公告日期，董事會成員包括張大文、李小梅。")[0] == ()
    assert read_chinese_statement("於本公告日期，張大文先生為執行董事。")[0] == ()


def test_chinese_name_keys():
    assert name_key("廖 莉 萍 女 士") == name_key("廖莉萍") == "廖莉萍"
    assert similarity("林至頴", "林至穎") == 90.0  # one glyph apart, same surname
    assert similarity("林至穎", "陳至穎") < 88  # another surname: another person
    assert similarity("黃順", "黃明") < 88  # two-character names: too short to tell


def test_english_and_chinese_versions_are_not_compared_name_by_name(corpus):
    english = board(corpus / "hkex_fullshare_0607/2022-06-24_list-of-directors_en.pdf")
    chinese = board(corpus / "hkex_fullshare_0607/2022-06-24_list-of-directors_zh.pdf")
    assert english.readable and chinese.readable
    assert compare_boards(english, chinese) == ([], [])
    assert [c.kind for c in board_checks(english, chinese)] == ["board_not_compared"]
