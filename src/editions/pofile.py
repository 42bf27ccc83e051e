"""Read and write the PO/POT format, byte-compatible with GNU gettext.

``parse_catalog`` is a strict, single-pass reader that reports problems with file and line;
``render_catalog`` yields the lines GNU ``msgcat --no-wrap`` would write for the same catalog,
so ``msgcat --no-wrap`` reproduces our files byte for byte. Only ``save_catalog`` touches disk.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from editions.catalog import FUZZY, Catalog, Entry
from editions.errors import CatalogSyntaxError
from editions.fsio import OnDisk, write_if_changed

PAGE_WIDTH = 79
"""GNU gettext's page width; only ``#:`` reference lines wrap at it under ``--no-wrap``."""

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_ESCAPES.update({"\\": "\\", '"': '"', "'": "'", "?": "?"})
_ESCAPE_RE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9A-Fa-f]+)|(.))", re.DOTALL)
_KEYWORD_RE = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s*(\".*)$", re.DOTALL)
_PLAIN_KEYWORDS = frozenset(("msgid", "msgstr", "msgctxt", "msgid_plural"))
_QUOTED_RE = re.compile(r'"((?:[^"\\]|\\.)*)"\s*$', re.DOTALL)
_NEEDS_ESCAPE = re.compile('[\\\\"\n\t\r\a\b\f\v]')
_OUT_ESCAPES = str.maketrans(
    {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
    | {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\v": "\\v"}
)

_CLEAN_START = re.compile(r'#(?!~)|msg(?:ctxt|id) "[^"\\\n]*"$')
"""A line at which the line reader ends the entry before it, before anything can fail."""
_SIMPLE_ENTRY = re.compile(
    r"(?P<translator>(?:# [^\n]*[^\s]\n|#\n)*)"
    r"(?P<extracted>(?:#\.[^\n]*\n)*)"
    r"(?P<references>(?:#:[^\n]*\n)*)"
    r"(?P<flags>(?:#,[^\n]*\n)*)"
    r"(?P<previous>(?:#\| [^\n]*\n)*)"
    r'(?:msgctxt (?P<msgctxt>"[^\n]*"\n(?:"[^\n]*"\n)*))?'
    r'msgid (?P<msgid>"[^\n]*"\n(?:"[^\n]*"\n)*)'
    r'msgstr (?P<msgstr>"[^\n]*"(?:\n"[^\n]*")*)'
    r'(?:\n\n+(?=#(?!~)|msg(?:ctxt|id) "[^"\\\n]*"\n)|\n*\Z)'
)
"""A live singular entry as GNU gettext and editions write it (comments in GNU's order,
previous msgid, msgctxt, msgid, msgstr; no stray blanks), followed by a blank line and a
line that starts the next entry cleanly, or by the end: most entries of most catalogs."""


# ---------------------------------------------------------------------------------------------
# Reading


@dataclass
class _PendingEntry:
    """The entry being read: mutable while its lines are consumed (not a machine draft)."""

    line: int = 0
    obsolete: bool | None = None
    translator_comments: list[str] = field(default_factory=list)
    extracted_comments: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    previous: dict[str, str] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)
    plural_forms: dict[int, str] = field(default_factory=dict)
    has_comments: bool = False

    @property
    def empty(self) -> bool:
        return not self.fields and not self.plural_forms and not self.has_comments


def _unescape(body: str, path: Path | None, lineno: int) -> str:
    """The string a quoted PO literal holds. Octal and hex escapes name *bytes*, as in C and
    GNU gettext, so ``\\xe4\\xb8\\xad`` is one UTF-8 character; an escape that names no byte,
    a NUL, or bytes that are no UTF-8 are syntax errors."""
    if "\\" not in body:
        return body
    raw_bytes = False

    def replace(match: re.Match[str]) -> str:
        nonlocal raw_bytes
        octal, hexa, char = match.groups()
        if octal is not None or hexa is not None:
            value = int(octal, 8) if octal is not None else int(hexa, 16)
            if value == 0 or value > 0xFF:
                raise CatalogSyntaxError(
                    f"escape '{match.group(0)}' names no character a catalog can hold",
                    path=path,
                    line=lineno,
                )
            if value < 0x80:
                return chr(value)
            raw_bytes = True
            return chr(0xDC00 + value)  # a byte of a UTF-8 sequence, decoded below
        if char in _ESCAPES:
            return _ESCAPES[char]
        raise CatalogSyntaxError(f"invalid escape sequence '\\{char}'", path=path, line=lineno)

    text = _ESCAPE_RE.sub(replace, body)
    if not raw_bytes:
        return text
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8")
    except UnicodeError:
        raise CatalogSyntaxError(
            "byte escapes that are not UTF-8",
            path=path,
            line=lineno,
            hint="write the characters themselves (catalogs are UTF-8)",
        ) from None


def _string(text: str, path: Path | None, lineno: int) -> str:
    body = text.rstrip()
    if len(body) >= 2 and body[0] == '"' and body[-1] == '"':
        inner = body[1:-1]
        if "\\" not in inner and '"' not in inner:
            return inner  # the common case: no escapes, no regex needed
    match = _QUOTED_RE.match(text)
    if match is None:
        raise CatalogSyntaxError(
            f"expected a quoted string, found {text.strip()[:40]!r}",
            path=path,
            line=lineno,
            hint="every msgid/msgstr line holds one string in double quotes",
        )
    return _unescape(match.group(1), path, lineno)


def parse_catalog(text: str, path: Path | None = None) -> Catalog:
    """Parse PO text into a :class:`Catalog`; any syntax error names the file and line.

    Lines may end in LF, CRLF or a lone CR (old Mac editors); catalogs are written with LF.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\0" in text:
        line = text.count("\n", 0, text.index("\0")) + 1
        raise CatalogSyntaxError("a NUL character in the catalog", path=path, line=line)
    return _Reader(path).read(text)


def load_catalog(path: Path) -> Catalog:
    """Read and parse a PO/POT file (UTF-8, or the charset its header declares)."""
    return load_catalog_snapshot(path)[0]


def load_catalog_snapshot(path: Path) -> tuple[Catalog, OnDisk]:
    """The catalog and the bytes it was read from, for a compare-and-swap save."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CatalogSyntaxError(f"cannot read catalog: {exc.strerror}", path=path) from exc
    return parse_catalog(decode_catalog_bytes(data, path), path), OnDisk(data)


def decode_catalog_bytes(data: bytes, path: Path | None = None) -> str:
    """Decode a catalog's bytes with the charset of its header (UTF-8 when none is declared).

    The charset comes from the header entry's ``Content-Type`` alone, as msgfmt reads it;
    a comment that mentions ``charset=`` changes nothing.
    """
    declared = header_charset(data)
    charset = "utf-8"
    if declared is not None and declared.lower() not in ("charset", "utf-8", "utf8"):
        charset = declared
    try:
        return data.decode(charset).removeprefix("\ufeff")
    except LookupError:
        raise CatalogSyntaxError(
            f"unknown charset {charset!r} in the header", path=path, line=1
        ) from None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise CatalogSyntaxError(
            f"invalid {charset} byte 0x{data[exc.start]:02x}",
            path=path,
            line=line,
            hint="re-save the catalog as UTF-8 (msgconv --to-code=UTF-8)",
        ) from exc


_CONTENT_CHARSET = re.compile(r"Content-Type:[^\n]*?charset=([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def header_charset(data: bytes) -> str | None:
    """The charset the header entry (``msgid ""`` first in the file) declares, if any.

    The bytes are scanned as Latin-1, which maps every byte to one character, so the
    scan works before the encoding is known.
    """
    msgstr: list[str] = []
    state = "start"
    for raw in data[:65536].decode("latin-1").splitlines():
        line = raw.strip()
        if not line or (line.startswith("#") and state == "start"):
            continue
        if state == "start":
            if not re.fullmatch(r'msgid\s*""', line):
                return None
            state = "msgid"
        elif state == "msgid":
            if line.startswith('"') and line != '""':
                return None  # a msgid with text: not a header
            if line.startswith("msgstr"):
                state = "msgstr"
                msgstr.append(line[len("msgstr") :].strip().strip('"'))
        elif line.startswith('"'):
            msgstr.append(line.strip('"'))
        else:
            break
    match = _CONTENT_CHARSET.search("\n".join(msgstr).replace("\\n", "\n"))
    return match.group(1) if match else None


class _Reader:
    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: list[Entry] = []
        self.header: Entry | None = None
        self.seen: dict[tuple[str | None, str], int] = {}

    def error(self, message: str, lineno: int, hint: str | None = None) -> CatalogSyntaxError:
        return CatalogSyntaxError(message, path=self.path, line=lineno, hint=hint)

    def read(self, text: str, simple: bool = True) -> Catalog:
        """Read the whole text. Entries of the simple, common shape (:data:`_SIMPLE_ENTRY`)
        are taken by one regular-expression match each; every other line goes through the
        line-by-line reader, which gives the same entries and the same errors (``simple=False``
        reads every line that way: the tests compare the two)."""
        lines: list[str] | None = None
        pending = _PendingEntry()
        last: tuple[str, int | None] | None = None  # field that continuation lines extend
        position, lineno, end = 0, 1, len(text)
        while position < end:
            while simple and (match := _SIMPLE_ENTRY.match(text, position)):
                if not pending.empty:
                    pending = self._finish(pending)
                last = None
                self._simple(match, lineno)
                lineno += match.group().count("\n")
                position = match.end()
            if position >= end:
                break
            if lines is None:
                lines = text.split("\n")
            # line by line, up to a blank line after which a simple entry may start
            for number in range(lineno - 1, len(lines)):
                raw = lines[number]
                position += len(raw) + 1
                lineno = number + 2
                if not raw:
                    if (
                        simple
                        and number + 1 < len(lines)
                        and (pending.empty or "msgstr" in pending.fields or pending.plural_forms)
                        and _CLEAN_START.match(lines[number + 1])
                    ):
                        break
                    continue
                lineno = number + 1
                line = raw.strip(" \t\r") if raw[0] in " \t" or raw[-1] in " \t\r" else raw
                if line.startswith(("# ", "#.")) and raw.rstrip("\r") != raw.strip(" \t\r"):
                    line = raw.lstrip(" \t").rstrip("\r")  # a comment's trailing blanks are text
                if not line:
                    continue
                obsolete = line.startswith("#~")
                if obsolete:
                    line = "#" + line[2:] if line.startswith("#~|") else line[2:].lstrip()
                    if not line:
                        continue
                if line.startswith("#"):
                    if pending.fields:
                        pending = self._finish(pending)
                    if line.startswith("#|"):
                        last = self._previous(pending, line[2:].strip(), lineno, last)
                        continue
                    self._comment(pending, line, lineno)
                    last = None
                    continue
                if line.startswith('"'):
                    if last is None or last[0].startswith("previous"):
                        raise self.error("string continuation without a keyword before it", lineno)
                    self._check_obsolete(pending, obsolete, lineno)
                    self._extend(pending, last, _string(line, self.path, lineno))
                    continue
                keyword, index, rest = self._keyword(line, lineno)
                value = _string(rest, self.path, lineno)
                if keyword in ("msgctxt", "msgid") and (
                    "msgstr" in pending.fields or pending.plural_forms or keyword in pending.fields
                ):
                    pending = self._finish(pending)
                if keyword == "msgctxt" and "msgid" in pending.fields:
                    pending = self._finish(pending)
                self._check_obsolete(pending, obsolete, lineno)
                if pending.obsolete is None:
                    pending.obsolete = obsolete
                if not pending.line or keyword == "msgid":
                    pending.line = lineno
                if index is not None:
                    form = int(index)
                    if form in pending.plural_forms:
                        raise self.error(f"duplicate msgstr[{form}]", lineno)
                    pending.plural_forms[form] = value
                    last = ("msgstr[]", form)
                else:
                    if keyword in pending.fields:
                        raise self.error(f"duplicate {keyword}", lineno)
                    pending.fields[keyword] = value
                    last = (keyword, None)
            else:
                position = end
        self._finish(pending, final=True)
        return self._catalog()

    def _keyword(self, line: str, lineno: int) -> tuple[str, str | None, str]:
        """Split a keyword line into (keyword, plural index or None, the quoted rest)."""
        keyword, _, rest = line.partition(" ")
        if keyword in _PLAIN_KEYWORDS:
            return keyword, None, rest
        match = _KEYWORD_RE.match(line)  # msgstr[N], or no space before the string
        if match is None:
            raise self.error(
                f"unexpected text {line[:40]!r}",
                lineno,
                "lines are comments (#), keywords (msgid, msgstr, ...) or quoted strings",
            )
        keyword, index, rest = match.groups()
        return ("msgstr" if index is not None else keyword), index, rest

    def _check_obsolete(self, pending: _PendingEntry, obsolete: bool, lineno: int) -> None:
        if pending.obsolete is not None and pending.obsolete != obsolete:
            raise self.error("inconsistent use of #~ inside one entry", lineno)

    def _comment(self, pending: _PendingEntry, line: str, lineno: int) -> None:
        pending.has_comments = True
        if not pending.line:
            pending.line = lineno
        kind = line[1:2]
        if kind == ",":
            pending.flags.extend(_flag_words(line[2:]))
        elif kind == ".":
            pending.extracted_comments.append(_comment_text(line[2:]))
        elif kind == ":":
            pending.references.extend(split_references(line[2:]))
        else:
            pending.translator_comments.append(_comment_text(line[1:]))

    def _previous(
        self,
        pending: _PendingEntry,
        rest: str,
        lineno: int,
        last: tuple[str, int | None] | None,
    ) -> tuple[str, int | None]:
        if rest.startswith('"'):
            if last is None or not last[0].startswith("previous "):
                raise self.error("#| continuation without a #| keyword before it", lineno)
            key = last[0].removeprefix("previous ")
            pending.previous[key] += _string(rest, self.path, lineno)
            return last
        keyword, _, value = rest.partition(" ")
        if keyword not in ("msgctxt", "msgid", "msgid_plural"):
            raise self.error(f"unexpected previous-message keyword {keyword!r}", lineno)
        pending.previous[keyword] = _string(value, self.path, lineno)
        pending.has_comments = True
        return (f"previous {keyword}", None)

    def _extend(self, pending: _PendingEntry, last: tuple[str, int | None], value: str) -> None:
        name, index = last
        if index is not None:
            pending.plural_forms[index] += value
        else:
            pending.fields[name] += value

    def _finish(self, pending: _PendingEntry, final: bool = False) -> _PendingEntry:
        if pending.empty:
            return _PendingEntry()
        if not pending.fields and not pending.plural_forms:
            if final:
                return _PendingEntry()  # trailing comments without a message: GNU ignores them too
            return pending
        lineno = pending.line
        if "msgid" not in pending.fields:
            raise self.error("message without msgid", lineno)
        plural = "msgid_plural" in pending.fields
        if plural and "msgstr" in pending.fields:
            raise self.error("plural message has a plain msgstr; expected msgstr[0]", lineno)
        if not plural and pending.plural_forms:
            raise self.error("msgstr[N] without msgid_plural", lineno)
        if not plural and "msgstr" not in pending.fields:
            raise self.error(
                "missing msgstr", lineno, 'add msgstr "" after the msgid to leave it untranslated'
            )
        if plural and sorted(pending.plural_forms) != list(range(len(pending.plural_forms))):
            raise self.error("plural forms must be msgstr[0], msgstr[1], ... in order", lineno)
        if plural and not pending.plural_forms:
            raise self.error("plural message without msgstr[0]", lineno)
        entry = Entry(
            msgid=pending.fields["msgid"],
            msgstr=pending.fields.get("msgstr", ""),
            msgctxt=pending.fields.get("msgctxt"),
            msgid_plural=pending.fields.get("msgid_plural"),
            msgstr_plural=tuple(pending.plural_forms[i] for i in sorted(pending.plural_forms)),
            translator_comments=tuple(pending.translator_comments),
            extracted_comments=tuple(pending.extracted_comments),
            references=tuple(pending.references),
            flags=tuple(dict.fromkeys(pending.flags)),
            previous_msgctxt=pending.previous.get("msgctxt"),
            previous_msgid=pending.previous.get("msgid"),
            previous_msgid_plural=pending.previous.get("msgid_plural"),
            obsolete=bool(pending.obsolete),
            line=lineno,
        )
        self._add(entry)
        return _PendingEntry()

    def _simple(self, match: re.Match[str], lineno: int) -> None:
        """The entry of a :data:`_SIMPLE_ENTRY` match whose first line is ``lineno``: what
        the line reader makes of the same lines, with the same errors."""
        translator, extracted, references, flags, previous_lines, msgctxt, msgid, msgstr = (
            match.groups()
        )
        comments: tuple[str, ...] = ()
        if translator:
            comments = tuple(_comment_text(line[1:]) for line in translator[:-1].split("\n"))
        notes: tuple[str, ...] = ()
        if extracted:
            notes = tuple(_comment_text(line[2:]) for line in extracted[:-1].split("\n"))
        places: tuple[str, ...] = ()
        if references:
            lines = references[:-1].split("\n")
            places = tuple(ref for line in lines for ref in split_references(line[2:]))
        marks: tuple[str, ...] = ()
        if flags:
            lines = flags[:-1].split("\n")
            marks = tuple(dict.fromkeys(word for line in lines for word in _flag_words(line[2:])))
        lineno += match.string.count("\n", match.start(), match.start("previous"))
        previous: dict[str, str] = {}
        if previous_lines:
            holder = _PendingEntry()
            last: tuple[str, int | None] | None = None
            for line in previous_lines[:-1].split("\n"):
                last = self._previous(holder, line[2:].strip(), lineno, last)
                lineno += 1
            previous = holder.previous
        if msgctxt is not None:
            msgctxt_lines = msgctxt.count("\n")
            msgctxt = self._quoted(msgctxt, lineno)
            lineno += msgctxt_lines
        msgid_lines = msgid.count("\n")
        msgid = self._quoted(msgid, lineno)
        msgstr = self._quoted(msgstr + "\n", lineno + msgid_lines)
        self._add(
            Entry(
                msgid, msgstr, msgctxt, None, (), comments, notes, places, marks,
                previous.get("msgctxt"), previous.get("msgid"), previous.get("msgid_plural"),
                False, lineno,
            )
        )  # fmt: skip

    def _quoted(self, lines: str, lineno: int) -> str:
        """The string of one or more quoted lines, each ending in a newline (the first one's
        keyword cut off)."""
        if lines.count("\n") == 1:
            if "\\" not in lines and lines.count('"') == 2:
                return lines[1:-2]  # the common case: no escapes
            return _string(lines[:-1], self.path, lineno)
        return "".join(
            _string(line, self.path, lineno + offset)
            for offset, line in enumerate(lines[:-1].split("\n"))
        )

    def _add(self, entry: Entry) -> None:
        lineno = entry.line
        for name, value in (("msgctxt", entry.msgctxt), ("msgid", entry.msgid)):
            if value and "\x04" in value:
                raise self.error(f"context separator <EOT> (\\x04) inside {name}", lineno)
        if entry.msgid == "" and entry.msgctxt is None and not entry.obsolete:
            if self.header is not None or self.entries:
                raise self.error('header entry (msgid "") must come first', lineno)
            self.header = entry
            return
        if not entry.obsolete:
            if entry.key in self.seen:
                raise self.error(
                    f"duplicate message definition (first defined at line {self.seen[entry.key]})",
                    lineno,
                    "merge the two entries (msguniq) or give them different msgctxt",
                )
            self.seen[entry.key] = lineno
        self.entries.append(entry)

    def _catalog(self) -> Catalog:
        live = [e for e in self.entries if not e.obsolete]
        obsolete = [e for e in self.entries if e.obsolete]
        if self.header is None:
            return Catalog(entries=tuple(live + obsolete))
        headers: list[tuple[str, str]] = []
        for field_line in self.header.msgstr.split("\n"):
            if not field_line.strip():
                continue
            name, sep, value = field_line.partition(":")
            if not sep or " " in name.strip():
                # Not a field (msgcat's "#-#-#-#-#  x.po  #-#-#-#-#" markers): kept verbatim.
                headers.append((field_line, ""))
                continue
            headers.append((name.strip(), value.strip()))
        return Catalog(
            headers=tuple(headers),
            header_comments=self.header.translator_comments,
            header_flags=self.header.flags,
            entries=tuple(live + obsolete),
        )


_ISOLATE_START, _ISOLATE_END = "\u2068", "\u2069"
_WHITESPACE = re.compile(r"\s")
"""GNU gettext (0.20+) puts a file name with spaces between these Unicode isolates."""


def split_references(text: str) -> list[str]:
    """The references of a ``#:`` line; ``⁨my doc.md⁩:3`` is one, ``my doc.md:3``."""
    if _ISOLATE_START not in text:
        return text.split()
    references: list[str] = []
    position, end = 0, len(text)
    while position < end:
        while position < end and text[position].isspace():
            position += 1
        if position >= end:
            break
        name = ""
        if text[position] == _ISOLATE_START:
            close = text.find(_ISOLATE_END, position + 1)
            close = end if close < 0 else close
            name = text[position + 1 : close]
            position = min(close + 1, end)
        stop = position
        while stop < end and not text[stop].isspace():
            stop += 1
        references.append(name + text[position:stop])
        position = stop
    return references


def _reference_text(reference: str) -> str:
    """A reference as GNU writes it: a file name holding whitespace between isolates."""
    if _WHITESPACE.search(reference) is None:
        return reference
    name, colon, line = reference.rpartition(":")
    if not colon or not line.isdigit():
        name, line = reference, ""
    return f"{_ISOLATE_START}{name}{_ISOLATE_END}" + (f":{line}" if line else "")


def _flag_words(rest: str) -> list[str]:
    """The flags of a ``#,`` line."""
    return [word.strip() for word in rest.split(",") if word.strip()]


def _comment_text(rest: str) -> str:
    return rest[1:] if rest.startswith(" ") else rest


# ---------------------------------------------------------------------------------------------
# Writing


def escape(text: str) -> str:
    """Escape a string for a PO quoted literal as GNU gettext does."""
    if _NEEDS_ESCAPE.search(text) is None:
        return text
    return text.translate(_OUT_ESCAPES)


def _string_lines(prefix: str, keyword: str, text: str) -> Iterator[str]:
    newline_at = text.find("\n")
    if newline_at == -1 or newline_at == len(text) - 1:
        yield f'{prefix}{keyword} "{escape(text)}"\n'
        return
    yield f'{prefix}{keyword} ""\n'
    for piece in text.splitlines(keepends=True):
        yield f'{prefix}"{escape(piece)}"\n'


def _reference_lines(references: Iterable[str]) -> Iterator[str]:
    line = "#:"
    for reference in map(_reference_text, dict.fromkeys(references)):  # each place once
        if len(line) > 2 and len(line) + len(reference) + 1 > PAGE_WIDTH:
            yield line + "\n"
            line = "#:"
        line += " " + reference
    if len(line) > 2:
        yield line + "\n"


_FORMAT_ORDER = (
    "c",
    "objc",
    "c++",
    "python",
    "python-brace",
    "java",
    "java-printf",
    "csharp",
    "javascript",
    "scheme",
    "lisp",
    "elisp",
    "librep",
    "ruby",
    "sh",
    "awk",
    "lua",
    "object-pascal",
    "smalltalk",
    "qt",
    "qt-plural",
    "kde",
    "kde-kuit",
    "boost",
    "tcl",
    "perl",
    "perl-brace",
    "php",
    "gcc-internal",
    "gfc-internal",
    "ycp",
    "",
)


def _flag_rank(flag: str) -> tuple[int, int]:
    """GNU's flag order: fuzzy, format flags in its language order, range, wrap; unknown last."""
    if flag == FUZZY:
        return (0, 0)
    name = flag.removeprefix("no-").removesuffix("-format")
    if flag.endswith("-format") and name in _FORMAT_ORDER:
        return (1, _FORMAT_ORDER.index(name))
    if flag.startswith("range:"):
        return (2, 0)
    if flag in ("wrap", "no-wrap"):
        return (3, 0)
    return (4, 0)


def _entry_lines(entry: Entry) -> Iterator[str]:
    for comment in entry.translator_comments:
        yield f"# {comment}\n" if comment else "#\n"
    for comment in entry.extracted_comments:
        yield f"#. {comment}\n" if comment else "#.\n"
    yield from _reference_lines(entry.references)
    flags = sorted(entry.flags, key=_flag_rank)
    if FUZZY in flags and not (entry.msgid == "" or entry.has_translation):
        flags.remove(FUZZY)  # GNU writes no fuzzy flag on an untranslated message
    if flags:
        yield "#, " + ", ".join(flags) + "\n"
    previous_prefix = "#~| " if entry.obsolete else "#| "
    if entry.previous_msgctxt is not None:
        yield from _string_lines(previous_prefix, "msgctxt", entry.previous_msgctxt)
    if entry.previous_msgid is not None:
        yield from _string_lines(previous_prefix, "msgid", entry.previous_msgid)
    if entry.previous_msgid_plural is not None:
        yield from _string_lines(previous_prefix, "msgid_plural", entry.previous_msgid_plural)
    prefix = "#~ " if entry.obsolete else ""
    if entry.msgctxt is not None:
        yield from _string_lines(prefix, "msgctxt", entry.msgctxt)
    yield from _string_lines(prefix, "msgid", entry.msgid)
    if entry.msgid_plural is not None:
        yield from _string_lines(prefix, "msgid_plural", entry.msgid_plural)
        for index, text in enumerate(entry.msgstr_plural or ("",)):
            yield from _string_lines(prefix, f"msgstr[{index}]", text)
    else:
        yield from _string_lines(prefix, "msgstr", entry.msgstr)


def _header_line(name: str, value: str) -> str:
    if " " in name.strip() or ":" in name:
        return f"{name}\n"  # a line that is not a field, kept as it was read
    return f"{name}: {value}\n"


def header_entry(catalog: Catalog) -> Entry:
    """The header of ``catalog`` as the gettext entry with the empty msgid."""
    return Entry(
        msgid="",
        msgstr="".join(_header_line(name, value) for name, value in catalog.headers),
        translator_comments=catalog.header_comments,
        flags=catalog.header_flags,
    )


def render_catalog(catalog: Catalog) -> Iterator[str]:
    """Yield the lines of ``catalog`` in GNU ``msgcat --no-wrap`` layout, each ending in \\n."""
    first = True
    if catalog.headers or catalog.header_comments or catalog.header_flags:
        yield from _entry_lines(header_entry(catalog))
        first = False
    for entry in catalog.entries:
        if not first:
            yield "\n"
        first = False
        yield from _entry_lines(entry)


def catalog_text(catalog: Catalog) -> str:
    return "".join(render_catalog(catalog))


def catalog_pieces(catalog: Catalog) -> tuple[str, list[str]]:
    """``catalog_text`` cut into the header's text and each entry's (with the blank line
    before it), so that one entry can be rewritten by splicing its bytes."""
    header = ""
    if catalog.headers or catalog.header_comments or catalog.header_flags:
        header = "".join(_entry_lines(header_entry(catalog)))
    pieces = []
    for index, entry in enumerate(catalog.entries):
        separator = "\n" if header or index else ""
        pieces.append(separator + "".join(_entry_lines(entry)))
    return header, pieces


def save_catalog(path: Path, catalog: Catalog, *, expected: OnDisk | None = None) -> bool:
    """Write ``catalog`` atomically; returns False (and writes nothing) when the bytes match.

    ``expected`` (from :func:`load_catalog_snapshot`) refuses to replace a file that changed
    since it was read.
    """
    return write_if_changed(path, catalog_text(catalog), expected=expected)
