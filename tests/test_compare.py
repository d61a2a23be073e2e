"""End to end on the real sample pair and on copies of one sample."""

from __future__ import annotations

import re

import pytest

from kcdiff.compare import compare_files


@pytest.fixture(scope="module")
def report(interim_path, annual_path):
    return compare_files(interim_path, annual_path)


def by_status(report, status):
    return [(d.old_title, d.new_title) for d in report.sections if d.status == status]


def test_sub_headings_set_over_old_text_are_shown_inside_the_section_they_came_from(report):
    # The annual's two non-GAAP sub-headings (lines 90 and 108) are new, their text is
    # not: the section is compared with the interim's "Non-GAAP Financial Measure" (line
    # 28), each sub-heading an inserted line of it, and neither is called added.
    (diff,) = [d for d in report.sections if d.old_title == "Non-GAAP Financial Measure"]
    inserted = [span.text for paragraph in diff.redline for span in paragraph.spans
                if paragraph.status == "inserted"]
    assert "Adjusted Gross Profit and Adjusted Gross Margin (Non-GAAP Financial Measures)" \
        in inserted
    assert not [new for _, new in by_status(report, "added") if "Non-GAAP" in new]


def test_sections_added_and_removed(report):
    added = {new for _, new in by_status(report, "added")}
    assert {"SCOPE OF WORK OF THE AUDITOR", "Going concern consideration", "Segment reporting",
            "Environmental, Social and Governance (ESG)"} <= added
    assert [old for old, _ in by_status(report, "removed")] == [
        "RESIGNATION OF JOINT COMPANY SECRETARY"
    ]
    assert report.summary.sections_added == len(added)


@pytest.mark.parametrize("title", [
    "Liquidity and Capital Resource", "Employees and Remuneration",
    "Principles of consolidation", "Use of estimates", "Convenience translation",
    "CORPORATE INFORMATION", "SUMMARY OF SIGNIFICANT ACCOUNTING POLICIES",
    "REVENUES, OTHER LOSS, NET AND OTHER INCOME (EXPENSE), NET", "ACCOUNTS RECEIVABLE, NET",
    "TAXATION", "LOSS PER SHARE", "DIVIDENDS", "ACCOUNTS PAYABLE",
])
def test_sections_both_have_are_aligned_never_added(report, title):
    diff = next(d for d in report.sections if d.new_title == title)
    assert diff.status in ("changed", "unchanged")
    assert diff.old_title


def test_removed_section_stands_where_it_stood(report):
    titles = [d.title for d in report.sections]
    removed = titles.index("RESIGNATION OF JOINT COMPANY SECRETARY")
    assert titles[removed - 1].startswith("PUBLICATION OF ANNUAL RESULTS")


def test_period_roll_forward_is_folded_not_counted(report):
    diff = next(d for d in report.sections if d.new_title == "Contingent Liabilities")
    assert diff.edits and all(edit.routine for edit in diff.edits)
    assert report.summary.routine_edits >= 10


def test_filing_against_itself_is_unchanged(interim_path):
    report = compare_files(interim_path, interim_path)
    assert {d.status for d in report.sections} == {"unchanged"}
    assert not report.has_differences


def test_presentation_only_copy_reports_nothing(annual_path, tmp_path):
    text = annual_path.read_text(encoding="utf-8")
    copy = text.replace("**", "").replace("\n", "  \r\n")
    copy = re.sub(r"(?<=\w) (?=\w)", "  ", copy, count=200)
    assert copy != text
    (tmp_path / "copy.txt").write_text(copy, encoding="utf-8", newline="")
    report = compare_files(annual_path, tmp_path / "copy.txt")
    assert not report.has_differences
    assert all(d.status == "unchanged" for d in report.sections)


def test_a_reworded_sentence_is_one_edit(annual_path, tmp_path):
    text = annual_path.read_text(encoding="utf-8")
    edited = text.replace("The decrease was mainly due to the decrease of credit loss expense.",
                          "The decrease was mainly due to lower credit loss expense.")
    (tmp_path / "edited.txt").write_text(edited, encoding="utf-8")
    report = compare_files(annual_path, tmp_path / "edited.txt")
    changed = [d for d in report.sections if d.status != "unchanged"]
    assert len(changed) == 1
    assert [(e.op, e.old, e.new) for e in changed[0].edits] == [
        ("replace", "the decrease of", "lower")
    ]


def test_a_section_printed_inside_another_is_compared_with_it_not_removed():
    from kcdiff.align import align
    from kcdiff.compare import section_diffs
    from kcdiff.model import Block, Section

    intro = ("The board of directors of the Company announces the members of the board and "
             "their roles and functions as follows.")
    names = "Mr. Chan Tai Man (Chairman) Ms. Wong Siu Ling Mr. Lee Ka Chun"

    def section(index: int, title: str, *texts: str) -> Section:
        return Section(index, title, "", 1, "board", tuple(Block("paragraph", t) for t in texts))

    # The old filing sets "Executive Directors" over the names as a heading; the new one
    # prints it as a line of the list.
    old = [section(0, "LIST OF DIRECTORS", intro), section(1, "Executive Directors", names)]
    new = [section(0, "LIST OF DIRECTORS", intro, "Executive Directors", names)]
    diffs, warnings = section_diffs(old, new, align(old, new))
    assert warnings == []
    assert [d.status for d in diffs] == ["changed"]
    # Only the heading turned into a line is new; the names are in both and not inserted.
    assert [(e.op, e.new) for e in diffs[0].edits] == [("insert", "Executive Directors")]


@pytest.mark.parametrize("failing", ["read_tables", "check_filing"])
def test_failed_single_filing_stages_are_listed_in_stage_order(monkeypatch, interim_path,
                                                               annual_path, failing):
    # Each filing is analysed on its own now; the report still lists what failed as the
    # stages ran: both filings' tables (or checks), then both boards, each with its filing.
    import kcdiff.compare

    def fails(*sections_and_tables):
        raise RuntimeError("cannot read this")

    monkeypatch.setattr(kcdiff.compare, failing, fails)
    monkeypatch.setattr(kcdiff.compare, "read_board", fails)
    report = compare_files(interim_path, annual_path)
    kind = {"read_tables": "figures_not_compared", "check_filing": "checks_not_run"}[failing]
    assert [(c.kind, c.where, c.filing) for c in report.checks
            if "cannot read this" in c.message] == [
        (kind, "tables", "old"), (kind, "tables", "new"),
        ("board_unreadable", "board statement", "old"),
        ("board_unreadable", "board statement", "new")]


def test_an_announcement_and_its_translation_compare_no_section(corpus):
    # Anxin's interim results of 30 August 2010 in English and in Chinese: every heading
    # and sentence differs by language, not by content. No section is called added or
    # removed (52 and 51 were); the report says why, first, and still counts the pair as
    # differing (exit status 1).
    folder = corpus / "hkex_anxin-china_1149"
    report = compare_files(folder / "en" / "2010-08-30_interim-results_en.pdf",
                           folder / "zh" / "2010-08-30_interim-results_zh.pdf")
    assert (report.old.language, report.new.language) == ("en", "zh")
    assert report.sections == ()
    first = report.checks[0]
    assert (first.kind, first.severity) == ("languages_differ", "warning")
    assert "in English" in first.message and "in Chinese" in first.message
    assert report.has_differences


def test_filings_in_one_language_get_no_language_note(report):
    assert (report.old.language, report.new.language) == ("en", "en")
    assert not [check for check in report.checks if check.kind == "languages_differ"]


def test_a_filing_whose_language_is_not_known_is_compared():
    # A filing with too few letters to tell its language (a table of figures alone).
    from kcdiff.compare import _languages_differ
    from kcdiff.model import FilingSummary

    english = FilingSummary("a.pdf", "", "", "", "", language="en")
    unknown = FilingSummary("b.pdf", "", "", "", "", language="")
    assert _languages_differ(english, unknown) == _languages_differ(unknown, english) == []


def test_items_the_other_filing_prints_where_kcdiff_cannot_pair_them_are_said_not_compared(
        report):
    # The interim's balance sheet prints "Intangible assets, net Goodwill" and "Income tax
    # payable Amounts due to related parties" as single rows of merged figures (sample
    # lines 323 and 336), and "Impairment of long-lived assets" in its non-GAAP
    # reconciliation (line 50): the annual's items are there, unpaired, not added.
    notes = {note.where: note.message for note in report.checks
             if note.kind == "figures_not_compared" and note.filing == "new"
             and "not called added or removed" in note.message}
    assert notes["UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS"].endswith(
        ": Intangible assets, net; Goodwill; Income tax payable; Current liabilities: "
        "Amounts due to related parties")
    assert notes["UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF COMPREHENSIVE LOSS"].endswith(
        ": Impairment of long-lived assets")
    assert not {figure.item for figure in report.figures if figure.status == "added"} & {
        "Goodwill", "Income tax payable", "Impairment of long-lived assets"}
