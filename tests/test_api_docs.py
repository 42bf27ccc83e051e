"""The public API: docs/api.md runs as written, and the press-release pipeline runs on the
names in ``editions.__all__`` alone."""

from __future__ import annotations

import doctest
import importlib
import subprocess
import sys
from pathlib import Path

import editions
from tests.render_support import PRESS_RELEASE

REPO = Path(__file__).resolve().parents[1]


def test_the_examples_in_docs_api_md_run(tmp_path: Path) -> None:
    result = doctest.testfile(
        str(REPO / "docs" / "api.md"),
        module_relative=False,
        globs={"getfixture": lambda name: tmp_path},
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        raise_on_error=False,
    )
    assert result.attempted > 20
    assert result.failed == 0


def test_every_public_name_resolves_and_import_editions_stays_cheap() -> None:
    assert len(set(editions.__all__)) == len(editions.__all__)
    importlib.import_module("editions.draft")  # once imported, no public name may turn
    importlib.import_module("editions.release")  # into the submodule of the same name
    importlib.import_module("editions.stats")

    for name in editions.__all__:
        value = getattr(editions, name)
        assert value is not None and not isinstance(value, type(sys)), name
    probe = subprocess.run(
        [sys.executable, "-c", "import editions, sys; print(sorted(m for m in sys.modules "
         "if m.split('.')[0] in ('jinja2', 'babel', 'ctranslate2', 'polib', 'starlette')))"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert probe.stdout.strip() == "[]"
    assert issubclass(editions.ReleaseBlocked, editions.EditionsError)
    for error in ("ProjectError", "SourceError", "CatalogSyntaxError", "ModelMissingError"):
        assert issubclass(getattr(editions, error), editions.EditionsError)


def test_the_press_release_pipeline_runs_on_public_names_only(
    tmp_path: Path, tiny_argosmodel: Path
) -> None:
    public = {name: getattr(editions, name) for name in editions.__all__}
    root = tmp_path / "press"
    (root / "source").mkdir(parents=True)
    (root / "editions.toml").write_text('[editions]\nlanguages = ["zh_CN"]\n', encoding="utf-8")
    (root / "source" / "deepblue-quzhou.md").write_bytes(PRESS_RELEASE.read_bytes())
    project = public["find_project"](explicit=root)
    assert [w.status.value for w in public["extract"](project)] == ["created"]
    assert [w.status.value for w in public["update"](project, "zh_CN")] == ["created"]
    try:
        public["draft_catalogs"](project, "zh_CN")
    except public["ModelMissingError"] as missing:
        assert "editions models install" in (missing.hint or "")
    public["install_model"](project, tiny_argosmodel)  # the real Argos install, then drafting
    report = public["draft_catalogs"](project, "zh_CN", threads=1)
    assert report.drafted > 5 and report.failed == 0
    findings = public["check"](project, release=True)
    codes = {f.code for f in findings}
    assert "W-fuzzy" in codes and public["Severity"]("error") in {f.severity for f in findings}
    (row,) = public["project_stats"](project)
    assert row.machine_draft.entries == report.drafted
    built = public["build"](project, formats=["md"], out_dir=root / "build", drafts=True)
    assert {e.language for e in built.built} == {"en", "zh_CN"}
    catalog = public["load_catalog"](project.po_path("zh_CN", "deepblue-quzhou"))
    assert public["from_polib"](public["to_polib"](catalog)) == catalog
