"""Drafting: which entries get machine drafts, how they are written, and what is never touched."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from editions.catalog import FUZZY, Entry
from editions.draft import Drafter, draft_project, draft_reason, with_draft
from editions.engines.cache import MTCache
from editions.engines.masking import TOKEN_RE
from editions.errors import CatalogConflictError
from editions.models import load_engine
from editions.pofile import load_catalog
from editions.project import Project
from editions.provenance import read_provenance, source_digest
from tests.tiny_argos import make_project, write_po

RELEASE = "DeepBlue Technology will set up the regional headquarters in Quzhou."


class FakeEngine:
    """A test double of the engine protocol: applies ``fn`` and records every batch."""

    name = "fake"
    version = "1"
    model = "fake-model/1"

    def __init__(self, fn: Callable[[str], str] = lambda s: f"译:{s}") -> None:
        self.fn = fn
        self.batches: list[list[str]] = []

    def translate_batch(self, sentences: list[str], source: str, target: str) -> list[str]:
        assert (source, target) == ("en", "zh_CN")
        self.batches.append(list(sentences))
        return [self.fn(s) for s in sentences]


class NoEngine(FakeEngine):
    def translate_batch(self, sentences: list[str], source: str, target: str) -> list[str]:
        raise AssertionError(f"MT was called for {sentences}")


def po_path(project: Project, domain: str = "press") -> Path:
    return project.po_path("zh_CN", domain)


def by_msgid(path: Path) -> dict[str, Entry]:
    return {e.msgid: e for e in load_catalog(path).live()}


def run(project: Project, engine: FakeEngine, **kwargs: object) -> object:
    with MTCache(project.cache_dir / "mt.sqlite3") as cache:
        return draft_project(project, {"zh_CN": engine}, cache=cache, **kwargs)  # type: ignore[arg-type]


def test_untranslated_entry_gets_a_fuzzy_draft_with_provenance_through_argos(
    tiny_project: Project,
) -> None:
    path = write_po(po_path(tiny_project), [Entry(msgid=RELEASE, references=("a.md:1",))])
    engine = load_engine(tiny_project, "zh_CN", threads=1)
    with MTCache(tiny_project.cache_dir / "mt.sqlite3") as cache:
        report = draft_project(tiny_project, {"zh_CN": engine}, cache=cache)
    entry = by_msgid(path)[RELEASE]
    # the tiny model copies its input; the glossary terms come back as the glossary says
    assert entry.msgstr == "深兰科技 will set up the regional headquarters in 衢州."
    assert entry.fuzzy
    provenance = read_provenance(entry)
    assert provenance is not None
    assert provenance.engine.startswith("argos/")
    assert provenance.model == "translate-en_zh/0.1"
    assert provenance.source_digest == source_digest(RELEASE)
    assert provenance.draft_text == entry.msgstr
    assert (report.drafted, report.failed, report.written) == (1, 0, [path])  # type: ignore[attr-defined]


def test_reviewed_and_person_edited_translations_are_never_overwritten(
    tmp_path: Path,
) -> None:
    project = make_project(tmp_path / "proj")
    edited = with_draft(Entry(msgid="Edited."), "机器。", "fake/1", "m/1").replace(msgstr="人改。")
    accepted = with_draft(Entry(msgid="Accepted."), "接受。", "fake/1", "m/1").with_flag(
        FUZZY, False
    )
    entries = [
        Entry(msgid="Reviewed.", msgstr="已审。"),
        Entry(msgid="Human fuzzy.", msgstr="人的。", flags=(FUZZY,), previous_msgid="Old."),
        edited,
        accepted,
        Entry(msgid="New.", msgstr=""),
    ]
    path = write_po(po_path(project), entries)
    run(project, FakeEngine())
    after = by_msgid(path)
    assert after["Reviewed."] == entries[0]
    assert after["Human fuzzy."] == entries[1]
    assert after["Edited."] == edited
    assert after["Accepted."] == accepted
    assert after["New."].msgstr == "译:New."


def test_changed_english_redrafts_an_untouched_machine_draft_only() -> None:
    old = with_draft(Entry(msgid="Old text."), "旧。", "fake/1", "m/1")
    changed = old.replace(msgid="New text.", previous_msgid="Old text.")
    assert draft_reason(changed) == "english-changed"
    assert draft_reason(old) is None
    assert draft_reason(changed.replace(msgstr="人改。")) is None
    assert draft_reason(Entry(msgid="x", msgstr="", obsolete=True)) is None
    assert draft_reason(Entry(msgid="x", msgid_plural="xs", msgstr_plural=("", ""))) is None


def test_redraft_replaces_the_old_draft_and_drops_the_previous_msgid(tmp_path: Path) -> None:
    project = make_project(tmp_path / "proj")
    old = with_draft(Entry(msgid="Old text."), "旧。", "fake/1", "m/1")
    path = write_po(po_path(project), [old.replace(msgid="New text.", previous_msgid="Old text.")])
    run(project, FakeEngine())
    entry = by_msgid(path)["New text."]
    assert entry.msgstr == "译:New text."
    assert entry.previous_msgid is None
    assert entry.fuzzy
    provenance = read_provenance(entry)
    assert provenance is not None and provenance.source_digest == source_digest("New text.")


def test_drafting_twice_changes_nothing_the_second_time(tmp_path: Path) -> None:
    project = make_project(tmp_path / "proj")
    path = write_po(po_path(project), [Entry(msgid="One. Two."), Entry(msgid="Three.")])
    run(project, FakeEngine())
    first = path.read_bytes()
    report = run(project, NoEngine())
    assert path.read_bytes() == first
    assert report.written == [] and report.skipped == 2  # type: ignore[attr-defined]


def test_rerun_after_losing_the_drafts_is_served_from_the_cache(tmp_path: Path) -> None:
    project = make_project(tmp_path / "proj")
    entries = [Entry(msgid="One. Two."), Entry(msgid="Three.")]
    path = write_po(po_path(project), entries)
    run(project, FakeEngine())
    drafted = path.read_bytes()
    write_po(path, entries)
    report = run(project, NoEngine())
    assert report.cached == 2 and report.drafted == 0  # type: ignore[attr-defined]
    assert path.read_bytes() == drafted


def test_reviewed_translation_in_another_catalog_is_reused_before_mt(tmp_path: Path) -> None:
    project = make_project(tmp_path / "proj")
    write_po(
        po_path(project, "other"), [Entry(msgid="Quzhou is a city.", msgstr="衢州是一座城市。")]
    )
    path = write_po(po_path(project), [Entry(msgid="Quzhou is a city.")])
    report = run(project, NoEngine())
    entry = by_msgid(path)["Quzhou is a city."]
    assert entry.msgstr == "衢州是一座城市。" and entry.fuzzy
    provenance = read_provenance(entry)
    assert provenance is not None
    assert (provenance.engine, provenance.model) == (
        "memory",
        "locales/zh_CN/LC_MESSAGES/other.po",
    )
    assert report.memory == 1  # type: ignore[attr-defined]


def test_sentences_go_to_the_engine_in_batches_and_each_only_once(tmp_path: Path) -> None:
    project = make_project(tmp_path / "proj")
    msgids = [f"Sentence {chr(65 + i)} here. Shared tail." for i in range(10)]
    path = write_po(po_path(project), [Entry(msgid=m) for m in msgids])
    engine = FakeEngine()
    with MTCache(None) as cache:
        drafter = Drafter(engine, "en", "zh_CN", cache=cache, batch_sentences=4)
        report = drafter.draft_catalog(path)
    sent = [s for batch in engine.batches for s in batch]
    assert [len(b) for b in engine.batches] == [4, 4, 3]
    assert sorted(sent) == sorted(set(sent)) and len(sent) == 11
    assert report.drafted == 10
    # the fake output ends in Latin "." so the space between sentences stays
    assert by_msgid(path)[msgids[0]].msgstr == "译:Sentence A here. 译:Shared tail."


def test_markup_numbers_and_glossary_terms_survive_the_draft(tmp_path: Path) -> None:
    project = make_project(tmp_path / "proj", '[[term]]\nen = "Quzhou"\nzh_CN = "衢州"\n')
    msgid = "See [the **Quzhou** report](https://x.org/r) with 52,600 cameras and `code`."
    path = write_po(po_path(project), [Entry(msgid=msgid)])
    run(project, FakeEngine(lambda s: s.replace("See", "看").replace("report", "报告")))
    assert by_msgid(path)[msgid].msgstr == (
        "看[the **衢州**报告](https://x.org/r) with 52,600 cameras and `code`."
    )


def test_sentence_that_lost_a_mask_is_redrafted_piece_by_piece_and_reported(
    tmp_path: Path,
) -> None:
    project = make_project(tmp_path / "proj")
    msgid = "Visit https://deepblueai.com today."
    path = write_po(po_path(project), [Entry(msgid=msgid)])
    engine = FakeEngine(lambda s: "译" if TOKEN_RE.search(s) else f"<{s}>")
    report = run(project, engine)
    assert by_msgid(path)[msgid].msgstr == "<Visit>https://deepblueai.com<today.>"
    (note,) = report.fallbacks  # type: ignore[attr-defined]
    assert "MT lost masks (url https://deepblueai.com); drafted piece by piece" in str(note)


def test_draft_that_lost_a_mask_is_kept_out_and_reported(tmp_path: Path) -> None:
    project = make_project(tmp_path / "proj")
    msgid = "Visit https://deepblueai.com today."
    path = write_po(po_path(project), [Entry(msgid=msgid), Entry(msgid="Plain.")])
    with MTCache(None) as cache:
        drafter = Drafter(
            FakeEngine(lambda s: TOKEN_RE.sub("", s)),
            "en",
            "zh_CN",
            cache=cache,
            fragment_fallback=False,
        )
        report = drafter.draft_catalog(path)
    assert report.failed == 1 and report.drafted == 1
    (failure,) = report.failures
    assert failure.path == path and failure.line > 0
    assert "lost masks (url https://deepblueai.com)" in str(failure)
    assert not by_msgid(path)[msgid].has_translation


def test_model_inventing_markup_tokens_fails_even_piece_by_piece(tmp_path: Path) -> None:
    project = make_project(tmp_path / "proj")
    msgid = "Visit https://deepblueai.com today."
    path = write_po(po_path(project), [Entry(msgid=msgid)])
    report = run(project, FakeEngine(lambda s: "ZQ7 乱"))
    assert report.failed == 1  # type: ignore[attr-defined]
    assert not by_msgid(path)[msgid].has_translation


def test_dry_run_counts_but_writes_nothing(tmp_path: Path) -> None:
    project = make_project(tmp_path / "proj")
    path = write_po(po_path(project), [Entry(msgid="One."), Entry(msgid="Two.", msgstr="二。")])
    before = path.read_bytes()
    report = run(project, NoEngine(), dry_run=True)
    assert path.read_bytes() == before
    assert (report.drafted, report.skipped, report.sentences_translated) == (1, 1, 1)  # type: ignore[attr-defined]
    assert report.summary().startswith("would draft 1,")  # type: ignore[attr-defined]


def test_catalog_edited_on_disk_during_the_run_is_not_overwritten(tmp_path: Path) -> None:
    project = make_project(tmp_path / "proj")
    path = write_po(po_path(project), [Entry(msgid="One.")])

    def edit_behind_our_back(sentence: str) -> str:
        path.write_text(path.read_text("utf-8") + "\n", "utf-8")
        return "一。"

    with pytest.raises(CatalogConflictError, match="changed on disk"):
        run(project, FakeEngine(edit_behind_our_back))
    assert not by_msgid(path)["One."].has_translation


def test_catalog_with_nothing_to_draft_is_left_byte_for_byte(tmp_path: Path) -> None:
    project = make_project(tmp_path / "proj")
    path = po_path(project)
    path.parent.mkdir(parents=True, exist_ok=True)
    wrapped = (
        'msgid ""\nmsgstr ""\n"Language: zh_CN\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#  Poedit wraps long lines\nmsgid ""\n"Quzhou is a city "\n"in Zhejiang."\n'
        'msgstr "衢州是浙江的一座城市。"\n'
    )
    path.write_text(wrapped, "utf-8")
    report = run(project, NoEngine())
    assert path.read_text("utf-8") == wrapped
    assert report.skipped == 1 and report.written == []  # type: ignore[attr-defined]
