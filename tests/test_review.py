"""The review library: states, the spliced write, and an approval that other tools keep."""

from __future__ import annotations

import datetime
from pathlib import Path

import polib
import pytest

import editions.review
from editions.checks.runner import entry_findings
from editions.errors import CatalogConflictError
from editions.pofile import catalog_text, load_catalog
from editions.review import Edit, State, edit_entry, review_queue
from editions.workflow import update
from tests.conftest import needs_gettext, run_gettext
from tests.review_support import drafted_press_release

NOW = datetime.datetime(2026, 12, 2, 9, 30, tzinfo=datetime.timezone.utc)


def test_a_spliced_save_writes_exactly_what_a_full_render_would(
    tmp_path: Path, tiny_argosmodel: Path
) -> None:
    project = drafted_press_release(tmp_path / "p", tiny_argosmodel)
    items = review_queue(project, "zh_CN")
    assert {item.state for item in items} == {State.DRAFT}
    for item in items[:3]:
        edit_entry(project, "zh_CN", item.document, item.key, item.fingerprint,
                   Edit("审校后的译文。", approve=False))  # fmt: skip
    po = project.po_path("zh_CN", "deepblue-quzhou")
    assert po.read_text(encoding="utf-8") == catalog_text(load_catalog(po))
    states = [item.state for item in review_queue(project, "zh_CN")]
    assert states[:3] == [State.FUZZY] * 3 and states[3:] == [State.DRAFT] * (len(states) - 3)


@needs_gettext
def test_an_approval_survives_msgmerge_and_editions_update(
    tmp_path: Path, tiny_argosmodel: Path
) -> None:
    project = drafted_press_release(tmp_path / "p", tiny_argosmodel)
    item = review_queue(project, "zh_CN")[0]
    edit_entry(project, "zh_CN", item.document, item.key, item.fingerprint,
               Edit("深兰科技布局衢州：打造全国首个人工智能深度合作示范城市", approve=True,
                    reviewer="Li Wei <li@example.org>"), now=NOW)  # fmt: skip
    po = project.po_path("zh_CN", "deepblue-quzhou")
    record = "reviewed-by: Li Wei <li@example.org> 2026-12-02T09:30Z"
    merged = tmp_path / "merged.po"
    gnu = run_gettext("msgmerge", "--previous", "-q", "-o", str(merged), str(po),
                      str(project.pot_path("deepblue-quzhou")))  # fmt: skip
    assert gnu.returncode == 0, gnu.stderr
    for path in (merged, po):
        if path == po:
            update(project, "zh_CN")
        entry = next(e for e in load_catalog(path).entries if e.msgid == item.entry.msgid)
        assert record in entry.translator_comments and not entry.fuzzy
    assert review_queue(project, "zh_CN")[0].state is State.REVIEWED


def test_an_edit_after_our_own_save_never_overwrites_a_write_its_stamp_cannot_see(
    tmp_path: Path, tiny_argosmodel: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The next edit starts from what this process wrote without reading it back; an
    editor's save in the same clock tick (same size, same times) is still refused."""
    project = drafted_press_release(tmp_path / "p", tiny_argosmodel)
    first, second = review_queue(project, "zh_CN")[:2]
    po = project.po_path("zh_CN", "deepblue-quzhou")
    edit_entry(project, "zh_CN", first.document, first.key, first.fingerprint,
               Edit("审校后的译文。"))  # fmt: skip
    ours = po.read_bytes()
    invisible = editions.review.file_stamp(po)
    theirs = ours.replace("审校后的译文。".encode(), "编辑器的译文。".encode())
    assert len(theirs) == len(ours) and theirs != ours
    with po.open("r+b") as handle:  # an editor saving in place within the same tick
        handle.write(theirs)
    monkeypatch.setattr(editions.review, "file_stamp", lambda path: invisible)
    with pytest.raises(CatalogConflictError, match="changed on disk"):
        edit_entry(project, "zh_CN", second.document, second.key, second.fingerprint,
                   Edit("第二条。"))  # fmt: skip
    assert po.read_bytes() == theirs
    monkeypatch.undo()
    item = edit_entry(project, "zh_CN", second.document, second.key, second.fingerprint,
                      Edit("第二条。")).item  # fmt: skip
    saved = po.read_text(encoding="utf-8")
    assert "编辑器的译文。" in saved and "第二条。" in saved and item.state is State.FUZZY


def test_a_save_reports_what_check_finds_on_the_entry_read_back(
    tmp_path: Path, tiny_argosmodel: Path
) -> None:
    project = drafted_press_release(tmp_path / "p", tiny_argosmodel)
    po = project.po_path("zh_CN", "deepblue-quzhou")
    texts = ("译文,半角逗号", "", "译文。")
    for item, text in zip(review_queue(project, "zh_CN")[:3], texts, strict=True):
        written = edit_entry(project, "zh_CN", item.document, item.key,
                             item.fingerprint, Edit(text))  # fmt: skip
        saved, findings = written.item, written.findings
        catalog = load_catalog(po)
        (entry,) = [e for e in catalog.live() if e.key == saved.key]
        assert entry == saved.entry
        read_back = entry_findings(project, "zh_CN", item.document, catalog, entry)
        assert findings == read_back and findings


def test_the_first_save_of_a_catalog_another_tool_wrapped_renders_it_whole_then_splices(
    tmp_path: Path, tiny_argosmodel: Path
) -> None:
    project = drafted_press_release(tmp_path / "p", tiny_argosmodel)
    po = project.po_path("zh_CN", "deepblue-quzhou")
    polib.pofile(str(po), wrapwidth=30).save(str(po))  # wrapped as another editor would
    assert po.read_text(encoding="utf-8") != catalog_text(load_catalog(po))
    before = {e.key: e.msgstr for e in load_catalog(po).live()}
    first, second = review_queue(project, "zh_CN")[:2]
    for item, text in ((first, "第一条。"), (second, "第二条。")):
        saved = edit_entry(project, "zh_CN", item.document, item.key, item.fingerprint,
                           Edit(text)).item  # fmt: skip
        on_disk = {e.key: e for e in load_catalog(po).live()}
        assert on_disk[item.key].line == saved.entry.line
        assert po.read_text(encoding="utf-8") == catalog_text(load_catalog(po))
    after = {e.key: e.msgstr for e in load_catalog(po).live()}
    assert after == {**before, first.key: "第一条。", second.key: "第二条。"}
