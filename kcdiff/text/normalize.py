"""How text is compared: the filing's own text is shown, its comparable form is diffed.

Two spellings that a reader would call the same text (curly or straight quotes, an en dash
or a hyphen, a non-breaking space, a soft hyphen, different runs of blanks) have the same
comparable form, so they never show as a change.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from .cjk import COMPATIBILITY, FULLWIDTH, IDEOGRAPHS, KANA, PUNCTUATION
from .lazy import lazy_pattern

__all__ = ["comparable", "comparable_token", "words", "word_count", "tokens", "token_pattern"]

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u3000": " ",
        "\u00ad": None,  # soft hyphen: a line-break hint, not a character
        "\u200b": None,
        "\ufeff": None,
    }
)

# The characters _TRANSLATE changes, found by one scan: str.translate looks every character
# of a text up in the table (~80 ns a character), and most paragraphs hold none of them.
_TO_PLAIN = re.compile("[" + "".join(re.escape(chr(code)) for code in _TRANSLATE) + "]")
# A blank between two CJK characters is letter-spacing ("廖 莉 萍") or a wrapped line
# joined with a space: Chinese puts no spaces between words.
_CJK_CHARS = IDEOGRAPHS + COMPATIBILITY + KANA + PUNCTUATION + FULLWIDTH
# The blank is matched first and the character before it checked behind it: a pattern that
# starts with a literal is searched for at C speed, one that starts with a look-behind is
# tried at every character. Same matches as "(?<=[CJK]) (?=[CJK])". Compiled on first
# use (~2.5 ms): only a text with CJK needs it.
_CJK_SPACE = lazy_pattern(f" (?<=[{_CJK_CHARS}] )(?=[{_CJK_CHARS}])")


def _token(cjk: str) -> str:
    """A token is a number (with its separators), a word, a single CJK character (Chinese
    has no spaces, so each character is a word for the diff), or one other visible
    character. ``cjk``: the ranges read a character a token."""
    single = f"|[{cjk}]" if cjk else ""
    return rf"\d[\d,.]*\d%?|\d%?{single}|[^\W\d_{cjk}]+(?:['\u2019][^\W\d_]+)*|\S"


# On ASCII text the CJK classes match nothing, so the grammar without them reads the
# same tokens, and an English filing never pays the ~3 ms their compiling costs.
_ASCII_TOKEN = re.compile(_token(""), re.UNICODE)


@cache
def _cjk_token() -> re.Pattern[str]:
    return re.compile(_token(IDEOGRAPHS + COMPATIBILITY + KANA), re.UNICODE)


def token_pattern(text: str) -> re.Pattern[str]:
    """The pattern that reads ``text``'s tokens (the same tokens whichever is chosen)."""
    return _ASCII_TOKEN if text.isascii() else _cjk_token()


def tokens(text: str) -> list[str]:
    """The tokens of ``text`` (not made comparable first)."""
    return token_pattern(text).findall(text)


@lru_cache(maxsize=1 << 16)
def comparable(text: str) -> str:
    """The form of ``text`` that comparisons use: NFKC, straight quotes, plain hyphens,
    no soft hyphens, single spaces, none between CJK characters, no leading or trailing
    blanks. Cached: every stage asks for the same paragraphs' forms."""
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():  # what _TRANSLATE changes, and CJK, is never ASCII
        text = _TO_PLAIN.sub(_plain, text)
    text = " ".join(text.split())  # = re.sub(r"\s+", " ", text).strip()
    # Every character of _CJK_CHARS is U+3000 or above: most texts are skipped at C speed.
    return _CJK_SPACE.sub("", text) if " " in text and max(text) >= "\u3000" else text


def _plain(match: re.Match[str]) -> str:
    return _TRANSLATE[ord(match.group())] or ""


@lru_cache(maxsize=1 << 16)
def comparable_token(token: str) -> str:
    return unicodedata.normalize("NFKC", token).translate(_TRANSLATE)


def words(text: str) -> list[str]:
    """The comparable tokens of ``text``."""
    return tokens(comparable(text))


@lru_cache(maxsize=1 << 16)
def word_count(text: str) -> int:
    return len(tokens(comparable(text)))
