"""Is there anything to translate? Letters outside code, HTML, URLs and autolinks.

A block whose text has no letter (a number, a date, punctuation, a URL, a code span, an HTML
tag) is not extracted, as po4a and mdpo do: there is nothing a translator could change.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it.token import Token

_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S*|\bwww\.\S+|\S+@\S+\.\w+")


def has_letters(text: str) -> bool:
    """True when ``text`` has a letter outside URLs and e-mail addresses."""
    if "://" in text or "www." in text or "@" in text:
        text = _URL.sub("", text)
    return any(char.isalpha() for char in text)


def has_words(children: Sequence[Token], *, in_images: bool = True) -> bool:
    """True when inline tokens carry letters a translator would translate."""
    autolink = False
    for child in children:
        kind = child.type
        if kind == "link_open":
            autolink = child.markup == "autolink"
        elif kind == "link_close":
            autolink = False
        elif kind in ("text", "text_special"):
            if not autolink and has_letters(child.content):
                return True
        elif kind == "image" and in_images and has_words(child.children or ()):
            return True
    return False


def image_only(children: Sequence[Token]) -> bool:
    """True for a block of images (perhaps linked, like badges) with no words around them."""
    return any(child.type == "image" for child in children) and not has_words(
        children, in_images=False
    )
