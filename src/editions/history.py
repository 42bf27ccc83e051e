"""One entry's history: the records its comments hold, and the commits that changed it.

The catalog itself records approvals (``reviewed-by``), texts sent back (``needs-work``),
machine drafts (provenance) and where a text came from (``editions-origin``); git records
every version, found with ``git log -L`` over the entry's lines. Read only, for the review
page's history panel.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from editions.catalog import Entry
from editions.errors import CatalogSyntaxError
from editions.pofile import parse_catalog
from editions.provenance import read_provenance

_MARK = "\x1eeditions-commit\x1f"
_LIMIT = 20


def entry_records(entry: Entry) -> list[dict[str, str]]:
    """What the entry's comments say happened to it, in the order written."""
    from editions.review import NEEDS_WORK_PREFIX, ORIGIN_PREFIX, REVIEWED_PREFIX

    records = []
    provenance = read_provenance(entry)
    if provenance is not None:
        records.append(
            {"what": "machine draft", "detail": f"{provenance.engine} {provenance.model}".strip()}
        )
    for comment in entry.translator_comments:
        if comment.startswith(ORIGIN_PREFIX):
            records.append({"what": "text taken from", "detail": comment[len(ORIGIN_PREFIX) :]})
        elif comment.startswith(NEEDS_WORK_PREFIX):
            records.append({"what": "sent back", "detail": comment[len(NEEDS_WORK_PREFIX) :]})
        elif comment.startswith(REVIEWED_PREFIX):
            records.append({"what": "approved", "detail": comment[len(REVIEWED_PREFIX) :]})
    return records


def entry_history(root: Path, path: Path, entry: Entry) -> dict[str, object]:
    """``{"records": [...], "commits": [...], "note": str}`` for ``entry`` of ``path``;
    commits newest first (at most 20), each with the entry's text after it."""
    history: dict[str, object] = {"records": entry_records(entry), "commits": [], "note": ""}
    try:
        relative = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        history["note"] = "the catalog is outside the project"
        return history
    head = _git(root, "show", f"HEAD:{relative}")
    if head is None:
        history["note"] = "no git history for this catalog (not committed, or no git)"
        return history
    span = _lines_of(head, entry)
    if span is None:
        history["note"] = "the entry is not in the last commit yet"
        return history
    first, last = span
    log = _git(
        root,
        "log",
        f"-L{first},{last}:{relative}",
        f"--format={_MARK}%H%x1f%an <%ae>%x1f%aI%x1f%s",
        "-n",
        str(_LIMIT),
        "--no-color",
    )
    history["commits"] = [] if log is None else _commits(log, entry)
    return history


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def _lines_of(text: str, entry: Entry) -> tuple[int, int] | None:
    """The first and last line (1-based) of ``entry`` in the catalog ``text``."""
    try:
        catalog = parse_catalog(text)
    except CatalogSyntaxError:
        return None
    found = next((e for e in catalog.live() if e.key == entry.key), None)
    if found is None or not found.line:
        return None
    lines = text.split("\n")
    first = found.line - 1
    while first > 0 and lines[first - 1].startswith("#"):
        first -= 1
    last = found.line - 1
    while last + 1 < len(lines) and lines[last + 1].strip():
        last += 1
    return first + 1, last + 1


def _commits(log: str, entry: Entry) -> list[dict[str, object]]:
    commits: list[dict[str, object]] = []
    for chunk in log.split(_MARK)[1:]:
        header, _, patch = chunk.partition("\n")
        sha, author, date, subject = ([*header.split("\x1f"), "", "", "", ""])[:4]
        after = _entry_after(patch, entry)
        commits.append(
            {
                "commit": sha[:10],
                "author": author,
                "date": date,
                "subject": subject,
                "msgstr": None if after is None else after.msgstr,
                "fuzzy": None if after is None else after.fuzzy,
            }
        )
    return commits


def _entry_after(patch: str, entry: Entry) -> Entry | None:
    """The entry as the commit left it: the post-image lines of its hunk, parsed."""
    kept: list[str] = []
    in_hunk = False
    for line in patch.split("\n"):
        if line.startswith("@@"):
            in_hunk = True
        elif in_hunk and line[:1] in (" ", "+"):
            kept.append(line[1:])
    try:
        catalog = parse_catalog("\n".join(kept) + "\n")
    except CatalogSyntaxError:
        return None
    return next((e for e in catalog.entries if e.key == entry.key), None)


__all__ = ["entry_history", "entry_records"]
