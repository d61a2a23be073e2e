"""Board-list announcements (board/lists.py), issue 12: the heading as printed, the warning
for a committee table that cannot be read, a header row of three committees run into its
first row, the marks "Chairman" / "Member" in a committee table, a name that keeps its
last word when that word looks like a mark, and the lines the list is read from.

The lists follow Fullshare Holdings' "LIST OF DIRECTORS AND THEIR ROLES AND FUNCTIONS"
(corpus: hkex_fullshare_0607/2019-10-23_list-of-directors_en.pdf), whose lines are
quoted; the committee tables are the English form of Alco Holdings' table (Director |
審核委員會 | 薪酬委員會 | 提名委員會, one row per director)."""

from __future__ import annotations

from kcdiff.board.lists import read_board_list, reading_text
from kcdiff.model import Block, Section

ED, INED = ("executive",), ("independent_non_executive",)
HEADING = "LIST OF DIRECTORS AND THEIR ROLES AND FUNCTIONS"
FULLSHARE = (
    "The Board of Directors (\u201cBoard\u201d) and their roles and functions of Fullshare "
    "Holdings Limited are set out below.\nExecutive Directors\n"
    "Mr. Ji Changqun (Chairman and CEO)\nMs. Du Wei\nIndependent Non-executive Directors\n"
    "Mr. Lau Chi Keung\nMr. Chow Siu Lui\nMr. Tsang Sai Chung\n")
TABLE = "Director Audit Committee Remuneration Committee Nomination Committee"


def committees(listed):
    return [(c.kind, c.chair, c.members) for c in listed.committees]


def test_the_heading_is_kept_as_printed():
    listed = read_board_list("List of Directors and their Roles and Functions\n" + FULLSHARE)
    assert listed is not None
    assert listed.heading == "List of Directors and their Roles and Functions"
    assert [(d.name, d.honorific, d.roles) for d in listed.directors][:2] == [
        ("Ji Changqun", "Mr", ("chairman", "chief_executive", "executive")),
        ("Du Wei", "Ms", ED)]


def test_a_name_printed_without_an_honorific_has_none():
    listed = read_board_list(f"{HEADING}\nExecutive Directors\nJi Changqun (Chairman)\nDu Wei\n")
    assert listed is not None
    assert [(d.name, d.honorific, d.roles) for d in listed.directors] == [
        ("Ji Changqun", "", ("chairman", "executive")), ("Du Wei", "", ED)]


def test_a_committee_list_without_a_chairman_has_no_chair():
    listed = read_board_list(f"{HEADING}\n{FULLSHARE}There are five Board committees.\n"
                             "Audit Committee\nMr. Chow Siu Lui\nMr. Lau Chi Keung\n"
                             "Hong Kong, 23 October 2019")
    assert listed is not None
    assert committees(listed) == [("audit", "", ("Chow Siu Lui", "Lau Chi Keung"))]


def test_a_table_row_that_does_not_fit_is_a_warning_that_names_it():
    listed = read_board_list(f"{HEADING}\n{FULLSHARE}{TABLE}\nMr. Lau Chi Keung C M M\n"
                             "Mr. Chow Siu Lui M C\n")
    assert listed is not None and listed.committees == ()
    (check,) = listed.checks
    assert (check.kind, check.severity, check.where) == (
        "board_unreadable", "warning", "board committees")
    assert check.message == ('the committee table row of "Chow Siu Lui" has 2 marks for 3 '
                             "committees; the committees are not compared")


def test_a_header_of_three_committees_run_into_the_first_row():
    listed = read_board_list(f"{HEADING}\n{FULLSHARE}{TABLE} Mr. Lau Chi Keung M C M\n"
                             "Mr. Chow Siu Lui C M M\nMr. Tsang Sai Chung M M C\n")
    assert listed is not None and listed.checks == ()
    everyone = ("Lau Chi Keung", "Chow Siu Lui", "Tsang Sai Chung")
    assert committees(listed) == [("audit", "Chow Siu Lui", everyone),
                                  ("remuneration", "Lau Chi Keung", everyone),
                                  ("nomination", "Tsang Sai Chung", everyone)]


def test_chairman_and_member_written_out_in_a_committee_table():
    listed = read_board_list(
        f"{HEADING}\n{FULLSHARE}Director Audit Committee Remuneration Committee\n"
        "Mr. Lau Chi Keung Member Chairman\nMr. Chow Siu Lui Chairman Member\n")
    assert listed is not None and listed.checks == ()
    both = ("Lau Chi Keung", "Chow Siu Lui")
    assert committees(listed) == [("audit", "Chow Siu Lui", both),
                                  ("remuneration", "Lau Chi Keung", both)]


def test_a_two_word_name_keeps_a_last_word_that_looks_like_a_mark():
    # A director named with an initial after the given name ("Ravi M"): in the table row
    # "Mr. Ravi M C M" the name keeps its "M", and the marks are C and M.
    listed = read_board_list(
        f"{HEADING}\nIndependent Non-executive Directors\nMr. Ravi M\nMr. Chow Siu Lui\n"
        "Director Audit Committee Remuneration Committee\nMr. Ravi M C M\n"
        "Mr. Chow Siu Lui M C\n")
    assert listed is not None and listed.checks == ()
    assert [d.name for d in listed.directors] == ["Ravi M", "Chow Siu Lui"]
    assert committees(listed) == [("audit", "Ravi M", ("Ravi M", "Chow Siu Lui")),
                                  ("remuneration", "Chow Siu Lui", ("Ravi M", "Chow Siu Lui"))]


# --- the lines a list is read from --------------------------------------------------------


def test_reading_text_keeps_a_heading_with_nothing_under_it():
    # An appendix lettered "X" on a line of its own, its text under a heading of its own.
    sections = [Section(0, "X", "", 1, "other", ()),
                Section(1, HEADING, "", 1, "other", (Block("heading", HEADING),
                                                     Block("paragraph", "Executive Directors")))]
    assert reading_text(sections) == f"X\n{HEADING}\nExecutive Directors"


def test_reading_text_reads_a_table_without_rows_from_its_text():
    # A table whose cells were not kept: its text is its lines.
    table = Block("table", "Director\tAudit Committee\nMr. Chow Siu Lui\tC")
    rows = Block("table", "ignored", rows=(("Director", "Audit Committee"),
                                           ("Mr. Chow Siu Lui", "C")))
    sections = [Section(0, "Committees", "", 1, "other", (table, rows))]
    assert reading_text(sections) == (
        "Committees\nDirector\tAudit Committee\nMr. Chow Siu Lui\tC\n"
        "Director\tAudit Committee\nMr. Chow Siu Lui\tC")


# --- a committee heading: the committee's name, at most one character more -------------

CHINESE = ("董事名單與其角色和職能\n本公司董事會成員載列如下。\n"
           "獨立非執行董事\n朱凱勤先生\n林至頴先生\n")


def test_a_committee_heading_may_end_with_a_colon():
    english = read_board_list(f"{HEADING}\nIndependent Non-executive Directors\n"
                              "Mr. Lau Chi Keung\nMr. Chow Siu Lui\nAudit Committee:\n"
                              "Mr. Chow Siu Lui (Chairman)\nMr. Lau Chi Keung\n")
    assert english is not None
    assert committees(english) == [("audit", "Chow Siu Lui", ("Chow Siu Lui", "Lau Chi Keung"))]
    chinese = read_board_list(CHINESE + "審核委員會：\n朱凱勤先生（主席）\n林至頴先生\n")
    assert chinese is not None
    assert committees(chinese) == [("audit", "朱凱勤", ("朱凱勤", "林至頴"))]


def test_a_committee_post_printed_under_a_name_is_not_a_committee_heading():
    # 「審核委員會主席」 (chairman of the audit committee) under 朱凱勤先生: two characters
    # more than the committee's name. The directors after it are still directors.
    listed = read_board_list(CHINESE.replace("朱凱勤先生\n", "朱凱勤先生\n審核委員會主席\n")
                             + "鄧社堅先生\n")
    assert listed is not None
    assert [(d.name, d.roles) for d in listed.directors] == [
        ("朱凱勤", INED), ("林至頴", INED), ("鄧社堅", INED)]
    assert listed.committees == ()


def test_a_column_header_on_a_line_of_its_own_is_not_a_director():
    # Alco's committee table with its first header cell 「董事」 (Director) printed on a
    # line of its own, above the committees' names.
    listed = read_board_list(CHINESE + "董事\n審核委員會 薪酬委員會\n朱凱勤先生 主席 成員\n"
                             "林至頴先生 成員 主席\n")
    assert listed is not None and listed.checks == ()
    assert [d.name for d in listed.directors] == ["朱凱勤", "林至頴"]
    assert committees(listed) == [("audit", "朱凱勤", ("朱凱勤", "林至頴")),
                                  ("remuneration", "林至頴", ("朱凱勤", "林至頴"))]


def test_a_name_ending_in_an_initial_is_kept_whole_outside_a_table():
    listed = read_board_list(f"{HEADING}\nIndependent Non-executive Directors\n"
                             "Mr. Ravi Kumar M\nMr. Chow Siu Lui\n")
    assert listed is not None
    assert [d.name for d in listed.directors] == ["Ravi Kumar M", "Chow Siu Lui"]


def test_names_without_honorifics_on_one_line_separated_by_a_comma():
    listed = read_board_list(f"{HEADING}\nIndependent Non-executive Directors\n"
                             "Lau Chi Keung, Xie Baitang\n")
    assert listed is not None
    assert [(d.name, d.roles) for d in listed.directors] == [
        ("Lau Chi Keung", INED), ("Xie Baitang", INED)]


def test_a_table_row_without_marks_is_a_director_on_no_committee():
    # Alco's 2025-09-11 list: 劉力恆先生's row has no mark under any committee.
    listed = read_board_list(CHINESE + "劉力恆先生\n董事 審核委員會 薪酬委員會\n"
                             "朱凱勤先生 主席 成員\n林至頴先生 成員 主席\n劉力恆先生\n")
    assert listed is not None and listed.checks == ()
    assert [d.name for d in listed.directors] == ["朱凱勤", "林至頴", "劉力恆"]
    assert committees(listed) == [("audit", "朱凱勤", ("朱凱勤", "林至頴")),
                                  ("remuneration", "林至頴", ("朱凱勤", "林至頴"))]
