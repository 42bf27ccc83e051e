"""Importing this module registers every built-in check (each module registers on import)."""

from __future__ import annotations

from editions.checks import (  # noqa: F401
    completeness,
    conflicts,
    glossary,
    header,
    leftovers,
    markup,
    numbers,
    placeholders,
    sync,
    typography,
)
from editions.checks.model import Severity
from editions.checks.registry import declare

SYNTAX = declare("E-syntax", Severity.ERROR, "The file does not parse as a PO catalog")
MISSING = declare("E-catalog-missing", Severity.ERROR, "A project catalog (POT or PO) is missing")
UNKNOWN_SUPPRESSION = declare(
    "W-unknown-suppression", Severity.WARNING, "An editions-ignore comment names no known check"
)
UNDECLARED_LANGUAGE = declare(
    "W-undeclared-language",
    Severity.WARNING,
    "A catalog of a language the project does not declare (not checked, counted or built)",
)
ORPHAN_CATALOG = declare(
    "W-orphan-catalog",
    Severity.WARNING,
    "A template or catalog whose source document is gone",
)
