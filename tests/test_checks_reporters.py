"""Reporters against golden files, and the CLI: exit codes, formats, --output, --list-checks."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from editions.checks.model import Finding, Severity
from editions.checks.reporters import render_github, render_json, render_junit, render_text
from editions.cli import main

DATA = Path(__file__).parent / "data" / "checks"
FINDINGS = [
    Finding(
        "E-number-mismatch",
        Severity.ERROR,
        "locales/zh_CN/LC_MESSAGES/a.po",
        12,
        "the translation lacks '52,600' from the source",
        "write the same quantity in the translation (e.g. 52600 or 5.26万)",
        "There are 52,600 cameras.",
    ),
    Finding(
        "W-halfwidth-punctuation",
        Severity.WARNING,
        "locales/zh_CN/LC_MESSAGES/a.po",
        20,
        "half-width ':' in Chinese text: '州:'",
        "use the full-width ：",
        "Quzhou: a city",
    ),
    Finding(
        "E-charset",
        Severity.ERROR,
        "locales/zh_CN/LC_MESSAGES/b.po",
        1,
        "charset is ISO-8859-1, editions catalogs are UTF-8, 100%",
        'set "Content-Type: text/plain; charset=UTF-8\\n" in the header entry',
    ),
]
UPDATE = os.environ.get("EDITIONS_UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize(
    ("name", "render"),
    [
        ("report.txt", lambda: render_text(FINDINGS, 3)),
        ("report.json", lambda: render_json(FINDINGS, 3)),
        ("report.github", lambda: render_github(FINDINGS, 3)),
        ("report.junit.xml", lambda: render_junit(FINDINGS, 3, ["locales/c.po"])),
    ],
)
def test_reporter_matches_golden_file(name: str, render: object) -> None:
    text = render()  # type: ignore[operator]
    golden = DATA / name
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text("utf-8")


def test_text_report_is_coloured_only_when_asked() -> None:
    assert "\033[" not in render_text(FINDINGS, 3)
    assert "\033[31m" in render_text(FINDINGS, 3, colour=True)


def test_github_annotations_escape_properties_and_data() -> None:
    lines = render_github(FINDINGS, 3).splitlines()
    assert lines[0].startswith(
        "::error file=locales/zh_CN/LC_MESSAGES/a.po,line=12,title=E-number-mismatch::"
    )
    assert "%2C" not in lines[0].split("::")[2] and "100%25" in lines[2]


def test_junit_report_is_valid_xml_with_failures_for_errors() -> None:
    root = ET.fromstring(render_junit(FINDINGS, 3, ["locales/c.po"]))
    assert root.get("failures") == "2"
    assert [s.get("name") for s in root] == [
        "locales/c.po",
        "locales/zh_CN/LC_MESSAGES/a.po",
        "locales/zh_CN/LC_MESSAGES/b.po",
    ]


# the CLI ------------------------------------------------------------------------------------

PLANTED = DATA / "planted.po"
CLEAN = Path(__file__).parent / "data" / "real" / "grep.po"


def test_cli_exit_codes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["check", str(CLEAN)]) == 0
    assert main(["check", "--lang", "zh_CN", str(PLANTED)]) == 1
    assert main(["check", str(tmp_path / "missing.po")]) == 2
    assert "no such catalog" in capsys.readouterr().err


def test_cli_named_files_work_outside_any_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    copy = tmp_path / "grep.po"
    copy.write_bytes(CLEAN.read_bytes())
    assert main(["check", "grep.po"]) == 0
    assert "no findings" in capsys.readouterr().out


def test_cli_json_and_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.json"
    assert main(["check", "--format", "json", "--output", str(out), str(PLANTED)]) == 1
    report = json.loads(out.read_text("utf-8"))
    assert report["errors"] >= 10 and capsys.readouterr().out == ""


def test_cli_junit_and_github_formats(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--format", "github", str(PLANTED)])
    assert "::error file=" in capsys.readouterr().out
    main(["check", "--format", "junit", str(CLEAN)])
    assert ET.fromstring(capsys.readouterr().out).get("failures") == "0"


def test_cli_lists_every_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--list-checks"]) == 0
    listing = capsys.readouterr().out
    assert "E-number-mismatch" in listing and "W-repetition" in listing


def test_cli_syntax_error_is_a_finding_not_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(DATA / "planted-syntax.po")]) == 1
    assert "planted-syntax.po" in capsys.readouterr().out


def test_docs_list_every_check_code_as_the_registry_does() -> None:
    from editions.cli.checking import list_checks

    docs = (Path(__file__).resolve().parents[1] / "docs" / "ci.md").read_text("utf-8")
    assert list_checks() in docs
