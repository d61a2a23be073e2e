"""Sub-notes lettered in two styles, one over the other: "(i) Judgements" over "(a)
Deferred taxation" (Fullshare's note 5), or "(a) Revenue" over "(i) Sale of goods". A
number of the style an open sub-note has is its sibling; the first of the other style
goes under the open sub-note. Read flat, "(a)" closed "(i)", and each "(i) Judgements
(continued)" over the next page opened a section of its own, claimed added or removed
whenever the other filing broke its pages elsewhere."""

from __future__ import annotations

from kcdiff.ingest import parse_text
from kcdiff.segment import segment

FULLSHARE = "hkex_fullshare_0607/"


def outline(text):
    """(number, title, parent's title) of each section after the cover."""
    found = segment(parse_text(text, "x.txt"))
    return [(s.number, s.title, found[s.parent].title if s.parent > 0 else "")
            for s in found[1:]]


JUDGEMENTS = (
    "5. SIGNIFICANT ACCOUNTING JUDGEMENTS AND ESTIMATES\n\nThe Group makes judgements.\n\n"
    "(i) Judgements\n\nIn applying the accounting policies the directors judged as follows.\n\n"
    "(a) Deferred taxation\n\nThe Group has not recognised deferred tax on its reserves.\n\n"
    "(i) Judgements (continued)\n\nThe directors considered the following as well.\n\n"
    "(c) Going concern consideration\n\nThe Group had net current liabilities.\n\n"
    "(ii) Estimation uncertainty\n\nThe key assumptions are set out below.\n\n"
    "(a) Impairment of goodwill\n\nGoodwill is tested for impairment every year.\n\n"
    "6. REVENUE\n\nRevenue is the sale of goods.\n")


def test_roman_sub_notes_over_lettered_ones():
    assert outline(JUDGEMENTS) == [
        ("5", "SIGNIFICANT ACCOUNTING JUDGEMENTS AND ESTIMATES", ""),
        ("(i)", "Judgements", "SIGNIFICANT ACCOUNTING JUDGEMENTS AND ESTIMATES"),
        ("(a)", "Deferred taxation", "Judgements"),
        ("(c)", "Going concern consideration", "Judgements"),
        ("(ii)", "Estimation uncertainty", "SIGNIFICANT ACCOUNTING JUDGEMENTS AND ESTIMATES"),
        ("(a)", "Impairment of goodwill", "Estimation uncertainty"),
        ("6", "REVENUE", ""),
    ]


def test_the_continued_sub_note_goes_on_in_its_section():
    found = segment(parse_text(JUDGEMENTS, "x.txt"))
    deferred = next(s for s in found if s.title == "Deferred taxation")
    assert "The directors considered the following as well." in deferred.text


def test_lettered_sub_notes_over_roman_ones():
    text = ("7. REVENUE\n\nRevenue comprises the following.\n\n"
            "(a) Revenue from contracts with customers\n\nThe Group sells goods.\n\n"
            "(i) Sale of goods\n\nRevenue is recognised on delivery.\n\n"
            "(ii) Services\n\nRevenue is recognised over time.\n\n"
            "(b) Rental income\n\nRent is recognised on a straight-line basis.\n")
    assert outline(text) == [
        ("7", "REVENUE", ""),
        ("(a)", "Revenue from contracts with customers", "REVENUE"),
        ("(i)", "Sale of goods", "Revenue from contracts with customers"),
        ("(ii)", "Services", "Revenue from contracts with customers"),
        ("(b)", "Rental income", "REVENUE"),
    ]


def test_the_ninth_letter_is_a_letter_after_the_eighth():
    parts = "".join(f"({letter}) Item {letter.upper()}\n\nText of item {letter}.\n\n"
                    for letter in "ghi")
    found = outline("8. OTHER MATTERS\n\nThe matters are these.\n\n" + parts)
    assert [(number, parent) for number, _, parent in found[1:]] == [
        ("(g)", "OTHER MATTERS"), ("(h)", "OTHER MATTERS"), ("(i)", "OTHER MATTERS")]


def test_a_roman_list_alone_is_as_before():
    found = outline("9. TAXATION\n\nThe charge is as follows.\n\n"
                    "(i) Hong Kong\n\nNo provision was made.\n\n"
                    "(ii) PRC\n\nThe rate is 25%.\n")
    assert [(number, parent) for number, _, parent in found[1:]] == [
        ("(i)", "TAXATION"), ("(ii)", "TAXATION")]


def test_fullshare_note_5_sub_notes_are_read_in_their_order(corpus_filing):
    # 2023 annual report pp.128-132: "(i) Judgements" ((a) deferred taxation, (c) going
    # concern), "(ii) Estimation uncertainty" ((a) goodwill, (c) financial assets), each
    # roman heading printed again "(continued)" over the pages it goes on to.
    found = segment(corpus_filing(FULLSHARE + "2023_annual-report_FY2023_en.pdf"))
    note = next(s for s in found if s.title == "SIGNIFICANT ACCOUNTING JUDGEMENTS AND ESTIMATES")
    under = [s for s in found if s.parent == note.index or found[s.parent].parent == note.index
             and s.parent > note.index]
    assert [(s.number, s.title) for s in under] == [
        ("(i)", "Judgements"),
        ("(a)", "Deferred taxation and LAT on investment properties"),
        ("(c)", "Going concern consideration"),
        ("(ii)", "Estimation uncertainty"),
        ("(a)", "Impairment of goodwill"),
        ("(c)", "Impairment of financial assets"),
    ]
    assert not any("(continued)" in s.title for s in under)
