"""The review page's web application: a Starlette route table over :mod:`editions.review`.

Each handler parses a request, calls the library function the CLI would (queue, edit,
check, render) and answers JSON; no rule lives here or in the JavaScript. State stays on
disk: every request reads the ``.po`` files, so a restart or a second tab loses nothing.

Security (after Jupyter Server): a secret token made for this run, exchanged for an
HttpOnly cookie; the ``Host`` header must name this server (no DNS rebinding); a request
that changes anything also needs a same-origin ``Origin`` and the page's CSRF token; every
answer carries a Content-Security-Policy without inline script.
"""

from __future__ import annotations

import difflib
import hmac
import json
import re
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from editions.catalog import MessageKey
from editions.checks.model import Finding
from editions.checks.runner import entry_findings
from editions.engines.memory import TranslationMemory
from editions.errors import CatalogConflictError, EditionsError
from editions.glossary import load_glossary
from editions.history import entry_history
from editions.project import Project
from editions.render.html import body_html
from editions.review import (
    ApprovalRefused,
    Edit,
    EntryConflict,
    Item,
    Parsed,
    State,
    document_items,
    edit_entry,
    parsed_catalog,
    read_catalog,
    review_queue,
)
from editions.segment import Segment

COOKIE = "editions_review"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
STATIC_TYPES = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}


@dataclass
class Review:
    """One review run: the project, the language, the documents, the reviewer and secrets."""

    project: Project
    language: str
    documents: tuple[str, ...] = ()
    reviewer: str = ""
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    hosts: frozenset[str] = frozenset()
    """``host:port`` values the Host header may carry (set when the server binds)."""


def create_app(review: Review) -> Starlette:
    """The application for ``review``; the route table reads at a glance."""
    pages = Environment(loader=PackageLoader("editions.web", "templates"), autoescape=True)

    async def page(request: Request) -> Response:
        html = pages.get_template("review.html.j2").render(
            csrf=review.csrf, language=review.language, reviewer=review.reviewer
        )
        return Response(html, media_type="text/html; charset=utf-8")

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        suffix = Path(name).suffix
        if "/" in name or suffix not in STATIC_TYPES:
            return Response("not found", status_code=404)
        try:
            data = resources.files("editions.web").joinpath("static", name).read_bytes()
        except (FileNotFoundError, IsADirectoryError):
            return Response("not found", status_code=404)
        return Response(data, media_type=STATIC_TYPES[suffix])

    async def queue(request: Request) -> Response:
        items = review_queue(review.project, review.language, review.documents)
        counts = {state.value: 0 for state in State}
        for item in items:
            counts[item.state.value] += 1
        findings = {name: _finding_counts(review, name) for name in {i.document for i in items}}
        return JSONResponse(
            {
                "language": review.language,
                "documents": sorted({item.document for item in items}),
                "counts": counts,
                "items": [
                    {**item.queue_dict(), "finding_count": findings[item.document].get(item.key, 0)}
                    for item in items
                ],
                "versions": _versions(review),
            }
        )

    async def entry(request: Request) -> Response:
        document = request.query_params.get("document", "")
        index = int(request.query_params.get("index", "-1"))
        items = _document_items(review, document)
        if not 0 <= index < len(items):
            return _error(404, "no such entry")
        return JSONResponse(_entry_detail(review, items, index))

    async def check(request: Request) -> Response:
        body = await _json(request)
        item = _find(review, body)
        text = str(body.get("msgstr", ""))
        findings = _findings(review, item, text, approve=True)
        return JSONResponse({"findings": findings})

    async def save(request: Request) -> Response:
        body = await _json(request)
        suppress = body.get("suppress") or {}
        side = body.get("resolve")
        if side not in (None, "ours", "theirs"):
            return _error(400, "resolve must be 'ours' or 'theirs'")
        forms = body.get("msgstr_plural")
        if forms is not None and not isinstance(forms, list):
            return _error(400, "msgstr_plural must be a list of strings")
        reject, origin = body.get("reject"), body.get("origin")
        edit = Edit(
            msgstr=str(body.get("msgstr", "")),
            approve=bool(body.get("approve")),
            reviewer=review.reviewer,
            suppress={str(k): str(v) for k, v in dict(suppress).items() if str(v).strip()},
            resolve=side,
            reject=None if reject is None else str(reject),
            origin=None if origin is None else str(origin),
            msgstr_plural=None if forms is None else tuple(str(f) for f in forms),
        )
        key: MessageKey = (body.get("msgctxt"), str(body.get("msgid", "")))
        try:
            saved = edit_entry(
                review.project,
                review.language,
                str(body.get("document", "")),
                key,
                str(body.get("fingerprint", "")),
                edit,
            )
        except EntryConflict as exc:
            theirs = exc.theirs.as_dict() if exc.theirs is not None else None
            return JSONResponse(
                {"error": exc.message, "conflict": True, "theirs": theirs, "mine": edit.msgstr},
                status_code=409,
            )
        except ApprovalRefused as exc:
            return JSONResponse(
                {"error": exc.message, "refused": True, "findings": _dicts(exc.findings)},
                status_code=422,
            )
        item = saved.item
        count = sum(1 for f in saved.findings if f.code not in QUIET_CODES)
        return JSONResponse(
            {"item": {**item.as_dict(), "finding_count": count}, "versions": _versions(review)}
        )

    async def preview(request: Request) -> Response:
        document = request.query_params.get("document", "")
        line = request.query_params.get("line", "")
        return JSONResponse(_preview(review, document, int(line) if line.isdigit() else None))

    async def versions(request: Request) -> Response:
        return JSONResponse({"versions": _versions(review)})

    async def history(request: Request) -> Response:
        document = request.query_params.get("document", "")
        index = int(request.query_params.get("index", "-1"))
        items = _document_items(review, document)
        if not 0 <= index < len(items):
            return _error(404, "no such entry")
        path = review.project.po_path(review.language, document)
        return JSONResponse(entry_history(review.project.root, path, items[index].entry))

    routes = [
        Route("/", page),
        Route("/static/{name}", static),
        Route("/api/queue", queue),
        Route("/api/entry", entry),
        Route("/api/check", check, methods=["POST"]),
        Route("/api/save", save, methods=["POST"]),
        Route("/api/preview", preview),
        Route("/api/versions", versions),
        Route("/api/history", history),
    ]
    app = Starlette(routes=routes, exception_handlers={EditionsError: _editions_error})
    app.add_middleware(_Guard, review=review)
    return app


class _Guard:
    """ASGI middleware: token cookie, Host check, Origin and CSRF on writes, headers."""

    def __init__(self, app: Callable[..., Awaitable[None]], review: Review) -> None:
        self.app = app
        self.review = review

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        response = self.refusal(request)
        if response is None and request.query_params.get("token"):
            response = RedirectResponse(request.url.path, status_code=303)
            response.set_cookie(COOKIE, self.review.token, httponly=True, samesite="strict")
        if response is not None:
            await _with_headers(response)(scope, receive, send)
            return

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(k.encode(), v.encode()) for k, v in _SECURITY_HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def refusal(self, request: Request) -> Response | None:
        review = self.review
        host = request.headers.get("host", "")
        if review.hosts and host not in review.hosts:
            return _error(403, "unknown Host (DNS rebinding?): open the URL the server printed")
        given = request.query_params.get("token") or request.cookies.get(COOKIE, "")
        if not hmac.compare_digest(given.encode(), review.token.encode()):
            return _error(403, "missing or wrong token: open the URL the server printed")
        if request.method not in ("GET", "HEAD"):
            origin = request.headers.get("origin")
            if origin is not None and origin != f"{request.url.scheme}://{host}":
                return _error(403, "cross-origin request refused")
            csrf = request.headers.get("x-csrf-token", "")
            if not hmac.compare_digest(csrf.encode(), review.csrf.encode()):
                return _error(403, "missing or wrong CSRF token")
        return None


_SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
}


def _with_headers(response: Response) -> Response:
    for name, value in _SECURITY_HEADERS.items():
        response.headers[name] = value
    return response


async def _editions_error(request: Request, exc: Exception) -> Response:
    """A library refusal (conflict markers, a vanished entry, bad input) as JSON, no 500."""
    status = 409 if isinstance(exc, CatalogConflictError) else 400
    return _with_headers(JSONResponse({"error": str(exc)}, status_code=status))


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def _json(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body())
    except ValueError:
        raise EditionsError("the request body is not JSON") from None
    if not isinstance(body, dict):
        raise EditionsError("the request body must be a JSON object")
    return body


def _document_items(review: Review, document: str) -> list[Item]:
    if document not in {d.domain for d in review.project.documents()}:
        return []
    return document_items(review.project, review.language, document)


def _find(review: Review, body: dict[str, Any]) -> Item:
    document = str(body.get("document", ""))
    key = (body.get("msgctxt"), str(body.get("msgid", "")))
    for item in _document_items(review, document):
        if item.key == key:
            return item
    raise EditionsError("no such entry", path=document)


def _findings(review: Review, item: Item, text: str, *, approve: bool) -> list[dict[str, Any]]:
    """The findings ``editions check`` gives this entry holding ``text``, as approved."""
    from editions.catalog import FUZZY

    path = review.project.po_path(review.language, item.document)
    catalog = read_catalog(path)[0]
    entry = item.entry.replace(msgstr=text)
    if approve:
        entry = entry.with_flag(FUZZY, False)
    found = entry_findings(review.project, review.language, item.document, catalog, entry)
    return _dicts(found)


QUIET_CODES = ("W-fuzzy", "W-untranslated")
"""Findings every draft has: not counted for the "with findings" filter."""


def _dicts(findings: list[Finding]) -> list[dict[str, Any]]:
    return [
        {**f.as_dict(), "blocking": f.severity.value == "error"}
        for f in findings
        if f.code != "W-fuzzy"
    ]


_FINDING_COUNTS: dict[Path, tuple[bytes, dict[MessageKey, int]]] = {}


def _finding_counts(review: Review, document: str) -> dict[MessageKey, int]:
    """Findings per entry of ``editions check`` on the catalog as it is (for the filter),
    computed once per version of the file."""
    from editions.checks.runner import run_checks
    from editions.review import parsed_catalog

    path = review.project.po_path(review.language, document)
    parsed = parsed_catalog(path)
    cached = _FINDING_COUNTS.get(path)
    if cached is not None and cached[0] is parsed.data:
        return cached[1]
    by_line = {entry.line: entry.key for entry in parsed.catalog.live()}
    counts: dict[MessageKey, int] = {}
    for finding in run_checks(review.project, [path], language=review.language, jobs=1):
        key = by_line.get(finding.line)
        if key is not None and finding.code not in QUIET_CODES:
            counts[key] = counts.get(key, 0) + 1
    _FINDING_COUNTS[path] = (parsed.data, counts)
    return counts


def _entry_detail(review: Review, items: list[Item], index: int) -> dict[str, Any]:
    item = items[index]
    entry = item.entry
    glossary = load_glossary(review.project.glossary_path())
    terms = [
        {
            "en": term.source,
            "target": target,
            "found": target in entry.msgstr,
            "note": term.note,
            "forbidden": list(term.forbidden.get(review.language, ())),
        }
        for term, target in glossary.matches(entry.msgid, review.language)
    ]
    memory = _memory(review)
    recall = memory.recall(entry.msgid)
    own = review.project.relative(review.project.po_path(review.language, item.document))
    suggestions: list[dict[str, Any]] = []
    if recall is not None and not (recall.origin == own and recall.msgstr == entry.msgstr):
        suggestions.append(
            {"text": recall.msgstr, "origin": recall.origin, "score": 100.0, "english": None}
        )
    for like in memory.similar(entry.msgid):
        suggestions.append(
            {
                "text": like.msgstr,
                "origin": like.origin,
                "score": like.score,
                "english": like.msgid,
                "diff": _word_diff(like.msgid, entry.msgid),
            }
        )
    headings = [i.entry.msgid for i in items[:index] if "heading" in i.entry.extracted_comments]
    return {
        "item": item.as_dict(),
        "english_html": body_html(entry.msgid, frozenset()),
        "translation_html": body_html(entry.msgstr, frozenset()) if entry.msgstr else "",
        "before": [_neighbour(i) for i in items[max(0, index - 1) : index]],
        "after": [_neighbour(i) for i in items[index + 1 : index + 2]],
        "heading_path": headings[-1:] if headings else [],
        "diff": _word_diff(entry.previous_msgid, entry.msgid),
        "terms": terms,
        "suggestions": suggestions,
        "plural_labels": _plural_labels(review, item) if entry.is_plural else [],
        "findings": _findings(review, item, entry.msgstr, approve=True) if entry.msgstr else [],
    }


@dataclass
class _Memory:
    """The translation memory the page offers, and what it was built from."""

    stamp: tuple[tuple[str, int, int], ...]
    memory: TranslationMemory
    parses: dict[Path, Parsed]


_MEMORY: dict[str, _Memory] = {}


def _memory(review: Review) -> TranslationMemory:
    """The project's translation memory (every catalog of the language, then imported TMX),
    built once; a catalog changed by the page's own saves is brought up to date entry by
    entry, anything else changed builds it again."""
    from editions.engines.memory import catalog_paths
    from editions.interop.tmx import memory_pairs

    project = review.project
    paths = catalog_paths(project.locales_dir, review.language)
    memory_dir = project.locales_dir / "memory"
    extra = sorted(p for p in memory_dir.rglob("*") if p.is_file()) if memory_dir.is_dir() else []
    stamp = tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in [*paths, *extra])
    cached = _MEMORY.get(review.language)
    if cached is not None and cached.stamp == stamp:
        return cached.memory
    parses = {path: parsed_catalog(path) for path in paths}
    if cached is not None and _spliced_only(cached, parses, stamp, extra):
        for path, parsed in parses.items():
            old = cached.parses[path]
            if old is parsed:
                continue
            origin = project.relative(path)
            for before, after in zip(old.catalog.entries, parsed.catalog.entries, strict=True):
                if before is not after and before != after:
                    cached.memory.replace_entry(before, after, origin)
        cached.stamp, cached.parses = stamp, parses
        return cached.memory
    memory = TranslationMemory()
    for path, parsed in parses.items():
        memory.add_catalog(parsed.catalog, project.relative(path))
    for pair in memory_pairs(project, review.language):
        memory.add_pair(pair.source, pair.target, pair.origin)
    _MEMORY[review.language] = _Memory(stamp, memory, parses)
    return memory


def _spliced_only(
    cached: _Memory,
    parses: dict[Path, Parsed],
    stamp: tuple[tuple[str, int, int], ...],
    extra: list[Path],
) -> bool:
    """Only catalogs changed, each by saves of the page (the same entries, in place)."""
    if set(parses) != set(cached.parses):
        return False
    old_extra = [s for s in cached.stamp if Path(s[0]) not in cached.parses]
    if old_extra != [s for s in stamp if Path(s[0]) in extra]:
        return False
    return all(
        parsed is cached.parses[path] or parsed.positions is cached.parses[path].positions
        for path, parsed in parses.items()
    )


def _plural_labels(review: Review, item: Item) -> list[str]:
    """For each plural form, the numbers that take it (``n = 1``, ``n = 0, 2, 3, …``),
    from the catalog's Plural-Forms, as Poedit labels its tabs."""
    from editions.plurals import PluralSyntaxError, language_rule, parse_plural_forms

    path = review.project.po_path(review.language, item.document)
    header = read_catalog(path)[0].header("Plural-Forms")
    try:
        rule = parse_plural_forms(header) if header else language_rule(review.language)
    except PluralSyntaxError:
        rule = None
    count = len(item.entry.msgstr_plural)
    if rule is None:
        return [f"form {i}" for i in range(count)]
    chosen = rule.forms(200)
    labels = []
    for form in range(count):
        numbers = [n for n, f in enumerate(chosen) if f == form]
        shown = ", ".join(str(n) for n in numbers[:4]) + (", …" if len(numbers) > 4 else "")
        labels.append(f"form {form}: n = {shown}" if numbers else f"form {form}")
    return labels


def _neighbour(item: Item) -> dict[str, str]:
    return {"english_html": body_html(item.entry.msgid, frozenset()), "msgstr": item.entry.msgstr}


def _word_diff(previous: str | None, current: str) -> list[dict[str, str]]:
    """Word-level changes from the previous English to the current: [{op, text}]."""
    if previous is None:
        return []
    old, new = previous.split(), current.split()
    ops: list[dict[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append({"op": "same", "text": " ".join(old[i1:i2])})
            continue
        if i2 > i1:
            ops.append({"op": "removed", "text": " ".join(old[i1:i2])})
        if j2 > j1:
            ops.append({"op": "added", "text": " ".join(new[j1:j2])})
    return ops


PREVIEW_BLOCKS = 400
"""A document of more blocks is previewed in a window of blocks around the entry."""
_WINDOW = 60
"""Blocks shown on each side of the entry's block in a windowed preview."""


@dataclass(frozen=True)
class _English:
    """A source document parsed once per version of the file."""

    lines: list[str]
    blocks: list[tuple[int, int]]
    """Each top-level block's source lines, 0-based, end exclusive (markdown-it's map)."""
    references: dict[str, Any]
    allowed: frozenset[str]


_ENGLISH: dict[Path, tuple[tuple[int, int], _English]] = {}


def _english(path: Path) -> _English:
    from editions.render.html import parse_markdown

    stat = path.stat()
    stamp = (stat.st_size, stat.st_mtime_ns)
    cached = _ENGLISH.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    source = path.read_text(encoding="utf-8")
    english = parse_markdown(source)
    found = _English(
        lines=source.splitlines(keepends=True),
        blocks=[tuple(block[0].map or (0, 0)) for block in english.blocks()],  # type: ignore[misc]
        references=dict(english.env.get("references", {})),
        allowed=frozenset(f for f in english.raw_html() if not _ACTIVE_HTML.search(f)),
    )
    _ENGLISH[path] = (stamp, found)
    return found


def _translate(path: Path) -> Callable[[Segment], str | None]:
    """What the preview shows for a segment: the catalog's translation, drafts included
    (:func:`~editions.render.translations.translations_from_catalog` with ``drafts``),
    looked up in the parse the page already holds."""
    parsed = parsed_catalog(path)
    entries, positions = parsed.catalog.entries, parsed.positions

    def translate(segment: Segment) -> str | None:
        place = positions.get((None, segment.msgid))
        if place is None or not segment.msgid:
            return None
        entry = entries[place[0]]
        if entry.is_plural or not entry.msgstr or not (entry.reviewed or entry.fuzzy):
            return None
        return entry.msgstr

    return translate


def _preview(review: Review, document: str, line: int | None = None) -> dict[str, Any]:
    """The document's edition as readers will see it, drafts included (the build renderer):
    ``{"html", "window"}``. Each top-level block says which source lines it translates, so
    the page marks the block holding the entry's reference (the pairing of the bilingual
    edition). A long document comes as the blocks around ``line``; ``window`` says which
    source lines they cover (None: the whole document)."""
    from editions.markdown import markdown_parser
    from editions.render.html import ParsedDocument, render_tokens
    from editions.render.markdown import localized_markdown
    from editions.segment import segment_document

    matches = [d for d in review.project.documents() if d.domain == document]
    path = review.project.po_path(review.language, document)
    if not matches or not path.is_file():
        return {"html": "", "window": None}
    english = _english(matches[0].path)
    translate = _translate(path)

    first, last, window = 0, len(english.blocks), None
    if len(english.blocks) > PREVIEW_BLOCKS:
        at = next(
            (i for i, (a, b) in enumerate(english.blocks) if line is not None and a < line <= b), 0
        )
        first, last = max(0, at - _WINDOW), min(len(english.blocks), at + _WINDOW + 1)
        window = [english.blocks[first][0] + 1, english.blocks[last - 1][1]]
    start = english.blocks[first][0] if english.blocks else 0
    end = english.blocks[last - 1][1] if english.blocks else len(english.lines)
    source = "".join(english.lines[start:end] if window else english.lines)
    env: dict[str, Any] = {"references": dict(english.references)}
    localized = ParsedDocument(
        markdown_parser().parse(
            localized_markdown(
                source, translate, segment_document(source, review.project.directives)
            ),
            env,
        ),
        env,
    )
    blocks = localized.blocks()
    if len(blocks) != last - first:
        return {"html": render_tokens(localized.tokens, env, english.allowed), "window": window}
    pieces = []
    for (a, b), block in zip(english.blocks[first:last], blocks, strict=True):
        html = render_tokens(block, env, english.allowed)
        pieces.append(f'<div class="block" data-lines="{a + 1}-{b}">{html}</div>')
    return {"html": "\n".join(pieces), "window": window}


_ACTIVE_HTML = re.compile(
    r"<\s*/?\s*(script|style|iframe|object|embed|link|meta|base|form)\b|\son\w+\s*=|javascript:",
    re.IGNORECASE,
)
"""Raw HTML the page never passes through, even where the source has it: the preview runs
inside the reviewer's session, so only inert markup (``<br>``, ``<sup>``) is shown as HTML."""


def _versions(review: Review) -> dict[str, str]:
    """A cheap version of each catalog on disk (size and mtime), for the page to poll."""
    found: dict[str, str] = {}
    for document in review.project.documents():
        if review.documents and document.domain not in review.documents:
            continue
        path = review.project.po_path(review.language, document.domain)
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        found[document.domain] = f"{stat.st_size}-{stat.st_mtime_ns}"
    return found


__all__ = ["Review", "create_app"]
