"""Aligning sections across two filings: two section lists -> ``Alignment``. No diffing.

Every (old, new) pair gets a score from title similarity (numbers such as "(b)" or "3."
left out, so a renumbered note still matches), content similarity, category and relative
position. One optimal assignment (Jonker-Volgenant, via lap) picks the pairs that maximise
the total score; a section whose best possible pair scores under ``MIN_SCORE`` is left
over as added or removed. Position weighs little, so reordered sections still pair, but
it decides between equals: a statement printed twice pairs first with first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import lap
import numpy as np
from rapidfuzz import fuzz, process

from .model import Alignment, Section
from .normalize import comparable
from .segment import split_heading

__all__ = ["align", "title_similarity", "MIN_SCORE"]

TITLE_WEIGHT = 0.55
CONTENT_WEIGHT = 0.30
CATEGORY_WEIGHT = 0.10
POSITION_WEIGHT = 0.05
MIN_SCORE = 0.55
CONTENT_CHARS = 1000  # enough text to recognise a section; keeps scoring linear in size
CANDIDATE_TITLE = 0.45
CANDIDATE_BAND = 4  # sections either side of where a section would sit if nothing moved

_PLURAL = re.compile(r"(?<=[a-z]{3})s\b")
_NON_WORD = re.compile(r"[^\w\s]")


def align(old: Sequence[Section], new: Sequence[Section]) -> Alignment:
    """Pair the sections of two filings. The covers always pair with each other."""
    if not old or not new:
        return Alignment((), tuple(range(len(old))), tuple(range(len(new))))
    scores = score_matrix(old, new)
    # Leaving a section unmatched costs as much as pairing it at MIN_SCORE; lap extends
    # the problem with those "leave over" options itself (cost_limit).
    _, old_to_new, _ = lap.lapjv(
        1.0 - scores.astype(np.float64), extend_cost=True, cost_limit=1.0 - MIN_SCORE
    )
    pairs = [
        (i, int(j), round(float(scores[i, j]), 4))
        for i, j in enumerate(old_to_new)
        if j >= 0 and scores[i, j] >= MIN_SCORE
    ]
    pairs.sort(key=lambda pair: pair[1])
    n_old, n_new = scores.shape
    paired_old = {r for r, _, _ in pairs}
    paired_new = {c for _, c, _ in pairs}
    return Alignment(
        pairs=tuple(pairs),
        only_old=tuple(i for i in range(n_old) if i not in paired_old),
        only_new=tuple(j for j in range(n_new) if j not in paired_new),
    )


def score_matrix(old: Sequence[Section], new: Sequence[Section]) -> np.ndarray:
    """Scores in [0, 1] for every (old, new) pair of sections."""
    titles = _similarities([_title_key(s) for s in old], [_title_key(s) for s in new], _title)
    contents = _content_similarities(old, new, _candidates(titles))
    categories = np.array(
        [[1.0 if a.category == b.category else 0.0 for b in new] for a in old]
    )
    old_pos = np.array([i / max(len(old) - 1, 1) for i in range(len(old))])
    new_pos = np.array([j / max(len(new) - 1, 1) for j in range(len(new))])
    position = 1.0 - np.abs(old_pos[:, None] - new_pos[None, :])
    scores = (
        TITLE_WEIGHT * titles
        + CONTENT_WEIGHT * contents
        + CATEGORY_WEIGHT * categories
        + POSITION_WEIGHT * position
    )
    # A section with no body (a heading over sub-sections) is known by its title alone.
    empty = np.array([[not a.blocks and not b.blocks for b in new] for a in old])
    scores = np.where(empty, scores + CONTENT_WEIGHT * (titles - contents), scores)
    if old[0].category == "cover" and new[0].category == "cover":
        scores[0, :] = np.minimum(scores[0, :], 0.0)
        scores[:, 0] = np.minimum(scores[:, 0], 0.0)
        scores[0, 0] = 1.0
    return scores


def _candidates(titles: np.ndarray) -> np.ndarray:
    """Pairs worth reading the content of: a similar title, or a nearby position (a
    section renamed in place). Comparing every pair's text would grow with the square of
    the filing's length; titles are cheap enough to compare all."""
    n_old, n_new = titles.shape
    expected = np.arange(n_old)[:, None] * (n_new / max(n_old, 1))
    near = np.abs(expected - np.arange(n_new)[None, :]) <= CANDIDATE_BAND
    return (titles >= CANDIDATE_TITLE) | near


def _content_similarities(old, new, candidates: np.ndarray) -> np.ndarray:
    old_keys = [_content_key(s) for s in old]
    new_keys = [_content_key(s) for s in new]
    contents = np.zeros(candidates.shape)
    for i, j in zip(*np.nonzero(candidates), strict=True):
        contents[i, j] = fuzz.ratio(old_keys[i], new_keys[j]) / 100.0
    return contents


def _similarities(old: list[str], new: list[str], scorer) -> np.ndarray:
    return process.cdist(old, new, scorer=scorer, dtype=np.float32, workers=1) / 100.0


def _title(a: str, b: str, **_: object) -> float:
    """Renamed headings: "EMPLOYEES AND REMUNERATION POLICIES" ~ "Employees and
    Remuneration" (one is the other plus words), "...RESOURCES" ~ "...Resource"."""
    if not a or not b:
        return 0.0
    return max(fuzz.ratio(a, b), 0.92 * fuzz.token_set_ratio(a, b))


def title_similarity(a: str, b: str) -> float:
    """Similarity of two headings as printed, their numbers ("3.", "(b)") left out."""
    a_key, b_key = (_normalise_title(split_heading(title)[1]) for title in (a, b))
    return _title(a_key, b_key) / 100.0


def _normalise_title(title: str) -> str:
    key = _NON_WORD.sub(" ", comparable(title).lower())
    return " ".join(_PLURAL.sub("", key).split())


def _title_key(section: Section) -> str:
    return _normalise_title(section.title)


def _content_key(section: Section) -> str:
    return comparable(section.text[:CONTENT_CHARS]).lower()
