"""Catalog checks: one small function per check, a registry, ``Finding`` values, reporters.

Public entry points: :func:`run_checks` (files or a whole project), :func:`check_catalog`
(one catalog value), :func:`all_checks` (the registry, for ``--list-checks``).
"""

from __future__ import annotations

from editions.checks.config import CheckConfig, check_config
from editions.checks.context import CheckContext
from editions.checks.model import Finding, Problem, Severity
from editions.checks.registry import Check, all_checks, check
from editions.checks.runner import check_catalog, check_file, has_errors, run_checks

__all__ = [
    "Check",
    "CheckConfig",
    "CheckContext",
    "Finding",
    "Problem",
    "Severity",
    "all_checks",
    "check",
    "check_catalog",
    "check_config",
    "check_file",
    "has_errors",
    "run_checks",
]
