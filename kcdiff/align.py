"""Aligning sections across two filings: two section lists -> ``Alignment``. No diffing.

Every plausible (old, new) pair (a similar title, or a section standing about where its
counterpart stands) gets a score from title similarity (numbers such as "(b)" or "3."
left out, so a renumbered note still matches), content similarity, category and relative
position. Pairs scoring under ``MIN_SCORE`` are never made.

The alignment is optimal in two steps. First the order-keeping pairs with the greatest
total score (a weighted longest increasing subsequence): sections that stayed in order,
renamed or renumbered, and a statement printed twice pairing first with first. Then an
optimal assignment (Jonker-Volgenant, via lap) among the sections left over: the ones that
moved. A section left over whose heading and most of whose text the other filing prints
inside a section, or a heading without text of its own that the other filing prints as a
heading, is aligned with that section ("absorbed"). What is left after that is added or
removed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from operator import itemgetter

from rapidfuzz import fuzz, process

from .model import Alignment, Mapper, Section, in_turn
from .text.cjk import IDEOGRAPH_RUNS
from .text.normalize import comparable
from .text.phrases import JOINING_WORDS

__all__ = ["align", "candidate_scores", "load_solver", "MIN_SCORE"]

TITLE_WEIGHT = 0.55
CONTENT_WEIGHT = 0.30
CATEGORY_WEIGHT = 0.10
POSITION_WEIGHT = 0.05
MIN_SCORE = 0.55
DOMINANCE = 0.2  # a pair this much better than the one the chain made is a move
CONTENT_CHARS = 1000  # enough text to recognise a section; keeps scoring linear in size
CANDIDATE_TITLE = 45  # percent
CANDIDATE_BAND = 4  # sections either side of where a section would sit if nothing moved
GROWN = 3  # one text at least this many times longer than the other: compare it partially
CONTAINED_WEIGHT = 0.9
ABSORBED_SCORE = MIN_SCORE  # a section printed inside another: aligned, at the lowest score
ABSORBED_SHARE = 0.5  # of its text printed in the other filing: a section, not a removal
# A sub-section whose text its parent's partner prints, this much of it (figures left
# out) and each sentence or row this alike (partial_ratio), was set apart, not added.
SPLIT_SHARE = 0.4
PRINTED_ALIKE = 85
MIN_UNIT_CHARS = 3  # shorter sentences and rows ("Adjustments:") are printed anywhere
UNIT_WORDS_PRINTED = 0.7  # of a unit's words in the other text, for it to be printed there
MIN_JUDGED_CHARS = 200  # less text than this (its figures left out) tells nothing
MAX_HOST_CHARS = 50_000  # a longer partner is compared no further (partial_ratio's cost)
# Any two texts of one language share about half their characters in order (fuzz.ratio
# of unrelated notes is 0.4-0.5, of unrelated titles as much), so those scores are no
# evidence by themselves: a pair whose titles share no word needs content alike beyond
# that. "MANAGEMENT CONTRACTS" and "CHAIRMAN'S STATEMENT" scored 0.56 on chance alone.
CHANCE_CONTENT = 0.6

_PLURAL = re.compile(r"s(?<=[a-z]{3}s)\b")  # "(?<=[a-z]{3})s\b", found by its "s" first
_NON_WORD = re.compile(r"[^\w\s]")
_FIGURES = re.compile(r"[\d,.%()$]+")
_SENTENCE_BREAK = re.compile(r"(?<=[.;:\u3002])\s+|\n")

Pair = tuple[int, int, float]
# (scorer, old text, new text) -> (score in [0, 1], cutoff it was computed with)
Matches = dict[tuple[Callable[..., float], str, str], tuple[float, float]]


def align(old: Sequence[Section], new: Sequence[Section], mapper: Mapper | None = None
          ) -> Alignment:
    """Pair the sections of two filings. The covers always pair with each other.
    ``mapper``: see ``candidate_scores``."""
    scores = candidate_scores(old, new, mapper)
    kept = [(i, j, s) for (i, j), s in scores.items() if s >= MIN_SCORE]
    in_order = _heaviest_chain(kept, len(new))
    chosen = _with_left_over_assigned(in_order, kept)
    chosen = _with_left_over_assigned(_outscored_replaced(chosen, kept), kept)
    paired_old = {i for i, _, _ in chosen}
    paired_new = {j for _, j, _ in chosen}
    partner_new = {i: j for i, j, _ in chosen}
    partner_old = {j: i for i, j, _ in chosen}
    absorbed = [(i, j, ABSORBED_SCORE) for i, j in _absorbed(old, new, paired_old, partner_new)]
    absorbed += [(i, j, ABSORBED_SCORE)
                 for j, i in _absorbed(new, old, paired_new, partner_old)]
    paired_old |= {i for i, _, _ in absorbed}
    paired_new |= {j for _, j, _ in absorbed}
    bare = [(i, j, ABSORBED_SCORE) for i, j in _bare_headings(old, new, paired_old, partner_new)]
    bare += [(i, j, ABSORBED_SCORE) for j, i in _bare_headings(new, old, paired_new, partner_old)]
    absorbed += bare
    paired_old |= {i for i, _, _ in bare}
    paired_new |= {j for _, j, _ in bare}
    split_old = _headed_elsewhere(old, new, paired_old, partner_new)
    split_old += _split_off(old, new, paired_old | {i for i, _ in split_old}, dict(partner_new))
    split_new = _headed_elsewhere(new, old, paired_new, partner_old)
    split_new += _split_off(new, old, paired_new | {j for j, _ in split_new}, dict(partner_old))
    absorbed += [(i, j, ABSORBED_SCORE) for i, j in split_old]
    absorbed += [(i, j, ABSORBED_SCORE) for j, i in split_new]
    paired_old |= {i for i, _ in split_old}
    paired_new |= {j for j, _ in split_new}
    # An absorbed pair comes before its host's own pair, which compare keeps for the diff.
    pairs = sorted(absorbed + chosen, key=lambda pair: pair[1])  # stable: absorbed first
    return Alignment(
        pairs=tuple((i, j, round(s, 4)) for i, j, s in pairs),
        only_old=tuple(i for i in range(len(old)) if i not in paired_old),
        only_new=tuple(j for j in range(len(new)) if j not in paired_new),
        headed_old=tuple(i for i, _ in split_old),
        headed_new=tuple(j for j, _ in split_new),
    )


def _absorbed(sections: Sequence[Section], other: Sequence[Section], paired: set[int],
              partner: dict[int, int]) -> list[tuple[int, int]]:
    """Left-over sections of ``sections`` whose heading is printed in ``other`` and most
    of whose text is too (one filing sets "執行董事" over its directors as a heading, the
    next as a line of the list, perhaps with one director fewer): not added or removed,
    but aligned with the section of ``other`` that holds their heading, so the diff shows
    what changed inside. Returned as (index in ``sections``, index in ``other``)."""
    leftover = [k for k in range(len(sections)) if k not in paired and sections[k].title]
    if not leftover:
        return []
    hosts = set(partner.values())
    texts = [_unspaced(section.text) for section in other]
    whole = "\n".join(texts)
    found = []
    for k in leftover:
        title = _unspaced(sections[k].title)
        if title not in whole or not _mostly_in(sections[k], whole):
            continue
        home = next((m for m, text in enumerate(texts) if title in text), None)
        if home is not None and home in hosts:
            found.append((k, home))
    return found


def _bare_headings(sections: Sequence[Section], other: Sequence[Section], paired: set[int],
                   partner: dict[int, int]) -> list[tuple[int, int]]:
    """Left-over headings with no text of their own (a heading over sub-sections) that
    ``other`` prints as a section heading too: one filing sets "13. ACQUISITIONS" over
    sub-notes, the other puts the note's text right under it. Neither added nor removed:
    aligned with that section of ``other`` (the one nearest in relative position when
    there are several), whose partner the text is compared with. Returned as (index in
    ``sections``, index in ``other``)."""
    bare = [k for k, section in enumerate(sections)
            if k not in paired and not section.blocks and section.title]
    if not bare:
        return []
    hosts: dict[str, list[int]] = {}
    for m in sorted(set(partner.values())):
        hosts.setdefault(_title_key(other[m]), []).append(m)
    found = []
    for k in bare:
        homes = hosts.get(_title_key(sections[k]))
        if homes:
            where = k / max(len(sections) - 1, 1)
            found.append((k, min(homes, key=lambda m: abs(m / max(len(other) - 1, 1) - where))))
    return found


def _headed_elsewhere(sections: Sequence[Section], other: Sequence[Section],
                      paired: set[int], partner: dict[int, int]) -> list[tuple[int, int]]:
    """Left-over sections whose heading ``other`` prints as a line of a paired section
    that prints most of their text alike too, figures aside: Apple's 2022 10-K sets
    "CONSOLIDATED STATEMENTS OF COMPREHENSIVE INCOME" as a heading, its 2021 10-K prints
    that line and the statement, with other years' figures, inside the section of its
    statement of operations. Not added or removed: aligned with that section. (Text
    printed word for word is ``_absorbed``'s.) Returned as (index in ``sections``,
    index in ``other``)."""
    hosts = [m for m in sorted(set(partner.values())) if len(other[m].text) <= MAX_HOST_CHARS]
    texts = {m: _unspaced(other[m].text) for m in hosts}
    whole = "\n".join(texts.values())
    printed = _PlainTexts(other)
    found = []
    for k, section in enumerate(sections):
        title = _unspaced(section.title)
        if k in paired or not title or title not in whole:
            continue
        home = next((m for m in hosts if title in texts[m]
                     and _mostly_printed(section, printed[m])), None)
        if home is not None:
            found.append((k, home))
    return found


def _split_off(sections: Sequence[Section], other: Sequence[Section], paired: set[int],
               partner: dict[int, int]) -> list[tuple[int, int]]:
    """Left-over sub-sections whose parent is paired and whose text, much of it, the
    parent's partner prints under no heading of its own: one filing sets part of a
    section under new sub-headings (Kingsoft Cloud's 2024 annual results split its
    non-GAAP section into "Adjusted Gross Profit and Adjusted Gross Margin" and "Adjusted
    Net Loss (Margin), ..."; the interim prints their definitions and reconciliations
    under one heading). Not added or removed: aligned with that partner, so the diff
    shows what changed inside. Their own sub-sections follow them. Returned as (index in
    ``sections``, index in ``other``)."""
    found = []
    printed = _PlainTexts(other)
    for k, section in enumerate(sections):
        if k in paired:
            continue
        home = next((host for host in _hosts(k, sections, partner)
                     if len(other[host].text) <= MAX_HOST_CHARS
                     and _mostly_printed(section, printed[host])), None)
        if home is not None:
            found.append((k, home))
            partner[k] = home
    return found


def _hosts(k: int, sections: Sequence[Section], partner: dict[int, int]) -> list[int]:
    """Where the other filing may print the text of left-over section ``k`` under no
    heading of its own: in its parent's partner, or in the partner of the paired section
    it follows (Costco's 2022 10-K sets "Employee Base" and "Growth and Engagement" as
    sections of their own after "Human Capital"; the 2021 10-K prints their text in its
    "Human Capital")."""
    hosts = [partner[sections[k].parent]] if sections[k].parent in partner else []
    before = next((j for j in range(k - 1, -1, -1) if j in partner), None)
    if before is not None and partner[before] not in hosts:
        hosts.append(partner[before])
    return hosts


class _PlainTexts(dict[int, tuple[str, frozenset[str]]]):
    """The plain text of each section of ``other`` asked for, and its words: made once."""

    def __init__(self, other: Sequence[Section]) -> None:
        super().__init__()
        self._other = other

    def __missing__(self, index: int) -> tuple[str, frozenset[str]]:
        text = _plain(self._other[index].text)
        self[index] = (text, frozenset(text.split()))
        return self[index]


def _mostly_printed(section: Section, printed: tuple[str, frozenset[str]]) -> bool:
    """Does the text ``printed`` (with its words) print alike at least ``SPLIT_SHARE`` of
    the section's text (its sentences and table rows, by length, their figures left out:
    a later period prints other amounts)? Never for a section of too little text to tell
    (a table of figures). The longest first, and no further than the answer is known."""
    units = sorted((unit for unit in map(_plain, _units(section))
                    if len(unit) > MIN_UNIT_CHARS), key=len, reverse=True)
    total = sum(map(len, units))
    if total < MIN_JUDGED_CHARS:
        return False
    needed, alike, left = SPLIT_SHARE * total, 0, total
    for unit in units:
        left -= len(unit)
        if _printed_alike(unit, *printed):
            alike += len(unit)
        if alike >= needed or alike + left < needed:
            break
    return alike >= needed


def _printed_alike(unit: str, text: str, words: frozenset[str]) -> bool:
    """Is the sentence or row ``unit`` printed alike in ``text``: most of its words are
    words of it (a quick test first: partial_ratio of a long unit costs a millisecond;
    not of Chinese, whose words no blank sets apart), and partial_ratio finds it
    there? partial_ratio finds the shorter text in the longer: a unit longer than the
    whole text is not printed there, however much of the text it holds."""
    own = unit.split()
    return len(unit) <= len(text) and (
        not unit.isascii()
        or sum(word in words for word in own) >= UNIT_WORDS_PRINTED * len(own)) \
        and fuzz.partial_ratio(unit, text, score_cutoff=PRINTED_ALIKE) > 0


def _units(section: Section) -> Iterator[str]:
    for block in section.blocks:
        if block.kind == "table":
            yield from (" ".join(row) for row in block.rows)
        else:
            yield from _SENTENCE_BREAK.split(block.text)


def _plain(text: str) -> str:
    return " ".join(_FIGURES.sub(" ", comparable(text).lower()).split())


def _mostly_in(section: Section, whole: str) -> bool:
    """At least ``ABSORBED_SHARE`` of the section's text, counted by block, is in
    ``whole`` (a list with a name gone is still that list)."""
    body = [_unspaced(block.text) for block in section.blocks]
    total = sum(len(text) for text in body)
    present = sum(len(text) for text in body if text in whole)
    return present >= ABSORBED_SHARE * total


def _unspaced(text: str) -> str:
    """``text`` compared without its blanks: PDF extraction spaces out CJK and table
    headers differently in each filing ("（ 主席）" / "（主席）")."""
    return "".join(comparable(text).split())


def candidate_scores(old: Sequence[Section], new: Sequence[Section],
                     mapper: Mapper | None = None) -> dict[tuple[int, int], float]:
    """Scores in [0, 1] of the pairs that may be aligned (at least ``MIN_SCORE``). Titles
    are compared for every pair (cheap); content only for candidates, since reading every
    pair's text would grow with the square of the filing's length.

    A row's scores (one old section's) depend on nothing but the row: ``mapper`` is given
    the old sections in two interleaved halves to score. Without one, every row is scored
    here in one go, so that a text printed again is compared once."""
    halves = [range(len(old))] if mapper is None else [range(k, len(old), 2) for k in (0, 1)]
    scored = (mapper or in_turn)(partial(_row_scores, old, new), halves)
    scores = scored.pop(0)
    while scored:  # each half let go once merged: the 64x benchmark's peak of memory
        scores.update(scored.pop())
    if old and new and old[0].category == "cover" and new[0].category == "cover":
        # In place: a copy would hold every kept pair twice at the run's peak of memory
        # (358,000 pairs, ~40 MB, in the 64x benchmark).
        for pair in [pair for pair in scores if not (pair[0] and pair[1])]:
            del scores[pair]
        scores[(0, 0)] = 1.0
    return scores


def _row_scores(old: Sequence[Section], new: Sequence[Section], rows: range
                ) -> dict[tuple[int, int], float]:
    """The kept scores of the pairs of the old sections ``rows``."""
    old_titles = [_title_key(old[i]) for i in rows]
    new_titles = [_title_key(s) for s in new]
    new_words = [_title_words(title) for title in new_titles]
    new_text = [_content_key(s) for s in new]
    matches: Matches = {}  # each pair of texts compared once
    scores = {}
    # One old section at a time, so memory holds the pairs kept, not every candidate.
    for i, old_title, titles in zip(rows, old_titles,
                                    _title_candidates(old_titles, new_titles), strict=True):
        old_text = _content_key(old[i])
        old_words = _title_words(old_title)
        expected = i * len(new) / max(len(old), 1)
        low, high = int(expected) - CANDIDATE_BAND, int(expected) + CANDIDATE_BAND + 1
        for j in range(max(low, 0), min(high, len(new))):
            titles.setdefault(j, _title(old_title, new_titles[j]) / 100.0)
        for j, title in titles.items():
            score = _score(old[i], new[j], title, (old_text, new_text[j]),
                           _position(i, j, old, new), matches,
                           _beyond_chance(old_words, new_words[j]))
            if score >= MIN_SCORE:
                scores[(i, j)] = score
    return scores


def _title_candidates(old: list[str], new: list[str]) -> Iterator[dict[int, float]]:
    """For each old title, the title similarity of the new titles alike it, by new index;
    rapidfuzz's batch search leaves the others out in C. Each distinct title is compared
    once ("Note", a heading printed in every part of a multi-part document)."""
    new_at: dict[str, list[int]] = {}
    for j, title in enumerate(new):
        new_at.setdefault(title, []).append(j)
    distinct = list(new_at)
    alike: dict[str, list[tuple[int, float]]] = {}
    for title in old:
        if title not in alike:
            alike[title] = _alike(title, distinct) if title else []
        yield {j: score for k, score in alike[title] for j in new_at[distinct[k]]}


def _alike(title: str, titles: list[str]) -> list[tuple[int, float]]:
    """(index in ``titles``, similarity in [0, 1]) of the titles alike ``title``."""
    found: dict[int, float] = {}
    for _, score, k in process.extract(title, titles, scorer=fuzz.ratio, limit=None,
                                       score_cutoff=CANDIDATE_TITLE):
        found[k] = score
    for _, score, k in process.extract(title, titles, scorer=fuzz.token_set_ratio, limit=None,
                                       score_cutoff=CANDIDATE_TITLE / 0.92):
        found[k] = max(found.get(k, 0.0), 0.92 * score)
    return [(k, score / 100.0) for k, score in found.items()]


def _score(old: Section, new: Section, title: float, texts: tuple[str, str],
           position: float, matches: Matches, titled_alike: bool = True) -> float:
    """The pair's score; for a pair that cannot reach ``MIN_SCORE`` whatever its content,
    its content is not compared and the score returned is under ``MIN_SCORE``. Unless
    ``titled_alike`` (the titles share a word), the content must be alike beyond chance
    (``CHANCE_CONTENT``)."""
    # A section with no body (a heading over sub-sections) is known by its title alone.
    category = 1.0 if old.category == new.category else 0.0
    if not old.blocks and not new.blocks:
        if not titled_alike:
            return 0.0
        content = title
    else:
        rest = TITLE_WEIGHT * title + CATEGORY_WEIGHT * category + POSITION_WEIGHT * position
        needed = (MIN_SCORE - rest) / CONTENT_WEIGHT
        if not titled_alike:
            needed = max(needed, CHANCE_CONTENT)
        # A hair over 1, so a pair that ties with MIN_SCORE is still scored in full.
        content = 0.0 if needed > 1 + 1e-9 else _content(texts, needed, matches)
        if content < needed - 1e-9 and not titled_alike:
            return 0.0
    return (TITLE_WEIGHT * title + CONTENT_WEIGHT * content + CATEGORY_WEIGHT * category
            + POSITION_WEIGHT * position)


def _title_words(key: str) -> frozenset[str]:
    """The words of a title's key that can tell one title from another: not the joining
    words ("of", "and") nor bare numbers; Chinese, which has no blanks, by each two
    characters in a row ("其他投資": "其他", "他投", "投資")."""
    words: set[str] = set()
    for word in key.split():
        if not word.isascii() and IDEOGRAPH_RUNS.search(word):
            words.update(word[k:k + 2] for k in range(max(len(word) - 1, 1)))
        elif not word.isdigit() and word not in JOINING_WORDS:
            words.add(word)
    return frozenset(words)


def _beyond_chance(old_words: frozenset[str], new_words: frozenset[str]) -> bool:
    return not old_words.isdisjoint(new_words)


# rapidfuzz's score_cutoff, in percent, set this far below the least score that can
# count: a match under the cutoff (returned as 0) is then surely too low.
_CUTOFF_MARGIN = 0.01


def _content(texts: tuple[str, str], needed: float, matches: Matches) -> float:
    """Content similarity, exact when it is at least ``needed`` (the content that takes
    the pair to ``MIN_SCORE``); under it the pair is dropped whatever its content, so 0
    may stand for any content too low. A short text found whole in a much longer one is
    the same section grown (a filing that merged a heading's table into it, "Item 6.
    Exhibits"), not an unrelated one: then the better of the plain and the partial match
    counts. The partial match is slow (milliseconds for a few hundred characters), so it
    is only looked for when it can beat the plain match and reach ``needed``."""
    plain = _match(fuzz.ratio, texts, needed, matches)
    short, long = sorted(map(len, texts))
    # A hair over the bound, so a partial match that ties with it is still looked for.
    if not short or short * GROWN > long or max(plain, needed) > CONTAINED_WEIGHT + 1e-9:
        return plain
    partial = _match(fuzz.partial_ratio, texts, max(plain, needed) / CONTAINED_WEIGHT,
                     matches)
    return max(plain, CONTAINED_WEIGHT * partial)


def _match(scorer: Callable[..., float], texts: tuple[str, str], least: float,
           matches: Matches) -> float:
    """``scorer``'s similarity of the texts in [0, 1]; 0 when under ``least``, so rapidfuzz
    may give up early. ``matches`` holds each scorer's (score, cutoff) for each pair of
    texts: a text printed again is compared once, and again only for a lower cutoff when
    the first comparison gave up."""
    cutoff = max(0.0, 100 * least - _CUTOFF_MARGIN)
    score, looked_down_to = matches.get((scorer, *texts), (0.0, math.inf))
    if score == 0.0 and cutoff < looked_down_to:
        score = scorer(*texts, score_cutoff=cutoff) / 100
        matches[(scorer, *texts)] = (score, cutoff)
    return score


def _position(i: int, j: int, old: Sequence[Section], new: Sequence[Section]) -> float:
    return 1.0 - abs(i / max(len(old) - 1, 1) - j / max(len(new) - 1, 1))


def _heaviest_chain(pairs: list[Pair], n_new: int) -> list[Pair]:
    """The pairs, increasing in both old and new index, whose scores sum highest: a
    weighted longest increasing subsequence, O(k log n) with a Fenwick tree that keeps, for
    each prefix of new indexes, the best chain ending there."""
    # By old index, then new index descending (one pair per old row): two stable sorts on
    # one index each, not one on a key tuple made for every pair (~25 MB at 64x).
    ordered = sorted(pairs, key=itemgetter(1), reverse=True)
    ordered.sort(key=itemgetter(0))
    tree: list[tuple[float, int]] = [(0.0, -1)] * (n_new + 1)
    back = [-1] * len(ordered)
    best: tuple[float, int] = (0.0, -1)
    for k, (_, j, score) in enumerate(ordered):
        before, back[k] = _prefix_best(tree, j)
        chain = (before + score, k)
        best = max(best, chain)
        position = j + 1
        while position <= n_new:
            tree[position] = max(tree[position], chain)
            position += position & -position
    chain_pairs = []
    k = best[1]
    while k >= 0:
        chain_pairs.append(ordered[k])
        k = back[k]
    return chain_pairs[::-1]


def _prefix_best(tree: list[tuple[float, int]], j: int) -> tuple[float, int]:
    """Best chain ending at a new index below ``j``."""
    best: tuple[float, int] = (0.0, -1)
    position = j
    while position > 0:
        best = max(best, tree[position])
        position -= position & -position
    return best


def _with_left_over_assigned(chosen: list[Pair], pairs: list[Pair]) -> list[Pair]:
    """``chosen`` and the best assignment among the pairs of sections it leaves over."""
    paired_old = {i for i, _, _ in chosen}
    paired_new = {j for _, j, _ in chosen}
    return chosen + _assign([(i, j, s) for i, j, s in pairs
                             if i not in paired_old and j not in paired_new])


def _outscored_replaced(chosen: list[Pair], pairs: list[Pair]) -> list[Pair]:
    """``chosen``, where a section left over is the best match of a section paired with
    another at least ``DOMINANCE`` lower, and that section its best: paired with it
    instead. A note moved past the accounting policies is its counterpart at 0.99; the
    chain, keeping order, paired the counterpart with another note at 0.62 and the note
    was left over (called added though both filings print it). The section let go is
    offered to the sections left over again."""
    best_old: dict[int, Pair] = {}
    best_new: dict[int, Pair] = {}
    for pair in pairs:
        i, j, score = pair
        if i not in best_old or _better(pair, best_old[i]):
            best_old[i] = pair
        if j not in best_new or _better(pair, best_new[j]):
            best_new[j] = pair
    of_old = {pair[0]: pair for pair in chosen}
    of_new = {pair[1]: pair for pair in chosen}
    replaced = set(chosen)
    for i, best in best_old.items():
        if best_new[best[1]] != best or best in replaced:
            continue
        held = [pair for pair in (of_old.get(i), of_new.get(best[1])) if pair is not None]
        if len(held) == 1 and held[0][2] <= best[2] - DOMINANCE:
            replaced.discard(held[0])
            replaced.add(best)
    return sorted(replaced)


def _better(pair: Pair, best: Pair) -> bool:
    """A higher score, or an equal one with lower indexes: the pairs come in another order
    when a second process scored half the rows, and the answer must not depend on it."""
    return pair[2] > best[2] or (pair[2] == best[2] and pair[:2] < best[:2])


def load_solver() -> None:
    """Import the assignment solver now, not on a large pair's first real choice: with
    numpy it takes ~0.15 s, which ``kcdiff diff`` spends while it waits for its worker."""
    import lap  # noqa: F401


def _assign(pairs: list[Pair]) -> list[Pair]:
    """The best one-to-one choice among the left-over pairs. When no section has two
    candidates the answer is all of them; only a real choice loads the solver (numpy is
    slower to import than a small comparison takes)."""
    if not pairs:
        return []
    rows = sorted({i for i, _, _ in pairs})
    cols = sorted({j for _, j, _ in pairs})
    if len(rows) == len(cols) == len(pairs):
        return pairs
    import lap
    import numpy as np

    cost = np.full((len(rows), len(cols)), 1.0)
    row_of = {i: r for r, i in enumerate(rows)}
    col_of = {j: c for c, j in enumerate(cols)}
    for i, j, score in pairs:
        cost[row_of[i], col_of[j]] = 1.0 - score
    # Leaving a section unmatched costs as much as pairing it at MIN_SCORE.
    _, row_to_col, _ = lap.lapjv(cost, extend_cost=True, cost_limit=1.0 - MIN_SCORE)
    chosen = {(rows[r], cols[c]) for r, c in enumerate(row_to_col) if c >= 0}
    return [pair for pair in pairs if (pair[0], pair[1]) in chosen]


def _title(a: str, b: str) -> float:
    """Renamed headings: "EMPLOYEES AND REMUNERATION POLICIES" ~ "Employees and
    Remuneration" (one is the other plus words), "...RESOURCES" ~ "...Resource"."""
    if not a or not b:
        return 0.0
    return max(fuzz.ratio(a, b), 0.92 * fuzz.token_set_ratio(a, b))


def _normalise_title(title: str) -> str:
    key = _NON_WORD.sub(" ", comparable(title).lower())
    return " ".join(_PLURAL.sub("", key).split())


def _title_key(section: Section) -> str:
    return _normalise_title(section.title)


def _content_key(section: Section) -> str:
    return comparable(section.text[:CONTENT_CHARS]).lower()
