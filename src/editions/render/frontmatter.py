"""Front matter fields the renderer shows: the title and a locale-aware date.

The fields are read by the segmenter's one front-matter reader
(:func:`editions.segment.front_matter.read_fields`); this module only interprets them.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from babel.dates import format_date

from editions.errors import SourceError
from editions.render.edition import babel_locale
from editions.segment.front_matter import read_fields as front_matter
from editions.segment.front_matter import split_front_matter

__all__ = ["document_date", "front_matter", "localized_date", "split_front_matter"]


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
