"""The boxes and type of single characters of a PDF page, read through PDFium's C API.

kcdiff reads a dozen characters of every text line: the ends of the line, the edges of
each word (a wider gap splits table cells) and the type of the first letter. Through
pypdfium2's ``get_charbox`` each read allocated four doubles, and every pointer argument
went through ctypes' type checks: the calls cost more than PDFium's work. Here each
function is called through a prototype without argument types, with the page and the
buffers (allocated once per page) as ready-made ctypes pointers: with declared pointer
types ctypes built a new pointer object from a plain address for every argument of every
call (the box of one glyph cost 1.9 us, 0.9 us so). The values are the ones pypdfium2
returns.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Callable, Iterable
from ctypes import c_double, c_int, c_ulong, c_void_p

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

__all__ = ["Glyphs"]

_BOLD_WEIGHT = 600
_FONT_NAME_BYTES = 96
_NAME_BYTES = c_ulong(_FONT_NAME_BYTES)  # FPDFText_GetFontInfo's buflen


def _untyped(function: Callable, restype: type) -> Callable:
    """PDFium's ``function`` with no argument types declared: ctypes passes a ctypes object
    as it is and a Python int as a C ``int``, so each argument must be one of those of the
    parameter's C type (the page as ``c_void_p``, a buffer by ``byref``, an unsigned long
    as ``c_ulong``; a character index, a C ``int``, as a Python int)."""
    address = ctypes.cast(function, c_void_p).value
    return ctypes.CFUNCTYPE(restype)(address)


_CHAR_BOX = _untyped(pdfium_c.FPDFText_GetCharBox, c_int)
_LOOSE_BOX = _untyped(pdfium_c.FPDFText_GetLooseCharBox, c_int)
_MATRIX = _untyped(pdfium_c.FPDFText_GetMatrix, c_int)
_FONT_SIZE = _untyped(pdfium_c.FPDFText_GetFontSize, c_double)
_FONT_WEIGHT = _untyped(pdfium_c.FPDFText_GetFontWeight, c_int)
_FONT_INFO = _untyped(pdfium_c.FPDFText_GetFontInfo, c_ulong)


class Glyphs:
    """The characters of one text page (which must stay open while this is used)."""

    def __init__(self, textpage: pdfium.PdfTextPage) -> None:
        self._page = ctypes.cast(textpage.raw, c_void_p)
        self._edges = (c_double * 4)()  # left, right, bottom, top: FPDFText_GetCharBox's order
        self._edge_addresses = tuple(ctypes.byref(self._edges, 8 * k) for k in range(4))
        self._rect = pdfium_c.FS_RECTF()
        self._rect_address = ctypes.byref(self._rect)
        self._matrix = pdfium_c.FS_MATRIX()
        self._matrix_address = ctypes.byref(self._matrix)
        self._name = ctypes.create_string_buffer(_FONT_NAME_BYTES)
        self._name_address = ctypes.byref(self._name)

    def box(self, index: int) -> tuple[float, float, float, float]:
        """Left, bottom, right, top of the glyph's own outline (``get_charbox(index)``)."""
        if not _CHAR_BOX(self._page, index, *self._edge_addresses):
            raise pdfium.PdfiumError("Failed to get charbox.")
        left, right, bottom, top = self._edges
        return left, bottom, right, top

    def gap(self, before: int, after: int) -> float:
        """From the right edge of character ``before`` to the left edge of ``after``
        (glyph outlines): one call where a word boundary is measured on every table row."""
        edges, addresses = self._edges, self._edge_addresses
        if not (_CHAR_BOX(self._page, after, *addresses)):
            raise pdfium.PdfiumError("Failed to get charbox.")
        left = edges[0]
        if not (_CHAR_BOX(self._page, before, *addresses)):
            raise pdfium.PdfiumError("Failed to get charbox.")
        return left - edges[1]

    def loose_box(self, index: int) -> tuple[float, float, float, float]:
        """Left, bottom, right, top of the character's whole line height and advance
        (``get_charbox(index, loose=True)``)."""
        rect = self._rect
        if not _LOOSE_BOX(self._page, index, self._rect_address):
            raise pdfium.PdfiumError("Failed to get charbox.")
        return rect.left, rect.bottom, rect.right, rect.top

    def lefts(self, indexes: Iterable[int]) -> list[float]:
        """The loose left edge (``loose_box(index)[0]``) of each character of ``indexes``:
        a line laid out right to left is sorted by its characters' edges, and one loop here
        costs half as much as a call of ``loose_box`` for each."""
        page, rect, address = self._page, self._rect, self._rect_address
        edges = []
        for index in indexes:
            if not _LOOSE_BOX(page, index, address):
                raise pdfium.PdfiumError("Failed to get charbox.")
            edges.append(rect.left)
        return edges

    def typography(self, index: int) -> tuple[float, bool]:
        """The size in points at which character ``index`` is drawn and whether its font
        is bold. The font size alone is not the size on the page: many printers set 1 pt
        type and scale it with the text matrix, so the size is the font size times the
        matrix's vertical scale. Weight is often missing (0) or wrong (400 for
        "MSungHK-Bold"): the font's name says bold too."""
        scale = 1.0
        if _MATRIX(self._page, index, self._matrix_address):
            scale = math.hypot(self._matrix.c, self._matrix.d) or 1.0
        size = round(_FONT_SIZE(self._page, index) * scale, 1)
        if _FONT_WEIGHT(self._page, index) >= _BOLD_WEIGHT:
            return size, True
        needed = _FONT_INFO(self._page, index, self._name_address, _NAME_BYTES, None)
        # PDFium writes the name only when it fits; the buffer may hold an earlier one.
        name = self._name.value if 0 < needed <= _FONT_NAME_BYTES else b""
        return size, b"bold" in name.lower()
