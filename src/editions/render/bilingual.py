"""Bilingual editions: the English source and its translation side by side, block by block.

Reassembly keeps the block structure of the source, so the top-level blocks of the source
and of the translated document correspond one to one; each pair becomes a row. When they
do not (a translation that split a paragraph), the whole documents form one row instead of
pairing the wrong blocks.
"""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it.token import Token
from markupsafe import Markup

from editions.render.html import ParsedDocument, Rewrite, markup, render_tokens


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a bilingual page: a source block and its translation, as HTML."""

    source: Markup
    target: Markup
    same: bool
    """True when the translation is the English itself (no translation yet)."""


def bilingual_rows(
    source: ParsedDocument,
    translated: ParsedDocument,
    allowed: frozenset[str],
    links: Rewrite | None = None,
) -> list[Row]:
    """Pair the top-level blocks of the source with those of the translation; ``links``
    rewrites the references of both for the bilingual edition."""
    source_blocks = source.blocks()
    target_blocks = translated.blocks()
    if len(source_blocks) != len(target_blocks):
        left = render_tokens(source.tokens, source.env, allowed, links, heading_ids=False)
        right = render_tokens(translated.tokens, translated.env, allowed, links)
        same = _text_of(source.tokens) == _text_of(translated.tokens) and _has_text(source.tokens)
        return [Row(source=markup(left), target=markup(right), same=same)]
    rows: list[Row] = []
    for left_tokens, right_tokens in zip(source_blocks, target_blocks, strict=True):
        left = render_tokens(left_tokens, source.env, allowed, links, heading_ids=False)
        right = render_tokens(right_tokens, translated.env, allowed, links)
        same = _text_of(left_tokens) == _text_of(right_tokens) and _has_text(left_tokens)
        rows.append(Row(source=markup(left), target=markup(right), same=same))
    return rows


def _text_of(tokens: list[Token]) -> list[str]:
    return [t.content for t in tokens if t.type == "inline"]


def _has_text(tokens: list[Token]) -> bool:
    """True when a block holds prose a translator would translate (not code, not a rule)."""
    return any(t.type == "inline" and any(c.isalpha() for c in t.content) for t in tokens)
