"""Which statement a title names: "CONDENSED CONSOLIDATED BALANCE SHEETS" the balance sheet,
"綜合現金流量表" the cash flow statement. Tables take their kind from it, and PDF reading
keeps a statement's title that a page repeats, since it opens a table there."""

from __future__ import annotations

import re

from .normalize import comparable

__all__ = ["statement_kind"]

_KINDS = (
    ("balance", re.compile(r"BALANCE SHEET|FINANCIAL POSITION|財務狀況表|資產負債表")),
    ("cash_flows", re.compile(r"CASH FLOW|現金流量表")),
    ("income", re.compile(
        r"COMPREHENSIVE (?:LOSS|INCOME)|INCOME STATEMENT|STATEMENTS? OF "
        r"OPERATIONS|STATEMENTS? OF INCOME|STATEMENTS? OF (?:LOSS|PROFIT)"
        r"|STATEMENTS? OF (?:\w+ )?EARNINGS"  # Home Depot's and P&G's income statement
        r"|全面收益表|全面收入表|損益表|損益及其他全面收益表|收益表")),
    ("highlights", re.compile(r"HIGHLIGHTS")),
    ("non_gaap", re.compile(r"NON-GAAP|NON GAAP")),
)


def statement_kind(caption: str) -> str:
    """The kind of statement ``caption`` names ("balance", "cash_flows", "income",
    "highlights" or "non_gaap"), or an empty string when it names none."""
    key = comparable(caption).upper()
    return next((kind for kind, pattern in _KINDS if pattern.search(key)), "")
