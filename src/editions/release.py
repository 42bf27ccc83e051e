"""``editions release``: from reviewed catalogs to a verifiable, reproducible release.

One call runs the release gate (the findings of ``check --release``; any error and nothing
is written), builds every edition (Markdown, HTML, bilingual HTML, PDF, bilingual PDF, plain
text) incrementally in the project's state folder, and writes ``OUT/<name>-<version>/`` and
one archive beside it. The archive holds the editions and ``manifest.json``: documents,
languages, reviewed share, source commit, catalog revisions, who drafted (tool and model),
the browser that printed, and the SHA-256 of every file. Entries are sorted, owned by root,
dated ``SOURCE_DATE_EPOCH`` (see :mod:`editions.sourcedate`), so the same inputs give the
same bytes; :func:`verify` checks an archive (or folder) against its manifest.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import shutil
import tarfile
import tempfile
import zipfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import Any

from editions import __version__
from editions.checks import has_errors, run_checks
from editions.checks.model import Finding
from editions.errors import EditionsError, ProjectError
from editions.fsio import atomic_write_bytes
from editions.pofile import load_catalog
from editions.project import Project
from editions.provenance import read_provenance
from editions.render import BuildReport, build
from editions.render.edition import (
    BILINGUAL_HTML,
    BILINGUAL_PDF,
    HTML,
    MARKDOWN,
    PDF,
    TEXT,
)
from editions.render.manifest import Manifest, load_manifest
from editions.sourcedate import source_commit, source_date_epoch

RELEASE_FORMATS = (MARKDOWN, HTML, BILINGUAL_HTML, PDF, BILINGUAL_PDF, TEXT)
ARCHIVE_FORMATS = ("tar.gz", "zip")
MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1
_VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z._+~-]*")


class ReleaseBlocked(EditionsError):
    """The release gate failed: ``findings`` say what blocks it. Nothing was written."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        errors = [f for f in findings if f.severity.value == "error"]
        super().__init__(
            f"release blocked by {len(errors)} finding(s); nothing was written",
            hint="fix or review the entries named above, then run 'editions release' again",
        )
        self.findings = list(findings)


@dataclass(frozen=True, slots=True)
class Release:
    """What ``release`` made: the folder, the archive and the manifest they hold."""

    name: str
    version: str
    folder: Path
    archive: Path
    manifest: dict[str, Any]
    build: BuildReport
    archive_written: bool
    """False when an identical archive was already there (a no-change release)."""
    findings: tuple[Finding, ...] = ()
    """Warnings the gate let through."""

    @property
    def sha256(self) -> str:
        return _sha256(self.archive.read_bytes())


@dataclass(frozen=True, slots=True)
class Verification:
    """The result of checking an archive against its manifest."""

    path: Path
    checked: int
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def release(
    project: Project,
    languages: Sequence[str] | None = None,
    version: str | None = None,
    out_dir: Path | None = None,
    archive_format: str = "tar.gz",
    paper: str | None = None,
    replace: bool = False,
) -> Release:
    """Gate, build and package a release of every document (see the module doc).

    Raises :class:`ReleaseBlocked` when the gate finds errors (nothing is written) and
    refuses to overwrite an archive of the same name and version with different content
    unless ``replace``.
    """
    if archive_format not in ARCHIVE_FORMATS:
        raise ProjectError(
            f"unknown archive format {archive_format!r}", hint=f"use {' or '.join(ARCHIVE_FORMATS)}"
        )
    name = _checked_name(project.release.name or project.root.name, "release name")
    version = _checked_name(version or project.release.version or "", "version")
    findings = _gate(project, languages)
    out = (out_dir or project.root / "dist").resolve()
    base = f"{name}-{version}"
    archive = out / f"{base}.{archive_format}"
    epoch = source_date_epoch(project.root)
    report = build(
        project,
        languages=languages,
        formats=RELEASE_FORMATS,
        out_dir=project.state_dir / "release" / "build",
        paper=paper,
        strict=True,  # a release never ships a page with a missing image
    )
    build_manifest = load_manifest(report.out_dir)
    files = _built_files(build_manifest)
    manifest = _manifest(project, name, version, epoch, build_manifest, files)
    members = {**files, MANIFEST: _manifest_bytes(manifest)}
    data = _archive_bytes(base, members, epoch, archive_format)
    written = _write_archive(archive, data, replace)
    _write_folder(out / base, members)
    return Release(
        name=name,
        version=version,
        folder=out / base,
        archive=archive,
        manifest=manifest,
        build=report,
        archive_written=written,
        findings=tuple(findings),
    )


def _checked_name(value: str, what: str) -> str:
    if not value:
        raise ProjectError(
            f"no {what} given",
            hint="pass --version V, or set 'version' in the [release] table of the configuration",
        )
    if not _VERSION.fullmatch(value):
        raise ProjectError(
            f"{what} {value!r} cannot name a release file",
            hint="use letters, digits and . _ + ~ - only, starting with a letter or digit",
        )
    return value


def _gate(project: Project, languages: Sequence[str] | None) -> list[Finding]:
    """The findings of ``check --release`` over the languages released; errors block."""
    chosen: list[str | None] = [x for x in languages or () if x != project.source_language]
    findings: list[Finding] = []
    for language in chosen or [None]:
        findings.extend(run_checks(project, language=language, release=True))
    unique = list(dict.fromkeys(findings))
    if has_errors(unique):
        raise ReleaseBlocked(unique)
    return unique


def _built_files(manifest: Manifest) -> dict[str, bytes]:
    """Every file the build manifest says it published, by POSIX path under its folder."""
    out = manifest.path.parent
    files: dict[str, bytes] = {}
    for relative in sorted(manifest.outputs):
        path = out / relative
        if path.is_file():
            files[relative] = path.read_bytes()
    return files


def _manifest(
    project: Project,
    name: str,
    version: str,
    epoch: int,
    build_manifest: Manifest,
    files: dict[str, bytes],
) -> dict[str, Any]:
    commit = source_commit(project.root)
    documents = []
    for document in project.documents():
        languages = []
        for key, unit in sorted(build_manifest.units.items()):
            domain, _, language = key.rpartition("/")
            if domain != document.domain or language == project.source_language:
                continue
            languages.append(_language_record(project, document.domain, language, unit))
        documents.append(
            {
                "name": document.domain,
                "source": project.relative(document.path),
                "sha256": _sha256(document.path.read_bytes()),
                "languages": languages,
            }
        )
    outputs = build_manifest.outputs
    printers = sorted({str(r["printer"]) for r in outputs.values() if r.get("printer")})
    return {
        "format": MANIFEST_FORMAT,
        "name": name,
        "version": version,
        "date": datetime.fromtimestamp(epoch, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "source": {"commit": commit.sha, "dirty": commit.dirty} if commit else None,
        "tools": {"editions": __version__, "printer": printers},
        "documents": documents,
        "files": [
            {
                "path": relative,
                "sha256": _sha256(data),
                "size": len(data),
                **_about(outputs[relative]),
            }
            for relative, data in files.items()
        ],
    }


def _about(record: dict[str, Any]) -> dict[str, Any]:
    return {key: record[key] for key in ("document", "language", "format") if key in record}


def _language_record(
    project: Project, domain: str, language: str, unit: dict[str, Any]
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "language": language,
        "published": bool(unit.get("published")),
        "reviewed_percent": round(float(unit.get("percent", 0.0)), 2),
    }
    base = unit.get("derived_from") or language
    po = project.po_path(str(base), domain)
    if unit.get("derived_from"):
        record["derived_from"] = unit["derived_from"]
    if not po.is_file():
        return record
    catalog = load_catalog(po)
    drafted: Counter[tuple[str, str]] = Counter()
    for entry in catalog.entries:
        provenance = read_provenance(entry)
        if provenance is not None and not entry.obsolete:
            drafted[(provenance.engine, provenance.model)] += 1
    record["catalog"] = {
        "path": project.relative(po),
        "sha256": _sha256(po.read_bytes()),
        "revision": catalog.header("PO-Revision-Date") or "",
        "last_translator": catalog.header("Last-Translator") or "",
    }
    record["drafted_by"] = [
        {"engine": engine, "model": model, "entries": count}
        for (engine, model), count in sorted(drafted.items())
    ]
    return record


def _manifest_bytes(manifest: dict[str, Any]) -> bytes:
    return (json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- archives -----------------------------------------------------------------------------------


def _directories(paths: Sequence[str]) -> list[str]:
    found: set[str] = set()
    for path in paths:
        for parent in PurePosixPath(path).parents:
            if str(parent) != ".":
                found.add(str(parent))
    return sorted(found)


def _archive_bytes(base: str, members: dict[str, bytes], epoch: int, fmt: str) -> bytes:
    """The archive of ``members`` under ``base/``: sorted, root-owned, dated ``epoch``."""
    return _zip_bytes(base, members, epoch) if fmt == "zip" else _tar_bytes(base, members, epoch)


def _zip_bytes(base: str, members: dict[str, bytes], epoch: int) -> bytes:
    stamp = datetime.fromtimestamp(epoch, tz=timezone.utc).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(f"{base}/{name}", date_time=stamp)
            info.create_system = 3  # Unix, so the permissions below are read
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, members[name], compresslevel=9)
    return buffer.getvalue()


def _tar_bytes(base: str, members: dict[str, bytes], epoch: int) -> bytes:
    names = sorted(members)
    buffer = io.BytesIO()
    with (
        gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=epoch, compresslevel=9) as gz,
        tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as archive,
    ):
        for directory in ["", *_directories(names)]:
            folder = tarfile.TarInfo(f"{base}/{directory}".rstrip("/"))
            folder.type, folder.mode = tarfile.DIRTYPE, 0o755
            archive.addfile(_owned(folder, epoch))
        for name in names:
            file = tarfile.TarInfo(f"{base}/{name}")
            file.size, file.mode = len(members[name]), 0o644
            archive.addfile(_owned(file, epoch), io.BytesIO(members[name]))
    return buffer.getvalue()


def _owned(info: tarfile.TarInfo, epoch: int) -> tarfile.TarInfo:
    info.mtime = epoch
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def _write_archive(archive: Path, data: bytes, replace: bool) -> bool:
    """Write the archive; an identical one is left alone (False), a different one refused."""
    if archive.is_file():
        if archive.read_bytes() == data:
            return False
        if not replace:
            raise ProjectError(
                "a different release with this name and version already exists",
                path=archive,
                hint="give the release a new --version (a published version is a record), "
                "or pass --replace to overwrite it",
            )
    atomic_write_bytes(archive, data)
    return True


def _write_folder(folder: Path, members: dict[str, bytes]) -> None:
    """``folder`` holding exactly ``members``: staged beside it, then swapped in."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        for name, data in members.items():
            target = stage / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        old = folder.with_name(f".{folder.name}.old")
        if old.exists():
            shutil.rmtree(old)
        if folder.exists():
            os.rename(folder, old)
        os.rename(stage, folder)
        if old.exists():
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise


# -- verification -------------------------------------------------------------------------------


def verify(path: Path) -> Verification:
    """Check a release archive (``.tar.gz``, ``.zip``) or folder against its manifest:
    every listed file present with its size and SHA-256, and nothing unlisted."""
    try:
        members = dict(_read_members(path))
    except (OSError, tarfile.TarError, zipfile.BadZipFile, EOFError) as exc:
        return Verification(path, 0, (f"cannot read the release: {exc}",))
    if MANIFEST not in members:
        return Verification(path, 0, (f"no {MANIFEST} in the release",))
    try:
        manifest = json.loads(members.pop(MANIFEST))
        listed = {str(item["path"]): item for item in manifest["files"]}
    except (ValueError, KeyError, TypeError) as exc:
        return Verification(path, 0, (f"{MANIFEST} is not a release manifest: {exc}",))
    problems: list[str] = []
    for name, item in sorted(listed.items()):
        data = members.get(name)
        if data is None:
            problems.append(f"{name}: listed in the manifest but missing")
        elif len(data) != item.get("size") or _sha256(data) != item.get("sha256"):
            problems.append(f"{name}: content differs from the manifest (sha256 {_sha256(data)})")
    for name in sorted(set(members) - set(listed)):
        problems.append(f"{name}: not listed in the manifest")
    return Verification(path, len(listed), tuple(problems))


def _read_members(path: Path) -> Iterator[tuple[str, bytes]]:
    """``(path below the top folder, bytes)`` of every file of a release."""
    if path.is_dir():
        for file in sorted(p for p in path.rglob("*") if p.is_file()):
            yield file.relative_to(path).as_posix(), file.read_bytes()
        return
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if not info.is_dir():
                    yield _below_top(info.filename), archive.read(info)
        return
    with tarfile.open(path, mode="r:*") as archive:
        for member in archive.getmembers():
            if member.isfile():
                handle = archive.extractfile(member)
                if handle is not None:
                    yield _below_top(member.name), handle.read()
            elif not member.isdir():
                yield _below_top(member.name), b"(not a regular file)"


def _below_top(name: str) -> str:
    parts = PurePosixPath(name).parts
    return "/".join(parts[1:]) if len(parts) > 1 else name


__all__ = [
    "ARCHIVE_FORMATS",
    "RELEASE_FORMATS",
    "Release",
    "ReleaseBlocked",
    "Verification",
    "release",
    "verify",
]
