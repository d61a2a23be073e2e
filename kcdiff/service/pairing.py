"""Which filings belong to one issuer, and which of them are compared: pure functions.

The same rules as the watch service's store (``store.Store.resolve_issuer`` and
``Store.neighbours``), without SQLite, so ``kcdiff batch`` pairs an archive exactly as the
watch service pairs a folder:

- Issuer: a filing joins the issuer of the first filing before it (in arrival order) with
  the same stock code, else the same folded issuer name, else the same file-name prefix;
  otherwise it starts an issuer keyed by its stock code, else its folded name, else its
  file-name prefix, else the start of its sha256 (``identity`` derives these fields).
- Comparable: filings of one issuer and one document group (``identity.doc_group_of``:
  the kind of document and its language).
- Order: period end, then publication date, then arrival; an unknown period end ("")
  sorts first. Consecutive filings in that order are compared, never arrival order.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from .identity import FilingIdentity, fold_name

__all__ = ["order_key", "new_issuer_key", "resolve_issuers", "consecutive_pairs"]


def order_key(filing: FilingIdentity, arrival: int) -> tuple[str, str, int]:
    """Where ``filing`` (the ``arrival``-th to arrive) stands among its issuer's filings."""
    return (filing.period_end, filing.published, arrival)


def new_issuer_key(record: FilingIdentity) -> str:
    """The key of an issuer that ``record`` is the first filing of."""
    return (record.stock_code or fold_name(record.issuer) or record.name_prefix
            or record.sha256[:12])


def resolve_issuers(records: Sequence[FilingIdentity]) -> list[str]:
    """The issuer key of each record, ``records`` being in arrival order (the key of the
    first earlier filing matching on stock code, else name, else file-name prefix)."""
    first_by: dict[str, dict[str, str]] = {"code": {}, "name": {}, "prefix": {}}
    keys: list[str] = []
    for record in records:
        folded = fold_name(record.issuer)
        probes = (("code", record.stock_code), ("name", folded), ("prefix", record.name_prefix))
        found = next((first_by[kind][value] for kind, value in probes
                      if value and value in first_by[kind]), "")
        key = found or new_issuer_key(record)
        for kind, value in probes:
            if value:
                first_by[kind].setdefault(value, key)
        keys.append(key)
    return keys


def consecutive_pairs(
    records: Sequence[FilingIdentity],
) -> list[tuple[str, FilingIdentity]]:
    """(issuer key, old, new) for each consecutive pair of comparable filings, ``records``
    being in arrival order. Content seen before (the same sha256) is skipped, as the watch
    service skips a copy. Pairs come issuer by issuer, each in period order."""
    unique: list[FilingIdentity] = []
    seen: set[str] = set()
    for record in records:
        if record.sha256 not in seen:
            seen.add(record.sha256)
            unique.append(record)
    groups: dict[tuple[str, str], list[tuple[tuple[str, str, int], FilingIdentity]]] = {}
    for arrival, (key, record) in enumerate(zip(resolve_issuers(unique), unique, strict=True)):
        groups.setdefault((key, record.doc_group), []).append((order_key(record, arrival), record))
    pairs = []
    for (key, _), members in sorted(groups.items()):
        ordered = [record for _, record in sorted(members, key=lambda member: member[0])]
        pairs.extend((key, old, new) for old, new in pairwise(ordered))
    return pairs
