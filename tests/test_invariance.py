"""Re-extraction noise is not a change: the same filing with its blanks laid out otherwise
(what another PDF-to-text tool, an editor or a mail system gives) reports nothing."""

from __future__ import annotations

import random
import re
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kcdiff.cli import main
from kcdiff.compare import compare
from kcdiff.ingest import parse_text
from kcdiff.ingest.metadata import meta_of
from kcdiff.text.normalize import comparable

_TRAILING = ("", " ", "\t", " \t", "\t\t", "  \t ")
_LEADING = ("", " ", "  ")


def _filing(text: str, path: str):
    filing = parse_text(text, path)
    return replace(filing, meta=meta_of(filing.blocks))


@pytest.fixture(scope="module")
def samples(interim_path, annual_path):
    """Each sample's text and its filing, read once."""
    return {
        path.name: (text, _filing(text, str(path)))
        for path in (interim_path, annual_path)
        for text in [path.read_text(encoding="utf-8")]
    }


def rerendered(text: str, seed: int) -> str:
    """``text`` with only its blanks changed, line by line: trailing blanks and tabs
    replaced, leading blanks added or removed, runs of spaces doubled, paragraph lines
    wrapped at a space, CRLF line ends. Tabs between cells stay tabs (a leading tab is an
    empty label cell, so it is structure, not noise)."""
    chooser = random.Random(seed)
    lines = []
    for chunk in re.split(r"\n[ \t]*\n", text):
        tabless = "\t" not in chunk
        for line in chunk.split("\n"):
            body = line.rstrip(" \t")
            if not body.startswith("\t"):
                body = body.lstrip(" ")
            if chooser.random() < 0.3:
                body = body.replace(" ", "  ")
            pieces = [body]
            space = body.find(" ", len(body) // 2)
            if tabless and space > 0 and chooser.random() < 0.2 and _wrappable(body, space):
                pieces = [body[:space], body[space + 1:]]
            for piece in pieces:
                lead = "" if piece.startswith("\t") else chooser.choice(_LEADING)
                lines.append(lead + piece + chooser.choice(_TRAILING))
        lines.append(chooser.choice(("", " ", "\t")))
    ending = "\r\n" if chooser.random() < 0.5 else "\n"
    return ending.join(lines)


def _wrappable(line: str, space: int) -> bool:
    """A wrap that a reader would not see: the second half does not look like a bullet."""
    rest = line[space + 1:].lstrip()
    return bool(rest) and rest[0] not in "-*\u2022\u25cf\u25aa\u00b7"


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
@pytest.mark.parametrize("name", ["kingsoft-cloud-2023-interim.txt",
                                  "kingsoft-cloud-2024-annual.txt"])
def test_whitespace_only_rerendering_reports_nothing(samples, name, seed):
    text, filing = samples[name]
    noisy = rerendered(text, seed)
    assert noisy != text
    report = compare(filing, _filing(noisy, name))
    assert {d.status for d in report.sections} == {"unchanged"}
    assert not any(d.edits for d in report.sections)
    assert not report.figures and not report.board and not report.officers
    assert not report.has_differences


def test_trailing_tabs_stripped_from_every_line_report_nothing(samples):
    # What another extractor gives: the interim's rows lose their trailing empty cells and
    # its row labels ("Current assets:\t\t\t\t") lose all their tabs.
    text, filing = samples["kingsoft-cloud-2023-interim.txt"]
    stripped = "\n".join(line.rstrip(" \t") for line in text.split("\n"))
    assert stripped.count("\t") < text.count("\t")
    report = compare(filing, _filing(stripped, "stripped.txt"))
    assert not report.has_differences and not report.figures


def test_row_label_without_tabs_stays_in_its_table(samples):
    text, _ = samples["kingsoft-cloud-2023-interim.txt"]
    stripped = "\n".join(line.rstrip(" \t") for line in text.split("\n"))
    filing = _filing(stripped, "stripped.txt")
    balance = next(b for b in filing.blocks if b.kind == "table"
                   and ("Cash and cash equivalents", "", "3,419,166", "3,708,696", "511,453")
                   in b.rows)
    labels = [row[0] for row in balance.rows]
    assert labels.index("ASSETS") < labels.index("Current assets:") < labels.index(
        "Cash and cash equivalents")


def test_spaced_out_chinese_is_the_same_text():
    assert comparable("廖 莉 萍") == comparable("廖莉萍") == "廖莉萍"
    assert comparable("董 事 會 主 席") == "董事會主席"
    # Spaces between Latin words, and between a Chinese and a Latin word, stay.
    assert comparable("Kingsoft Cloud 金山 雲") == "Kingsoft Cloud 金山雲"


def test_cli_exits_0_on_a_copy_stripped_of_trailing_tabs(tmp_path, interim_path, capsys):
    # The failure of issue 9: 5 changed sections and 54 changed figures before.
    copy = tmp_path / "stripped.txt"
    stripped = "\n".join(line.rstrip(" \t") for line in
                         interim_path.read_text(encoding="utf-8").split("\n"))
    copy.write_text(stripped, encoding="utf-8")
    assert main(["diff", str(interim_path), str(copy), "--format", "json"]) == 0
    capsys.readouterr()
