"""Board comparison thresholds, each just either side (issue 12: mutation testing).

Names are Kingsoft Cloud's directors as its announcements print them ("Yu Mingto" in the
interim, "Yu Mingo" in the annual), with one letter changed the way typesetting does."""

from __future__ import annotations

from kcdiff.board import BoardStatement, board_checks, compare_boards
from kcdiff.model import BoardChange, Director
from kcdiff.text.names import similarity

INED = ("independent_non_executive",)
ED = ("executive",)


def board(*names: str, roles: tuple[str, ...] = INED) -> BoardStatement:
    return BoardStatement(directors=tuple(Director(name, roles) for name in names),
                          text="(statement)", readable=True)


def statuses(old: BoardStatement, new: BoardStatement) -> list[tuple[str, str]]:
    return [(change.status, change.name) for change in compare_boards(old, new)[0]]


def test_a_misspelt_name_in_the_same_place_is_one_person_from_88():
    assert round(similarity("Wang Hang", "Wang Heng"), 2) == 88.89
    assert round(similarity("Yu Mingto", "Yu Ming"), 2) == 87.5
    assert statuses(board("Qu Jingyuan", "Wang Hang"), board("Qu Jingyuan", "Wang Heng")) == [
        ("name_changed", "Wang Heng")]
    assert statuses(board("Qu Jingyuan", "Yu Mingto"), board("Qu Jingyuan", "Yu Ming")) == [
        ("left", "Yu Mingto"), ("joined", "Yu Ming")]


def test_a_misspelt_name_in_another_place_is_one_person_only_from_95():
    assert round(similarity("Qu Jingyuan", "Qu Jingyun"), 2) == 95.24
    assert round(similarity("Yu Mingto", "Yu Mingo"), 2) == 94.12
    # Listed first instead of last among the independent directors.
    assert statuses(board("Wang Hang", "Qu Jingyuan"), board("Qu Jingyun", "Wang Hang")) == [
        ("name_changed", "Qu Jingyun")]
    assert statuses(board("Wang Hang", "Yu Mingto"), board("Yu Mingo", "Wang Hang")) == [
        ("left", "Yu Mingto"), ("joined", "Yu Mingo")]


def test_the_change_records_both_names_and_both_role_sets():
    (change,) = compare_boards(board("Wang Hang", "Yu Mingto"), board("Wang Hang", "Yu Mingo"))[0]
    assert change == BoardChange("name_changed", "Yu Mingo", "Yu Mingto", INED, INED)


def test_boards_are_compared_when_at_most_half_the_names_are_chinese():
    old = board("Lei Jun", "Zou Tao", roles=ED)
    half = board("雷军", "Zou Tao", roles=ED)  # one of two: still the latin board
    assert statuses(old, half) == [("left", "Lei Jun"), ("joined", "雷军")]
    assert not [c for c in board_checks(old, half) if c.kind == "board_not_compared"]
    most = board("雷军", "邹涛", "Zou Tao", roles=ED)  # two of three: a Chinese board
    assert statuses(old, most) == []
    (check,) = [c for c in board_checks(old, most) if c.kind == "board_not_compared"]
    assert "(latin and chinese)" in check.message and check.severity == "info"


def test_a_board_missing_on_one_side_is_noted_for_that_side():
    missing = BoardStatement(directors=(), text="", readable=False)
    (check,) = board_checks(missing, board("Wang Hang"))
    assert (check.kind, check.filing, check.severity) == ("board_missing", "old", "info")
    assert "the old filing has no board statement" in check.message
    (check,) = board_checks(board("Wang Hang"), missing)
    assert (check.kind, check.filing) == ("board_missing", "new")
    assert statuses(missing, board("Wang Hang")) == []


def roster_sections(*tables: tuple[tuple[str, ...], ...]):
    from kcdiff.model import Block, Section

    blocks = tuple(Block("table", "\n".join("\t".join(r) for r in rows), rows=rows)
                   for rows in tables)
    return [Section(0, "A. Directors and Senior Management", "", 2, "governance", blocks)]


def test_a_roster_skips_wrapped_and_short_rows_and_tables_without_its_header():
    from kcdiff.board.roster import read_roster

    # Kingsoft Cloud's 20-F rows, with a title wrapped onto a row of its own and a row
    # cut short (no position): neither is a person.
    rows = (("Directors and Executive Officers", "Age", "Position/Title"),
            ("Lei Jun", "54", "Chairman of the Board of Directors"),
            ("", "", "and Director"),
            ("Zhang Wei", "45"),
            ("Qu Jingyuan", "58", "Independent Director"))
    no_name_column = (("Age", "Position/Title"), ("54", "Director"))
    directors = read_roster(roster_sections((), no_name_column, rows))
    assert [d.name for d in directors] == ["Lei Jun", "Qu Jingyuan"]
    assert directors[1].roles == ("independent_non_executive",)
    assert read_roster(roster_sections((), no_name_column)) == ()
