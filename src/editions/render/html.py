"""HTML editions: the shared Markdown parser, a renderer that cannot be injected, Jinja2 pages.

Markdown becomes HTML through :func:`editions.markdown.markdown_parser`, the one parser
configuration of the project, so a page shows exactly what extraction and checks saw.
Raw HTML is the one hole: CommonMark passes ``<script>`` or ``<img onerror=...>`` through.
The guarded renderer lets through only raw HTML that the English source itself contains
(the author's markup, carried over unchanged); raw HTML that a translation brings in is
escaped and shows as text. ``javascript:`` and ``vbscript:`` links never become links: the
parser's link validation drops them. Page chrome comes from Jinja2 templates with
autoescaping on; a project overrides any of them in its ``templates/`` folder.
"""

from __future__ import annotations

import copy
import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MethodType
from typing import Any

import jinja2
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markupsafe import Markup

from editions.markdown import markdown_parser
from editions.project import Project
from editions.render.edition import html_lang
from editions.render.site import Link, rewrite_html, unique_slugs

Rewrite = Callable[[str], Link | None]

TEMPLATE_DIR = Path(__file__).parent / "templates"
_ALLOWED_KEY = "editions_allowed_html"
_LINKS_KEY = "editions_links"
_NO_IDS_KEY = "editions_no_heading_ids"
_EXPLICIT_ID = re.compile(r"\s*\{#([A-Za-z][\w.:-]*)\}\s*$")
"""A heading's explicit id, written after its text: ``## Setup {#setup}``."""


@dataclass(slots=True)
class ParsedDocument:
    """A Markdown document parsed by the shared parser: block tokens and the parse env."""

    tokens: list[Token]
    env: dict[str, Any] = field(default_factory=dict)

    def raw_html(self) -> frozenset[str]:
        """Every raw HTML fragment (block or inline) the document contains."""
        found: set[str] = set()
        for token in self.tokens:
            if token.type == "html_block":
                found.add(token.content)
            for child in token.children or ():
                if child.type == "html_inline":
                    found.add(child.content)
        return frozenset(found)

    def image_sources(self) -> list[tuple[str, int]]:
        """``(src, line)`` of every Markdown image, lines 1-based, in document order."""
        found: list[tuple[str, int]] = []
        for token in self.tokens:
            line = token.map[0] + 1 if token.map else 0
            for child in token.children or ():
                if child.type == "image":
                    found.append((str(child.attrs.get("src", "")), line))
        return found

    def link_targets(self) -> list[tuple[str, int]]:
        """``(href, line)`` of every Markdown link (inline, reference, autolink) and of
        every ``href``/``src`` in raw HTML, lines 1-based, in document order."""
        from editions.render.site import html_references

        found: list[tuple[str, int]] = []
        for token in self.tokens:
            line = token.map[0] + 1 if token.map else 0
            if token.type == "html_block":
                found += [(value, line) for _, _, value in html_references(token.content)]
            for child in token.children or ():
                if child.type == "link_open":
                    found.append((str(child.attrs.get("href", "")), line))
                elif child.type == "html_inline":
                    found += [(value, line) for _, _, value in html_references(child.content)]
        return found

    def references(self) -> list[tuple[str, int, bool]]:
        """``(ref, line, embedded)`` of every reference: images and raw HTML ``src``-like
        attributes are embedded (the page shows the file), links are not."""
        from editions.render.site import html_references

        found: list[tuple[str, int, bool]] = [
            (ref, line, True) for ref, line in self.image_sources()
        ]
        for token in self.tokens:
            line = token.map[0] + 1 if token.map else 0
            fragments = [token.content] if token.type == "html_block" else []
            for child in token.children or ():
                if child.type == "link_open":
                    found.append((str(child.attrs.get("href", "")), line, False))
                elif child.type == "html_inline":
                    fragments.append(child.content)
            for fragment in fragments:
                found += [(v, line, name != "href") for _, name, v in html_references(fragment)]
        return found

    def heading_texts(self) -> list[tuple[str, str | None]]:
        """Each heading's plain text and its explicit ``{#id}`` (None without one)."""
        found: list[tuple[str, str | None]] = []
        for index, token in enumerate(self.tokens):
            if token.type != "heading_open" or index + 1 >= len(self.tokens):
                continue
            text = plain_text(self.tokens[index + 1].children or ())
            explicit = _EXPLICIT_ID.search(text)
            found.append(
                (text[: explicit.start()], explicit.group(1)) if explicit else (text, None)
            )
        return found

    def heading_ids(self) -> list[str]:
        """The id of each heading: its explicit ``{#id}``, else the slug of its text."""
        texts = self.heading_texts()
        slugs = unique_slugs(text for text, _ in texts)
        return [explicit or slugged for (_, explicit), slugged in zip(texts, slugs, strict=True)]

    def set_heading_ids(self, ids: Sequence[str]) -> None:
        """Give the headings ``ids`` in order (the source's, so that ``page.html#id`` opens
        the same section in every language) and drop explicit ``{#id}`` from their text.
        Headings beyond ``ids`` get the slug of their own text."""
        own = self.heading_ids()
        ordinal = 0
        for index, token in enumerate(self.tokens):
            if token.type != "heading_open":
                continue
            token.attrSet("id", ids[ordinal] if ordinal < len(ids) else own[ordinal])
            ordinal += 1
            children = self.tokens[index + 1].children if index + 1 < len(self.tokens) else None
            if children and children[-1].type == "text":
                children[-1].content = _EXPLICIT_ID.sub("", children[-1].content)

    def title(self) -> str | None:
        """Plain text of the first heading (an ``h1`` if there is one)."""
        headings = [i for i, t in enumerate(self.tokens) if t.type == "heading_open"]
        first_h1 = next((i for i in headings if self.tokens[i].tag == "h1"), None)
        index = first_h1 if first_h1 is not None else (headings[0] if headings else None)
        if index is None or index + 1 >= len(self.tokens):
            return None
        text = plain_text(self.tokens[index + 1].children or ())
        return _EXPLICIT_ID.sub("", text) or None

    def mark_language(self, passages: frozenset[str], language: str) -> None:
        """Set ``lang`` on each block whose text is one of ``passages`` (English fallbacks).

        Screen readers then pronounce it as English and the stylesheet picks a Latin face.
        """
        if not passages:
            return
        for index, token in enumerate(self.tokens):
            if token.type != "inline" or index == 0:
                continue
            opener = self.tokens[index - 1]
            if opener.nesting == 1 and " ".join(token.content.split("\n")) in passages:
                opener.attrSet("lang", language)

    def after_leading_heading(self) -> int:
        """Index of the token after the document's opening heading (0 when it has none).

        The dateline goes there: under the title, above the first paragraph.
        """
        for index, token in enumerate(self.tokens):
            if token.type == "front_matter":
                continue
            if token.type != "heading_open":
                return 0
            return next(
                (
                    i + 1
                    for i in range(index, len(self.tokens))
                    if self.tokens[i].type == "heading_close"
                ),
                0,
            )
        return 0

    def blocks(self) -> list[list[Token]]:
        """Top-level blocks (paragraph, heading, list, table, ...), front matter left out."""
        groups: list[list[Token]] = []
        current: list[Token] = []
        for token in self.tokens:
            current.append(token)
            if token.level == 0 and token.nesting <= 0:
                if current[0].type != "front_matter":
                    groups.append(current)
                current = []
        if current:
            groups.append(current)
        return groups


def parse_markdown(text: str) -> ParsedDocument:
    env: dict[str, Any] = {}
    tokens = markdown_parser().parse(text, env)
    return ParsedDocument(tokens=tokens, env=env)


def plain_text(children: Iterable[Token]) -> str:
    """The text a reader sees of inline tokens: markup dropped, breaks as spaces."""
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(plain_text(child.children or ()))
    return "".join(parts).strip()


def render_tokens(
    tokens: Sequence[Token],
    env: dict[str, Any],
    allowed: frozenset[str],
    links: Rewrite | None = None,
    heading_ids: bool = True,
) -> str:
    """HTML for ``tokens``; raw HTML not in ``allowed`` is escaped, never passed through.
    ``links`` rewrites references (links, and ``href``/``src`` in raw HTML) for the edition
    the HTML goes into (:meth:`editions.render.site.Site.rewriter`); without
    ``heading_ids`` headings carry no ``id`` (the source column of a bilingual page)."""
    renderer = _guarded_renderer()
    context = {**env, _ALLOWED_KEY: allowed, _LINKS_KEY: links, _NO_IDS_KEY: not heading_ids}
    return renderer.render(tokens, markdown_parser().options, context)


def body_html(text: str, allowed: frozenset[str]) -> str:
    """The HTML body of a Markdown document, guarded as :func:`render_tokens` says."""
    parsed = parse_markdown(text)
    return render_tokens(parsed.tokens, parsed.env, allowed)


@cache
def _guarded_renderer() -> RendererHTML:
    base = markdown_parser().renderer
    assert isinstance(base, RendererHTML)
    renderer = copy.copy(base)
    renderer.rules = dict(base.rules)

    def html_block(
        self: RendererHTML, tokens: Sequence[Token], idx: int, options: Any, env: Any
    ) -> str:
        content = tokens[idx].content
        if content in env.get(_ALLOWED_KEY, ()):
            return _relinked_html(content, env)
        return f"<p>{escapeHtml(content.rstrip(chr(10)))}</p>\n"

    def html_inline(
        self: RendererHTML, tokens: Sequence[Token], idx: int, options: Any, env: Any
    ) -> str:
        content = tokens[idx].content
        if content in env.get(_ALLOWED_KEY, ()):
            return _relinked_html(content, env)
        return escapeHtml(content)

    def link_open(
        self: RendererHTML, tokens: Sequence[Token], idx: int, options: Any, env: Any
    ) -> str:
        token = tokens[idx]
        rewrite = env.get(_LINKS_KEY)
        link = rewrite(str(token.attrs.get("href", ""))) if rewrite else None
        if link is not None:
            token = token.copy(attrs=dict(token.attrs))  # the parsed tokens serve every format
            token.attrSet("href", link.href)
            if link.fallback_language:
                token.attrSet("hreflang", html_lang(link.fallback_language))
                token.attrSet("data-language", link.fallback_label)
        return self.renderToken([token], 0, options, env)

    renderer.rules["html_block"] = MethodType(html_block, renderer)
    renderer.rules["html_inline"] = MethodType(html_inline, renderer)

    def heading_open(
        self: RendererHTML, tokens: Sequence[Token], idx: int, options: Any, env: Any
    ) -> str:
        token = tokens[idx]
        if env.get(_NO_IDS_KEY) and "id" in token.attrs:
            token = token.copy(attrs={k: v for k, v in token.attrs.items() if k != "id"})
            return self.renderToken([token, *tokens[idx + 1 : idx + 2]], 0, options, env)
        return self.renderToken(tokens, idx, options, env)

    renderer.rules["link_open"] = MethodType(link_open, renderer)
    renderer.rules["heading_open"] = MethodType(heading_open, renderer)
    return renderer


def _relinked_html(content: str, env: Any) -> str:
    rewrite = env.get(_LINKS_KEY)
    return rewrite_html(content, rewrite) if rewrite else content


# ---------------------------------------------------------------------------------------------
# Templates


class Templates:
    """The Jinja2 templates of a build: the project's overrides first, then the shipped ones."""

    def __init__(self, override_dir: Path | None = None) -> None:
        self.override_dir = override_dir if override_dir and override_dir.is_dir() else None
        folders = [d for d in (self.override_dir, TEMPLATE_DIR) if d is not None]
        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d) for d in folders]),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.digest = _folders_digest(folders)

    def render(self, name: str, **context: Any) -> str:
        try:
            template = self.environment.get_template(name)
        except jinja2.TemplateNotFound:
            from editions.errors import ProjectError

            raise ProjectError(f"template {name!r} not found", path=self.override_dir) from None
        return template.render(**context)


def templates_for(project: Project) -> Templates:
    """The project's templates: ``[render] templates = DIR`` or ``templates/`` in the root."""
    configured = project.settings.render.templates
    folder = project.root / configured if configured else project.root / "templates"
    return Templates(folder)


def _folders_digest(folders: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.glob("*.j2")):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def markup(html: str) -> Markup:
    """Mark renderer output as safe for the templates (it was escaped by the renderer)."""
    return Markup(html)
