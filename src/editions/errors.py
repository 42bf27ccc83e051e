"""The one error family of editions: every failure names the file, the line and the fix."""

from __future__ import annotations

from pathlib import Path


class EditionsError(Exception):
    """A failure a user can act on; the CLI prints it without a traceback and exits 2."""

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
            where += ": "
        text = f"{where}{self.message}"
        if self.hint:
            text += f"\n  fix: {self.hint}"
        return text


class ProjectError(EditionsError):
    """The project configuration is missing or wrong, or a path lies outside the project."""


class SourceError(EditionsError):
    """A source document cannot be read (invalid UTF-8, unreadable file)."""


class CatalogSyntaxError(EditionsError):
    """A .po/.pot file does not parse as GNU gettext would parse it."""


class CatalogConflictError(EditionsError):
    """A catalog changed on disk while we worked on it, or is locked by another run."""


class ModelMissingError(EditionsError):
    """No machine-translation model is installed for the requested language pair."""


class EngineError(EditionsError):
    """The machine-translation engine failed."""


class WriteError(EditionsError):
    """A file could not be written (read-only folder, full disk, a path that is no folder)."""

    def __init__(self, path: str | Path, error: OSError) -> None:
        reason = error.strerror or str(error)
        super().__init__(
            f"cannot write: {reason}",
            path=path,
            hint="check that the folder exists, is writable and the disk has room",
        )
