"""Reading a filing: path -> ``Filing`` (blocks in reading order, metadata, warnings).

The format is told by content, not by the file name: ``%PDF`` is a PDF, an HTML root or an
EDGAR submission wrapper is HTML, anything that decodes as text (UTF-8 with or without BOM,
UTF-16, GB18030, Big5, ... detected by charset-normalizer) is text. One reader per format
(``pdf``, ``html``, ``text``), one result type. Readers never
guess: a file that cannot be read raises an ``InputError`` naming the file and the problem.
Nothing is read from the network.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from dataclasses import replace
from pathlib import Path

from ..errors import InputError, UnsupportedFormat
from ..model import Filing
from .metadata import meta_of
from .text import parse_text

__all__ = [
    "read_filing", "parse_filing", "read_regular_file", "detect_format", "decode_text",
    "MAX_BYTES",
]

MAX_BYTES = 50 * 1024 * 1024
NOT_A_FILING = "not a PDF, HTML or text filing"

_HTML_START = re.compile(
    rb"^(?:\s|<\?xml[^>]*>|<!--.*?-->)*<(?:!doctype\s+html|html|head|body|document>"
    rb"|sec-document>)",
    re.IGNORECASE | re.DOTALL,
)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
         (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
# Text may hold tabs, line ends and form feeds; more other controls than this is binary.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_MAX_CONTROL_SHARE = 0.01


def read_filing(path: str | Path, max_bytes: int = MAX_BYTES) -> Filing:
    """Read the filing at ``path`` (PDF, HTML or text) with its metadata."""
    path = Path(path)
    return parse_filing(path, read_regular_file(path, max_bytes))


def parse_filing(path: str | Path, data: bytes) -> Filing:
    """The filing in ``data``, the bytes of the file at ``path`` (read once by the caller,
    so the watch service hashes, archives and compares the very same bytes)."""
    kind = detect_format(data)
    # Each reader is imported when a file needs it: pdfium and lxml cost more to load
    # than comparing two text filings takes.
    if kind == "pdf":
        from .pdf import read_pdf

        filing = read_pdf(str(path), data)
    elif kind == "html":
        from .html import read_html

        filing = read_html(str(path), data)
    else:
        filing = parse_text(decode_text(str(path), data), str(path))
    if not filing.blocks:
        raise InputError(str(path), "has no text to compare")
    return replace(filing, meta=meta_of(filing.blocks))


def read_regular_file(path: str | Path, max_bytes: int = MAX_BYTES, *,
                      follow_symlinks: bool = True) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``max_bytes``.

    Checked on the opened descriptor, not the name, so nothing can be swapped in between:
    a device (``/dev/zero`` reports size 0 and never ends), a FIFO (blocks forever), a
    folder or a socket is refused at once; so is a symbolic link when ``follow_symlinks``
    is false. The size is checked before reading, and reading stops one byte past the
    limit in case the file grows meanwhile."""
    path = Path(path)
    # O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if not follow_symlinks:
        flags |= os.O_NOFOLLOW
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        raise InputError(str(path), _open_problem(path, exc)) from exc
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise InputError(str(path), "is a directory, not a filing")
        if not stat.S_ISREG(status.st_mode):
            raise InputError(str(path), "is not a regular file (a device, FIFO or socket)")
        _check_size(path, status.st_size, max_bytes)
        data = _read_at_most(descriptor, max_bytes + 1)
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from exc
    finally:
        os.close(descriptor)
    if len(data) > max_bytes:  # it grew after the check
        raise InputError(str(path), f"file grew past the {max_bytes:,}-byte limit while read")
    if not data.strip():
        raise InputError(str(path), "file is empty")
    return data


def _open_problem(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "no such file"
    if exc.errno == errno.ELOOP:
        return "is a symbolic link; only regular files are read"
    if exc.errno == errno.EISDIR:
        return "is a directory, not a filing"
    return f"cannot be read ({exc.strerror or exc})"


def _check_size(path: Path, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise InputError(
            str(path), f"file is {size:,} bytes, over the {max_bytes:,}-byte limit; "
            "raise the limit if the file is really a filing"
        )


def _read_at_most(descriptor: int, limit: int) -> bytes:
    chunks, total = [], 0
    while total < limit:
        chunk = os.read(descriptor, min(limit - total, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def detect_format(data: bytes) -> str:
    """"pdf", "html" or "text" from the bytes themselves (magic numbers, markup roots)."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    head = data[:4096]
    for bom, _ in _BOMS[:1]:
        head = head.removeprefix(bom)
    if _HTML_START.match(head):
        return "html"
    return "text"


def decode_text(path: str, data: bytes) -> str:
    """The text of ``data``: BOM first, then UTF-8, then charset-normalizer's best guess;
    CRLF and CR line ends become LF. Binary content raises ``UnsupportedFormat``."""
    text = _decoded(path, data)
    if text is None or _looks_binary(text):
        raise UnsupportedFormat(path, NOT_A_FILING)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decoded(path: str, data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(path, f"text marked as {encoding} is not valid {encoding} "
                                       f"(byte {exc.start}); re-save it as UTF-8") from exc
    if b"\x00" not in data:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes  # only for text that is not UTF-8

    best = from_bytes(data[:200_000]).best()
    if best is None:
        return None
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _looks_binary(text: str) -> bool:
    sample = text[:100_000]
    controls = len(_CONTROL.findall(sample))
    return controls > _MAX_CONTROL_SHARE * max(len(sample), 1) or not sample.strip()
