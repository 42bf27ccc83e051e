"""Machine translation engines: one small protocol, the Argos engine, and the helpers around it.

Everything that drafts goes through :class:`Engine`. The Argos engine (:mod:`.argos`) is the
real one; tests use doubles that implement the same three members. Masking, sentence splitting,
the MT cache and translation memory live beside it, each in its own module.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class Engine(Protocol):
    """Translate batches of sentences; ``name``, ``version`` and ``model`` go into provenance.

    ``name`` is the engine (``argos``), ``version`` the engine software's version and
    ``model`` the model identity with its version (``translate-en_zh/1.9``). The MT cache is
    keyed by ``(name, model, sentence)``, so a new model never reuses an old model's output.
    """

    @property
    def name(self) -> str: ...

    @property
    def version(self) -> str: ...

    @property
    def model(self) -> str: ...

    def translate_batch(self, sentences: list[str], source: str, target: str) -> list[str]:
        """One translation per sentence, in order."""
        ...


def engine_label(engine: Engine) -> str:
    """``name/version`` as provenance records it."""
    return f"{engine.name}/{engine.version}"
