"""Amounts in prose: "RMB3,699.8 million (US$510.2 million), representing a decrease of
9.3% from RMB4,080.3 million". A sentence that names one change in per cent and exactly
two amounts in the same currency (the earlier one after "from" or "compared with") is
checked: the printed per cent must follow from the two amounts, within their rounding.
Sentences that do not have that shape are left alone: they are never guessed at.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Check, Section
from ..text.amounts import amounts_in as read_amounts
from ..text.normalize import comparable

__all__ = ["prose_checks", "change_agrees", "amounts_in"]

# The blank first, then the stop behind it (as "(?<=[.;])\s+(?=[A-Z(])", searched faster).
_SENTENCE = re.compile(r"\s(?<=[.;]\s)\s*(?=[A-Z(])")
_PERCENT = re.compile(
    r"\b(?P<word>increase|decrease|increased|decreased|grew|declined|up|down)"
    r"(?:\s+(?:significantly|slightly|by|of|a|an))*\s+(?:by\s+|of\s+)?"
    r"(?P<number>\d+(?:\.\d+)?)%",
    re.IGNORECASE,
)
_EARLIER = re.compile(r"(?:from|compared with|compared to|as compared with)\s+$", re.IGNORECASE)


def change_agrees(before: float, after: float, printed: float, decimals: int,
                  amount_decimals: int | None = None) -> bool:
    """True when ``printed`` % is the change from ``before`` to ``after`` within its
    rounding (and that of the amounts, when they were rounded to ``amount_decimals``),
    read either as a signed change or as a change in size (a loss that shrinks is often
    printed as a decrease)."""
    slack = 0.5 * 10 ** -decimals + 0.01
    if amount_decimals is not None:
        unit = 0.5 * 10 ** -amount_decimals
        slack += 100.0 * unit * (abs(after) + abs(before)) / (abs(before) - unit) ** 2
    signed = 100.0 * (after - before) / abs(before)
    size = 100.0 * (abs(after) - abs(before)) / abs(before)
    return any(abs(candidate - printed) <= slack for candidate in (signed, size))


def amounts_in(sentence: str) -> list[tuple[str, float, int, int]]:
    """(currency, amount, printed decimals, position) of each amount in a sentence."""
    return [(amount.currency, amount.value or 0.0, amount.decimals, start)
            for amount, start in read_amounts(sentence)]


def prose_checks(sections: Sequence[Section]) -> list[Check]:
    checks = []
    for section in sections:
        for block in section.blocks:
            if block.kind != "paragraph" or "%" not in block.text:
                continue
            for sentence in _SENTENCE.split(comparable(block.text)):
                failure = _check_sentence(sentence)
                if failure:
                    checks.append(Check("percentage", "error", section.title, failure))
    return checks


def _check_sentence(sentence: str) -> str:
    percents = list(_PERCENT.finditer(sentence))
    if len(percents) != 1:
        return ""
    currency_amounts = [a for a in amounts_in(sentence) if a[0] != "US$"] or \
        amounts_in(sentence)
    currencies = {amount[0] for amount in currency_amounts}
    if len(currency_amounts) != 2 or len(currencies) != 1:
        return ""
    earlier = [a for a in currency_amounts if _EARLIER.search(sentence[:a[3]])]
    if len(earlier) != 1:
        return ""
    before = earlier[0]
    after = next(a for a in currency_amounts if a is not before)
    printed = float(percents[0].group("number"))
    if percents[0].group("word").lower().startswith(("decrease", "declin", "down")):
        printed = -printed
    decimals = len(percents[0].group("number").partition(".")[2])
    if not before[1] or change_agrees(before[1], after[1], printed, decimals,
                                      max(before[2], after[2])):
        return ""
    computed = 100.0 * (after[1] - before[1]) / abs(before[1])
    return (f"\"{percents[0].group(0)}\" does not follow from {before[0]}{before[1]:,} to "
            f"{after[0]}{after[1]:,} ({computed:+.1f}%): \"{sentence[:160]}\"")
