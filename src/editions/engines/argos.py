"""The Argos Translate engine: an installed Argos package run straight through CTranslate2.

The package is opened with argostranslate's own ``Package`` object (metadata, tokenizer, the
``model/`` folder); sentences are tokenized with the package's SentencePiece model and
translated in batches by one ``ctranslate2.Translator``. Argos' settings are pointed at the
project's models folder before argostranslate is imported, so nothing is read from or
installed into ``~/.local`` or ``~/.config``.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from editions.errors import EngineError

DISTRIBUTION = "argos-translate-lt"
_ARGOS_CODES = {"zh_TW": "zt", "zh_HK": "zt", "zh_Hant": "zt", "pt_BR": "pb"}
_XDG = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")


def argos_code(language: str) -> str:
    """Argos' code for a project language: ``zh_CN`` → ``zh``, ``zh_TW`` → ``zt``."""
    normalized = language.replace("-", "_")
    return _ARGOS_CODES.get(normalized, normalized.split("_")[0].lower())


def argos_version() -> str:
    try:
        return importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - dependency missing
        return "unknown"


@contextlib.contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def argos_package_module(models_dir: Path) -> ModuleType:
    """``argostranslate.package`` with its settings pointed at ``models_dir``.

    On first import argostranslate creates and reads folders under the home directory; the
    import runs with ``ARGOS_PACKAGES_DIR`` and the XDG folders redirected to ``models_dir``
    and a state folder beside it, and the settings are re-pointed on every call.
    """
    models_dir = models_dir.resolve()
    if "argostranslate.settings" not in sys.modules:
        state = models_dir.parent / f".{models_dir.name}-argos-state"
        overrides = {"ARGOS_PACKAGES_DIR": str(models_dir), "ARGOS_DEBUG": "0"}
        overrides.update({name: str(state / name.lower()) for name in _XDG})
        with _environment(overrides):
            import argostranslate.package
            import argostranslate.settings  # noqa: F401
    import argostranslate.package as package
    import argostranslate.settings as settings

    models_dir.mkdir(parents=True, exist_ok=True)
    settings.package_data_dir = models_dir
    settings.package_dirs = [models_dir]
    module: ModuleType = package
    return module


@dataclass(frozen=True, slots=True)
class InstalledModel:
    """An installed Argos package as ``editions models list`` shows it."""

    path: Path
    name: str
    from_code: str
    to_code: str
    package_version: str
    argos_version: str

    @property
    def model_id(self) -> str:
        """Model identity with version, as provenance and the MT cache record it."""
        return f"{self.name}/{self.package_version}"


def installed_models(models_dir: Path) -> list[InstalledModel]:
    """Every Argos translation package installed in ``models_dir``, sorted by name."""
    if not models_dir.is_dir():
        return []
    package = argos_package_module(models_dir)
    models = []
    for folder in sorted(models_dir.iterdir()):
        if folder.name.startswith(".") or not (folder / "metadata.json").is_file():
            continue
        try:
            pkg = package.Package(folder)
        except Exception as exc:  # argostranslate fails in many ways on bad metadata
            raise EngineError(
                f"unreadable Argos package: {exc}", path=folder / "metadata.json"
            ) from exc
        if pkg.type != "translate" or not pkg.from_code or not pkg.to_code:
            continue
        models.append(
            InstalledModel(
                path=folder,
                name=package.argospm_package_name(pkg),
                from_code=str(pkg.from_code),
                to_code=str(pkg.to_code),
                package_version=str(pkg.package_version),
                argos_version=str(pkg.argos_version),
            )
        )
    return models


def find_model(models_dir: Path, source: str, target: str) -> InstalledModel | None:
    """The installed package translating ``source`` to ``target`` (newest version wins)."""
    wanted = (argos_code(source), argos_code(target))
    candidates = [m for m in installed_models(models_dir) if (m.from_code, m.to_code) == wanted]
    if not candidates:
        return None
    return max(candidates, key=lambda m: _version_key(m.package_version))


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("."))


class ArgosEngine:
    """Translate with one installed Argos package; batches go to CTranslate2 in one call."""

    name = "argos"

    def __init__(
        self,
        model: InstalledModel,
        *,
        device: str = "cpu",
        threads: int = 0,
        beam_size: int = 4,
        max_batch_size: int = 32,
    ) -> None:
        import ctranslate2

        package = argos_package_module(model.path.parent)
        self._installed = model
        self._pkg: Any = package.Package(model.path)
        self.version = argos_version()
        self.model = model.model_id
        self.beam_size = beam_size
        self.max_batch_size = max_batch_size
        if device == "cuda" and ctranslate2.get_cuda_device_count() == 0:
            raise EngineError(
                "--device cuda was asked for but CTranslate2 sees no CUDA device",
                hint="run with --device cpu",
            )
        try:
            self._translator = ctranslate2.Translator(
                str(model.path / "model"),
                device=device,
                inter_threads=1,
                intra_threads=threads,
            )
        except (RuntimeError, ValueError) as exc:
            raise EngineError(
                f"cannot load the CTranslate2 model: {exc}",
                path=model.path / "model",
                hint="reinstall the package with 'editions models install PATH.argosmodel'",
            ) from exc
        tokenizer = getattr(self._pkg, "tokenizer", None)
        if tokenizer is None:
            raise EngineError(
                "the Argos package has no sentencepiece.model or bpe.model", path=model.path
            )
        self._tokenizer = tokenizer
        self._sentencepiece: Any = (
            tokenizer.lazy_processor() if hasattr(tokenizer, "lazy_processor") else None
        )

    def _encode(self, sentences: list[str]) -> list[list[str]]:
        if self._sentencepiece is not None:
            return list(self._sentencepiece.encode(sentences, out_type=str))
        return [self._tokenizer.encode(sentence) for sentence in sentences]

    def _decode(self, tokens: list[str]) -> str:
        prefix = self._pkg.target_prefix
        if prefix and tokens and tokens[0] == prefix:
            tokens = tokens[1:]
        if self._sentencepiece is not None:
            text = str(self._sentencepiece.decode_pieces(tokens))
        else:
            text = str(self._tokenizer.decode(tokens))
        return text.strip()

    def translate_batch(self, sentences: list[str], source: str, target: str) -> list[str]:
        """Translate ``sentences`` (in ``source``) into ``target``; one CTranslate2 call."""
        pair = (argos_code(source), argos_code(target))
        if pair != (self._installed.from_code, self._installed.to_code):
            raise EngineError(
                f"model {self.model} translates {self._installed.from_code} to "
                f"{self._installed.to_code}, not {pair[0]} to {pair[1]}"
            )
        todo = [i for i, sentence in enumerate(sentences) if sentence.strip()]
        results = [""] * len(sentences)
        if not todo:
            return results
        tokens = self._encode([sentences[i] for i in todo])
        prefix = self._pkg.target_prefix
        try:
            translated = self._translator.translate_batch(
                tokens,
                target_prefix=[[prefix]] * len(tokens) if prefix else None,
                beam_size=self.beam_size,
                max_batch_size=self.max_batch_size,
                replace_unknowns=True,
                length_penalty=0.2,
            )
        except (RuntimeError, ValueError) as exc:
            raise EngineError(f"CTranslate2 failed: {exc}", path=self._installed.path) from exc
        for index, result in zip(todo, translated, strict=True):
            results[index] = self._decode(list(result.hypotheses[0]))
        return results
