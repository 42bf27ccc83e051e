"""Find and read the project configuration; every path the other modules use comes from here.

A project is a folder with ``editions.toml`` (a top-level ``[editions]`` table or bare keys)
or a ``pyproject.toml`` holding ``[tool.editions]``. Keys use dashes, as in pyproject.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from editions.config import ReleaseSettings, Settings, read_settings
from editions.errors import ProjectError

CONFIG_NAMES = ("editions.toml", "pyproject.toml")


@dataclass(frozen=True, slots=True)
class Document:
    """One source document: its catalog domain, its path, and its page (the path under
    ``source/`` without ``.md``, which every edition's path mirrors)."""

    domain: str
    path: Path
    page: str = ""


@dataclass(frozen=True, slots=True)
class Project:
    """A project's settings with every path made absolute."""

    root: Path
    config_path: Path
    source_language: str = "en"
    languages: tuple[str, ...] = ()
    source_dir: Path = Path("source")
    locales_dir: Path = Path("locales")
    build_dir: Path = Path("build")
    models_dir: Path = Path(".editions/models")
    cache_dir: Path = Path(".editions/cache")
    settings: Settings = field(default_factory=Settings)
    """The validated configuration (:mod:`editions.config`), for the rules that read it."""

    @property
    def directives(self) -> re.Pattern[str] | None:
        """The preprocessor directives a paragraph of which is kept as written and never
        extracted (``[extract] directives``; mdBook's and Hugo's by default)."""
        from editions.segment.extract import directive_pattern

        return directive_pattern(self.settings.extract.directives)

    @property
    def derived_languages(self) -> Mapping[str, str]:
        return self.settings.derived_languages

    @property
    def release(self) -> ReleaseSettings:
        return self.settings.release

    @property
    def state_dir(self) -> Path:
        """``.editions/``: locks and other working state, never committed."""
        return self.root / ".editions"

    @property
    def lock_dir(self) -> Path:
        return self.state_dir / "locks"

    def documents(self) -> list[Document]:
        """Every Markdown source document, sorted by path."""
        if not self.source_dir.is_dir():
            raise ProjectError(
                "source folder does not exist",
                path=self.source_dir,
                hint=f"create it and put the English Markdown documents in {self.source_dir}",
            )
        paths = sorted(p for p in self.source_dir.rglob("*.md") if p.is_file())
        for path in paths:
            name = self.relative(path)
            if any(ord(c) < 0x20 or c in "\x7f\u2068\u2069" for c in name):
                raise ProjectError(
                    "a source file name with a control character (a newline, a tab) or a "
                    "Unicode isolate cannot be written as a gettext reference",
                    path=repr(name),
                    hint="rename the file",
                )
        documents = [
            Document(
                domain=self.domain_of(p),
                path=p,
                page=p.relative_to(self.source_dir).with_suffix("").as_posix(),
            )
            for p in paths
        ]
        seen: dict[str, Path] = {}
        for document in documents:
            other = seen.setdefault(document.domain, document.path)
            if other != document.path:
                raise ProjectError(
                    f"two source documents map to one catalog name {document.domain!r} "
                    f"({self.relative(other)} and {self.relative(document.path)})",
                    path=document.path,
                    hint="rename one of them: catalog names join folders with '--'",
                )
        return documents

    def domain_of(self, source: Path) -> str:
        """The catalog domain of a source document: its path under source/ without suffix."""
        source = self.ensure_inside(source)
        try:
            relative = source.relative_to(self.source_dir)
        except ValueError:
            raise ProjectError(
                "source document is not in the project's source folder",
                path=source,
                hint=f"move it under {self.relative(self.source_dir)}/",
            ) from None
        return relative.with_suffix("").as_posix().replace("/", "--")

    def pot_path(self, domain: str) -> Path:
        return self.locales_dir / f"{domain}.pot"

    def po_path(self, language: str, domain: str) -> Path:
        return self.locales_dir / language / "LC_MESSAGES" / f"{domain}.po"

    def relative(self, path: Path) -> str:
        """``path`` relative to the project root, POSIX style (as catalog references use)."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def ensure_inside(self, path: Path) -> Path:
        """``path`` made absolute; a path outside the project root is refused."""
        resolved = path.resolve()
        if resolved != self.root and self.root not in resolved.parents:
            raise ProjectError(
                "file is outside the project",
                path=path,
                hint=f"editions only works on files under {self.root}",
            )
        return resolved

    def check_language(self, language: str) -> str:
        """``language`` if the project declares it, else a clear error."""
        if language not in self.languages:
            declared = ", ".join(self.languages) or "none"
            near = [lang for lang in self.languages if lang.split("_")[0] == language.split("_")[0]]
            near += difflib.get_close_matches(language, self.languages, n=1)
            hint = f"add {language!r} to 'languages' in {self.config_path.name}"
            if near:
                hint = f"did you mean --lang {near[0]}? Or {hint}"
            raise ProjectError(
                f"language {language!r} is not declared by the project (declared: {declared})",
                path=self.config_path,
                hint=hint,
            )
        return language

    def undeclared_catalogs(self) -> list[Path]:
        """Catalogs under ``locales/<lang>/LC_MESSAGES`` of a language the project does not
        declare: nothing checks, counts or builds them, so commands report them."""
        if not self.locales_dir.is_dir():
            return []
        return sorted(
            po
            for folder in self.locales_dir.iterdir()
            if folder.is_dir() and folder.name not in self.languages
            for po in (folder / "LC_MESSAGES").glob("*.po")
        )

    def orphan_catalogs(self, languages: Iterable[str] | None = None) -> list[Path]:
        """Templates and catalogs (of ``languages``, default all declared) whose source
        document is gone. ``update`` and ``check`` report them; nothing deletes them, since
        their translations are a person's work (``git rm`` them when they are not needed)."""
        if not self.locales_dir.is_dir():
            return []
        domains = {document.domain for document in self.documents()}
        found = [p for p in self.locales_dir.glob("*.pot") if p.stem not in domains]
        for language in self.languages if languages is None else languages:
            folder = self.locales_dir / language / "LC_MESSAGES"
            found += [p for p in folder.glob("*.po") if p.stem not in domains]
        return sorted(found)

    def glossary_path(self) -> Path | None:
        """The project glossary, ``locales/glossary.{toml,csv,tsv,po}``, when there is one."""
        for suffix in ("toml", "csv", "tsv", "po"):
            candidate = self.locales_dir / f"glossary.{suffix}"
            if candidate.is_file():
                return candidate
        return None


def find_project(start: Path | None = None, explicit: Path | None = None) -> Project:
    """Load the project at ``explicit``, or the nearest one upward from ``start``."""
    if explicit is not None:
        folder = explicit.resolve()
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and (settings := read_settings(candidate)) is not None:
                return _project_from(folder, candidate, settings)
        raise ProjectError(
            "no editions project here (no editions.toml, no [tool.editions] in pyproject.toml)",
            path=folder,
            hint=f"run 'editions init {explicit} --lang zh_CN' to create one",
        )
    folder = (start or Path.cwd()).resolve()
    for candidate_dir in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = candidate_dir / name
            if candidate.is_file() and (settings := read_settings(candidate)) is not None:
                return _project_from(candidate_dir, candidate, settings)
    raise ProjectError(
        "no editions project found in this folder or any folder above it",
        path=folder,
        hint="run 'editions init DIR --lang zh_CN', or pass --project DIR",
    )


_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*(?:@[a-z0-9]+)?")


def validate_language(code: object, *, where: Path | None = None, key: str = "languages") -> str:
    """``code`` if it is a language code Babel knows (``zh_CN``, ``fr``), else a clear error.

    Language codes become folder names (``locales/<code>/``), so nothing else may pass.
    """
    from babel import Locale, UnknownLocaleError

    if not isinstance(code, str) or not _LANGUAGE_CODE.fullmatch(code):
        raise ProjectError(
            f"'{key}': {code!r} is not a language code",
            path=where,
            hint="use a code such as zh_CN, zh_TW, ja or fr",
        )
    try:
        Locale.parse(code.split("@")[0], sep="-" if "-" in code else "_")
    except (ValueError, UnknownLocaleError):
        raise ProjectError(
            f"'{key}': unknown language code {code!r}",
            path=where,
            hint="use a code such as zh_CN, zh_TW, ja or fr",
        ) from None
    return code


def _project_from(root: Path, config_path: Path, settings: Settings) -> Project:
    """The project at ``root``: paths made absolute and kept inside it, languages checked."""

    def folder(key: str, value: str) -> Path:
        if not value or "\0" in value:
            raise ProjectError(f"'{key}' must be a folder name", path=config_path)
        path = (root / value).resolve()
        if PurePath(value).is_absolute() or (path != root and root not in path.parents):
            raise ProjectError(
                f"'{key}' = {value!r} lies outside the project",
                path=config_path,
                hint=f"use a folder below {root}",
            )
        return path

    for language in settings.languages:
        validate_language(language, where=config_path)
    for variant, base in settings.derived_languages.items():
        validate_language(variant, where=config_path, key="derived-languages")
        validate_language(base, where=config_path, key="derived-languages")
    validate_language(settings.source_language, where=config_path, key="source-language")
    return Project(
        root=root,
        config_path=config_path,
        source_language=settings.source_language,
        languages=settings.languages,
        source_dir=folder("source-dir", settings.source_dir),
        locales_dir=folder("locales-dir", settings.locales_dir),
        build_dir=folder("build-dir", settings.build_dir),
        models_dir=folder("models-dir", settings.models_dir),
        cache_dir=folder("cache-dir", settings.cache_dir),
        settings=settings,
    )


def init_project(folder: Path, languages: list[str], source_language: str = "en") -> Path:
    """Create a project skeleton (editions.toml, source/, locales/); refuse to overwrite."""
    from editions.fsio import atomic_write_text
    from editions.gitsetup import write_gitattributes

    config_path = folder / "editions.toml"
    for language in (*languages, source_language):
        validate_language(language, key="--lang")
    if folder.exists() and not folder.is_dir():
        raise ProjectError("not a folder", path=folder, hint="choose a new or empty folder")
    if config_path.exists():
        raise ProjectError("a project already exists here", path=config_path)
    langs = ", ".join(f'"{lang}"' for lang in languages)
    atomic_write_text(
        config_path,
        "[editions]\n"
        f'source-language = "{source_language}"\n'
        f"languages = [{langs}]\n"
        'source-dir = "source"\n'
        'locales-dir = "locales"\n'
        'build-dir = "build"\n'
        'models-dir = ".editions/models"\n'
        "\n[editions.release]\nthreshold = 100\n",
    )
    (folder / "source").mkdir(parents=True, exist_ok=True)
    (folder / "locales").mkdir(parents=True, exist_ok=True)
    gitignore = folder / ".gitignore"
    if not gitignore.exists():
        atomic_write_text(gitignore, GITIGNORE)
    write_gitattributes(folder)
    return config_path


GITIGNORE = """\
# editions: built editions, releases and working state (models, MT cache, locks) are never
# committed (a release archive is published, with its manifest, not versioned here)
/build/
/dist/
/.editions/
"""
