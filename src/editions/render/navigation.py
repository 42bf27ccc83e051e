"""The book's navigation: a table of contents in reading order, from ``source/SUMMARY.md``
(mdBook's convention) or ``[render] nav`` in the configuration.

``SUMMARY.md`` is a document like the others (its link texts are translated in its catalog),
so each language's table of contents is read from that language's ``SUMMARY``: nested list
items linking a document are chapters, an item without a link is a chapter not written yet,
headings are part titles. With ``[render] nav`` (a list of source files), each entry is the
document's title in the page's language.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from markdown_it.token import Token
from markupsafe import Markup, escape

from editions.project import Project
from editions.render.edition import autonym
from editions.render.html import ParsedDocument, plain_text
from editions.render.site import Site, document_page, local_reference, relative_href

if TYPE_CHECKING:
    from editions.render.unit import Unit

SUMMARY = "SUMMARY"
"""The page of the table of contents, mdBook's ``SUMMARY.md`` at the top of ``source/``."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the table of contents: a chapter (``page`` set), a chapter not written
    yet, or a part title (``part``), at a nesting ``depth`` (0 at the top)."""

    title: str
    page: str | None
    depth: int
    part: bool = False


@dataclass
class Navigation:
    """The table of contents of a build, per language (none: the source has none).

    Read lazily: a build that renders nothing never parses ``SUMMARY.md``; what the pages'
    digests need is known without it (the inputs the table of contents is read from)."""

    readers: dict[str, Callable[[], list[Entry]]] = field(default_factory=dict)
    """Per language, how to read its table of contents."""
    inputs: dict[str, str] = field(default_factory=dict)
    """Per language, a digest of everything its table of contents is read from."""
    _entries: dict[str, list[Entry]] = field(default_factory=dict)
    _rendered: dict[tuple[str, str, str], _Rendered] = field(default_factory=dict)

    @classmethod
    def of(cls, project: Project, units: Iterable[Unit], site: Site) -> Navigation:
        """From ``SUMMARY.md`` in each language, else ``[render] nav``, else none."""
        units = list(units)
        summaries = {u.language: u for u in units if u.document.page == SUMMARY}
        if summaries:
            return cls(
                {lang: _summary_reader(u, site.pages) for lang, u in summaries.items()},
                {lang: u.digest for lang, u in summaries.items()},
            )
        nav = project.settings.render.nav
        if not nav:
            return cls()
        by_language: dict[str, list[Unit]] = {}
        for unit in units:
            by_language.setdefault(unit.language, []).append(unit)
        return cls(
            {lang: _listed_reader(nav, group, site.pages) for lang, group in by_language.items()},
            {
                lang: _digest([list(nav), [u.digest for u in group]])
                for lang, group in by_language.items()
            },
        )

    def digest(self, language: str) -> str:
        """Changes when the inputs of the table of contents of ``language`` do."""
        return self.inputs.get(language, "")

    def entries(self, language: str) -> list[Entry]:
        if language not in self._entries:
            reader = self.readers.get(language)
            self._entries[language] = reader() if reader is not None else []
        return self._entries[language]

    def context(self, site: Site, page: str, language: str, fmt: str) -> dict[str, object]:
        """What the page template shows: ``toc`` (the table of contents' items as HTML,
        this page marked current; "" without one) and the ``previous`` and ``next``
        chapters. The items are rendered once per folder, language and format (their
        links are relative to the folder), so a page costs one join, not a render of
        every entry."""
        entries = self.entries(language)
        if not entries:
            return {"toc": "", "previous": None, "next": None}
        folder = page.rpartition("/")[0]
        key = (language, fmt, folder)
        if key not in self._rendered:
            self._rendered[key] = _Rendered.of(entries, site, language, fmt, folder)
        rendered = self._rendered[key]
        items = list(rendered.items)
        for at in rendered.positions.get(page, ()):
            entry = entries[at]
            items[at] = (
                f'<li class="depth-{entry.depth}"><span aria-current="page">'
                f"{escape(entry.title)}</span></li>\n"
            )
        before, after = neighbours(entries, page)
        return {
            "toc": Markup("".join(items)),
            "previous": rendered.linked(before),
            "next": rendered.linked(after),
        }


@dataclass(frozen=True, slots=True)
class _Rendered:
    """The table of contents' items for the pages of one folder: HTML, each entry's
    position, and each page's link from there."""

    items: tuple[str, ...]
    positions: dict[str, list[int]]
    links: dict[str, tuple[str, str]]

    @classmethod
    def of(
        cls, entries: Sequence[Entry], site: Site, language: str, fmt: str, folder: str
    ) -> _Rendered:
        here = PurePosixPath(language, folder, "page")
        items: list[str] = []
        positions: dict[str, list[int]] = {}
        links: dict[str, tuple[str, str]] = {}
        for at, entry in enumerate(entries):
            title = escape(entry.title)
            if entry.part:
                items.append(f'<li class="part">{title}</li>\n')
                continue
            if entry.page is None:
                items.append(f'<li class="depth-{entry.depth} unwritten">{title}</li>\n')
                continue
            positions.setdefault(entry.page, []).append(at)
            if entry.page not in links:
                target, fallback = site.target(entry.page, language, fmt)
                links[entry.page] = (
                    relative_href(here, target),
                    autonym(fallback) if fallback else "",
                )
            href, label = links[entry.page]
            marker = f' data-language="{escape(label)}"' if label else ""
            items.append(
                f'<li class="depth-{entry.depth}"><a href="{escape(href)}"{marker}>'
                f"{title}</a></li>\n"
            )
        return cls(tuple(items), positions, links)

    def linked(self, entry: Entry | None) -> dict[str, str] | None:
        if entry is None or entry.page is None:
            return None
        href, fallback = self.links[entry.page]
        return {"title": entry.title, "href": href, "fallback": fallback}


def _summary_reader(unit: Unit, pages: frozenset[str]) -> Callable[[], list[Entry]]:
    return lambda: summary_entries(unit.parsed, pages)


def _listed_reader(
    nav: Sequence[str], units: Sequence[Unit], pages: frozenset[str]
) -> Callable[[], list[Entry]]:
    return lambda: listed_entries(nav, {u.document.page: u.title for u in units}, pages)


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value).encode()).hexdigest()


def summary_entries(parsed: ParsedDocument, pages: frozenset[str]) -> list[Entry]:
    """The table of contents ``SUMMARY.md`` (parsed, in one language) describes; a link to
    a file that is no document of the site becomes an entry without a page."""
    entries: list[Entry] = []
    depth = -1
    seen_title = False
    tokens = parsed.tokens
    for index, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "heading_open" and depth < 0 and (entries or seen_title):
            title = plain_text(tokens[index + 1].children or ())
            entries.append(Entry(title=title, page=None, depth=0, part=True))
        elif token.type == "heading_open" and depth < 0:
            seen_title = True  # the first heading is the book's title ("# Summary")
        elif token.type == "inline" and depth >= 0 and _opens_item(tokens, index):
            title, href = _first_link(token.children or ())
            page = _page(href, pages) if href else None
            entries.append(Entry(title=title, page=page, depth=depth))
    return entries


def listed_entries(
    nav: Sequence[str], titles: Mapping[str, str], pages: frozenset[str]
) -> list[Entry]:
    """The table of contents ``[render] nav`` gives: one entry per listed document."""
    entries: list[Entry] = []
    for written in nav:
        page = _page(written, pages)
        if page is not None:
            entries.append(Entry(title=titles.get(page, page), page=page, depth=0))
    return entries


def neighbours(entries: Sequence[Entry], page: str) -> tuple[Entry | None, Entry | None]:
    """The chapters before and after ``page`` in reading order (None at either end)."""
    chapters = [e for e in entries if e.page is not None]
    at = next((i for i, e in enumerate(chapters) if e.page == page), None)
    if at is None:
        return None, None
    before = chapters[at - 1] if at > 0 else None
    after = chapters[at + 1] if at + 1 < len(chapters) else None
    return before, after


def _opens_item(tokens: Sequence[Token], index: int) -> bool:
    """True for the first inline token of a list item (a paragraph directly in it)."""
    return (
        index >= 2
        and tokens[index - 1].type == "paragraph_open"
        and tokens[index - 2].type == "list_item_open"
    )


def _first_link(children: Sequence[Token]) -> tuple[str, str | None]:
    """The text of a list item's first link and its destination, else the item's text."""
    for start, child in enumerate(children):
        if child.type != "link_open":
            continue
        end = next(
            (i for i in range(start + 1, len(children)) if children[i].type == "link_close"),
            len(children),
        )
        return plain_text(children[start + 1 : end]), str(child.attrs.get("href", ""))
    return plain_text(children), None


def _page(href: str, pages: frozenset[str]) -> str | None:
    return document_page(local_reference(href, SUMMARY), pages)
