"""Shared fixtures: the two sample announcements and the real corpus beside the clone.

The corpus (``../shared/corpus``) is read in place and never copied into the project;
tests that need it skip cleanly when it is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
INTERIM = SAMPLES / "kingsoft-cloud-2023-interim.txt"
ANNUAL = SAMPLES / "kingsoft-cloud-2024-annual.txt"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"


@pytest.fixture(scope="session")
def interim_path() -> Path:
    return INTERIM


@pytest.fixture(scope="session")
def annual_path() -> Path:
    return ANNUAL


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not (CORPUS / "MANIFEST.json").is_file():
        pytest.skip("the real corpus (../shared/corpus) is not beside this clone")
    return CORPUS


@pytest.fixture(scope="session")
def manifest(corpus: Path) -> dict:
    return json.loads((corpus / "MANIFEST.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def anxin(corpus: Path):
    """Sections of an Anxin-China (HKEX 1149) results announcement, by file stem."""
    from kcdiff.ingest import read_filing
    from kcdiff.segment import segment

    folder = corpus / "hkex_anxin-china_1149" / "en"

    def sections(stem: str):
        return segment(read_filing(folder / f"{stem}.pdf"))

    return sections
