"""Markdown editions: the source document with each block replaced by its translation.

Reassembly is :func:`editions.segment.reassemble`: every byte that is not a translatable
block stays as the author wrote it; a block without a usable translation stays English.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from editions.catalog import Catalog
from editions.render.frontmatter import split_front_matter
from editions.render.site import Link
from editions.segment import Segment, reassemble

Translate = Callable[[Segment], "str | None"]


def localized_markdown(
    source: str, translate: Translate, segments: Sequence[Segment] | None = None
) -> str:
    """The source with each translatable block replaced by ``translate``'s answer (None:
    kept); ``segments`` as the project segments it (default: the default directives)."""
    return reassemble(source, translate, segments)


def with_fallback_links(
    text: str, targets: Iterable[tuple[str, int]], rewrite: Callable[[str], Link | None]
) -> str:
    """``text`` with each link to a document that has no edition in this language pointed
    at the source language's edition (:mod:`editions.render.site`). Other links stay as
    written: a Markdown edition mirrors the source tree, so they work as they are."""
    for href in dict.fromkeys(href for href, _ in targets):
        link = rewrite(href)
        if link is None or not link.fallback_language:
            continue
        pattern = re.compile(
            rf"(\]\(\s*<?|^[ ]{{0,3}}\[[^\]\n]+\]:[ \t]*<?|=\s*[\"']|<){re.escape(href)}"
            rf"(?=[\s)>\"'])",
            flags=re.MULTILINE,
        )
        text = pattern.sub(rf"\g<1>{link.href.replace(chr(92), chr(92) * 2)}", text)
    return text


def with_draft_note(text: str, note: str) -> str:
    """``text`` with ``note`` as a visible block quote at its top, after any front matter."""
    front, rest = split_front_matter(text)
    if front and not front.endswith("\n"):
        front += "\n"
    return f"{front}> **{note}**\n\n{rest.lstrip(chr(10))}"


def draft_note_text(language: str, drafts_used: int) -> str:
    """The note a drafts build puts on top of a Markdown edition."""
    plural = "" if drafts_used == 1 else "s"
    return (
        f"Draft edition ({language}), not for publication: includes {drafts_used} "
        f"machine-drafted or unreviewed (fuzzy) translation{plural}."
    )


def markdown_from_catalog(source: str, catalog: Catalog, *, drafts: bool = False) -> str:
    """``source`` with each block that ``catalog`` translates replaced by its translation:
    reviewed entries only, or also fuzzy entries and machine drafts with ``drafts``."""
    from editions.render.translations import translations_from_catalog

    found = translations_from_catalog(catalog, drafts=drafts)
    return localized_markdown(
        source, lambda segment: found.lookup(segment.msgid, getattr(segment, "msgctxt", None))
    )
