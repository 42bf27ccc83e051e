"""Provenance of machine drafts, kept as translator comments in the PO entry.

Translator comments (``# ...``) are the one place that Poedit, Weblate, Lokalize and GNU
msgmerge all keep, so a draft is recorded as two of them::

    # machine-draft: engine=argos/1.12.1 model=translate-en_zh/1.9 source=3f2a9c1e
    # machine-draft-text: 深兰科技在衢州布局

``source`` is a digest of the English the draft was made from. Comparing the recorded text
with the current msgstr tells an untouched machine draft from one a person edited; stats use
it to measure post-editing effort even after review cleared the fuzzy flag.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from editions.catalog import Entry

DRAFT_PREFIX = "machine-draft: "
DRAFT_TEXT_PREFIX = "machine-draft-text: "


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a machine draft came from: engine, model and the exact text it produced."""

    engine: str
    model: str
    source_digest: str
    draft_text: str


def source_digest(msgid: str) -> str:
    """A short stable digest of the English a draft was made from."""
    return hashlib.sha1(msgid.encode("utf-8")).hexdigest()[:8]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\n", "\\n")


def _unescape(text: str) -> str:
    out: list[str] = []
    chars = iter(text)
    for char in chars:
        if char == "\\":
            nxt = next(chars, "")
            out.append("\n" if nxt == "n" else nxt)
        else:
            out.append(char)
    return "".join(out)


def read_provenance(entry: Entry) -> Provenance | None:
    """The machine-draft provenance recorded on ``entry``, or None for human work."""
    fields: dict[str, str] = {}
    draft_text: str | None = None
    for comment in entry.translator_comments:
        if comment.startswith(DRAFT_PREFIX):
            for token in comment[len(DRAFT_PREFIX) :].split():
                name, _, value = token.partition("=")
                fields[name] = value
        elif comment.startswith(DRAFT_TEXT_PREFIX):
            draft_text = _unescape(comment[len(DRAFT_TEXT_PREFIX) :])
    if not fields or draft_text is None:
        return None
    return Provenance(
        engine=fields.get("engine", "unknown"),
        model=fields.get("model", "unknown"),
        source_digest=fields.get("source", ""),
        draft_text=draft_text,
    )


def without_provenance(entry: Entry) -> Entry:
    """``entry`` with any machine-draft comments removed, other comments kept in order."""
    kept = tuple(
        c for c in entry.translator_comments if not c.startswith((DRAFT_PREFIX, DRAFT_TEXT_PREFIX))
    )
    return entry.replace(translator_comments=kept)


def with_provenance(entry: Entry, provenance: Provenance) -> Entry:
    """``entry`` carrying ``provenance`` (replacing older provenance), other comments kept."""
    base = without_provenance(entry)
    lines = (
        f"{DRAFT_PREFIX}engine={provenance.engine} model={provenance.model} "
        f"source={provenance.source_digest}",
        f"{DRAFT_TEXT_PREFIX}{_escape(provenance.draft_text)}",
    )
    return base.replace(translator_comments=(*base.translator_comments, *lines))


def is_untouched_draft(entry: Entry) -> bool:
    """True when the entry holds exactly the machine draft recorded on it, still fuzzy."""
    provenance = read_provenance(entry)
    return provenance is not None and entry.fuzzy and entry.msgstr == provenance.draft_text
