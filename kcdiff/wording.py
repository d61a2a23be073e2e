"""Wording changes inside one aligned pair of sections: paragraphs first, then words.

Paragraphs are aligned on their comparable text (difflib). Inside a region that differs,
a paragraph that reappears elsewhere in the section is a ``move``; remaining old and new
paragraphs are paired by similarity and diffed word by word; what is left was inserted or
deleted whole. Edits that only roll a period forward ("six months ended June 30, 2023" ->
"year ended December 31, 2024") are kept but marked ``routine``.

Tables are not redlined here (the figures stage reads them); a section whose tables
differ is still reported as changed.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from rapidfuzz import fuzz, process

from .model import Block, Edit, RedlineParagraph, Section, SectionDiff, Span
from .text.dates import MONTHS
from .text.normalize import comparable, comparable_token, token_pattern, tokens, word_count

__all__ = ["diff_sections", "diff_words", "is_routine", "WordDiff"]

MOVE_SIMILARITY = 90.0  # a paragraph found again at >= 90% similarity elsewhere moved
PAIR_SIMILARITY = 45.0  # below this, an old and a new paragraph are different paragraphs
MERGE_GAP = 2  # changes separated by at most this many unchanged words are one edit

_MONTHS = set(MONTHS)
_PERIOD_WORDS = set(_MONTHS) | set(
    (
        "six three nine twelve months month year years ended ending end the first second "
        "half halves of for as at on in period periods interim annual quarter quarters fiscal "
        "financial fy h1 h2 q1 q2 q3 q4 date reporting same corresponding"
    ).split()
)
_DURATIONS = {"month", "months", "year", "years", "quarter", "quarters", "half", "interim",
              "annual", "period"}
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_DAY = re.compile(r"^(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?$")
_PUNCTUATION = re.compile(r"^[^\w]+$")
_NUMBER = re.compile(r"^\d[\d,.]*%?$")


@dataclass(frozen=True)
class WordDiff:
    edits: tuple[Edit, ...]
    spans: tuple[Span, ...]
    matched: int  # tokens unchanged, for the section's similarity


@dataclass(frozen=True)
class _Paragraph:
    text: str
    key: str
    tokens: int


def diff_sections(old: Section | None, new: Section | None) -> SectionDiff:
    """The wording diff of one aligned pair; either side may be missing (added/removed)."""
    if old is None or new is None:
        return _whole_section(old, new)
    builder = _Redline()
    _diff_paragraphs(_paragraphs(old.blocks), _paragraphs(new.blocks), builder)
    tables_same = _tables_key(old.blocks) == _tables_key(new.blocks)
    changed = bool(builder.edits) or not tables_same
    return SectionDiff(
        status="changed" if changed else "unchanged",
        category=new.category,
        old_title=old.title,
        new_title=new.title,
        similarity=_similarity(builder, old.blocks, new.blocks, tables_same),
        edits=tuple(builder.edits),
        redline=tuple(builder.paragraphs) if changed else (),
        old_number=old.number,
        new_number=new.number,
        level=new.level,
        tables_changed=not tables_same,
    )


def _whole_section(old: Section | None, new: Section | None) -> SectionDiff:
    """An added or removed section: its paragraphs shown whole, inserted or deleted."""
    present = old or new
    assert present is not None
    kind, status = ("delete", "deleted") if new is None else ("insert", "inserted")
    redline = tuple(
        RedlineParagraph(status, (Span(kind, paragraph.text),))
        for paragraph in _paragraphs(present.blocks)
    )
    return SectionDiff(
        status="added" if old is None else "removed",
        category=present.category,
        old_title=old.title if old else "",
        new_title=new.title if new else "",
        similarity=0.0,
        redline=redline,
        old_number=old.number if old else "",
        new_number=new.number if new else "",
        level=present.level,
        tables_changed=any(block.kind == "table" for block in present.blocks),
    )


def _paragraphs(blocks: tuple[Block, ...]) -> list[_Paragraph]:
    result = []
    for block in blocks:
        if block.kind == "table":
            continue
        key = comparable(block.text)
        if key:
            result.append(_Paragraph(block.text, key, word_count(block.text)))
    return result


def _tables_key(blocks: tuple[Block, ...]) -> list[str]:
    return [comparable(block.text) for block in blocks if block.kind == "table"]


class _Redline:
    """Collects the redline paragraphs, the edits and the matched-token count."""

    def __init__(self) -> None:
        self.paragraphs: list[RedlineParagraph] = []
        self.edits: list[Edit] = []
        self.matched = 0

    def equal(self, paragraph: _Paragraph) -> None:
        self.paragraphs.append(RedlineParagraph("equal", (Span("equal", paragraph.text),)))
        self.matched += 2 * paragraph.tokens

    def whole(self, paragraph: _Paragraph, status: str) -> None:
        op = "insert" if status == "inserted" else "delete"
        old, new = ("", paragraph.text) if op == "insert" else (paragraph.text, "")
        span = Span(op, paragraph.text, len(self.edits))
        self.edits.append(Edit(op, old, new, amounts=_has_amount(paragraph.text)))
        self.paragraphs.append(RedlineParagraph(status, (span,)))

    def changed(self, old: _Paragraph, new: _Paragraph, status: str = "changed") -> None:
        words = diff_words(old.text, new.text, first_edit=len(self.edits))
        self.edits.extend(words.edits)
        self.paragraphs.append(RedlineParagraph(status, words.spans))
        self.matched += 2 * words.matched

    def moved(self, old: _Paragraph, new: _Paragraph) -> None:
        self.edits.append(Edit("move", old.text, new.text))
        if old.key == new.key:
            self.paragraphs.append(RedlineParagraph("moved_to", (Span("equal", new.text),)))
            self.matched += 2 * new.tokens
        else:
            self.changed(old, new, status="moved_to")

    def moved_from(self, old: _Paragraph) -> None:
        self.paragraphs.append(RedlineParagraph("moved_from", (Span("equal", old.text),)))


def _diff_paragraphs(old: list[_Paragraph], new: list[_Paragraph], out: _Redline) -> None:
    matcher = SequenceMatcher(None, [p.key for p in old], [p.key for p in new], autojunk=False)
    opcodes = matcher.get_opcodes()
    leftover_old = [i for tag, i1, i2, _, _ in opcodes if tag != "equal" for i in range(i1, i2)]
    leftover_new = [j for tag, _, _, j1, j2 in opcodes if tag != "equal" for j in range(j1, j2)]
    moves = _moves(old, new, leftover_old, leftover_new, opcodes)
    moved_old = set(moves.values())
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            for paragraph in new[j1:j2]:
                out.equal(paragraph)
            continue
        olds = [i for i in range(i1, i2) if i not in moved_old]
        news = [j for j in range(j1, j2) if j not in moves]
        pairs = _pair_in_order(old, new, olds, news)
        _emit_region(old, new, range(i1, i2), range(j1, j2), pairs, moves, moved_old, out)


def _moves(
    old: list[_Paragraph], new: list[_Paragraph], leftover_old: list[int],
    leftover_new: list[int], opcodes: Sequence[tuple[str, int, int, int, int]],
) -> dict[int, int]:
    """new index -> old index for paragraphs that left one region and reappear in another:
    for each leftover new paragraph in order, the first leftover old one (in old order) of
    another region, not yet taken, at least MOVE_SIMILARITY alike."""
    region_of_old = {i: n for n, (_, i1, i2, _, _) in enumerate(opcodes) for i in range(i1, i2)}
    region_of_new = {j: n for n, (_, _, _, j1, j2) in enumerate(opcodes) for j in range(j1, j2)}
    candidates = _MoveCandidates([i for i in leftover_old if old[i].tokens >= 5], old)
    moves: dict[int, int] = {}
    taken: set[int] = set()
    for j in leftover_new:
        for i in candidates.alike(new[j].key):
            if i not in taken and region_of_old[i] != region_of_new[j]:
                moves[j] = i
                taken.add(i)
                break
    return moves


class _MoveCandidates:
    """Old paragraphs by key length, so a new paragraph is scored only against those whose
    length allows MOVE_SIMILARITY at all: fuzz.ratio is 100 * (1 - distance / (la + lb))
    and the distance is at least |la - lb|, so lb must lie within la * [0.818, 1.223]. The
    scoring itself runs in rapidfuzz's C loop, not in a Python double loop."""

    def __init__(self, indexes: list[int], old: list[_Paragraph]) -> None:
        ordered = sorted(indexes, key=lambda i: (len(old[i].key), i))
        self._indexes = ordered
        self._keys = [old[i].key for i in ordered]
        self._lengths = [len(key) for key in self._keys]

    def alike(self, key: str) -> list[int]:
        """Old indexes at least MOVE_SIMILARITY alike ``key``, in old order."""
        share = MOVE_SIMILARITY / (200.0 - MOVE_SIMILARITY)
        low = bisect_left(self._lengths, math.floor(len(key) * share))
        high = bisect_right(self._lengths, math.ceil(len(key) / share))
        if low >= high:
            return []
        found = process.extract(key, self._keys[low:high], scorer=fuzz.ratio, processor=None,
                                score_cutoff=MOVE_SIMILARITY, limit=None)
        return sorted(self._indexes[low + position] for _, _, position in found)


def _pair_in_order(
    old: list[_Paragraph], new: list[_Paragraph], olds: list[int], news: list[int]
) -> dict[int, int]:
    """new index -> old index: the order-keeping pairing of one region's paragraphs with the
    greatest total similarity (a small dynamic programme; regions are a few paragraphs)."""
    if not olds or not news:
        return {}
    sim = [[fuzz.ratio(old[i].key, new[j].key) for j in news] for i in olds]
    rows, cols = len(olds), len(news)
    best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for r in range(rows - 1, -1, -1):
        for c in range(cols - 1, -1, -1):
            take = sim[r][c] + best[r + 1][c + 1] if sim[r][c] >= PAIR_SIMILARITY else -1.0
            best[r][c] = max(take, best[r + 1][c], best[r][c + 1])
    pairs: dict[int, int] = {}
    r = c = 0
    while r < rows and c < cols:
        if sim[r][c] >= PAIR_SIMILARITY and best[r][c] == sim[r][c] + best[r + 1][c + 1]:
            pairs[news[c]] = olds[r]
            r, c = r + 1, c + 1
        elif best[r][c] == best[r + 1][c]:
            r += 1
        else:
            c += 1
    return pairs


def _emit_region(
    old: list[_Paragraph], new: list[_Paragraph], old_range: range, new_range: range,
    pairs: dict[int, int], moves: dict[int, int], moved_old: set[int], out: _Redline,
) -> None:
    """Write one differing region in reading order: each old paragraph before the new one
    that replaces it, deletions where they stood, insertions where they stand."""
    paired_old = {i: j for j, i in pairs.items()}
    pending_old = [i for i in old_range]
    for j in new_range:
        partner = pairs.get(j)
        while pending_old and (partner is None or pending_old[0] < partner):
            if partner is None and pending_old[0] in paired_old:
                break
            _emit_old(old, pending_old.pop(0), paired_old, moved_old, out)
        if partner is not None:
            pending_old.remove(partner)
            out.changed(old[partner], new[j])
        elif j in moves:
            out.moved(old[moves[j]], new[j])
        else:
            out.whole(new[j], "inserted")
    for i in pending_old:
        _emit_old(old, i, paired_old, moved_old, out)


def _emit_old(
    old: list[_Paragraph], i: int, paired_old: dict[int, int], moved_old: set[int],
    out: _Redline,
) -> None:
    if i in moved_old:
        out.moved_from(old[i])
    elif i not in paired_old:
        out.whole(old[i], "deleted")


def _similarity(
    out: _Redline, old_blocks: Sequence[Block], new_blocks: Sequence[Block], tables_same: bool
) -> float:
    old_tokens = sum(word_count(b.text) for b in old_blocks)
    new_tokens = sum(word_count(b.text) for b in new_blocks)
    if not old_tokens and not new_tokens:
        return 1.0
    table_tokens = _table_tokens(old_blocks) + _table_tokens(new_blocks)
    matched = out.matched + (table_tokens if tables_same else _table_match(old_blocks, new_blocks))
    return round(min(1.0, matched / (old_tokens + new_tokens)), 4)


def _table_tokens(blocks: Sequence[Block]) -> int:
    return sum(word_count(b.text) for b in blocks if b.kind == "table")


def _table_match(old_blocks: Sequence[Block], new_blocks: Sequence[Block]) -> int:
    old_rows = [comparable(" ".join(r)) for b in old_blocks if b.kind == "table" for r in b.rows]
    new_rows = [comparable(" ".join(r)) for b in new_blocks if b.kind == "table" for r in b.rows]
    matcher = SequenceMatcher(None, old_rows, new_rows, autojunk=False)
    return sum(2 * len(tokens(row)) for a, _, size in matcher.get_matching_blocks()
               for row in old_rows[a:a + size])


def diff_words(old: str, new: str, first_edit: int = 0) -> WordDiff:
    """Word-level redline of two paragraphs, on comparable tokens, showing the new text's
    own spelling for unchanged words."""
    old_tokens, new_tokens = _tokens(old), _tokens(new)
    matcher = SequenceMatcher(
        None,
        [comparable_token(t.strip()) for t in old_tokens],
        [comparable_token(t.strip()) for t in new_tokens],
        autojunk=False,
    )
    spans: list[Span] = []
    edits: list[Edit] = []
    matched = 0
    for tag, i1, i2, j1, j2 in _merge_close_changes(matcher.get_opcodes(), old_tokens,
                                                     new_tokens):
        if tag == "equal":
            spans.append(Span("equal", "".join(new_tokens[j1:j2])))
            matched += j2 - j1
            continue
        old_text, new_text = "".join(old_tokens[i1:i2]), "".join(new_tokens[j1:j2])
        edit_index = first_edit + len(edits)
        edits.append(_edit(old_text, new_text))
        if old_text:
            spans.append(Span("delete", old_text, edit_index))
        if new_text:
            spans.append(Span("insert", new_text, edit_index))
    return WordDiff(tuple(edits), tuple(spans), matched)


def _tokens(text: str) -> list[str]:
    """Tokens with the blanks that follow them, so joining them gives the text back."""
    starts = [match.start() for match in token_pattern(text).finditer(text)]
    if not starts:
        return [text] if text else []
    starts[0] = 0
    return [text[start:end] for start, end in zip(starts, [*starts[1:], len(text)], strict=True)]


def _merge_close_changes(
    opcodes: list[tuple], old_tokens: list[str], new_tokens: list[str]
) -> list[tuple]:
    """Join changes of the same kind separated by one or two unchanged words, so "six
    months ended June 30, 2023" -> "year ended December 31, 2024" reads as one routine
    change, while "2022: 20.1%" -> "2023: 36.2%" stays a routine year and a new figure."""

    def routine(op: tuple) -> bool:
        return is_routine("".join(old_tokens[op[1]:op[2]]), "".join(new_tokens[op[3]:op[4]]))

    merged: list[tuple] = []
    for op in opcodes:
        if (
            op[0] != "equal" and len(merged) >= 2 and _is_gap(merged[-1])
            and routine(merged[-2]) == routine(op)
        ):
            merged.pop()
            merged[-1] = ("replace", merged[-1][1], op[2], merged[-1][3], op[4])
        else:
            merged.append(op)
    return merged


def _is_gap(op: tuple) -> bool:
    return op[0] == "equal" and op[2] - op[1] <= MERGE_GAP


def _edit(old: str, new: str) -> Edit:
    op = "replace" if old and new else ("insert" if new else "delete")
    return Edit(op, old.strip(), new.strip(), routine=is_routine(old, new),
                amounts=_has_amount(old) or _has_amount(new))


def is_routine(old: str, new: str) -> bool:
    """True when an edit only rolls a period or date forward: every word on both sides is a
    period word, a year, a day or punctuation, and it names a year, month or half."""
    words = [w.lower() for w in tokens(comparable(f"{old} {new}"))]
    if not words:
        return False
    dated = any(_YEAR.match(w) or w in _MONTHS or w in _DURATIONS for w in words)
    return dated and all(
        w in _PERIOD_WORDS or _YEAR.match(w) or _DAY.match(w) or _PUNCTUATION.match(w)
        for w in words
    )


def _has_amount(text: str) -> bool:
    """True when text holds a number that is not just a year or a day: an amount, a count
    or a percentage."""
    for word in tokens(comparable(text)):
        if _NUMBER.match(word) and not _YEAR.match(word) and not _DAY.match(word):
            return True
    return False
