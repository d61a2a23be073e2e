"""Line-level helpers of PDF reading that were rewritten for speed: each must give the
answer its plain form gives."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kcdiff.ingest.layout import merge_signs, resolve_hyphens
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


@pytest.mark.parametrize("texts, expected", [
    # "Anxin" is spelt joined elsewhere: the broken word is joined.
    (["An\u00adxin-China Holdings", "Anxin's board"], {"An\u00adxin": "Anxin"}),
    # "nonexecutive" appears only inside a longer word: not a word of the document.
    (["non\u00adexecutive directors", "the nonexecutives"],
     {"non\u00adexecutive": "non-executive"}),
    # At the very start and end of the document, in another case.
    (["Turnover rose", "turn\u00adover", "TURNOVER"], {"turn\u00adover": "turnover"}),
    (["sub\u00adsidiary", "and subsidiary"], {"sub\u00adsidiary": "subsidiary"}),
    # Only the broken form itself: hyphenated.
    (["well\u00adknown"], {"well\u00adknown": "well-known"}),
    ([" no broken word"], {}),
])
def test_resolve_hyphens_joins_words_the_document_spells_joined(texts, expected):
    assert resolve_hyphens(texts) == expected


@given(st.lists(st.text(alphabet=st.sampled_from(list("ab_1 -\u00ad\nΣσİ")), max_size=12),
                max_size=5))
def test_resolve_hyphens_looks_words_up_as_a_list_of_all_words_would(texts):
    words = set(re.findall(r"\w+", "\n".join(texts).lower()))
    for broken, written in resolve_hyphens(texts).items():
        head, tail = broken.split("\u00ad")
        assert written == (head + tail if (head + tail).lower() in words else f"{head}-{tail}")


@pytest.mark.parametrize(("cells", "expected"), [
    # Intel's first-quarter 2023 earnings release, page 6: the next column's "$" is set
    # nearer the loss before it than a column gap, so it was read into that cell and the
    # loss, "$(0.66) $", was not a figure.
    (["Earnings (loss) per share attributable to Intel—diluted", "$(0.66) $", "1.98"],
     ["Earnings (loss) per share attributable to Intel—diluted", "$(0.66)", "$1.98"]),
    (["Net income (loss) attributable to Intel", "$(2,758) $", "8,113"],
     ["Net income (loss) attributable to Intel", "$(2,758)", "$8,113"]),
    # A sign set apart before its figure joins it, as before.
    (["Revenue", "$", "2,510"], ["Revenue", "$2,510"]),
    # A year is no amount; a sign at the end of the row has no cell to go to.
    (["", "2023 $", "2022"], ["", "2023 $", "2022"]),
    (["Total", "(65) $"], ["Total", "(65) $"]),
])
def test_a_currency_sign_after_an_amount_goes_with_the_next_figure(cells, expected):
    assert merge_signs(cells) == expected
