"""Commands that judge catalogs: ``check`` (findings, exit 1 on errors) and ``stats``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from editions.checks import all_checks, has_errors, run_checks
from editions.checks.reporters import REPORTERS, render_junit, render_text
from editions.cli import add_lang_option, add_project_option, load_project, warn_undeclared
from editions.errors import EditionsError, ProjectError
from editions.fsio import atomic_write_text
from editions.project import Project, find_project
from editions.stats import file_stats, project_stats, render_stats_text


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    check = subparsers.add_parser(
        "check",
        help="check catalogs; exit 0 clean, 1 error-level findings, 2 usage or IO error",
        description="Check the project's catalogs, or the .po files named (any project's).",
    )
    add_project_option(check)
    add_lang_option(check)
    check.add_argument(
        "--release", action="store_true", help="incomplete documents (below threshold) are errors"
    )
    check.add_argument(
        "--format", choices=sorted(REPORTERS), default="text", help="output format (text)"
    )
    check.add_argument("--output", type=Path, metavar="FILE", help="write the report to FILE")
    check.add_argument(
        "--glossary", type=Path, metavar="FILE", help="glossary TOML (default: the project's)"
    )
    check.add_argument(
        "--jobs",
        type=int,
        default=0,
        metavar="N",
        help="check named files in N processes (default 0: one per CPU for large inputs)",
    )
    check.add_argument("--list-checks", action="store_true", help="list every check code and exit")
    check.add_argument("files", nargs="*", type=Path, metavar="FILE.po", help="catalogs to check")
    check.set_defaults(func=run_check)

    stats = subparsers.add_parser(
        "stats", help="entries and words reviewed, drafted, fuzzy, untranslated; MT post-editing"
    )
    add_project_option(stats)
    add_lang_option(stats)
    stats.add_argument("--format", choices=("text", "json"), default="text")
    stats.add_argument("files", nargs="*", type=Path, metavar="FILE.po", help="catalogs to count")
    stats.set_defaults(func=run_stats)


def _project_for(args: argparse.Namespace) -> Project | None:
    """The project: --project, else the one around the files (or cwd); None for loose files."""
    if args.project is not None or not args.files:
        return load_project(args)
    try:
        return find_project(start=args.files[0].resolve().parent)
    except ProjectError:
        return None


def list_checks() -> str:
    rows = [f"{spec.code:<28} {spec.severity.value:<8} {spec.title}" for spec in all_checks()]
    return "\n".join(rows) + "\n"


def run_check(args: argparse.Namespace) -> int:
    if args.list_checks:
        sys.stdout.write(list_checks())
        return 0
    project = _project_for(args)
    findings = run_checks(
        project,
        args.files,
        language=args.lang,
        release=args.release,
        glossary_path=args.glossary,
        jobs=args.jobs,
    )
    checked = len(args.files) if args.files else _count_catalogs(project, args.lang)
    if args.format == "junit":
        files = [str(p) for p in args.files]
        report = render_junit(findings, checked, files)
    elif args.format == "text":
        colour = args.output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        report = render_text(findings, checked, colour=colour)
    else:
        report = REPORTERS[args.format](findings, checked)
    _emit(report, args.output)
    return 1 if has_errors(findings) else 0


def _count_catalogs(project: Project | None, language: str | None) -> int:
    if project is None:
        return 0
    languages = [language] if language else list(project.languages)
    return len(project.documents()) * (1 + len(languages))


def _emit(report: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(report)
        return
    try:
        atomic_write_text(output, report)
    except OSError as exc:
        raise EditionsError(f"cannot write report: {exc.strerror}", path=output) from exc


def run_stats(args: argparse.Namespace) -> int:
    if args.files:
        for path in args.files:
            if not path.is_file():
                raise EditionsError("no such catalog", path=path)
        stats = file_stats(args.files, args.lang)
    else:
        project = load_project(args)
        stats = project_stats(project, args.lang)
        warn_undeclared(project)
    if args.format == "json":
        document = [s.as_dict() for s in stats]
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_stats_text(stats))
    return 0
