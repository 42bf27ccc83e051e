"""The site rule: where each edition of a document goes and how references between editions
are written. One rule for every format, so a link, an image, the table of contents and the
language switcher always agree.

An edition mirrors its source: ``source/android/aidl/birthday-service.md`` becomes
``<lang>/android/aidl/birthday-service<suffix>`` in the build folder, and every file a
document refers to is copied to the same place relative to it, so relative references that
work in the source tree work in every edition. A link to another document's ``.md`` goes to
that document's edition in the same language and format (``.html`` for HTML and PDF, kept
``.md`` in Markdown editions), anchors and queries kept; when that edition is not published
(below the release threshold), it goes to the source language's edition and says so.
"""

from __future__ import annotations

import functools
import hashlib
import json
import posixpath
import re
import urllib.parse
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import PurePosixPath

from editions.render.edition import (
    BILINGUAL,
    BILINGUAL_HTML,
    BILINGUAL_PDF,
    HTML,
    MARKDOWN,
    PDF,
    TEXT,
    autonym,
    edition_suffix,
    html_lang,
)

NOT_LOCAL = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:|/|#|$")
"""References that name no file of the project: a URL scheme, site-absolute, a fragment."""
LINKED_FORMAT = {
    MARKDOWN: MARKDOWN,
    HTML: HTML,
    BILINGUAL_HTML: BILINGUAL_HTML,
    PDF: HTML,
    BILINGUAL_PDF: BILINGUAL_HTML,
    TEXT: HTML,
}
"""The format a link in an edition of each format goes to: a PDF links the site's pages."""
REFERENCE_ATTRIBUTES = {"href", "src", "poster", "data"}
"""Attributes of raw HTML that name a file the page needs or links."""


def edition_file(language: str, page: str, fmt: str) -> PurePosixPath:
    """Where an edition goes, relative to the build folder: ``<lang>/<page><suffix>``."""
    return PurePosixPath(language, page + edition_suffix(fmt))


def relative_href(origin: PurePosixPath, target: PurePosixPath, tail: str = "") -> str:
    """A relative URL from the file ``origin`` to the file ``target`` (both relative to the
    build folder), percent-encoded, with ``tail`` (``?query#fragment``) appended."""
    here, there = origin.parts[:-1], target.parts
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    relative = "/".join(("..",) * (len(here) - common) + there[common:])
    return urllib.parse.quote(relative, safe="/-._~!$&'()*+,;=:@") + tail


@dataclass(frozen=True, slots=True)
class LocalReference:
    """A reference to a file of the project: the file (relative to the source folder) and
    what followed its path (``?query#fragment``, as written)."""

    path: str
    tail: str
    fragment: str


def local_reference(ref: str, document_page: str) -> LocalReference | None:
    """``ref`` written in the document at ``document_page``, resolved to a path under the
    source folder; None for a URL, a site-absolute path or a fragment alone. A path that
    climbs out of the source folder keeps its ``..`` (the caller refuses it)."""
    ref = ref.strip()
    if NOT_LOCAL.match(ref):
        return None
    cut = min((i for i in (ref.find("?"), ref.find("#")) if i >= 0), default=len(ref))
    path, tail = urllib.parse.unquote(ref[:cut]), ref[cut:]
    fragment = urllib.parse.unquote(tail.split("#", 1)[1]) if "#" in tail else ""
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(document_page), path))
    if path.endswith("/") and not joined.endswith("/"):
        joined += "/"
    return LocalReference(path=joined, tail=tail, fragment=fragment)


def document_page(reference: LocalReference | None, pages: frozenset[str]) -> str | None:
    """The page a reference opens, when it names a document (``.md``) among ``pages``."""
    if reference is None or not reference.path.endswith(".md"):
        return None
    page = reference.path[: -len(".md")]
    return page if page in pages else None


@dataclass(frozen=True, slots=True)
class Link:
    """Where a reference goes in one edition: the URL to write, and the language of the
    target when it is not the page's own (a fallback to the source edition)."""

    href: str
    fallback_language: str | None = None
    fallback_label: str = ""
    """The fallback language's own name, which the page shows after the link."""


class Site:
    """The documents of one build and which languages publish each: answers where any
    reference of any edition goes."""

    def __init__(
        self,
        pages: Iterable[str],
        published: Iterable[tuple[str, str]],
        source_language: str,
        formats: Iterable[str],
    ) -> None:
        self.pages = frozenset(pages)
        self.published = frozenset(published)
        """(page, language) of every edition published."""
        self.source_language = source_language
        self.formats = frozenset(formats)

    @functools.cached_property
    def digest(self) -> str:
        """Changes whenever a link of some page could: a document added or removed, an
        edition published or held back, the formats built."""
        state = [sorted(self.pages), sorted(self.published), sorted(self.formats)]
        return hashlib.sha256(json.dumps(state).encode()).hexdigest()

    def target(self, page: str, language: str, fmt: str) -> tuple[PurePosixPath, str | None]:
        """The edition a link from a ``fmt`` edition in ``language`` to ``page`` opens, and
        the fallback language when that is the source's edition instead."""
        linked = LINKED_FORMAT[fmt]
        if linked not in self.formats:
            linked = fmt  # a PDF-only build links PDFs
        if (page, language) in self.published:
            return edition_file(language, page, linked), None
        if linked in BILINGUAL:
            linked = HTML
        fallback = self.source_language if language != self.source_language else None
        return edition_file(self.source_language, page, linked), fallback

    def link(self, ref: str, page: str, language: str, fmt: str) -> Link | None:
        """The rewritten reference, or None to keep ``ref`` as written (a URL, a fragment,
        a file copied beside the page, or a ``.md`` that is no document of the site)."""
        reference = local_reference(ref, page)
        if reference is None:
            return None
        target_page = document_page(reference, self.pages)
        if target_page is None:
            return None
        origin = edition_file(language, page, fmt)
        target, fallback = self.target(target_page, language, fmt)
        label = autonym(fallback) if fallback else ""
        return Link(relative_href(origin, target, reference.tail), fallback, label)

    def rewriter(self, page: str, language: str, fmt: str) -> Callable[[str], Link | None]:
        """:meth:`link` for one edition."""
        return lambda ref: self.link(ref, page, language, fmt)


# ---------------------------------------------------------------------------------------------
# Raw HTML


class _StartTags(HTMLParser):
    """Start tags of an HTML fragment with their offsets and attributes (the stdlib parser,
    which tokenizes as browsers do: quoted, unquoted and entity-encoded values)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[int, str, str, list[tuple[str, str | None]]]] = []
        self._line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, column = self.getpos()
        offset = self._line_starts[line - 1] + column
        self.tags.append((offset, tag, self.get_starttag_text() or "", attrs))

    handle_startendtag = handle_starttag


def html_references(text: str) -> list[tuple[str, str, str]]:
    """``(tag, attribute, value)`` of every reference attribute in raw HTML ``text``."""
    return [
        (tag, name, value)
        for _, tag, _, attrs in _StartTags(text).tags
        for name, value in attrs
        if name in REFERENCE_ATTRIBUTES and value
    ]


def rewrite_html(text: str, rewrite: Callable[[str], Link | None]) -> str:
    """``text`` with each reference attribute the site moves rewritten; the rest of the
    fragment byte for byte as written."""
    parts: list[str] = []
    position = 0
    for offset, _, written, attrs in _StartTags(text).tags:
        changes = {
            name: link
            for name, value in attrs
            if name in REFERENCE_ATTRIBUTES and value and (link := rewrite(value)) is not None
        }
        if not changes or text[offset : offset + len(written)] != written:
            continue
        parts.append(text[position:offset])
        parts.append(_with_attributes(written, changes))
        position = offset + len(written)
    parts.append(text[position:])
    return "".join(parts)


_ATTRIBUTE = re.compile(
    r"""(?P<lead>\s)(?P<name>[^\s"'>/=]+)(?:\s*=\s*(?P<value>"[^"]*"|'[^']*'|[^\s"'=<>`]+))?"""
)


def _with_attributes(tag: str, changes: Mapping[str, Link]) -> str:
    import html

    def replace(match: re.Match[str]) -> str:
        name = match["name"].lower()
        if name not in changes or match["value"] is None:
            return match.group(0)
        link = changes[name]
        written = f'{match["lead"]}{match["name"]}="{html.escape(link.href, quote=True)}"'
        if link.fallback_language and name == "href":
            written += f' hreflang="{html.escape(html_lang(link.fallback_language))}"'
            written += f' data-language="{html.escape(link.fallback_label)}"'
        return written

    return _ATTRIBUTE.sub(replace, tag)


# ---------------------------------------------------------------------------------------------
# Heading ids


def slug(text: str) -> str:
    """The id of a heading with this plain text, as GitHub and mdBook write it: lower case,
    punctuation dropped, spaces as hyphens (letters of any script kept)."""
    kept = "".join(c for c in text.strip().lower() if c.isalnum() or c in " -_")
    return re.sub(r" ", "-", kept) or "section"


def unique_slugs(texts: Iterable[str]) -> list[str]:
    """:func:`slug` of each heading, a repeated one numbered ``-1``, ``-2``, … as GitHub does."""
    seen: dict[str, int] = {}
    ids: list[str] = []
    for text in texts:
        base = slug(text)
        candidate, count = base, seen.get(base, 0)
        while candidate in seen:
            count += 1
            candidate = f"{base}-{count}"
        seen[base] = count
        seen[candidate] = seen.get(candidate, 0)
        ids.append(candidate)
    return ids
