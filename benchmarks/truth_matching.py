"""How benchmarks/accuracy.py decides that a claim and a hand-read fact are about the
same thing: line-item labels, directors' names, periods and values."""

from __future__ import annotations

import re
from datetime import date, timedelta

from rapidfuzz import fuzz

FUZZY = 90
SCALES = (1.0, 1e3, 1e-3, 1e6, 1e-6)


# --- labels and names ---------------------------------------------------------------------

def normal_label(label: str) -> str:
    text = label.casefold().replace("/(loss)", " ").replace("(loss)/", " ")
    # footnote markers and note references are not part of the item: "(1)", "(Note 12)"
    text = re.sub(r"\((?:note\s*)?\d{1,2}\)|\*+$", " ", text)
    text = re.sub(r"^\s*(item\s+\d+[a-z]?\.?|\(?[0-9a-z]{1,3}[.)])\s+", "", text)
    text = re.sub(r"[^\w\u4e00-\u9fff]+", " ", text)
    return " ".join(text.split())


def labels_match(claim: str, truth_labels: list[str]) -> float:
    """The best score of ``claim`` against the truth's labels, 0 below the threshold. A
    fuzzy match must also pair every word with a like word, so "investing activities"
    never passes for "operating activities" however long the rest of the label."""
    claim = normal_label(claim)
    best = 0.0
    for label in map(normal_label, filter(None, truth_labels)):
        if claim == label:
            return 100.0
        score = fuzz.ratio(claim, label)
        if score >= FUZZY and _words_pair(claim, label) and _words_pair(label, claim):
            best = max(best, score)
    return best


def _words_pair(a: str, b: str) -> bool:
    return all(any(fuzz.ratio(word, other) >= 80 for other in b.split()) for word in a.split())


HONORIFICS = re.compile(r"\b(mr|mrs|ms|miss|dr|prof|professor|sir|madam|dame)\b\.?", re.I)


def normal_name(name: str) -> str:
    text = HONORIFICS.sub(" ", name)
    text = re.sub(r"(先生|女士|博士|教授)$", "", text.strip())
    return " ".join(re.sub(r"[^\w\u4e00-\u9fff]+", " ", text.casefold()).split())


def person_key(name: str) -> str:
    """A name without initials and generational suffixes: "Mark G. Parker" and
    "Mark Parker", "John W. Rogers, Jr." and "John Rogers, Jr." are one person."""
    words = [w for w in normal_name(name).split()
             if len(w) > 1 and w not in ("jr", "sr", "ii", "iii", "iv", "md")]
    return " ".join(words)


def names_match(a: str, b: str) -> bool:
    a, b = normal_name(a), normal_name(b)
    if re.search(r"[\u4e00-\u9fff]", a + b):
        return a.replace(" ", "") == b.replace(" ", "")
    return a == b or fuzz.token_sort_ratio(a, b) >= FUZZY or person_key(a) == person_key(b)


# --- periods ------------------------------------------------------------------------------

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december"
    .split(), 1)}
LENGTHS = {"three": 3, "six": 6, "nine": 9, "twelve": 12, "3": 3, "6": 6, "9": 9, "12": 12}


def parse_period(text: str) -> tuple[date | None, date] | None:
    """(start, end) of a period written ISO ("a/b" or one date) or as a printed phrase;
    start is None for an instant. None when it cannot be read."""
    text = text.strip()
    iso = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:/(\d{4}-\d{2}-\d{2}))?", text)
    if iso:
        first = date.fromisoformat(iso[1])
        return (first, date.fromisoformat(iso[2])) if iso[2] else (None, first)
    return _printed_period(text.casefold())


def _printed_period(text: str) -> tuple[date | None, date] | None:
    end = _printed_date(text)
    if end is None:
        return None
    if re.search(r"\bas (at|of)\b|^at\b", text):
        return None, end
    length = re.search(r"\b(three|six|nine|twelve|3|6|9|12)[- ]months?\b", text)
    months = LENGTHS[length[1]] if length else 12 if re.search(r"\byear", text) else None
    if months is None:
        return None
    return _months_before(end, months), end


def _printed_date(text: str) -> date | None:
    iso = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", text)
    if iso:
        return date(int(iso[1]), int(iso[2]), int(iso[3]))
    found = re.search(r"(\d{1,2})\s+([a-z]+),?\s+(\d{4})|([a-z]+)\s+(\d{1,2}),?\s+(\d{4})", text)
    if not found:
        return None
    day, month, year = ((found[1], found[2], found[3]) if found[1] else
                        (found[5], found[4], found[6]))
    return date(int(year), MONTHS[month], int(day)) if month in MONTHS else None


def _months_before(end: date, months: int) -> date:
    month = end.month - months
    year = end.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, min(end.day, 28)) + timedelta(days=1)


def claim_period(figure: dict, prefix: str) -> tuple[date | None, date] | None:
    start, end = figure.get(prefix + "period_start", ""), figure.get(prefix + "period_end", "")
    if end:
        return (date.fromisoformat(start) if start else None), date.fromisoformat(end)
    return parse_period(figure.get(prefix + "period", "") or "")


def same_period(a: tuple[date | None, date], b: tuple[date | None, date]) -> bool:
    if (a[0] is None) != (b[0] is None) or abs((a[1] - b[1]).days) > 3:
        return False
    return a[0] is None or abs(((a[1] - a[0]) - (b[1] - b[0])).days) <= 10


def like_for_like(
    a: tuple[date | None, date] | None, b: tuple[date | None, date] | None
) -> bool:
    """Two instants, or two durations of the same length (within 10 days)."""
    if a is None or b is None or (a[0] is None) != (b[0] is None):
        return False
    return a[0] is None or abs(((a[1] - a[0]) - (b[1] - b[0])).days) <= 10


def truth_value(values: dict[str, float], period: tuple[date | None, date]) -> float | None:
    for key, value in values.items():
        if same_period(parse_period(key), period):
            return value
    return None


# --- values -------------------------------------------------------------------------------

def values_agree(claim: float, truth: float) -> bool:
    if truth == 0 or claim == 0:
        return claim == truth
    if (claim < 0) != (truth < 0):
        return False
    decimals = len(repr(float(truth)).split(".")[1].rstrip("0"))
    slack = max(0.5 * 10 ** -decimals, 0.005 * abs(truth))
    return any(abs(claim * scale - truth) <= slack for scale in SCALES)


def value_right(
    values: dict, value: float | None, period: tuple[date | None, date] | None
) -> tuple[bool, str]:
    if value is None:
        return True, ""
    if period is None:
        return False, "period not identified"
    printed = truth_value(values, period)
    if printed is None:
        return False, f"no such period printed ({period[0]}..{period[1]})"
    if not values_agree(value, printed):
        return False, f"{value} but printed {printed}"
    return True, ""
