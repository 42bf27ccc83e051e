"""One-line helpers for testing checks, after translate-toolkit's ``passes``/``fails``::

fails("E-number-mismatch", "52,600 cameras", "5.2万个摄像头")
passes("E-number-mismatch", "52,600 cameras", "5.26万个摄像头")

They run :func:`editions.checks.runner.check_catalog` on a one-entry catalog, the path
``editions check`` takes (preconditions, flags, suppressions, severity settling), and keep
the findings of the one code asked about.
"""

from __future__ import annotations

from typing import Any

from editions.catalog import Catalog, Entry
from editions.checks.context import CheckContext
from editions.checks.model import Finding
from editions.checks.registry import REGISTRY, all_checks
from editions.glossary import Glossary


def run_one(
    code: str,
    msgid: str,
    msgstr: str | tuple[str, ...],
    *,
    language: str = "zh_CN",
    glossary: Glossary | None = None,
    markdown: bool = True,
    nplurals: int | None = 1,
    **entry_fields: Any,
) -> list[Finding]:
    """Findings of check ``code`` on one entry (a tuple ``msgstr`` makes a plural entry)."""
    from editions.checks.runner import check_catalog

    all_checks()
    if code not in REGISTRY:
        raise KeyError(f"no check {code!r}")
    if isinstance(msgstr, tuple):
        entry_fields.setdefault("msgid_plural", msgid)
        entry = Entry(msgid=msgid, msgstr_plural=msgstr, **entry_fields)
    else:
        entry = Entry(msgid=msgid, msgstr=msgstr, **entry_fields)
    catalog = Catalog(entries=(entry,))
    context = CheckContext(
        language=language,
        catalog=catalog,
        glossary=glossary or Glossary(),
        markdown=markdown,
        nplurals=nplurals,
    )
    return [finding for finding in check_catalog(catalog, context) if finding.code == code]


def passes(code: str, msgid: str, msgstr: str | tuple[str, ...], **options: Any) -> None:
    found = run_one(code, msgid, msgstr, **options)
    assert not found, f"{code} should pass on {msgstr!r}, got: {[f.message for f in found]}"


def fails(code: str, msgid: str, msgstr: str | tuple[str, ...], **options: Any) -> Finding:
    found = run_one(code, msgid, msgstr, **options)
    assert found, f"{code} should fail on {msgstr!r}"
    assert all(f.code == code for f in found)
    return found[0]
