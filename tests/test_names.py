"""One person, many spellings: the name keys the board comparison matches people on."""

from __future__ import annotations

import pytest

from kcdiff.text.names import canonical_roles, match_names, name_key, unspace_cjk


@pytest.mark.parametrize(("one", "other"), [
    ("Robert Burgess", "Robert K. Burgess"),  # a middle initial
    ("ROGER W. FERGUSON JR.", "Roger W. Ferguson Jr."),  # case
    ("John Rogers, Jr.", "John W. Rogers"),  # suffix and initial
    ("Li On-kwok, Victor", "Victor Li Onkwok"),  # surname first, hyphen lost
    ("R. MARTIN CHAVEZ", "R. Martin Chávez"),  # an accent
    ("Valerie Montgomery Rice, M.D.", "Valerie Montgomery Rice"),  # a degree
    ("廖 莉 萍", "廖莉萍"),  # spaced-out characters
    ("廖莉萍女士", "廖莉萍"),  # an honorific
])
def test_the_same_person(one, other):
    assert name_key(one) == name_key(other)


@pytest.mark.parametrize(("one", "other"), [
    ("S. Robson Walton", "Steuart L. Walton"),
    ("Maria Henry", "Peter B. Henry"),
    ("林至穎", "林至明"),
])
def test_different_people(one, other):
    assert name_key(one) != name_key(other)


def test_match_names_pairs_the_same_people():
    same, renamed = match_names(["Robert K. Burgess", "Chan Tai Man"],
                                ["CHAN Tai Man", "Robert Burgess"])
    assert same == [(0, 1), (1, 0)] and renamed == []


def test_unspacing_keeps_two_character_words_apart():
    assert unspace_cjk("廖 莉 萍 女 士 主席 成員") == "廖莉萍女士 主席 成員"


@pytest.mark.parametrize("title", ["行政總裁", "首席執行官", "chief executive officer", "CEO"])
def test_words_for_the_chief_executive_are_one_role(title):
    assert canonical_roles(title) == ("chief_executive",)


@pytest.mark.parametrize(("title", "roles"), [
    ("獨立非執行董事", ("independent_non_executive",)),
    ("非執行董事", ("non_executive",)),
    ("執行董事", ("executive",)),
    ("聯席主席", ("chairman",)),
    ("副主席", ("vice_chairman",)),
    ("主席及首席執行官", ("chairman", "chief_executive")),
])
def test_chinese_roles(title, roles):
    assert canonical_roles(title) == roles
