"""gettext Plural-Forms: parse ``nplurals=N; plural=EXPR;`` and evaluate the C expression.

Two headers are judged equal when they give every n from 0 to 1000 the same form, so
``plural=0`` and ``plural=(0);`` agree, and so do reorderings of the same rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_HEADER = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$", re.DOTALL)
_TOKEN = re.compile(r"\s*(?:(\d+)|(n)|(==|!=|<=|>=|&&|\|\||[-+*/%<>!?:()]))")
_BINARY: dict[str, tuple[int, Callable[[int, int], int]]] = {
    "||": (1, lambda a, b: int(bool(a) or bool(b))),
    "&&": (2, lambda a, b: int(bool(a) and bool(b))),
    "==": (3, lambda a, b: int(a == b)),
    "!=": (3, lambda a, b: int(a != b)),
    "<": (4, lambda a, b: int(a < b)),
    ">": (4, lambda a, b: int(a > b)),
    "<=": (4, lambda a, b: int(a <= b)),
    ">=": (4, lambda a, b: int(a >= b)),
    "+": (5, lambda a, b: a + b),
    "-": (5, lambda a, b: a - b),
    "*": (6, lambda a, b: a * b),
    "/": (6, lambda a, b: a // b if b else 0),
    "%": (6, lambda a, b: a % b if b else 0),
}


class PluralSyntaxError(ValueError):
    """The Plural-Forms header does not parse."""


@dataclass(frozen=True, slots=True)
class PluralRule:
    nplurals: int
    expression: str

    def forms(self, upto: int = 1000) -> tuple[int, ...]:
        """The form index chosen for each n in 0..upto."""
        function = compile_expression(self.expression)
        try:
            return tuple(function(n) for n in range(upto + 1))
        except RecursionError:
            raise PluralSyntaxError("plural expression nested too deeply") from None

    def same_as(self, other: PluralRule) -> bool:
        return self.nplurals == other.nplurals and self.forms() == other.forms()


def parse_plural_forms(header: str) -> PluralRule:
    match = _HEADER.match(header)
    if match is None:
        raise PluralSyntaxError(f"expected 'nplurals=N; plural=EXPRESSION;', found {header!r}")
    rule = PluralRule(int(match.group(1)), match.group(2))
    compile_expression(rule.expression)
    return rule


def compile_expression(text: str) -> Callable[[int], int]:
    """A function n → form for a C plural expression (ternaries, comparisons, arithmetic)."""
    tokens: list[str] = []
    position = 0
    text = text.strip()
    if len(text) > 2000:
        raise PluralSyntaxError("plural expression longer than 2000 characters")
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise PluralSyntaxError(f"unexpected {text[position : position + 10]!r} in {text!r}")
        tokens.append(match.group(match.lastindex or 0))
        position = match.end()
        while position < len(text) and text[position].isspace():
            position += 1
    parser = _Parser(tokens, text)
    try:
        tree = parser.ternary()
    except RecursionError:
        raise PluralSyntaxError(f"plural expression nested too deeply: {text[:40]!r}") from None
    if parser.index != len(tokens):
        raise PluralSyntaxError(f"unexpected {tokens[parser.index]!r} in {text!r}")
    return tree


class _Parser:
    """Precedence climbing over the tokens; each method returns a closure of n."""

    def __init__(self, tokens: list[str], text: str) -> None:
        self.tokens = tokens
        self.text = text
        self.index = 0

    def peek(self) -> str | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            raise PluralSyntaxError(f"expected {expected or 'more'} in {self.text!r}")
        self.index += 1
        return token

    def ternary(self) -> Callable[[int], int]:
        condition = self.binary(1)
        if self.peek() != "?":
            return condition
        self.take("?")
        yes = self.ternary()
        self.take(":")
        no = self.ternary()
        return lambda n: yes(n) if condition(n) else no(n)

    def binary(self, level: int) -> Callable[[int], int]:
        left = self.unary()
        while (token := self.peek()) in _BINARY and _BINARY[token][0] >= level:
            precedence, operation = _BINARY[self.take()]
            right = self.binary(precedence + 1)
            left = (lambda f, g, op: lambda n: op(f(n), g(n)))(left, right, operation)
        return left

    def unary(self) -> Callable[[int], int]:
        token = self.take()
        if token == "!":
            inner = self.unary()
            return lambda n: int(not inner(n))
        if token == "(":
            inner = self.ternary()
            self.take(")")
            return inner
        if token == "n":
            return lambda n: n
        if token.isdigit():
            value = int(token)
            return lambda n: value
        raise PluralSyntaxError(f"unexpected {token!r} in {self.text!r}")


def language_rule(language: str) -> PluralRule | None:
    """The Plural-Forms CLDR (through Babel) gives ``language``, None when Babel lacks it."""
    from babel.core import UnknownLocaleError
    from babel.messages.plurals import get_plural

    try:
        plural = get_plural(language)
    except (UnknownLocaleError, ValueError):
        return None
    return PluralRule(plural.num_plurals, plural.plural_expr)
