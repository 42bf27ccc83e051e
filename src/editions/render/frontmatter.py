"""Front matter fields the renderer shows: the title and a locale-aware date.

Only flat ``key: value`` lines of a leading ``---`` block are read; the segmenter owns the
translation of fields, this module only reads what a finished edition declares.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from babel.dates import format_date

from editions.errors import SourceError
from editions.render.edition import babel_locale


def front_matter(text: str) -> dict[str, tuple[str, int]]:
    """Flat fields of the document's front matter: ``{key: (value, line)}``, lines 1-based."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return {}
    fields: dict[str, tuple[str, int]] = {}
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in ("---", "..."):
            return fields
        if not line or line[0] in " \t#-" or ":" not in line:
            continue
        key, _, value = line.partition(":")
        fields[key.strip()] = (_unquote(value.strip()), number)
    return {}  # no closing fence: not front matter


def split_front_matter(text: str) -> tuple[str, str]:
    """``text`` cut after its front matter: ``(front_matter, rest)``, ``("", text)`` if none."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return "", text
    offset = len(lines[0])
    for line in lines[1:]:
        offset += len(line)
        if line.rstrip() in ("---", "..."):
            return text[:offset], text[offset:]
    return "", text


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def document_date(text: str, path: Path | None = None) -> datetime.date | None:
    """The front matter ``date:`` as a date; a value that is not ISO 8601 is a clear error."""
    field = front_matter(text).get("date")
    if field is None or not field[0]:
        return None
    value, line = field
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        raise SourceError(
            f"front matter date {value!r} is not an ISO date",
            path=path,
            line=line,
            hint="write the date as YYYY-MM-DD, e.g. 'date: 2018-11-28'",
        ) from None


def localized_date(date: datetime.date, language: str) -> str:
    """``date`` the way ``language`` writes it in prose: November 28, 2018 / 2018年11月28日."""
    locale = babel_locale(language) or babel_locale("en")
    return str(format_date(date, format="long", locale=locale))
