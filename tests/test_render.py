"""The report model rendered: JSON against its schema and snapshot, HTML escaped."""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from kcdiff.compare import compare_files
from kcdiff.model import Edit, FigureChange, RedlineParagraph, SectionDiff, Span
from kcdiff.render import render_digest, render_html, render_json, render_text, template_dir
from kcdiff.render.view import (
    SHORT_PARAGRAPH,
    SHORT_RUN,
    movement,
    period_label,
    redline_runs,
    view_of,
)

SCHEMA = Path(__file__).resolve().parent.parent / "kcdiff" / "report-v1.schema.json"
SNAPSHOT = Path(__file__).resolve().parent / "snapshots" / "sample-pair.json"


@pytest.fixture(scope="module")
def report(interim_path, annual_path):
    return compare_files(interim_path, annual_path)


@pytest.fixture(scope="module")
def html(report):
    return render_html(report)


def test_json_follows_the_published_schema(report):
    document = json.loads(render_json(report))
    jsonschema.validate(document, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert document["schema"] == "kcdiff/report-v1"
    assert set(document["summary"]) >= {"sections_added", "sections_removed", "sections_changed",
                                        "figures_changed", "board_changes", "checks"}


def test_json_snapshot_of_the_sample_pair(report):
    """Regenerate deliberately with KCDIFF_UPDATE_SNAPSHOT=1 and review the diff."""
    document = json.loads(render_json(report))
    document["old"]["path"] = Path(document["old"]["path"]).name
    document["new"]["path"] = Path(document["new"]["path"]).name
    rendered = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    if os.environ.get("KCDIFF_UPDATE_SNAPSHOT"):
        SNAPSHOT.write_text(rendered, encoding="utf-8")
    assert rendered == SNAPSHOT.read_text(encoding="utf-8")


def test_html_is_self_contained_and_readable_without_scripts(html):
    assert "<script" not in html.lower()
    assert "http://" not in html and "https://" not in html.replace("www.hkexnews.hk", "")
    assert "SCOPE OF WORK OF THE AUDITOR" in html
    assert "<del" in html and "<ins" in html
    assert 'class="routine"' in html  # folded period roll-forwards


def test_filing_text_is_escaped_in_html(tmp_path):
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    old.write_text("RESULTS ANNOUNCEMENT\n\nBUSINESS REVIEW\n\nRevenue grew.\n", encoding="utf-8")
    new.write_text('RESULTS ANNOUNCEMENT\n\nBUSINESS REVIEW\n\nRevenue grew <script>alert("x")'
                   "</script> & <b>fell</b>.\n\nNEW <img src=x onerror=alert(1)> SECTION\n\n"
                   "Text.\n", encoding="utf-8")
    html = render_html(compare_files(old, new))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x" in html


def test_templates_are_found_in_a_checkout():
    assert (template_dir() / "report.html").is_file()


# --- the order of attention, the change map, routine edits folded visibly ----------------


def test_html_puts_what_to_act_on_first_and_reading_problems_last(html):
    order = ['id="map"', 'id="board"', 'id="figures"', 'id="wording"', 'id="checks"']
    assert [html.index(mark) for mark in order] == sorted(html.index(mark) for mark in order)
    # Five tables of the interim could not be read: one closed fold with their count.
    checks = html[html.index('id="checks"'):]
    assert "<details class=\"reading\"><summary>5 parts of the filings could not be read" in checks
    assert "1 (01 2(1" in checks.split("</summary>")[1]  # still there, inside the fold


def test_change_map_has_one_linked_bar_per_section_in_reading_order(report, html):
    the_map = html[html.index('id="map"'):html.index("</table>\n", html.index('id="map"'))]
    # In the annual, note 5 TAXATION, its (a) and "Cayman Islands" read as in the interim:
    # a run of unchanged sections is one muted row.
    assert "3 unchanged: 5. TAXATION; (a) Enterprise income tax; Cayman Islands" in the_map
    # Each changed section links to its place in the report, which exists.
    links = [href for href in re.findall(r'<a href="#(s\d+)"', the_map)]
    assert len(links) == len(report.sections) - report.summary.sections_unchanged
    assert all(f'id="{anchor}"' in html for anchor in links)
    # The interim's "RESIGNATION OF JOINT COMPANY SECRETARY" is gone from the annual: red.
    removed = the_map.split("RESIGNATION OF JOINT COMPANY SECRETARY")[1].split("</tr>")[0]
    assert "background:#c92a2a" in removed and "width:100%" in removed


def test_a_run_of_two_unchanged_sections_is_one_map_row_one_alone_stays():
    from kcdiff.model import FilingSummary, Report, Summary

    def rows(*statuses):
        sections = tuple(SectionDiff(status, "notes", f"S{i}", f"S{i}", 1.0)
                         for i, status in enumerate(statuses))
        filing = FilingSummary("a.txt", "", "", "", "")
        view = view_of(Report(filing, filing, Summary(0, 0, 0, 0, 0, 0), sections))
        return [len(row.unchanged) or row.section.diff.title for row in view.map]

    assert rows("added", "unchanged", "added") == ["S0", "S1", "S2"]
    assert rows("added", "unchanged", "unchanged", "removed") == ["S0", 2, "S3"]
    assert rows("unchanged", "unchanged", "unchanged") == [3]


def test_routine_edits_are_visible_without_hover(html):
    # "As of June 30, 2023" (interim) became "As of December 31, 2024" (annual) and
    # nothing else changed in Contingent Liabilities: one line, old and new both shown.
    line = html.split("<strong>Contingent Liabilities</strong>")[1].split("</div>\n</div>")[0]
    assert "<del>June 30, 2023</del> → <ins>December 31, 2024</ins>" in line
    body = re.sub(r'title="[^"]*"', "", html.split("</style>")[1])
    assert "hover" not in body and ":hover" not in html
    # 7. DIVIDENDS: "six months ended June 30, 2023 and 2022" -> "years ended December 31,
    # 2023 and 2024"; both folds listed on its one line.
    dividends = html.split("<strong>7. DIVIDENDS</strong>")[1].split("</div>\n</div>")[0]
    assert "<del>six months ended June 30</del> → <ins>years ended December 31</ins>" in dividends


def test_a_run_of_short_whole_paragraphs_is_one_compact_paragraph():
    def inserted(length):
        return RedlineParagraph("inserted", (Span("insert", "x" * length, 0),))

    equal = RedlineParagraph("equal", (Span("equal", "Revenue grew."),))

    def runs(*paragraphs):
        diff = SectionDiff("changed", "cover", "A", "A", 0.5, redline=paragraphs)
        return [len(run) for run in redline_runs(diff)]

    assert runs(*[inserted(SHORT_PARAGRAPH)] * SHORT_RUN) == [SHORT_RUN]
    assert runs(*[inserted(SHORT_PARAGRAPH)] * (SHORT_RUN - 1)) == [1] * (SHORT_RUN - 1)
    long_one = [inserted(SHORT_PARAGRAPH)] * (SHORT_RUN - 1) + [inserted(SHORT_PARAGRAPH + 1)]
    assert runs(*long_one) == [1] * SHORT_RUN
    assert runs(equal, equal, inserted(10), equal) == [2, 1, 1]


@pytest.mark.parametrize(("diff", "kind"), [
    (SectionDiff("added", "notes", "", "A", 0.0), "added"),
    (SectionDiff("removed", "notes", "A", "", 0.0), "removed"),
    (SectionDiff("unchanged", "notes", "A", "A", 1.0), "unchanged"),
    (SectionDiff("changed", "notes", "A", "A", 0.9, edits=(Edit("replace", "a", "b"),)),
     "reworded"),
    (SectionDiff("changed", "notes", "A", "A", 0.9, edits=(Edit("replace", "a", "b", True),),
                 tables_changed=True), "figures"),
    (SectionDiff("changed", "notes", "A", "A", 0.9, edits=(Edit("replace", "a", "b", True),)),
     "routine"),
    (SectionDiff("changed", "notes", "A", "A", 0.9), "changed"),
])
def test_each_kind_of_section_change(diff, kind):
    from kcdiff.model import FilingSummary, Report, Summary

    filing = FilingSummary("a.txt", "", "", "", "")
    view = view_of(Report(filing, filing, Summary(0, 0, 1, 0, 0, 0), (diff,)))
    assert view.sections[0].kind == kind
    assert view.sections[0].bar_percent == (0 if kind == "unchanged" else
                                            100 if kind in ("added", "removed") else 10)


# --- figures: periods in the header, direction unambiguous for costs and losses ----------


@pytest.mark.parametrize(("old", "new", "expected"), [
    (-1000.0, -1500.0, ("larger by 500 (+50.0%)", "up")),  # a cost or loss that grew
    (-1500.0, -1000.0, ("smaller by 500 (-33.3%)", "down")),
    (1000.0, 1500.0, ("larger by 500 (+50.0%)", "up")),
    (-100.0, 50.0, ("+150, turned positive", "up")),
    (100.0, -50.0, ("−150, turned negative", "down")),
    (0.0, 5.0, ("+5, from nil", "up")),
    (5.0, 0.0, ("−5, to nil", "down")),
    (7.0, 7.0, ("same", "")),
    (None, 7.0, ("", "")),
])
def test_movement_says_larger_or_smaller_whatever_the_sign(old, new, expected):
    assert movement(old, new) == expected


@pytest.mark.parametrize(("start", "end", "printed", "expected"), [
    ("2023-01-01", "2023-06-30", "", "6 months to 30 Jun 2023"),
    ("2024-01-01", "2024-12-31", "", "year to 31 Dec 2024"),
    ("", "2024-12-31", "", "at 31 Dec 2024"),
    ("2024-01-15", "2024-12-31", "", "15 Jan 2024 to 31 Dec 2024"),
    ("", "", "as printed", "as printed"),
    ("", "", "six months ended 2023-06-30", "six months ended 30 Jun 2023"),
    ("", "", "as at 2023-02-30", "as at 2023-02-30"),  # not a date: left alone
])
def test_period_labels_from_dates(start, end, printed, expected):
    assert period_label(start, end, printed) == expected


def test_figures_header_row_names_the_two_periods_compared():
    from kcdiff.model import FilingSummary, Report, Summary

    figure = FigureChange("changed", "INCOME STATEMENT", "Revenue", "six months ended 2024-06-30",
                          "six months ended 2023-06-30", 100.0, 120.0, "RMB'000",
                          period_start="2024-01-01", period_end="2024-06-30",
                          old_period_start="2023-01-01", old_period_end="2023-06-30")
    filing = FilingSummary("a.txt", "", "", "", "")
    html = render_html(Report(filing, filing, Summary(0, 0, 0, 1, 0, 0), (), figures=(figure,)))
    header = html.split("<h3>INCOME STATEMENT</h3>")[1].split("</tr>")[0]
    assert '<th class="num period">6 months to 30 Jun 2023</th>' in header
    assert '<th class="num period">6 months to 30 Jun 2024</th>' in header
    # One unit for the whole table: named once in the header, no Unit column.
    assert "<th>Item <span class=\"unit\">(RMB&#39;000)</span></th>" in header
    assert "<th>Unit</th>" not in header
    per_share = replace(figure, item="Loss per share", unit="RMB")
    html = render_html(Report(filing, filing, Summary(0, 0, 0, 2, 0, 0), (),
                              figures=(figure, per_share)))
    assert "<th>Unit</th>" in html.split("<h3>INCOME STATEMENT</h3>")[1].split("</tr>")[0]


# --- the text summary, the e-mail digest ---------------------------------------------------


def test_text_summary_lists_sections_figures_and_board(report):
    text = render_text(report)
    s = report.summary
    assert f"Sections: {s.sections_added} added, {s.sections_removed} removed" in text
    assert "  removed       RESIGNATION OF JOINT COMPANY SECRETARY" in text
    assert "  joined: Feng Honghua\n" in text and "  left: Qiu Ruiheng\n" in text
    # Net cash used in investing activities, the annual's own years (the interim's six
    # months are no like period): (673,186) in 2023, (3,620,445) in 2024, a larger outflow.
    moves = text.split("Largest figure moves:\n")[1]
    assert "  Net cash used in investing activities  [" in moves
    assert "\n      (673,186) -> (3,620,445) RMB'000, larger by 2,947,259 (+437.8%)\n" in moves
    assert "  routine only    Contingent Liabilities" in text
    assert text.count("| ") == len(report.sections) - s.sections_unchanged


def test_digest_is_small_inline_styled_and_carries_the_map(report):
    digest = render_digest(report)
    assert len(digest.encode("utf-8")) <= 100_000
    assert "<style" not in digest and "class=\"map\"" in digest
    assert "Feng Honghua" in digest and "Qiu Ruiheng" in digest
    assert "<details" not in digest and 'href="#' not in digest


def test_the_email_body_is_the_digest_and_the_report_is_attached(report):
    import email
    import email.policy

    from kcdiff.service.mail import MailSettings, compose

    raw = compose(report, MailSettings(), message_id="<a.b@kcdiff>",
                  attachment_name="kcdiff-interim--annual.html").as_bytes()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert len(message["Subject"]) <= 150
    assert message["Subject"].startswith("kcdiff: Kingsoft Cloud Holdings Limited (3896): ")
    alternative, attachment = message.iter_parts()
    text, body = alternative.iter_parts()
    html = body.get_content()
    assert body.get_content_type() == "text/html" and len(html.encode("utf-8")) <= 100_000
    # Readable with every <style> block stripped: there is none; the map's colours and
    # the bars' lengths are on the elements themselves.
    assert re.sub(r"<style.*?</style>", "", html, flags=re.S) == html
    assert "background:#c92a2a" in html and "Where the filing changed" in html
    assert "left</strong>: Qiu Ruiheng" in html and "joined</strong>: Feng Honghua" in html
    assert "RESIGNATION OF JOINT COMPANY SECRETARY" in text.get_content()
    assert attachment.get_filename() == "kcdiff-interim--annual.html"
    full = attachment.get_content()
    assert 'id="wording"' in full and "SCOPE OF WORK OF THE AUDITOR" in full


def test_digest_map_of_a_long_filing_keeps_only_changed_sections():
    from kcdiff.model import FilingSummary, Report, Summary

    def view(count):
        sections = tuple(SectionDiff("added" if i % 2 else "unchanged", "notes", f"S{i}",
                                     f"S{i}", 1.0) for i in range(count))
        filing = FilingSummary("a.txt", "", "", "", "")
        return view_of(Report(filing, filing, Summary(0, 0, 0, 0, 0, 0), sections))

    rows, left_out = view(6).digest_map(limit=6)  # 6 rows: every one shown
    assert len(rows) == 6 and left_out == 0
    rows, left_out = view(8).digest_map(limit=6)  # 8 rows, 4 changed: only those
    assert [row.section.diff.title for row in rows] == ["S1", "S3", "S5", "S7"]
    assert left_out == 0
    rows, left_out = view(16).digest_map(limit=6)  # 8 changed: 6 shown, 2 left out
    assert len(rows) == 6 and left_out == 2


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF CASH FLOWS", 36,
     "…STATEMENTS OF CASH FLOWS"),  # from a whole word, never "…NSOLIDATED"
    ("BALANCE SHEETS", 14, "BALANCE SHEETS"),
    ("BALANCE  SHEETS", 14, "BALANCE SHEETS"),
    ("THE BALANCE SHEETS", 14, "…SHEETS"),
])
def test_tail_keeps_the_end_of_a_statement_name(text, limit, expected):
    from kcdiff.render.view import tail

    assert tail(text, limit) == expected and len(tail(text, limit)) <= limit


def test_filing_text_is_escaped_in_the_digest(tmp_path):
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    old.write_text("RESULTS ANNOUNCEMENT\n\nBUSINESS REVIEW\n\nRevenue grew.\n", encoding="utf-8")
    new.write_text("RESULTS ANNOUNCEMENT\n\nBUSINESS REVIEW\n\nRevenue grew.\n\n"
                   "NEW <IMG SRC=X ONERROR=ALERT(1)> SECTION\n\nText.\n", encoding="utf-8")
    report = compare_files(old, new)
    assert "NEW <IMG SRC=X ONERROR=ALERT(1)> SECTION" in [s.title for s in report.sections]
    digest = render_digest(report)
    assert "<IMG" not in digest and "&lt;IMG SRC=X" in digest


def test_a_board_not_compared_lists_no_director_as_unchanged(report):
    # The old board named in English, the new in Chinese (Anxin's interim results of 30
    # August 2010 and their Chinese version): the board stage compared nothing, so no
    # director is "unchanged"; the report says the boards were not compared.
    from kcdiff.model import Check, Director

    english = (Director("Zhong Houtai", ("executive",)), Director("Lin Supeng", ("executive",)))
    chinese = (Director("鍾厚泰", ("executive",)), Director("林蘇鵬", ("executive",)))
    note = Check("board_not_compared", "info", "board statement",
                 "the two filings name the directors in different languages (latin and "
                 "chinese); names are matched within one language only, so the boards are "
                 "not compared")
    apart = replace(report, old_board=english, new_board=chinese, board=(), officers=(),
                    checks=(*report.checks, note))
    html = render_html(apart)
    assert 'class="badge badge-unchanged"' not in html and "鍾厚泰" not in html
    assert "The boards are not compared" in html
    # Compared boards still list every director of the new board.
    same = replace(report, old_board=english, new_board=english, board=(), officers=())
    assert render_html(same).count('class="badge badge-unchanged"') == 2
