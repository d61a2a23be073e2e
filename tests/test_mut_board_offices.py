"""What an announced appointment names (board/officers._office_of) and which committee
a printed committee name is (board/lists.committee_kind): each office and committee the
corpus's announcements and lists of directors print, in English and Chinese."""

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
