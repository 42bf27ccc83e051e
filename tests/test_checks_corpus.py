"""The planted-defect corpus: every planted defect is caught, and nothing else is reported."""

from __future__ import annotations

import re
from pathlib import Path

from editions.checks import run_checks
from editions.checks.config import CheckConfig
from editions.checks.registry import all_checks
from editions.checks.runner import check_file
from editions.glossary import load_glossary

DATA = Path(__file__).parent / "data" / "checks"
EXPECT = re.compile(r"^# expect: (.+)$")


def planted() -> dict[int, set[str]]:
    """msgid line → expected codes, from the '# expect:' comment above each entry."""
    expected: dict[int, set[str]] = {}
    pending: set[str] | None = None
    for number, line in enumerate((DATA / "planted.po").read_text("utf-8").splitlines(), 1):
        if match := EXPECT.match(line):
            pending = set(match.group(1).split()) - {"none"}
        elif line.startswith("msgid ") and pending is not None:
            expected[number] = pending
            pending = None
    return expected


def test_every_planted_defect_is_caught_and_clean_entries_stay_clean() -> None:
    findings = check_file(
        DATA / "planted.po", language="zh_CN", glossary=load_glossary(DATA / "glossary.toml")
    )
    found: dict[int, set[str]] = {}
    for finding in findings:
        found.setdefault(finding.line, set()).add(finding.code)
    expected = planted()
    caught = sum(1 for line, codes in expected.items() if codes and codes <= found.get(line, set()))
    assert caught == sum(1 for codes in expected.values() if codes)  # 100%
    for line, codes in expected.items():
        assert found.get(line, set()) == codes, f"line {line}"
    assert set(found) <= set(expected)


def test_corpus_covers_every_entry_check() -> None:
    planted_codes = set().union(*planted().values())
    entry_codes = {spec.code for spec in all_checks() if spec.scope == "entry"}
    # a partly translated plural needs nplurals > 1: tested in test_checks_entries.py
    assert entry_codes - planted_codes == {"E-plural-incomplete"}


def test_header_defects_are_caught() -> None:
    findings = check_file(
        DATA / "planted-header.po", language="zh_CN", config=CheckConfig(obsolete_limit=2)
    )
    codes = {f.code for f in findings}
    assert {"E-header-language", "E-plural-forms", "E-charset", "W-obsolete-entries"} <= codes


def test_a_file_that_does_not_parse_is_one_finding_with_its_line() -> None:
    [finding] = run_checks(None, [DATA / "planted-syntax.po"], language="zh_CN")
    assert (finding.code, finding.line) == ("E-syntax", 7)
    assert finding.path.endswith("planted-syntax.po")
