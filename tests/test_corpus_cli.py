"""Real corpus pairs through ``kcdiff diff``, in-process; bad PDFs refused on the command
line. The sweep of every MANIFEST pair is a benchmark (``benchmarks/figure_sweep.py``,
``benchmarks/pair_times.py``): what a pair must report is asserted by the truth-set,
figures and board tests, not by "some section exists"."""

from __future__ import annotations

import json

import pytest

from kcdiff.cli import main


def test_anxin_consecutive_results_align_their_sections(corpus, tmp_path, capsys):
    anxin = corpus / "hkex_anxin-china_1149/en"
    target = tmp_path / "report.json"
    code = main(["diff", str(anxin / "2010-08-30_interim-results_en.pdf"),
                 str(anxin / "2011-03-30_annual-results_en.pdf"), "-o", str(target)])
    capsys.readouterr()
    assert code == 1
    sections = json.loads(target.read_text(encoding="utf-8"))["sections"]
    paired = {s["new_title"] for s in sections if s["old_title"] and s["new_title"]}
    assert {"MANAGEMENT DISCUSSION AND ANALYSIS", "AUDIT COMMITTEE",
            "MODEL CODE FOR SECURITIES TRANSACTIONS BY DIRECTORS"} <= paired


@pytest.mark.parametrize("damage", ["truncated", "corrupt"])
def test_damaged_pdf_is_one_line_exit_2_and_no_output(corpus, tmp_path, capsys, damage):
    good = corpus / "hkex_anxin-china_1149/en/2008-09-17_interim-results_en.pdf"
    bad = tmp_path / f"{damage}.pdf"
    data = good.read_bytes()
    bad.write_bytes(data[: len(data) // 3] if damage == "truncated"
                    else b"%PDF-1.4\n" + b"\x00junk" * 500 + b"\n%%EOF\n")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code = main(["diff", str(good), str(bad), "-o", str(out_dir / "report.html")])
    captured = capsys.readouterr()
    assert code == 2
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"kcdiff: error: {bad}: ")
    assert "PDF is" in lines[0] and "Traceback" not in captured.err
    assert list(out_dir.iterdir()) == []
