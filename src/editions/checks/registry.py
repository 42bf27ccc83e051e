"""The registry of checks: each is declared with ``@check(code, severity)`` next to its code.

A check is a small function ``(entry, context) -> Iterable[Problem]`` (or ``(catalog,
context)`` for ``scope="catalog"``); its docstring's first line is its title. The registered
:class:`Check` wraps it so that running it yields complete :class:`Finding` values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeVar

from editions.catalog import Catalog, Entry
from editions.checks.model import Finding, Problem, Severity, excerpt

if TYPE_CHECKING:
    from editions.checks.context import CheckContext

Scope = Literal["entry", "catalog", "file"]
EntryFunc = Callable[[Entry, "CheckContext"], Iterable[Problem]]
CatalogFunc = Callable[[Catalog, "CheckContext"], Iterable[Problem]]
F = TypeVar("F", bound=Callable[..., Iterable[Problem]])


@dataclass(frozen=True, slots=True)
class Check:
    """A registered check: stable code, default severity, title and the function that runs it.

    ``needs_translation`` is the untranslated precondition: such checks never see an entry
    without a translation. ``languages`` limits a check to target languages with one of these
    prefixes; ``markdown_only`` to catalogs of Markdown documents.
    """

    code: str
    severity: Severity
    title: str
    scope: Scope
    func: Callable[..., Iterable[Problem]] | None
    needs_translation: bool = True
    languages: tuple[str, ...] = ()
    markdown_only: bool = False
    flag: str | None = None
    """Only entries carrying this flag (``c-format``) are checked."""
    needs_glossary: bool = False

    def applies(self, context: CheckContext) -> bool:
        if self.markdown_only and not context.markdown:
            return False
        if self.needs_glossary and not context.glossary.terms:
            return False
        if self.languages:
            language = context.language or ""
            return any(language.startswith(prefix) for prefix in self.languages)
        return True

    def run_catalog(self, catalog: Catalog, context: CheckContext) -> Iterator[Finding]:
        if self.func is None or self.scope != "catalog":
            return
        for problem in self.func(catalog, context):
            yield self.finding(context, problem, None)

    def finding(self, context: CheckContext, problem: Problem, entry: Entry | None) -> Finding:
        line = problem.line or (entry.line if entry is not None else 0)
        return Finding(
            code=self.code,
            severity=self.severity,
            path=context.path,
            line=line,
            message=problem.message,
            fix=problem.fix,
            msgid=excerpt(entry.msgid) if entry is not None else problem.msgid,
        )


REGISTRY: dict[str, Check] = {}


def _register(spec: Check) -> None:
    if spec.code in REGISTRY:
        raise ValueError(f"check code {spec.code!r} registered twice")
    REGISTRY[spec.code] = spec


def _title(func: Callable[..., object]) -> str:
    doc = (func.__doc__ or "").strip()
    return doc.splitlines()[0].rstrip(".") if doc else func.__name__.replace("_", " ")


def check(
    code: str,
    severity: Severity,
    *,
    scope: Scope = "entry",
    needs_translation: bool = True,
    languages: tuple[str, ...] = (),
    markdown_only: bool = False,
    flag: str | None = None,
    needs_glossary: bool = False,
) -> Callable[[F], F]:
    """Register the decorated function as the check ``code`` with its default ``severity``."""

    def decorate(func: F) -> F:
        _register(
            Check(
                code=code,
                severity=severity,
                title=_title(func),
                scope=scope,
                func=func,
                needs_translation=needs_translation,
                languages=languages,
                markdown_only=markdown_only,
                flag=flag,
                needs_glossary=needs_glossary,
            )
        )
        return func

    return decorate


def declare(code: str, severity: Severity, title: str) -> Check:
    """Register a code the runner itself reports (a file that cannot be read or parsed)."""
    spec = Check(code=code, severity=severity, title=title, scope="file", func=None)
    _register(spec)
    return spec


def all_checks() -> list[Check]:
    """Every registered check, importing the check modules first, sorted by code."""
    import editions.checks.builtin  # noqa: F401  (the check modules register on import)

    return sorted(REGISTRY.values(), key=lambda spec: spec.code)
