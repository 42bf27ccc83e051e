"""The Chinese HTML edition in a real browser: Playwright driving Debian's Chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from editions.render import build
from tests.browser import PAGE_FACTS
from tests.render_support import make_project, po, press_release_project

pytestmark = pytest.mark.system("chromium")


def open_page(new_page: Any, url: str) -> tuple[dict[str, Any], list[str]]:
    """Load ``url``; facts about the page and every error the browser reported."""
    watched = new_page()
    watched.page.goto(url)
    watched.page.wait_for_timeout(200)
    return watched.page.evaluate(PAGE_FACTS), watched.errors


def test_chinese_edition_renders_in_chromium_without_console_errors(
    new_page: Any, tmp_path: Path
) -> None:
    project = press_release_project(tmp_path)
    build(project, formats=["html", "bilingual-html"], out_dir=tmp_path / "out")
    facts, errors = open_page(
        new_page, (tmp_path / "out" / "zh_CN" / "deepblue-quzhou.html").as_uri()
    )
    assert errors == []
    assert facts["lang"] == "zh-CN"
    assert facts["title"].startswith("深兰科技") and facts["title"] == facts["h1"]
    assert facts["paragraph"].startswith("2018年11月28日")
    facts, errors = open_page(
        new_page, (tmp_path / "out" / "zh_CN" / "deepblue-quzhou.bilingual.html").as_uri()
    )
    assert errors == []
    assert facts["paragraph"].startswith("2018年11月28日")


def test_injected_script_does_not_run_in_the_browser(new_page: Any, tmp_path: Path) -> None:
    catalog = po(
        "zh_CN",
        {"Title": "标题", "Body.": '<img src=x onerror="alert(1)"><script>alert(2)</script>'},
    )
    project = make_project(tmp_path, {"doc": "# Title\n\nBody.\n"}, {("zh_CN", "doc"): catalog})
    build(project, formats=["html"], out_dir=tmp_path / "out")
    facts, errors = open_page(new_page, (tmp_path / "out" / "zh_CN" / "doc.html").as_uri())
    assert errors == []  # no alert dialog, no exception
    assert facts["scripts"] == 0
    assert "<script>alert(2)</script>" in facts["paragraph"]


def test_the_error_detector_sees_console_errors(new_page: Any, tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text(
        "<!DOCTYPE html><title>t</title>"
        "<script>console.error('boom'); alert('hi'); undefinedFn();</script>",
        encoding="utf-8",
    )
    _, errors = open_page(new_page, page.as_uri())
    assert any("boom" in e for e in errors) and any(e.startswith("exception") for e in errors)
    assert "dialog: hi" in errors
