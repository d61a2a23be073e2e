"""figures: tables and their periods, line items compared across filings, consistency checks.

``tables`` (with ``headers``, ``labels``, ``values``, ``periods``) reads a filing's tables;
``compare`` aligns line items and reports restated, changed, added and removed figures
(``figure_notes``: what it could not compare, and why);
``checks`` (with ``prose``) checks each filing's arithmetic.
"""

from .checks import check_filing
from .compare import compare_figures, figure_notes
from .tables import read_tables

__all__ = ["read_tables", "compare_figures", "figure_notes", "check_filing"]
