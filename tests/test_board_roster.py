"""A 20-F's "Directors and Senior Management" table read into the board.

The rows follow Kingsoft Cloud's 20-F for 2023 (Item 6.A, "Directors and Executive
Officers | Age | Position/Title"); the second filing is the same table a year on, with
one director gone, one come, and an officer who holds no seat.
"""

from __future__ import annotations

from kcdiff.board import compare_boards, read_board
from kcdiff.ingest import parse_text
from kcdiff.segment import segment

HEAD = """FORM 20-F

ITEM 6. DIRECTORS, SENIOR MANAGEMENT AND EMPLOYEES

A. Directors and Senior Management

The following table sets forth information regarding our directors and executive officers.

"""
OLD_ROWS = [
    ("Directors and Executive Officers", "Age", "Position/Title"),
    ("Lei Jun", "54", "Chairman of the Board of Directors"),
    ("Zou Tao", "47", "Vice Chairman of the Board of Directors and Acting Chief Executive Officer"),
    ("Haijian He", "47", "Director and Chief Financial Officer"),
    ("Qiu Ruiheng", "60", "Director"),
    ("Yu Mingto", "51", "Independent Director"),
    ("Qu Jingyuan", "58", "Independent Director"),
]
NEW_ROWS = [
    *[row for row in OLD_ROWS if row[0] != "Qiu Ruiheng"],
    ("Feng Honghua", "61", "Director"),
    ("Zhang Wei", "45", "Senior Vice President"),
]
TAIL = "\n\nB. Compensation\n\nFor the fiscal year, we paid an aggregate of cash compensation."


def roster_filing(rows):
    table = "\n".join("\t".join(row) for row in rows)
    return segment(parse_text(HEAD + table + TAIL, "20-F.txt"))


def test_directors_are_the_rows_whose_office_is_a_seat():
    board = read_board(roster_filing(OLD_ROWS))
    assert board.source == "roster"
    assert {d.name: d.roles for d in board.directors} == {
        "Lei Jun": ("chairman",),
        "Zou Tao": ("vice_chairman", "acting_chief_executive"),
        "Haijian He": (),
        "Qiu Ruiheng": (),
        "Yu Mingto": ("independent_non_executive",),
        "Qu Jingyuan": ("independent_non_executive",),
    }


def test_an_officer_without_a_seat_is_not_a_director_and_changes_are_read():
    old, new = read_board(roster_filing(OLD_ROWS)), read_board(roster_filing(NEW_ROWS))
    assert "Zhang Wei" not in {d.name for d in new.directors}
    board, _ = compare_boards(old, new)
    assert sorted((change.status, change.name) for change in board) == [
        ("joined", "Feng Honghua"), ("left", "Qiu Ruiheng")]


def test_a_table_without_name_and_position_columns_is_no_roster():
    rows = [("Name", "Age"), ("Lei Jun", "54")]
    assert read_board(roster_filing(rows)).source != "roster"
