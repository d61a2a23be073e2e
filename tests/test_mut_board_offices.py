"""What an announced appointment names (board/officers._office_of), which committee a
printed committee name is (board/lists.committee_kind), and the shapes a list of
directors' lines come in: each office and committee the corpus's announcements and
lists print, in English and Chinese."""

from __future__ import annotations

import pytest

from kcdiff.board.lists import committee_kind
from kcdiff.board.officers import _office_of


@pytest.mark.parametrize(("office", "expected"), [
    ("a joint company secretary", "company_secretary"),
    ("the Company Secretary", "company_secretary"),
    ("the chairman of the Audit Committee", "audit_committee_chair"),
    ("the chairperson of the audit committee", "audit_committee_chair"),
    ("a member of the Audit Committee", "audit_committee_member"),
    ("the Remuneration Committee", ""),  # committees other than audit are not followed
    ("a member of the nomination committee", ""),
    ("an authorised representative", "authorised_representative"),
    ("an Authorized Representative", "authorised_representative"),
    ("an independent non-executive Director", "director"),
    ("an executive director", "director"),
    ("a non-executive director", "director"),
    ("the chief financial officer", "chief_financial_officer"),
    ("the chief executive officer", "chief_executive"),
    ("the auditors", ""),
    ("", ""),
])
def test_the_office_an_event_names(office, expected):
    assert _office_of(office) == expected


@pytest.mark.parametrize(("title", "kind"), [
    ("Audit Committee", "audit"),
    ("審核委員會", "audit"),
    ("AUDIT COMMITTEE", "audit"),
    ("Remuneration Committee", "remuneration"),
    ("薪酬委員會", "remuneration"),
    ("Nomination Committee", "nomination"),
    ("提名委員會", "nomination"),
    ("Risk Management Committee", "risk_management"),
    ("風險管理委員會", "risk_management"),
    ("Environmental, Social and Governance Committee", "esg"),
    ("環境、社會及管治委員會", "esg"),
    # Others keep their name, in lower case and single-spaced, so two lists still match.
    ("Investment  Committee ", "investment committee"),
    ("Executive Committee", "executive committee"),
])
def test_committee_kinds(title, kind):
    assert committee_kind(title) == kind


LIST = "LIST OF DIRECTORS AND THEIR ROLES AND FUNCTIONS\n"


def _read(text: str):
    from kcdiff.board.lists import read_board_list

    listed = read_board_list(LIST + text)
    assert listed is not None
    return ([(d.name, d.honorific, d.roles) for d in listed.directors],
            [(c.kind, c.chair, c.members) for c in listed.committees],
            [check.kind for check in listed.checks])


def test_several_directors_on_one_line_separated_by_commas_or_ideographic_commas():
    directors, _, _ = _read(
        "Executive Directors\nMr. Chan Tai Man, Ms. Lee Mei Ling、Dr. Wong Kai\n")
    assert directors == [("Chan Tai Man", "Mr", ("executive",)),
                         ("Lee Mei Ling", "Ms", ("executive",)),
                         ("Wong Kai", "Dr", ("executive",))]


def test_a_committee_heading_over_its_members_with_the_chairman_in_brackets():
    _, committees, checks = _read(
        "Independent Non-executive Directors\nMs. Lee Mei Ling\nMr. Wong Kai\n"
        "Audit Committee\nMs. Lee Mei Ling (Chairman)\nMr. Wong Kai\n")
    assert committees == [("audit", "Lee Mei Ling", ("Lee Mei Ling", "Wong Kai"))]
    assert checks == []


def test_a_sentence_naming_a_committee_starts_no_committee_list():
    _, committees, _ = _read(
        "Independent Non-executive Directors\nMs. Lee Mei Ling\nMr. Wong Kai\n"
        "The Audit Committee has two members.\nMs. Lee Mei Ling\n")
    assert committees == []


def test_a_committee_table_header_run_into_its_first_row():
    # pdf text can join the header row "Director | Audit Committee | Remuneration
    # Committee" and the first director's row into one line.
    _, committees, checks = _read(
        "Independent Non-executive Directors\nMs. Lee Mei Ling\nMr. Wong Kai\n"
        "Director Audit Committee Remuneration Committee Ms. Lee Mei Ling C M\n"
        "Mr. Wong Kai M C\n")
    assert committees == [("audit", "Lee Mei Ling", ("Lee Mei Ling", "Wong Kai")),
                          ("remuneration", "Wong Kai", ("Lee Mei Ling", "Wong Kai"))]
    assert checks == []


@pytest.mark.parametrize(("length", "shown"), [(300, 300), (301, 297)])
def test_an_unreadable_statement_is_quoted_whole_up_to_300_characters(length, shown):
    from kcdiff.board.statement import _unreadable

    statement = ("The Board comprises seven Directors. " * 10)[:length]
    check = _unreadable(statement, "no director is named")
    assert (check.kind, check.severity, check.where) == (
        "board_unreadable", "warning", "board statement")
    assert check.message.startswith("no director is named; no directors were read from it, "
                                    "so board changes are not reported.")
    quoted = check.message.split('The statement reads: "', 1)[1].removesuffix('"')
    assert quoted == (statement if shown == length else statement[:shown] + "...")
