"""``editions release``: gate, build every edition, write dist/<name>-<version>/ and an archive."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from editions.checks.reporters import render_text
from editions.cli import add_lang_option, add_project_option, load_project, shown
from editions.cli.building import add_paper_option
from editions.release import ARCHIVE_FORMATS, Release, ReleaseBlocked, release, verify


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "release",
        help="gate, build every edition (PDF and text included) and package a release",
        description=(
            "Run the release gate (check --release; on errors nothing is written), build "
            "Markdown, HTML, bilingual, PDF and plain-text editions, and write "
            "OUT/<name>-<version>/ and one reproducible archive with a manifest "
            "(SHA-256 of every file). --verify checks an archive against its manifest."
        ),
    )
    add_project_option(parser)
    add_lang_option(parser, multiple=True)
    parser.add_argument("--version", dest="release_version", metavar="V",
                        help="release version (default: [release] version)")  # fmt: skip
    parser.add_argument("--out", type=Path, metavar="DIR", help="output folder (default: dist/)")
    parser.add_argument(
        "--archive",
        choices=ARCHIVE_FORMATS,
        default="tar.gz",
        help="archive format (default: tar.gz)",
    )
    add_paper_option(parser)
    parser.add_argument(
        "--replace",
        action="store_true",
        help="overwrite an existing archive of the same version whose content differs",
    )
    parser.add_argument(
        "--verify",
        type=Path,
        metavar="ARCHIVE",
        help="check ARCHIVE (or a release folder) against its manifest; build nothing",
    )
    parser.set_defaults(func=run_release)


def run_release(args: argparse.Namespace) -> int:
    if args.verify is not None:
        return run_verify(args.verify)
    project = load_project(args)
    try:
        made = release(
            project,
            languages=args.lang,
            version=args.release_version,
            out_dir=args.out,
            archive_format=args.archive,
            paper=args.paper,
            replace=args.replace,
        )
    except ReleaseBlocked as blocked:
        sys.stdout.write(render_text(blocked.findings, len(project.documents())))
        print(blocked, file=sys.stderr)
        return 1
    print_release(made)
    return 0


def print_release(made: Release) -> None:
    report = made.build
    print(f"editions   {len(report.built)} built, {len(report.unchanged)} reused")
    files = made.manifest["files"]
    size = sum(int(item["size"]) for item in files)
    print(f"release    {shown(made.folder)}/  ({len(files)} files, {size / 1024:.0f} KiB)")
    for item in files:
        print(f"  {item['path']:<44} {int(item['size']) / 1024:>7.1f} KiB")
    state = "written" if made.archive_written else "unchanged"
    print(f"archive    {shown(made.archive)}  ({state}; sha256 {made.sha256})")
    for document in made.manifest["documents"]:
        for language in document["languages"]:
            print(
                f"reviewed   {document['name']} [{language['language']}]: "
                f"{language['reviewed_percent']:g}%"
            )
    if made.findings:
        print(f"{len(made.findings)} warning(s) from the gate (see 'editions check --release')")


def run_verify(path: Path) -> int:
    result = verify(path)
    for problem in result.problems:
        print(f"FAIL  {problem}")
    if result.ok:
        print(f"ok: {shown(path)}: {result.checked} files match the manifest")
        return 0
    print(f"{shown(path)}: {len(result.problems)} problem(s)", file=sys.stderr)
    return 1
