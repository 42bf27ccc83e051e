"""The build manifest: what each output was made from, so a rebuild redoes only what changed.

It lives at ``OUT/.editions-build.json``. ``units`` caches, per document and language, the
digest of its inputs (source, catalog, options) and what was learned from them (published?
which passages fall back?), so an unchanged unit is never parsed again; ``outputs`` records,
per output file, the digest of everything it was rendered from (unit, format, templates,
sibling editions) and the size and mtime it was written with.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from editions.fsio import write_if_changed

MANIFEST_NAME = ".editions-build.json"
MANIFEST_FORMAT = 1


def digest_of(*parts: bytes | str) -> str:
    """A SHA-256 over ``parts``, each length-prefixed so concatenations cannot collide."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


@dataclass(slots=True)
class Manifest:
    """The manifest as loaded; ``units`` and ``outputs`` are updated in place by a build."""

    path: Path
    units: dict[str, dict[str, Any]] = field(default_factory=dict)
    outputs: dict[str, dict[str, Any]] = field(default_factory=dict)
    changed: bool = False
    """True once this build changed something; an unchanged manifest is not even serialised."""

    def record_unit(self, key: str, status: dict[str, Any]) -> None:
        self.units[key] = status
        self.changed = True

    def forget_output(self, relative: str) -> None:
        if self.outputs.pop(relative, None) is not None:
            self.changed = True

    def output_current(self, relative: str, digest: str, path: Path) -> bool:
        """True when ``path`` was written from inputs with ``digest`` and is untouched since."""
        record = self.outputs.get(relative)
        if record is None or record.get("digest") != digest:
            return False
        try:
            stat = path.stat()
        except FileNotFoundError:
            return False
        return bool(stat.st_size == record.get("size") and stat.st_mtime_ns == record.get("mtime"))

    def record_output(self, relative: str, digest: str, path: Path, **about: str) -> None:
        stat = path.stat()
        self.outputs[relative] = {
            "digest": digest,
            "size": stat.st_size,
            "mtime": stat.st_mtime_ns,
            **about,
        }
        self.changed = True

    def save(self) -> bool:
        """Write the manifest if it changed; True when written."""
        if not self.changed:
            return False
        data = {"format": MANIFEST_FORMAT, "units": self.units, "outputs": self.outputs}
        return write_if_changed(self.path, json.dumps(data, indent=1, sort_keys=True) + "\n")


def load_manifest(out_dir: Path) -> Manifest:
    """The manifest of ``out_dir``; an absent, unreadable or outdated one starts empty."""
    path = out_dir / MANIFEST_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Manifest(path=path)
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        return Manifest(path=path)
    units = data.get("units")
    outputs = data.get("outputs")
    if not isinstance(units, dict) or not isinstance(outputs, dict):
        return Manifest(path=path)
    return Manifest(path=path, units=units, outputs=outputs)


def remove_output(path: Path) -> bool:
    """Delete an output a build no longer publishes; True when there was one."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        return False
    return True
