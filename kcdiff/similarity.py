"""How much two filings' wording differs, as the text-similarity literature measures it
(Cohen, Malloy and Nguyen, "Lazy Prices", Journal of Finance 2020): four numbers between 0
(nothing in common) and 1 (the same words), per document and per aligned section.

Words. The text is put in kcdiff's comparable form (``text.normalize``: Unicode NFKC,
straight quotes, plain hyphens, single spaces) and cut with kcdiff's token pattern, then
lower-cased. A word is a run of letters (with inner apostrophes: "company's"), a number
with its separators ("1,234.5", "12%"), or one CJK character (Chinese and Japanese have no
spaces, so each character counts as a word). Punctuation is dropped. No stop words are
removed and nothing is stemmed: "the" and "profit"/"profits" count as written.

What is measured: the wording; tables are left out (their figures are compared by the
figures stage and counted in the report). For a whole filing, every block that is not a
table (paragraphs and headings); for a section, its paragraphs as kcdiff's redline holds
them (the heading is the section's title, in its own columns).

- ``cosine``: cosine of the two term-frequency vectors (word -> count).
- ``jaccard``: size of the intersection of the two word sets over the size of their union.
- ``min_edit``: 1 - (word-level Levenshtein distance: fewest words inserted, deleted or
  substituted to turn the old text into the new) / (the longer text's word count).
- ``simple``: 1 - (words inserted + words deleted in kcdiff's own redline) / (old words +
  new words). A paragraph moved whole counts as kept; the words reworded inside a moved
  paragraph count as changed. For a whole document the changed words are summed over its
  sections' redlines and divided by both filings' word counts (a changed section title is
  not in the redline, so it counts for the other three measures only).

Two empty texts are the same (1.0); an empty text against a non-empty one shares nothing
(0.0). An added or removed section scores 0.0 on every measure.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from .model import Filing, Report, SectionDiff
from .text.normalize import words

__all__ = [
    "Similarity",
    "tokens",
    "cosine",
    "jaccard",
    "min_edit",
    "simple",
    "section_similarity",
    "filing_similarity",
]


@dataclass(frozen=True)
class Similarity:
    cosine: float
    jaccard: float
    min_edit: float
    simple: float


SAME = Similarity(1.0, 1.0, 1.0, 1.0)
NOTHING_IN_COMMON = Similarity(0.0, 0.0, 0.0, 0.0)


def tokens(text: str) -> list[str]:
    """The words of ``text`` as the measures count them (see the module docstring)."""
    return [word.lower() for word in words(text) if any(c.isalnum() for c in word)]


def _empty(old: Sequence[str], new: Sequence[str]) -> float | None:
    if not old and not new:
        return 1.0
    if not old or not new:
        return 0.0
    return None


def cosine(old: Sequence[str], new: Sequence[str]) -> float:
    """Cosine of the term-frequency vectors of two word lists."""
    if (edge := _empty(old, new)) is not None:
        return edge
    old_counts, new_counts = Counter(old), Counter(new)
    dot = sum(count * new_counts[word] for word, count in old_counts.items())
    norms = math.sqrt(sum(c * c for c in old_counts.values())) * math.sqrt(
        sum(c * c for c in new_counts.values()))
    return min(1.0, dot / norms)


def jaccard(old: Sequence[str], new: Sequence[str]) -> float:
    """Shared distinct words over all distinct words."""
    if (edge := _empty(old, new)) is not None:
        return edge
    old_set, new_set = set(old), set(new)
    return len(old_set & new_set) / len(old_set | new_set)


def min_edit(old: Sequence[str], new: Sequence[str]) -> float:
    """1 - word-level Levenshtein distance / the longer word count. rapidfuzz compares the
    lists word for word (bit-parallel, so a 50,000-word filing takes well under a second)."""
    if (edge := _empty(old, new)) is not None:
        return edge
    return 1.0 - Levenshtein.distance(old, new) / max(len(old), len(new))


def simple(changed: int, old_words: int, new_words: int) -> float:
    """1 - words inserted or deleted / words on both sides."""
    if not old_words and not new_words:
        return 1.0
    return max(0.0, 1.0 - changed / (old_words + new_words))


def redline_words(diff: SectionDiff) -> tuple[list[str], list[str], int]:
    """The old and new words of a section as its redline holds them, and how many of
    them were inserted or deleted. A moved paragraph is in the redline twice (where it
    stood, as ``moved_from``, and where it stands, as ``moved_to``): each side is read
    from its own place."""
    old: list[str] = []
    new: list[str] = []
    changed = 0
    for paragraph in diff.redline:
        for span in paragraph.spans:
            words_here = tokens(span.text)
            if span.kind != "equal":
                changed += len(words_here)
            if span.kind != "insert" and paragraph.status not in ("moved_to", "inserted"):
                old.extend(words_here)
            if span.kind != "delete" and paragraph.status not in ("moved_from", "deleted"):
                new.extend(words_here)
    return old, new, changed


def section_similarity(diff: SectionDiff) -> Similarity:
    """The four measures for one aligned section pair (the wording in its redline)."""
    if diff.status in ("added", "removed"):
        return NOTHING_IN_COMMON
    if diff.status == "unchanged":
        # Unchanged means every paragraph's comparable text is the same, so are its words.
        return SAME
    old, new, changed = redline_words(diff)
    return _measure(old, new, changed)


def filing_similarity(old: Filing, new: Filing, report: Report) -> Similarity:
    """The four measures for two whole filings; ``simple`` from the report's redlines."""
    old_words, new_words = _filing_words(old), _filing_words(new)
    changed = sum(redline_words(diff)[2] for diff in report.sections if diff.redline)
    return _measure(old_words, new_words, changed)


def _measure(old: list[str], new: list[str], changed: int) -> Similarity:
    return Similarity(
        cosine=round(cosine(old, new), 6),
        jaccard=round(jaccard(old, new), 6),
        min_edit=round(min_edit(old, new), 6),
        simple=round(simple(changed, len(old), len(new)), 6),
    )


def _filing_words(filing: Filing) -> list[str]:
    return list(_words_of(block.text for block in filing.blocks if block.kind != "table"))


def _words_of(texts: Iterable[str]) -> Iterable[str]:
    for text in texts:
        yield from tokens(text)
