"""Who filed what, for which period: the identity of a filing in the watch history.

One type, ``FilingIdentity``, from the moment a filing is read to its row in the history
(``id``, ``issuer_key`` and ``first_seen`` are filled in when it is stored). Pure
functions from a ``Filing`` (and its file name) to it. Metadata comes first
(``Filing.meta``); where it is empty, as on plain-text filings today, sane fallbacks:

- Issuer: the stock code, else the issuer name (case and punctuation folded), else the
  file-name prefix before the first year (``kingsoft-cloud-2024-annual.txt`` ->
  ``kingsoft-cloud``). ``Store.resolve_issuer`` matches each of these against the filings
  already stored, in that order, so two filings of one company pair up even when their
  metadata is uneven (an HKEX announcement printing "Stock Code: 3896", a 6-K giving only
  the company's name, a text file with neither).
- Period end: ``meta.period_end``, read by the one grammar of ``ingest.metadata`` (from
  the blocks when a ``Filing`` was made without metadata): a period the metadata leaves
  open is not guessed here (PG&E's quarterly release names only its 10-K's year near the
  top).
- Document group: results announcements of any period are comparable with each other,
  in one language (English and Chinese versions are two groups).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..ingest.metadata import meta_of
from ..model import Filing, FilingMeta

__all__ = [
    "FilingIdentity",
    "display_path",
    "filing_record",
    "period_end_of",
    "name_prefix_of",
    "doc_group_of",
    "fold_name",
]


@dataclass(frozen=True)
class FilingIdentity:
    """Who filed what, for which period; where it arrived and where its copy is kept.
    ``id`` is 0 until the history stores it."""

    sha256: str
    path: str
    archive: str
    issuer: str = ""
    stock_code: str = ""
    name_prefix: str = ""
    doc_type: str = ""
    doc_group: str = ""
    title: str = ""
    period: str = ""
    period_end: str = ""
    published: str = ""
    id: int = 0
    issuer_key: str = ""
    first_seen: str = ""

    @property
    def name(self) -> str:
        return Path(self.path).name




def display_path(path: str | Path) -> str:
    """A path as text that any store, log or header can hold: bytes that were not UTF-8
    in the file name (kept by ``os.fsdecode`` as surrogates) become ``\\xNN``. Line breaks
    and other characters stay: escaping for a header or a log is done where it is written."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


_NAME_DATE = re.compile(r"[-_ .]*(?:19|20)\d\d")
# The types (``ingest.metadata.DOC_TYPES``) that report a period's results: a filing of any
# of them is compared with the previous one. Poll results, profit alerts and board lists
# are announcements of their own kind, never paired with results.
RESULTS_TYPES = frozenset({"interim_results", "annual_results", "quarterly_results",
                           "quarterly_report", "annual_report"})
_FOLD = re.compile(r"[^0-9a-z\u4e00-\u9fff]+")


def period_end_of(filing: Filing) -> str:
    """The ISO end of the period the filing reports on; "" if it states none."""
    return _meta(filing).period_end


def _meta(filing: Filing) -> FilingMeta:
    """What the filing says about itself, read from its blocks when it was made without
    (a ``Filing`` built by hand)."""
    return filing.meta if filing.meta != FilingMeta() else meta_of(filing.blocks)


def name_prefix_of(path: str | Path) -> str:
    """The file name before its first year: ``kingsoft-cloud-2024-annual.txt`` ->
    ``kingsoft-cloud``; "" when the name starts with a date or has no letters."""
    stem = Path(path).stem.lower()
    match = _NAME_DATE.search(stem)
    prefix = stem[: match.start()] if match else ""
    prefix = prefix.strip("-_ .")
    return prefix if len(re.sub(r"[^a-z]", "", prefix)) >= 3 else ""


def doc_group_of(doc_type: str, language: str = "") -> str:
    """Documents comparable with each other. Interim, annual, quarterly and final results
    are one group (a results announcement is compared with the previous one, whichever
    period it covered); an untyped filing counts as results, since that is what a watched
    results folder holds. Any other declared type is its own group. A filing in Chinese
    is compared with the previous one in Chinese: HKEX issuers publish each announcement
    in English and in Chinese, and a translation compared with its original is all
    sections added and removed ("results:zh")."""
    group = "results" if not doc_type or doc_type in RESULTS_TYPES else doc_type
    return f"{group}:zh" if language == "zh" else group


def fold_name(issuer: str) -> str:
    return _FOLD.sub(" ", issuer.lower()).strip()


def filing_record(
    filing: Filing, sha256: str, path: str | Path, archive: str | Path
) -> FilingIdentity:
    """The history record of ``filing`` (read from ``archive``, found at ``path``)."""
    meta = _meta(filing)
    return FilingIdentity(
        sha256=sha256,
        path=display_path(path),
        archive=display_path(archive),
        issuer=meta.issuer,
        stock_code=meta.stock_code.strip(),
        name_prefix=name_prefix_of(path),
        doc_type=meta.doc_type,
        doc_group=doc_group_of(meta.doc_type, meta.language),
        title=meta.title,
        period=meta.period,
        period_end=meta.period_end,
        published=meta.published,
    )
