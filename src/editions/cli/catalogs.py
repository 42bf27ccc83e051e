"""Commands that make and maintain catalogs: ``init``, ``extract``, ``update``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from editions.cli import add_lang_option, add_project_option, load_project, shown
from editions.project import init_project
from editions.workflow import Status, Written, extract, update


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    init = subparsers.add_parser("init", help="create a new project skeleton")
    init.add_argument("directory", type=Path, help="folder for the new project")
    init.add_argument(
        "--lang", action="append", required=True, metavar="L", help="target language (repeatable)"
    )
    init.add_argument("--source-lang", default="en", metavar="L", help="source language")
    init.set_defaults(func=run_init)

    extract_parser = subparsers.add_parser(
        "extract", help="write locales/<document>.pot from the English sources"
    )
    add_project_option(extract_parser)
    extract_parser.add_argument(
        "sources", nargs="*", type=Path, metavar="FILE.md", help="only these documents"
    )
    extract_parser.set_defaults(func=run_extract)

    update_parser = subparsers.add_parser(
        "update", help="create or merge locales/<lang>/LC_MESSAGES/<document>.po from the POTs"
    )
    add_project_option(update_parser)
    add_lang_option(update_parser)
    update_parser.set_defaults(func=run_update)

    adopt_parser = subparsers.add_parser(
        "adopt",
        help="carry the translations of catalogs made by another tool (po4a, mdpo, mdBook, "
        "Sphinx) into the project's catalogs",
        description="For every entry of the project's catalogs, take the old translation "
        "of the same English (exact, then normalised, then a near match as fuzzy); keep "
        "each old state; never overwrite an entry that has a translation. See docs/adopt.md.",
    )
    add_project_option(adopt_parser)
    adopt_parser.add_argument("old", nargs="+", type=Path, metavar="OLD.po", help="old catalogs")
    adopt_parser.add_argument("--lang", required=True, metavar="L", help="their language")
    adopt_parser.add_argument(
        "--dry-run", action="store_true", help="write the report only, no catalog"
    )
    adopt_parser.add_argument(
        "--report",
        type=Path,
        metavar="FILE",
        help="where the report goes (default: .editions/adopt-<lang>.txt)",
    )
    adopt_parser.set_defaults(func=run_adopt)


def print_written(results: list[Written]) -> None:
    counts = dict.fromkeys(Status, 0)
    for result in results:
        counts[result.status] += 1
        if result.status is Status.ORPHANED:
            print(
                f"orphaned  {shown(result.path)}  (its source document is gone; kept: "
                "remove it with 'git rm' when its translations are not needed)"
            )
        elif result.status is not Status.UNCHANGED:
            print(f"{result.status.value:9} {shown(result.path)}")
        for note in result.notes:
            print(f"{note.location}: {note.severity.value}: {note.code} {note.message}")
            if note.fix:
                print(f"  fix: {note.fix} (update keeps what the translator set)")
    summary = ", ".join(
        f"{counts[status]} {status.value}"
        for status in Status
        if status is not Status.ORPHANED or counts[status]
    )
    print(summary)


def run_init(args: argparse.Namespace) -> int:
    from editions.gitsetup import ENABLE_COMMAND

    config = init_project(args.directory, args.lang, args.source_lang)
    print(f"created {config}")
    print(
        "wrote .gitattributes: git merges .po/.pot files with the editions merge driver once "
        "each clone enables it (git never takes a driver from the repository itself):"
    )
    print(f"  {ENABLE_COMMAND}")
    print(f"put English Markdown documents in {args.directory / 'source'}, then run:")
    print(f"  editions extract --project {args.directory}")
    for lang in args.lang:
        print(f"  editions update --project {args.directory} --lang {lang}")
    return 0


def run_extract(args: argparse.Namespace) -> int:
    project = load_project(args)
    print_written(extract(project, args.sources or None))
    return 0


def run_adopt(args: argparse.Namespace) -> int:
    from editions.adopt import How, adopt
    from editions.fsio import atomic_write_bytes

    project = load_project(args)
    report = adopt(project, args.old, args.lang, dry_run=args.dry_run)
    text = report.as_text()
    path = args.report or project.state_dir / f"adopt-{args.lang}.txt"
    atomic_write_bytes(path, text.encode("utf-8"))
    for written in report.written:
        print(f"updated   {shown(written)}")
    carried = sum(d.reviewed_carried for d in report.documents)
    print(
        f"{report.total(How.EXACT)} exact, {report.total(How.NORMALISED)} normalised, "
        f"{report.total(How.NEAR)} as fuzzy, {report.total(How.NOT_FOUND)} not found; "
        f"{carried} entries carried as reviewed (from {report.old_reviewed} reviewed old "
        "entries); "
        f"{len(report.unmatched)} old entries matched nothing"
    )
    print(f"report    {shown(path)}" + ("  (dry run: no catalog written)" if args.dry_run else ""))
    return 0


def run_update(args: argparse.Namespace) -> int:
    project = load_project(args)
    print_written(update(project, args.lang))
    return 0
