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


def run_update(args: argparse.Namespace) -> int:
    project = load_project(args)
    print_written(update(project, args.lang))
    return 0
