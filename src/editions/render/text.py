"""Plain-text editions for e-mail and wire services: readable text, no markup.

Headings are underlined (``=`` for the headline, ``-`` for sections), lists keep their
bullets and numbers with hanging indents, links show their target in angle brackets and
images their description. Lines are wrapped at 72 columns counted in display cells (a CJK
character takes two). Latin text breaks at spaces only, so a URL or a word is never split.
Chinese and Japanese have no spaces between words, so they break only after punctuation
(``，。、；：！？`` and closing brackets): a line never starts with closing punctuation and
no word is cut; a run without such a point stays whole, even past 72 columns.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from markdown_it.token import Token

from editions.render.html import ParsedDocument, Rewrite

WIDTH = 72
_BREAK_AFTER = set("，。、；：！？）》」』】〕〉”’,.;:!?)")
"""Characters a CJK line may end with: a break is allowed after them."""
_NO_LINE_START = set("，。、；：！？）》」』】〕〉”’·ー々〜…")
"""Closing punctuation that never starts a line (kinsoku)."""
_WIDE = ("W", "F")


def cells(text: str) -> int:
    """Display width of ``text`` in terminal cells (East Asian wide characters count 2)."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in _WIDE else 1
        for ch in text
    )


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in _WIDE


def _pieces(text: str) -> list[str]:
    """``text`` cut where a line may break: at spaces (kept as separate " " pieces) and
    after CJK punctuation that may end a line."""
    pieces: list[str] = []
    current: list[str] = []
    for index, char in enumerate(text):
        if char == " ":
            if current:
                pieces.append("".join(current))
                current = []
            pieces.append(" ")
            continue
        current.append(char)
        following = text[index + 1] if index + 1 < len(text) else ""
        wide_context = _is_wide(char) or (following and _is_wide(following))
        if (
            char in _BREAK_AFTER
            and wide_context
            and following not in _NO_LINE_START
            and following != " "
        ):
            pieces.append("".join(current))
            current = []
    if current:
        pieces.append("".join(current))
    return pieces


def wrap(text: str, width: int = WIDTH) -> list[str]:
    """``text`` as lines of at most ``width`` cells, broken only where the module doc says."""
    lines: list[str] = []
    line = ""
    has_words = False
    for piece in _pieces(" ".join(text.split())):
        if piece == " ":
            if has_words:
                line += " "
            continue
        candidate = line + piece
        if has_words and cells(candidate.rstrip()) > width:
            lines.append(line.rstrip())
            line = piece
        else:
            line = candidate
        has_words = True
    if has_words or not lines:
        lines.append(line.rstrip())
    return lines


def inline_text(children: Iterable[Token], links: Rewrite | None = None) -> str:
    """Inline tokens as text: links followed by their target (rewritten by ``links`` for
    the edition, :mod:`editions.render.site`), images by their description, emphasis
    dropped, hard breaks kept as newlines."""
    parts: list[str] = []
    link_stack: list[tuple[str, int]] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "html_inline":
            continue
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "image":
            alt = "".join(c.content for c in child.children or ())
            parts.append(f"[{alt or 'image'}]")
        elif child.type == "link_open":
            link_stack.append((str(child.attrs.get("href", "")), len(parts)))
        elif child.type == "link_close" and link_stack:
            href, start = link_stack.pop()
            link = links(href) if links is not None and href else None
            href = link.href if link is not None else href
            label = "".join(parts[start:]).strip()
            shown = href.removeprefix("mailto:")
            if href and shown not in (label, f"<{label}>"):
                parts.append(f" <{shown}>")
    return "".join(parts).strip()


def _underlined(text: str, mark: str, width: int) -> list[str]:
    lines = _paragraph(text, width)
    return [*lines, mark * min(width, max(cells(line) for line in lines))]


def _paragraph(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for part in text.split("\n"):
        lines.extend(wrap(part, width))
    return lines


class _Writer:
    """Walks block tokens and collects text blocks (lines) at most ``width`` cells wide."""

    def __init__(self, width: int = WIDTH, links: Rewrite | None = None) -> None:
        self.width = max(width, 20)
        self.links = links
        self.blocks: list[list[str]] = []

    def walk(self, tokens: Sequence[Token]) -> None:
        index = 0
        while index < len(tokens):
            index = self._block(tokens, index)

    def _block(self, tokens: Sequence[Token], index: int) -> int:
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            text = inline_text(tokens[index + 1].children or (), self.links)
            level = int(token.tag[1])
            if level <= 2:
                self.blocks.append(_underlined(text, "=" if level == 1 else "-", self.width))
            else:
                self.blocks.append(_paragraph(text, self.width))
            return index + 3
        if kind == "paragraph_open":
            text = inline_text(tokens[index + 1].children or (), self.links)
            self.blocks.append(_paragraph(text, self.width))
            return index + 3
        if kind in ("bullet_list_open", "ordered_list_open"):
            return self._list(tokens, index)
        if kind == "blockquote_open":
            end = _closing(tokens, index)
            inner = _Writer(self.width - 2, self.links)
            inner.walk(tokens[index + 1 : end])
            quoted = [[f"> {line}".rstrip() for line in block] for block in inner.blocks]
            self.blocks.extend(quoted)
            return end + 1
        if kind in ("fence", "code_block"):
            lines = token.content.rstrip("\n").split("\n")
            self.blocks.append([f"    {line}".rstrip() for line in lines])
            return index + 1
        if kind == "hr":
            self.blocks.append(["* * *"])
            return index + 1
        if kind == "table_open":
            end = _closing(tokens, index)
            self.blocks.append(_table(tokens[index:end], self.links))
            return end + 1
        return index + 1  # front matter, raw HTML and closers carry no text of their own

    def _list(self, tokens: Sequence[Token], index: int) -> int:
        """A list as one block: each item's marker, then its blocks under a hanging indent."""
        end = _closing(tokens, index)
        ordered = tokens[index].type == "ordered_list_open"
        number = int(tokens[index].attrs.get("start", 1) or 1)
        last = number + sum(1 for t in tokens[index:end] if t.type == "list_item_open") - 1
        hanging = " " * (len(f"{last}. ") if ordered else 2)
        lines: list[str] = []
        cursor = index + 1
        while cursor < end:
            if tokens[cursor].type != "list_item_open":
                cursor += 1
                continue
            item_end = _closing(tokens, cursor)
            marker = (f"{number}. " if ordered else "- ").ljust(len(hanging))
            number += 1
            inner = _Writer(self.width - len(hanging), self.links)
            inner_cursor = cursor + 1
            while inner_cursor < item_end:
                inner_cursor = inner._block(tokens, inner_cursor)
            item = [line for block in inner.blocks for line in block] or [""]
            lines.append((marker + item[0]).rstrip())
            lines.extend((hanging + line).rstrip() for line in item[1:])
            cursor = item_end + 1
        self.blocks.append(lines)
        return end + 1


def _table(tokens: Sequence[Token], links: Rewrite | None = None) -> list[str]:
    rows: list[list[str]] = []
    for token in tokens:
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows:
            rows[-1].append(inline_text(token.children or (), links))
    if not rows:
        return []
    columns = max(len(row) for row in rows)
    widths = [max(cells(row[c]) for row in rows if c < len(row)) for c in range(columns)]
    lines = []
    for number, row in enumerate(rows):
        full = row + [""] * (columns - len(row))
        padded = [cell + " " * (widths[c] - cells(cell)) for c, cell in enumerate(full)]
        lines.append("  ".join(padded).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    return lines


def _closing(tokens: Sequence[Token], index: int) -> int:
    """Index of the token that closes the one opened at ``index``."""
    depth = 0
    for cursor in range(index, len(tokens)):
        depth += tokens[cursor].nesting
        if depth == 0:
            return cursor
    return len(tokens) - 1


def text_edition(
    parsed: ParsedDocument,
    *,
    dateline: str = "",
    notes: Sequence[str] = (),
    contact: Sequence[str] = (),
    contact_label: str = "",
    links: Rewrite | None = None,
) -> str:
    """The plain-text edition of ``parsed``: notes first, the headline, the dateline under
    it, the body, then the contact block. Ends with one newline."""
    split = parsed.after_leading_heading()
    head = _Writer(links=links)
    head.walk(parsed.tokens[:split])
    body = _Writer(links=links)
    body.walk(parsed.tokens[split:])
    blocks: list[list[str]] = [_paragraph(note, WIDTH) for note in notes]
    blocks.extend(head.blocks)
    if dateline:
        blocks.append(wrap(dateline))
    blocks.extend(body.blocks)
    if contact:
        blocks.append([contact_label, *(line for item in contact for line in wrap(item))])
    return "\n\n".join("\n".join(block) for block in blocks if block) + "\n"
