"""Real catalogs (Debian zh_CN, via msgunfmt): no crash, and exactly the reviewed findings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editions.checks import run_checks
from tests.conftest import DEBIAN_ZH, unfmt

REAL = Path(__file__).parent / "data" / "real"


def test_real_catalogs_report_exactly_the_reviewed_findings() -> None:
    expected = json.loads((REAL / "expected.json").read_text("utf-8"))
    findings = run_checks(None, sorted(REAL.glob("*.po")), language="zh_CN")
    got: dict[str, list[list[object]]] = {}
    for finding in findings:
        got.setdefault(Path(finding.path).name, []).append(
            [finding.line, finding.code, finding.message]
        )
    assert got == expected


def test_real_defects_are_among_the_findings() -> None:
    findings = run_checks(None, [REAL / "python-apt.po", REAL / "gas.po"], language="zh_CN")
    assert any(f.code == "E-number-mismatch" and "5.04" in f.message for f in findings)
    assert any(f.code == "E-number-mismatch" and f.line == 38 for f in findings)


@pytest.mark.system("msgunfmt")
@pytest.mark.skipif(
    not DEBIAN_ZH.is_dir(), reason=f"no zh_CN catalogs on this machine ({DEBIAN_ZH})"
)
def test_system_catalogs_never_crash(tmp_path: Path) -> None:
    """Every zh_CN .mo on this machine (the 15 smallest), back to .po, checks cleanly."""
    mos = sorted(DEBIAN_ZH.glob("*.mo"), key=lambda p: p.stat().st_size)[:15]
    paths = []
    for mo in mos:
        paths.append(unfmt(mo, tmp_path / f"{mo.stem}.po"))
    findings = run_checks(None, paths, language="zh_CN")
    assert all(f.path.endswith(".po") and f.message for f in findings)
