"""editions: English Markdown sources to reviewed, localized editions through gettext catalogs."""

from __future__ import annotations

__version__ = "0.1.0"
