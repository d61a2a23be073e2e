"""How a finding names a table and prints a figure; how far rounded figures may disagree."""

from __future__ import annotations

from .tables import Table

__all__ = ["where", "fmt", "rounding"]


def where(table: Table) -> str:
    if table.section.startswith(table.statement) or table.statement.startswith(table.section):
        return table.statement
    return f"{table.statement} ({table.section})"


def fmt(value: float, decimals: int = 0) -> str:
    text = f"{abs(value):,.{decimals}f}"
    return f"({text})" if value < 0 else text


def rounding(count: int, decimals: int) -> float:
    """How far a sum of ``count`` rounded figures may be from its rounded total."""
    return 0.5 * (count + 1) * 10 ** -decimals + 1e-9
