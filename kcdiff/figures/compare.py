"""Figures across two filings: line items aligned, then restated, changed, added, removed.

Line items (``items``) are aligned by label (normalised, a few accounting synonyms, then
fuzzy) within their statement and sub-header, never across words that tell items apart
("current" / "non-current", "income" / "loss"). Figures are compared like for like only:

- the same line item for the same period printed with different values: ``restated``
  (listed first);
- ``changed`` between two periods of the same kind and length (two instants, or two
  durations of as many months): the old filing's current period against the new one's
  when they are alike (Q1 -> Q2, 30 June -> 31 December); otherwise (an interim against
  an annual) the new filing's own comparative period against its current one, marked
  ``old_source="new"``, so a six-month figure is never set against a year's;
- a line item only in one filing, with a figure that is not nil: ``added`` / ``removed``,
  unless the other filing has an unreadable row that may hold it.

Only the reporting currency is compared (a US$ convenience column is a translation).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz import fuzz, process

from ..model import Check, FigureChange, LineItem, Period, Section
from .items import COMPARED_KINDS, is_chinese_key, label_key, line_items
from .tables import Table

__all__ = ["compare_figures", "figure_notes", "align_items", "current_periods",
           "relabelled_in_place", "unread_statements"]

MATCH_THRESHOLD = 85
MAX_NAMED = 4
GROUP_BONUS = 3
GAP_ROWS = 3  # relabelled items paired by where they stand: at most this many in a run
MIN_TELLING_FIGURE = 1000  # a figure this large printed twice is the same line's
CONTAINED = 90  # token_set_ratio of two labels one of whose words are all in the other

# Words that tell two line items apart however alike the rest of the label is.
_EXCLUSIVE = (
    frozenset({"current", "non-current"}),
    frozenset({"short-term", "long-term"}),
    frozenset({"beginning", "end"}),
    frozenset({"operating", "investing", "financing"}),
    frozenset({"basic", "diluted"}),
)
_OVERLAPPING = (
    frozenset({"income", "loss", "expense", "gain", "profit"}),
    # "Amounts due from related parties" (an asset) is not "Amounts due to related
    # parties" (a liability), though the labels are 86% alike.
    frozenset({"from", "to"}),
)
# Cash paid out against cash taken in: "Purchases of equity investments" is not "Sales
# of equity investments" (86% alike). A label with words of both sides ("Net purchases
# and sales") is told apart by neither.
# ("Repayment" and "redemption" are either, as the company borrowed or lent.)
_OUTFLOW = frozenset({"purchase", "payment", "acquisition", "repurchase"})
_INFLOW = frozenset({"sale", "proceed", "disposal", "receipt", "issuance"})
_SIGN_WORDS = frozenset({
    "used", "in", "generated", "from", "provided", "by", "expense", "benefit", "credit",
    "decrease", "increase", "gain", "loss", "income", "and", "the", "net", "of",
})
_PER_SHARE_WHICH = frozenset({"basic", "diluted"})
# Words that join a label's telling words and tell no line item from another.
_CONNECTIVES = frozenset({"a", "an", "and", "at", "by", "for", "in", "of", "on", "the"})
MIN_TELLING_WORDS = 5
_PRESENCE = ("total", "current", "non-current", "short-term", "long-term", "gross", "per")


def compare_figures(old_tables: Sequence[Table], new_tables: Sequence[Table]
                    ) -> list[FigureChange]:
    """What moved between the statements of two filings; restatements first."""
    (old_items, old_unreadable), (new_items, new_unreadable), pairs = _aligned(
        tuple(old_tables), tuple(new_tables))
    old_current, new_current = current_periods(old_items), current_periods(new_items)
    restated: list[FigureChange] = []
    changed: list[FigureChange] = []
    for old, new in pairs:
        # Never a figure against one in another unit (said in figure_notes); the new
        # filing's own comparison still holds.
        same_unit = _same_unit(old, new)
        restatements = _restatements(old, new) if same_unit else []
        restated.extend(restatements)
        # A restated item moved on the restated basis: the old filing's figure is no
        # longer the one to measure from (Anxin's goodwill did not grow 57.6% in 2010).
        changed.extend(_changes(old, new, old_current.get(old.kind, {}),
                                new_current.get(new.kind, {}),
                                bool(restatements) or not same_unit))
    (added, _), (removed, _) = _unpaired(tuple(old_tables), tuple(new_tables))
    one_sided = [_one_sided("added", item, new_current) for item in added] + [
        _one_sided("removed", item, old_current) for item in removed]
    return restated + changed + [figure for figure in one_sided if figure]


@lru_cache(maxsize=2)
def _unpaired(old_tables: tuple[Table, ...], new_tables: tuple[Table, ...]
              ) -> tuple[tuple[list[LineItem], list[LineItem]], ...]:
    """(told, held) for the new filing's unpaired line items, then the old one's: told
    are added (removed); held may be there, so are only said not compared. Told only in a
    statement compared at all (figure_notes says which were not), and only when no table
    of the other filing may still print the item (a row kcdiff read badly is still
    there)."""
    (old_items, old_unreadable), (new_items, new_unreadable), pairs = _aligned(
        old_tables, new_tables)
    paired = {id(item) for pair in pairs for item in pair}
    compared = _compared_kinds(pairs)
    sides = []
    for items, other_tables, other_unreadable in ((new_items, old_tables, old_unreadable),
                                                  (old_items, new_tables, new_unreadable)):
        printed, current = _printed_labels(other_tables), current_periods(items)
        told: list[LineItem] = []
        held: list[LineItem] = []
        for item in items:
            # Nil now, an item is no news either way ("–" under a new label or none).
            if id(item) in paired or item.kind not in compared or not _one_sided_told(item) \
                    or _one_sided("added", item, current) is None:
                continue
            may_be_there = _may_hide(item, other_unreadable) or _still_printed(item, printed)
            (held if may_be_there else told).append(item)
        sides.append((told, held))
    return tuple(sides)


def _one_sided_told(item: LineItem) -> bool:
    """May ``item``, matched in no line of the other filing, be called added or removed?
    Not a Chinese one: it may be there under other words (figure_notes says so); nor one
    whose label has no readable word ("��", a font decoded to replacement characters)."""
    key = label_key(item.label)
    return bool(key) and not is_chinese_key(key) and "\ufffd" not in item.label


def figure_notes(old_tables: Sequence[Table], new_tables: Sequence[Table]) -> list[Check]:
    """What kcdiff could not compare, and why: a line item printed in another unit in
    each filing (HK$'000 and RMB'000), a statement column whose period it cannot read."""
    *_, pairs = _aligned(tuple(old_tables), tuple(new_tables))
    notes = [
        Check("figures_not_compared", "info", new.statement,
              f"{new.name}: printed in {old.unit} in the old filing and in {new.unit} in the "
              f"new one; not compared across the filings")
        for old, new in pairs if not _same_unit(old, new)
    ]
    for side, tables in (("old", old_tables), ("new", new_tables)):
        notes.extend(replace(note, filing=side) for note in _unread_columns(tables))
    (old_items, _), (new_items, _), _ = _aligned(tuple(old_tables), tuple(new_tables))
    notes.extend(_uncompared_statements(old_items, new_items, _compared_kinds(pairs)))
    notes.extend(_unmatched_chinese(old_items, new_items, pairs))
    (_, new_held), (_, old_held) = _unpaired(tuple(old_tables), tuple(new_tables))
    for side, held in (("old", old_held), ("new", new_held)):
        for statement in dict.fromkeys(item.statement for item in held):
            items = [item for item in held if item.statement == statement]
            notes.append(Check(
                "figures_not_compared", "info", statement,
                f"{len(items)} line item(s) are paired with no line of the other filing, "
                f"which prints a like label, or the same figure in that statement, so they "
                f"are not called added or removed: {_named(items)}", filing=side))
    return notes


def _named(items: list[LineItem]) -> str:
    named = "; ".join(item.name for item in items[:MAX_NAMED])
    return named + (f"; and {len(items) - MAX_NAMED} more" if len(items) > MAX_NAMED else "")


def _unmatched_chinese(old_items: list[LineItem], new_items: list[LineItem],
                       pairs: list[tuple[LineItem, LineItem]]) -> list[Check]:
    """A note for each filing's Chinese line items matched in no line of the other: not
    called added or removed, since kcdiff matches Chinese labels only printed alike."""
    paired = {id(item) for pair in pairs for item in pair}
    notes = []
    for side, items in (("old", old_items), ("new", new_items)):
        unmatched = [item for item in items
                     if id(item) not in paired and not _one_sided_told(item)]
        if unmatched:
            notes.append(Check(
                "figures_not_compared", "info", unmatched[0].statement,
                f"{len(unmatched)} line item(s) have no line printed alike in the other "
                f"filing (kcdiff matches Chinese labels only when printed the same), so they "
                f"are not called added or removed: {_named(unmatched)}", filing=side))
    return notes


def _compared_kinds(pairs: list[tuple[LineItem, LineItem]]) -> set[str]:
    """The statements (income, balance, cash flows) with a line item found in both
    filings: the others were not read in one of them (a page whose text cannot be read,
    a statement printed in another language), so an item missing there is not news."""
    return {old.kind for old, _ in pairs}


def _uncompared_statements(old_items: list[LineItem], new_items: list[LineItem],
                           compared: set[str]) -> list[Check]:
    """A note for each statement read in one filing with no line item found in the other."""
    notes = []
    for side, items, other in (("old", old_items, "new"), ("new", new_items, "old")):
        for kind in dict.fromkeys(item.kind for item in items if item.kind not in compared):
            statement = next(item.statement for item in items if item.kind == kind)
            notes.append(Check(
                "figures_not_compared", "info", statement,
                f"none of this statement's line items was matched in the {other} filing (it "
                f"is not printed there, or kcdiff could not read it or its periods); its "
                f"figures were not compared",
                filing=side))
    return notes


@lru_cache(maxsize=2)
def _aligned(old_tables: tuple[Table, ...], new_tables: tuple[Table, ...]):
    """Line items of both filings and their pairs, once for compare_figures and
    figure_notes (tables are frozen, so equal tables give the same answer)."""
    old, new = line_items(old_tables), line_items(new_tables)
    pairs = align_items(old[0], new[0])
    pairs += renamed_items(old[0], new[0], pairs)
    pairs += relabelled_in_place(old[0], new[0], pairs)
    pairs.sort(key=lambda pair: pair[1].order)
    return old, new, pairs


def renamed_items(old_items: list[LineItem], new_items: list[LineItem],
                  pairs: list[tuple[LineItem, LineItem]]) -> list[tuple[LineItem, LineItem]]:
    """Items printed under a new label: left unpaired, in the same statement, sub-header
    and unit, sharing a word, and printing the same non-nil figure for every period both
    print (Oracle's "Notes payable, current", 3,749 at 31 May 2022, is the next year's
    "Notes payable and other borrowings, current" 3,749). Paired only when the match is
    the only one both ways, so a figure two rows happen to share pairs nothing."""
    paired = {id(item) for pair in pairs for item in pair}
    free_old = [item for item in old_items if id(item) not in paired]
    candidates = {id(new): [old for old in free_old if _same_figures(old, new)]
                  for new in new_items if id(new) not in paired}
    claims = Counter(id(old) for olds in candidates.values() for old in olds)
    return [(olds[0], new) for new in new_items
            if len(olds := candidates.get(id(new), [])) == 1 and claims[id(olds[0])] == 1]


def relabelled_in_place(old_items: list[LineItem], new_items: list[LineItem],
                        pairs: list[tuple[LineItem, LineItem]]
                        ) -> list[tuple[LineItem, LineItem]]:
    """Items relabelled where they stand, as a line diff pairs a changed line: between
    the same two paired items of a statement (or its start or end), as many unpaired
    items on each side (at most ``GAP_ROWS``), taken in order, each pair in the same
    sub-header and unit with one label's words within the other's ("Reserves" ->
    "Share premium and reserves"; "TOTAL EQUITY ATTRIBUTABLE TO OWNERS OF THE COMPANY"
    -> "Equity attributable to owners of the Company")."""
    found = []
    for kind in COMPARED_KINDS:
        olds = [item for item in old_items if item.kind == kind]
        news = [item for item in new_items if item.kind == kind]
        for old_gap, new_gap in _gaps(olds, news, pairs):
            if len(old_gap) == len(new_gap) <= GAP_ROWS and all(
                    map(_relabelled, old_gap, new_gap)):
                found.extend(zip(old_gap, new_gap, strict=True))
    return found


def _gaps(olds: list[LineItem], news: list[LineItem], pairs: list[tuple[LineItem, LineItem]]
          ) -> Iterator[tuple[list[LineItem], list[LineItem]]]:
    """The runs of unpaired new items and the unpaired old items between the partners
    of the paired items around them, when those partners stand in the same order."""
    partner = {id(new): old for old, new in pairs}
    paired_old = {id(old) for old, _ in pairs}
    index = {id(item): k for k, item in enumerate(olds)}
    before, run = -1, []
    for new in [*news, None]:
        if new is not None and id(new) not in partner:
            run.append(new)
            continue
        after = len(olds) if new is None else index.get(id(partner[id(new)]), -1)
        if run and before < after:
            yield [old for old in olds[before + 1:after] if id(old) not in paired_old], run
        before, run = after, []


def _relabelled(old: LineItem, new: LineItem) -> bool:
    old_key, new_key = (label_key(item.label).removeprefix("total ") for item in (old, new))
    if is_chinese_key(old_key) or is_chinese_key(new_key):
        return False  # relabelled Chinese items are not told apart from different ones
    return (label_key(old.group) == label_key(new.group) and _same_unit(old, new)
            and _compatible(f"{old_key} {label_key(old.group)}",
                            f"{new_key} {label_key(new.group)}", old_key, new_key)
            and fuzz.token_set_ratio(old_key, new_key) >= CONTAINED)


def _same_figures(old: LineItem, new: LineItem) -> bool:
    old_key, new_key = label_key(old.label), label_key(new.label)
    old_group, new_group = label_key(old.group), label_key(new.group)
    # Another sub-header need only not tell the items apart: an income statement
    # printed under "Continuing operations" one year holds the same lines the next.
    if (old.kind != new.kind or not _same_unit(old, new)
            or (old_group != new_group and not _compatible(
                f"{old_key} {old_group}", f"{new_key} {new_group}", old_key, new_key))
            or not set(old_key.split()) & set(new_key.split())):
        return False
    shared = [(value, new.value(period)) for period, value in old.values
              if new.value(period) is not None]
    return bool(shared) and all(one == other for one, other in shared) and any(
        one for one, _ in shared)


def _same_unit(old: LineItem, new: LineItem) -> bool:
    return not old.unit or not new.unit or old.unit == new.unit


def _unread_columns(tables: Sequence[Table]) -> list[Check]:
    """One note per filing naming the statements with figures under a header that gives
    no period (at most a few named: the point is that they were not compared)."""
    unread: dict[str, int] = {}
    for table in tables:
        if table.kind not in COMPARED_KINDS:
            continue
        count = sum(1 for position, column in enumerate(table.columns)
                    if column.period is None and not column.change
                    and any(row.cells[position].status == "value" for row in table.rows))
        if count:
            unread[table.statement] = unread.get(table.statement, 0) + count
    if not unread:
        return []
    named = "; ".join(f"{statement} ({count})" for statement, count
                      in list(unread.items())[:MAX_NAMED])
    more = f"; and {len(unread) - MAX_NAMED} more" if len(unread) > MAX_NAMED else ""
    return [Check("figures_not_compared", "info", "statements",
                  f"{sum(unread.values())} column(s) have no period kcdiff can read from "
                  f"their header, so their figures were not compared: {named}{more}")]


def unread_statements(sections: Sequence[Section], tables: Sequence[Table], side: str
                      ) -> list[Check]:
    """A note when a filing has sections of financial statements but kcdiff read no
    statement table from them (a Chinese report, whose headers it does not read): no
    figure compared must not read as no figure changed."""
    if any(table.kind in COMPARED_KINDS for table in tables):
        return []
    titles = list(dict.fromkeys(section.title for section in sections
                                if section.category == "statements"))
    if not titles:
        return []
    named = "; ".join(titles[:MAX_NAMED]) + ("; ..." if len(titles) > MAX_NAMED else "")
    return [Check("figures_not_compared", "warning", "statements",
                  f"kcdiff could not read the figures of this filing's financial statements "
                  f"({named}), so none of them were compared", side)]


def current_periods(items: Sequence[LineItem]) -> dict[str, dict[int, Period]]:
    """Per statement kind, the filing's current period of each length (0: the instant):
    the periods ending on the latest date the statement reports. A 10-Q's income
    statement has two (three and nine months to 30 September)."""
    latest: dict[str, str] = {}
    for item in items:
        for period in item.periods:
            latest[item.kind] = max(latest.get(item.kind, ""), period.end)
    current: dict[str, dict[int, Period]] = {}
    for item in items:
        for period in item.periods:
            if period.end == latest[item.kind]:
                current.setdefault(item.kind, {})[period.months] = period
    return current


@dataclass(frozen=True)
class _Printed:
    """A filing's row labels (as keys) and figures, indexed for ``_still_printed``."""
    keys: tuple[str, ...]
    # A label equal up to sign wording has the same words once those are left out.
    by_words: dict[frozenset[str], tuple[str, ...]]
    by_kind: dict[str, tuple[str, ...]]  # the keys of each compared statement
    figures: dict[str, frozenset[float]]  # the sizes of its figures, columns read or not
    # Labels that begin in lower case: the tail of a label whose first line the PDF
    # set apart and kcdiff lost ("end of the period" under "Cash and cash equivalents at").
    tails: tuple[str, ...]


def _printed_labels(tables: Sequence[Table]) -> _Printed:
    # A row's label, and its label under its sub-header ("Exchange differences arising
    # on:" over "– translation of foreign operations").
    keys = sorted({label_key(label) for table in tables for row in table.rows if row.label
                   for label in (row.label, f"{row.group} {row.label}")})
    by_words: dict[frozenset[str], list[str]] = {}
    for key in keys:
        by_words.setdefault(frozenset(key.split()) - _SIGN_WORDS, []).append(key)
    by_kind = {kind: tuple(sorted({label_key(row.label) for table in tables
                                   if table.kind == kind for row in table.rows if row.label}))
               for kind in COMPARED_KINDS}
    figures = {kind: frozenset(abs(cell.value) for table in tables if table.kind == kind
                               for row in table.rows for cell in row.cells
                               if cell.status == "value" and cell.value)
               for kind in COMPARED_KINDS}
    # (Of two words or more: "outstanding" alone ends too many labels to tell one.)
    tails = tuple(sorted({key for table in tables for row in table.rows
                          if row.label[:1].islower()
                          and len((key := label_key(row.label)).split()) >= 2}))
    return _Printed(tuple(keys), {words: tuple(found) for words, found in by_words.items()},
                    by_kind, figures, tails)


def _still_printed(item: LineItem, printed: _Printed) -> bool:
    """May the other filing (``printed``) still print this item, in a row kcdiff did
    not pair with it (its figures unread or restated, its twin taken, its label new)?"""
    return _figure_printed(item, printed) or _label_printed(item, printed)


def _figure_printed(item: LineItem, printed: _Printed) -> bool:
    """Does the same statement print one of the item's figures (of four digits or more:
    not a coincidence) in any row, under a new label or in columns whose period was not
    read? (Fullshare's 2023 interim prints its 2022 interim's "Earnest money paid for
    Revised Forward Purchase Agreement" (729,100) as "Payments for revised forward sale
    and purchase agreement".)"""
    figures = printed.figures.get(item.kind, frozenset())
    return any(abs(value) >= MIN_TELLING_FIGURE and abs(value) in figures
               for _, value in item.values)


def _label_printed(item: LineItem, printed: _Printed) -> bool:
    """Is the item's label printed, or one ``align_items`` would pair with it ("Pledged
    deposits" for "Pledged bank deposits"; "Cash generated from operations" for "Cash
    generated from/(used in) operations"), or, in the same statement, one that holds all
    its words ("Profit/(loss) for the period attributable to owners of the Company" for
    "Profit for the period") or all but one?"""
    key = label_key(item.label)
    near = [other for other, _, _ in process.extract(
        key, printed.keys, scorer=fuzz.token_sort_ratio, score_cutoff=MATCH_THRESHOLD,
        limit=None)]
    near += printed.by_words.get(frozenset(key.split()) - _SIGN_WORDS, ())
    if any(other == key or _pair_score(key, "", other, "") >= MATCH_THRESHOLD
           for other in near) or any(key.endswith(f" {tail}") for tail in printed.tails):
        return True
    # Earnings per share, basic and diluted, is printed by every income statement: a
    # row of it is new or gone only with its statement, however its sub-headers split it
    # (Anxin's "BASIC" is the next year's "From continuing operations – Basic").
    which = set(key.split()) & _PER_SHARE_WHICH
    return any((_within(key, other) or _one_word_apart(key, other)
                or _nearly_within(key, other) or _nearly_within(other, key))
               and _compatible(key, other, key, other) or which & set(other.split())
               for other in printed.by_kind.get(item.kind, ()))


def _one_word_apart(one: str, other: str) -> bool:
    """Do two keys of three or more shared words differ in one word at most ("Receipt
    of loans and other receivables" / "Repayments of loan and other receivables")?"""
    words, others = set(one.split()), set(other.split())
    return len(words & others) >= 3 and len(words - others) <= 1 and len(others - words) <= 1


def _nearly_within(one: str, other: str) -> bool:
    """Are all the telling words of key ``one`` but one, and at least five of them,
    words of key ``other``? A relabel that spells the line out anew: Anxin's "Exchange
    gains arising on translation of financial statements of foreign operations" is the
    next year's "Exchange differences on translation of foreign operations". (With all
    of them, ``one`` is a line ``other`` names more narrowly, not a relabel: Intel's
    "Additions to property, plant and equipment" and its dropped "Additions to held for
    sale NAND property, plant and equipment". With fewer, the one word is what tells the
    lines apart: "Proceeds from disposal of an associate" and "... of subsidiaries".)"""
    words = set(one.split()) - _CONNECTIVES
    return len(words) >= MIN_TELLING_WORDS and len(words - set(other.split())) == 1


def align_items(old_items: list[LineItem], new_items: list[LineItem]
                ) -> list[tuple[LineItem, LineItem]]:
    """One-to-one pairs of the same line item, best matches first, in new-item order."""
    scored = []
    for new in new_items:
        for old in old_items:
            if old.kind == new.kind:
                score = _similarity(old, new)
                if score >= MATCH_THRESHOLD:
                    scored.append((score, -abs(old.order - new.order), old, new))
    scored.sort(key=lambda entry: (entry[0], entry[1]), reverse=True)
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs = []
    for _, _, old, new in scored:
        if id(old) not in used_old and id(new) not in used_new:
            used_old.add(id(old))
            used_new.add(id(new))
            pairs.append((old, new))
    pairs.sort(key=lambda pair: pair[1].order)
    return pairs


def _keys(item: LineItem) -> list[str]:
    return [label_key(label) for label in (item.label, *item.aliases)]


def _similarity(old: LineItem, new: LineItem) -> float:
    old_group, new_group = label_key(old.group), label_key(new.group)
    best = max(_pair_score(old_key, old_group, new_key, new_group)
               for old_key in _keys(old) for new_key in _keys(new))
    if best and old_group == new_group:
        best += GROUP_BONUS
    return best


@lru_cache(maxsize=65536)
def _pair_score(old_key: str, old_group: str, new_key: str, new_group: str) -> float:
    if not _compatible(f"{old_key} {old_group}", f"{new_key} {new_group}", old_key, new_key):
        return 0.0
    return _label_similarity(old_key, new_key)


def _label_similarity(one: str, other: str) -> float:
    """100 for the same words up to sign wording ("Other income, net" / "Other income
    (expense), net"; "Net cash used in" / "Net cash (used in) generated from"), else the
    fuzzy similarity of the words in any order."""
    if is_chinese_key(one) or is_chinese_key(other):
        return 100.0 if one == other else 0.0
    one_words, other_words = set(one.split()), set(other.split())
    if one_words & other_words and (one_words ^ other_words) <= _SIGN_WORDS:
        return 100.0
    return fuzz.token_sort_ratio(one, other)


def _compatible(old_context: str, new_context: str, old_key: str, new_key: str) -> bool:
    old_words, new_words = set(old_context.split()), set(new_context.split())
    for words in _EXCLUSIVE:
        if (old_words & words) != (new_words & words) and (old_words & words or
                                                           new_words & words):
            return False
    for words in _OVERLAPPING:
        one, other = set(old_key.split()) & words, set(new_key.split()) & words
        if one and other and not one & other:
            return False
    old_label, new_label = set(old_key.split()), set(new_key.split())
    if _flow(old_label) * _flow(new_label) < 0 or _negated(old_label, new_label) \
            or _negated(new_label, old_label):
        return False
    return all((word in old_label) == (word in new_label) for word in _PRESENCE)


def _flow(words: set[str]) -> int:
    """-1 for a label of cash paid out only, 1 for cash taken in only, else 0."""
    return bool(words & _INFLOW) - bool(words & _OUTFLOW)


def _negated(one: set[str], other: set[str]) -> bool:
    """Does ``one`` say "non-X" where ``other`` says "X" ("Purchases of non-marketable
    securities" / "Purchases of marketable securities")?"""
    return any(word.startswith("non-") and word[4:] in other and word not in other
               for word in one)


def _figure(status: str, item: LineItem, old_value: float | None, new_value: float | None,
            old_period: Period | None, new_period: Period | None, old_item: str = "",
            old_source: str = "old") -> FigureChange:
    return FigureChange(
        status=status,  # type: ignore[arg-type]
        table=item.statement,
        item=item.name,
        period=new_period.describe() if new_period else "",
        old_period=old_period.describe() if old_period else "",
        old_value=old_value,
        new_value=new_value,
        unit=item.unit,
        old_item=old_item if old_item != item.name else "",
        period_start=new_period.start if new_period else "",
        period_end=new_period.end if new_period else "",
        old_period_start=old_period.start if old_period else "",
        old_period_end=old_period.end if old_period else "",
        old_source=old_source,  # type: ignore[arg-type]
    )


def _restatements(old: LineItem, new: LineItem) -> list[FigureChange]:
    found = []
    for period, value in new.values:
        before = old.value(period)
        if before is not None and before != value:
            found.append(_figure("restated", new, before, value, period, period, old.name))
    return found


def _changes(old: LineItem, new: LineItem, old_current: dict[int, Period],
             new_current: dict[int, Period], own_only: bool) -> list[FigureChange]:
    """The movement of one line item over each of the new filing's current periods,
    like for like: from the old filing's current period of the same length, else (or
    when ``own_only``: the item was restated, or the old one is in another unit) from
    the new filing's own comparative period."""
    found = []
    for months, period in sorted(new_current.items()):
        after = new.value(period)
        if after is None:
            continue
        before_period = old_current.get(months)
        if before_period is not None and before_period.end >= period.end:
            continue  # the same period (a restatement, or nothing) or an older filing
        before = old.value(before_period) if before_period and not own_only else None
        source = "old"
        if before is None:
            before_period, before = _own_comparative(new, period)
            source = "new"
        if before_period is not None and before is not None and before != after:
            found.append(_figure("changed", new, before, after, before_period, period,
                                 old.name, source))
    return found


def _own_comparative(item: LineItem, period: Period) -> tuple[Period | None, float | None]:
    """The item's latest earlier period of the same kind and length, and its value."""
    earlier = [own for own in item.periods if own.like(period) and own.end < period.end]
    if not earlier:
        return None, None
    chosen = max(earlier, key=lambda own: own.end)
    return chosen, item.value(chosen)


def _one_sided(status: str, item: LineItem, current: dict[str, dict[int, Period]]
               ) -> FigureChange | None:
    """An item printed in one filing only, at that filing's current period (the longest
    when it has several)."""
    periods = [period for period in current.get(item.kind, {}).values()
               if item.value(period) is not None]
    if not periods:
        return None
    period = max(periods, key=lambda own: own.months)
    if not item.value(period):
        return None  # nil now: a row of dashes is not news
    if status == "added":
        return _figure(status, item, None, item.value(period), None, period)
    return _figure(status, item, item.value(period), None, period, None)


def _may_hide(item: LineItem, unreadable: list[tuple[str, str]]) -> bool:
    """True when an unreadable row of the other filing may be this item (its label
    holds this one: "Intangible assets, net Goodwill" holds "Goodwill")."""
    keys = _keys(item)
    return any(
        kind == item.kind and any(key and key in label_key(label) for key in keys)
        for kind, label in unreadable
    )


def _within(one: str, other: str) -> bool:
    """Are all the words of key ``one`` (at least one) words of key ``other``?"""
    words = set(one.split())
    return bool(words) and words <= set(other.split())
