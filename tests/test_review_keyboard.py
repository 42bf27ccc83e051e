"""The review page as a professional reviewer drives it: keyboard only, on a 40-entry queue.

A model of the queue says where every key must land; the browser (Playwright on Debian's
Chromium) must agree at every step, whatever the filter. Typed text survives moving away
and a new load of the page; finding counts stay right after a save moves lines; merge
conflicts have their own filter and are settled with one key.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from playwright.sync_api import expect

from editions.cli import main
from editions.pofile import load_catalog
from tests.review_support import Server, drafted_project, git, serving

pytestmark = pytest.mark.system("chromium")

WORDS = "alpha bravo charlie delta echo foxtrot golf hotel india juliet".split()
PARAGRAPHS = [f"Paragraph {WORDS[i % 10]} {WORDS[i // 10]} is about the river." for i in range(39)]
SOURCE = "# Forty entries\n\n" + "\n\n".join(PARAGRAPHS) + "\n"


def translation(msgid: str) -> str:
    """A text that passes every blocking check for these paragraphs (no numbers, no terms)."""
    return f"关于河流的段落（{msgid.split()[1]}）。" if msgid.startswith("Paragraph") else "四十条"


@pytest.fixture(scope="module")
def forty_template(tmp_path_factory: pytest.TempPathFactory, tiny_argosmodel: Path) -> Path:
    """A drafted 40-entry project, made once; each test works on a copy."""
    return drafted_project(
        tmp_path_factory.mktemp("forty") / "proj", tiny_argosmodel, {"forty": SOURCE}
    ).root


@pytest.fixture
def forty(forty_template: Path, tmp_path: Path) -> Iterator[Server]:
    root = tmp_path / "proj"
    subprocess.run(["cp", "-a", str(forty_template), str(root)], check=True)
    from editions.project import find_project

    with serving(find_project(explicit=root)) as server:
        yield server


def opened(new_page: Any, server: Server, width: int = 1400, height: int = 900) -> Any:
    watched = new_page(viewport={"width": width, "height": height})
    watched.page.goto(server.entry_url)
    watched.page.wait_for_selector("body[data-ready=queue]")
    watched.page.wait_for_selector("#entry-body:not([hidden])")
    return watched


def current(page: Any) -> str:
    return page.text_content("#english-raw")


def po(server: Server) -> Path:
    return server.project.po_path("zh_CN", "forty")


class QueueModel:
    """What the page must do, from the queue's rules alone."""

    def __init__(self, msgids: list[str], needs_work: set[str], state_filter: str) -> None:
        self.msgids = msgids
        self.needs_work = set(needs_work)
        self.filter = state_filter
        self.at = self.visible()[0] if self.visible() else None

    def visible(self) -> list[str]:
        if self.filter == "all":
            return list(self.msgids)
        return [m for m in self.msgids if m in self.needs_work]

    def step(
        self, direction: int, order: list[str] | None = None, needs_work: bool = False
    ) -> None:
        order = order if order is not None else self.visible()
        at = order.index(self.at) if self.at in order else (-1 if direction > 0 else 0)
        for offset in range(1, len(order) + 1):
            candidate = order[(at + direction * offset) % len(order)]
            if candidate == self.at:
                continue
            if not needs_work or candidate in self.needs_work:
                self.at = candidate
                return

    def approve(self) -> None:
        order = self.visible()
        self.needs_work.discard(self.at)
        self.step(1, order, needs_work=True)


actions = st.lists(
    st.sampled_from(["down", "down", "up", "approve", "approve"]), min_size=6, max_size=14
)


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(state_filter=st.sampled_from(["needs-work", "all"]), steps=actions)
def test_every_key_lands_where_the_queue_model_says(
    forty_template: Path,
    tmp_path_factory: pytest.TempPathFactory,
    new_page: Any,
    state_filter: str,
    steps: list[str],
) -> None:
    """Random Alt+↓ / Alt+↑ / Ctrl+Enter sequences under each filter: every approve lands on
    the entry after the one approved, in the list as it was, and approves only that one."""
    root = tmp_path_factory.mktemp("run") / "proj"
    subprocess.run(["cp", "-a", str(forty_template), str(root)], check=True)
    from editions.project import find_project

    with serving(find_project(explicit=root)) as server:
        entries = [e for e in load_catalog(po(server)).entries]
        msgids = [e.msgid for e in entries]
        page = opened(new_page, server).page
        page.select_option("#state-filter", state_filter)
        model = QueueModel(msgids, set(msgids), state_filter)
        page.click("#queue-list li >> nth=0")
        expect(page.locator("#english-raw")).to_have_text(model.at)
        approved: list[str] = []
        for action in steps:
            if action == "approve":
                page.fill("#translation", translation(model.at))
                approved.append(model.at)
                page.keyboard.press("Control+Enter")
                model.approve()
            else:
                page.keyboard.press("Alt+ArrowDown" if action == "down" else "Alt+ArrowUp")
                model.step(1 if action == "down" else -1)
            expect(page.locator("#english-raw")).to_have_text(model.at)
        page.wait_for_timeout(100)
        saved = {e.msgid: e for e in load_catalog(po(server)).entries}
        for msgid in msgids:
            entry = saved[msgid]
            if msgid in approved:
                assert not entry.fuzzy and entry.msgstr == translation(msgid), msgid
            else:
                assert entry.fuzzy, f"{msgid!r} changed though it was never approved"


def test_typed_text_survives_moving_away_and_a_new_load(forty: Server, new_page: Any) -> None:
    watched = opened(new_page, forty)
    page = watched.page
    first = current(page)
    page.fill("#translation", "我打的字不能丢。")
    page.keyboard.press("Alt+ArrowDown")
    expect(page.locator("#english-raw")).not_to_have_text(first)
    page.keyboard.press("Alt+ArrowUp")
    expect(page.locator("#english-raw")).to_have_text(first)
    assert page.input_value("#translation") == "我打的字不能丢。"
    entry = next(e for e in load_catalog(po(forty)).entries if e.msgid == first)
    assert entry.msgstr == "我打的字不能丢。" and entry.fuzzy  # saved, not approved
    # text typed and not saved comes back when the page is loaded again (same profile)
    page.fill("#translation", "还没保存的字。")
    again = page.context.new_page()
    again.goto(page.url)
    again.wait_for_selector("#entry-body:not([hidden])")
    expect(again.locator("#english-raw")).to_have_text(first)
    assert again.input_value("#translation") == "还没保存的字。"
    expect(again.locator("#status")).to_contain_text("restored your unsaved text")
    assert watched.errors == []


def test_the_status_of_an_entry_is_not_shown_on_the_next(forty: Server, new_page: Any) -> None:
    page = opened(new_page, forty).page
    page.fill("#translation", "保存一下。")
    page.keyboard.press("Control+S")
    expect(page.locator("#status")).to_have_text("saved")
    page.keyboard.press("Alt+ArrowDown")
    expect(page.locator("#status")).to_have_text("")


def test_a_save_that_adds_lines_keeps_finding_counts_on_their_entries(
    forty: Server, new_page: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    page = opened(new_page, forty).page
    page.select_option("#state-filter", "all")
    page.fill("#translation", "第一行\n第二行\n第三行 12")  # a number the English lacks
    page.keyboard.press("Control+S")
    expect(page.locator("#status")).to_have_text("saved")
    page.check("#findings-filter")
    root = ["--project", str(forty.project.root)]
    capsys.readouterr()
    main(["check", *root, "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    lines = {f["line"] for f in findings if f["code"] not in ("W-fuzzy", "W-untranslated")}
    by_line = {e.line: e.msgid for e in load_catalog(po(forty)).entries}
    expected = {by_line[line] for line in lines if line in by_line}
    page.reload()
    page.wait_for_selector("body[data-ready=queue]")
    page.select_option("#state-filter", "all")
    page.check("#findings-filter")
    shown = set(page.locator("#queue-list .queue-text").all_text_contents())
    assert expected and shown == expected


def test_a_link_to_an_entry_opens_it_when_the_hash_changes(forty: Server, new_page: Any) -> None:
    page = opened(new_page, forty).page
    page.evaluate("location.hash = '#forty%2310'")
    expect(page.locator("#english-raw")).to_have_text(PARAGRAPHS[9])
    page.evaluate("location.hash = '#forty%232'")
    expect(page.locator("#english-raw")).to_have_text(PARAGRAPHS[1])


def test_copy_english_is_undone_with_ctrl_z_and_help_opens_from_the_keyboard(
    forty: Server, new_page: Any
) -> None:
    page = opened(new_page, forty).page
    before = page.input_value("#translation")
    page.click("#copy-english")
    assert page.input_value("#translation") == current(page)
    page.focus("#translation")
    page.keyboard.press("Control+Z")
    assert page.input_value("#translation") == before
    page.keyboard.press("F1")
    expect(page.locator("#help")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#help")).to_be_hidden()
    page.keyboard.press("Control+/")
    expect(page.locator("#help")).to_be_visible()


def test_the_preview_marks_the_block_of_the_entry_even_untranslated(
    forty: Server, new_page: Any
) -> None:
    page = opened(new_page, forty).page
    page.evaluate("location.hash = '#forty%235'")
    expect(page.locator("#english-raw")).to_have_text(PARAGRAPHS[4])
    page.fill("#translation", "")
    page.keyboard.press("Control+S")
    expect(page.locator("#status")).to_have_text("saved")
    highlighted = page.locator("#preview .highlight")
    expect(highlighted).to_have_count(1)
    assert PARAGRAPHS[4] in highlighted.text_content()  # untranslated: the English shows


def test_a_merge_conflict_has_its_filter_and_is_settled_with_one_key(
    forty: Server, new_page: Any, tmp_path: Path
) -> None:
    root = forty.project.root
    git(
        root,
        "config",
        "merge.editions.driver",
        f"{sys.executable} -m editions.cli merge-driver %O %A %B %P",
    )
    (root / ".gitattributes").write_text("*.po merge=editions\n")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "driver")
    path = po(forty)
    text = path.read_text(encoding="utf-8")
    third = load_catalog(path).entries[2]
    git(root, "checkout", "-qb", "other")
    path.write_text(
        text.replace(f'msgstr "{third.msgstr}"', 'msgstr "对方的译文"'), encoding="utf-8"
    )
    git(root, "commit", "-qam", "theirs")
    git(root, "checkout", "-q", "-")
    path.write_text(
        text.replace(f'msgstr "{third.msgstr}"', 'msgstr "我方的译文"'), encoding="utf-8"
    )
    git(root, "commit", "-qam", "ours")
    merged = subprocess.run(["git", "merge", "other"], cwd=root, capture_output=True, text=True)
    assert merged.returncode == 1
    page = opened(new_page, forty).page
    page.select_option("#state-filter", "merge conflict")
    expect(page.locator("#queue-list .queue-item")).to_have_count(1)
    page.click("#queue-list .queue-item")
    expect(page.locator("#merge-conflict")).to_be_visible()
    expect(page.locator("#merge-ours")).to_have_text("我方的译文")
    expect(page.locator("#merge-theirs")).to_have_text("对方的译文")
    page.screenshot(path=str(tmp_path / "merge-conflict.png"))
    page.keyboard.press("Alt+2")
    expect(page.locator("#merge-conflict")).to_be_hidden()
    entry = load_catalog(path).entries[2]
    assert entry.msgstr == "对方的译文" and entry.fuzzy  # as the other branch had it
    assert not any(c.startswith("editions-conflict") for c in entry.translator_comments)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_page_works_on_a_phone(
    forty: Server, new_page: Any, scheme: str, tmp_path: Path
) -> None:
    watched = new_page(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = watched.page
    page.goto(forty.entry_url)
    page.wait_for_selector("#entry-body:not([hidden])")
    sizes = page.evaluate(
        """() => ({
          page: document.documentElement.scrollWidth,
          entry: document.querySelector('#translation').getBoundingClientRect().width,
          preview: document.querySelector('.preview').getBoundingClientRect().width,
        })"""
    )
    assert sizes["page"] <= 390, sizes  # nothing wider than the phone
    assert sizes["entry"] >= 300 and sizes["preview"] >= 300, sizes
    ratio = page.evaluate(CONTRAST, "#approve")
    assert ratio >= 4.5, f"Approve button contrast {ratio:.2f}:1 in {scheme} mode"
    page.screenshot(path=str(tmp_path / f"phone-{scheme}.png"), full_page=True)
    assert watched.errors == []


CONTRAST = """(selector) => {
  const element = document.querySelector(selector);
  const style = getComputedStyle(element);
  const rgb = (text) => text.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const luminance = ([r, g, b]) => {
    const linear = (v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    const [R, G, B] = [r, g, b].map(linear);
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  const a = luminance(rgb(style.color)), b = luminance(rgb(style.backgroundColor));
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""
