"""What a reviewer does beyond approving, over HTTP: send a text back with a reason, take
a memory suggestion (its match and origin recorded), edit a plural entry form by form,
read an entry's history; and what ``editions stats`` shows of it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from editions.cli import main
from editions.pofile import load_catalog
from editions.stats import project_stats
from tests.review_support import Server, drafted_project, git, serving

SOURCE = """# Memory test

The city council signed a strategic agreement with the technology company on Monday.

The city council signed a strategic agreement with the technology company on Friday.

DeepBlue Technology will build public roads for self-driving cars.
"""
PO = "locales/zh_CN/LC_MESSAGES/memo.po"


@pytest.fixture
def memo(tmp_path: Path, tiny_argosmodel: Path) -> Iterator[Server]:
    with serving(drafted_project(tmp_path / "proj", tiny_argosmodel, {"memo": SOURCE})) as server:
        yield server


def items(server: Server) -> list[dict[str, Any]]:
    with server.client() as client:
        return client.get("/api/queue").json()["items"]


def item_of(server: Server, start: str) -> dict[str, Any]:
    return next(i for i in items(server) if i["msgid"].startswith(start))


def entry_detail(server: Server, item: dict[str, Any]) -> dict[str, Any]:
    with server.client() as client:
        query = {"document": item["document"], "index": item["index"]}
        return client.get("/api/entry", params=query).json()


def save(server: Server, item: dict[str, Any], **body: Any) -> Any:
    with server.client() as client:
        return client.post("/api/save", json={**item, **body})


def test_sending_back_records_the_reason_in_the_catalog_and_stats_show_it(
    memo: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    item = item_of(memo, "DeepBlue")
    answer = save(memo, item, reject="use 深兰科技 for DeepBlue Technology")
    assert answer.status_code == 200, answer.text
    saved = answer.json()["item"]
    assert saved["state"] == "sent back" and saved["needs_work"]
    assert saved["sent_back"].startswith("use 深兰科技 for DeepBlue Technology — Li Wei")
    entry = next(e for e in load_catalog(memo.project.root / PO).entries if "DeepBlue" in e.msgid)
    assert entry.fuzzy and entry.msgstr == item["msgstr"]  # the text is kept, to be fixed
    record = [c for c in entry.translator_comments if c.startswith("needs-work: ")]
    assert re.fullmatch(
        r"needs-work: use 深兰科技 for DeepBlue Technology — Li Wei <li@example.org> "
        r"\d{4}-\d\d-\d\dT\d\d:\d\dZ",
        record[0],
    )
    # editions stats shows it, as text and as JSON
    assert main(["stats", "--project", str(memo.project.root)]) == 0
    shown = capsys.readouterr().out
    assert "sent back for work: locales/zh_CN/LC_MESSAGES/memo.po (1)" in shown
    assert "use 深兰科技 for DeepBlue Technology" in shown
    assert main(["stats", "--project", str(memo.project.root), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0]["sent_back"][0]["reason"].startswith("use 深兰科技")
    # fixed and approved: the record is settled
    fixed = save(memo, saved, msgstr="深兰科技将为自动驾驶汽车修建公共道路。", approve=True)
    assert fixed.status_code == 200, fixed.text
    assert fixed.json()["item"]["state"] == "reviewed" and fixed.json()["item"]["sent_back"] is None
    assert project_stats(memo.project, "zh_CN")[0].sent_back == ()


def test_sending_back_needs_a_reason_and_a_text(memo: Server) -> None:
    item = item_of(memo, "DeepBlue")
    before = (memo.project.root / PO).read_bytes()
    refused = save(memo, item, reject="   ")
    assert refused.status_code == 400 and "reason" in refused.json()["error"]
    both = save(memo, item, reject="no", approve=True)
    assert both.status_code == 400
    assert (memo.project.root / PO).read_bytes() == before


def test_memory_offers_similar_english_with_its_match_and_word_diff(memo: Server) -> None:
    monday = item_of(
        memo, "The city council signed a strategic agreement with the technology company on Monday"
    )
    approved = save(memo, monday, msgstr="市议会周一与该科技公司签署了战略协议。", approve=True)
    assert approved.status_code == 200, approved.text
    friday = item_of(
        memo, "The city council signed a strategic agreement with the technology company on Friday"
    )
    detail = entry_detail(memo, friday)
    [suggestion] = detail["suggestions"]
    assert suggestion["text"] == "市议会周一与该科技公司签署了战略协议。"
    assert suggestion["origin"] == PO and 80 <= suggestion["score"] < 100
    assert {"op": "removed", "text": "Monday."} in suggestion["diff"]
    assert {"op": "added", "text": "Friday."} in suggestion["diff"]
    # the entry itself is never offered to itself
    assert entry_detail(memo, approved.json()["item"])["suggestions"] == []
    # taking it records where the text came from
    taken = save(
        memo, friday, msgstr="市议会周五与该科技公司签署了战略协议。", origin=f"memory {PO} (94%)"
    )
    assert taken.json()["item"]["origin"] == f"memory {PO} (94%)"
    entry = next(e for e in load_catalog(memo.project.root / PO).entries if "Friday" in e.msgid)
    assert f"editions-origin: memory {PO} (94%)" in entry.translator_comments
    assert entry.fuzzy  # a suggestion is never approved by itself


def test_glossary_terms_come_with_their_note_and_forbidden_forms(memo: Server) -> None:
    detail = entry_detail(memo, item_of(memo, "DeepBlue"))
    term = next(t for t in detail["terms"] if t["en"] == "DeepBlue Technology")
    assert term["target"] == "深兰科技" and "深蓝科技" in term["forbidden"]
    assert any(t["note"] for t in detail["terms"])


def add_plural_entry(root: Path) -> Path:
    """A plural entry, as a catalog from another tool may hold, with a two-form rule."""
    path = root / PO
    text = path.read_text(encoding="utf-8").replace(
        "nplurals=1; plural=0;", "nplurals=2; plural=(n != 1);"
    )
    text += '\nmsgid "one road"\nmsgid_plural "%d roads"\nmsgstr[0] ""\nmsgstr[1] ""\n'
    path.write_text(text, encoding="utf-8")
    return path


def test_a_plural_entry_is_edited_and_approved_form_by_form(memo: Server) -> None:
    path = add_plural_entry(memo.project.root)
    detail = entry_detail(memo, item_of(memo, "one road"))
    item = detail["item"]
    assert item["plural"] and item["msgstr_plural"] == ["", ""]
    assert detail["plural_labels"] == ["form 0: n = 1", "form 1: n = 0, 2, 3, 4, …"]
    wrong = save(memo, item, msgstr_plural=["一条路"])
    assert wrong.status_code == 400 and "2 forms" in wrong.json()["error"]
    saved = save(memo, item, msgstr_plural=["一条路", "%d 条路"])
    assert saved.status_code == 200, saved.text
    assert saved.json()["item"]["state"] == "fuzzy"
    approved = save(memo, saved.json()["item"], msgstr_plural=["一条路", "%d 条路"], approve=True)
    assert approved.status_code == 200, approved.text
    entry = next(e for e in load_catalog(path).entries if e.msgid == "one road")
    assert entry.msgstr_plural == ("一条路", "%d 条路") and not entry.fuzzy


def test_history_lists_the_commits_that_changed_the_entry_and_the_records(memo: Server) -> None:
    item = item_of(memo, "DeepBlue")
    approved = save(memo, item, msgstr="深兰科技将为自动驾驶汽车修建公共道路。", approve=True)
    assert approved.status_code == 200, approved.text
    root = memo.project.root
    git(
        root,
        "-c",
        "user.name=Li Wei",
        "-c",
        "user.email=li@example.org",
        "commit",
        "-qam",
        "review: DeepBlue",
    )
    other = item_of(
        memo, "The city council signed a strategic agreement with the technology company on Monday"
    )
    save(memo, other, msgstr="另一条的修改。")
    git(
        root,
        "-c",
        "user.name=Bo",
        "-c",
        "user.email=bo@example.org",
        "commit",
        "-qam",
        "another entry",
    )
    with memo.client() as client:
        fresh = item_of(memo, "DeepBlue")
        history = client.get(
            "/api/history", params={"document": "memo", "index": fresh["index"]}
        ).json()
    subjects = [c["subject"] for c in history["commits"]]
    assert subjects == ["review: DeepBlue", "drafts"]  # not the commit of another entry
    assert history["commits"][0]["msgstr"] == "深兰科技将为自动驾驶汽车修建公共道路。"
    assert history["commits"][0]["fuzzy"] is False and history["commits"][1]["fuzzy"] is True
    assert history["commits"][1]["msgstr"] == item["msgstr"]
    whats = [r["what"] for r in history["records"]]
    assert whats == ["machine draft", "approved"]


def test_the_memory_kept_up_to_date_by_saves_equals_one_read_again(memo: Server) -> None:
    from editions.draft import load_memory
    from editions.web.app import _memory

    entry_detail(memo, item_of(memo, "DeepBlue"))  # the page has built its memory
    built = _memory(memo.review)
    monday = item_of(
        memo, "The city council signed a strategic agreement with the technology company on Monday"
    )
    approved = save(memo, monday, msgstr="市议会周一与该科技公司签署了战略协议。", approve=True)
    changed = save(memo, approved.json()["item"], msgstr="市议会周一签署了协议。")
    assert changed.status_code == 200
    deep = item_of(memo, "DeepBlue")
    save(memo, deep, msgstr="深兰科技将修建公共道路。", approve=True)
    kept = _memory(memo.review)
    assert kept is built  # brought up to date, not read again
    again = load_memory(memo.project, "zh_CN")
    assert kept._choices == again._choices
    assert kept.recall(deep["msgid"]) == again.recall(deep["msgid"])


def test_a_long_document_is_previewed_in_a_window_that_matches_the_whole(
    memo: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past PREVIEW_BLOCKS blocks the preview is the blocks around the entry: each block as
    the whole document's preview renders it, the window saying which lines it covers."""
    import editions.web.app as app

    whole = app._preview(memo.review, "memo")
    assert whole["window"] is None
    blocks = re.findall(r'<div class="block" data-lines="[^"]+">.*?</div>', whole["html"], re.S)
    assert len(blocks) == 4
    monkeypatch.setattr(app, "PREVIEW_BLOCKS", 2)
    monkeypatch.setattr(app, "_WINDOW", 1)
    line = int(item_of(memo, "DeepBlue")["references"][0].rsplit(":", 1)[1])
    part = app._preview(memo.review, "memo", line)
    assert part["window"] == [5, 7]  # the Friday paragraph and DeepBlue's, lines 5-7
    assert part["html"] == "\n".join(blocks[2:4])


def test_queue_items_carried_over_saves_equal_items_computed_afresh(memo: Server) -> None:
    """The queue is carried from save to save (only the saved entry computed again); it
    must be what reading the catalog again gives, line numbers included, also when a save
    adds lines."""
    from editions.pofile import parse_catalog
    from editions.review import _ITEMS, catalog_items, document_items

    path = memo.project.root / PO
    for start, body in (
        ("The city council", {"msgstr": "第一行\n第二行\n第三行", "approve": False}),
        ("DeepBlue", {"reject": "术语不对"}),
        ("Memory test", {"msgstr": "记忆测试", "approve": True}),
    ):
        document_items(memo.project, "zh_CN", "memo")  # the page holds the queue
        assert save(memo, item_of(memo, start), **body).status_code == 200
        carried = document_items(memo.project, "zh_CN", "memo")
        _ITEMS.pop(path)
        fresh = catalog_items("memo", parse_catalog(path.read_text(encoding="utf-8")))
        assert [i.as_dict() for i in carried] == [i.as_dict() for i in fresh]
