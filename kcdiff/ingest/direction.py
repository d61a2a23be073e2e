"""Lines of a PDF that declares itself read right to left, put back in reading order.

A PDF's ``/ViewerPreferences /Direction /R2L`` says how a viewer should turn its pages
(a traditional Chinese book binds on the right). PDFium also takes it as the direction of
the text: it lays out every line of such a document as right-to-left text, by the Unicode
bidirectional algorithm, before handing it out. Chinese and English stay left to right
within each run of letters, but the runs come out in reverse order and the punctuation
PDFium met before the line's first letter is mirrored: "季昌群先生（主席兼首席執行官)"
comes out as "(主席兼首席執行官（季昌群先生", a table row as its figures, then its note,
then its label. Fullshare's Chinese reports are printed so.

The characters keep their positions on the page, so the reading order is recovered from
them: the line's characters sorted left to right, and the brackets PDFium mirrored turned
back (PDFium's ``CPDF_TextPage::CloseTempLine``: neutral characters are mirrored while
the line's direction is still right to left, that is until the first left-to-right
letter or a right-to-left one).
"""

from __future__ import annotations

import ctypes
import unicodedata
from collections.abc import Sequence

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

__all__ = ["declares_right_to_left", "reading_order"]

# Pairs of Unicode's Bidi_Mirroring_Glyph (BidiMirroring.txt) for the brackets a
# filing prints: ASCII, typographic, CJK and full-width forms.
_PAIRS = ("()", "[]", "{}", "<>", "«»", "‹›", "⁅⁆", "⁽⁾", "₍₎", "〈〉", "《》", "「」",
          "『』", "【】", "〔〕", "〖〗", "〘〙", "〚〛", "（）", "［］", "｛｝", "＜＞",
          "｟｠", "｢｣")
_MIRROR = {a: b for pair in _PAIRS for a, b in (pair, pair[::-1])}
_LEFT_TO_RIGHT, _RIGHT_TO_LEFT = {"L"}, {"R", "AL"}


def declares_right_to_left(document: pdfium.PdfDocument) -> bool:
    """Whether the document's viewer preferences set its direction right to left."""
    value = ctypes.create_string_buffer(8)
    size = pdfium_c.FPDF_VIEWERREF_GetName(document.raw, b"Direction", value, len(value))
    return 0 < size <= len(value) and value.value == b"R2L"


def reading_order(text: str, chars: Sequence[int], lefts: Sequence[float]
                  ) -> tuple[str, list[int]]:
    """``text``, one line as PDFium gave it, in reading order, with the page's character
    index of each of its characters (``chars`` are those of ``text`` as given);
    ``lefts`` are the left edges of ``text``'s characters. A blank with the left edge of a
    letter goes before it (a zero-width space PDFium made up ends where the letter
    starts)."""
    mirrored = _mirrored(text)
    # The sort keys built in one pass (a key function per character cost more than sorting).
    keys = list(zip(lefts, [not char.isspace() for char in text], strict=True))
    order = sorted(range(len(text)), key=keys.__getitem__)
    reordered = "".join(_MIRROR.get(text[k], text[k]) if k in mirrored else text[k]
                        for k in order)
    return reordered, [chars[k] for k in order]


def _mirrored(text: str) -> set[int]:
    """The positions of the brackets PDFium mirrored: neutral characters met while the
    line still ran right to left (before its first left-to-right letter, or after a
    right-to-left one); digits change nothing (PDFium's weak left-to-right)."""
    mirrored = set()
    right_to_left = True
    for position, char in enumerate(text):
        direction = unicodedata.bidirectional(char)
        if direction in _LEFT_TO_RIGHT:
            right_to_left = False
        elif direction in _RIGHT_TO_LEFT:
            right_to_left = True
        elif right_to_left and char in _MIRROR:
            mirrored.add(position)
    return mirrored
