"""Numbers and dates: every number of the source must appear in the translation.

Chinese writes the same quantity many ways, so both sides are reduced to values before
comparing: 52,600 = 52600 = 5.26万 = 五万二千六百; 9 million = 900万; 3.3 billion = 33亿;
November 28, 2018 = 2018年11月28日 (the month counts as the number 11).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from editions.catalog import Entry
from editions.checks.context import CheckContext
from editions.checks.model import Problem, Severity
from editions.checks.registry import check

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "January Jan",
            "February Feb",
            "March Mar",
            "April Apr",
            "May",
            "June Jun",
            "July Jul",
            "August Aug",
            "September Sept Sep",
            "October Oct",
            "November Nov",
            "December Dec",
        ),
        start=1,
    )
    for name in names.split()
}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MONTH_DATE = re.compile(
    rf"\b({_MONTH_NAMES})\.?\s+\d{{1,4}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+({_MONTH_NAMES})\b"
)
_MONTH_PREFIX = re.compile("Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
"""Every month name starts with one of these: text without them has no month date."""
_SCALES = {
    "hundred": Decimal(100),
    "thousand": Decimal(10**3),
    "million": Decimal(10**6),
    "billion": Decimal(10**9),
    "trillion": Decimal(10**12),
}
_CN_UNITS = {
    "十": Decimal(10),
    "百": Decimal(100),
    "千": Decimal(1000),
    "万": Decimal(10**4),
    "萬": Decimal(10**4),
    "亿": Decimal(10**8),
    "億": Decimal(10**8),
}
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2, "兩": 2}
_LITERAL = re.compile(r"(?<![\d.])\d+(?:\.\d+){2,}(?![\d])")
"""Versions and addresses (1.2.3, 10.0.0.1): they must appear character for character."""
_LITERAL_HINT = re.compile(r"\d\.\d+\.\d")
"""Part of every _LITERAL match, and quick to look for."""
# The numbers start with a lookahead for a digit: the same matches, but the engine leaves a
# position at once instead of testing both lookbehinds there.
_EN_NUMBER = re.compile(
    r"(?=\d)(?<![A-Za-z_\d])(?<!\d\.)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d])"
    r"(?:\s*(hundred|thousand|million|billion|trillion)\b)?",
    re.IGNORECASE,
)
_ZH_NUMBER = re.compile(
    r"(?=\d)(?<![\d])(?<!\d\.)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d])"
    r"(?:\s*(hundred|thousand|million|billion|trillion)\b|\s?([十百千万萬亿億]+))?",
    re.IGNORECASE,
)
_CN_NUMERAL = re.compile(r"[零〇一二两兩三四五六七八九十百千万萬亿億]+")
_PRINTF = re.compile(r"%(?:\d+\$)?[-+ #0']*\d*(?:\.\d+)?[hlLqjzt]*[a-zA-Z]|%<\w+>")
"""printf directives: their widths (%.250s, %03lo) are not numbers of the text."""
_PAIR = "双"
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")
_FULLWIDTH_DIGIT = re.compile("[０-９．]")


def _decimal(digits: str) -> Decimal | None:
    try:
        return Decimal(digits.replace(",", ""))
    except InvalidOperation:
        return None


def chinese_numeral_value(text: str) -> Decimal | None:
    """The value of a Chinese numeral (五万二千六百, 二十八, 二〇一八), None if it is not one."""
    if not text or all(c in _CN_UNITS for c in text):
        return None
    if all(c in _CN_DIGITS for c in text):
        return Decimal("".join(str(_CN_DIGITS[c]) for c in text))
    total = section = number = Decimal(0)
    for char in text:
        if char in _CN_DIGITS:
            number = Decimal(_CN_DIGITS[char])
        elif char in ("亿", "億"):
            total = (total + section + number) * _CN_UNITS[char]
            section = number = Decimal(0)
        elif char in ("万", "萬"):
            total += (section + number) * _CN_UNITS[char]
            section = number = Decimal(0)
        else:
            section += (number or Decimal(1)) * _CN_UNITS[char]
            number = Decimal(0)
    return total + section + number


def _month_dates(text: str) -> Iterator[re.Match[str]]:
    """Dates written with an English month name ('November 28', '3rd May')."""
    if _MONTH_PREFIX.search(text):
        yield from _MONTH_DATE.finditer(text)


def source_numbers(text: str) -> tuple[dict[Decimal, str], set[str]]:
    """Values in English ``text`` (each with how it was written) and literal version strings."""
    text = _PRINTF.sub(" ", text)
    literals: set[str] = set()
    masked = text
    if _LITERAL_HINT.search(text):
        literals = set(_LITERAL.findall(text))
        masked = _LITERAL.sub(" ", text)
    values: dict[Decimal, str] = {}
    for match in _EN_NUMBER.finditer(masked):
        value = _decimal(match.group(1))
        if value is None:
            continue
        if match.group(2):
            value *= _SCALES[match.group(2).lower()]
        if value:  # "from 0 to maximum" is often rephrased without the zero
            values.setdefault(value.normalize(), match.group(0))
    for match in _month_dates(masked):
        name = match.group(1) or match.group(2)
        values.setdefault(Decimal(_MONTHS[name]), name)
    return values, literals


def target_values(text: str) -> set[Decimal]:
    """Every value a translation writes: Arabic digits, with 万/亿 units, or Chinese numerals."""
    if _FULLWIDTH_DIGIT.search(text):
        text = text.translate(_FULLWIDTH_DIGITS)
    text = _PRINTF.sub(" ", text)
    found: set[Decimal] = {Decimal(2)} if _PAIR in text else set()
    for digits, scale, units in _ZH_NUMBER.findall(text):
        value = _decimal(digits)
        if value is None:
            continue
        if scale:
            value *= _SCALES[scale.lower()]
        elif units:
            for unit in units:
                value *= _CN_UNITS[unit]
        found.add(value.normalize())
    for numeral in _CN_NUMERAL.findall(text):
        numeral_value = chinese_numeral_value(numeral)
        if numeral_value is not None:
            found.add(numeral_value.normalize())
    for match in _month_dates(text):
        found.add(Decimal(_MONTHS[match.group(1) or match.group(2)]))
    return found


def chinese_forms(value: Decimal) -> str:
    """Ways to write ``value`` in Chinese text, for the fix line (52600 → '52600 or 5.26万')."""
    forms = [f"{value:f}"]
    for unit, size in (("亿", Decimal(10**8)), ("万", Decimal(10**4))):
        if value >= size:
            forms.append(f"{(value / size).normalize():f}{unit}")
            break
    return " or ".join(forms)


_DIGIT_RUN = re.compile(r"\d+(?:[.,]\d+)*")
_NEEDS_VALUES = re.compile(
    rf"hundred|thousand|million|billion|trillion|\b(?:{_MONTH_NAMES})\b", re.IGNORECASE
)
_SCALE_WORD = re.compile("hundred|thousand|million|billion|trillion")
_MONTH_START = re.compile("jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")
_MONTH_WORDS = frozenset(name.lower() for name in _MONTHS)
_WORD = re.compile(r"\w+")


def needs_values(text: str) -> bool:
    """True when ``text`` has a scale word or a month name (what _NEEDS_VALUES finds).

    ASCII text, nearly every source, is answered with plain string operations: there the
    case-insensitive regex means a scale word in the lowercased text, or a month name as a
    whole word. Other text gets the regex (Unicode case folding has surprises).
    """
    if not text.isascii():
        return _NEEDS_VALUES.search(text) is not None
    lowered = text.lower()
    if _SCALE_WORD.search(lowered):
        return True
    return _MONTH_START.search(lowered) is not None and not _MONTH_WORDS.isdisjoint(
        _WORD.findall(lowered)
    )


def digits_kept(source: str, translation: str) -> bool:
    """Fast path: every digit run of the source appears as a digit run of the translation
    (52,600 may lose its commas) and no scale word or month name asks for arithmetic."""
    wanted = _DIGIT_RUN.findall(source)
    if not wanted:
        return not needs_values(source)
    if needs_values(source):
        return False
    present = set(_DIGIT_RUN.findall(translation))
    present |= {run.replace(",", "") for run in present}
    return all(run in present or run.replace(",", "") in present for run in wanted)


def _required(entry: Entry) -> tuple[dict[Decimal, str], set[str]]:
    values, literals = source_numbers(entry.msgid)
    if entry.msgid_plural is not None:
        plural_values, plural_literals = source_numbers(entry.msgid_plural)
        values = {v: shown for v, shown in values.items() if v in plural_values}
        literals &= plural_literals
    return values, literals


@check("E-number-mismatch", Severity.ERROR)
def number_mismatch(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """A number or date of the source is missing from the translation"""
    if not entry.is_plural and digits_kept(entry.msgid, entry.msgstr):
        return
    values, literals = _required(entry)
    if not values and not literals:
        return
    for translation in filter(None, entry.translations):
        present = target_values(translation)
        missing = [shown for value, shown in values.items() if value not in present]
        missing += sorted(lit for lit in literals if lit not in translation)
        if missing:
            hints = [chinese_forms(value) for value, shown in values.items() if shown in missing]
            yield Problem(
                f"the translation lacks {', '.join(repr(m) for m in missing)} from the source",
                fix="write the same quantity in the translation"
                + (f" (e.g. {'; '.join(hints)})" if hints and context.chinese else ""),
            )
            return
