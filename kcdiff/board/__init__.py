"""board: a filing's board part (HKEX board statement in English or Chinese, board-list
announcement, SEC signature block) read into directors and roles, and two boards compared;
officers (signatory, committees, secretaries) beside it."""

from .changes import board_checks, compare_boards
from .statement import BoardStatement, read_board

__all__ = ["BoardStatement", "read_board", "compare_boards", "board_checks"]
