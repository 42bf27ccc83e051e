"""The review page in a real browser (Playwright on Debian's Chromium), keyboard first."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from editions.cli import main
from editions.fsio import catalog_lock
from editions.pofile import load_catalog, save_catalog
from tests.conftest import REPO
from tests.review_support import Server, changed_lines

pytestmark = pytest.mark.system("chromium")

REVIEWED = {
    e.msgid: e.msgstr
    for e in load_catalog(REPO / "locales/zh_CN/LC_MESSAGES/deepblue-quzhou.po").entries
}


def _open(new_page: Any, server: Server) -> Any:
    watched = new_page(viewport={"width": 1400, "height": 900})
    watched.page.goto(server.entry_url)
    watched.page.wait_for_selector("body[data-ready=queue]")
    watched.page.wait_for_selector("#entry-body:not([hidden])")
    return watched


def _po(server: Server) -> Path:
    return server.project.po_path("zh_CN", "deepblue-quzhou")


def _entry(server: Server, msgid: str) -> Any:
    return next(e for e in load_catalog(_po(server)).entries if e.msgid == msgid)


def test_a_reviewer_edits_and_approves_with_the_keyboard_only(
    review_server: Server, new_page: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    watched = _open(new_page, review_server)
    page = watched.page
    msgid = page.text_content("#english-raw")
    assert msgid in REVIEWED
    assert page.evaluate("document.activeElement.id") == "translation"
    page.keyboard.press("Control+A")
    page.keyboard.type(REVIEWED[msgid])
    page.keyboard.press("Control+Enter")
    expect(page.locator("#status")).to_contain_text("approved")
    expect(page.locator("#english-raw")).not_to_have_text(msgid)
    assert watched.errors == []

    entry = _entry(review_server, msgid)
    assert entry.msgstr == REVIEWED[msgid] and not entry.fuzzy
    assert any(
        c.startswith("reviewed-by: Li Wei <li@example.org> ") for c in entry.translator_comments
    )
    changed = changed_lines(review_server.project.root)
    removed = [line for line in changed if line.startswith("-")]
    added = [line for line in changed if line.startswith("+")]
    assert removed[0] == "-#, fuzzy" and removed[1].startswith('-msgstr "') and len(removed) == 2
    assert added[0].startswith("+# reviewed-by: Li Wei <li@example.org> 2")
    assert added[1:] == [f'+msgstr "{REVIEWED[msgid]}"']

    root = ["--project", str(review_server.project.root)]
    capsys.readouterr()
    main(["stats", *root, "--format", "json"])
    stats = json.loads(capsys.readouterr().out)[0]
    assert stats["reviewed"]["entries"] == 1
    main(["check", "--release", *root, "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert not [f for f in findings if f["msgid"] and msgid.startswith(f["msgid"].rstrip("…"))]


def test_two_tabs_saving_one_entry_show_the_conflict_and_lose_neither_text(
    review_server: Server, new_page: Any
) -> None:
    first, second = _open(new_page, review_server), _open(new_page, review_server)
    msgid = first.page.text_content("#english-raw")
    assert second.page.text_content("#english-raw") == msgid
    first.page.fill("#translation", "第一个标签页的译文。")
    first.page.keyboard.press("Control+S")
    expect(first.page.locator("#status")).to_have_text("saved")
    second.page.fill("#translation", "第二个标签页的译文。")
    second.page.keyboard.press("Control+S")
    second.page.wait_for_selector("#conflict:not([hidden])")
    assert second.page.text_content("#conflict-theirs") == "第一个标签页的译文。"
    assert second.page.text_content("#conflict-mine") == "第二个标签页的译文。"
    assert _entry(review_server, msgid).msgstr == "第一个标签页的译文。"
    second.page.click("#keep-mine")
    second.page.keyboard.press("Control+S")
    expect(second.page.locator("#status")).to_have_text("saved")
    assert _entry(review_server, msgid).msgstr == "第二个标签页的译文。"
    expected_409 = "the server responded with a status of 409"  # the conflict answer itself
    assert [e for e in first.errors + second.errors if expected_409 not in e] == []


def test_a_change_on_disk_reaches_the_open_page_and_never_overwrites_an_edit(
    review_server: Server, new_page: Any
) -> None:
    watched = _open(new_page, review_server)
    page = watched.page
    msgid = page.text_content("#english-raw")
    page.fill("#translation", "页面上尚未保存的修改。")
    catalog = load_catalog(_po(review_server))
    save_catalog(
        _po(review_server),
        catalog.replace_entries(
            e.replace(msgstr="编辑器里保存的译文。") if e.msgid == msgid else e
            for e in catalog.entries
        ),
    )
    page.wait_for_selector("#conflict:not([hidden])", timeout=10000)
    assert page.text_content("#conflict-theirs") == "编辑器里保存的译文。"
    assert page.text_content("#conflict-mine") == "页面上尚未保存的修改。"
    assert _entry(review_server, msgid).msgstr == "编辑器里保存的译文。"


def test_a_save_while_draft_holds_the_catalog_is_refused_and_kept_in_the_page(
    review_server: Server, new_page: Any
) -> None:
    watched = _open(new_page, review_server)
    page = watched.page
    msgid = page.text_content("#english-raw")
    before = _po(review_server).read_bytes()
    with catalog_lock(_po(review_server), review_server.project.lock_dir):  # as draft holds it
        page.fill("#translation", "草稿运行时的修改。")
        page.keyboard.press("Control+S")
        expect(page.locator("#status")).to_contain_text("another editions run")
        assert _po(review_server).read_bytes() == before
    assert page.input_value("#translation") == "草稿运行时的修改。"
    page.keyboard.press("Control+S")
    expect(page.locator("#status")).to_have_text("saved")
    assert _entry(review_server, msgid).msgstr == "草稿运行时的修改。"


def test_markup_from_catalogs_and_sources_renders_as_text(
    review_server: Server, new_page: Any
) -> None:
    po = _po(review_server)
    catalog = load_catalog(po)
    hostile = '<script>alert(1)</script> <img src=x onerror="alert(2)"> [x](javascript:alert(3))'
    first = next(e for e in catalog.entries if e.fuzzy)
    save_catalog(
        po,
        catalog.replace_entries(
            e.replace(msgstr=hostile) if e is first else e for e in catalog.entries
        ),
    )
    source = review_server.project.root / "source" / "deepblue-quzhou.md"
    source.write_text(
        source.read_text("utf-8") + "\n\nBad <script>alert(4)</script> [y](javascript:alert(5))\n",
        "utf-8",
    )
    main(["extract", "--project", str(review_server.project.root)])
    main(["update", "--project", str(review_server.project.root)])
    watched = _open(new_page, review_server)
    page = watched.page
    page.fill("#search", "Bad")
    page.click(".queue-item")
    expect(page.locator("#english-raw")).to_have_text(re.compile("^Bad"))
    assert "<script>alert(4)</script>" in page.text_content("#english")
    page.fill("#search", "")
    page.select_option("#state-filter", "all")
    page.click(f"[data-link='deepblue-quzhou#{[e.key for e in catalog.live()].index(first.key)}']")
    expect(page.locator("#translation")).to_have_value(re.compile(r"alert\(1\)"))
    page.wait_for_timeout(500)
    for link in page.query_selector_all("a"):
        assert not (link.get_attribute("href") or "").startswith("javascript:")
    assert (
        page.evaluate(
            "document.querySelectorAll('#english script, #preview script, img[onerror]').length"
        )
        == 0
    )
    assert watched.errors == []  # no dialog ever opened, no exception


def test_the_page_is_screenshotted_for_the_docs(review_server: Server, new_page: Any) -> None:
    watched = _open(new_page, review_server)
    watched.page.wait_for_timeout(400)
    shot = review_server.project.root / "review.png"
    watched.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000 and watched.errors == []


def test_the_findings_filter_shows_the_entries_check_complains_about(
    review_server: Server, new_page: Any
) -> None:
    with review_server.client() as client:  # one entry reviewed properly, so it is clean
        item = client.get("/api/queue").json()["items"][0]
        answer = client.post(
            "/api/save", json={**item, "msgstr": REVIEWED[item["msgid"]], "approve": True}
        )
        assert answer.status_code == 200, answer.text
    watched = _open(new_page, review_server)
    page = watched.page
    page.select_option("#state-filter", "all")
    everything = page.locator(".queue-item").count()
    page.check("#findings-filter")
    flagged = page.locator(".queue-item").count()
    assert 0 < flagged < everything  # the tiny model's drafts break checks, the review none
    page.uncheck("#findings-filter")
    expect(page.locator(".queue-item")).to_have_count(everything)
