"""Directors read from SEC signature blocks: the 10-K pairs in the corpus against the
board changes read by hand from their signature pages (``data/board_truth.json``), and
each layout (table rows, PDF lines, side-by-side grids, attorney-in-fact grids) from text.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from kcdiff.board import compare_boards, read_board
from kcdiff.board.signatures import read_signatures, signature_directors
from kcdiff.ingest import read_filing
from kcdiff.segment import segment
from kcdiff.text.names import name_key

TRUTH = json.loads((Path(__file__).parent / "data" / "board_truth.json").read_text("utf-8"))
# The largest PDFs (Corning, Oracle, Microsoft) are scored by benchmarks/bench_board.py only.
SLOW = ("CORNING", "ORACLE", "MICROSOFT")
PAIRS = [pair for pair in TRUTH["pairs"] if not any(name in pair["old"] for name in SLOW)]


@cache
def board(path: Path):
    return read_board(segment(read_filing(path)))


def keys(names) -> list[str]:
    return sorted(name_key(name) for name in names)


@pytest.mark.parametrize("pair", PAIRS, ids=[pair["new"].split("/")[-1][:24] for pair in PAIRS])
def test_10k_pairs_joined_and_left_as_read_by_hand(corpus, pair):
    old, new = board(corpus / pair["old"]), board(corpus / pair["new"])
    assert (old.source, new.source) == ("signatures", "signatures")
    assert len(new.directors) == pair["directors_new"]
    changes, _ = compare_boards(old, new)
    by_status = {status: [c.name for c in changes if c.status == status]
                 for status in ("joined", "left", "role_changed", "name_changed")}
    assert keys(by_status["joined"]) == keys(pair["joined"])
    assert keys(by_status["left"]) == keys(pair["left"])
    assert keys(by_status["role_changed"]) == keys(pair["role_changed"])
    assert by_status["name_changed"] == []


def test_a_10q_has_no_board_and_says_nothing_about_it(corpus):
    quarter = board(corpus / "sec_more_html/pg_10-Q_FY2025Q3_2025-03-31.html")
    annual = board(corpus / "sec_more_html/pg_10-K_FY2025_2025-06-30.html")
    assert quarter.directors == () and not quarter.readable
    assert compare_boards(quarter, annual)[0] == []
    assert compare_boards(annual, quarter)[0] == []


def test_officers_and_roles_on_a_signature_page(corpus):
    apple = board(corpus / "sec_financebench_pdf/APPLE_2022_10K.pdf")
    directors = {d.name: d.roles for d in apple.directors}
    # "Senior Director of Corporate Accounting" and the CFO sign as officers only.
    assert "Chris Kondo" not in directors and "Luca Maestri" not in directors
    assert directors["Timothy D. Cook"] == ("chief_executive",)
    assert directors["Arthur D. Levinson"] == ("chairman",)  # "Director and Chair of the Board"
    assert directors["Alex Gorsky"] == ()


# --- layouts, from text -----------------------------------------------------------------

BELOW = ("Pursuant to the requirements of the Securities Exchange Act of 1934, this report "
         "has been signed below by the following persons on behalf of the registrant.\n")


def read(block: str) -> list[tuple[str, tuple[str, ...]]]:
    signers = read_signatures(BELOW + block)
    assert signers is not None
    return [(d.name, d.roles) for d in signature_directors(signers)]


def test_table_rows_with_the_printed_name_on_the_next_row():
    assert read(
        "Signature\tTitle\tDate\n"
        "/s/ ANDREW WITTY\tDirector and Chief Executive Officer\tFebruary 28, 2024\n"
        "Andrew Witty\n"
        "/s/ JOHN REX\tExecutive Vice President and Chief Financial Officer\tFebruary 28, 2024\n"
        "John Rex\n"
        "/s/ JOHN L. HENNESSY\tDirector, Chair\tFebruary 28, 2024\nJohn L. Hennessy\n"
    ) == [("Andrew Witty", ("chief_executive",)), ("John L. Hennessy", ("chairman",))]


def test_pdf_grid_of_two_signers_side_by_side():
    assert read(
        "By /s/ W. CRAIG JELINEK By /s/ HAMILTON E. JAMES W. Craig Jelinek\n"
        "President, Chief Executive Officer and Director\nHamilton E. James\n"
        "Chairman of the Board\n"
        "By /s/ RICHARD A. GALANTI By /s/ DANIEL M. HINES Richard A. Galanti\n"
        "Executive Vice President, Chief Financial Officer and Director\n"
        "Daniel M. Hines\nSenior Vice President and Corporate Controller\n"
    ) == [("W. Craig Jelinek", ("chief_executive", "president")),
          ("Hamilton E. James", ("chairman",)),
          ("Richard A. Galanti", ())]


def test_names_and_titles_side_by_side_on_one_line():
    assert read(
        "/s/ Robert K. Ortberg /s/ Lynn J. Good\n"
        "Robert K. Ortberg – President and Chief Executive Officer and Director "
        "Lynn J. Good – Director\n"
        "/s/ Brian J. West /s/ Steven M. Mollenkopf\n"
        "Brian J. West – Executive Vice President and Chief Financial Officer "
        "Steven M. Mollenkopf – Chair of the Board\n"
    ) == [("Robert K. Ortberg", ("chief_executive", "president")), ("Lynn J. Good", ()),
          ("Steven M. Mollenkopf", ("chairman",))]


def test_directors_signed_by_an_attorney_in_fact():
    assert read(
        "/s/ THOMAS ROOS\tSenior Vice President and Chief Accounting Officer\tFebruary 28, 2024\n"
        "Thomas Roos\n"
        "\t*\tDirector\tFebruary 28, 2024\nCharles Baker\n"
        "\t*\tDirector\tFebruary 28, 2024\nValerie Montgomery Rice, M.D.\n"
        "*By /s/ RUPERT BONDY\nRupert Bondy As Attorney-in-Fact\n"
    ) == [("Charles Baker", ()), ("Valerie Montgomery Rice, M.D.", ())]


def test_a_directors_heading_makes_its_signers_directors():
    assert read(
        "PRINCIPAL EXECUTIVE OFFICER AND DIRECTOR:\n"
        "/s/ ELLIOTT HILL Elliott Hill President and Chief Executive Officer July 17, 2025\n"
        "PRINCIPAL FINANCIAL OFFICER:\n"
        "/s/ MATTHEW FRIEND Matthew Friend Executive Vice President and Chief Financial "
        "Officer July 17, 2025\n"
        "DIRECTORS:\n/s/ JOHN ROGERS, JR. John Rogers, Jr. Director July 17, 2025\n"
    ) == [("Elliott Hill", ("chief_executive", "president")), ("John Rogers, Jr.", ())]


def test_officers_whose_titles_name_the_board_are_not_directors():
    assert read(
        "/s/ JANE DOE\tSecretary of the Board of Directors\tMarch 1, 2024\n"
        "/s/ CHRIS KONDO\tSenior Director of Corporate Accounting\tMarch 1, 2024\n"
        "/s/ JOHN ROE\tChairman of the Board of Directors\tMarch 1, 2024\n"
        "/s/ JOHN W. THOMPSON Lead Independent Director\nJohn W. Thompson\n"
        "/s/ SALLY ROE\tExecutive Vice President and Director\tMarch 1, 2024\n"
    ) == [("John Roe", ("chairman",)), ("John W. Thompson", ("lead_independent_director",)),
          ("Sally Roe", ())]  # a vice president is not the president


def test_a_report_signed_only_for_the_registrant_has_no_signature_block():
    assert read_signatures("SIGNATURES\nThe registrant has duly caused this report to be "
                           "signed on its behalf by the undersigned.\nBy: /s/ A. Smith") is None
