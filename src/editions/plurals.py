"""gettext Plural-Forms: parse ``nplurals=N; plural=EXPR;`` and evaluate the C expression.

Two headers are judged equal when they give every n from 0 to 1000 the same form, so
``plural=0`` and ``plural=(0);`` agree, and so do reorderings of the same rule.
"""

from __future__ import annotations

import functools
import gettext
import re
from collections.abc import Callable
from dataclasses import dataclass

_HEADER = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$", re.DOTALL)


class PluralSyntaxError(ValueError):
    """The Plural-Forms header does not parse."""


@dataclass(frozen=True, slots=True)
class PluralRule:
    nplurals: int
    expression: str

    def forms(self, upto: int = 1000) -> tuple[int, ...]:
        """The form index chosen for each n in 0..upto."""
        return _forms(self.expression, upto)

    @property
    def header(self) -> str:
        """The rule as a Plural-Forms header value: ``nplurals=1; plural=0;``."""
        return f"nplurals={self.nplurals}; plural={self.expression};"

    def same_as(self, other: PluralRule) -> bool:
        return self.nplurals == other.nplurals and self.forms() == other.forms()


@functools.lru_cache(maxsize=64)
def _forms(expression: str, upto: int) -> tuple[int, ...]:
    function = compile_expression(expression)
    return tuple(function(n) for n in range(upto + 1))


def parse_plural_forms(header: str) -> PluralRule:
    match = _HEADER.match(header)
    if match is None:
        raise PluralSyntaxError(f"expected 'nplurals=N; plural=EXPRESSION;', found {header!r}")
    rule = PluralRule(int(match.group(1)), match.group(2))
    compile_expression(rule.expression)
    return rule


def compile_expression(text: str) -> Callable[[int], int]:
    """A function n → form for a C plural expression, compiled by the standard library's
    own safe translator (``gettext.c2py``, what ``gettext.GNUTranslations`` uses)."""
    try:
        function = _c2py(text)
    except (ValueError, SyntaxError, RecursionError, MemoryError) as exc:
        raise PluralSyntaxError(f"{exc} in {text!r}") from None

    def evaluate(n: int) -> int:
        try:
            return int(function(n))
        except ZeroDivisionError:
            raise PluralSyntaxError(f"plural expression divides by zero for n = {n}") from None
        except (RecursionError, OverflowError, MemoryError) as exc:
            raise PluralSyntaxError(f"plural expression fails for n = {n}: {exc}") from None

    return evaluate


@functools.lru_cache(maxsize=64)
def _c2py(text: str) -> Callable[[int], int]:
    """``gettext.c2py``, once per expression (a catalog's checks ask for it often)."""
    return gettext.c2py(text)


def language_rule(language: str) -> PluralRule | None:
    """The Plural-Forms CLDR (through Babel) gives ``language``, None when Babel lacks it."""
    from babel.core import UnknownLocaleError
    from babel.messages.plurals import get_plural

    try:
        plural = get_plural(language)
    except (UnknownLocaleError, ValueError):
        return None
    return PluralRule(plural.num_plurals, plural.plural_expr)
