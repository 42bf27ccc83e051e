"""One release gate: ``check --release``, ``build`` and ``stats`` decide alike.

"Reviewed" is :attr:`editions.catalog.Entry.reviewed` and "percent ready" is
:func:`editions.catalog.readiness` (entries of the document's template); the threshold is
``[release]`` of the one configuration model.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editions.checks import run_checks
from editions.checks.model import Severity
from editions.cli import main
from editions.pofile import load_catalog, save_catalog
from editions.project import Project, find_project
from editions.render import build
from editions.stats import project_stats
from editions.workflow import extract, update

SENTENCES = {
    "The keepers met on a windy evening.": "守灯人在一个有风的晚上见面。",
    "Ships passed the northern cape without trouble.": "船只顺利驶过北角。",
    "The lamp was cleaned every morning.": "灯每天早上都被擦拭干净。",
    "A new radio arrived in the spring.": "春天来了一台新收音机。",
    "Visitors are welcome on Sundays.": "周日欢迎参观。",
    "The keepers thank the fishermen of the bay.": "守灯人感谢海湾的渔民。",
}
STATES = ("reviewed", "fuzzy", "empty")


def _project(root: Path, documents: dict[str, list[tuple[str, str]]], config: str) -> Project:
    (root / "source").mkdir(parents=True)
    (root / "editions.toml").write_text(
        f'[editions]\nlanguages = ["zh_CN"]\n{config}', encoding="utf-8"
    )
    for name, paragraphs in documents.items():
        text = "\n\n".join(english for english, _ in paragraphs) + "\n"
        (root / "source" / f"{name}.md").write_text(text, encoding="utf-8")
    project = find_project(explicit=root)
    extract(project)
    update(project, "zh_CN")
    for name, paragraphs in documents.items():
        path = project.po_path("zh_CN", name)
        states = dict(paragraphs)
        catalog = load_catalog(path)
        entries = []
        for entry in catalog.entries:
            state = states[entry.msgid]
            if state != "empty":
                entry = entry.replace(msgstr=SENTENCES[entry.msgid])
            if state == "fuzzy":
                entry = entry.with_flag("fuzzy")
            entries.append(entry)
        save_catalog(path, catalog.replace_entries(entries))
    return project


def _decisions(project: Project) -> tuple[set[str], set[str], set[str], dict[str, float]]:
    """Documents that check --release passes, build publishes and stats calls ready."""
    findings = run_checks(project, release=True)
    failing = {
        Path(f.path).stem
        for f in findings
        if f.severity is Severity.ERROR and f.path.endswith(".po")
    }
    documents = {d.domain for d in project.documents()}
    report = build(project, formats=["md"], out_dir=project.root / "out")
    unpublished = {u.document for u in report.unpublished if u.language == "zh_CN"}
    stats = project_stats(project, "zh_CN")
    return (
        documents - failing,
        documents - unpublished,
        {s.document for s in stats if s.ready},
        {s.document: s.percent_reviewed for s in stats},
    )


DOCUMENTS = st.dictionaries(
    st.sampled_from(["news", "about", "faq"]),
    st.lists(
        st.tuples(st.sampled_from(sorted(SENTENCES)), st.sampled_from(STATES)),
        min_size=1,
        max_size=4,
        unique_by=lambda pair: pair[0],
    ),
    min_size=1,
    max_size=3,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    documents=DOCUMENTS,
    threshold=st.sampled_from([0, 25, 50, 60, 75, 100]),
    per_document=st.dictionaries(st.sampled_from(["news", "faq"]), st.sampled_from([0, 50, 100])),
)
def test_build_publishes_exactly_what_check_release_passes_and_stats_agrees(
    documents: dict[str, list[tuple[str, str]]], threshold: int, per_document: dict[str, int]
) -> None:
    config = f"[editions.release]\nthreshold = {threshold}\n"
    if per_document:
        config += "[editions.release.documents]\n" + "".join(
            f"{name} = {value}\n" for name, value in per_document.items()
        )
    root = Path(tempfile.mkdtemp(prefix="gate-"))
    try:
        project = _project(root / "p", documents, config)
        passes, publishes, ready, percents = _decisions(project)
        assert passes == publishes == ready
        for name, paragraphs in documents.items():
            reviewed = sum(state == "reviewed" for _, state in paragraphs)
            assert percents[name] == 100.0 * reviewed / len(paragraphs)
    finally:
        shutil.rmtree(root)


def test_threshold_50_in_the_configuration_means_the_same_to_check_build_and_stats(
    tmp_path: Path, capsys: object
) -> None:
    half = {"news": [(s, state) for s, state in zip(sorted(SENTENCES)[:2], STATES, strict=False)]}
    project = _project(tmp_path / "p", half, "[editions.release]\nthreshold = 50\n")
    assert _decisions(project)[:3] == ({"news"}, {"news"}, {"news"})
    args = ["--project", str(project.root)]
    assert main(["check", "--release", *args]) == 0
    (project.root / "editions.toml").write_text(
        '[editions]\nlanguages = ["zh_CN"]\n[editions.release]\nthreshold = 60\n', "utf-8"
    )
    project = find_project(explicit=project.root)
    assert _decisions(project)[:3] == (set(), set(), set())
    assert main(["check", "--release", *args]) == 1


def test_under_release_a_warning_that_blocks_says_why(tmp_path: Path) -> None:
    half = {"news": [(s, state) for s, state in zip(sorted(SENTENCES)[:2], STATES, strict=False)]}
    project = _project(tmp_path / "p", half, "")
    findings = run_checks(project, release=True)
    fuzzy = next(f for f in findings if f.code == "W-fuzzy")
    assert fuzzy.severity is Severity.ERROR
    assert fuzzy.message.endswith("(blocks the release: 50.0% reviewed, the release needs 100%)")
    plain = next(f for f in run_checks(project) if f.code == "W-fuzzy")
    assert plain.severity is Severity.WARNING and "blocks" not in plain.message
