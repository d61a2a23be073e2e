"""Property tests (Hypothesis) seeded from the two sample announcements: a known edit of
the real text is reported exactly.

- random word edits in a paragraph: the redline's edits, applied to the old paragraph,
  give the new one, and nothing else in the filing changed;
- one amount of a primary statement changed (same format, another value): exactly one
  figure, a restatement of that line item for that period with both values;
- one director of the board statement replaced by a new name: one joined, one left.

Each example edits the sample's own text and reads it again (ingest, segment), then runs
the stage whose output the report carries (``diff_sections``, ``compare_figures``,
``compare_boards``, as ``compare()`` calls them for a text filing) against the sample
read once per module: a whole ``compare()`` per example would cost half a second. What is
expected comes from the edit and from the documents as printed (line items, column
periods and directors below were read off the samples by hand).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kcdiff.board import compare_boards, read_board
from kcdiff.figures.checks import check_filing
from kcdiff.figures.compare import compare_figures
from kcdiff.figures.tables import read_tables
from kcdiff.ingest import parse_text
from kcdiff.ingest.metadata import meta_of
from kcdiff.model import RedlineParagraph, Section, SectionDiff
from kcdiff.segment import segment
from kcdiff.text.normalize import words
from kcdiff.wording import diff_sections

INTERIM, ANNUAL = "kingsoft-cloud-2023-interim.txt", "kingsoft-cloud-2024-annual.txt"
SETTINGS = settings(max_examples=20, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@dataclass(frozen=True)
class Sample:
    text: str
    sections: tuple[Section, ...]

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(f"Sample({self.sections[0].title[:40]!r}...)")  # not 50 kB of text


def sections_of(text: str, name: str) -> tuple[Section, ...]:
    filing = parse_text(text, name)
    return tuple(segment(replace(filing, meta=meta_of(filing.blocks))))


@pytest.fixture(scope="module")
def samples(interim_path, annual_path) -> dict[str, Sample]:
    """Each sample's text and sections, read once."""
    return {
        path.name: Sample(text, sections_of(text, path.name))
        for path in (interim_path, annual_path)
        for text in [path.read_text(encoding="utf-8")]
    }


def with_line(text: str, number: int, line: str) -> str:
    lines = text.split("\n")
    lines[number] = line
    return "\n".join(lines)


# --- word edits ------------------------------------------------------------------------

# Plain words, a period word, a year and an amount: edits of every kind kcdiff tells apart.
VOCABULARY = ("cloud", "customers", "significantly", "the", "not", "strategy", "margin",
              "services", "Group", "June", "2024", "RMB1.2", "15.3%", "revenue,")


def paragraph_lines(sample: Sample) -> list[tuple[int, int]]:
    """(line number, section index) of the prose lines that are one paragraph each, read
    as they are printed (no markup to strip): sentences of at least 15 words, not a
    heading (the announcement's title is a paragraph block that heads the cover)."""
    titles = {section.title for section in sample.sections}
    where = {block.text: index for index, section in enumerate(sample.sections)
             for block in section.blocks if block.kind == "paragraph"}
    return [
        (number, where[line]) for number, line in enumerate(sample.text.split("\n"))
        if line in where and line not in titles and line.endswith(".")
        and len(line.split(" ")) >= 15 and "\t" not in line and sample.text.count(line) == 1
    ]


def edit_words(paragraph: str, edits: list[tuple[str, int, str]]) -> str:
    """The paragraph with words replaced, inserted or deleted. Punctuation stays where it
    was printed: a paragraph whose full stop an edit took away would end mid-sentence,
    and segment rightly reads the Title Case line after such a paragraph as its broken-off
    end, not as a heading (see segment._is_label)."""
    tokens = paragraph.split(" ")
    for op, position, word in edits:
        at = position % len(tokens)  # an insertion goes before a word, never after the last
        stop = re.fullmatch(r".*?([.,;:]*)", tokens[at])[1]
        if op == "replace":
            tokens[at] = word + stop
        elif op == "insert":
            tokens.insert(at, word)
        elif len(tokens) > 1:
            del tokens[at]
            if stop and at:
                tokens[at - 1] = tokens[at - 1].rstrip(".,;:") + stop
    return " ".join(tokens)


def apply_redline(old: str, paragraph: RedlineParagraph, diff: SectionDiff) -> list[str]:
    """The words of ``old`` with the paragraph's edits applied: equal and deleted spans
    must be the old text in order (a deleted span is exactly its edit's old words), and
    each edit puts its new words where its spans stand."""
    old_words, at, result, applied = words(old), 0, [], set()
    for span in paragraph.spans:
        span_words = words(span.text)
        if span.kind in ("equal", "delete"):
            assert old_words[at:at + len(span_words)] == span_words, (span, old_words[at:])
            at += len(span_words)
        if span.kind == "equal":
            result += span_words
            continue
        edit = diff.edits[span.edit]
        assert span_words == words(edit.old if span.kind == "delete" else edit.new)
        if span.edit not in applied:
            result += words(edit.new)
            applied.add(span.edit)
    assert at == len(old_words)
    assert applied == set(range(len(diff.edits)))  # every edit of the section is here
    return result


@SETTINGS
@given(choice=st.integers(min_value=0, max_value=10**6),
       edits=st.lists(st.tuples(st.sampled_from(("replace", "insert", "delete")),
                                st.integers(min_value=0, max_value=10**4),
                                st.sampled_from(VOCABULARY)), min_size=1, max_size=3))
@pytest.mark.parametrize("name", [INTERIM, ANNUAL])
def test_word_edits_redline_turns_old_into_new(samples, name, choice, edits):
    sample = samples[name]
    candidates = paragraph_lines(sample)
    number, index = candidates[choice % len(candidates)]
    old = sample.text.split("\n")[number]
    new = edit_words(old, edits)
    assume(words(new) != words(old))
    sections = sections_of(with_line(sample.text, number, new), name)
    assert [s.title for s in sections] == [s.title for s in sample.sections]
    for position, (before, after) in enumerate(zip(sample.sections, sections, strict=True)):
        diff = diff_sections(before, after)
        if position != index:
            assert diff.status == "unchanged", (before.title, diff.edits)
            continue
        assert diff.status == "changed"
        changed = [p for p in diff.redline if p.status != "equal"]
        assert [p.status for p in changed] == ["changed"]
        assert apply_redline(old, changed[0], diff) == words(new)


# --- figure edits ----------------------------------------------------------------------

# The annual's primary statements printed once: (title, which printing of that title) ->
# the periods of the two RMB columns ("As at December 31, 2023 RMB | 2024 RMB", "For the
# year ended December 31, 2023 | 2024"), as kcdiff describes a period, its start and its
# end. The third column is the US$ convenience translation, which kcdiff does not
# compare. Two kinds of figure are left out, each with tests of its own below: the
# income statement, printed twice with the same figures (in the MD&A, line 192, and
# under FINANCIAL INFORMATION, line 349), and the balance sheet's last total, which the
# filing ties to Total assets: an edit to one of those makes the filing contradict
# itself, so what is right to report is not one restatement alone.
# The interim is not used: its statements' text is garbled by PDF extraction (two
# figures in one cell, labels split over two lines), so a row's item is not its label.
YEARS = (("year ended 2023-12-31", "2023-01-01", "2023-12-31"),
         ("year ended 2024-12-31", "2024-01-01", "2024-12-31"))
PRINTINGS = {
    ("UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS", 1): (
        ("as at 2023-12-31", "", "2023-12-31"), ("as at 2024-12-31", "", "2024-12-31")),
    ("UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF CASH FLOWS", 1): YEARS,
}
TOTAL_FUNDING = "Total liabilities, non-controlling interests and shareholders' equity"
_AMOUNT = re.compile(r"(\(?)(\d{1,3}(?:,\d{3})*)(\)?)")


@dataclass(frozen=True)
class Cell:
    line: int
    column: int  # index among the line's tab-separated cells
    statement: str
    item: str  # the label, after its sub-header when the printing has the label twice
    period: tuple[str, str, str]  # as kcdiff describes it, start, end
    printed: str


def statement_cells(text: str) -> list[Cell]:
    """Every RMB amount of the printings above (nil "–" left out), read from their
    tab-separated rows (label first, amounts last). A printing runs from its title to
    the first line of prose after its rows."""
    rows, seen, printing, subheader, started = [], Counter(), None, "", False
    for number, line in enumerate(text.split("\n")):
        parts = line.split("\t")
        if any(title == line for title, _ in PRINTINGS):
            seen[line] += 1
            printing, subheader, started = (line, seen[line]), "", False
        elif len(parts) == 1 and line and started:
            printing = None
        if printing not in PRINTINGS or len(parts) < 4:
            continue
        started = True
        if parts[0].endswith(":") and not any(parts[1:]):
            subheader = parts[0]
        if not parts[0] or parts[0] == TOTAL_FUNDING:
            continue
        for offset, period in zip((-3, -2), PRINTINGS[printing], strict=True):
            printed = re.sub(r"</?u>", "", parts[offset])
            if _AMOUNT.fullmatch(printed):
                rows.append((number, len(parts) + offset, printing[0], subheader, parts[0],
                             period, printed))
    lines_of = Counter((statement, label) for _, statement, _, label in
                       {(number, statement, subheader, label)
                        for number, _, statement, subheader, label, _, _ in rows})
    return [Cell(number, column, statement,
                 f"{subheader} {label}" if lines_of[(statement, label)] > 1 else label,
                 period, printed)
            for number, column, statement, subheader, label, period, printed in rows]


def value_of(printed: str) -> float:
    match = _AMOUNT.fullmatch(printed)
    assert match
    value = float(match[2].replace(",", ""))
    return -value if match[1] else value


@st.composite
def same_format(draw: st.DrawFn, printed: str) -> str:
    """Another amount printed the same way: digits replaced, commas and brackets kept."""
    digits = [draw(st.sampled_from("123456789" if position == 0 else "0123456789"))
              if ch.isdigit() else ch for position, ch in enumerate(printed.strip("()"))]
    amount = "".join(digits)
    return f"({amount})" if printed.startswith("(") else amount


@pytest.fixture(scope="module")
def annual_tables(samples):
    return read_tables(samples[ANNUAL].sections)


@SETTINGS
@given(data=st.data())
def test_one_edited_amount_is_one_restatement(samples, annual_tables, data):
    text = samples[ANNUAL].text
    cell = data.draw(st.sampled_from(statement_cells(text)))
    printed = data.draw(same_format(cell.printed))
    assume(value_of(printed) != value_of(cell.printed))
    parts = text.split("\n")[cell.line].split("\t")
    parts[cell.column] = parts[cell.column].replace(cell.printed, printed)
    edited = sections_of(with_line(text, cell.line, "\t".join(parts)), "copy.txt")
    figures = compare_figures(annual_tables, read_tables(edited))
    assert len(figures) == 1, figures
    figure = figures[0]
    assert (figure.status, figure.table, figure.item) == ("restated", cell.statement,
                                                          cell.item)
    assert (figure.period, figure.period_start, figure.period_end) == cell.period
    assert (figure.old_period, figure.old_source) == (figure.period, "old")
    assert (figure.old_value, figure.new_value) == (value_of(cell.printed), value_of(printed))
    assert figure.unit == "RMB'000"


def edited_statements(samples, annual_tables, printed: str, edited: str
                      ) -> tuple[list, list[str]]:
    """The figures of the annual against a copy with ``printed`` made ``edited``, and the
    messages of the copy's failed checks."""
    text = samples[ANNUAL].text
    assert text.count(printed) == 1
    sections = sections_of(text.replace(printed, edited), "copy.txt")
    tables = read_tables(sections)
    figures = compare_figures(annual_tables, tables)
    return figures, [check.message for check in check_filing(sections, tables)]


@pytest.mark.parametrize("printed", [
    "Total revenues\t<u>7,047,461</u>\t<u>7,785,180</u>",  # in the MD&A
    "Total revenues\t\t7,047,461\t7,785,180",  # under FINANCIAL INFORMATION (a Notes cell)
])
def test_an_edit_to_one_printing_of_a_figure_printed_twice_is_named(samples, annual_tables,
                                                                   printed):
    # 7,785,180 -> 7,875,180: the new filing now prints both for 2024's total revenues.
    figures, errors = edited_statements(samples, annual_tables, printed,
                                        printed.replace("785", "875"))
    assert any(message.startswith("Total revenues (year ended 2024-12-31) is ")
               and "7,785,180" in message and "7,875,180" in message for message in errors)
    # A restatement may be claimed only from 7,785,180 to 7,875,180 (kcdiff reads the
    # MD&A's printing, the first, as the item's figure), and no other figure moved.
    assert [(f.status, f.item, f.period, f.old_value, f.new_value) for f in figures] in (
        [], [("restated", "Total revenues", "year ended 2024-12-31", 7785180, 7875180)])


def test_an_edit_to_total_liabilities_and_equity_is_an_imbalance(samples, annual_tables):
    # The row prints Total assets' figures, so kcdiff pools it with Total assets (the rule
    # for a label garbled by extraction) and claims no figure for it; the balance checks
    # name the edit. A restatement, if ever claimed, must be this one.
    figures, errors = edited_statements(samples, annual_tables, f"{TOTAL_FUNDING}\t\t15,070,278",
                                        f"{TOTAL_FUNDING}\t\t15,070,287")
    assert [(f.status, f.item, f.period, f.old_value, f.new_value) for f in figures] in (
        [], [("restated", TOTAL_FUNDING, "as at 2023-12-31", 15070278, 15070287)])
    assert "total liabilities and equity (as at 2023-12-31) is 15,070,287, but total " \
           "assets = 15,070,278" in errors


# --- board swaps -----------------------------------------------------------------------

# The directors each sample's board statement names, with their honorifics (its last
# paragraph: "As at the date of this announcement, the board of directors ...").
DIRECTORS = {
    INTERIM: (("Mr.", "Lei Jun"), ("Mr.", "Zou Tao"), ("Mr.", "He Haijian"),
              ("Dr.", "Qiu Ruiheng"), ("Mr.", "Yu Mingto"), ("Mr.", "Wang Hang"),
              ("Ms.", "Qu Jingyuan")),
    ANNUAL: (("Mr.", "Lei Jun"), ("Mr.", "Zou Tao"), ("Mr.", "He Haijian"),
             ("Mr.", "Feng Honghua"), ("Mr.", "Yu Mingo"), ("Mr.", "Wang Hang"),
             ("Ms.", "Qu Jingyuan")),
}
# Plausible new directors, sharing no word with anyone on either board.
NEW_NAMES = ("Chan Tai Man", "Lau Wing Kit", "Ho Ka Yan", "Cheung Siu Ming", "Zhang Wei",
             "Liu Yang", "Chen Jing", "Huang Min", "Sun Li", "Ma Xiaoming", "Margaret Leung",
             "David Tsang", "Peter Kwok", "Ng Mei Ling", "Tam Chi Keung")
_STATEMENT = "As at the date of this announcement, the board of directors"


@pytest.fixture(scope="module")
def boards(samples):
    return {name: read_board(sample.sections) for name, sample in samples.items()}


@pytest.mark.parametrize("name", [INTERIM, ANNUAL])
def test_the_boards_are_read_as_printed(boards, name):
    assert [d.name for d in boards[name].directors] == [n for _, n in DIRECTORS[name]]


@SETTINGS
@given(seat=st.integers(min_value=0, max_value=6), newcomer=st.sampled_from(NEW_NAMES))
@pytest.mark.parametrize("name", [INTERIM, ANNUAL])
def test_one_director_swapped_is_one_joined_and_one_left(samples, boards, name, seat,
                                                        newcomer):
    text = samples[name].text
    honorific, leaver = DIRECTORS[name][seat]
    number = next(n for n, line in enumerate(text.split("\n")) if line.startswith(_STATEMENT))
    statement = text.split("\n")[number]
    assert statement.count(f"{honorific} {leaver}") == 1
    swapped = statement.replace(f"{honorific} {leaver}", f"{honorific} {newcomer}")
    new_board = read_board(sections_of(with_line(text, number, swapped), name))
    changes, _ = compare_boards(boards[name], new_board)
    assert sorted((change.status, change.name) for change in changes) == [
        ("joined", newcomer), ("left", leaver)]
    joined = next(change for change in changes if change.status == "joined")
    left = next(change for change in changes if change.status == "left")
    assert joined.new_roles == left.old_roles and joined.new_roles  # the same seat
