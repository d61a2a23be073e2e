"""Printed changes in prose: which sentences are checked, and when the per cent is wrong
(issue 12). Sentences are the annual sample's MD&A, some with one figure edited."""

from __future__ import annotations

import pytest

from kcdiff.figures.prose import _check_sentence, change_agrees, prose_checks
from kcdiff.ingest import parse_text
from kcdiff.segment import segment
from kcdiff.text.normalize import comparable

REVENUES = ("Total Revenues reached RMB7,785.2 million (US$1,066.6 million), representing an "
            "increase of 10.5% from RMB7,047.5 million in 2023.")


def check(sentence: str) -> str:
    return _check_sentence(comparable(sentence))


def test_a_right_change_is_silent_and_a_wrong_one_named():
    assert check(REVENUES) == ""
    wrong = REVENUES.replace("RMB7,047.5", "RMB8,000.0")
    assert check(wrong) == (
        '"increase of 10.5%" does not follow from RMB8,000.0 to RMB7,785.2 (-2.7%): "'
        + wrong + '"')


def test_the_earlier_amount_is_the_one_after_from():
    gross = ("Gross profit increased by 57.7% to RMB1,340.9 million (US$183.7 million) in "
             "2024, from RMB850.2 million in 2023.")
    assert check(gross) == ""
    assert check(gross.replace("57.7%", "75.7%")).startswith(
        '"increased by 75.7%" does not follow from RMB850.2 to RMB1,340.9 (+57.7%)')


def test_a_decrease_is_negative():
    net_loss = ("Net loss was RMB1,979.0 million, a decrease of 9.4% from RMB2,183.6 million "
                "in 2023.")
    assert check(net_loss) == ""
    assert check(net_loss.replace("a decrease", "an increase")) != ""
    assert check(net_loss.replace("9.4%", "19.4%")).startswith(
        '"decrease of 19.4%" does not follow from RMB2,183.6 to RMB1,979.0 (-9.4%)')


def test_us_dollar_amounts_alone_are_checked():
    # No RMB amount: the two US$ amounts are the ones compared.
    wrong = ("Total Revenues reached US$1,066.6 million, representing an increase of 10.5% "
             "from US$1,100.0 million in 2023.")
    assert check(wrong).startswith(
        '"increase of 10.5%" does not follow from US$1,100.0 to US$1,066.6 (-3.0%)')
    assert check(wrong.replace("US$1,100.0", "US$965.3")) == ""


@pytest.mark.parametrize("sentence", [
    # two amounts in two currencies: not the same measure
    REVENUES.replace("RMB7,047.5", "HK$8,000.0"),
    # one amount and no earlier one
    "During the Reporting Period, total revenues reached RMB7,785.2 million (US$1,066.6 "
    "million) in 2024, increased by 10.5% year-over-year.",
    # two per cents: which amounts belong to which is not said
    "Revenues from public cloud services were RMB5,007.3 million, increased by 14.3% and "
    "revenues from enterprise cloud services were RMB2,777.8 million, increased by 4.3% "
    "from RMB2,664.0 million.",
    # three amounts in one currency
    REVENUES.replace("(US$1,066.6 million)", "(RMB1.0 million more than planned)")
    .replace("RMB7,047.5", "RMB8,000.0"),
    # the earlier amount not introduced by "from" / "compared with"
    REVENUES.replace("from RMB7,047.5", "against RMB8,000.0"),
])
def test_sentences_of_another_shape_are_left_alone(sentence):
    assert check(sentence) == ""


def test_prose_checks_read_paragraphs_only():
    wrong = REVENUES.replace("RMB7,047.5", "RMB8,000.0")
    sections = segment(parse_text(f"MANAGEMENT DISCUSSION AND ANALYSIS\n\n{wrong}\n\n"
                                  f"{REVENUES}\n", "annual.txt"))
    [found] = prose_checks(sections)
    assert (found.kind, found.severity) == ("percentage", "error")
    assert "RMB8,000.0" in found.message


@pytest.mark.parametrize(("after", "printed", "decimals", "agrees"), [
    # 850,169 -> 1,340,926 is +57.72%: "57.7%" allows 0.05 + 0.01
    (1340926.0, 57.7, 1, True),
    (1341226.0, 57.7, 1, True),   # +57.7599%
    (1341227.0, 57.7, 1, False),  # +57.7600% and a little
    # whole per cents allow 0.5 + 0.01: "58%" for +57.72% holds, "57%" does not
    (1340926.0, 58.0, 0, True),
    (1340926.0, 57.0, 0, False),
])
def test_change_agrees_within_the_printed_rounding(after, printed, decimals, agrees):
    assert change_agrees(850169.0, after, printed, decimals) is agrees


def test_a_shrinking_loss_agrees_read_either_way():
    # (2,183,647) -> (1,979,042): +9.37% as signed figures, -9.37% in size.
    assert change_agrees(-2183647.0, -1979042.0, 9.4, 1)
    assert change_agrees(-2183647.0, -1979042.0, -9.4, 1)
    assert not change_agrees(-2183647.0, -1979042.0, -9.3, 1)


@pytest.mark.parametrize("sentence", [
    # 765.2 after 850.2 is -10.0%: "declined" and "down" are decreases
    "Gross profit declined by 10.0% to RMB765.2 million in 2024, from RMB850.2 million.",
    "Gross profit was down 10.0% to RMB765.2 million in 2024, from RMB850.2 million.",
])
def test_declined_and_down_are_decreases(sentence):
    assert check(sentence) == ""
    assert check(sentence.replace("765.2", "935.2")) != ""


def test_whole_amounts_are_checked_too():
    # 7,785 after 7,047 is +10.5%: "15.0%" is wrong whatever the rounding of millions.
    sentence = ("Total Revenues reached RMB7,785 million, representing an increase of 15.0% "
                "from RMB7,047 million in 2023.")
    assert check(sentence).startswith('"increase of 15.0%" does not follow from RMB7,047')
    assert check(sentence.replace("15.0%", "10.5%")) == ""


def test_a_finding_names_its_section():
    wrong = REVENUES.replace("RMB7,047.5", "RMB8,000.0")
    sections = segment(parse_text(f"MANAGEMENT DISCUSSION AND ANALYSIS\n\n{wrong}\n",
                                  "annual.txt"))
    [found] = prose_checks(sections)
    assert found.where == "MANAGEMENT DISCUSSION AND ANALYSIS"


def test_the_amounts_rounding_widens_the_allowance_only_as_far_as_it_reaches():
    # From RMB10.0 million to RMB11.0 million, each rounded to 0.1: the true change lies
    # between 8.96% (10.05 -> 10.95) and 11.06% (9.95 -> 11.05). "11.1%" (11.05 to 11.15)
    # can be it; "11.08%" cannot.
    assert change_agrees(10.0, 11.0, 11.1, 1, amount_decimals=1)
    assert not change_agrees(10.0, 11.0, 11.08, 2, amount_decimals=1)


def test_a_failed_percentage_quotes_its_sentence_up_to_160_characters():
    sentence = ("Revenue increased by 25.0% from RMB100.0 million for the six months ended June "
                "30, 2022 to RMB110.0 million for the six months ended June 30, 2023, mainly due "
                "to the growth of our public cloud services")
    message = _check_sentence(sentence)
    assert message.startswith('"increased by 25.0%" does not follow from')
    assert message.endswith(f'"{sentence[:160]}"') and len(sentence) > 161
