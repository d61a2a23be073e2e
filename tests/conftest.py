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


def pdf_lines_filing(path: Path):
    """A PDF as a filing of one paragraph per page, its lines kept, read with pypdfium2.

    Stands in for PDF ingestion until it lands: the figures stage reads PDF tables from
    lines whose columns ran together ("Goodwill 1,129,430 1,040,427")."""
    pdfium = pytest.importorskip("pypdfium2")
    from kcdiff.model import Block, Filing

    document = pdfium.PdfDocument(str(path))
    blocks = []
    try:
        for number in range(len(document)):
            text = document[number].get_textpage().get_text_range()
            lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n")]
            page = "\n".join(line for line in lines if line)
            if page:
                blocks.append(Block("paragraph", page, page=number + 1))
    finally:
        document.close()
    return Filing(path=str(path), format="pdf", blocks=tuple(blocks))


@pytest.fixture(scope="session")
def anxin(corpus: Path):
    """Sections of an Anxin-China (HKEX 1149) results announcement, by file stem."""
    from kcdiff.segment import segment

    folder = corpus / "hkex_anxin-china_1149" / "en"

    def sections(stem: str):
        return segment(pdf_lines_filing(folder / f"{stem}.pdf"))

    return sections
