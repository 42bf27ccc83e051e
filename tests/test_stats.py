"""editions stats: buckets per entry and post-editing effort from machine-draft provenance."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editions.catalog import Catalog, Entry
from editions.cli import main
from editions.pofile import save_catalog
from editions.provenance import Provenance, with_provenance
from editions.stats import catalog_stats

DRAFT = Provenance("argos/1.12", "en_zh/1.9", "abcd1234", "深蓝科技在衢州布局")


def drafted(msgstr: str, fuzzy: bool, context: str) -> Entry:
    entry = Entry(msgid="DeepBlue Technology in Quzhou", msgstr=msgstr, msgctxt=context)
    entry = with_provenance(entry, DRAFT)
    return entry.with_flag("fuzzy", fuzzy)


CATALOG = Catalog(
    headers=(("Language", "zh_CN"),),
    entries=(
        drafted("深蓝科技在衢州布局", fuzzy=True, context="a"),  # untouched machine draft
        drafted("深兰科技在衢州", fuzzy=True, context="b"),  # edited, not yet reviewed
        drafted("深兰科技在衢州布局", fuzzy=False, context="c"),  # reviewed, one character changed
        drafted("深蓝科技在衢州布局", fuzzy=False, context="d"),  # reviewed, accepted unchanged
        Entry(msgid="Written by a person", msgstr="人工翻译"),
        Entry(msgid="Not translated yet, three words", msgstr=""),
        Entry(msgid="Old", msgstr="旧", obsolete=True),
    ),
)


def test_each_entry_falls_in_one_bucket() -> None:
    stats = catalog_stats(CATALOG, "doc", "zh_CN", "doc.po")
    assert stats.total.entries == 6
    assert (stats.reviewed.entries, stats.machine_draft.entries) == (3, 1)
    assert (stats.fuzzy.entries, stats.untranslated.entries) == (1, 1)
    assert stats.untranslated.words == 5
    assert stats.percent_reviewed == pytest.approx(50.0)


def test_post_editing_effort_compares_draft_and_final_text() -> None:
    effort = catalog_stats(CATALOG, "doc", "zh_CN", "doc.po").effort
    assert (effort.drafts_reviewed, effort.accepted_unchanged) == (2, 1)
    assert effort.share_unchanged == pytest.approx(0.5)
    assert effort.mean_distance == pytest.approx((1 / 9 + 0) / 2)


def test_stats_command_prints_text_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = tmp_path / "doc.po"
    save_catalog(po, CATALOG)
    assert main(["stats", str(po)]) == 0
    assert "2 drafts reviewed, 50% unchanged" in capsys.readouterr().out
    assert main(["stats", "--format", "json", str(po)]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["machine_draft"]["entries"] == 1 and row["effort"]["share_unchanged"] == 0.5


def test_stats_of_the_project(capsys: pytest.CaptureFixture[str]) -> None:
    repo = Path(__file__).resolve().parents[1]
    assert main(["stats", "--project", str(repo), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(row["language"] == "zh_CN" for row in rows)
