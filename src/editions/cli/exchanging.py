"""``editions export`` and ``editions import``: XLIFF 1.2 for CAT tools, TMX memories."""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path
from typing import Any

from editions.cli import add_lang_option, add_project_option, load_project, shown
from editions.engines.memory import catalog_paths
from editions.errors import ProjectError
from editions.fsio import atomic_write_bytes
from editions.project import Project

FORMATS = ("xliff", "tmx")


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    export = subparsers.add_parser(
        "export",
        help="write catalogs as XLIFF 1.2 (for CAT tools) or reviewed pairs as TMX",
        description="XLIFF 1.2 of the catalogs (states, notes, previous English, protected "
        "inline markup) for Trados, memoQ, Phrase, OmegaT, Okapi; or TMX 1.4 of the reviewed "
        "translation pairs (docs/interop.md).",
    )
    add_project_option(export)
    add_lang_option(export)
    export.add_argument("--format", choices=FORMATS, default="xliff")
    export.add_argument(
        "--state",
        metavar="S[,S]",
        help="XLIFF: only entries in these states: untranslated, draft, outdated, fuzzy, "
        "translated, reviewed (default: all)",
    )
    export.add_argument("--document", action="append", metavar="NAME", help="only this catalog")
    export.add_argument("--out", type=Path, required=True, metavar="FILE")
    export.set_defaults(func=run_export)

    importing = subparsers.add_parser(
        "import",
        help="apply a CAT tool's XLIFF to the catalogs, or add a TMX to translation memory",
    )
    add_project_option(importing)
    importing.add_argument("file", type=Path, metavar="FILE.xlf|FILE.tmx")
    importing.set_defaults(func=run_import)


def _catalogs(project: Project, language: str | None, documents: list[str] | None) -> list[Path]:
    languages = [project.check_language(language)] if language else list(project.languages)
    paths = [p for lang in languages for p in catalog_paths(project.locales_dir, lang)]
    if documents:
        unknown = sorted(set(documents) - {p.stem for p in paths})
        if unknown:
            raise ProjectError(f"no catalog named {', '.join(map(repr, unknown))}")
        paths = [p for p in paths if p.stem in documents]
    if not paths:
        raise ProjectError("no catalogs to export", hint="run 'editions update' first")
    return paths


def run_export(args: argparse.Namespace) -> int:
    from editions.interop import tmx, xliff

    project = load_project(args)
    paths = _catalogs(project, args.lang, args.document)
    if args.format == "tmx":
        data = tmx.export_tmx(project, paths)
        count = data.count(b"<tu ")
        noun = "reviewed pair(s)"
    else:
        states = None
        if args.state:
            names = [name.strip() for name in args.state.split(",") if name.strip()]
            unknown = [name for name in names if name not in xliff.STATES]
            if unknown:
                raise ProjectError(
                    f"unknown state {', '.join(map(repr, unknown))}",
                    hint=f"use {', '.join(xliff.STATES)}",
                )
            states = [xliff.STATES[name] for name in names]
        stamp = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        data = xliff.export_xliff(project, paths, states=states, date=stamp)
        count = data.count(b"<trans-unit ")
        noun = "unit(s)"
    atomic_write_bytes(args.out, data)
    print(f"exported   {shown(args.out)}: {count} {noun} from {len(paths)} catalog(s)")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from editions.interop import tmx, xliff

    project = load_project(args)
    path: Path = args.file
    if path.suffix.lower() == ".tmx":
        kept, counts = tmx.import_tmx(project, path)
        summary = ", ".join(f"{language} {count}" for language, count in sorted(counts.items()))
        print(f"memory     {shown(kept)}: {summary} pair(s); 'editions draft' reuses them")
        return 0
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ProjectError(f"cannot read: {exc.strerror}", path=path) from exc
    report = xliff.import_xliff(project, data, str(path))
    for catalog, count in report.changed.items():
        if count:
            print(f"updated    {shown(catalog)}: {count} entr{'y' if count == 1 else 'ies'}")
    for conflict in report.conflicts:
        where = f"{shown(conflict.path)}:{conflict.line}" if conflict.line else shown(conflict.path)
        excerpt = conflict.msgid if len(conflict.msgid) <= 60 else conflict.msgid[:57] + "..."
        print(f"conflict   {where}: {conflict.reason}: {excerpt!r}", file=sys.stderr)
    changed = sum(report.changed.values())
    print(f"{changed} changed, {report.unchanged} unchanged, {len(report.conflicts)} conflict(s)")
    return 1 if report.conflicts else 0
