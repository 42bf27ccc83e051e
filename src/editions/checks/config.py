"""Per-project configuration of checks: ``[tool.editions.checks]`` (or ``[editions.checks]``).

::

    [tool.editions.checks]
    disable = ["W-length-ratio"]                  # codes never reported
    severity = { "W-same-as-source" = "error" }   # severity overrides
    obsolete-limit = 20                            # obsolete entries tolerated per catalog
    [tool.editions.checks.release-threshold]       # percent translated needed by --release
    default = 100
    deepblue-quzhou = 100                          # per document (catalog domain)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from editions.checks.model import Severity
from editions.checks.registry import all_checks
from editions.errors import ProjectError

DEFAULT_OBSOLETE_LIMIT = 20


@dataclass(frozen=True, slots=True)
class CheckConfig:
    disabled: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    default_threshold: float = 100.0
    thresholds: Mapping[str, float] = field(default_factory=dict)
    obsolete_limit: int = DEFAULT_OBSOLETE_LIMIT

    def threshold_for(self, domain: str | None) -> float:
        """Percent of entries that must be translated for ``--release`` in this document."""
        if domain is not None and domain in self.thresholds:
            return self.thresholds[domain]
        return self.default_threshold

    def severity_of(self, code: str, default: Severity) -> Severity:
        return self.severity.get(code, default)


def config_from_settings(
    settings: Mapping[str, Any], path: Path | None = None, default_threshold: float = 100.0
) -> CheckConfig:
    """Read the ``checks`` table of the project settings; unknown codes and values are refused."""
    raw = settings.get("checks", {})
    if not isinstance(raw, dict):
        raise ProjectError("'checks' must be a table", path=path)
    known = {spec.code for spec in all_checks()}

    def known_code(code: object, where: str) -> str:
        if not isinstance(code, str) or code not in known:
            raise ProjectError(
                f"unknown check code {code!r} in checks.{where}",
                path=path,
                hint="run 'editions check --list-checks' for the codes",
            )
        return code

    disable = raw.get("disable", [])
    if not isinstance(disable, list):
        raise ProjectError("checks.disable must be a list of check codes", path=path)
    severity_raw = raw.get("severity", {})
    if not isinstance(severity_raw, dict):
        raise ProjectError("checks.severity must be a table of code = severity", path=path)
    severity: dict[str, Severity] = {}
    for code, value in severity_raw.items():
        try:
            severity[known_code(code, "severity")] = Severity.parse(str(value))
        except ValueError as exc:
            raise ProjectError(f"checks.severity: {exc}", path=path) from None
    thresholds: dict[str, float] = {}
    threshold_raw = raw.get("release-threshold", {})
    if isinstance(threshold_raw, (int, float)) and not isinstance(threshold_raw, bool):
        threshold_raw = {"default": threshold_raw}
    if not isinstance(threshold_raw, dict):
        raise ProjectError("checks.release-threshold must be a number or a table", path=path)
    for domain, value in threshold_raw.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
            raise ProjectError(
                f"checks.release-threshold.{domain} must be a percentage 0-100", path=path
            )
        thresholds[str(domain)] = float(value)
    limit = raw.get("obsolete-limit", DEFAULT_OBSOLETE_LIMIT)
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        raise ProjectError("checks.obsolete-limit must be a whole number >= 0", path=path)
    return CheckConfig(
        disabled=frozenset(known_code(code, "disable") for code in disable),
        severity=severity,
        default_threshold=thresholds.pop("default", default_threshold),
        thresholds=thresholds,
        obsolete_limit=limit,
    )
