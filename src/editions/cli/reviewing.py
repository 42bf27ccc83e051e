"""``editions review``: the local review page."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from editions.cli import add_project_option, load_project


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    review = subparsers.add_parser(
        "review", help="open the review page: edit and approve translations in the browser"
    )
    add_project_option(review)
    review.add_argument("documents", nargs="*", metavar="DOC", help="only these documents")
    review.add_argument("--lang", metavar="L", help="language (default: the first declared)")
    review.add_argument("--port", type=int, default=0, metavar="N", help="port (default: free)")
    review.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1, this machine)"
    )
    review.add_argument("--no-browser", action="store_true", help="print the URL only")
    review.add_argument(
        "--reviewer", metavar='"NAME <EMAIL>"', help="recorded on approvals (default: git config)"
    )
    review.set_defaults(func=run_review)


def run_review(args: argparse.Namespace) -> int:
    from editions.errors import EditionsError
    from editions.web import Review, default_reviewer, serve

    project = load_project(args)
    if not project.languages and not args.lang:
        raise EditionsError("the project declares no languages", path=project.config_path)
    language = project.check_language(args.lang or project.languages[0])
    known = {document.domain for document in project.documents()}
    for name in args.documents:
        if name not in known:
            raise EditionsError(
                f"no document {name!r}", hint=f"documents: {', '.join(sorted(known)) or 'none'}"
            )
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"warning: serving on {args.host}: anyone who can reach it and has the token can "
            "edit the catalogs",
            file=sys.stderr,
        )
    review = Review(
        project=project,
        language=language,
        documents=tuple(args.documents),
        reviewer=args.reviewer if args.reviewer is not None else default_reviewer(),
    )
    serve(review, host=args.host, port=args.port, browser=not args.no_browser)
    return 0
