"""board: the board statement read into directors and roles, compared across filings;
officers (signatory, committees, secretaries) beside it."""

from .statement import BoardStatement, board_checks, compare_boards, read_board

__all__ = ["BoardStatement", "read_board", "compare_boards", "board_checks"]
