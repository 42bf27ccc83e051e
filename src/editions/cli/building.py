"""``editions build``: render the localized editions (Markdown, HTML, bilingual, PDF, text)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from editions.cli import add_lang_option, add_project_option, load_project, shown, warn_undeclared
from editions.render import FORMATS, BuildReport, build
from editions.render.edition import PAPER_SIZES, check_formats

_MISSING_SHOWN = 5
"""Missing passages named per unpublished edition; the rest are counted."""


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "build",
        help="render editions into OUT/<lang>/<path of the document>.<ext> (English included)",
        description=(
            "Render every document in every language: the English source and each "
            "translation, from reviewed catalog entries only unless --drafts is given."
        ),
    )
    add_project_option(parser)
    add_lang_option(parser, multiple=True)
    parser.add_argument(
        "--format",
        default="md,html",
        metavar="F[,F]",
        help=f"comma-separated formats: {', '.join(FORMATS)} (default: md,html)",
    )
    parser.add_argument("--out", type=Path, metavar="DIR", help="output folder (default: build/)")
    add_paper_option(parser)
    parser.add_argument(
        "--drafts",
        action="store_true",
        help="include machine drafts and fuzzy entries (editions are marked as drafts)",
    )
    parser.add_argument(
        "--threshold",
        type=float,
        metavar="PERCENT",
        help="publish a language only at this share of reviewed passages "
        "(default: the project's release threshold, 100)",
    )
    add_strict_option(parser)
    parser.set_defaults(func=run_build)


def add_strict_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--strict",
        action="store_true",
        help="stop on a warning (a file a document refers to is missing) instead of going on",
    )


def add_paper_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--paper",
        metavar="SIZE",
        help=f"paper of PDF editions: {' or '.join(PAPER_SIZES)} (default: [release] paper, A4)",
    )


def parse_formats(value: str) -> list[str]:
    return check_formats([part.strip() for part in value.split(",") if part.strip()])


def run_build(args: argparse.Namespace) -> int:
    project = load_project(args)
    report = build(
        project,
        languages=args.lang,
        formats=parse_formats(args.format),
        out_dir=args.out,
        drafts=args.drafts,
        threshold=args.threshold,
        paper=args.paper,
        strict=args.strict,
    )
    print_report(report)
    warn_undeclared(project)
    return 0


def print_report(report: BuildReport) -> None:
    for edition in report.built:
        notes = []
        if edition.derived_from:
            notes.append(f"converted from {edition.derived_from} by OpenCC")
        if edition.drafts:
            notes.append(f"DRAFT: {edition.drafts_used} unreviewed")
        if edition.fallbacks:
            notes.append(f"{len(edition.fallbacks)} passage(s) in English")
        suffix = f"  ({'; '.join(notes)})" if notes else ""
        print(f"built      {shown(edition.path)}{suffix}")
    for path in report.removed:
        print(f"removed    {shown(path)}  (no longer published)")
    for held in report.unpublished:
        print(
            f"unpublished {held.document} [{held.language}]: {held.percent:.1f}% reviewed, "
            f"release threshold {held.threshold:g}%; {len(held.missing)} passage(s) missing:"
        )
        for passage in held.missing[:_MISSING_SHOWN]:
            print(f"  line {passage.line}: {_excerpt(passage.msgid)}")
        if len(held.missing) > _MISSING_SHOWN:
            print(f"  ... and {len(held.missing) - _MISSING_SHOWN} more")
        print(
            f"  to publish it: review these in its catalog (then 'editions build'), or build "
            f"with '--threshold {int(held.percent)}' to publish with them in English"
        )
    fallbacks = {(e.document, e.language): e.fallbacks for e in report.editions if e.fallbacks}
    for (document, language), passages in sorted(fallbacks.items()):
        print(f"fallback   {document} [{language}]: {len(passages)} passage(s) shown in English")
        for passage in passages[:_MISSING_SHOWN]:
            print(f"  line {passage.line}: {_excerpt(passage.msgid)}")
    if report.index is not None and report.index_written:
        print(f"built      {shown(report.index)}")
    for warning in report.warnings:
        print(f"warning    {warning}", file=sys.stderr)
    print(
        f"{len(report.built)} built, {len(report.unchanged)} unchanged, "
        f"{len(report.unpublished)} unpublished"
    )


def _excerpt(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
