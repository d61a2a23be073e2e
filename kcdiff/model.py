"""The plain data every stage of kcdiff passes on; no I/O here.

Pipeline: ingest (path -> Filing) -> segment (Filing -> Sections) -> align (two section
lists -> Alignment) -> wording / figures / board diffs -> compare (-> Report) -> render.

All classes are frozen dataclasses so a stage can never change what an earlier one made.
``Report.to_json()`` is the ``kcdiff/report-v1`` document; the HTML reads the same model.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

SCHEMA = "kcdiff/report-v1"

# map() returning a list: how a stage whose parts are independent computes them. None
# means in turn, here; kcdiff diff may give one that computes half in a second process.
Mapper = Callable[[Callable[[Any], Any], Sequence[Any]], list[Any]]


def in_turn(function: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
    """The Mapper of one process: each item in turn."""
    return [function(item) for item in items]


BlockKind = Literal["paragraph", "table", "heading"]


@dataclass(frozen=True)
class Block:
    """One paragraph, heading or table of a filing, in reading order.

    ``text`` is the filing's own text with presentation markup removed (``**``, ``<i>``,
    HTML tags) but its own quotes, dashes and spelling kept: this is what a report shows.
    A table keeps its rows as cells; ``text`` is then the rows joined by tabs and newlines.
    ``heading_level`` is a hint from the source format (HTML ``<h2>``, a wholly bold line),
    ``None`` when the format says nothing; segment decides what really is a heading.
    """

    kind: BlockKind
    text: str
    rows: tuple[tuple[str, ...], ...] = ()
    page: int | None = None
    heading_level: int | None = None


@dataclass(frozen=True)
class FilingMeta:
    """What a filing says about itself; any field may be unknown (empty string)."""

    issuer: str = ""
    stock_code: str = ""
    title: str = ""
    doc_type: str = ""  # interim_results, annual_results, monthly_return, ...
    period: str = ""  # as printed, e.g. "six months ended June 30, 2023"
    period_end: str = ""  # ISO date, e.g. "2023-06-30"
    published: str = ""  # ISO date of the announcement
    language: str = ""


@dataclass(frozen=True)
class Check:
    """A finding about one filing, or about reading it: a failed consistency check,
    a page that could not be read, a board statement that could not be parsed."""

    kind: str
    severity: Literal["error", "warning", "info"]
    where: str
    message: str
    filing: Literal["old", "new", ""] = ""


@dataclass(frozen=True)
class Fact:
    """One numeric inline-XBRL fact (``ix:nonFraction``) as the filing tags it.

    ``value`` has the tag's ``scale`` and ``sign`` applied (94,036 tagged with scale 6 is
    94036000000.0); ``None`` for a nil fact. ``unit`` is the measure as tagged
    ("iso4217:USD", "xbrli:shares", "iso4217:USD/xbrli:shares" for a divide);
    ``decimals`` is ``None`` for INF or when absent. A period is an instant when
    ``period_start`` is "". ``label`` is the first cell of the table row the fact sits in
    and ``statement`` the title printed above that table ("" when the fact is not in a
    table or the table has no title; both, and ``shown_negative``, are read only for
    facts without dimensions). ``shown_negative`` tells whether the filing prints
    the number in brackets or with a minus ("(1,057)" for a payment tagged 1057): what a
    reader sees, which the tagged sign need not be."""

    concept: str  # QName as tagged, e.g. "us-gaap:NetIncomeLoss"
    value: float | None
    unit: str
    decimals: int | None
    period_start: str
    period_end: str
    dimensions: tuple[tuple[str, str], ...] = ()  # sorted (axis, member)
    scale: int = 0
    label: str = ""
    statement: str = ""
    shown_negative: bool = False


@dataclass(frozen=True)
class Filing:
    """One ingested document: its blocks in reading order, its metadata, and what
    went wrong while reading it (as warnings, never as a crash). ``facts`` are the
    inline-XBRL facts of an HTML filing that carries them (empty otherwise)."""

    path: str
    format: str  # "text", "markdown", "html", "pdf"
    blocks: tuple[Block, ...]
    meta: FilingMeta = field(default_factory=FilingMeta)
    warnings: tuple[Check, ...] = ()
    pages: int | None = None
    facts: tuple[Fact, ...] = ()


# Canonical section categories; see segment.CATEGORY_RULES for how titles map to them.
CATEGORIES = (
    "cover",
    "highlights",
    "non_gaap",
    "business_review",
    "mdna",
    "liquidity",
    "employees",
    "governance",
    "statements",
    "notes",
    "board",
    "other",
)


@dataclass(frozen=True)
class Section:
    """A heading and the blocks up to the next heading. Sections form a tree through
    ``level`` and ``parent`` (the index of the enclosing section in the filing's list,
    -1 at the top); the list itself is in document order."""

    index: int
    title: str
    number: str  # "3", "(b)", "" when the heading has none
    level: int
    category: str
    blocks: tuple[Block, ...]
    parent: int = -1

    @property
    def text(self) -> str:
        return "\n".join(block.text for block in self.blocks)


@dataclass(frozen=True)
class Alignment:
    """Which old section corresponds to which new one. Computed before any diffing.

    ``pairs`` are (old index, new index, score) in new-document order; ``only_old`` and
    ``only_new`` are the indexes left over (removed and added sections)."""

    pairs: tuple[tuple[int, int, float], ...]
    only_old: tuple[int, ...]
    only_new: tuple[int, ...]
    # Sections aligned into a section of the other filing that prints their text under
    # no heading of its own (align's _split_off, _headed_elsewhere): the diff shows
    # their heading as a line of their text.
    headed_old: tuple[int, ...] = ()
    headed_new: tuple[int, ...] = ()

    @property
    def paired_new(self) -> frozenset[int]:
        return frozenset(j for _, j, _ in self.pairs)


EditOp = Literal["insert", "delete", "replace", "move"]


@dataclass(frozen=True)
class Edit:
    """One change of wording. ``old``/``new`` are the filing's own text (empty for an
    insert/delete). ``routine`` marks an edit that only rolls a period or date forward.
    ``amounts`` is true when the edit changes a monetary amount or percentage."""

    op: EditOp
    old: str
    new: str
    routine: bool = False
    amounts: bool = False


SpanKind = Literal["equal", "insert", "delete"]


@dataclass(frozen=True)
class Span:
    """A run of text in a redline: unchanged, inserted or deleted. ``edit`` is the index
    into the section's ``edits`` that this span belongs to (-1 for equal text)."""

    kind: SpanKind
    text: str
    edit: int = -1


@dataclass(frozen=True)
class RedlineParagraph:
    """One paragraph of a section's redline as a sequence of spans. ``status`` tells a
    paragraph kept in place (possibly edited) from one inserted, deleted or moved whole."""

    status: Literal["equal", "changed", "inserted", "deleted", "moved_from", "moved_to"]
    spans: tuple[Span, ...]


SectionStatus = Literal["added", "removed", "changed", "unchanged"]


@dataclass(frozen=True)
class SectionDiff:
    status: SectionStatus
    category: str
    old_title: str
    new_title: str
    similarity: float
    edits: tuple[Edit, ...] = ()
    redline: tuple[RedlineParagraph, ...] = ()
    old_number: str = ""
    new_number: str = ""
    level: int = 1
    tables_changed: bool = False

    @property
    def title(self) -> str:
        return self.new_title or self.old_title

    @property
    def heading(self) -> str:
        """Number and title as a reader writes them: "3. TAXATION", "(b) Going concern"."""
        return _heading(self.new_number or self.old_number, self.title)

    @property
    def old_heading(self) -> str:
        return _heading(self.old_number, self.old_title)

    @property
    def substantive_edits(self) -> int:
        return sum(1 for edit in self.edits if not edit.routine)


def _heading(number: str, title: str) -> str:
    if not number:
        return title
    return f"{number}. {title}" if number.isdigit() else f"{number} {title}"


PeriodKind = Literal["duration", "instant"]


@dataclass(frozen=True)
class Period:
    """The period of a figure: an instant ("as at 2024-12-31") or a duration of
    ``months`` ending on ``end`` (ISO dates). Two figures are like for like only when
    their periods are equal in kind and length."""

    kind: PeriodKind
    end: str
    months: int = 0  # the length of a duration; 0 for an instant

    @property
    def start(self) -> str:
        """The first day of a duration ("" for an instant): a period ending on a
        month's last day starts on the first of a month; any other end (52-53 week
        years) is taken as the same day ``months`` earlier, plus one day."""
        if self.kind == "instant" or not self.months:
            return ""
        year, month, day = (int(part) for part in self.end.split("-"))
        first = year * 12 + month - self.months  # months since year 0, zero-based
        if day == _month_days(year, month):
            return f"{first // 12:04d}-{first % 12 + 1:02d}-01"
        same_day = first - 1  # the same month ``months`` earlier, zero-based
        start = _date(same_day // 12, same_day % 12 + 1, day) + timedelta(days=1)
        return start.isoformat()

    def like(self, other: Period) -> bool:
        """Same kind and length: two instants, or two durations of as many months."""
        return self.kind == other.kind and self.months == other.months

    def describe(self) -> str:
        if self.kind == "instant":
            return f"as at {self.end}"
        if self.months == 12:
            return f"year ended {self.end}"
        words = {3: "three", 6: "six", 9: "nine"}
        return f"{words.get(self.months, str(self.months))} months ended {self.end}"


def _month_days(year: int, month: int) -> int:
    return monthrange(year, month)[1]


def _date(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, _month_days(year, month)))


@dataclass(frozen=True)
class LineItem:
    """One line item of one statement of one filing ("Total revenues" of the income
    statement), with its figure for each period it is printed for. A nil figure ("–")
    is 0: printed, not missing. ``aliases`` are other labels the same row was printed
    under; ``name`` is what a reader sees (the label, with its sub-header when two
    items of a statement share a label)."""

    kind: str  # income, balance, cash_flows
    statement: str
    label: str
    group: str
    unit: str
    values: tuple[tuple[Period, float], ...]
    aliases: tuple[str, ...] = ()
    order: int = 0
    name: str = ""

    @property
    def periods(self) -> tuple[Period, ...]:
        return tuple(period for period, _ in self.values)

    def value(self, period: Period) -> float | None:
        for own, value in self.values:
            if own == period:
                return value
        return None


FigureStatus = Literal["changed", "restated", "added", "removed"]


@dataclass(frozen=True)
class FigureChange:
    """A line item that moved between the filings. Values are as printed in the table's
    unit (negative for parentheses); ``None`` when the item has no value on that side."""

    status: FigureStatus
    table: str
    item: str
    period: str
    old_period: str
    old_value: float | None
    new_value: float | None
    unit: str
    old_item: str = ""
    # The periods as dates (ISO; start "" for an instant, both "" when not known), so a
    # reader or a scorer never has to parse the printed phrase.
    period_start: str = ""
    period_end: str = ""
    old_period_start: str = ""
    old_period_end: str = ""
    # Which filing printed ``old_value``: "old", or "new" for the new filing's own
    # comparative column (its year-on-year when the two filings' periods differ).
    old_source: Literal["old", "new"] = "old"
    concept: str = ""  # the inline-XBRL concept, when the figure is a tagged fact

    @property
    def change(self) -> float | None:
        if self.old_value is None or self.new_value is None:
            return None
        return self.new_value - self.old_value

    @property
    def change_pct(self) -> float | None:
        if self.change is None or not self.old_value:
            return None
        return 100.0 * self.change / abs(self.old_value)

    @property
    def direction(self) -> str:
        """How the figure's size moved, so a growing loss or cost never reads as a fall:
        "larger" ((100) -> (150)), "smaller", "reversed" (a profit became a loss or the
        other way), "" when not comparable."""
        old, new = self.old_value, self.new_value
        if old is None or new is None or old == new:
            return ""
        if old * new < 0:
            return "reversed"
        return "larger" if abs(new) > abs(old) else "smaller"


BoardStatus = Literal["joined", "left", "role_changed", "name_changed"]


@dataclass(frozen=True)
class Director:
    name: str  # as printed, without the honorific
    roles: tuple[str, ...]  # canonical: chairman, vice_chairman, chief_executive, ...
    honorific: str = ""


@dataclass(frozen=True)
class BoardChange:
    status: BoardStatus | str
    name: str
    old_name: str = ""
    old_roles: tuple[str, ...] = ()
    new_roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class OfficerChange:
    """A change of an office other than a board seat: company secretary, the signatory of
    the announcement, the chair or a member of a board committee."""

    status: Literal["appointed", "resigned", "changed"] | str
    office: str  # company_secretary, signatory, audit_committee_chair, audit_committee_member
    name: str
    old_name: str = ""
    detail: str = ""


@dataclass(frozen=True)
class FilingSummary:
    path: str
    issuer: str
    stock_code: str
    title: str
    period: str
    format: str = ""
    doc_type: str = ""
    published: str = ""
    language: str = ""  # "en", "zh"; "" when the filing has too few letters to tell

    @classmethod
    def of(cls, filing: Filing) -> FilingSummary:
        meta = filing.meta
        return cls(
            path=filing.path,
            issuer=meta.issuer,
            stock_code=meta.stock_code,
            title=meta.title,
            period=meta.period,
            format=filing.format,
            doc_type=meta.doc_type,
            published=meta.published,
            language=meta.language,
        )


@dataclass(frozen=True)
class Summary:
    sections_added: int
    sections_removed: int
    sections_changed: int
    figures_changed: int
    board_changes: int
    checks: int
    sections_unchanged: int = 0
    edits: int = 0
    routine_edits: int = 0
    figures_restated: int = 0
    officer_changes: int = 0  # signatory, audit committee, announced appointments


@dataclass(frozen=True)
class Report:
    old: FilingSummary
    new: FilingSummary
    summary: Summary
    sections: tuple[SectionDiff, ...]
    figures: tuple[FigureChange, ...] = ()
    board: tuple[BoardChange, ...] = ()
    officers: tuple[OfficerChange, ...] = ()
    checks: tuple[Check, ...] = ()
    old_board: tuple[Director, ...] = ()
    new_board: tuple[Director, ...] = ()
    schema: str = SCHEMA

    @property
    def has_differences(self) -> bool:
        s = self.summary
        return bool(
            s.sections_added or s.sections_removed or s.sections_changed
            or s.figures_changed or s.board_changes or s.officer_changes
            # Filings in two languages differ, though no section was compared.
            or any(check.kind == "languages_differ" for check in self.checks)
        )

    def to_json(self) -> dict[str, Any]:
        """The ``kcdiff/report-v1`` document (see kcdiff/report-v1.schema.json)."""
        document = asdict(self)
        document["schema"] = self.schema
        for figure, source in zip(document["figures"], self.figures, strict=True):
            figure["change"] = source.change
            figure["change_pct"] = source.change_pct
            figure["direction"] = source.direction
        return document
