"""What a batch writes, and what it finds of an earlier run: the output folder.

``OUT/.parts/OLD-NEW.json``: one finished pair (its row and its section rows), written the
moment its result arrives, under a temporary name and renamed, so an interrupted run keeps
everything it finished and a later run skips it. ``OUT/.parts/filings.json``: who filed
each file, by path, size and time, so a later run does not read an unchanged file again.
``pairs.parquet`` and ``sections.parquet`` are rebuilt from the parts at the end of every
run (also an interrupted one), with the columns below, through pyarrow.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..service.identity import FilingIdentity
from ..service.store import write_atomic
from .archive import ArchiveFile, IdentifiedFile
from .tasks import PairOutcome, pair_key

__all__ = ["Output", "PAIR_SCHEMA", "SECTION_SCHEMA"]

_TEXT = [
    "issuer_key", "issuer", "stock_code", "doc_group", "old_path", "new_path", "old_sha256",
    "new_sha256", "old_doc_type", "new_doc_type", "old_period", "new_period",
    "old_period_end", "new_period_end", "old_published", "new_published", "status", "error",
]
_COUNTS = [
    "sections_added", "sections_removed", "sections_changed", "sections_unchanged", "edits",
    "routine_edits", "figures_changed", "figures_restated", "board_changes",
    "officer_changes", "checks_error", "checks_warning", "checks_info",
]
MEASURES = ["cosine", "jaccard", "min_edit", "simple"]

# Counts and measures are null on an error row: nothing was compared.
PAIR_SCHEMA = pa.schema(
    [(name, pa.string()) for name in _TEXT]
    + [(name, pa.int32()) for name in _COUNTS]
    + [(name, pa.float64()) for name in MEASURES]
    + [("report_json", pa.string()), ("report_html", pa.string())]
)
SECTION_SCHEMA = pa.schema(
    [(name, pa.string()) for name in ("old_sha256", "new_sha256", "issuer_key")]
    + [("position", pa.int32())]
    + [(name, pa.string()) for name in ("status", "category", "old_title", "new_title",
                                         "old_number", "new_number")]
    + [("edits", pa.int32()), ("routine_edits", pa.int32()), ("tables_changed", pa.bool_()),
       ("kcdiff_similarity", pa.float64())]
    + [(name, pa.float64()) for name in MEASURES]
)


class Output:
    """The batch's output folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.parts = folder / ".parts"

    # --- finished pairs ---------------------------------------------------------------

    def done(self) -> set[str]:
        """Pair keys (``OLD_SHA-NEW_SHA``) already finished by an earlier run."""
        if not self.parts.is_dir():
            return set()
        return {path.stem for path in self.parts.glob("*-*.json")}

    def save(self, outcome: PairOutcome, issuer_key: str, stem: str) -> None:
        """Write one finished pair: its reports first, then its part (which marks it done)."""
        row = dict(outcome.row)
        if outcome.report_json:
            base = Path("reports") / _safe(issuer_key) / stem
            write_atomic(self.folder / base.with_suffix(".json"), outcome.report_json.encode())
            write_atomic(self.folder / base.with_suffix(".html"), outcome.report_html.encode())
            row["report_json"] = base.with_suffix(".json").as_posix()
            row["report_html"] = base.with_suffix(".html").as_posix()
        part = {"pair": row, "sections": list(outcome.sections)}
        key = pair_key(row["old_sha256"], row["new_sha256"])
        write_atomic(self.parts / f"{key}.json", json.dumps(part, ensure_ascii=False).encode())

    def export(self, keys: Iterable[str], extra_rows: Iterable[dict] = ()) -> int:
        """Rebuild ``pairs.parquet`` and ``sections.parquet`` from the parts of ``keys`` (the
        archive's pairs, in order) and ``extra_rows`` (files that could not be read).
        Returns the number of ``error`` rows."""
        pairs: list[dict] = []
        sections: list[dict] = []
        for key in keys:
            path = self.parts / f"{key}.json"
            if path.is_file():
                part = json.loads(path.read_text(encoding="utf-8"))
                pairs.append(part["pair"])
                sections.extend(part["sections"])
        pairs.extend(extra_rows)
        _write_parquet(self.folder / "pairs.parquet", pairs, PAIR_SCHEMA)
        _write_parquet(self.folder / "sections.parquet", sections, SECTION_SCHEMA)
        return sum(1 for row in pairs if row["status"] == "error")

    # --- identities of files ------------------------------------------------------------

    def known_files(self) -> dict[tuple[str, int, int], IdentifiedFile]:
        """Files identified by an earlier run, by (path, size, mtime)."""
        path = self.parts / "filings.json"
        if not path.is_file():
            return {}
        known = {}
        for item in json.loads(path.read_text(encoding="utf-8")):
            file = ArchiveFile(**item["file"])
            record = FilingIdentity(**item["record"]) if item["record"] else None
            known[(file.path, file.size, file.mtime_ns)] = IdentifiedFile(
                file, item["sha256"], record, item["error"])
        return known

    def save_files(self, identified: Iterable[IdentifiedFile]) -> None:
        items = [
            {"file": asdict(item.file), "sha256": item.sha256,
             "record": asdict(item.record) if item.record else None, "error": item.error}
            for item in identified
        ]
        write_atomic(self.parts / "filings.json", json.dumps(items, ensure_ascii=False).encode())


def _write_parquet(target: Path, rows: list[dict], schema: pa.Schema) -> None:
    """Write through a temporary file and a rename: a reader never sees half a table."""
    table = pa.Table.from_pylist(rows, schema=schema)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        pq.write_table(table, temporary)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def _safe(name: str) -> str:
    """An issuer key as a folder name: no separators, no dots in front."""
    cleaned = "".join(c if c.isalnum() or c in "-_" else "-" for c in name).strip("-")
    return cleaned or "unknown"
