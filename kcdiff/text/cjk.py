"""CJK characters, one definition for every stage: the ranges of Chinese (and Japanese)
text that the readers, the segmenter, the metadata, the word tokens and the names are
built from. Ranges, for character classes ("[" + IDEOGRAPHS + "]"), and the one pattern
of ideograph runs that the segmenter and the metadata share; no I/O.
"""

from __future__ import annotations

from .lazy import lazy_pattern

__all__ = ["IDEOGRAPHS", "COMPATIBILITY", "KANA", "PUNCTUATION", "FULLWIDTH", "IDEOGRAPH_RUNS"]

IDEOGRAPHS = "\u3400-\u9fff"  # CJK Unified Ideographs, Extension A (and U+4DC0-4DFF)
COMPATIBILITY = "\uf900-\ufaff"  # CJK Compatibility Ideographs
KANA = "\u3040-\u30ff"  # hiragana and katakana
PUNCTUATION = "\u3000-\u303f"  # CJK symbols and punctuation: "、", "。", "「", the wide blank
FULLWIDTH = "\uff00-\uffef"  # halfwidth and fullwidth forms: "（", "：", "１"

# One pattern for both stages, compiled once and on first use: the class costs ~2 ms to
# compile, and ASCII text is answered without it.
IDEOGRAPH_RUNS = lazy_pattern(f"[{IDEOGRAPHS}]+")
