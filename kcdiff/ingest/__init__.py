"""ingest: a file (PDF, HTML/iXBRL, text) into a ``Filing`` of blocks and metadata.

``source`` reads the bytes and tells the format; ``text``, ``html`` and ``pdf`` (with
``layout``) are the readers; ``metadata`` reads what a filing says about itself.
"""

from .source import (
    MAX_BYTES,
    decode_text,
    detect_format,
    parse_filing,
    read_filing,
    read_regular_file,
)
from .text import parse_text

__all__ = [
    "read_filing", "parse_filing", "read_regular_file", "parse_text", "detect_format",
    "decode_text", "MAX_BYTES",
]
