"""The command line: parse arguments, call one library function, print, map errors to exit codes.

Each command group lives in its own module with ``register(subparsers)``; a command sets
``func(args) -> int`` on its parser. Exit codes: 0 success, 1 findings (check), 2 errors.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

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


class Parser(argparse.ArgumentParser):
    """argparse with a suggestion of the nearest command when one is mistyped."""

    def error(self, message: str) -> NoReturn:
        match = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)", message)
        if match:
            choices = re.findall(r"'([^']*)'|([\w-]+)", match.group(2))
            names = [a or b for a, b in choices]
            message = f"unknown command {match.group(1)!r}" + _did_you_mean(match.group(1), names)
        super().error(message)


def _did_you_mean(word: str, candidates: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _reject_unknown_options(
    parser: argparse.ArgumentParser, args: argparse.Namespace, extras: list[str]
) -> NoReturn:
    """Report unknown options with the usage of the command they were given to."""
    command = parser
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    if getattr(args, "command", None) in action.choices:
        command = action.choices[args.command]
        nested = [a for a in command._actions if isinstance(a, argparse._SubParsersAction)]
        sub_name = getattr(args, "models_command", None)
        if nested and sub_name in nested[0].choices:
            command = nested[0].choices[sub_name]
    known = [o for a in command._actions for o in a.option_strings]
    first = extras[0]
    hint = _did_you_mean(first.split("=")[0], known) if first.startswith("-") else ""
    command.error(f"unrecognized arguments: {' '.join(extras)}{hint}")


def shown(path: Path) -> str:
    """``path`` relative to the current folder when it is below it, as users typed it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def warn_undeclared(project: Project) -> None:
    """Say on stderr which catalogs a command passed over (undeclared languages)."""
    from editions.checks.runner import undeclared_finding

    for po in project.undeclared_catalogs():
        finding = undeclared_finding(project, po)
        print(f"warning: {finding.location}: {finding.message}", file=sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    from editions.cli import (
        building,
        catalogs,
        checking,
        drafting,
        exchanging,
        merging,
        releasing,
        reviewing,
    )

    parser = Parser(
        prog="editions",
        description="English Markdown sources to reviewed, localized editions.",
    )
    parser.add_argument("--version", action="version", version=f"editions {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    modules = (catalogs, drafting, checking, building, releasing, reviewing, exchanging, merging)
    for module in modules:
        module.register(subparsers)
    return parser


def _driver_parser() -> argparse.ArgumentParser:
    """The merge driver alone: git runs it once per conflicting catalog, so it starts
    without building every command's parser."""
    from editions.cli import merging

    parser = Parser(prog="editions")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    subparsers = parser.add_subparsers(dest="command", parser_class=Parser)
    driver = subparsers.add_parser("merge-driver")
    merging.add_driver_arguments(driver)
    driver.set_defaults(func=merging.run_merge_driver)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    fast = arguments[:1] == ["merge-driver"] and "-h" not in arguments and "--help" not in arguments
    parser = _driver_parser() if fast else build_parser()
    args, extras = parser.parse_known_args(arguments)
    if extras:
        _reject_unknown_options(parser, args, extras)
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
