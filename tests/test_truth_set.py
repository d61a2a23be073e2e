"""The hand-read truth set (benchmarks/truth/) is well formed and says only what the
documents print: every figure value is a number in the text of the filing it is
attributed to, and every director's name and every heading is in that filing.

The text is extracted here with pypdfium2 and lxml directly, never through kcdiff, so a
kcdiff bug cannot make a wrong truth look right.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TRUTH = ROOT / "benchmarks" / "truth"
CORPUS = ROOT.parent / "shared" / "corpus"
PAIRS = sorted(path for path in TRUTH.glob("*.json") if path.name != "schema.json")
NUMBER = re.compile(r"\d(?:[\d,]*\d)?(?:\.\d+)?")
NIL = ("-", "–", "—", "nil", "0")


def document(relative: str) -> Path:
    return ROOT / relative if relative.startswith("samples/") else CORPUS / relative


_DOCUMENTS: dict[Path, object] = {}


def pdf_document(path: Path):
    """The open document, kept for the module's tests: pages are read lazily, so a
    200-page report costs only its statements."""
    if path not in _DOCUMENTS:
        import pypdfium2

        _DOCUMENTS[path] = pypdfium2.PdfDocument(str(path))
    return _DOCUMENTS[path]


@pytest.fixture(scope="module", autouse=True)
def _close_documents():
    """Closed when the module's tests are done, not left to the interpreter's exit."""
    yield
    page_text.cache_clear()
    for document in _DOCUMENTS.values():
        document.close()
    _DOCUMENTS.clear()


@functools.cache
def page_text(path: Path, index: int) -> str:
    return pdf_document(path)[index].get_textpage().get_text_range()


@functools.cache
def text_of(path: Path, pages: tuple[int, int] | None = None) -> str:
    """The document's text; for a PDF only ``pages`` (first, last; 1-based) when given,
    so a 200-page report costs only its statements."""
    if path.suffix == ".pdf":
        first, last = pages or (1, len(pdf_document(path)))
        return "\n".join(page_text(path, index)
                         for index in range(first - 1, min(last, len(pdf_document(path)))))
    if path.suffix in (".html", ".htm"):
        import lxml.html

        return lxml.html.parse(str(path)).getroot().text_content()
    return path.read_text(encoding="utf-8")


def not_found(path: Path, wanted: list[str], found, from_end: bool = False) -> list[str]:
    """The ``wanted`` strings ``found(string, text)`` cannot find in the document. A PDF
    is read a page at a time (with the page before, for a name or heading cut by a page
    break), from the end when ``from_end`` (signature pages), and only until all are found."""
    if path.suffix != ".pdf":
        return [item for item in wanted if not found(item, text_of(path))]
    indexes = range(len(pdf_document(path)))
    missing, previous = list(wanted), ""
    for index in reversed(indexes) if from_end else indexes:
        text = page_text(path, index)
        window = text + "\n" + previous if from_end else previous + "\n" + text
        missing = [item for item in missing if not found(item, window)]
        if not missing:
            break
        previous = text
    return missing


@functools.cache
def numbers_in(path: Path, pages: tuple[int, int] | None = None) -> frozenset[float]:
    return frozenset(float(token.replace(",", ""))
                     for token in NUMBER.findall(text_of(path, pages)))


def printed(value: float, path: Path, pages: tuple[int, int] | None = None) -> bool:
    """Whether ``value`` (sign aside: brackets and minus signs vary) is a number printed in
    the document (on ``pages``, when given); nil may be printed as a dash."""
    if value == 0:
        return any(mark in text_of(path, pages) for mark in NIL)
    return abs(value) in numbers_in(path, pages)


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator():
    """One validator for every file: checking the schema itself once, not per file."""
    import jsonschema

    schema = load(TRUTH / "schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_there_are_enough_pairs_of_every_kind():
    truths = [load(path) for path in PAIRS]
    assert len(truths) >= 25
    for field, kinds in (("source", {"hkex", "sec"}), ("format", {"pdf", "html"}),
                         ("language", {"en", "zh"})):
        assert kinds <= {truth[field] for truth in truths}
    assert sum(len(truth["figures"]) >= 5 for truth in truths) >= 15


@pytest.mark.parametrize("path", PAIRS, ids=lambda path: path.stem)
def test_truth_file_matches_the_schema(path, validator):
    truth = load(path)
    validator.validate(truth)
    for item in truth["figures"]:
        assert item["old"] or item["new"], item["item"]


@pytest.mark.parametrize("path", PAIRS, ids=lambda path: path.stem)
def test_every_recorded_value_is_printed_in_its_filing(path, corpus):
    truth = load(path)
    missing = []
    for side in ("old", "new"):
        filing = document(truth[side])
        pages = tuple(truth.get("pages", {}).get(side, ())) or None
        for item in truth["figures"]:
            missing += [(side, item["item"], period, value) for period, value in item[side].items()
                        if not printed(value, filing, pages)]
        for restated in truth["restatements"]:
            value = restated[f"{side}_value"]
            if not printed(value, filing, pages):
                missing.append((side, restated["item"], restated["period"], value))
    assert not missing


@pytest.mark.parametrize("path", PAIRS, ids=lambda path: path.stem)
def test_every_director_is_named_in_their_filing(path, corpus):
    truth = load(path)
    board = truth.get("board")
    if not board:
        pytest.skip("no board in this pair")
    missing = []
    for side in ("old", "new"):
        filing = document(truth[side])
        pages = tuple(truth.get("pages", {}).get(f"{side}_board", ())) or None
        if pages:
            text = text_of(filing, pages)
            missing += [(side, name) for name in board[side] if not has_name(name, text)]
        else:
            missing += [(side, name)
                        for name in not_found(filing, board[side], has_name, from_end=True)]
    assert not missing
    # Names are as printed in each filing, so one director may be spelt two ways
    # ("Mark G. Parker", "Mark Parker"): the lists must still add up.
    old, new = set(board["old"]), set(board["new"])
    assert set(board["joined"]) <= new - old
    assert set(board["left"]) <= old - new
    assert set(board["role_changed"]) <= new
    assert len(new) - len(board["joined"]) == len(old) - len(board["left"])


@functools.lru_cache(maxsize=64)
def unspaced(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def has_name(name: str, text: str) -> bool:
    """Whether a director's name is in the text, whatever the spacing (CJK names are often
    printed with spaces between the characters)."""
    return unspaced(name) in unspaced(text)


def has_heading(title: str, text: str) -> bool:
    """Whether the heading's words are in the text in order, whatever the spacing,
    punctuation or table cells between them."""
    words = re.findall(r"\w+", title)
    return re.search(r"\W*".join(map(re.escape, words)), text, re.I) is not None


@pytest.mark.parametrize("path", PAIRS, ids=lambda path: path.stem)
def test_every_heading_is_in_the_filings_said_to_have_it(path, corpus):
    truth = load(path)
    both = truth["sections_present_in_both"]
    missing = [("old", title) for title in not_found(document(truth["old"]),
                                                     both + truth["sections_removed"], has_heading)]
    missing += [("new", title) for title in not_found(document(truth["new"]),
                                                      both + truth["sections_added"], has_heading)]
    assert not missing
