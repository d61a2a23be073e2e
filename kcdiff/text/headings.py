"""A heading printed again over the part of a section a page break carried on:
"SUMMARY OF SIGNIFICANT ACCOUNTING POLICIES (continued)", "主要會計政策摘要（續)"."""

from __future__ import annotations

import re

__all__ = ["uncontinued"]

_CONTINUED = re.compile(r"\s*[(（]\s*(?:continued|cont'd|續)\s*[)）]\s*$", re.IGNORECASE)


def uncontinued(title: str) -> str:
    """``title`` without its "(continued)" mark."""
    return _CONTINUED.sub("", title)
