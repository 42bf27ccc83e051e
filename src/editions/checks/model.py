"""What a check reports: a ``Finding`` with a stable code, a severity, where, and the fix.

Findings are plain values; reporters turn them into text, JSON, GitHub annotations or JUnit.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.Enum):
    """How bad a finding is; only errors fail ``editions check`` (exit 1)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls(text.strip().lower())
        except ValueError:
            names = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown severity {text!r} (expected one of: {names})") from None


@dataclass(frozen=True, slots=True)
class Problem:
    """What a check function yields: the message and the one-line fix; the runner adds the rest."""

    message: str
    fix: str = ""
    line: int = 0
    """For catalog-level checks: the line concerned (entry checks use the entry's line)."""
    msgid: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in one catalog (``line`` 0 when it concerns the whole file)."""

    code: str
    severity: Severity
    path: str
    line: int
    message: str
    fix: str = ""
    msgid: str = ""
    """An excerpt of the entry's msgid (one line, shortened), empty for file-level findings."""

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "path": self.path,
            "line": self.line,
            "msgid": self.msgid,
            "message": self.message,
            "fix": self.fix,
        }


def excerpt(text: str, width: int = 60) -> str:
    """``text`` on one line, shortened to ``width`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
