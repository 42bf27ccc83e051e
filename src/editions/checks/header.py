"""The header entry: Language, Plural-Forms and charset right for the catalog's language."""

from __future__ import annotations

from collections.abc import Iterator

from editions.catalog import Catalog
from editions.checks.context import CheckContext
from editions.checks.model import Finding, Problem, Severity
from editions.checks.registry import all_checks, check
from editions.headers import declared_charset, declares_utf8
from editions.plurals import PluralSyntaxError, language_rule, parse_plural_forms


def _normalise(language: str) -> str:
    return language.strip().replace("-", "_").lower().split(".")[0].split("@")[0]


def same_language(first: str, second: str) -> bool:
    """True for spellings of one language (zh_CN, zh-CN, zh_cn.UTF-8)."""
    return _normalise(first) == _normalise(second)


def _header_line(catalog: Catalog) -> int:
    return 1 if catalog.headers else 0


@check("E-header-language", Severity.ERROR, scope="catalog")
def header_language(catalog: Catalog, context: CheckContext) -> Iterator[Problem]:
    """The Language header names another language than the catalog's"""
    declared = catalog.header("Language")
    if context.is_template or not context.language or not declared:
        return
    if not same_language(declared, context.language):
        yield Problem(
            f"header says Language: {declared}, the catalog is for {context.language}",
            fix=f'set "Language: {context.language}\\n" in the header entry',
            line=_header_line(catalog),
        )


@check("W-header-language-missing", Severity.WARNING, scope="catalog")
def header_language_missing(catalog: Catalog, context: CheckContext) -> Iterator[Problem]:
    """The header has no Language field"""
    if not context.is_template and catalog.headers and not catalog.header("Language"):
        yield Problem(
            "the header has no Language field",
            fix=f'add "Language: {context.language or "LL_CC"}\\n" to the header entry',
            line=_header_line(catalog),
        )


@check("E-plural-forms", Severity.ERROR, scope="catalog")
def plural_forms(catalog: Catalog, context: CheckContext) -> Iterator[Problem]:
    """Plural-Forms is missing, malformed or wrong for the language"""
    if context.is_template:
        return
    declared = catalog.header("Plural-Forms")
    expected = language_rule(context.language) if context.language else None
    wanted = expected.header if expected else "nplurals=N; plural=EXPRESSION;"
    fix = f'set "Plural-Forms: {wanted}\\n" in the header entry'
    if declared is None:
        if any(entry.is_plural for entry in catalog.live()):
            yield Problem(
                "plural entries but no Plural-Forms header",
                fix=fix,
                line=_header_line(catalog),
            )
        return
    try:
        rule = parse_plural_forms(declared)
    except PluralSyntaxError as exc:
        yield Problem(f"Plural-Forms does not parse: {exc}", fix=fix, line=_header_line(catalog))
        return
    try:
        rule.forms()
    except PluralSyntaxError as exc:
        yield Problem(f"Plural-Forms does not evaluate: {exc}", fix=fix, line=_header_line(catalog))
        return
    if any(form >= rule.nplurals or form < 0 for form in rule.forms()):
        yield Problem(
            f"Plural-Forms '{declared}' picks a form outside 0..{rule.nplurals - 1}",
            fix=fix,
            line=_header_line(catalog),
        )


@check("W-plural-forms-cldr", Severity.WARNING, scope="catalog")
def plural_forms_cldr(catalog: Catalog, context: CheckContext) -> Iterator[Problem]:
    """Plural-Forms is valid but not the CLDR rule for the language"""
    declared = catalog.header("Plural-Forms")
    expected = language_rule(context.language) if context.language else None
    if context.is_template or declared is None or expected is None:
        return
    try:
        rule = parse_plural_forms(declared)
        differs = not rule.same_as(expected)
    except PluralSyntaxError:
        return  # E-plural-forms reports it
    if differs:
        yield Problem(
            f"Plural-Forms '{declared}' is not the CLDR rule for {context.language} "
            f"({expected.header})",
            fix="use the CLDR rule unless the program relies on this one",
            line=_header_line(catalog),
        )


@check("E-charset", Severity.ERROR, scope="catalog")
def charset(catalog: Catalog, context: CheckContext) -> Iterator[Problem]:
    """The Content-Type header does not declare charset=UTF-8"""
    if context.is_template or not catalog.headers:
        return
    content_type = catalog.header("Content-Type") or ""
    name = declared_charset(content_type)
    if not declares_utf8(content_type):
        yield Problem(
            f"charset is {name or 'not declared'}, editions catalogs are UTF-8",
            fix='set "Content-Type: text/plain; charset=UTF-8\\n" in the header entry',
            line=_header_line(catalog),
        )


HEADER_CODES = ("E-header-language", "E-plural-forms", "W-plural-forms-cldr", "E-charset")


def header_findings(catalog: Catalog, language: str, path: str) -> list[Finding]:
    """The header checks' findings on ``catalog``: what ``update`` reports and leaves alone."""
    context = CheckContext(path=path, language=language, catalog=catalog)
    return [
        finding
        for spec in all_checks()
        if spec.code in HEADER_CODES
        for finding in spec.run_catalog(catalog, context)
    ]
