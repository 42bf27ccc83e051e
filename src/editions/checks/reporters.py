"""Reporters: findings as terminal text, JSON, GitHub workflow annotations or JUnit XML.

Each reporter is a pure function from findings to text; the CLI writes the text.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Sequence
from itertools import groupby
from xml.sax.saxutils import escape, quoteattr

from editions.checks.model import Finding, Severity

_COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def _count(findings: Sequence[Finding], severity: Severity) -> int:
    return sum(1 for f in findings if f.severity is severity)


def _catalogs(count: int) -> str:
    return f"{count} catalog{'' if count == 1 else 's'}"


def summary(findings: Sequence[Finding], files_checked: int) -> str:
    """'2 errors, 1 warning in 1 file (3 catalogs checked)'."""
    parts = []
    for severity, word in ((Severity.ERROR, "error"), (Severity.WARNING, "warning")):
        count = _count(findings, severity)
        parts.append(f"{count} {word}{'' if count == 1 else 's'}")
    info = _count(findings, Severity.INFO)
    if info:
        parts.append(f"{info} info")
    files = len({f.path for f in findings})
    return (
        f"{', '.join(parts)} in {files} file{'' if files == 1 else 's'} "
        f"({_catalogs(files_checked)} checked)"
    )


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def visible(text: str) -> str:
    """``text`` with control characters shown as ``\\x1b`` escapes: a catalog's text must
    not move the cursor, colour the terminal or break an XML report."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: ascii(m.group())[1:-1], text)


def _visible_finding(finding: Finding) -> Finding:
    return dataclasses.replace(
        finding,
        path=visible(finding.path),
        message=visible(finding.message),
        fix=visible(finding.fix),
        msgid=visible(finding.msgid),
    )


def render_text(findings: Sequence[Finding], files_checked: int, colour: bool = False) -> str:
    """Findings grouped by file, one block per finding: line, severity, code, message, fix."""

    def paint(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    findings = [_visible_finding(f) for f in findings]
    lines: list[str] = []
    for path, group in groupby(findings, key=lambda f: f.path):
        lines.append(paint(path, _BOLD))
        for finding in group:
            where = f"{finding.line:>5}" if finding.line else "    -"
            severity = paint(f"{finding.severity.value:<7}", _COLOURS[finding.severity])
            lines.append(f"{where}  {severity}  {finding.code}  {finding.message}")
            if finding.msgid:
                lines.append(paint(f"{'':>16}msgid: {finding.msgid}", _DIM))
            if finding.fix:
                lines.append(f"{'':>16}fix: {finding.fix}")
        lines.append("")
    lines.append(
        summary(findings, files_checked)
        if findings
        else f"no findings ({_catalogs(files_checked)} checked)"
    )
    return "\n".join(lines) + "\n"


def render_json(findings: Sequence[Finding], files_checked: int) -> str:
    document = {
        "files_checked": files_checked,
        "errors": _count(findings, Severity.ERROR),
        "warnings": _count(findings, Severity.WARNING),
        "findings": [finding.as_dict() for finding in findings],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(findings: Sequence[Finding], files_checked: int) -> str:
    """GitHub Actions workflow commands: ``::error file=F,line=N,title=CODE::message``."""
    command = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    lines = []
    for finding in map(_visible_finding, findings):
        properties = [f"file={_escape_property(finding.path)}"]
        if finding.line:
            properties.append(f"line={finding.line}")
        properties.append(f"title={_escape_property(finding.code)}")
        message = finding.message + (f" (fix: {finding.fix})" if finding.fix else "")
        lines.append(
            f"::{command[finding.severity]} {','.join(properties)}::{_escape_data(message)}"
        )
    return "".join(line + "\n" for line in lines)


def render_junit(findings: Sequence[Finding], files_checked: int, files: Sequence[str] = ()) -> str:
    """JUnit XML: one test suite per file; each finding a test case, errors as failures."""
    paths = sorted(set(files) | {f.path for f in findings})
    suites = []
    for path in paths:
        mine = [f for f in findings if f.path == path]
        path = visible(path)
        cases = []
        for finding in mine:
            name = quoteattr(f"{finding.code} line {finding.line}")
            finding = _visible_finding(finding)
            body = finding.message + (f"\nfix: {finding.fix}" if finding.fix else "")
            if finding.msgid:
                body += f"\nmsgid: {finding.msgid}"
            if finding.severity is Severity.ERROR:
                inner = (
                    f"<failure message={quoteattr(finding.message)} "
                    f"type={quoteattr(finding.code)}>{_xml_text(body)}</failure>"
                )
            else:
                inner = (
                    f"<system-out>{_xml_text(finding.severity.value + ': ' + body)}</system-out>"
                )
            cases.append(
                f"    <testcase classname={quoteattr(path)} name={name}>{inner}</testcase>"
            )
        if not mine:
            cases.append(f'    <testcase classname={quoteattr(path)} name="clean"/>')
        errors = _count(mine, Severity.ERROR)
        suites.append(
            f'  <testsuite name={quoteattr(path)} tests="{max(len(mine), 1)}" '
            f'failures="{errors}" errors="0">\n' + "\n".join(cases) + "\n  </testsuite>"
        )
    total = sum(max(1, sum(1 for f in findings if f.path == p)) for p in paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuites name="editions check" tests="{total}" '
        f'failures="{_count(findings, Severity.ERROR)}">\n'
        + "".join(suite + "\n" for suite in suites)
        + "</testsuites>\n"
    )


def _xml_text(text: str) -> str:
    return escape(visible(text))


Reporter = Callable[[Sequence[Finding], int], str]
REPORTERS: dict[str, Reporter] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
    "junit": render_junit,
}
