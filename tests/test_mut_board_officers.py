"""Offices around the board (board/officers.py), issue 12: the signatory when nothing
follows the signature, a title after a comma and a company secretary who signs; the audit
committee's chair at the end of the 1,500 characters read, and a committee that names no
chair; "the appointment of Mr. X as ..." and a sentence that only mentions an office;
a secretary who is also an authorised representative; and the changes reported for a
new signatory and a member spelled differently.

Names and wordings are those of the Kingsoft Cloud samples and the Anxin-China
announcements in the corpus (quoted in each test)."""

from __future__ import annotations

import pytest

from kcdiff.board.officers import (
    Committee,
    Signatory,
    _office_of,
    compare_committees,
    compare_signatories,
    read_audit_committee,
    read_officer_events,
    read_signatory,
)
from kcdiff.ingest import parse_text
from kcdiff.model import OfficerChange
from kcdiff.segment import segment
from kcdiff.text.names import clean

# --- the signatory ----------------------------------------------------------------------


def test_a_signature_at_the_very_end_of_the_filing():
    # Nothing after the title: no place and date, no website, no board statement.
    assert read_signatory(clean(
        "By order of the Board\nKingsoft Cloud Holdings Limited\nMr. Zou Tao\n"
        "Vice Chairman of the Board")) == Signatory(
        "Zou Tao", "Mr", ("vice_chairman",), "Vice Chairman of the Board")


def test_a_title_after_a_comma_is_read_without_the_comma():
    assert read_signatory(clean(
        "By order of the Board\nAnxin-China Holdings Limited\nZhong Houtai, Chairman\n"
        "Hong Kong, 24 April 2009")) == Signatory("Zhong Houtai", "", ("chairman",), "Chairman")


def test_a_company_secretary_signs_as_one():
    # Many HKEX announcements are signed "By order of the Board ... Company Secretary".
    assert read_signatory(clean(
        "By order of the Board\nAnxin-China Holdings Limited\nMs. Leung Wai Yee\n"
        "Company Secretary\nHong Kong, 24 April 2009")) == Signatory(
        "Leung Wai Yee", "Ms", ("company_secretary",), "Company Secretary")


def test_another_signatory_is_reported_with_both_titles():
    # Anxin-China: Mr. Zhong Houtai signs the 2011 interim as Chairman, Mr. Liu Zhongkui
    # the 2012 annual results as Chairman and Chief Executive Officer.
    old = Signatory("Zhong Houtai", "Mr", ("chairman",), "Chairman")
    new = Signatory("Liu Zhongkui", "Mr", ("chairman", "chief_executive"),
                    "Chairman and Chief Executive Officer")
    assert compare_signatories(old, new) == [OfficerChange(
        "changed", "signatory", "Liu Zhongkui", "Zhong Houtai",
        "Chairman -> Chairman and Chief Executive Officer")]


def test_the_same_signatory_with_other_titles_is_reported_with_both():
    # Kingsoft Cloud's interim is signed by Mr. Zou Tao as "acting" chief executive; a
    # later announcement signed by him as chief executive.
    old = read_signatory(clean(
        "By order of the Board Kingsoft Cloud Holdings Limited Mr. Zou Tao Executive Director, "
        "Vice Chairman of the Board and acting Chief Executive Officer Hong Kong, August 22, 2023"
    ))
    new = read_signatory(clean(
        "By order of the Board Kingsoft Cloud Holdings Limited Mr. Zou Tao Executive Director, "
        "Vice Chairman of the Board and Chief Executive Officer Hong Kong, March 19, 2025"
    ))
    assert compare_signatories(old, new) == [OfficerChange(
        "changed", "signatory", "Zou Tao", "Zou Tao",
        "titles: Executive Director, Vice Chairman of the Board and acting Chief Executive "
        "Officer -> Executive Director, Vice Chairman of the Board and Chief Executive Officer")]


def test_titles_kcdiff_does_not_know_are_compared_by_their_words():
    counsel = Signatory("Chan Tai Man", "Mr", (), "General Counsel")
    same_words = Signatory("Chan Tai Man", "Mr", (), "general  COUNSEL")
    operating = Signatory("Chan Tai Man", "Mr", (), "Chief Operating Officer")
    assert compare_signatories(counsel, same_words) == []
    assert compare_signatories(counsel, operating) == [OfficerChange(
        "changed", "signatory", "Chan Tai Man", "Chan Tai Man",
        "titles: General Counsel -> Chief Operating Officer")]
    untitled = Signatory("Chan Tai Man", "Mr")
    assert compare_signatories(untitled, counsel)[0].detail == "titles: - -> General Counsel"
    assert compare_signatories(counsel, untitled)[0].detail == "titles: General Counsel -> -"
    other = Signatory("Lee Kin", "Mr")
    assert compare_signatories(untitled, other)[0].detail == "- -> -"


# --- the audit committee ----------------------------------------------------------------

FIRST = ("The Audit Committee comprises three independent non-executive Directors, namely "
         "Mr. Pei Renjiu, Mr. Xie Baitang and Mr. Cheung Chuen.")
# The duties as HKEX issuers describe them (Code Provision D.3.3), in one long sentence.
DUTIES = (" The primary duties of the Audit Committee are to review and supervise the financial "
          "reporting process, the risk management and internal control systems of the Group, "
          "to review the interim and annual results of the Group and the financial statements, "
          "to review the significant financial reporting judgments contained in them, to make "
          "recommendations to the Board on the appointment, reappointment and removal of the "
          "external auditor, to approve the remuneration and terms of engagement of the "
          "external auditor, to review and monitor the external auditor's independence and "
          "objectivity and the effectiveness of the audit process in accordance with applicable "
          "standards, to discuss with the external auditor the nature and scope of the audit "
          "and reporting obligations before the audit commences, to develop and implement "
          "policy on engaging an external auditor to supply non-audit services, to review the "
          "management letter of the external auditor and any material queries raised by the "
          "auditor to management about the accounting records, financial accounts or systems "
          "of control, to ensure that the Board will provide a timely response to the issues "
          "raised in the management letter, and to act as the key representative body for "
          "overseeing the Company's relations with the external auditor, and the Audit "
          "Committee met {} times in the period.")
CHAIR = " Mr. Cheung Chuen is the chairman of the Audit Committee."
MEMBERS = ("Pei Renjiu", "Xie Baitang", "Cheung Chuen")


@pytest.mark.parametrize(("meetings", "reach", "chair"), [
    (4, 1500, "Cheung Chuen"),  # "chairman" ends on the 1,500th character read
    (14, 1501, ""),  # one character further: the word is cut, no chair is read
])
def test_the_chair_is_read_within_1500_characters(meetings, reach, chair):
    text = FIRST + DUTIES.format(meetings) + CHAIR
    assert text.index("chairman") + len("chairman") - text.index("Audit Committee") == reach
    assert read_audit_committee(text) == Committee(MEMBERS, chair)


def test_a_committee_that_names_no_chair_has_an_empty_one():
    # Anxin-China's 2012 annual results, without the sentence naming the chairman.
    assert read_audit_committee(clean(
        "The audit committee has three members, including the Company's three independent "
        "non-executive Directors, namely Mr. Pei Renjiu, Mr. Xie Baitang and Mr. Cheung Chuen. "
        "The duties of the audit committee are set out in its terms of reference."
    )) == Committee(MEMBERS, "")


def test_a_member_spelled_differently_is_one_change_with_both_spellings():
    # Kingsoft Cloud: "Yu Mingto" in the interim, "Yu Mingo" in the annual.
    old = Committee(("Yu Mingto", "Wang Hang", "Qu Jingyuan"))
    new = Committee(("Yu Mingo", "Wang Hang", "Qu Jingyuan"))
    assert compare_committees(old, new) == [OfficerChange(
        "changed", "audit_committee_member", "Yu Mingo", "Yu Mingto",
        "the same member spelled differently")]


# --- announced events -------------------------------------------------------------------


def events(title: str, text: str) -> tuple[OfficerChange, ...]:
    return read_officer_events(segment(parse_text(
        f"ANNOUNCEMENT\n\n{title}\n\n{text}\n", "announcement.txt")))


def test_the_appointment_of_a_person_as_an_office():
    # The wording of the interim sample's section, for the secretary who stays on.
    assert events(
        "APPOINTMENT OF COMPANY SECRETARY",
        "The Board is pleased to announce the appointment of Ms. So Ka Man as the company "
        "secretary of the Company with effect from 1 September 2023.",
    ) == (OfficerChange("appointed", "company_secretary", "So Ka Man",
                        detail="company secretary, with effect from 1 September 2023"),)


def test_a_person_named_with_an_office_is_not_an_appointment():
    # "the resignation of Mr. X as an executive Director" repeats the resignation.
    assert events(
        "RESIGNATION OF EXECUTIVE DIRECTOR",
        "The Board announces that Mr. Chan Tai Man has resigned as an executive Director with "
        "effect from 1 March 2024. Following the resignation of Mr. Chan Tai Man as an "
        "executive Director, the Board comprises six Directors.",
    ) == (OfficerChange("resigned", "director", "Chan Tai Man",
                        detail="executive Director, with effect from 1 March 2024"),)


def test_a_secretary_who_is_also_an_authorised_representative_is_the_secretary():
    # "... has been appointed as the company secretary and an authorised representative
    # of the Company": the office followed is the secretary's.
    assert _office_of("the company secretary and an authorised representative") == (
        "company_secretary")
    assert _office_of("Company Secretary and an executive Director") == "company_secretary"


def test_the_members_are_those_the_first_sentence_names():
    # The company secretary who takes the committee's minutes is not a member.
    assert read_audit_committee(
        FIRST + " Ms. So Ka Man, the company secretary of the Company, acts as the secretary "
        "of the Audit Committee.") == Committee(MEMBERS, "")


@pytest.mark.parametrize(("sentences", "chair"), [
    (["The Audit Committee has reviewed the interim results of the Group.",
      "Mr. Cheung Chuen is the chairman of the Audit Committee."], "Cheung Chuen"),
    # Four sentences on, the chairman named is another body's: not read.
    (["The Audit Committee has reviewed the interim results of the Group.",
      "The Audit Committee met twice during the period.",
      "Mr. Zhong Houtai is the chairman of the Board."], ""),
])
def test_the_chair_is_read_from_the_first_three_sentences(sentences, chair):
    assert read_audit_committee(" ".join([FIRST, *sentences])) == Committee(MEMBERS, chair)


def test_a_committee_chaired_by_a_member():
    # "... and is chaired by Mr. X": the chairman named after the phrase.
    assert read_audit_committee(
        "The Audit Committee consists of three independent non-executive Directors, namely "
        "Mr. Pei Renjiu, Mr. Xie Baitang and Mr. Cheung Chuen. It is chaired by Mr. Cheung "
        "Chuen.") == Committee(MEMBERS, "Cheung Chuen")


def test_a_reference_to_an_earlier_appointment_on_the_cover_is_not_an_event():
    # The cover of an announcement titled with its event refers to the earlier
    # announcement; the appointment it announces is in its own section.
    from kcdiff.model import Block, Section

    sections = [
        Section(0, "CHANGE OF COMPANY SECRETARY", "", 0, "cover", (Block(
            "paragraph", "Reference is made to the announcement of the Company dated 3 June "
            "2011 in relation to the appointment of Mr. Liu Zhongkui as an executive "
            "Director."),)),
        Section(1, "APPOINTMENT OF COMPANY SECRETARY", "", 1, "governance", (Block(
            "paragraph", "The Board announces that Ms. So Ka Man has been appointed as the "
            "company secretary of the Company with effect from 1 July 2011."),)),
    ]
    assert read_officer_events(sections) == (
        OfficerChange("appointed", "company_secretary", "So Ka Man",
                      detail="company secretary, with effect from 1 July 2011"),)


def test_a_biography_is_not_an_announced_event():
    # "DIRECTORS AND SENIOR MANAGEMENT" tells when each director was appointed: history,
    # not an event this filing announces.
    assert events(
        "DIRECTORS AND SENIOR MANAGEMENT",
        "Mr. Zou Tao was appointed as an executive Director on 1 January 2016.",
    ) == ()


def test_an_office_elsewhere_or_not_followed_does_not_end_the_sentence():
    assert events(
        "CHANGE OF DIRECTORS AND COMPOSITION OF BOARD COMMITTEES",
        "Mr. Chan Tai Man has resigned as an independent non-executive director of Summit "
        "Ascent Holdings Limited and Mr. Lee Kin has been appointed as an executive Director "
        "with effect from 1 June 2024. Mr. Wong Kai has resigned as a member of the "
        "Remuneration Committee and Ms. Lee Mei Ling has been appointed as a member of the "
        "Audit Committee with effect from 1 June 2024.",
    ) == (
        OfficerChange("appointed", "director", "Lee Kin",
                      detail="executive Director, with effect from 1 June 2024"),
        OfficerChange("appointed", "audit_committee_member", "Lee Mei Ling",
                      detail="member of the Audit Committee, with effect from 1 June 2024"),
    )


@pytest.mark.parametrize(("office", "expected"), [
    # A seat with another title: the event is about the seat.
    ("a Director and the Chairman of the Board", "director"),
    ("a director and president", "director"),
    # The chair of a committee kcdiff does not follow is not the Board's chairman.
    ("the chairman of the Remuneration Committee", ""),
    ("the chairperson of the nomination committee", ""),
])
def test_the_office_of_a_seat_with_a_title_and_of_another_committee_s_chair(office, expected):
    assert _office_of(office) == expected


def test_a_chair_spelled_differently_is_said_to_be_so_not_a_new_chair():
    # Kingsoft Cloud's annual results print "Yu Mingo" in the board list for the "Yu
    # Mingto" who chairs the audit committee in both filings: the same misprint in the
    # chair's sentence is one person spelled differently.
    old = Committee(("Yu Mingto", "Wang Hang", "Qu Jingyuan"), "Yu Mingto")
    new = Committee(("Yu Mingto", "Wang Hang", "Qu Jingyuan"), "Yu Mingo")
    assert compare_committees(old, new) == [OfficerChange(
        "changed", "audit_committee_chair", "Yu Mingo", "Yu Mingto",
        "the same chair spelled differently")]
    assert compare_committees(old, Committee(old.members, "Mingto Yu")) == []
    other = Committee(old.members, "Wang Hang")
    assert compare_committees(old, other) == [OfficerChange(
        "changed", "audit_committee_chair", "Wang Hang", "Yu Mingto")]


def test_a_signatory_spelled_differently_is_said_to_be_so():
    old = Signatory("Yu Mingto", "Mr", ("independent_non_executive",),
                    "Independent Non-executive Director")
    respelled = Signatory("Yu Mingo", "Mr", old.titles, old.title_text)
    assert compare_signatories(old, respelled) == [OfficerChange(
        "changed", "signatory", "Yu Mingo", "Yu Mingto",
        "the same signatory spelled differently")]
    retitled = Signatory("Yu Mingo", "Mr", ("chairman",), "Chairman")
    assert compare_signatories(old, retitled) == [OfficerChange(
        "changed", "signatory", "Yu Mingo", "Yu Mingto",
        "the same signatory spelled differently; titles: Independent Non-executive "
        "Director -> Chairman")]
