"""When and from what commit a release is made: the inputs of reproducible outputs.

``SOURCE_DATE_EPOCH`` (reproducible-builds.org) wins when set; else the time of the commit
the project's git checkout stands on; else 1980-01-01, the earliest time a ZIP archive can
hold. Whatever the machine or the hour, the same inputs give the same date.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from editions.errors import ProjectError

ZIP_EPOCH = 315532800
"""1980-01-01T00:00:00Z: the first moment a ZIP timestamp can express."""


@dataclass(frozen=True, slots=True)
class Commit:
    """The git commit a project checkout stands on, and whether files differ from it."""

    sha: str
    time: int
    dirty: bool


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def source_commit(root: Path, paths: tuple[str, ...] = ()) -> Commit | None:
    """HEAD of the git checkout around ``root`` (None outside git or before a first commit);
    ``dirty`` when ``paths`` (default: everything) differ from it, untracked files included."""
    line = _git(root, "log", "-1", "--format=%H %ct")
    if not line:
        return None
    sha, time = line.split()
    status = _git(root, "status", "--porcelain", "--", *(paths or (".",)))
    return Commit(sha=sha, time=int(time), dirty=bool(status))


def source_date_epoch(root: Path) -> int:
    """The release date as a Unix time: ``SOURCE_DATE_EPOCH``, else HEAD's commit time,
    else :data:`ZIP_EPOCH`; never before 1980 (ZIP cannot say it)."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is not None and value.strip():
        try:
            epoch = int(value)
        except ValueError:
            raise ProjectError(
                f"SOURCE_DATE_EPOCH={value!r} is not a whole number of seconds",
                hint="set it to a Unix time, e.g. $(git log -1 --format=%ct)",
            ) from None
        return max(epoch, ZIP_EPOCH)
    commit = source_commit(root)
    return max(commit.time, ZIP_EPOCH) if commit else ZIP_EPOCH
