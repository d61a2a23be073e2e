"""SEC signature pages (board/signatures.py), issue 12: where the signature pages end,
the printed name beside a signature in capitals (the spelling capitals lose: "McNerney",
"Donahoe II", "(Jon R. Moeller)"), two signers with one first name side by side, and the
longest line a "*" row's printed name may be.

The layouts follow the 10-K signature pages the corpus holds (UnitedHealth Group, Costco,
Procter & Gamble, Nike); names are theirs or made up in their style."""

from __future__ import annotations

import pytest
from test_board_signatures import BELOW, read

from kcdiff.board.signatures import read_signatures, signature_directors


def test_the_signature_pages_end_at_the_exhibits():
    # An exhibit filed with the report (a director's agreement) is signed too: its
    # signer did not sign the report.
    assert read(
        "/s/ ANDREW WITTY\tDirector and Chief Executive Officer\tFebruary 28, 2024\n"
        "Andrew Witty\n"
        "Exhibit 10.5\nFORM OF DIRECTOR INDEMNIFICATION AGREEMENT\n"
        "/s/ JANE ROE\tDirector\tMarch 1, 2023\n"
    ) == [("Andrew Witty", ("chief_executive",))]


def test_a_printed_name_keeps_the_spelling_capitals_lose():
    assert read(
        "/s/ JOHN J. DONAHOE II\tPresident, Chief Executive Officer and Director\t"
        "July 20, 2023\nJohn J. Donahoe II\n"
        "/s/ ROBERT A. MCDONALD\tDirector\tJuly 20, 2023\nRobert A. McDonald\n"
    ) == [("John J. Donahoe II", ("chief_executive", "president")),
          ("Robert A. McDonald", ())]


def test_a_printed_name_in_brackets_is_read_without_them():
    # Procter & Gamble prints the name in brackets before the capacity.
    assert read(
        "/s/ JON R. MOELLER\n(Jon R. Moeller) Chairman of the Board, President and Chief "
        "Executive Officer\tAugust 4, 2025\n"
    ) == [("Jon R. Moeller", ("chairman", "chief_executive", "president"))]


def test_a_grid_whose_first_signer_has_a_name_capitals_misspell():
    # Costco's grid: the first signer's printed name follows the second signature.
    assert read(
        "By /s/ W. JAMES MCNERNEY By /s/ HAMILTON E. JAMES W. James McNerney\n"
        "President, Chief Executive Officer and Director\nHamilton E. James\n"
        "Chairman of the Board\n"
    ) == [("W. James McNerney", ("chief_executive", "president")),
          ("Hamilton E. James", ("chairman",))]


def test_two_signers_with_one_first_name_side_by_side():
    assert read(
        "/s/ JOHN SMITH John Smith Director /s/ JOHN ROE John Roe Chair of the Board\n"
    ) == [("John Smith", ()), ("John Roe", ("chairman",))]


@pytest.mark.parametrize(("line", "name"), [
    # A six-word name is a name.
    ("Maria de los Angeles Garcia Lopez", "Maria de los Angeles Garcia Lopez"),
    # Seven words are not: a page's running head between the "*" row and its name.
    ("Form 10-K for the fiscal year 2023\nCharles Baker", "Charles Baker"),
])
def test_a_star_row_s_name_is_at_most_six_words(line, name):
    assert read(
        "/s/ THOMAS ROOS\tSenior Vice President and Chief Accounting Officer\t"
        f"February 28, 2024\nThomas Roos\n\t*\tDirector\tFebruary 28, 2024\n{line}\n"
        "*By /s/ RUPERT BONDY\nRupert Bondy As Attorney-in-Fact\n"
    ) == [(name, ())]


def test_each_signer_as_read_with_title_heading_and_printed_name():
    from kcdiff.board.signatures import Signer

    assert read_signatures(
        BELOW + "/s/ ANDREW WITTY\tDirector and Chief Executive Officer\tFebruary 28, 2024\n"
        "Andrew Witty\nDIRECTORS:\n/s/ JOHN ROGERS, JR. John Rogers, Jr. Director July 17, 2025\n"
    ) == (Signer("ANDREW WITTY", "Director and Chief Executive Officer", "", "Andrew Witty"),
          Signer("JOHN ROGERS, JR.", "Director", "DIRECTORS:", "John Rogers, Jr."))


def test_a_signature_block_run_on_in_one_line():
    # The sentence and the signatures in one paragraph: no line break after the sentence.
    signers = read_signatures(
        BELOW.rstrip("\n") + " /s/ JOHN SMITH Director March 1, 2024 /s/ JANE ROE Chairman of "
        "the Board March 1, 2024")
    assert [(d.name, d.roles) for d in signature_directors(signers)] == [
        ("John Smith", ()), ("Jane Roe", ("chairman",))]


def test_two_word_names_side_by_side():
    assert read(
        "/s/ Lynn Good /s/ Brian West\nLynn Good Chair of the Board Brian West Director\n"
    ) == [("Lynn Good", ("chairman",)), ("Brian West", ())]


def test_names_that_start_with_x():
    assert read(
        "/s/ Xu Wei /s/ Xavier Becerra\nXu Wei – Director Xavier Becerra – Chair of the Board\n"
        "/s/ XAVIER MCDONALD\tDirector\tMarch 1, 2024\nXavier McDonald\n"
    ) == [("Xu Wei", ()), ("Xavier Becerra", ("chairman",)), ("Xavier McDonald", ())]


@pytest.mark.parametrize(("run", "signed", "printed"), [
    # Nike: the signature in capitals, then the printed name.
    ("JOHN J. DONAHOE II John J. Donahoe II", "JOHN J. DONAHOE II", "John J. Donahoe II"),
    # Costco's grid: the printed name after the second signature starts at its initial.
    ("HAMILTON E. JAMES W. Craig Jelinek", "HAMILTON E. JAMES", "W. Craig Jelinek"),
    # ... or at its bracket.
    ("MARC ALLEN (B. Marc Allen)", "MARC ALLEN", "(B. Marc Allen)"),
    ("MARIA FELIX Maria Felix", "MARIA FELIX", "Maria Felix"),
    # Commas after either name are not part of it.
    ("JOHN SMITH, John Smith,", "JOHN SMITH", "John Smith"),
    # All in capitals, or no capitals: no printed name.
    ("W. CRAIG JELINEK", "W. CRAIG JELINEK", ""),
    ("Robert K. Ortberg", "Robert K. Ortberg", ""),
])
def test_a_signed_name_and_the_printed_name_after_it(run, signed, printed):
    from kcdiff.board.signatures import _signed_name

    assert _signed_name(run) == (signed, printed)


def test_a_printed_name_that_is_not_the_signed_one_is_title_text():
    # "Robert Smith" printed under "/s/ BOB SMITH": not another signer.
    assert read("/s/ BOB SMITH\tDirector\tMarch 1, 2024\nRobert Smith\n") == [
        ("Bob Smith", ())]


def test_a_star_row_s_signer_as_read():
    signers = read_signatures(
        BELOW + "/s/ THOMAS ROOS\tSenior Vice President and Chief Accounting Officer\t"
        "February 28, 2024\nThomas Roos\n\t*\tDirector\tFebruary 28, 2024\nCharles Baker\n"
        "*By /s/ RUPERT BONDY\nRupert Bondy As Attorney-in-Fact\n")
    assert signers is not None
    baker = signers[1]
    assert (baker.name, baker.group, baker.printed) == ("Charles Baker", "", "")
    assert baker.title.replace("*", "").strip() == "Director"  # the attorney's "*By" mark


def test_an_accounting_firm_s_signature_is_no_signer():
    assert [s.name for s in read_signatures(
        BELOW + "/s/ ANDREW WITTY\tDirector\tFebruary 28, 2024\nAndrew Witty\n"
        "/s/ PricewaterhouseCoopers LLP\nMinneapolis, Minnesota\n")] == ["ANDREW WITTY"]


def test_a_star_row_under_a_directors_heading_stands_under_it():
    signers = read_signatures(
        BELOW + "DIRECTORS:\n\t*\tDirector\tFebruary 28, 2024\nCharles Baker\n"
        "*By /s/ RUPERT BONDY\nRupert Bondy As Attorney-in-Fact\n")
    assert signers is not None
    assert [(s.name, s.group) for s in signers] == [("Charles Baker", "DIRECTORS:"),
                                                    ("RUPERT BONDY", "DIRECTORS:")]


def test_a_second_printed_name_that_ends_the_line():
    # A grid: both printed names on one line, the second at its end, its title below.
    assert read(
        "/s/ Lynn Good /s/ Brian West\nLynn Good Chair of the Board Brian West\nDirector\n"
    ) == [("Lynn Good", ("chairman",)), ("Brian West", ())]


def test_a_single_word_between_a_star_row_and_its_name_is_no_name():
    # A page break between the "*" row and the printed name leaves "Continued" there.
    assert read(
        "/s/ THOMAS ROOS\tSenior Vice President and Chief Accounting Officer\t"
        "February 28, 2024\nThomas Roos\n\t*\tDirector\tFebruary 28, 2024\nContinued\n"
        "Charles Baker\n*By /s/ RUPERT BONDY\nRupert Bondy As Attorney-in-Fact\n"
    ) == [("Charles Baker", ())]
