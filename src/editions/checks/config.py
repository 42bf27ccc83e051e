"""The checks' view of the project configuration: :class:`editions.config.CheckSettings`
with its codes checked against the registry, plus the release gate.

::

    [tool.editions.checks]
    disable = ["W-length-ratio"]                  # codes never reported
    severity = { "W-same-as-source" = "error" }   # severity overrides
    obsolete-limit = 20                            # obsolete entries tolerated per catalog
    [tool.editions.release]                        # the one release gate (check and build)
    threshold = 100
    [tool.editions.release.documents]
    deepblue-quzhou = 100                          # per document (catalog name)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from editions.checks.model import Severity
from editions.checks.registry import all_checks
from editions.config import CheckSettings, ReleaseSettings
from editions.errors import ProjectError

DEFAULT_OBSOLETE_LIMIT = CheckSettings().obsolete_limit


@dataclass(frozen=True, slots=True)
class CheckConfig:
    disabled: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    release: ReleaseSettings = field(default_factory=ReleaseSettings)
    obsolete_limit: int = DEFAULT_OBSOLETE_LIMIT

    def threshold_for(self, domain: str | None) -> float:
        """Percent of entries that must be reviewed for ``--release`` in this document."""
        return self.release.threshold_for(domain)

    def severity_of(self, code: str, default: Severity) -> Severity:
        return self.severity.get(code, default)


def check_config(
    checks: CheckSettings, release: ReleaseSettings, path: Path | None = None
) -> CheckConfig:
    """The checks' configuration; a code the registry does not know is refused."""
    known = {spec.code for spec in all_checks()}

    def known_code(code: str, where: str) -> str:
        if code not in known:
            raise ProjectError(
                f"unknown check code {code!r} in checks.{where}",
                path=path,
                hint="run 'editions check --list-checks' for the codes",
            )
        return code

    severity: dict[str, Severity] = {}
    for code, value in checks.severity.items():
        try:
            severity[known_code(code, "severity")] = Severity.parse(value)
        except ValueError as exc:
            raise ProjectError(f"checks.severity: {exc}", path=path) from None
    return CheckConfig(
        disabled=frozenset(known_code(code, "disable") for code in checks.disable),
        severity=severity,
        release=release,
        obsolete_limit=checks.obsolete_limit,
    )
