"""The header policy of translation catalogs: what ``update`` sets, fills or leaves alone.

msgmerge's rule: the header is the translator's. Only :data:`TEMPLATE_FIELDS` follow the
template; fields gettext needs are filled when missing; everything else is kept byte for
byte, and a wrong value is reported by the header checks, never rewritten.
"""

from __future__ import annotations

import functools
import re

from babel import Locale, UnknownLocaleError

from editions import __version__
from editions.catalog import Catalog
from editions.errors import ProjectError
from editions.plurals import language_rule


@functools.lru_cache(maxsize=64)
def plural_forms(language: str) -> str:
    """The Plural-Forms header for ``language`` from Babel's CLDR data."""
    rule = language_rule(language)
    if rule is None:
        raise ProjectError(f"unknown language code {language!r}: Babel has no plural rule")
    return rule.header


@functools.lru_cache(maxsize=64)
def language_team(language: str) -> str:
    try:
        return f"{Locale.parse(language).english_name} <{language}@li.org>"
    except (ValueError, UnknownLocaleError):
        return language


TEMPLATE_FIELDS = ("POT-Creation-Date", "Report-Msgid-Bugs-To")
"""The header fields msgmerge takes from the template; every other field is the translator's."""

REQUIRED_FIELDS: tuple[str, ...] = ("Language", "MIME-Version", "Content-Type")
REQUIRED_FIELDS += ("Content-Transfer-Encoding", "Plural-Forms")
"""Fields gettext needs: filled into an existing header that lacks them, never changed."""


def translation_headers(template: Catalog, language: str, existing: Catalog | None) -> Catalog:
    """The header of a ``language`` catalog made from ``template``, as msgmerge keeps it.

    An existing header keeps every field, comment and flag a person set (Plural-Forms,
    Last-Translator, PO-Revision-Date, unknown fields); only :data:`TEMPLATE_FIELDS` follow
    the template, missing :data:`REQUIRED_FIELDS` are filled in, and a non-UTF-8 charset is
    corrected because catalogs are written as UTF-8. A wrong or invalid value is reported by
    the header checks (``editions update`` prints them), never rewritten.
    """
    creation = template.header("POT-Creation-Date") or ""
    wanted: list[tuple[str, str]] = [
        ("Project-Id-Version", template.header("Project-Id-Version") or "PACKAGE VERSION"),
        ("Report-Msgid-Bugs-To", template.header("Report-Msgid-Bugs-To") or ""),
        ("POT-Creation-Date", creation),
        ("PO-Revision-Date", creation),
        ("Last-Translator", ""),
        ("Language-Team", language_team(language)),
        ("Language", language),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", plural_forms(language)),
        ("Generated-By", f"editions {__version__}"),
    ]
    if existing is None or not existing.headers:
        comments = (
            f"{language_team(language).split(' <')[0]} translation of "
            f"{template.header('Project-Id-Version') or 'this document'}.",
        )
        return Catalog(headers=tuple(wanted), header_comments=comments)
    catalog = Catalog(
        headers=existing.headers,
        header_comments=existing.header_comments,
        header_flags=existing.header_flags,
    )
    for name, value in wanted:
        from_template = name in TEMPLATE_FIELDS and template.header(name) is not None
        missing = name in REQUIRED_FIELDS and catalog.header(name) is None
        if from_template or missing:
            catalog = catalog.with_header(name, value)
    content_type = catalog.header("Content-Type") or ""
    if not declares_utf8(content_type):
        catalog = catalog.with_header("Content-Type", _utf8_content_type(content_type))
    return catalog


_CHARSET_RE = re.compile(r"charset\s*=\s*([\w.:-]+)", re.IGNORECASE)


def declared_charset(content_type: str) -> str | None:
    """The charset a Content-Type header value names, None when it names none."""
    match = _CHARSET_RE.search(content_type)
    return match.group(1) if match else None


def declares_utf8(content_type: str) -> bool:
    charset = declared_charset(content_type)
    return charset is not None and charset.replace("-", "").lower() == "utf8"


def _utf8_content_type(content_type: str) -> str:
    if declared_charset(content_type) is None:
        return "text/plain; charset=UTF-8"
    return _CHARSET_RE.sub("charset=UTF-8", content_type, count=1)
