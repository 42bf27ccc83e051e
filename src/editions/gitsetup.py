"""The project's side of git: the ``.gitattributes`` that name the merge driver, and
whether this clone has the driver enabled (git reads drivers from its config only, never
from the repository, so each clone enables it once)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from editions.fsio import OnDisk, atomic_write_text

DRIVER = "editions"
DRIVER_COMMAND = "editions merge-driver %O %A %B %P"
ENABLE_COMMAND = f"git config merge.{DRIVER}.driver '{DRIVER_COMMAND}'"
"""The one line that enables the driver in a clone (``--global`` for every clone)."""
ATTRIBUTES = (f"*.po merge={DRIVER}", f"*.pot merge={DRIVER}")


def write_gitattributes(folder: Path) -> bool:
    """Add the driver's lines to ``folder/.gitattributes`` (kept as it is otherwise);
    True when the file changed."""
    path = folder / ".gitattributes"
    current = OnDisk.read(path)
    text = current.data.decode("utf-8") if current.data is not None else ""
    missing = [line for line in ATTRIBUTES if line not in text.splitlines()]
    if not missing:
        return False
    header = ["# editions: merge catalogs entry by entry (see docs/review.md)"]
    if text and not text.endswith("\n"):
        text += "\n"
    atomic_write_text(path, text + "\n".join([*header, *missing]) + "\n", expected=current)
    return True


@dataclass(frozen=True, slots=True)
class DriverStatus:
    """What git will do with this project's catalogs on a merge."""

    in_git: bool
    attributes: bool
    """``.gitattributes`` sends ``.po`` files to the editions driver."""
    configured: str | None
    """The command git runs for the driver in this clone (None: not enabled)."""

    @property
    def enabled(self) -> bool:
        return self.in_git and self.attributes and self.configured is not None

    def problem(self) -> str | None:
        """What is missing, in one sentence with its fix; None when the driver works."""
        if not self.in_git:
            return None
        if not self.attributes:
            return (
                "git merges the catalogs line by line: .gitattributes does not name the "
                f"editions driver; add the lines '{ATTRIBUTES[0]}' and '{ATTRIBUTES[1]}' "
                "to .gitattributes and commit it"
            )
        if self.configured is None:
            return (
                ".gitattributes names the editions merge driver, but this clone has not "
                f"enabled it, so git merges catalogs line by line; run: {ENABLE_COMMAND}"
            )
        return None


def driver_status(root: Path) -> DriverStatus:
    inside = _git(root, "rev-parse", "--is-inside-work-tree")
    if inside != "true":
        return DriverStatus(in_git=False, attributes=False, configured=None)
    probe = _git(root, "check-attr", "merge", "--", "locales/x.po")
    attributes = probe is not None and probe.endswith(f": merge: {DRIVER}")
    configured = _git(root, "config", "--get", f"merge.{DRIVER}.driver")
    return DriverStatus(in_git=True, attributes=attributes, configured=configured or None)


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() if result.returncode == 0 else None
