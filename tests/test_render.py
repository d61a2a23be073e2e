"""The report model rendered: JSON against its schema and snapshot, HTML escaped."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from kcdiff.compare import compare_files
from kcdiff.render import render_html, render_json, render_text, template_dir

SCHEMA = Path(__file__).resolve().parent.parent / "kcdiff" / "report-v1.schema.json"
SNAPSHOT = Path(__file__).resolve().parent / "snapshots" / "sample-pair.json"


@pytest.fixture(scope="module")
def report(interim_path, annual_path):
    return compare_files(interim_path, annual_path)


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


def test_html_is_self_contained_and_readable_without_scripts(report):
    html = render_html(report)
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


def test_text_summary_names_the_counts(report):
    text = render_text(report)
    s = report.summary
    assert f"Sections: {s.sections_added} added, {s.sections_removed} removed" in text
    assert "removed   RESIGNATION OF JOINT COMPANY SECRETARY" in text


def test_templates_are_found_in_a_checkout():
    assert (template_dir() / "report.html").is_file()
