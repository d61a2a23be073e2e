"""Where a line of text cannot end: in a word that joins it to what follows.

A title or a label that a printer wrapped ("ENVIRONMENTAL, SOCIAL AND" / "GOVERNANCE
COMMITTEE", "Share of profit of" / "associates") breaks after a conjunction, a preposition
or an opening bracket, which no finished title or sentence ends with, or leaves a
bracket open: the line goes on in the next one, however short it stops. A line of
capitals that opens with such a word ("AND OTHER COMPREHENSIVE INCOME") is the rest of
the title above it.
"""

from __future__ import annotations

__all__ = ["JOINING_WORDS", "ends_unfinished", "starts_joined"]

# Not "a" or "an": "SCHEDULE A", "Class A" end in a letter, not an article.
JOINING_WORDS = frozenset({
    "and", "or", "of", "on", "to", "in", "the", "for", "from", "by", "with", "at", "into",
    "under", "over", "through", "within", "between", "upon", "against", "during",
    "including", "excluding", "via",
})
_OPENING = ("(", "（", "&")


def ends_unfinished(line: str) -> bool:
    """Does ``line`` end in a joining word ("... AND", "... attributable to"), an opening
    bracket or an ampersand, or leave a bracket open ("... COST (EXCLUDING TRADE")?"""
    words = line.split()
    if line.endswith(_OPENING) or bool(words) and words[-1].lower() in JOINING_WORDS:
        return True
    return line.count("(") + line.count("（") > line.count(")") + line.count("）")


def starts_joined(line: str) -> bool:
    """Does ``line`` open with a joining word in capitals ("AND OTHER COMPREHENSIVE
    INCOME (continued)")? It is the rest of a title in capitals, whatever follows it.
    (In small letters, many a paragraph opens so: "In 2023, ...", "For the year ...".)"""
    first = line.split(maxsplit=1)[:1]
    return bool(first) and first[0].isupper() and first[0].lower() in JOINING_WORDS
