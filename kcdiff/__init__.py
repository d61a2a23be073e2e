"""kcdiff: what changed between two consecutive results announcements of a listed company."""

__version__ = "0.1.0"
