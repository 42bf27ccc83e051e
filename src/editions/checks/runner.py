"""Run the checks: over one catalog value, one file, or a whole project.

The pure core is :func:`check_catalog`; :func:`check_file` and :func:`run_checks` read files
and build each catalog's :class:`CheckContext`. Severity is settled here, in one place:
project overrides, then fuzzy entries (gettext ignores them) capped at warning, then
``--release`` making incomplete entries errors in a document below its threshold.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from editions.catalog import Catalog, Entry
from editions.checks.builtin import (
    MISSING,
    ORPHAN_CATALOG,
    SYNTAX,
    UNDECLARED_LANGUAGE,
    UNKNOWN_SUPPRESSION,
)
from editions.checks.completeness import RELEASE_CODES, release_block
from editions.checks.config import CheckConfig, check_config
from editions.checks.context import CheckContext
from editions.checks.links import link_findings
from editions.checks.model import Finding, Problem, Severity
from editions.checks.registry import all_checks
from editions.checks.suppress import suppressed_codes
from editions.errors import CatalogSyntaxError, EditionsError
from editions.glossary import Glossary, load_glossary
from editions.plurals import PluralSyntaxError, language_rule, parse_plural_forms
from editions.pofile import load_catalog
from editions.project import Project

MARKDOWN_SUFFIXES = (".md", ".markdown")


def check_catalog(catalog: Catalog, context: CheckContext) -> list[Finding]:
    """Every finding on ``catalog``: file-level checks, then each live entry's checks."""
    known = {spec.code for spec in all_checks()}
    active = [
        spec
        for spec in all_checks()
        if spec.func is not None
        and spec.code not in context.config.disabled
        and spec.applies(context)
    ]
    blocking = release_block(catalog, context)
    findings: list[Finding] = []
    file_ignored = suppressed_codes(catalog.header_comments)
    for spec in active:
        if spec.scope == "catalog" and spec.code not in file_ignored:
            findings.extend(
                _settle(f, None, context, blocking) for f in spec.run_catalog(catalog, context)
            )
    # The untranslated precondition, settled once: an entry without a translation runs only
    # the checks that do not need one.
    entry_checks = [spec for spec in active if spec.scope == "entry"]
    without_translation = [spec for spec in entry_checks if not spec.needs_translation]
    for entry in catalog.live():
        if entry.msgid == "" and entry.msgctxt is None:
            continue
        specs = entry_checks if entry.has_translation else without_translation
        ignored = suppressed_codes(entry.translator_comments) if entry.translator_comments else ()
        if ignored:
            for code in sorted(set(ignored) - known):
                findings.append(_unknown_suppression(code, entry, context))
        for spec in specs:
            if spec.flag is not None and spec.flag not in entry.flags:
                continue
            if ignored and spec.code in ignored:
                continue
            for problem in spec.func(entry, context):  # type: ignore[misc]
                finding = spec.finding(context, problem, entry)
                findings.append(_settle(finding, entry, context, blocking))
    return findings


def _settle(
    finding: Finding, entry: Entry | None, context: CheckContext, blocking: str | None
) -> Finding:
    """The finding's severity in this run; under a release gate the reason is said."""
    severity = context.config.severity_of(finding.code, finding.severity)
    if entry is not None and entry.fuzzy and finding.code not in RELEASE_CODES:
        severity = min(severity, Severity.WARNING, key=lambda s: s.rank)
    message = finding.message
    if blocking is not None and finding.code in RELEASE_CODES:
        severity = Severity.ERROR
        message = f"{message} ({blocking})"
    if severity is finding.severity and message == finding.message:
        return finding
    return dataclasses.replace(finding, severity=severity, message=message)


def _unknown_suppression(code: str, entry: Entry, context: CheckContext) -> Finding:
    return UNKNOWN_SUPPRESSION.finding(
        context,
        Problem(
            f"editions-ignore names {code!r}, which is not a check",
            fix="use a code from 'editions check --list-checks'",
        ),
        entry,
    )


def language_of(path: Path, catalog: Catalog | None, explicit: str | None) -> str | None:
    """The language a catalog is for: ``--lang``, its ``<lang>/LC_MESSAGES`` folder, its header."""
    if explicit:
        return explicit
    if path.parent.name == "LC_MESSAGES" and path.parent.parent.name:
        return path.parent.parent.name
    return catalog.language if catalog is not None and catalog.language else None


def nplurals_of(catalog: Catalog, language: str | None) -> int | None:
    declared = catalog.header("Plural-Forms")
    if declared:
        try:
            return parse_plural_forms(declared).nplurals
        except PluralSyntaxError:
            pass
    rule = language_rule(language) if language else None
    return rule.nplurals if rule else None


def is_markdown_catalog(catalog: Catalog) -> bool:
    """True when the catalog's references point at Markdown files (an mdpo or editions catalog)."""
    for entry in catalog.entries[:20]:
        for reference in entry.references:
            if reference.rpartition(":")[0].endswith(MARKDOWN_SUFFIXES) or reference.endswith(
                MARKDOWN_SUFFIXES
            ):
                return True
    return False


def check_file(
    path: Path,
    *,
    display: str | None = None,
    language: str | None = None,
    glossary: Glossary | None = None,
    config: CheckConfig | None = None,
    release: bool = False,
    markdown: bool | None = None,
    domain: str | None = None,
    template: Catalog | None = None,
    fresh_template: Catalog | None = None,
) -> list[Finding]:
    """Check one .po/.pot file; a file that does not parse is one ``E-syntax`` finding."""
    shown = display or str(path)
    if not path.is_file():
        raise EditionsError("no such catalog", path=shown, hint="check the file name")
    try:
        catalog = load_catalog(path)
    except CatalogSyntaxError as exc:
        return [
            SYNTAX.finding(
                CheckContext(path=shown),
                Problem(
                    exc.message,
                    fix=exc.hint or "fix the PO syntax (msgfmt -c shows it too)",
                    line=exc.line or 0,
                ),
                None,
            )
        ]
    context = catalog_context(
        path, catalog, shown, language, glossary, config, release, markdown, domain,
        template, fresh_template,
    )  # fmt: skip
    return check_catalog(catalog, context)


def catalog_context(
    path: Path,
    catalog: Catalog,
    shown: str,
    language: str | None,
    glossary: Glossary | None,
    config: CheckConfig | None,
    release: bool,
    markdown: bool | None,
    domain: str | None,
    template: Catalog | None = None,
    fresh_template: Catalog | None = None,
) -> CheckContext:
    """The context ``editions check`` gives the checks of one catalog file."""
    lang = language_of(path, catalog, language)
    is_template = path.suffix == ".pot"
    return CheckContext(
        path=shown,
        language=None if is_template else lang,
        catalog=catalog,
        glossary=glossary or Glossary(),
        config=config or CheckConfig(),
        release=release,
        markdown=is_markdown_catalog(catalog) if markdown is None else markdown,
        domain=domain or path.stem,
        is_template=is_template,
        template=template,
        fresh_template=fresh_template,
        nplurals=None if is_template else nplurals_of(catalog, lang),
    )


def entry_findings(
    project: Project, language: str, document: str, catalog: Catalog, entry: Entry
) -> list[Finding]:
    """What ``editions check`` reports on ``entry`` as it would stand in ``catalog`` (the
    review page's checks: the same context, checks and suppressions, entry findings only)."""
    path = project.po_path(language, document)
    config = check_config(project.settings.checks, project.release, project.config_path)
    one = catalog.replace_entries((entry,))
    context = catalog_context(
        path, one, project.relative(path), language, load_glossary(project.glossary_path()),
        config, False, True, document,
    )  # fmt: skip
    return [finding for finding in check_catalog(one, context) if finding.msgid]


def _missing(display: str, what: str, fix: str) -> Finding:
    return MISSING.finding(CheckContext(path=display), Problem(what, fix=fix), None)


def run_checks(
    project: Project | None,
    paths: Sequence[Path] = (),
    language: str | None = None,
    release: bool = False,
    glossary_path: Path | None = None,
    jobs: int = 0,
) -> list[Finding]:
    """Check the named catalogs, or every catalog of ``project``; findings sorted by place.

    ``jobs`` > 1 checks named files in that many processes; 0 (the default) chooses: one
    process per CPU when the named files are large enough to repay starting processes.
    """
    if project is None and not paths:
        raise EditionsError("no catalogs to check", hint="name .po files or run inside a project")
    config = CheckConfig()
    glossary = load_glossary(glossary_path)
    if project is not None:
        config = check_config(project.settings.checks, project.release, project.config_path)
        if glossary_path is None:
            glossary = load_glossary(project.glossary_path())
        if language is not None:
            project.check_language(language)
    settings = _Settings(glossary, config, release)
    findings: list[Finding] = []
    workers = min(jobs if jobs > 0 else _auto_workers(paths), len(paths))
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            tasks = [pool.submit(_check_named, project, p, language, settings) for p in paths]
            for task in tasks:
                findings += task.result()
    elif paths:
        for path in paths:
            findings += _check_named(project, path, language, settings)
    else:
        assert project is not None
        findings = _check_project(project, language, settings)
    return sorted(findings, key=lambda f: (f.path, f.line, f.code))


PARALLEL_MIN_BYTES = 2_000_000
"""Below this much catalog text, starting worker processes costs more than it saves."""


def _auto_workers(paths: Sequence[Path]) -> int:
    """One worker per CPU for large inputs spread over several files, else one."""
    if len(paths) < 2:
        return 1
    size = sum(p.stat().st_size for p in paths if p.is_file())
    return (os.cpu_count() or 1) if size >= PARALLEL_MIN_BYTES else 1


@dataclasses.dataclass(frozen=True, slots=True)
class _Settings:
    glossary: Glossary
    config: CheckConfig
    release: bool


def _check_named(
    project: Project | None, path: Path, language: str | None, settings: _Settings
) -> list[Finding]:
    """A named file; inside a project's locales/ it also gets its domain and POT."""
    resolved = path.resolve()
    inside = project is not None and project.locales_dir in resolved.parents
    template = None
    if project is not None and inside and resolved.suffix == ".po":
        template = _load_or_none(project.pot_path(resolved.stem))
    return check_file(
        path,
        language=language,
        glossary=settings.glossary,
        config=settings.config,
        release=settings.release,
        markdown=True if inside else None,
        domain=resolved.stem,
        template=template,
    )


def _load_or_none(path: Path) -> Catalog | None:
    if not path.is_file():
        return None
    try:
        return load_catalog(path)
    except CatalogSyntaxError:
        return None  # the POT's own check reports it


def _check_project(project: Project, language: str | None, settings: _Settings) -> list[Finding]:
    from editions.workflow import build_template

    languages = [language] if language else list(project.languages)
    findings: list[Finding] = []
    documents = project.documents()
    links = CheckContext(config=settings.config, release=settings.release)
    findings += [
        f
        for f in link_findings(project, documents, languages, links)
        if f.code not in settings.config.disabled
    ]
    for document in documents:
        domain = document.domain
        pot = project.pot_path(domain)
        pot_shown = project.relative(pot)
        if not pot.is_file():
            findings.append(_missing(pot_shown, "template missing", "run 'editions extract'"))
            continue
        findings += check_file(
            pot,
            display=pot_shown,
            markdown=True,
            domain=domain,
            fresh_template=build_template(project, document),
            glossary=settings.glossary,
            config=settings.config,
            release=settings.release,
        )
        template = _load_or_none(pot)
        for lang in languages:
            po = project.po_path(lang, domain)
            shown = project.relative(po)
            if not po.is_file():
                findings.append(
                    _missing(shown, f"no {lang} catalog", f"run 'editions update --lang {lang}'")
                )
                continue
            findings += check_file(
                po,
                display=shown,
                language=lang,
                markdown=True,
                domain=domain,
                template=template,
                glossary=settings.glossary,
                config=settings.config,
                release=settings.release,
            )
    if language is None:
        findings += [undeclared_finding(project, po) for po in project.undeclared_catalogs()]
    for orphan in project.orphan_catalogs(languages):
        problem = Problem(
            "its source document is gone; nothing builds from it",
            fix="restore the document, or 'git rm' the catalog when its translations are done",
        )
        context = CheckContext(path=project.relative(orphan))
        findings.append(ORPHAN_CATALOG.finding(context, problem, None))
    return findings


def undeclared_finding(project: Project, po: Path) -> Finding:
    """The finding for a catalog of an undeclared language; stats and build print it too."""
    language = po.parent.parent.name
    problem = Problem(
        f"catalog of {language!r}, which the project does not declare: not checked, "
        "counted or built",
        fix=f"add {language!r} to 'languages' in {project.config_path.name}, or remove it",
    )
    return UNDECLARED_LANGUAGE.finding(CheckContext(path=project.relative(po)), problem, None)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)
