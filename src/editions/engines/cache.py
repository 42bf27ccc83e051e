"""The MT cache: machine translations keyed by (engine, model, source sentence) in SQLite.

A rerun of ``editions draft`` finds every sentence here and does no MT at all. The key holds
the model with its version, so installing a new model never serves the old model's output.
SQLite commits are atomic, so an interrupted run keeps every batch it finished.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType

from editions.errors import EditionsError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS mt (
    engine TEXT NOT NULL,
    model TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    PRIMARY KEY (engine, model, source)
) WITHOUT ROWID
"""


class MTCache:
    """Cached machine translations; ``path=None`` keeps them in memory for this run only."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(":memory:" if path is None else str(path))
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(_SCHEMA)
            self._db.commit()
        except sqlite3.DatabaseError as exc:
            raise EditionsError(
                f"cannot open the MT cache: {exc}",
                path=path,
                hint=f"delete {path} (it only holds cached machine translations) and run again",
            ) from exc

    def get_many(self, engine: str, model: str, sentences: Sequence[str]) -> dict[str, str]:
        """The cached translations of those ``sentences`` that are in the cache."""
        found: dict[str, str] = {}
        unique = list(dict.fromkeys(sentences))
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT source, target FROM mt WHERE engine=? AND model=? AND source IN ({marks})",
                (engine, model, *chunk),
            )
            found.update(rows)
        return found

    def put_many(self, engine: str, model: str, pairs: Iterable[tuple[str, str]]) -> None:
        """Store translations and commit them."""
        self._db.executemany(
            "INSERT OR REPLACE INTO mt (engine, model, source, target) VALUES (?, ?, ?, ?)",
            ((engine, model, source, target) for source, target in pairs),
        )
        self._db.commit()

    def __len__(self) -> int:
        row = self._db.execute("SELECT COUNT(*) FROM mt").fetchone()
        return int(row[0])

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> MTCache:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
