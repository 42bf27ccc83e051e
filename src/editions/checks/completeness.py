"""Completeness: untranslated and fuzzy entries, and the per-document release threshold.

Machine drafts are fuzzy until a reviewer clears the flag. Without ``--release`` these are
warnings; with it, a document below its threshold turns each of them into an error.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from editions.catalog import Catalog, Entry, Readiness, readiness
from editions.checks.context import CheckContext
from editions.checks.model import Problem, Severity
from editions.checks.registry import check
from editions.provenance import read_provenance

RELEASE_CODES = frozenset({"W-untranslated", "W-fuzzy"})
"""Codes that ``--release`` makes errors when the document is below its threshold."""


@check("W-untranslated", Severity.WARNING, needs_translation=False)
def untranslated(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """The entry has no translation"""
    if not context.is_template and not entry.has_translation:
        yield Problem("not translated", fix="translate it (or run 'editions draft' for a draft)")


@check("W-fuzzy", Severity.WARNING)
def fuzzy(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """The entry is fuzzy: a machine draft or a changed source, not reviewed yet"""
    if context.is_template or not entry.fuzzy:
        return
    provenance = read_provenance(entry)
    if entry.previous_msgid is not None:
        change = english_change(entry.previous_msgid, entry.msgid)
        made = "drafted" if provenance is not None else "translated"
        what = f"outdated: the English changed since it was {made}: {change}"
    elif provenance is not None:
        what = f"machine draft ({provenance.engine}) not reviewed yet"
    else:
        what = "marked fuzzy (no machine draft, no previous English recorded)"
    yield Problem(what, fix="review the translation, then remove the fuzzy flag")


def english_change(previous: str, current: str, limit: int = 120) -> str:
    """What a reviewer must look at, word by word: "'jumps' → 'jumped'; + 'today'"."""
    old, new = previous.split(), current.split()
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = " ".join(old[i1:i2]), " ".join(new[j1:j2])
        if tag == "replace":
            parts.append(f"{removed!r} → {added!r}")
        elif tag == "delete":
            parts.append(f"- {removed!r}")
        elif tag == "insert":
            parts.append(f"+ {added!r}")
    text = "; ".join(parts) or "whitespace only"
    return text if len(text) <= limit else text[: limit - 1] + "…"


@check("E-release-threshold", Severity.ERROR, scope="catalog")
def release_threshold(catalog: Catalog, context: CheckContext) -> Iterator[Problem]:
    """For --release: the document is translated less than its threshold"""
    if not context.release or context.is_template:
        return
    threshold = context.config.threshold_for(context.domain)
    ready = document_readiness(catalog, context)
    if not ready.ready(threshold):
        yield Problem(
            f"{ready.percent:.1f}% reviewed ({ready.reviewed} of {ready.total} entries), "
            f"the release needs {threshold:g}%",
            fix="review the entries listed for this file, or lower [release] threshold",
        )


def release_block(catalog: Catalog, context: CheckContext) -> str | None:
    """Why ``--release`` treats this catalog's incomplete entries as errors, or None."""
    if not context.release or context.is_template:
        return None
    threshold = context.config.threshold_for(context.domain)
    ready = document_readiness(catalog, context)
    if ready.ready(threshold):
        return None
    return f"blocks the release: {ready.percent:.1f}% reviewed, the release needs {threshold:g}%"


def document_readiness(catalog: Catalog, context: CheckContext) -> Readiness:
    """The release gate's measure, over the template's messages when the catalog has one."""
    template = context.fresh_template or context.template
    messages = [entry.key for entry in template.live()] if template is not None else None
    return readiness(catalog, messages)
