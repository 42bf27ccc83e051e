"""Merge conflicts the git driver wrote and nobody has settled yet.

A conflict entry is fuzzy (gettext ignores it), so an entry check would be capped at a
warning; these are catalog checks, errors in every run: a catalog holding two texts for one
entry is not ready for a release, whatever its threshold.
"""

from __future__ import annotations

from collections.abc import Iterator

from editions.catalog import Catalog
from editions.checks.context import CheckContext
from editions.checks.model import Problem, Severity, excerpt
from editions.checks.registry import check
from editions.gitmerge import HEADER_CONFLICT, read_conflict


@check("E-merge-conflict", Severity.ERROR, scope="catalog")
def merge_conflicts(catalog: Catalog, context: CheckContext) -> Iterator[Problem]:
    """Two branches changed an entry differently and the conflict is not resolved yet"""
    for comment in catalog.header_comments:
        if comment.startswith(HEADER_CONFLICT):
            yield Problem(
                f"header conflict: {comment.removeprefix(HEADER_CONFLICT)}",
                fix="set the field in the header as it must be, then delete this comment",
                line=1,
            )
    for entry in catalog.entries:
        conflict = read_conflict(entry)
        if conflict is None:
            continue
        ours, theirs = (
            excerpt(side.translations[0] if side.translations else "", 40)
            for side in (conflict.ours, conflict.theirs)
        )
        yield Problem(
            f"merge conflict: ours “{ours}”, theirs “{theirs}”",
            fix="keep one side in 'editions review' (filter: merge conflicts; Alt+1 ours, "
            "Alt+2 theirs) or edit the text and delete the editions-conflict comments",
            line=entry.line,
            msgid=excerpt(entry.msgid),
        )
