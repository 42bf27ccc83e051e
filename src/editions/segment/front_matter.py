"""Translatable fields of YAML front matter: ``title``, ``subtitle``, ``description``, ``summary``.

Only top-level ``key: value`` lines whose value is a one-line string scalar (plain, single-
or double-quoted) are extracted; keys, other fields, block scalars (``|``, ``>``), flow
collections and multi-line plain scalars stay untouched. The msgid is the decoded value; the
span covers the scalar with its quotes, and a translation is written back in the same style
(a plain scalar becomes double-quoted when the translation would not read back as the same
plain string).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from markdown_it.token import Token

from editions.segment.context import Context
from editions.segment.escape import single_line
from editions.segment.model import Segment
from editions.segment.source import TRIM
from editions.segment.words import has_letters

FIELDS = ("title", "subtitle", "description", "summary")

_FIELD = re.compile(r"(" + "|".join(FIELDS) + r")[ \t]*:[ \t]+(?=\S)")
_PLAIN_END = re.compile(r"[ \t]+#|[ \t]*$")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_SPECIAL = re.compile(
    r"~|null|true|false|yes|no|on|off|y|n|[-+]?\.?(inf|nan)|[-+]?[0-9][0-9_.:eE+-]*"
    r"|0[xob][0-9a-fA-F_]+|\d{4}-\d\d?-\d\d?.*",
    re.IGNORECASE,
)
_DOUBLE_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85",
    "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_HEX_LENGTH = {"x": 2, "u": 4, "U": 8}


_ANY_FIELD = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:[ \t]+(?=\S)")


def front_matter_lines(text: str) -> tuple[int, int] | None:
    """``(first, stop)``: 0-based lines of the front matter block, fences included, as the
    one markdown-it configuration finds it; None when the document has none."""
    from editions.markdown import markdown_parser

    if not text.startswith("---"):
        return None
    tokens = markdown_parser().parse(text)
    if tokens and tokens[0].type == "front_matter" and tokens[0].map is not None:
        return tokens[0].map[0], tokens[0].map[1]
    return None


def read_fields(text: str) -> dict[str, tuple[str, int]]:
    """Top-level one-line string fields of the front matter: ``{key: (value, line)}``.

    The values are decoded as the translatable fields are (quotes, escapes); lines 1-based.
    """
    span = front_matter_lines(text)
    if span is None:
        return {}
    lines = text.split("\n")
    fields: dict[str, tuple[str, int]] = {}
    for index in range(span[0] + 1, span[1] - 1):
        line = lines[index].rstrip("\r")
        field = _ANY_FIELD.match(line)
        if not field:
            continue
        following = lines[index + 1] if index + 1 < span[1] - 1 else ""
        scalar = _scalar(line, field.end(), continued=following[:1] in (" ", "\t"))
        if scalar is not None:
            fields[field.group(1)] = (scalar[0], index + 1)
    return fields


def split_front_matter(text: str) -> tuple[str, str]:
    """``text`` cut after its front matter: ``(front_matter, rest)``, ``("", text)`` if none."""
    span = front_matter_lines(text)
    if span is None:
        return "", text
    lines = text.splitlines(keepends=True)
    offset = sum(len(line) for line in lines[: span[1]])
    return text[:offset], text[offset:]


def extract(token: Token, context: Context) -> Iterator[Segment]:
    """One segment per translatable field of the front matter block ``token``."""
    source = context.source
    src = source.src
    assert token.map is not None
    first, stop = token.map[0] + 1, token.map[1] - 1
    for index in range(first, stop):
        line_start = source.line_starts[index]
        line_end = source.line_starts[index + 1] - 1
        line = src[line_start:line_end]
        field = _FIELD.match(line)
        if not field:
            continue
        following = (
            src[line_end + 1 : source.line_starts[index + 2] - 1] if index + 1 < stop else ""
        )
        scalar = _scalar(line, field.end(), continued=following[:1] in (" ", "\t"))
        if scalar is None:
            continue
        value, begin, end, form = scalar
        if not has_letters(value):
            continue
        yield Segment(
            msgid=value,
            kind=f"front matter {field.group(1)}",
            line=index + 1,
            start=source.original(line_start + begin),
            end=source.original(line_start + end),
            form=form,
        )


def _scalar(line: str, pos: int, *, continued: bool) -> tuple[str, int, int, str] | None:
    """(value, start, end, form) of the one-line scalar at ``pos``, or None."""
    quote = line[pos]
    if quote in "\"'":
        end = _closing_quote(line, pos)
        if end is None or not _PLAIN_END.match(line, end):
            return None
        body = line[pos + 1 : end - 1]
        if quote == "'":
            return body.replace("''", "'"), pos, end, "yaml single"
        value = _decode_double(body)
        return (value, pos, end, "yaml double") if value is not None else None
    if quote in _INDICATORS or continued:
        return None
    match = _PLAIN_END.search(line, pos)
    end = match.start() if match else len(line)
    return line[pos:end], pos, end, "yaml plain"


def _closing_quote(line: str, pos: int) -> int | None:
    """The offset just past the quote closing the scalar opened at ``pos``."""
    quote = line[pos]
    index = pos + 1
    while index < len(line):
        char = line[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and line[index + 1 : index + 2] == "'":
                index += 2
                continue
            return index + 1
        index += 1
    return None


def _decode_double(body: str) -> str | None:
    out: list[str] = []
    index = 0
    while index < len(body):
        char = body[index]
        if char != "\\":
            out.append(char)
            index += 1
            continue
        code = body[index + 1 : index + 2]
        if code in _DOUBLE_ESCAPES:
            out.append(_DOUBLE_ESCAPES[code])
            index += 2
        elif code in _HEX_LENGTH:
            digits = body[index + 2 : index + 2 + _HEX_LENGTH[code]]
            if len(digits) != _HEX_LENGTH[code] or not all(
                c in "0123456789abcdefABCDEF" for c in digits
            ):
                return None
            out.append(chr(int(digits, 16)))
            index += 2 + len(digits)
        else:
            return None
    return "".join(out)


def _encode_double(text: str) -> str:
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or char in "\x7f\x85\u2028\u2029":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _plain_safe(text: str) -> bool:
    """True when ``text`` reads back from YAML as this very string, unquoted."""
    return bool(
        text
        and text == text.strip()
        and text[0] not in _INDICATORS
        and ": " not in text
        and " #" not in text
        and "\t" not in text
        and not text.endswith(":")
        and not any(ord(char) < 0x20 or char in "\x7f\x85\u2028\u2029\ufeff" for char in text)
        and not _SPECIAL.fullmatch(text)
    )


def write_plain(translation: str, segment: Segment, newline: str) -> str:
    text = single_line(translation).strip(TRIM)
    return text if _plain_safe(text) else _encode_double(text)


def write_single(translation: str, segment: Segment, newline: str) -> str:
    return "'" + single_line(translation).strip(TRIM).replace("'", "''") + "'"


def write_double(translation: str, segment: Segment, newline: str) -> str:
    return _encode_double(single_line(translation).strip(TRIM))


WRITERS = {"yaml plain": write_plain, "yaml single": write_single, "yaml double": write_double}
