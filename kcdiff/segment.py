"""Splitting a filing into sections: Filing -> tuple of ``Section`` in document order.

A heading is recognised by its shape: an UPPERCASE line, a numbered note ("3. REVENUES"),
a lettered sub-note ("(b) Going concern consideration"), a short Title Case line
("Liquidity and Capital Resource"), a short Chinese line, or a heading hint from the
source format. Everything before the announcement's own title (and the paragraphs just
after it) is the cover. "By order of the Board" opens the closing board statement.

Each section gets a canonical category from ``CATEGORY_RULES`` (first match on its title),
else its parent's, else "other".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Block, Filing, Section
from .text.cjk import IDEOGRAPH_RUNS
from .text.dates import FULL_MONTH
from .text.headings import uncontinued
from .text.lazy import lazy_pattern
from .text.normalize import comparable
from .text.statements import statement_kind

__all__ = ["segment", "CATEGORY_RULES", "category_of", "split_heading"]

# Canonical categories, tried in order on a section's title (upper-cased). A section with
# no match takes its parent's category; a top-level one with no match is "other".
CATEGORY_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (category, re.compile(pattern))
    for category, pattern in (
        ("board", r"BY ORDER OF THE BOARD|DATE OF THIS ANNOUNCEMENT|董事會"),
        ("highlights", r"HIGHLIGHTS|財務摘要|摘要"),
        ("non_gaap", r"NON-GAAP|NON GAAP"),
        ("liquidity", r"LIQUIDITY|CAPITAL RESOURCE|FINANCIAL RESOURCES|流動資金|財務資源"),
        ("employees", r"EMPLOYEE|REMUNERATION|STAFF|HUMAN RESOURCE|僱員|員工"),
        ("notes", r"^NOTES\b|NOTES TO|附註"),
        (
            "statements",
            r"STATEMENTS? OF|BALANCE SHEETS?|INCOME STATEMENT|FINANCIAL POSITION"
            r"|FINANCIAL INFORMATION|^CASH FLOWS|損益表|財務狀況表|資產負債表|現金流量表",
        ),
        (
            "business_review",
            r"BUSINESS REVIEW|OUTLOOK|PROSPECT|BUSINESS OVERVIEW|OPERATIONS? REVIEW"
            r"|ESG\b|ENVIRONMENTAL|業務回顧|展望",
        ),
        (
            "governance",
            r"GOVERNANCE|AUDIT COMMITTEE|MODEL CODE|PURCHASE, SALE OR REDEMPTION|LITIGATION"
            r"|AUDITOR|COMPANY SECRETARY|DIRECTORS?\b|COMMITTEE|企業管治|審核委員會",
        ),
        (
            "mdna",
            r"MANAGEMENT DISCUSSION|MANAGEMENT'S DISCUSSION|FINANCIAL REVIEW|FOREIGN EXCHANGE"
            r"|FOREIGN CURRENCY|GEARING|MATERIAL INVESTMENT|SIGNIFICANT INVESTMENT|CONTINGENT"
            r"|ACQUISITION|CHARGES? ON|PLEDGE|CAPITAL EXPENDITURE|CAPITAL COMMITMENT"
            r"|RESULTS OF OPERATIONS|管理層討論|財務回顧",
        ),
    )
)

# Categories whose sub-sections always belong to them, whatever their own titles say
# ("7. DIVIDENDS" inside the notes is a note, not a governance section).
_ENCLOSING = {"notes", "board"}

_NUMBERED = re.compile(r"^(\d{1,2})\.?\s+(\S.*)$")
_LETTERED = re.compile(r"^\(([a-z]{1,2}|[ivx]{1,4})\)\s+(\S.*)$")
_ROMAN = re.compile(r"[ivx]{1,4}")
_CJK_NUMBERED = re.compile(r"^([一二三四五六七八九十]{1,3})[、.．]\s*(\S.*)$")
_PARENTHESISED = re.compile(r"\([^)]*\)")
_DATE = re.compile(
    rf"\b(?:{FULL_MONTH})\s+\d{{1,2}},\s+\d{{4}}\b|\b\d{{1,2}}\s+(?:{FULL_MONTH})\s+\d{{4}}\b"
    r"|[\d零〇一二三四五六七八九十]+年[\d零〇一二三四五六七八九十]+月[\d零〇一二三四五六七八九十]+日",
    re.IGNORECASE,
)
_TITLE = re.compile(r"RESULTS|ANNOUNCEMENT|業績|公告")
_SMALL_WORDS = {
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to",
    "with", "per", "its", "into", "under", "over", "than", "vs", "via",
}
_CJK_SENTENCE_END = lazy_pattern(r"[。，；：,;:！？]")  # for lines with ideographs only
_BOARD_OPENING = re.compile(r"^By order of the board\b|^承董事會命", re.IGNORECASE)
_BOARD_STATEMENT = re.compile(r"^As at the date of this announcement|^於本公告日期", re.IGNORECASE)
_DIRECTORS = re.compile(r"DIRECTOR|董事", re.IGNORECASE)

MAX_HEADING_CHARS = 160
# "KINGSOFT ... STATEMENTS OF COMPREHENSIVE LOSS (All amounts in thousands, except ...)"
MAX_UPPER_HEADING_CHARS = 220
MAX_TITLE_CASE_WORDS = 18


@dataclass(frozen=True)
class Heading:
    number: str
    title: str
    rank: str  # "hint", "upper", "numbered", "lettered", "title", "cjk", "board"
    level_hint: int | None = None


def segment(filing: Filing) -> tuple[Section, ...]:
    """The sections of ``filing`` in document order; the first is the cover."""
    blocks = filing.blocks
    typographic = filing.format == "pdf" and any(block.heading_level for block in blocks)
    cover_end = _cover_end(blocks, typographic)
    builder = _SectionBuilder()
    builder.open(Heading("", _cover_title(blocks[:cover_end]), "cover"), level=0)
    builder.current_blocks.extend(blocks[:cover_end])
    body = blocks[cover_end:]
    headings = _headings(body, typographic)
    board = _BoardStatement()
    for position, (block, heading) in enumerate(zip(body, headings, strict=True)):
        if heading is None or board.goes_on(block, heading):
            builder.current_blocks.append(block)
            continue
        if builder.continues_open(heading):
            # A page break's repeat of an open section's heading: its text goes on in the
            # section open now; as a section of its own, each page's repeat was paired,
            # or called added or removed, one by one (29 in an annual report's policies).
            continue
        board.opened(block, heading)
        if heading.rank == "upper" and builder.in_notes() and _next_is_note(headings, position):
            # PDF text often loses a note's number ("4." on a line of its own): an
            # unnumbered heading followed by more numbered notes is still a note.
            heading = Heading("", heading.title, "numbered")
        builder.open(heading, level=None)
        if heading.rank == "board":
            # The opening line is part of the statement: "By order of the Board ... Mr. Zou
            # Tao, Vice Chairman" names the signatory.
            builder.current_blocks.append(block)
    return builder.finish()


class _BoardStatement:
    """The closing board statement: from "By order of the Board" (or "As at the date of
    this announcement, the board comprises ...") to the end of the paragraph naming the
    board. What follows that paragraph under a heading of its own (a second document
    printed after the first, an appendix) is sections again; the statement's own lines
    (names, "Executive Directors:") never end it."""

    def __init__(self) -> None:
        self.inside = False
        self.named = False  # the paragraph naming the board has been read

    def opened(self, block: Block, heading: Heading) -> None:
        self.inside = heading.rank == "board"
        self.named = self.inside and _names_board(block)

    def goes_on(self, block: Block, heading: Heading | None) -> bool:
        if not self.inside:
            return False
        if self.named and heading is not None and heading.rank != "board" and (
                heading.rank in ("upper", "numbered", "hint")
                and not _DIRECTORS.search(heading.title) and not heading.title.endswith(":")):
            self.inside = False
            return False
        self.named = self.named or _names_board(block)
        return True


def _names_board(block: Block) -> bool:
    return block.kind == "paragraph" and bool(_BOARD_STATEMENT.match(block.text.strip()))


def _headings(blocks: tuple[Block, ...], typographic: bool = False) -> list[Heading | None]:
    headings = []
    for block in blocks:
        heading = heading_of(block, typographic)
        if heading is None and block.kind == "paragraph" and _BOARD_STATEMENT.match(block.text):
            heading = Heading("", "Board of directors", "board")
        headings.append(heading)
    return [
        None if heading and heading.rank == "title" and _is_label(blocks, headings, p)
        else heading
        for p, heading in enumerate(headings)
    ]


def _is_label(blocks: tuple[Block, ...], headings: list[Heading | None], p: int) -> bool:
    """A Title Case line that heads nothing is a label, not a heading: one followed by
    another heading or by nothing (Title Case headings have no sub-headings, but for a
    chapter's title set in larger type than the heading under it), one between
    two tables (a column header), or one that carries on a paragraph left mid-sentence (a
    line that PDF layout broke off). Diagram labels and signatures look like headings."""
    before = blocks[p - 1] if p else None
    after = blocks[p + 1] if p + 1 < len(blocks) else None
    if after is None:
        return True
    if headings[p + 1] is not None:
        return not _set_over(blocks[p], after)
    if before is not None and before.kind == after.kind == "table":
        return True
    if before is None or before.kind != "paragraph" or headings[p - 1] is not None:
        return False
    last = before.text.rstrip()[-1:]
    return last.islower() or last == ","


def _title_key(title: str) -> str:
    return comparable(title).casefold()


def _set_over(block: Block, after: Block) -> bool:
    """Is ``block`` set in larger type than the heading ``after`` it (a lower level)? A
    title's type (level 1) is larger than a heading known by its words alone ("1 GENERAL
    INFORMATION" in body type under "Notes to the Consolidated Financial Statements")."""
    if not block.heading_level:
        return False
    if not after.heading_level:
        return block.heading_level == 1
    return block.heading_level < after.heading_level


def _next_is_note(headings: list[Heading | None], position: int) -> bool:
    following = (h for h in headings[position + 1:] if h is not None and h.rank != "lettered")
    upcoming = next(following, None)
    return upcoming is not None and upcoming.rank == "numbered"


class _SectionBuilder:
    """Collects blocks under the current heading and keeps the stack of open sections."""

    def __init__(self) -> None:
        self.sections: list[Section] = []
        self.stack: list[tuple[int, int]] = []  # (level, index)
        self.current_blocks: list[Block] = []
        self.pending: tuple[Heading, int, int] | None = None
        self.ranks: list[str] = []  # the heading rank of each finished section

    def open(self, heading: Heading, level: int | None) -> None:
        self._close()
        if level is None:
            level = self._level_of(heading)
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        parent = self.stack[-1][1] if self.stack else -1
        self.pending = (heading, level, parent)
        self.stack.append((level, len(self.sections)))

    def continues_open(self, heading: Heading) -> bool:
        """Is ``heading`` the title of an open section (not the cover) marked "(continued)",
        a note's over the pages it goes on to, or a statement's title printed again over
        each of its pages? (Other titles printed again head sections of their own: each
        signature of a 10-K under "Director".)"""
        title = uncontinued(heading.title)
        if title == heading.title and not statement_kind(title):
            return False
        return any(_title_key(self._title(index)) == _title_key(title)
                   for level, index in self.stack if level > 0)

    def _title(self, index: int) -> str:
        if index < len(self.sections):
            return self.sections[index].title
        return self.pending[0].title if self.pending else ""

    def in_notes(self) -> bool:
        return any(
            index < len(self.sections) and self.sections[index].category == "notes"
            for _, index in self.stack
        )

    def _level_of(self, heading: Heading) -> int:
        if heading.rank in ("upper", "board"):
            return 1
        if heading.rank == "hint" and heading.level_hint:
            return heading.level_hint
        if heading.rank == "numbered":
            return 2
        if heading.rank == "lettered":
            return self._lettered_level(heading.number)
        # Title Case: one level below the nearest heading that is not itself Title Case.
        parents = [level for level, index in self.stack
                   if self.ranks[index] not in ("title", "cjk")]
        return (parents[-1] if parents else 0) + 1

    def _lettered_level(self, number: str) -> int:
        """A note's sub-notes are lettered in two styles, either over the other: "(i)
        Judgements" over "(a) Deferred taxation", or "(a)" over "(i)". A number of a style
        an open sub-note has is its sibling; the first of the other style ("(a)", "(i)")
        goes under the open sub-note; any other is at the sub-notes' level."""
        open_numbers = [(level, self.sections[index].number) for level, index in self.stack
                        if self.ranks[index] == "lettered"]
        style = _numbering_style(number, [n for _, n in open_numbers])
        for level, open_number in reversed(open_numbers):
            if _numbering_style(open_number, []) == style:
                return level
        if open_numbers and number.strip("()") in ("a", "i"):
            return open_numbers[-1][0] + 1
        return 3

    def _close(self) -> None:
        if self.pending is None:
            return
        heading, level, parent = self.pending
        index = len(self.sections)
        category = _category(heading, parent, self.sections)
        self.sections.append(
            Section(
                index=index,
                title=heading.title,
                number=heading.number,
                level=level,
                category=category,
                blocks=tuple(self.current_blocks),
                parent=parent,
            )
        )
        self.ranks.append(heading.rank)
        self.current_blocks = []
        self.pending = None

    def finish(self) -> tuple[Section, ...]:
        self._close()
        return tuple(self.sections)


def _numbering_style(number: str, open_numbers: list[str]) -> str:
    """The style of a sub-note's number: roman for "(i)", "(iv)"; alpha for "(a)", and
    for "(i)" ("(v)", "(x)") when the letter before it numbers an open sub-note (the ninth
    of a lettered list)."""
    inner = number.strip("()")
    if not _ROMAN.fullmatch(inner):
        return "alpha"
    before = f"({chr(ord(inner) - 1)})" if len(inner) == 1 else ""
    return "alpha" if before in open_numbers else "roman"


def _category(heading: Heading, parent: int, sections: list[Section]) -> str:
    if heading.rank == "cover":
        return "cover"
    if heading.rank == "board":
        return "board"
    parent_category = sections[parent].category if parent >= 0 else ""
    if parent_category in _ENCLOSING:
        return parent_category
    if heading.rank == "numbered" and parent_category == "statements":
        return "notes"  # notes printed straight after the statements, with no heading
    own = category_of(heading.title)
    if own:
        return own
    if heading.rank == "numbered" and parent_category in ("", "other", "cover"):
        return "notes" if _follows_notes(sections) else parent_category or "other"
    return parent_category if parent_category not in ("", "cover") else "other"


def _follows_notes(sections: list[Section]) -> bool:
    """True when the last numbered section before this one was a note: a stray unnumbered
    heading (PDF text loses numbers) must not end the notes."""
    for section in reversed(sections):
        if section.number and section.level == 2:
            return section.category == "notes"
    return False


def category_of(title: str) -> str:
    """The category a title names by itself, or "" when it names none."""
    key = comparable(title).upper()
    for category, pattern in CATEGORY_RULES:
        if pattern.search(key):
            return category
    return ""


def heading_of(block: Block, typographic: bool = False) -> Heading | None:
    """The heading that ``block`` is, or None when it is body text. ``typographic``: the
    filing is a PDF whose type marks headings (``Block.heading_level`` set from size and
    weight); a short Title Case or Chinese line then heads a section only when its type
    says so or it names a kind of section ("Consolidated Balance Sheet"): column headers,
    chart labels and product names are set like the body. And
    a line its type marks is a heading whatever its words look like ("eBay Inc. Business
    Outlook")."""
    if not typographic and (block.kind == "heading" or block.heading_level):
        number, title = split_heading(block.text)
        return Heading(number, title, "hint", block.heading_level or 1)
    found = _heading_by_shape(block)
    if not typographic:
        return found
    if found is None and block.heading_level and not _figures_row(block.text):
        # Large type is a top-level title; bold body type a sub-heading, nested under the
        # nearest heading of another kind like a Title Case one (a note's "Geographical
        # information"). A bold row of figures is a table's total, not a heading.
        number, title = split_heading(block.text)
        rank = "hint" if block.heading_level == 1 else "title"
        return Heading(number, title, rank, block.heading_level)
    if (found is not None and found.rank in ("title", "cjk", "upper") and not block.heading_level
            and not category_of(found.title)):
        return None  # set like the body and naming no kind of section: a label
    if found is not None and found.rank == "title" and block.heading_level == 1:
        # A title in a title's type heads what follows whatever its case: "Notes to the
        # Consolidated Financial Statements" over the numbered notes.
        return Heading(found.number, found.title, "hint", 1)
    return found


def _figures_row(text: str) -> bool:
    """More digits than letters: a row of a table ("9,303 25,680 (16,377) – 匯兌差額")."""
    return sum(ch.isdigit() for ch in text) > sum(ch.isalpha() for ch in text)


def _heading_by_shape(block: Block) -> Heading | None:
    if block.kind != "paragraph":
        return None
    text = block.text.strip()
    if not text or len(text) > MAX_UPPER_HEADING_CHARS:
        return None
    if _BOARD_OPENING.match(text):
        return Heading("", "By order of the Board", "board")
    if _DATE.match(text) or text.endswith(","):
        # A date under a signature ("24 August 2011") or in a table's column ("31 December
        # 2020 (Note)"), not note 24 or 31.
        return None
    numbered = _numbered_heading(text)
    if numbered is not None:
        return numbered
    return _unnumbered_heading(text)


def _numbered_heading(text: str) -> Heading | None:
    """A number, then heading words: "3. REVENUES", "(a) Basis of preparation", "三、收益"."""
    for pattern, rank in ((_NUMBERED, "numbered"), (_LETTERED, "lettered"),
                          (_CJK_NUMBERED, "numbered")):
        match = pattern.match(text)
        if match and _is_heading_text(match.group(2), numbered=True):
            return Heading(_number(match, pattern), match.group(2).strip(), rank)
    return None


def _unnumbered_heading(text: str) -> Heading | None:
    """A line with no number that is a heading by its letters: capitals, Title Case or a
    short CJK line."""
    if _is_upper(text) and sum(ch.isdigit() for ch in text) < len(_letters(text)):
        return Heading("", text, "upper")
    if len(text) > MAX_HEADING_CHARS:
        return None
    if _is_title_case(text):
        return Heading("", text, "title")
    if _is_cjk_heading(text):
        return Heading("", text, "cjk")
    return None


def split_heading(text: str) -> tuple[str, str]:
    """("3", "REVENUES") from "3. REVENUES"; ("", text) when there is no number."""
    for pattern in (_NUMBERED, _LETTERED, _CJK_NUMBERED):
        match = pattern.match(text.strip())
        if match:
            return _number(match, pattern), match.group(2).strip()
    return "", text.strip()


def _number(match: re.Match[str], pattern: re.Pattern[str]) -> str:
    return f"({match.group(1)})" if pattern is _LETTERED else match.group(1)


def _is_heading_text(text: str, numbered: bool = False) -> bool:
    text = text.strip()
    if len(text) > 110 or text.endswith((".", ";", ",")) or _DATE.search(text):
        return False
    return _is_upper(text) or _is_title_case(text, numbered) or _is_cjk_heading(text)


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalpha() and ch.isascii())


def _is_upper(text: str, dated: bool = False) -> bool:
    """Mostly capitals outside parentheses: "KINGSOFT ... LOSS (All amounts in thousands)".
    A dated line is a heading only where ``dated`` allows (an announcement's title)."""
    if text.endswith(".") or (not dated and _DATE.search(text)):
        return False
    letters = _letters(_PARENTHESISED.sub("", text))
    if len(letters) < 4:
        return False
    lower = sum(1 for ch in letters if ch.islower())
    return lower <= 0.05 * len(letters)


def _is_title_case(text: str, numbered: bool = False) -> bool:
    """A short line whose significant words are capitalised: "Liquidity and Capital
    Resource", "Purchase, Sale or Redemption of the Company's Listed Securities"."""
    if text.endswith((".", ",", ";", ":")) or ": " in text or _DATE.search(text):
        return False
    if not text[:1].isupper() or _cjk_count(text):
        return False
    words = re.findall(r"[A-Za-z][A-Za-z'\u2019&-]*", text)
    if not words or len(words) > MAX_TITLE_CASE_WORDS:
        return False
    if any(ch.isdigit() for ch in text) and not numbered:
        return False
    if words[-1].lower() in _SMALL_WORDS or not _balanced(text):
        return False  # "...Coal Mine Safety and the", "Certification” by the Ministry"
    significant = [word for word in words if word.lower() not in _SMALL_WORDS]
    if not significant:
        return False
    capitalised = sum(1 for word in significant if word[0].isupper())
    # Sub-notes are often in sentence case: "(b) Going concern consideration".
    threshold = 0.3 if numbered else 0.75
    return capitalised / len(significant) >= threshold


def _cjk_count(text: str) -> int:
    """How many ideographs ``text`` holds (ASCII text, at once: none)."""
    return 0 if text.isascii() else sum(map(len, IDEOGRAPH_RUNS.findall(text)))


def _is_cjk_heading(text: str) -> bool:
    return (
        len(text) <= 24
        and _cjk_count(text) >= 2
        and len(_letters(text)) <= 0.3 * len(text.replace(" ", ""))
        and not _CJK_SENTENCE_END.search(text)
        and not any(ch.isdigit() for ch in text)
        and not _DATE.search(text)  # "於二零二五年三月三十一日": the date under a title
    )


def _balanced(text: str) -> bool:
    """Quotes and brackets open and close within the line."""
    return all(text.count(opening) == text.count(closing)
               for opening, closing in ("()", "\u201c\u201d", "（）", "[]"))


def _cover_end(blocks: tuple[Block, ...], typographic: bool = False) -> int:
    """Index of the first block after the cover: the announcement's title (an UPPERCASE
    line naming results or an announcement) and its introductory paragraphs. Without such
    a title the cover is what comes before the first heading."""
    limit = min(len(blocks), 60)
    title_at = next(
        (
            i for i in range(limit)
            if blocks[i].kind == "paragraph" and _TITLE.search(blocks[i].text)
            and (_is_upper(blocks[i].text, dated=True) or _cjk_count(blocks[i].text))
            and len(blocks[i].text) <= 300
        ),
        None,
    )
    start = title_at + 1 if title_at is not None else 0
    for i in range(start, len(blocks)):
        if heading_of(blocks[i], typographic) is not None:
            return i
    return len(blocks)


def _cover_title(blocks: tuple[Block, ...]) -> str:
    for block in blocks:
        if block.kind == "paragraph" and _TITLE.search(block.text) and (
            _is_upper(block.text, dated=True) or _cjk_count(block.text)
        ):
            return block.text.strip()
    return "Cover"
