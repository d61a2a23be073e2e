"""Re-extraction noise is no change: the same announcement with its blanks, tabs and line
ends printed differently (what another PDF-to-text tool gives) reports nothing at all."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kcdiff.cli import main
from kcdiff.compare import compare
from kcdiff.ingest import parse_text

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
NAMES = ("kingsoft-cloud-2023-interim.txt", "kingsoft-cloud-2024-annual.txt")


def _lines(text: str, change) -> str:
    return "\n".join(change(line) for line in text.split("\n"))


# Each is what some extractor does to every line or to the whole text.
NOISE = {
    "strip trailing blanks and tabs": lambda text: _lines(text, lambda line: line.rstrip(" \t")),
    "trailing blanks": lambda text: _lines(text, lambda line: line + "  " if line else line),
    "trailing tab": lambda text: _lines(text, lambda line: line + "\t" if line.strip() else line),
    "leading blank": lambda text: _lines(text, lambda line: " " + line if line.strip() else line),
    "CRLF": lambda text: text.replace("\n", "\r\n"),
    "doubled spaces": lambda text: text.replace(" ", "  "),
}

_TEXTS = {name: (SAMPLES / name).read_text(encoding="utf-8") for name in NAMES}
_FILINGS = {name: parse_text(text, name) for name, text in _TEXTS.items()}


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(NAMES),
       noise=st.lists(st.sampled_from(sorted(NOISE)), min_size=1, max_size=3, unique=True))
def test_whitespace_only_reextraction_reports_nothing(name, noise):
    text = _TEXTS[name]
    for step in noise:
        text = NOISE[step](text)
    report = compare(_FILINGS[name], parse_text(text, "copy.txt"))
    assert not report.has_differences, (noise, report.summary)
    assert report.figures == ()


def test_cli_exits_0_on_a_copy_stripped_of_trailing_tabs(tmp_path, capsys):
    # The failure of issue 9: 5 changed sections and 54 changed figures before.
    name = NAMES[0]
    copy = tmp_path / "stripped.txt"
    copy.write_text(NOISE["strip trailing blanks and tabs"](_TEXTS[name]), encoding="utf-8")
    assert main(["diff", str(SAMPLES / name), str(copy), "--format", "json"]) == 0
    capsys.readouterr()
