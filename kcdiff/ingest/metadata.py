"""What a filing says about itself: issuer, stock code, document type, period, date.

Read from the filing's own words (its cover, title and closing lines), never from its file
name. Anything not stated stays empty. Dates come out as ISO strings; the period also as
printed ("six months ended 30 June 2008"). English and Chinese (including dates written in
Chinese numerals, "二零二五年六月二十日") are understood.
"""

from __future__ import annotations

import re
from datetime import date

from ..model import Block, FilingMeta
from ..text.cjk import IDEOGRAPH_RUNS, IDEOGRAPHS
from ..text.dates import FULL_MONTH, MONTHS, chinese_number
from ..text.lazy import lazy_pattern

__all__ = ["meta_of", "parse_date"]

_COVER_BLOCKS = 40
_CLOSING_BLOCKS = 60
_TYPE_BLOCKS = 12  # a document names its type near the top; later words are its content

_MONTH = rf"(?:{FULL_MONTH})"
_CN_NUMBER = r"[〇零一二三四五六七八九十0-9０-９]"
DATE = (
    rf"{_MONTH}\s+\d{{1,2}},?\s*\d{{4}}"  # June 30, 2023
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"  # 30 June 2008, 30th June, 2008
    rf"|{_CN_NUMBER}{{4}}\s*年\s*{_CN_NUMBER}{{1,2}}\s*月\s*{_CN_NUMBER}{{1,3}}\s*日"
    r"|\d{1,2}/\d{1,2}/\d{4}"  # 31/05/2012: HKEX forms print dd/mm/yyyy
)
_DATE = re.compile(DATE, re.IGNORECASE)
# Where a period or a publication date is named; the date itself is read with _DATE at
# the end of the match (compiling DATE into each of these would cost more than reading).
_PERIOD_START = re.compile(  # the longer opening first: no date check backtracks into it
    r"(?:month ended \(dd/mm/yyyy\)|截至月份)\s*[:：]\s*"
    r"|(?:three|six|nine|twelve|3|6|9|12)[- ]months?\s+(?:period\s+)?ended\s*"
    r"|(?:financial\s+|fiscal\s+)?year\s+ended\s*|(?:fiscal\s+)?quarter(?:ly period)?\s+ended\s*"
    r"|month\s+ended\s*",
    re.IGNORECASE,
)
# Words every match of _PERIOD_START holds: SRE scans a text for a few plain words about
# ten times faster than for those openings (7 us against 75 us in a 460-character
# paragraph), and most texts hold none, so only a text with them is scanned for openings.
_PERIOD_WORDS = re.compile(r"ended|截至月份", re.IGNORECASE)
# Compiled on first use (~1 ms): only a text with 截至 needs it.
_CN_PERIOD = lazy_pattern(
    rf"截至\s*({_CN_NUMBER}{{4}}\s*年\s*{_CN_NUMBER}{{1,2}}\s*月\s*{_CN_NUMBER}{{1,3}}\s*日)"
    rf"\s*止\s*(六個月|三個月|九個月|年度|月份|期間)?"
)
_CITIES = r"Hong Kong|Beijing|Shanghai|Shenzhen|Singapore"
_PUBLISHED_AT = re.compile(
    rf"(?:{_CITIES})\s*,\s*"
    r"|(?:^|\b)(?:Date|Dated|For Immediate Release)\s*:\s*"
    r"|香港\s*[，,]\s*|(?:Date Submitted|呈交日期)\s*[:：]?\s*",
    re.IGNORECASE,
)
# The words every match of _PUBLISHED_AT holds (see _PERIOD_WORDS): 6 us against 60 us.
_PUBLISHED_WORDS = re.compile(rf"{_CITIES}|Date|For Immediate Release|香港|呈交日期",
                              re.IGNORECASE)
_STOCK_CODE = re.compile(r"(?:Stock\s+Code|股份代號)\s*[:：]?\s*(\d{1,5})", re.IGNORECASE)
_TICKER = re.compile(r"\((?:NYSE|Nasdaq|NASDAQ|NYSE American)\s*:\s*([A-Z.]{1,6})\)")
_REGISTRANT = re.compile(r"^\(?Exact\s+name\s+of\s+registrant", re.IGNORECASE)
_CJK_ISSUER = re.compile(r"([A-Z][\w&.,' -]{1,80}?(?:Limited|有限公司))\s*[（(]「本公司」")
_LEGAL_FORM = r"(?:Holdings? Limited|Limited|Ltd\.?|Inc\.?|Incorporated|Corporation|N\.V\.|plc)"
_NAME_END = re.compile(rf"^(.{{2,90}}?(?:{_LEGAL_FORM}|有限公司))(?=$|\s|[（(*])", re.IGNORECASE)
# The name a filing defines as "the Company" ("... of Fullshare Holdings Limited (the
# “Company”)", "豐盛控股有限公司（「本公司」）"): the capitalised words just before the
# definition, or the ideographs after the last break (punctuation, digits, a blank).
_DEFINES_COMPANY = re.compile(r"\s*[(（]\s*(?:the\s+)?[\"“”]Company[\"“”]|[（(]「(?:本|貴)?公司」")
_DEFINED_NAME = re.compile(
    rf"(?:(?<!\S)([^\sA-Z0-9]\S*)\s+)?"  # the word before the name, if any
    rf"((?<!\S)(?:[A-Z0-9][\w&.'’-]*\s+(?:(?:and|&)\s+)?)*?[A-Z][\w&.'’-]*\s+{_LEGAL_FORM})$")
# Compiled on first use (~2.5 ms): only a text ending in 有限公司 needs it.
_DEFINED_CJK_NAME = lazy_pattern(rf"(?:^|(?<=[^{IDEOGRAPHS}]))([{IDEOGRAPHS}]{{2,40}}有限公司)$")
_DEFINITION_BLOCKS = 400  # the definition is in the first paragraphs that name the issuer
_MAX_NAME_LINE = 120
_HONG_KONG = re.compile(r"^Hong Kong,\s*", re.IGNORECASE)
_SIGNATORY = re.compile(r"Chairman|Director|Secretary|Board|主席|董事|秘書", re.IGNORECASE)
_NAME_LABEL = re.compile(r"^(?:Name of (?:listed )?Issuer|公司名稱)\s*[:：]?\s*", re.IGNORECASE)

# First match wins: results before the form that carries them (a 6-K of annual results).
DOC_TYPES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (doc_type, re.compile(pattern, re.IGNORECASE))
    for doc_type, pattern in (
        ("interim_results", r"INTERIM RESULTS|中期業績"),
        ("annual_results", r"(?:ANNUAL|FINAL) RESULTS|全年業績|末期業績|年度業績"),
        ("quarterly_results", r"QUARTER(?:LY)? (?:\w+ )?RESULTS|REPORTS? \w+ QUARTER|季度業績"),
        ("monthly_return", r"MONTHLY RETURN|月報表"),
        ("agm_results", r"POLL RESULTS|投票結果"),
        ("profit_alert", r"PROFIT (?:ALERT|WARNING)|盈利(?:警告|預告|預警)"),
        ("list_of_directors", r"LIST OF DIRECTORS|董事名單"),
        ("director_change", r"(?:APPOINTMENT|RESIGNATION|RETIREMENT|CHANGE) OF .{0,60}"
                            r"(?:DIRECTOR|CHAIRMAN|CHIEF EXECUTIVE)|(?<!獲)委任|辭任|調任"),
        ("quarterly_report", r"FORM 10-Q|QUARTERLY REPORT PURSUANT"),
        ("annual_report", r"FORM 10-K|FORM 20-F|ANNUAL REPORT PURSUANT|ANNUAL REPORT \d{4}"
                          r"|MANAGEMENT DISCUSSION AND ANALYSIS|管理層討論及分析"),
        ("current_report", r"FORM 8-K|FORM 6-K"),
    )
)


_FORMS = frozenset({"quarterly_report", "annual_report", "current_report"})


def meta_of(blocks: tuple[Block, ...]) -> FilingMeta:
    """The metadata a filing states about itself, read from its ``blocks``."""
    cover = [block.text for block in blocks[:_COVER_BLOCKS] if block.kind != "table"]
    cover_text = "\n".join(cover)
    title = _title(cover)
    period, period_end = _period(title, cover)
    return FilingMeta(
        issuer=_issuer(cover, blocks),
        stock_code=_stock_code(cover_text),
        title=title,
        doc_type=_doc_type(title, "\n".join(_headline(text) for text in cover[:_TYPE_BLOCKS]
                                             if _is_headline(text))),
        period=period,
        period_end=period_end,
        published=_published(blocks),
        language=_language(blocks),
    )


def parse_date(text: str) -> str:
    """ISO form of a printed date ("30th June, 2008", "June 30, 2023", "二零二三年八月
    二十二日"), or "" when ``text`` holds none."""
    match = _DATE.search(text)
    if not match:
        return ""
    printed = match.group()
    try:
        if "/" in printed:
            day, month, year = printed.split("/")
            found = date(int(year), int(month), int(day))
        elif "年" in printed:
            year, month, day = re.split(r"\s*[年月日]\s*", printed)[:3]
            found = date(*(chinese_number(part.strip()) for part in (year, month, day)))
        else:
            words = re.findall(r"[A-Za-z]+|\d+", printed)
            numbers = [int(word) for word in words if word.isdigit()]
            month = next(MONTHS[w.lower()] for w in words if w.lower() in MONTHS)
            day, year = (numbers[0], numbers[-1]) if numbers[0] < 100 else (numbers[1], numbers[0])
            found = date(year, month, day)
    except (ValueError, StopIteration, IndexError):
        return ""
    return found.isoformat()


_TITLE_PATTERNS = (
    re.compile(r"RESULTS|業績"),  # the results title, before the form that carries it
    re.compile(r"ANNOUNCEMENT|RETURN|REPORTS?\b|FORM \d|PROFIT (?:ALERT|WARNING)|公告|報表"
               r"|董事名單|委任|辭任|盈利(?:警告|預告|預警)"),
)
# Runs, not single characters: _language counts letters as the runs' total length, so
# findall makes a string per word rather than per letter.
_LETTERS = re.compile(r"[^\W\d_]+")
_CJK_LETTERS = IDEOGRAPH_RUNS
_DISCLAIMER = re.compile(r"take no responsibility|概不負責")
_MAX_CJK_TITLE = 60


def _title(cover: list[str]) -> str:
    for pattern in _TITLE_PATTERNS:
        for text in cover:
            if len(text) > 300 or _DISCLAIMER.search(text) or not pattern.search(_headline(text)):
                continue
            cjk = not text.isascii() and _CJK_LETTERS.search(text)
            if text.isupper() or text.startswith("FORM") or (
                    cjk and len(text) <= _MAX_CJK_TITLE and _is_headline(text)):
                return text
    return ""


def _issuer(cover: list[str], blocks: tuple[Block, ...]) -> str:
    """The registrant an SEC cover names, else the first name line of the cover, checked
    against the filing's own definition of "the Company": an annual report's corporate
    information lists its auditor and bankers first, each printed far less often than
    the company. Else that definition."""
    for position, text in enumerate(cover):
        if _REGISTRANT.match(text) and position and not cover[position - 1].startswith("("):
            return _as_name(cover[position - 1])
    defined = _defined_company(blocks)
    printed = _Printed(blocks)
    for text in cover:
        name = _name_line(text)
        if not name:
            continue
        if not defined or defined.isascii() != name.isascii():
            return name  # a Chinese and an English name of one company cannot be compared
        folded_name, folded_defined = _folded(name), _folded(defined)
        if (not name.isascii() and folded_name != folded_defined
                and folded_name.endswith(folded_defined)):
            return defined  # words before the name on its line ("所載豐盛控股有限公司")
        if printed.count(defined) > printed.count(name):
            continue
        return name
    return defined


class _Printed:
    """How often a name is printed in the filing, case aside; the text is joined only
    when a name is counted."""

    def __init__(self, blocks: tuple[Block, ...]) -> None:
        self._blocks = blocks
        self._text = ""

    def count(self, name: str) -> int:
        if not self._text:
            self._text = "\n".join(block.text for block in self._blocks).lower()
        return self._text.count(" ".join(name.lower().split()))


# A line that starts a sentence rather than naming a company: punctuation, a number or
# a bracket first, or a word in small letters that is no joining word ("The results of
# Bank of China Limited (the “Company”) ..."; "eBay" has a capital).
_NOT_A_NAME = re.compile(r"[,;:]|^\d|^[(（]|(?<!\S)(?!(?:of|and|de|du|la|van|von)\b)[a-z]+\b")


def _name_line(text: str) -> str:
    """The company name a cover line starts with, or ""."""
    text = _NAME_LABEL.sub("", text)
    name = _NAME_END.match(text) if len(text) <= _MAX_NAME_LINE else None
    if name and not _NOT_A_NAME.search(name.group(1)):
        return _as_name(name.group(1))
    match = _CJK_ISSUER.search(text)
    return match.group(1).strip() if match else ""


def _defined_company(blocks: tuple[Block, ...]) -> str:
    """The name the filing defines as "the Company", where it is unambiguous. English:
    the first definition whose name's start is clear (not after an "of" that follows
    another capitalised word: "Bank of China Limited" would read as "China Limited").
    Chinese has no blanks between words, so the ideographs after a break may carry words
    before the name ("獲委任為豐盛控股有限公司"): the shortest such run, when another run
    ends with it too."""
    runs: list[str] = []
    for block in blocks[:_DEFINITION_BLOCKS]:
        if block.kind == "table":
            continue
        for definition in _DEFINES_COMPANY.finditer(block.text):
            before = " ".join(block.text[max(0, definition.start() - 160):definition.start()]
                              .split())
            # The English name ends in a Latin legal form, the Chinese one in 有限公司.
            if before.endswith("有限公司"):
                chinese = _DEFINED_CJK_NAME.search(before)
                if chinese:
                    runs.append(chinese.group(1))
                continue
            found = _DEFINED_NAME.search(before)
            if found and not (found.group(1) in ("of", "Of")
                              and _capitalised_before(before, found.start(2))):
                return _as_name(re.sub(r"^(?:(?:and|&)\s+)+", "", found.group(2)))
    shortest = min(runs, key=len, default="")
    return shortest if sum(run.endswith(shortest) for run in runs) >= 2 else ""


def _capitalised_before(text: str, start: int) -> bool:
    """Whether the word before the "of" that precedes ``start`` is capitalised."""
    words = text[:start].split()
    return len(words) >= 2 and words[-2][:1].isupper()


_NOT_ALNUM = re.compile(r"[\W_]+")


def _folded(text: str) -> str:
    return _NOT_ALNUM.sub("", text.lower())


# A note in brackets is not what a line is about: "葛金鑄先生（於二零二二年六月二十四日獲
# 委任) 獨立非執行董事" lists a director, it does not announce an appointment.
_BRACKETED = re.compile(r"[（(][^（()）]*[)）]")
_HEADLINE_CHARS = 120
_SENTENCE_END = re.compile(r"[.。;；]\s*$|[。，]")  # "，" joins a Chinese sentence's clauses


def _headline(text: str) -> str:
    return _BRACKETED.sub(" ", text)


def _is_headline(text: str) -> bool:
    """A line whose words may name the document's type or be its title. The Chinese
    words are single terms ("辭任", resigns; "報表", statements), no evidence in a
    sentence (an annual report's account of its directors' changes is not an
    announcement of them): a line with Chinese counts when it is short and not a
    sentence. The English patterns are phrases."""
    if text.isascii() or not _CJK_LETTERS.search(text):
        return True
    return len(text) <= _HEADLINE_CHARS and not _SENTENCE_END.search(text)


def _as_name(text: str) -> str:
    text = " ".join(text.split())
    if not text.isascii():  # an ASCII name skips compiling the class (~1.2 ms)
        text = re.sub(f"^[{IDEOGRAPHS}]+(?=[A-Za-z])", "", text)  # 本公告乃由Alco...
    if text.isupper():  # "BROAD INTELLIGENCE ... LIMITED" -> "Broad Intelligence ... Limited"
        return " ".join(_capitalised(word) for word in text.split())
    return text


# Kept as printed: initials ("N.V.", "PG&E"); the rest of a word after its first letter
# is lower case ("DEPOT," -> "Depot,", "AMAZON.COM," -> "Amazon.com,").
_INITIALS = re.compile(r"(?:[A-Z]\.)+,?|\S*&\S*")
_FIRST_LETTER = re.compile(r"[A-Za-z]")


def _capitalised(word: str) -> str:
    first = _FIRST_LETTER.search(word)
    if not first or _INITIALS.fullmatch(word):
        return word
    return word[:first.end()] + word[first.end():].lower()


def _stock_code(cover_text: str) -> str:
    match = _STOCK_CODE.search(cover_text)
    if match:
        return match.group(1).lstrip("0") or "0"
    match = _TICKER.search(cover_text)
    return match.group(1) if match else ""


def _doc_type(title: str, cover_text: str) -> str:
    """The title's type (first match in ``DOC_TYPES`` order), else the type the cover
    states first: "POSITIVE PROFIT ALERT" above a paragraph that mentions the annual
    results is a profit alert. The forms that carry results (10-K, 6-K ...) count only
    when the cover names no announcement type."""
    for doc_type, pattern in DOC_TYPES:
        if title and pattern.search(title):
            return doc_type
    stated = [(match.start(), rank, doc_type)
              for rank, (doc_type, pattern) in enumerate(DOC_TYPES)
              for match in [pattern.search(cover_text)] if match]
    announcements = [found for found in stated if found[2] not in _FORMS]
    return min(announcements or stated, default=(0, 0, ""))[2]


def _period(title: str, cover: list[str]) -> tuple[str, str]:
    """The period the filing reports on, as printed and as an ISO date: the title's, else
    the first printed as a line of its own ("For the six months ended 30 June 2022" over
    a statement), else the first in a sentence, except one naming another report's period
    ("our Annual Report on Form 10-K for the year ended December 31, 2022"). An interim
    report's review report cites last year's accounts before any statement heading."""
    found = [(0, 0, start, phrase, printed) for start, phrase, printed in _periods(title)]
    for position, text in enumerate(cover):
        for start, phrase, printed in _periods(text):
            if _is_period_line(text, start, phrase):
                found.append((1, position, start, phrase, printed))
            elif not _OTHER_REPORT.search(text[max(0, start - _REPORT_REACH):start]):
                found.append((2, position, start, phrase, printed))
    if not found:
        return "", ""
    *_, phrase, printed = min(found)
    return " ".join(phrase.split()).rstrip(","), parse_date(printed)


# A line of its own may say "For the" before its period and "(unaudited)" after it.
_BEFORE_PERIOD_LINE = 8
_AFTER_PERIOD_LINE = 20
_REPORT_REACH = 60  # how far before a period a report that it belongs to is named
_OTHER_REPORT = re.compile(
    r"Form\s+10-[KQ]|Form\s+20-F|annual\s+report|interim\s+report|quarterly\s+report"
    r"|auditors?\b|年報|年度報告|中期報告", re.IGNORECASE)


def _is_period_line(text: str, start: int, phrase: str) -> bool:
    """Whether ``text`` is the period's own line, a heading over statements ("For the six
    months ended 30 June 2022"), not the end of a sentence ("... Auditors for the year
    ended 31 December 2011.")."""
    text = text.rstrip()
    return (start <= _BEFORE_PERIOD_LINE and not text.endswith((".", "。"))
            and len(text) <= start + len(phrase) + _AFTER_PERIOD_LINE)


def _periods(text: str) -> list[tuple[int, str, str]]:
    """(start, phrase, printed date) of each period named in ``text`` with a real date (a
    misprint, "June 31, 2023", names none)."""
    found = [(start.start(), text[start.start():printed.end()], printed.group())
             for start, printed in _dated(_PERIOD_START, text, _PERIOD_WORDS)]
    if "截至" in text:  # the start of every _CN_PERIOD
        found += [(match.start(), match.group(), match.group(1))
                  for match in _CN_PERIOD.finditer(text)]
    return [mention for mention in found if parse_date(mention[2])]


def _dated(opening: re.Pattern[str], text: str, words: re.Pattern[str]):
    """(opening, date) for each place where ``opening`` is followed by a date; ``words``
    finds what every match of ``opening`` holds, a quick test that there is none."""
    if not words.search(text):
        return
    for start in opening.finditer(text):
        printed = _DATE.match(text, start.end())
        if printed:
            yield start, printed


def _published(blocks: tuple[Block, ...]) -> str:
    closing = [block.text for block in blocks[-_CLOSING_BLOCKS:] if block.kind != "table"]
    opening = [block.text for block in blocks[:_COVER_BLOCKS] if block.kind != "table"]
    for texts in (closing[::-1], opening):
        for text in texts:
            for _, printed in _dated(_PUBLISHED_AT, text, _PUBLISHED_WORDS):
                found = parse_date(printed.group())
                if found:
                    return found
                break  # only the first dated place counts, as a search would
    # A date on its own under the signatory's name and title ("Zhong Houtai / Chairman /
    # 17 September, 2008").
    for position, text in enumerate(closing):
        if _DATE.fullmatch(_HONG_KONG.sub("", text)) and any(
            _SIGNATORY.search(earlier) for earlier in closing[max(0, position - 3):position]
        ):
            return parse_date(_HONG_KONG.sub("", text))
    return ""


def _language(blocks: tuple[Block, ...]) -> str:
    sample = "".join(block.text for block in blocks[:200])
    letters = sum(map(len, _LETTERS.findall(sample)))
    if not letters:
        return ""
    cjk = 0 if sample.isascii() else sum(map(len, _CJK_LETTERS.findall(sample)))
    return "zh" if cjk > 0.3 * letters else "en"
