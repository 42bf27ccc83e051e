"""Glossary: the project's required renderings are used and forbidden ones are not.

Terms come from :mod:`editions.glossary` (``locales/glossary.toml``), e.g. DeepBlue
Technology = 深兰科技 (never 深蓝科技), Quzhou = 衢州. A term is checked only in entries
whose English contains it as whole words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from editions.catalog import Entry
from editions.checks.context import CheckContext
from editions.checks.model import Problem, Severity
from editions.checks.registry import check
from editions.glossary import Glossary, Term

_Compiled = tuple[tuple[Term, str, re.Pattern[str]], ...]
_CACHE: dict[tuple[int, str], tuple[Glossary, _Compiled]] = {}


def compiled_terms(glossary: Glossary, language: str) -> _Compiled:
    """The glossary's terms for ``language`` with their patterns, compiled once per glossary."""
    key = (id(glossary), language)
    cached = _CACHE.get(key)
    if cached is None or cached[0] is not glossary:
        terms = tuple((t, target, t.pattern()) for t, target in glossary.for_language(language))
        cached = (glossary, terms)
        _CACHE[key] = cached
    return cached[1]


def _terms_in(entry: Entry, context: CheckContext) -> Iterator[tuple[Term, str]]:
    if not context.language or not context.glossary.terms:
        return
    sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
    for term, target, pattern in compiled_terms(context.glossary, context.language):
        if any(pattern.search(source) for source in sources):
            yield term, target


@check("E-glossary-term", Severity.ERROR, needs_glossary=True)
def glossary_term(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """A glossary term of the source is not rendered with the glossary's translation"""
    missing = [
        (term, target)
        for term, target in _terms_in(entry, context)
        if not all(target in form for form in entry.translations if form)
    ]
    if missing:
        shown = ", ".join(f"{term.source} = {target}" for term, target in missing)
        yield Problem(
            f"glossary term not followed: {shown}",
            fix="use the glossary rendering"
            + "".join(f" ({term.note})" for term, _ in missing if term.note),
        )


@check("E-glossary-forbidden", Severity.ERROR, needs_glossary=True)
def glossary_forbidden(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """The translation uses a rendering the glossary forbids for a term of the source"""
    language = context.language or ""
    for term, target in _terms_in(entry, context):
        rest = [form.replace(target, "\0") for form in entry.translations]
        used = [bad for bad in term.forbidden.get(language, ()) if any(bad in r for r in rest)]
        if used:
            yield Problem(
                f"{term.source} rendered as {'/'.join(used)}, which the glossary forbids",
                fix=f"write {target} instead",
            )
