"""Model management: list, install and open the Argos packages of a project.

Packages live in the project's models folder (``models-dir``, default ``.editions/models``),
never in ``~/.local``. Installing goes through ``argostranslate.package.install_from_path``
after the archive is checked, so an archive with paths escaping the folder is refused.
Nothing here reaches the network except :func:`install_from_index`, which runs only when a
person types ``editions models install en zh``.
"""

from __future__ import annotations

import stat
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
    with zipfile.ZipFile(archive) as zf:
        infos = zf.infolist()
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


def install_archive(project: Project, archive: Path) -> InstalledModel:
    """Install a local ``.argosmodel`` into the project's models folder."""
    top = check_archive(archive)
    package = argos_package_module(project.models_dir)
    try:
        package.install_from_path(archive)
    except Exception as exc:  # argostranslate raises bare Exception
        raise EditionsError(f"installing the package failed: {exc}", path=archive) from exc
    folder = project.models_dir / top
    for model in installed_models(project.models_dir):
        if model.path == folder.resolve() or model.path == folder:
            return model
    raise EditionsError(
        "the archive was unpacked but holds no translation package", path=folder / "metadata.json"
    )


def install_from_index(project: Project, source: str, target: str) -> InstalledModel:
    """Download the ``source``→``target`` package from the Argos index and install it (online)."""
    package = argos_package_module(project.models_dir)
    wanted = (argos_code(source), argos_code(target))
    package.update_package_index()
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
