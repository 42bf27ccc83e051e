"""A whole book as a site: editions mirror the source tree, every reference of every page
resolves inside the edition, anchors keep working across languages, and the table of
contents from SUMMARY.md is on every page in the page's language."""

from __future__ import annotations

import urllib.parse
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from editions.errors import ProjectError
from editions.render import build
from editions.render.site import (
    Site,
    local_reference,
    relative_href,
    rewrite_html,
    unique_slugs,
)
from tests.render_support import make_project, po
from tests.site_support import make_book, page_names

FORMATS = ["md", "html", "bilingual-html"]
UNTRANSLATED = 5
"""The position of the one book page left untranslated (below the release threshold)."""


class _Page(HTMLParser):
    """Every reference (``href``, ``src``) and every ``id`` of one HTML page."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.references: list[tuple[str, str, str]] = []
        self.ids: set[str] = set()
        self.links: list[dict[str, str | None]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        for name in ("href", "src"):
            if values.get(name):
                self.references.append((tag, name, str(values[name])))
        if tag == "a":
            self.links.append(values)


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("book")
    project = make_book(root, documents=320, untranslated=(UNTRANSLATED,))
    report = build(project, formats=FORMATS)
    assert report.warnings == ()
    return root / "build"


def _pages(out: Path) -> dict[Path, _Page]:
    return {p.resolve(): _Page(p.read_text(encoding="utf-8")) for p in sorted(out.rglob("*.html"))}


def test_editions_mirror_the_source_tree(book: Path) -> None:
    names = page_names(320)
    for name in names[:30]:
        languages = ("en",) if name == names[UNTRANSLATED] else ("en", "zh_CN")
        for language in languages:
            assert (book / language / f"{name}.html").is_file()
            assert (book / language / f"{name}.md").is_file()
        assert (book / "zh_CN" / f"{name}.bilingual.html").is_file() == (len(languages) == 2)
    assert not list(book.glob("*/*--*"))


def test_every_reference_of_every_page_resolves_to_a_file_of_the_edition(book: Path) -> None:
    pages = _pages(book)
    assert len(pages) >= 3 * 320
    checked = 0
    resolved: dict[tuple[Path, str], Path] = {}
    root = book.resolve()
    for path, page in pages.items():
        for tag, _, value in page.references:
            parts = urllib.parse.urlsplit(value)
            if parts.scheme or value.startswith("//"):
                continue
            key = (path.parent, parts.path)
            if key not in resolved:
                target = (path.parent / urllib.parse.unquote(parts.path)).resolve()
                resolved[key] = target if parts.path else path.resolve()
                assert resolved[key].is_file(), f"{path.relative_to(book)}: <{tag} {value!r}>"
                assert root in resolved[key].parents
                if path.name != "index.html":  # the index also lists the Markdown editions
                    assert resolved[key].suffix != ".md", f"{path}: {value}"
            target = resolved[key]
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in pages[target].ids, f"{path}: {value}"
            checked += 1
    assert checked > 320 * 2 * 300  # the table of contents links every page from each


def test_links_between_documents_open_the_same_language_and_keep_their_anchor(
    book: Path,
) -> None:
    page = _Page((book / "zh_CN/part-1/ch-1/section-2.html").read_text(encoding="utf-8"))
    hrefs = [str(link["href"]) for link in page.links]
    assert "section-1.html#setup" in hrefs  # inline link with an anchor
    assert "../ch-4/section-2.html" in hrefs  # reference definition
    assert "../ch-4/section-2.html#details" in hrefs  # raw HTML <a href>, explicit {#id}
    assert {"setup", "details"} <= page.ids


def test_a_link_to_an_unpublished_document_goes_to_the_english_page_and_says_so(
    book: Path,
) -> None:
    before = page_names(320)[UNTRANSLATED - 1]
    page = _Page((book / "zh_CN" / f"{before}.html").read_text(encoding="utf-8"))
    [fallback] = [
        link
        for link in page.links
        if link.get("href") == "../../../en/part-1/ch-1/section-5.html" and "hreflang" in link
    ]
    assert fallback["hreflang"] == "en"
    assert fallback["data-language"] == "English"
    markdown = (book / "zh_CN" / f"{before}.md").read_text(encoding="utf-8")
    assert "](../../../en/part-1/ch-1/section-5.md)" in markdown


def test_markdown_editions_keep_links_to_markdown(book: Path) -> None:
    markdown = (book / "zh_CN/part-1/ch-1/section-2.md").read_text(encoding="utf-8")
    assert "[the next chapter](section-3.md)" in markdown
    assert (book / "zh_CN/part-1/ch-1/section-3.md").is_file()
    assert (book / "zh_CN/part-1/ch-1/diagram-2.svg").is_file()
    assert (book / "zh_CN/images/shared.png").is_file()


def test_heading_ids_are_the_english_slugs_in_every_language(book: Path) -> None:
    english = _Page((book / "en/part-1/ch-1/section-2.html").read_text(encoding="utf-8"))
    chinese = _Page((book / "zh_CN/part-1/ch-1/section-2.html").read_text(encoding="utf-8"))
    headings = {"chapter-3-part-1-ch-1-section-2", "setup", "details"}
    assert headings <= english.ids and headings <= chinese.ids
    text = (book / "zh_CN/part-1/ch-1/section-2.html").read_text(encoding="utf-8")
    assert "{#details}" not in text


def test_every_page_has_the_table_of_contents_in_its_language(book: Path) -> None:
    text = (book / "zh_CN/part-2/ch-1/section-1.html").read_text(encoding="utf-8")
    assert '<nav class="toc" aria-label="目录">' in text
    assert '<li class="part">译文：部分 1</li>' in text
    assert '<span aria-current="page">章节 23</span>' in text
    assert 'rel="prev" href="../index.html"><span>上一页</span> 章节 22</a>' in text
    assert 'rel="next" href="section-2.html"><span>下一页</span> 章节 24</a>' in text
    english = (book / "en/part-2/ch-1/section-1.html").read_text(encoding="utf-8")
    assert '<span aria-current="page">Chapter 23</span>' in english


def test_a_second_build_of_the_book_writes_nothing(book: Path) -> None:
    from editions.project import find_project

    project = find_project(explicit=book.parent)
    before = {p: p.stat().st_mtime_ns for p in book.rglob("*") if p.is_file()}
    report = build(project, formats=FORMATS)
    assert report.built == () and report.removed == () and not report.index_written
    assert {p: p.stat().st_mtime_ns for p in book.rglob("*") if p.is_file()} == before


def test_the_index_lists_documents_in_folder_order(book: Path) -> None:
    page = _Page((book / "index.html").read_text(encoding="utf-8"))
    english = [
        str(link["href"])
        for link in page.links
        if str(link["href"]).startswith("en/") and str(link["href"]).endswith(".html")
    ]
    assert english[:3] == [
        "en/SUMMARY.html",
        "en/part-1/ch-1/section-1.html",
        "en/part-1/ch-1/section-2.html",
    ]


def test_configured_nav_orders_the_pages_without_a_summary(tmp_path: Path) -> None:
    sources = {"b": "# Beta\n\nSee [alpha](guide/a.md).\n", "guide/a": "# Alpha\n\nText.\n"}
    catalogs = {
        ("zh_CN", "b"): po(
            "zh_CN", {"Beta": "贝塔", "See [alpha](guide/a.md).": "见[阿尔法](guide/a.md)。"}
        ),
        ("zh_CN", "guide--a"): po("zh_CN", {"Alpha": "阿尔法", "Text.": "文本。"}),
    }
    (tmp_path / "source" / "guide").mkdir(parents=True)
    project = make_project(
        tmp_path,
        sources,
        catalogs,
        extra_config='[editions.render]\nnav = ["guide/a.md", "b.md"]\n',
    )
    build(project, formats=["html"])
    text = (tmp_path / "build/zh_CN/guide/a.html").read_text(encoding="utf-8")
    assert '<span aria-current="page">阿尔法</span>' in text
    assert '<a href="../b.html">贝塔</a>' in text
    assert 'rel="next" href="../b.html"' in text
    assert '<a href="guide/a.html">阿尔法</a>' in (tmp_path / "build/zh_CN/b.html").read_text(
        encoding="utf-8"
    )


def test_a_link_out_of_the_source_folder_is_kept_and_warned_about(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"page": "# Page\n\nSee [the code](../src/README.md).\n"})
    report = build(project, formats=["html"])
    assert report.warnings == (
        "source/page.md:3: link '../src/README.md' leads outside the source folder; it is "
        "kept as written and will not resolve in the editions",
    )
    assert 'href="../src/README.md"' in (tmp_path / "build/en/page.html").read_text("utf-8")


def test_an_image_from_outside_the_source_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "source" / "deep").mkdir(parents=True)
    project = make_project(tmp_path, {"deep/page": '# Page\n\n<img src="../../secret.png">\n'})
    (tmp_path / "secret.png").write_bytes(b"x")
    with pytest.raises(ProjectError, match="outside the source folder"):
        build(project, formats=["html"])


# -- the rule itself ---------------------------------------------------------------------------


def test_relative_hrefs_climb_only_as_far_as_needed() -> None:
    here = PurePosixPath("zh_CN/a/b/page.html")
    assert relative_href(here, PurePosixPath("zh_CN/a/b/other.html")) == "other.html"
    assert relative_href(here, PurePosixPath("zh_CN/a/c/x.html"), "#s") == "../c/x.html#s"
    assert relative_href(here, PurePosixPath("en/a/b/page.html")) == "../../../en/a/b/page.html"
    assert relative_href(here, PurePosixPath("index.html")) == "../../../index.html"
    assert relative_href(here, PurePosixPath("zh_CN/a/b/图 1.png")) == "%E5%9B%BE%201.png"


def test_local_references_resolve_against_the_documents_folder() -> None:
    assert local_reference("../c/x.md#Setup", "a/b/page") == local_reference(
        "../c/x.md#Setup", "a/b/other"
    )
    reference = local_reference("../c/x.md?v=1#Setup", "a/b/page")
    assert reference is not None and reference.path == "a/c/x.md"
    assert reference.tail == "?v=1#Setup" and reference.fragment == "Setup"
    for ref in ("https://example.org/x.md", "mailto:a@b.c", "#top", "/abs.md", ""):
        assert local_reference(ref, "a/page") is None


def test_site_links_go_to_the_same_format_or_fall_back_to_the_source() -> None:
    site = Site(["a/one", "two"], [("a/one", "en"), ("two", "en"), ("a/one", "zh_CN")], "en",
                ["md", "html", "pdf"])  # fmt: skip
    assert site.link("../two.md#x", "a/one", "zh_CN", "html") == site.link(
        "../two.md#x", "a/one", "zh_CN", "pdf"
    )
    link = site.link("../two.md#x", "a/one", "zh_CN", "html")
    assert link is not None
    assert (link.href, link.fallback_language) == ("../../en/two.html#x", "en")
    back = site.link("a/one.md", "two", "zh_CN", "md")
    assert back is not None and (back.href, back.fallback_language) == ("a/one.md", None)
    assert site.link("a/one.md", "two", "zh_CN", "html").href == "a/one.html"  # type: ignore[union-attr]
    assert site.link("missing.md", "two", "zh_CN", "html") is None
    assert site.link("pic.png", "two", "zh_CN", "html") is None


def test_raw_html_is_rewritten_attribute_by_attribute_and_otherwise_kept_byte_for_byte() -> None:
    site = Site(["guide", "intro"], [("guide", "zh_CN"), ("intro", "zh_CN")], "en", ["html"])
    text = '<p class=x><A HREF=guide.md#s title="a > b">Guide</A> <img src="p.png" alt=\'i\'></p>'
    rewritten = rewrite_html(text, site.rewriter("intro", "zh_CN", "html"))
    assert rewritten == (
        '<p class=x><A HREF="guide.html#s" title="a > b">Guide</A> <img src="p.png" alt=\'i\'></p>'
    )


def test_repeated_headings_get_numbered_ids_as_github_does() -> None:
    assert unique_slugs(["Setup", "Setup", "Set-up", "Setup 1", "设置！"]) == [
        "setup",
        "setup-1",
        "set-up",
        "setup-1-1",
        "设置",
    ]


@pytest.mark.system("chromium")
def test_a_reader_clicks_through_the_book_in_both_languages(book: Path, new_page: Any) -> None:
    watched = new_page()
    page = watched.page
    page.goto((book / "zh_CN/part-1/ch-1/section-2.html").as_uri())
    assert page.locator(".toc [aria-current=page]").inner_text() == "章节 3"
    page.click("a[rel=next]")
    page.wait_for_load_state()
    assert page.url.endswith("/zh_CN/part-1/ch-1/section-3.html")
    assert page.locator("h1").inner_text().startswith("第") is False
    assert page.locator(".toc [aria-current=page]").inner_text() == "章节 4"
    page.click(".toc a:text-is('章节 8')")
    page.wait_for_load_state()
    assert page.url.endswith("/zh_CN/part-1/ch-2/section-2.html")
    page.click("article a:text-is('译文：its setup'), article a:has-text('its setup')")
    page.wait_for_load_state()
    assert page.url.endswith("/zh_CN/part-1/ch-2/section-1.html#setup")
    assert page.evaluate("document.querySelector(':target').tagName + '#' + location.hash") == (
        "H2##setup"
    )
    page.click(".languages a[hreflang=en]")
    page.wait_for_load_state()
    assert page.url.endswith("/en/part-1/ch-2/section-1.html")
    assert page.locator(".toc [aria-current=page]").inner_text() == "Chapter 7"
    page.click("a[rel=prev]")
    page.wait_for_load_state()
    assert page.url.endswith("/en/part-1/ch-1/section-5.html")
    assert page.locator(".languages a[hreflang=zh-CN]").count() == 0  # no Chinese edition
    page.click("article a:has-text('its setup')")
    page.wait_for_load_state()
    assert page.url.endswith("/en/part-1/ch-1/section-4.html#setup")
    page.goto((book / "zh_CN/part-1/ch-1/section-4.html").as_uri())
    page.click("article a:has-text('the next chapter')")
    page.wait_for_load_state()
    assert page.url.endswith("/en/part-1/ch-1/section-5.html")  # the fallback, said so
    assert watched.errors == []


def test_a_bilingual_page_gives_each_heading_id_once(book: Path) -> None:
    text = (book / "zh_CN/part-1/ch-1/section-2.bilingual.html").read_text(encoding="utf-8")
    assert text.count('id="setup"') == 1
    assert "<h2>Setup</h2>" in text and '<h2 id="setup">译文：Setup</h2>' in text


def test_check_reports_links_to_missing_documents_headings_and_files_in_both_languages(
    tmp_path: Path,
) -> None:
    from editions.checks.runner import run_checks

    sources = {
        "guide/a": "# Alpha\n\nSee [beta](../b.md#setup), [gone](../gone.md) and ![x](pic.png).\n",
        "b": "# Beta\n\n## Setup\n\nBack to [alpha](guide/a.md#nowhere).\n",
    }
    catalogs = {
        ("zh_CN", "b"): po(
            "zh_CN",
            {
                "Beta": "贝塔",
                "Setup": "设置",
                "Back to [alpha](guide/a.md#nowhere).": "回到[阿尔法](guide/a.md#nowhere)。",
            },
        ),
        ("zh_CN", "guide--a"): po(
            "zh_CN",
            {
                "Alpha": "阿尔法",
                "See [beta](../b.md#setup), [gone](../gone.md) and ![x](pic.png).": (
                    "见[贝塔](../b.md#set-up)、[gone](../gone.md)和![x](pic.png)。"
                ),
            },
        ),
    }
    (tmp_path / "source" / "guide").mkdir(parents=True)
    project = make_project(tmp_path, sources, catalogs)
    findings = [f for f in run_checks(project) if f.code in ("W-broken-link", "W-missing-file")]
    shown = [(f.code, f.severity.value, f.path, f.line, f.message) for f in findings]
    assert shown == [
        ("W-broken-link", "warning", "locales/zh_CN/LC_MESSAGES/guide--a.po", 11,
         "link to '../b.md#set-up': b.md has no heading with the id 'set-up'"),
        ("W-broken-link", "warning", "source/b.md", 5,
         "link to 'guide/a.md#nowhere': guide/a.md has no heading with the id 'nowhere'"),
        ("W-broken-link", "warning", "source/guide/a.md", 3,
         "link to '../gone.md': no such document (gone.md)"),
        ("W-missing-file", "warning", "source/guide/a.md", 3,
         "'pic.png' does not exist (source/guide/pic.png)"),
    ]  # fmt: skip
    released = [f for f in run_checks(project, release=True) if f.code == "W-broken-link"]
    assert {f.severity.value for f in released} == {"error"}


def test_the_generated_book_has_no_broken_links(book: Path) -> None:
    from editions.checks.runner import run_checks
    from editions.project import find_project

    findings = run_checks(find_project(explicit=book.parent), release=True)
    assert [f for f in findings if f.code in ("W-broken-link", "W-missing-file")] == []


def test_text_editions_name_the_page_a_link_opens(tmp_path: Path) -> None:
    sources = {
        "b": "# Beta\n\nSee [alpha](guide/a.md#setup).\n",
        "guide/a": "# Alpha\n\n## Setup\n",
    }
    (tmp_path / "source" / "guide").mkdir(parents=True)
    project = make_project(tmp_path, sources)
    build(project, formats=["txt", "html"])
    text = (tmp_path / "build/en/b.txt").read_text(encoding="utf-8")
    assert "See alpha <guide/a.html#setup>." in text
