"""The command line: parse arguments, call one library function, print, map errors to exit codes.

Each command group lives in its own module with ``register(subparsers)``; a command sets
``func(args) -> int`` on its parser. Exit codes: 0 success, 1 findings (check), 2 errors.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from editions import __version__
from editions.errors import EditionsError
from editions.project import Project, find_project


def add_project_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--project",
        type=Path,
        metavar="DIR",
        help="project folder (default: found upward from the current folder)",
    )


def add_lang_option(parser: argparse.ArgumentParser, *, multiple: bool = False) -> None:
    if multiple:
        parser.add_argument(
            "--lang", action="append", metavar="L", help="language (repeatable; default: all)"
        )
    else:
        parser.add_argument("--lang", metavar="L", help="language (default: all declared)")


def load_project(args: argparse.Namespace) -> Project:
    return find_project(explicit=getattr(args, "project", None))


def build_parser() -> argparse.ArgumentParser:
    from editions.cli import building, catalogs, checking, drafting

    parser = argparse.ArgumentParser(
        prog="editions",
        description="English Markdown sources to reviewed, localized editions.",
    )
    parser.add_argument("--version", action="version", version=f"editions {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (catalogs, drafting, checking, building):
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except EditionsError as exc:
        if args.debug:
            traceback.print_exc()
        print(f"editions: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # an OS refusal the library did not expect: still no traceback
        if args.debug:
            traceback.print_exc()
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"editions: error: {where}{exc.strerror or exc}", file=sys.stderr)
        print(
            "  fix: check that the path exists, is writable and the disk has room", file=sys.stderr
        )
        return 2
    except KeyboardInterrupt:
        print("editions: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
