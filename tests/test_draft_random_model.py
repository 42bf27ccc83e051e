"""Drafting through a model with random weights: real decoding of noise, nothing corrupted.

The copy model of the other tests proves that masks, glossary terms and provenance survive a
model that behaves; this one proves what happens when the model does not: every mask it
drops is caught, no mask token ever reaches a catalog, and the run still leaves a valid
catalog that a second run does not change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from editions.catalog import Entry
from editions.cli import main
from editions.models import install_archive
from editions.pofile import load_catalog
from editions.provenance import read_provenance
from tests.tiny_argos import GLOSSARY, RANDOM, build_tiny_package, make_project, write_po

MSGIDS = [
    "DeepBlue Technology will set up the regional headquarters in Quzhou.",
    "Read [the report](https://example.org/report) before **November 28, 2018**.",
    "More than 9 million pieces of data are gathered every day. So far 52,600 cameras.",
    "Run `editions draft` to fill the catalog.",
]


@pytest.fixture(scope="module")
def random_argosmodel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_package(tmp_path_factory.mktemp("random-argos"), "0.3", RANDOM)


def test_random_model_never_writes_a_broken_mask_and_a_rerun_changes_nothing(
    tmp_path: Path, random_argosmodel: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path / "proj", GLOSSARY)
    install_archive(project, random_argosmodel)
    path = write_po(project.po_path("zh_CN", "press"), [Entry(msgid=m) for m in MSGIDS])
    line_before = {e.msgid: e.line for e in load_catalog(path).entries}

    assert main(["draft", "--project", str(project.root), "--lang", "zh_CN"]) == 0
    summary = capsys.readouterr().out
    entries = {e.msgid: e for e in load_catalog(path).entries}
    assert sorted(entries) == sorted(MSGIDS)
    release, link, numbers, code = (entries[m] for m in MSGIDS)
    # The noise model drops masks; whole-entry drafts that lost them are redone piece by
    # piece between the masks, so glossary terms and numbers are in place ...
    for entry in (release, numbers):
        provenance = read_provenance(entry)
        assert entry.fuzzy and provenance is not None
        assert provenance.model == "translate-en_zh/0.3"
        assert "ZQ" not in entry.msgstr  # no mask token leaks into a translation
    assert release.msgstr.startswith("深兰科技") and "衢州" in release.msgstr
    assert "9" in numbers.msgstr and "52,600" in numbers.msgstr
    assert "MT lost masks (glossary DeepBlue Technology, glossary Quzhou)" in summary
    # ... and an entry whose markup cannot be put back is left untranslated and reported,
    # never written with a broken link or code span.
    for entry, lost in ((link, "link ](https://example.org/report)"), (code, "code `editions")):
        assert entry.msgstr == "" and not entry.fuzzy
        assert f"failed    {path}:{line_before[entry.msgid]}: lost masks (" in summary
        assert lost in summary
    assert "drafted 2, reused from memory 0, cached 0, skipped 0, failed 2" in summary

    before = path.read_bytes()
    assert main(["draft", "--project", str(project.root), "--lang", "zh_CN"]) == 0
    assert path.read_bytes() == before
