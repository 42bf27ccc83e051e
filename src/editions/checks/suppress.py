"""Per-entry suppression, written where reviewers see it: a translator comment in the .po.

    # editions-ignore: E-number-mismatch, W-length-ratio
    msgid "..."

A translator comment, not a ``#,`` flag: GNU msgmerge and msgcat drop flags they do not
know, while Poedit, Weblate and msgmerge all keep translator comments. A comment in the
header entry suppresses file-level codes (``E-charset`` and the like) for the whole file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

IGNORE_PREFIX = "editions-ignore:"
_CODES = re.compile(r"[A-Za-z]-[\w-]+")


def suppressed_codes(comments: Iterable[str]) -> frozenset[str]:
    """The codes named by ``editions-ignore:`` comments among translator ``comments``."""
    codes: set[str] = set()
    for comment in comments:
        text = comment.strip()
        if text.startswith(IGNORE_PREFIX):
            codes.update(_CODES.findall(text[len(IGNORE_PREFIX) :]))
    return frozenset(codes)


def ignore_comment(*codes: str) -> str:
    """The translator comment that suppresses ``codes`` on an entry."""
    return f"{IGNORE_PREFIX} {', '.join(codes)}"
