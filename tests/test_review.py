"""The review library: states, the spliced write, and an approval that other tools keep."""

from __future__ import annotations

import datetime
from pathlib import Path

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
