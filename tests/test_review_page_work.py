"""The review page in Chromium beyond approving: send back with a reason from the keyboard,
a memory suggestion with its match, plural forms, comments, history, glossary terms marked in
the English; and axe-core's accessibility rules on the desktop and phone layouts."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from editions.pofile import load_catalog
from tests.conftest import AXE
from tests.review_support import Server, drafted_project, serving
from tests.test_review_work import PO, SOURCE, add_plural_entry, item_of, save

pytestmark = pytest.mark.system("chromium")


@pytest.fixture
def memo(tmp_path: Path, tiny_argosmodel: Path) -> Iterator[Server]:
    with serving(drafted_project(tmp_path / "proj", tiny_argosmodel, {"memo": SOURCE})) as server:
        yield server


def opened(new_page: Any, server: Server, link: str = "", **options: Any) -> Any:
    watched = new_page(viewport=options.pop("viewport", {"width": 1400, "height": 900}), **options)
    watched.page.goto(server.entry_url)
    watched.page.wait_for_selector("#entry-body:not([hidden])")
    if link:
        watched.page.evaluate("(hash) => { location.hash = hash; }", link)
        watched.page.wait_for_function("(link) => document.body.dataset.entry === link", arg=link)
    return watched


def link_of(item: dict[str, Any]) -> str:
    return f"{item['document']}#{item['index']}"


def test_send_back_from_the_keyboard_records_the_reason_and_moves_on(
    memo: Server, new_page: Any
) -> None:
    item = item_of(memo, "DeepBlue")
    watched = opened(new_page, memo, link_of(item))
    page = watched.page
    expect(page.locator("#send-back-box")).to_be_hidden()
    page.keyboard.press("Control+Shift+Enter")
    expect(page.locator("#send-back-reason")).to_be_focused()
    page.keyboard.type("the company is 深兰科技")
    page.keyboard.press("Enter")
    expect(page.locator("#status")).to_contain_text("sent back “DeepBlue Technology will build")
    assert page.evaluate("document.body.dataset.entry") != link_of(item)  # moved on
    entry = next(e for e in load_catalog(memo.project.root / PO).entries if "DeepBlue" in e.msgid)
    assert any(
        c.startswith("needs-work: the company is 深兰科技 — Li Wei")
        for c in entry.translator_comments
    )
    page.evaluate("(hash) => { location.hash = hash; }", link_of(item))
    expect(page.locator("#sent-back")).to_contain_text("Sent back: the company is 深兰科技")
    expect(page.locator("#entry-state")).to_have_text("sent back")
    # the glossary's terms are marked in the English, with the note and forbidden forms
    expect(page.locator("#english mark.term-mark").first).to_have_text("DeepBlue Technology")
    expect(page.locator("#terms .term-forbidden").first).to_contain_text("深蓝科技")
    # every comment of the entry is shown
    expect(page.locator("#comments .comment.extracted")).to_have_text(["#. paragraph"])
    assert watched.errors == []


def test_a_memory_suggestion_shows_its_match_and_is_recorded_when_used(
    memo: Server, new_page: Any
) -> None:
    monday = item_of(
        memo, "The city council signed a strategic agreement with the technology company on Monday"
    )
    assert (
        save(
            memo, monday, msgstr="市议会周一与该科技公司签署了战略协议。", approve=True
        ).status_code
        == 200
    )
    friday = item_of(
        memo, "The city council signed a strategic agreement with the technology company on Friday"
    )
    watched = opened(new_page, memo, link_of(friday))
    page = watched.page
    expect(page.locator("#suggestions .score")).to_have_text(re.compile(r"^(8|9)\d%$"))
    expect(page.locator("#suggestions .suggestion-diff del")).to_have_text("Monday.")
    expect(page.locator("#suggestions .suggestion-diff ins")).to_have_text("Friday.")
    page.click("#suggestions .suggestion")
    expect(page.locator("#translation")).to_have_value("市议会周一与该科技公司签署了战略协议。")
    page.keyboard.press("Control+s")
    expect(page.locator("#status")).to_have_text("saved")
    entry = next(e for e in load_catalog(memo.project.root / PO).entries if "Friday" in e.msgid)
    [origin] = [c for c in entry.translator_comments if c.startswith("editions-origin: ")]
    assert re.fullmatch(rf"editions-origin: memory {PO} \((8|9)\d%\)", origin)
    expect(page.locator("#comments")).to_contain_text("text taken from memory")
    # the history panel: the draft commit and the records
    page.click("#history-button")
    expect(page.locator("#history-list .commit")).to_have_count(1)
    expect(page.locator("#history-list .commit")).to_contain_text("drafts")
    expect(page.locator("#history-list .record").first).to_contain_text("machine draft")
    assert watched.errors == []


def test_a_plural_entry_has_one_labelled_box_per_form(memo: Server, new_page: Any) -> None:
    path = add_plural_entry(memo.project.root)
    item = item_of(memo, "one road")
    watched = opened(new_page, memo, link_of(item))
    page = watched.page
    expect(page.locator("#translation")).to_be_hidden()
    expect(page.locator("#english .plural-english")).to_have_text("plural: %d roads")
    expect(page.locator("#plural-forms label")).to_have_text(
        ["form 0: n = 1", "form 1: n = 0, 2, 3, 4, …"]
    )
    page.fill("#plural-0", "一条路")
    page.fill("#plural-1", "%d 条路")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#status")).to_contain_text("approved ✓")
    entry = next(e for e in load_catalog(path).entries if e.msgid == "one road")
    assert entry.msgstr_plural == ("一条路", "%d 条路") and not entry.fuzzy
    assert watched.errors == []


AXE_RUN = """async () => {
  const rules = ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"];
  const result = await axe.run(document, { runOnly: rules });
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
}"""


@pytest.mark.system("axe-core")
@pytest.mark.parametrize(
    ("width", "height", "scheme"),
    [(1400, 900, "light"), (1400, 900, "dark"), (390, 844, "light"), (390, 844, "dark")],
)
def test_axe_core_finds_no_serious_violation(
    memo: Server, new_page: Any, width: int, height: int, scheme: str, tmp_path: Path
) -> None:
    # axe is injected past the page's Content-Security-Policy (the page itself allows no
    # script but its own)
    watched = opened(
        new_page,
        memo,
        link_of(item_of(memo, "DeepBlue")),
        viewport={"width": width, "height": height},
        color_scheme=scheme,
        bypass_csp=True,
    )
    page = watched.page
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(AXE_RUN)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    page.screenshot(path=str(tmp_path / f"axe-{width}-{scheme}.png"), full_page=True)
    assert serious == [], json.dumps(serious, ensure_ascii=False, indent=1)
    assert watched.errors == []
