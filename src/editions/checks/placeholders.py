"""Placeholders and plural forms, as GNU ``msgfmt --check`` judges them.

printf directives are compared by argument (position and type) where the entry is flagged
``c-format``; ``python-format`` and ``python-brace-format`` likewise. Entries without any
format flag (catalogs rebuilt with ``msgunfmt`` lose flags) get a softer, order-free check.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from editions.catalog import Entry
from editions.checks.context import CheckContext
from editions.checks.model import Problem, Severity
from editions.checks.registry import check

_C_DIRECTIVE = re.compile(
    r"%(?:(?P<pos>\d+)\$)?(?P<flags>[-+ #0']*)(?P<width>\*(?:\d+\$)?|\d+)?"
    r"(?:\.(?P<prec>\*(?:\d+\$)?|\d+))?"
    r"(?:(?P<len>hh|h|ll|l|L|q|j|z|Z|t)?(?P<conv>[diouxXeEfFgGaAcCsSpnm%])|<(?P<macro>PRI\w+)>)"
)
_C_TYPES = {
    **dict.fromkeys("di", "int"),
    **dict.fromkeys("ouxX", "unsigned"),
    **dict.fromkeys("eEfFgGaA", "float"),
    **dict.fromkeys("cC", "char"),
    **dict.fromkeys("sS", "string"),
    "p": "pointer",
    "n": "count",
}
_PY_DIRECTIVE = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?"
    r"(?P<conv>[diouxXeEfFgGcrsa%])"
)
_PY_TYPES = {
    **dict.fromkeys("diu", "int"),
    **dict.fromkeys("oxX", "int"),
    **dict.fromkeys("eEfFgG", "float"),
    **dict.fromkeys("rsa", "string"),
    "c": "char",
}
_BRACE_FIELD = re.compile(r"\{\{|\}\}|\{([^{}!:]*)(?:![rsa])?(?::[^{}]*)?\}")
_STRFTIME = re.compile(r"%[-_0^#]?(?:[HMSYBRTDFVUWGkPby]|[ljzZ](?![a-zA-Z]))")
_LOOSE_CONVERSIONS = frozenset("diuxXcs")
_FORMAT_FLAG = re.compile(r"^(?:no-)?[\w-]+-format$")


def c_arguments(text: str) -> dict[int, str]:
    """Argument number → type of the printf directives in ``text`` (``*`` widths count)."""
    args: dict[int, str] = {}
    sequence = 0

    def star(slot: str | None) -> None:
        nonlocal sequence
        if slot is None or not slot.startswith("*"):
            return
        if len(slot) > 1:
            args[int(slot[1:-1])] = "int"
        else:
            sequence += 1
            args[sequence] = "int"

    for match in _C_DIRECTIVE.finditer(text):
        conv = match.group("conv")
        if conv is not None and conv in "%m":
            continue
        star(match.group("width"))
        star(match.group("prec"))
        kind = match.group("macro") or (match.group("len") or "") + _C_TYPES[conv]
        if match.group("pos"):
            args[int(match.group("pos"))] = kind
        else:
            sequence += 1
            args[sequence] = kind
    return args


def _describe_c(args: dict[int, str]) -> str:
    return ", ".join(f"#{n} {kind}" for n, kind in sorted(args.items())) or "none"


def _forms(entry: Entry) -> Iterator[tuple[int, str, tuple[str, ...]]]:
    """Each filled msgstr with its index and the source text(s) it may match."""
    if not entry.is_plural:
        if entry.msgstr:
            yield 0, entry.msgstr, (entry.msgid,)
        return
    sources = (entry.msgid, entry.msgid_plural or "")
    for index, form in enumerate(entry.msgstr_plural):
        if form:
            yield index, form, sources


def _label(entry: Entry, index: int) -> str:
    return f"msgstr[{index}]" if entry.is_plural else "the translation"


@check("E-printf", Severity.ERROR, flag="c-format")
def printf_placeholders(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """printf directives differ between source and translation (c-format)"""
    if "c-format" not in entry.flags:
        return
    for index, form, sources in _forms(entry):
        wanted = [c_arguments(source) for source in sources]
        got = c_arguments(form)
        if got not in wanted:
            yield Problem(
                f"{_label(entry, index)} has printf arguments {_describe_c(got)}, "
                f"the source {_describe_c(wanted[-1])}",
                fix="use the same % directives as the source (reorder with %1$s, %2$d)",
            )


@check("W-printf-unflagged", Severity.WARNING)
def printf_unflagged(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """printf-like directives differ in an entry without a format flag"""
    if "%" not in entry.msgid or any(_FORMAT_FLAG.match(flag) for flag in entry.flags):
        return
    for index, form, sources in _forms(entry):
        wanted = [_loose_directives(source) for source in sources]
        if not any(wanted):
            continue
        got = _loose_directives(form)
        if got not in wanted:
            missing = _directive_list(wanted[-1] - got)
            extra = _directive_list(got - wanted[-1])
            detail = "; ".join(
                part
                for part in (
                    f"missing {missing}" if missing else "",
                    f"extra {extra}" if extra else "",
                )
                if part
            )
            yield Problem(
                f"{_label(entry, index)}: {detail} (printf directives of the source: "
                f"{_directive_list(wanted[-1])})",
                fix="keep every %s/%d of the source, or flag the entry no-c-format",
            )


_KIND_EXAMPLE = {"int": "%d", "unsigned": "%u", "float": "%f", "char": "%c", "string": "%s"}
_KIND_EXAMPLE |= {"pointer": "%p", "count": "%n"}


def _directive_list(kinds: Counter[str]) -> str:
    """Directive kinds as a reader knows them: ``%s, %d ×2, %lu, PRId64``."""
    shown = []
    for kind, count in sorted(kinds.items()):
        base = kind.lstrip("hljztLq")
        prefix = kind[: len(kind) - len(base)]
        text = f"%{prefix}{_KIND_EXAMPLE[base][1:]}" if base in _KIND_EXAMPLE else kind
        shown.append(text if count == 1 else f"{text} ×{count}")
    return ", ".join(shown)


@lru_cache(maxsize=256)
def _loose_directives(text: str) -> Counter[str]:
    """Common directive kinds (%s %d %u %x %c, PRI macros), positional ones counted once.

    Returns nothing for strftime formats (%H:%M, %b %Y) and skips '% d' (more likely the end
    of '50% discount'); other conversions are too easily English text to guess about.
    """
    kinds: Counter[str] = Counter()
    positional: dict[str, str] = {}
    if _STRFTIME.search(text):
        return kinds
    for match in _C_DIRECTIVE.finditer(text):
        conv = match.group("conv")
        if match.group("macro"):
            kind = match.group("macro")
        elif conv in _LOOSE_CONVERSIONS and " " not in match.group("flags"):
            kind = (match.group("len") or "") + _C_TYPES[conv]
        else:
            continue
        if match.group("pos"):
            positional[match.group("pos")] = kind
        else:
            kinds[kind] += 1
    return kinds + Counter(positional.values())


def python_arguments(text: str) -> tuple[tuple[str, ...], frozenset[tuple[str, str]]]:
    """Positional directive types in order, and (name, type) pairs of named ones."""
    positional: list[str] = []
    named: set[tuple[str, str]] = set()
    for match in _PY_DIRECTIVE.finditer(text):
        conv = match.group("conv")
        if conv == "%":
            continue
        if match.group("name") is not None:
            named.add((match.group("name"), _PY_TYPES[conv]))
        else:
            positional.append(_PY_TYPES[conv])
    return tuple(positional), frozenset(named)


@check("E-python-format", Severity.ERROR, flag="python-format")
def python_placeholders(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """%-style Python placeholders differ (python-format)"""
    if "python-format" not in entry.flags:
        return
    for index, form, sources in _forms(entry):
        got = python_arguments(form)
        wanted = [python_arguments(source) for source in sources]
        if got in wanted:
            continue
        missing = sorted(name for name, _ in wanted[-1][1] - got[1])
        extra = sorted(name for name, _ in got[1] - wanted[-1][1])
        detail = "; ".join(
            part
            for part in (
                f"missing %({', '.join(missing)})" if missing else "",
                f"unknown %({', '.join(extra)})" if extra else "",
                "positional directives differ" if got[0] != wanted[-1][0] else "",
            )
            if part
        )
        yield Problem(
            f"{_label(entry, index)}: {detail or 'directive types differ'}",
            fix="copy each %(name)s / %s placeholder of the source unchanged",
        )


def brace_fields(text: str) -> Counter[str]:
    """Replacement fields of str.format text ({}, {0}, {name}); '{{' and '}}' are literals."""
    fields: Counter[str] = Counter()
    auto = 0
    for match in _BRACE_FIELD.finditer(text):
        if match.group(1) is None:
            continue
        name = match.group(1).strip()
        if not name:
            name = str(auto)
            auto += 1
        fields[name] += 1
    return fields


@check("E-brace-format", Severity.ERROR, flag="python-brace-format")
def brace_placeholders(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """{name} placeholders differ (python-brace-format)"""
    if "python-brace-format" not in entry.flags:
        return
    for index, form, sources in _forms(entry):
        got = set(brace_fields(form))
        wanted = [set(brace_fields(source)) for source in sources]
        if got in wanted:
            continue
        missing = sorted(wanted[-1] - got)
        extra = sorted(got - wanted[-1])
        yield Problem(
            f"{_label(entry, index)}: "
            + "; ".join(
                p
                for p in (
                    f"missing {{{'}, {'.join(missing)}}}" if missing else "",
                    f"unknown {{{'}, {'.join(extra)}}}" if extra else "",
                )
                if p
            ),
            fix="copy each {placeholder} of the source unchanged (names are not translated)",
        )


_NAMED_FIELD = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*|[0-9]+)\}(?!\})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.DOTALL)


def named_fields(text: str) -> Counter[str]:
    """``{name}`` and ``{0}`` fields outside code spans, the template placeholders of prose."""
    if "{" not in text:
        return Counter()
    return Counter(_NAMED_FIELD.findall(_CODE_SPAN.sub("", text)))


@check("E-placeholder-lost", Severity.ERROR)
def placeholder_lost(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """A {name} or {0} placeholder of the source is missing from the translation"""
    if "{" not in entry.msgid or "python-brace-format" in entry.flags:
        return
    for index, form, sources in _forms(entry):
        wanted = [named_fields(source) for source in sources]
        if not any(wanted):
            continue
        got = named_fields(form)
        if all(wanted_fields - got for wanted_fields in wanted):
            missing = sorted((wanted[-1] - got).elements())
            yield Problem(
                f"{_label(entry, index)} lacks {', '.join('{' + m + '}' for m in missing)}",
                fix="copy each {placeholder} of the source unchanged (names are not translated)",
            )


@check("E-newlines", Severity.ERROR)
def newlines(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """Source and translation do not both begin or both end with a newline"""
    if not entry.is_plural and "\n" not in entry.msgid and "\n" not in entry.msgstr:
        return
    for index, form, sources in _forms(entry):
        source = sources[-1]
        for where, test in (("begin", str.startswith), ("end", str.endswith)):
            if test(source, "\n") != test(form, "\n"):
                yield Problem(
                    f"the source and {_label(entry, index)} do not both {where} with '\\n'",
                    fix=f"make the translation {where} with a newline exactly when the source does",
                )


@check("E-plural-forms-count", Severity.ERROR, needs_translation=False)
def plural_count(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """A plural entry has a different number of msgstr[n] than the language's Plural-Forms"""
    if not entry.is_plural or context.nplurals is None or context.is_template:
        return
    if len(entry.msgstr_plural) != context.nplurals:
        yield Problem(
            f"{len(entry.msgstr_plural)} plural forms, the catalog's Plural-Forms says "
            f"nplurals={context.nplurals}",
            fix=f"give exactly msgstr[0]..msgstr[{context.nplurals - 1}]",
        )


@check("E-plural-incomplete", Severity.ERROR)
def plural_incomplete(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """Some plural forms are translated and others are empty"""
    if entry.is_plural and not all(entry.msgstr_plural):
        empty = [str(i) for i, form in enumerate(entry.msgstr_plural) if not form]
        yield Problem(
            f"msgstr[{', '.join(empty)}] empty while other plural forms are translated",
            fix="translate every plural form",
        )
