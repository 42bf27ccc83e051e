"""Sync: the POT matches ``source/``, the PO matches the POT, obsolete entries stay few.

Both comparisons rebuild what the fixing command would write and compare entries, so a
finding here means exactly "running that command would change this file".
"""

from __future__ import annotations

from collections.abc import Iterator

from editions.catalog import Catalog
from editions.checks.context import CheckContext
from editions.checks.model import Problem, Severity
from editions.checks.registry import check
from editions.merge import merge_catalog


def _difference(expected: Catalog, actual: Catalog) -> str:
    wanted = {entry.key for entry in expected.live()}
    present = {entry.key for entry in actual.live()}
    added, removed = len(wanted - present), len(present - wanted)
    if added or removed:
        return f"{added} new and {removed} removed messages"
    return "references, comments or flags differ"


@check("E-pot-outdated", Severity.ERROR, scope="catalog")
def pot_outdated(catalog: Catalog, context: CheckContext) -> Iterator[Problem]:
    """The template (POT) is out of date with the source document"""
    if not context.is_template or context.fresh_template is None:
        return
    if context.fresh_template.entries != catalog.entries:
        yield Problem(
            "the template is out of date with source/ ("
            + _difference(context.fresh_template, catalog)
            + ")",
            fix="run 'editions extract' and commit the updated .pot",
        )


@check("E-po-outdated", Severity.ERROR, scope="catalog")
def po_outdated(catalog: Catalog, context: CheckContext) -> Iterator[Problem]:
    """The translation (PO) is out of date with its template (POT)"""
    if context.is_template or context.template is None or not context.language:
        return
    merged = merge_catalog(context.template, catalog, context.language)
    if merged.entries != catalog.entries:
        yield Problem(
            "the catalog is out of date with its template (" + _difference(merged, catalog) + ")",
            fix=f"run 'editions update --lang {context.language}'",
        )


@check("W-obsolete-entries", Severity.WARNING, scope="catalog")
def obsolete_entries(catalog: Catalog, context: CheckContext) -> Iterator[Problem]:
    """Obsolete (#~) entries are piling up"""
    count = sum(1 for _ in catalog.obsolete())
    limit = context.config.obsolete_limit
    if count > limit:
        first = next(catalog.obsolete())
        yield Problem(
            f"{count} obsolete entries (more than {limit})",
            fix="drop them once reused translations are safe: "
            f"msgattrib --no-obsolete -o {context.path} {context.path}",
            line=first.line,
        )
