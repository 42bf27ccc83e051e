"""The project configuration, read and validated once into typed, frozen settings.

``[tool.editions]`` in ``pyproject.toml`` or ``[editions]`` (or bare keys) in
``editions.toml``. Every key the project knows is declared here, with its type and range; an
unknown key, a wrong type or an out-of-range value is a :class:`ProjectError` with the file
and line, and a misspelt key names the nearest known one. Nothing else in editions reads the
raw TOML: checks, rendering, drafting and stats take these settings.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from editions.errors import ProjectError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


@dataclass(frozen=True, slots=True)
class ReleaseSettings:
    """``[release]``: how much of a document must be reviewed before it is published.

    One gate for ``check --release``, ``build`` and ``stats``: see
    :func:`editions.catalog.readiness` for what counts as reviewed.
    """

    threshold: float = 100.0
    documents: Mapping[str, float] = field(default_factory=dict)
    """Per-document thresholds, by catalog name (``[release.documents] news = 50``)."""
    name: str | None = None
    """The release's name (``dist/<name>-<version>``); default: the project folder's name."""
    version: str | None = None
    """The version ``editions release`` uses without ``--version``."""
    paper: str = "A4"
    """Paper size of PDF editions: ``A4`` or ``Letter``."""

    def threshold_for(self, domain: str | None) -> float:
        if domain is not None and domain in self.documents:
            return self.documents[domain]
        return self.threshold


@dataclass(frozen=True, slots=True)
class CheckSettings:
    """``[checks]``: codes switched off, severity overrides, the obsolete-entry limit."""

    disable: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    obsolete_limit: int = 20


@dataclass(frozen=True, slots=True)
class RenderSettings:
    """``[render]``: the folder of template overrides (default ``templates/``) and the
    navigation order (``nav``: source documents, relative to ``source/``), used when the
    source has no ``SUMMARY.md``."""

    templates: str | None = None
    nav: tuple[str, ...] = ()


DEFAULT_DIRECTIVES = (r"\{\{\s*[#%<][^{}]*\}\}",)
"""mdBook's ``{{#include …}}``/``{{#rustdoc_include …}}`` and Hugo's ``{{% … %}}``/``{{< … >}}``."""


@dataclass(frozen=True, slots=True)
class ExtractSettings:
    """``[extract]``: ``directives``, regular expressions of preprocessor directives; a
    paragraph made of them alone is kept as written and never extracted."""

    directives: tuple[str, ...] = DEFAULT_DIRECTIVES


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything ``[tool.editions]`` may say, validated; paths still relative to the root."""

    source_language: str = "en"
    languages: tuple[str, ...] = ()
    source_dir: str = "source"
    locales_dir: str = "locales"
    build_dir: str = "build"
    models_dir: str = ".editions/models"
    cache_dir: str = ".editions/cache"
    derived_languages: Mapping[str, str] = field(default_factory=dict)
    release: ReleaseSettings = field(default_factory=ReleaseSettings)
    checks: CheckSettings = field(default_factory=CheckSettings)
    render: RenderSettings = field(default_factory=RenderSettings)
    extract: ExtractSettings = field(default_factory=ExtractSettings)


PATH_KEYS = ("source-dir", "locales-dir", "build-dir", "models-dir", "cache-dir")
KNOWN_KEYS: dict[str, tuple[str, ...]] = {
    "": (
        "source-language",
        "languages",
        *PATH_KEYS,
        "derived-languages",
        "release",
        "checks",
        "render",
        "extract",
    ),
    "release": ("threshold", "documents", "name", "version", "paper"),
    "checks": ("disable", "severity", "obsolete-limit"),
    "render": ("templates", "nav"),
    "extract": ("directives",),
}
"""Every key, by table: the configuration model at a glance (README documents each)."""

MOVED_KEYS = {
    "checks.release-threshold": "the release threshold lives in [release]: "
    "'threshold = N' and '[release.documents] NAME = N' (one gate for check and build)",
}


def read_settings(path: Path) -> Settings | None:
    """The settings in ``path``; None for a ``pyproject.toml`` without ``[tool.editions]``."""
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise ProjectError(f"cannot read configuration: {exc}", path=path) from exc
    except tomllib.TOMLDecodeError as exc:
        line = _decode_error_line(exc)
        raise ProjectError(f"invalid TOML: {exc}", path=path, line=line) from exc
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        section = tool.get("editions") if isinstance(tool, dict) else None
        if section is None:
            return None
        prefix = "tool.editions"
    else:
        if isinstance(data.get("tool"), dict) and "editions" in data["tool"]:
            raise ProjectError(
                "editions.toml holds a [tool.editions] table, which only pyproject.toml uses",
                path=path,
                line=_Locator(text).line("tool.editions", None),
                hint="rename the table to [editions] (or write the keys at the top level)",
            )
        section = data.get("editions", data)
        prefix = "editions" if "editions" in data else ""
    if not isinstance(section, dict):
        raise ProjectError("the editions configuration must be a table", path=path)
    return _SettingsReader(path, _Locator(text), prefix).settings(section)


def _decode_error_line(exc: Exception) -> int | None:
    lineno = getattr(exc, "lineno", None)
    if isinstance(lineno, int):
        return lineno
    match = re.search(r"line (\d+)", str(exc))
    return int(match.group(1)) if match else None


class _Locator:
    """Finds the line of a key in the TOML text, for ``file:line`` errors."""

    _HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?")
    _KEY = re.compile(
        r"^\s*((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)\s*="
    )

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def line(self, table: str, key: str | None) -> int | None:
        """The 1-based line of ``key`` in ``table`` (a dotted path), or of the table."""
        wanted = f"{table}.{key}" if table and key else (key or table)
        current = ""
        table_line: int | None = None
        for number, raw in enumerate(self.lines, 1):
            header = self._HEADER.match(raw)
            if header:
                current = _unquote_path(header.group(1))
                if current == wanted:
                    return number
                if current == table and table_line is None:
                    table_line = number
                continue
            match = self._KEY.match(raw)
            if match is not None:
                dotted = _unquote_path(match.group(1))
                full = f"{current}.{dotted}" if current else dotted
                if full == wanted or full.startswith(f"{wanted}."):
                    return number
        return table_line


def _unquote_path(text: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in text.split("."))


class _SettingsReader:
    def __init__(self, path: Path, locator: _Locator, prefix: str) -> None:
        self.path = path
        self.locator = locator
        self.prefix = prefix

    def error(
        self, table: str, key: str | None, message: str, hint: str | None = None
    ) -> ProjectError:
        full_table = ".".join(part for part in (self.prefix, table) if part)
        return ProjectError(
            message, path=self.path, line=self.locator.line(full_table, key), hint=hint
        )

    def settings(self, data: dict[str, Any]) -> Settings:
        self.refuse_unknown("", data)
        release = self.table(data, "", "release")
        checks = self.table(data, "", "checks")
        render = self.table(data, "", "render")
        extract = self.table(data, "", "extract")
        for table, values in (
            ("release", release),
            ("checks", checks),
            ("render", render),
            ("extract", extract),
        ):
            self.refuse_unknown(table, values)
        return Settings(
            source_language=self.string(data, "", "source-language", "en"),
            languages=self.strings(data, "", "languages"),
            source_dir=self.string(data, "", "source-dir", "source"),
            locales_dir=self.string(data, "", "locales-dir", "locales"),
            build_dir=self.string(data, "", "build-dir", "build"),
            models_dir=self.string(data, "", "models-dir", ".editions/models"),
            cache_dir=self.string(data, "", "cache-dir", ".editions/cache"),
            derived_languages=self.string_table(data, "", "derived-languages"),
            release=ReleaseSettings(
                threshold=self.percent(release, "release", "threshold", 100.0),
                documents={
                    name: self.percent({name: value}, "release.documents", name, 100.0)
                    for name, value in self.table(release, "release", "documents").items()
                },
                name=self.string(release, "release", "name", None),
                version=self.string(release, "release", "version", None),
                paper=self.paper(release),
            ),
            checks=CheckSettings(
                disable=self.strings(checks, "checks", "disable"),
                severity=self.string_table(checks, "checks", "severity"),
                obsolete_limit=self.whole(checks, "checks", "obsolete-limit", 20),
            ),
            render=RenderSettings(
                templates=self.string(render, "render", "templates", None),
                nav=self.strings(render, "render", "nav"),
            ),
            extract=ExtractSettings(directives=self.patterns(extract, "extract", "directives")),
        )

    def patterns(self, data: Mapping[str, Any], table: str, key: str) -> tuple[str, ...]:
        """A list of regular expressions, each compiled once to refuse a bad one here."""
        if key not in data:
            return DEFAULT_DIRECTIVES
        patterns = self.strings(data, table, key)
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as error:
                raise self.error(
                    table,
                    key,
                    f"'{key}': {pattern!r} is no regular expression ({error})",
                    hint="write it as a TOML literal string: '\\{\\{#include .*\\}\\}'",
                ) from None
        return patterns

    def refuse_unknown(self, table: str, data: Mapping[str, Any]) -> None:
        known = KNOWN_KEYS[table]
        for key in data:
            if key in known:
                continue
            dotted = f"{table}.{key}" if table else key
            if dotted in MOVED_KEYS:
                raise self.error(table, key, f"'{dotted}' is no longer read", MOVED_KEYS[dotted])
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            where = f"[{table}]" if table else "the editions table"
            hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(known)}"
            raise self.error(table, key, f"unknown key '{key}' in {where}", hint)

    def paper(self, release: Mapping[str, Any]) -> str:
        from editions.render.edition import PAPER_SIZES, paper_size

        value = str(self.string(release, "release", "paper", "A4"))
        known = paper_size(value)
        if known is None:
            hint = f"use {' or '.join(PAPER_SIZES)}"
            raise self.error("release", "paper", f"unknown paper size {value!r}", hint)
        return known

    def table(self, data: Mapping[str, Any], table: str, key: str) -> dict[str, Any]:
        value = data.get(key, {})
        if not isinstance(value, dict):
            raise self.error(table, key, f"'{key}' must be a table, not {_kind(value)}")
        return value

    def string(self, data: Mapping[str, Any], table: str, key: str, default: Any) -> Any:
        value = data.get(key, default)
        if value is not default and not isinstance(value, str):
            raise self.error(table, key, f"'{key}' must be a string, not {_kind(value)}")
        return value

    def strings(self, data: Mapping[str, Any], table: str, key: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.error(table, key, f"'{key}' must be a list of strings")
        return tuple(value)

    def string_table(self, data: Mapping[str, Any], table: str, key: str) -> dict[str, str]:
        value = self.table(data, table, key)
        for name, item in value.items():
            if not isinstance(item, str):
                raise self.error(table, key, f"'{key}.{name}' must be a string, not {_kind(item)}")
        return dict(value)

    def percent(self, data: Mapping[str, Any], table: str, key: str, default: float) -> float:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.error(
                table, key, f"'{table}.{key}' must be a number from 0 to 100, not {value!r}"
            )
        if not 0 <= value <= 100:
            raise self.error(table, key, f"'{table}.{key}' must be from 0 to 100, not {value}")
        return float(value)

    def whole(self, data: Mapping[str, Any], table: str, key: str, default: int) -> int:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.error(table, key, f"'{table}.{key}' must be a whole number >= 0")
        return value


def _kind(value: object) -> str:
    names = {bool: "a boolean", int: "a number", float: "a number", str: "a string"}
    names |= {list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)
