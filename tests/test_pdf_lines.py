"""Line-level helpers of PDF reading that were rewritten for speed: each must give the
answer its plain form gives."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kcdiff.ingest.pdf import _NUMERIC_END, _maybe_row, unreadable_share

# The characters the row-end pattern cares about, with case-folding ones (ſ, ı, K), other
# letters, CJK and blanks.
_ROW_TEXT = st.text(alphabet=st.sampled_from(list(
    "0123456789,.()%$ \t\u00a0\u3000centsCENTSſıİKN/Aanil-–—xyzHK年二")), max_size=30)


@pytest.mark.parametrize("line, expected", [
    ("Turnover 5 277,060 204,018", True),
    ("Basic (5.2)%", True),
    ("Gross margin (12) %", True),
    ("Dividend per share HK20.49 cents", True),
    ("Dividend per share HK20.49 CENTS ", True),  # one trailing blank
    ("Impairment N/A", True),
    ("Bank borrowings nil", True),
    ("Other income –", True),
    ("The Board does not recommend the payment of a final dividend for the year", False),
    ("2023 年報", True),  # two words
    ("Revenue", False),
])
def test_maybe_row_reads_a_figure_at_the_end(line, expected):
    assert _maybe_row(line) is expected


@given(_ROW_TEXT)
def test_reversed_row_end_pattern_is_the_forward_one(text):
    forward = bool(_NUMERIC_END.search(text)) or 1 < len(text.split()) <= 8
    assert _maybe_row(text) is forward


@pytest.mark.parametrize("text, share", [
    ("", 0.0),
    ("Revenue 1,234", 0.0),
    ("ab\ue000 \ue001", 0.5),  # two private-use characters among four visible
    ("\ue000\u1680\x1c a", 0.5),  # the blanks U+1680 and U+001C are not visible
    ("\ufffd\ufffd", 1.0),
])
def test_unreadable_share(text, share):
    assert unreadable_share(text) == share
