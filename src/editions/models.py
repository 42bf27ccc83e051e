"""Model management: list, install and open the Argos packages of a project.

Packages live in the project's models folder (``models-dir``, default ``.editions/models``),
never in ``~/.local``. Installing goes through ``argostranslate.package.install_from_path``
after the archive is checked, so an archive with paths escaping the folder is refused.
Nothing here reaches the network except :func:`install_from_index`, which runs only when a
person types ``editions models install en zh``.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import stat
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from editions.engines.argos import (
    ArgosEngine,
    InstalledModel,
    argos_code,
    argos_package_module,
    find_model,
    installed_models,
)
from editions.errors import EditionsError, ModelMissingError
from editions.fsio import atomic_write_bytes
from editions.project import Project


def list_models(project: Project) -> list[InstalledModel]:
    """The Argos packages installed in the project's models folder."""
    return installed_models(project.models_dir)


def check_archive(archive: Path) -> str:
    """Refuse an archive that is not a zip or holds paths escaping the folder; its top folder.

    Every member must sit under one top-level folder that holds ``metadata.json``; absolute
    paths, ``..``, backslashes and symbolic links are refused.
    """
    if not archive.is_file():
        raise EditionsError(
            "no such file", path=archive, hint="give the path of a .argosmodel file"
        )
    if not zipfile.is_zipfile(archive):
        raise EditionsError(
            "not an Argos package (an .argosmodel file is a zip archive)", path=archive
        )
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise EditionsError(
            f"damaged Argos package: {exc}", path=archive, hint="download the package again"
        ) from exc
    unpacked = sum(info.file_size for info in infos)
    packed = max(archive.stat().st_size, 1)
    if unpacked > MAX_UNPACKED_BYTES or (
        unpacked > SUSPECT_UNPACKED_BYTES and unpacked > MAX_RATIO * packed
    ):
        raise EditionsError(
            f"refusing archive: it would unpack to {unpacked / 2**20:,.0f} MiB from "
            f"{packed / 2**20:,.1f} MiB (model weights barely compress: a zip bomb?)",
            path=archive,
        )
    tops: set[str] = set()
    for info in infos:
        name = info.filename
        parts = PurePosixPath(name).parts
        unsafe = (
            name.startswith(("/", "\\"))
            or "\\" in name
            or ".." in parts
            or (len(name) > 1 and name[1] == ":")
            or stat.S_ISLNK(info.external_attr >> 16)
        )
        if unsafe:
            raise EditionsError(
                f"refusing archive: member {name!r} would be written outside the models folder",
                path=archive,
                hint="use a package from the Argos index or rebuild the archive",
            )
        if parts:
            tops.add(parts[0])
    if len(tops) != 1:
        raise EditionsError(
            "refusing archive: an Argos package holds exactly one top-level folder",
            path=archive,
        )
    top = tops.pop()
    if f"{top}/metadata.json" not in {info.filename for info in infos}:
        raise EditionsError(f"refusing archive: no {top}/metadata.json", path=archive)
    return top


MAX_UNPACKED_BYTES = 8 * 2**30
"""No Argos package unpacks to more than this (real ones are a few hundred MiB)."""
SUSPECT_UNPACKED_BYTES = 64 * 2**20
MAX_RATIO = 20
"""Weights barely compress; a large archive that unpacks to 20 times its size is refused."""


def install_archive(project: Project, archive: Path) -> InstalledModel:
    """Install a local ``.argosmodel`` into the project's models folder.

    ``argostranslate.package.install_from_path`` unpacks it into a staging folder beside the
    models; only a package whose metadata checks out replaces an installed one (one rename),
    so a damaged archive never harms the model that works.
    """
    top = check_archive(archive)
    models_dir = project.models_dir
    models_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=models_dir))
    try:
        package = argos_package_module(staging)
        try:
            package.install_from_path(archive)
        except Exception as exc:  # argostranslate raises bare Exception
            raise EditionsError(f"installing the package failed: {exc}", path=archive) from exc
        _check_metadata(staging / top / "metadata.json", archive)
        if not any(m.path.name == top for m in installed_models(staging)):
            raise EditionsError("the archive holds no translation package", path=archive)
        _swap_into_place(staging / top, models_dir / top)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        argos_package_module(models_dir)
    for model in installed_models(models_dir):
        if model.path.name == top:
            return model
    raise EditionsError(  # pragma: no cover - the swap just put it there
        "the package vanished after installing", path=models_dir / top
    )


def _check_metadata(path: Path, archive: Path) -> None:
    try:
        metadata = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EditionsError(f"damaged package metadata: {exc}", path=archive) from exc
    codes = (
        [metadata.get(key) for key in ("from_code", "to_code")]
        if isinstance(metadata, dict)
        else [None]
    )
    if not all(isinstance(code, str) and code for code in codes):
        raise EditionsError(
            "refusing archive: metadata.json is not an Argos translation package's "
            "(a table with from_code and to_code)",
            path=archive,
        )


def _swap_into_place(new: Path, target: Path) -> None:
    """Replace ``target`` by ``new`` with renames only; the old one is removed last."""
    retired = target.with_name(f".retired-{target.name}")
    shutil.rmtree(retired, ignore_errors=True)
    if target.exists():
        target.rename(retired)
    try:
        new.rename(target)
    except OSError:
        if retired.exists():
            retired.rename(target)
        raise
    with contextlib.suppress(OSError):
        shutil.rmtree(retired)


def install_from_index(project: Project, source: str, target: str) -> InstalledModel:
    """Download the ``source``→``target`` package from the Argos index and install it (online)."""
    package = argos_package_module(project.models_dir)
    wanted = (argos_code(source), argos_code(target))
    _require_index(package, wanted, project)
    try:
        available = package.get_available_packages()
    except Exception as exc:  # no index: offline
        raise EditionsError(
            f"cannot read the Argos package index: {exc}",
            hint="check the network, or download the .argosmodel elsewhere and run "
            "'editions models install PATH.argosmodel'",
        ) from exc
    matches = [p for p in available if (p.from_code, p.to_code) == wanted]
    if not matches:
        raise EditionsError(f"the Argos index has no package for {wanted[0]} → {wanted[1]}")
    try:
        download = Path(matches[0].download())
    except Exception as exc:
        raise EditionsError(
            f"download failed: {exc}",
            hint="check the network, or install a downloaded file with "
            "'editions models install PATH.argosmodel'",
        ) from exc
    try:
        return install_archive(project, download)
    finally:
        download.unlink(missing_ok=True)


def _require_index(package: object, wanted: tuple[str, str], project: Project) -> None:
    """Fetch the Argos index once, with a timeout, or say in two lines what to do offline.

    Argos itself retries and logs every failure, then recurses when the index file is
    missing; asking first keeps an offline machine to one clear message.
    """
    import urllib.error
    import urllib.request

    import argostranslate.settings as settings

    url = str(settings.remote_package_index)
    try:
        with urllib.request.urlopen(url, timeout=INDEX_TIMEOUT_SECONDS) as response:
            data = response.read()
        json.loads(data)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        name = f"translate-{wanted[0]}_{wanted[1]}"
        known = LAST_KNOWN_PACKAGES.get(wanted)
        fetch = (
            f"{known[0]} ({known[1]}, as the index listed it in 2026)"
            if known
            else f"the {name} package this index lists ({name}-<version>.argosmodel)"
        )
        raise EditionsError(
            f"cannot reach the Argos package index ({url}): {reason}",
            hint=f"on a connected machine, download {fetch}, copy it here and run "
            f"'editions models install --project {project.root} PATH.argosmodel'",
        ) from None
    index = Path(settings.local_package_index)
    index.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(index, data)


INDEX_TIMEOUT_SECONDS = 15
LAST_KNOWN_PACKAGES = {
    ("en", "zh"): (
        "https://argos-net.com/v1/translate-en_zh-1_9.argosmodel",
        "translate-en_zh 1.9, about 150 MB",
    ),
}
"""The index entry of the packages this project uses, for the offline message."""


def install_command(source: str, target: str, options: str = "") -> str:
    """The command that installs the model a draft needs (``options``: e.g. ``--project D``)."""
    words = ["editions", "models", "install", *options.split(), argos_code(source)]
    return " ".join([*words, argos_code(target)])


def require_model(
    project: Project, source: str, target: str, *, options: str = ""
) -> InstalledModel:
    """The model for ``source``→``target``, or a ModelMissingError naming the command to run."""
    model = find_model(project.models_dir, source, target)
    if model is None:
        archive_command = " ".join(["editions models install", *options.split(), "PATH.argosmodel"])
        raise ModelMissingError(
            f"no Argos model for {argos_code(source)} → {argos_code(target)} is installed",
            path=project.relative(project.models_dir),
            hint=f"run '{install_command(source, target, options)}' (downloads it once), "
            f"or '{archive_command}' for a package file you have",
        )
    return model


def load_engine(
    project: Project, target: str, *, device: str = "cpu", threads: int = 0, options: str = ""
) -> ArgosEngine:
    """The Argos engine for the project's source language into ``target``."""
    model = require_model(project, project.source_language, target, options=options)
    return ArgosEngine(model, device=device, threads=threads)
