"""Build a tiny but real Argos package for tests: SentencePiece + CTranslate2 + metadata.json.

The model is a one-layer Transformer whose weights are set by hand so that it copies its
input: token and position live in separate slices of the embedding, cross-attention attends
to the source position equal to the decoder step and the output layer reads the attended
token. Its "translation" is the English again, but every step of the real path runs:
installation, discovery, SentencePiece, CTranslate2 batching, masking, caching, provenance.
Building takes well under a second.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from editions.catalog import Catalog, Entry
from editions.pofile import catalog_text
from editions.project import Project, find_project

TRAINING_LINES = [
    "DeepBlue Technology will set up the regional headquarters in Quzhou.",
    "The quick brown fox jumps over the lazy dog, 0123456789 times!",
    "Dr. WANG said that the digital economy had opened up a different future, etc.",
    "ZQ1 ZQ2 ZQ3 ZQ4 ZQ5 ZQ6 ZQ7 ZQ8 ZQ9 ZQ10 **bold** [link](https://example.com) `code`",
    "深兰科技 衢州 数字经济 人工智能 的 是 了 在 和 。，",
    "The founding conference of the institute for the development of the economy was held.",
    "At the conference the company and the municipal government signed a strategic agreement.",
    "By developing public roads for self-driving cars and deploying robots for retail,",
    "logistics, patrol and cleaning, the city will be created into a demonstration area.",
    "The secretary said in his speech that the digital economy had opened a new era.",
    "There are currently cameras in the front end, and more than million pieces of data",
    "are gathered to the comprehensive administration center every day from departments.",
    "In the future, intelligent monitoring equipment carrying machine vision technology",
    "will realize automatic discovery of hidden dangers by analyzing real-time video images.",
    "Nearly people attended the ceremony, including leaders, experts, members and directors",
    "of colleges and universities in the province, counties, cities and districts.",
    "research information collected technology industrial platform service pilot region",
]
PACKAGE_VERSION = "0.1"
MAX_POSITIONS = 1024


def _train_sentencepiece() -> bytes:
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(TRAINING_LINES * 4),
        model_writer=model,
        vocab_size=1000,
        model_type="bpe",
        character_coverage=1.0,
        hard_vocab_limit=False,
        minloglevel=2,
        num_threads=1,
    )
    return model.getvalue()


@dataclass(frozen=True)
class Shape:
    """Model size: ``TINY`` for tests; ``BASE`` is Transformer-base sized, for benchmarks."""

    dim: int = 96
    heads: int = 1
    layers: int = 1
    ffn: int = 4
    vocabulary: int = 0  # pad the vocabulary to this size (a real en→zh model has ~32k)
    quantization: str | None = None
    noise: float = 0.0  # weights of the do-nothing layers (int8 cannot quantize all zeros)
    random: bool = False  # every weight random: a model whose output is noise


TINY = Shape()
RANDOM = Shape(noise=0.5, random=True)
"""Random weights, no copy wiring: real decoding of garbage, for the failure paths."""
BASE = Shape(
    dim=512, heads=8, layers=6, ffn=2048, vocabulary=32000, quantization="int8", noise=1e-4
)
PART = 32  # width of each slice: token, position, copied token


def _save_copy_model(
    vocabulary: list[str], folder: Path, shape: Shape = TINY, seed: int = 0
) -> None:
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(seed)
    part, dim = PART, shape.dim
    vocabulary = vocabulary + [f"<pad{i}>" for i in range(shape.vocabulary - len(vocabulary))]
    size = len(vocabulary)
    tokens = rng.choice([-1.0, 1.0], size=(size, part))
    tokens -= tokens.mean(axis=1, keepdims=True)
    positions = rng.choice([-1.0, 1.0], size=(MAX_POSITIONS, part))
    positions -= positions.mean(axis=1, keepdims=True)
    embeddings = np.zeros((size, dim), np.float32)
    embeddings[:, :part] = tokens
    encodings = np.zeros((MAX_POSITIONS, dim), np.float32)
    encodings[:, part : 2 * part] = positions
    if shape.random:
        embeddings = rng.standard_normal((size, dim)).astype(np.float32)
        encodings = rng.standard_normal((MAX_POSITIONS, dim)).astype(np.float32)

    def quiet(rows: int, cols: int) -> np.ndarray:
        return rng.standard_normal((rows, cols)) * shape.noise

    def norm(spec: object) -> None:
        spec.gamma = np.ones(dim, np.float32)  # type: ignore[attr-defined]
        spec.beta = np.zeros(dim, np.float32)  # type: ignore[attr-defined]

    def linear(spec: object, weight: np.ndarray) -> None:
        spec.weight = weight.astype(np.float32)  # type: ignore[attr-defined]
        spec.bias = np.zeros(weight.shape[0], np.float32)  # type: ignore[attr-defined]

    spec = transformer_spec.TransformerSpec.from_config(
        num_layers=shape.layers, num_heads=shape.heads
    )
    for side in (spec.encoder, spec.decoder):
        side.scale_embeddings = False
        side.position_encodings.encodings = encodings
        norm(side.layer_norm)
        for layer in side.layer:  # self-attention and FFN add (almost) nothing
            norm(layer.self_attention.layer_norm)
            linear(layer.self_attention.linear[0], quiet(3 * dim, dim))
            linear(layer.self_attention.linear[1], quiet(dim, dim))
            norm(layer.ffn.layer_norm)
            linear(layer.ffn.linear_0, quiet(shape.ffn, dim))
            linear(layer.ffn.linear_1, quiet(dim, shape.ffn))
    spec.encoder.embeddings[0].weight = embeddings
    spec.decoder.embeddings.weight = embeddings
    for index, layer in enumerate(spec.decoder.layer):
        cross = layer.attention
        norm(cross.layer_norm)
        query, keys_values, output = quiet(dim, dim), quiet(2 * dim, dim), quiet(dim, dim)
        if index == 0 and not shape.random:  # head 0 attends by position, reads the token
            sharp = 30.0
            query[:part, part : 2 * part] = np.eye(part) * sharp
            keys_values[:part, part : 2 * part] = np.eye(part) * sharp
            keys_values[dim : dim + part, :part] = np.eye(part)
            output[2 * part : 3 * part, :part] = np.eye(part) * 10
        linear(cross.linear[0], query)
        linear(cross.linear[1], keys_values)
        linear(cross.linear[2], output)
    projection = np.zeros((size, dim))
    projection[:, 2 * part : 3 * part] = tokens
    if shape.random:
        projection = rng.standard_normal((size, dim))
    linear(spec.decoder.projection, projection)
    spec.config.add_source_eos = True  # the source </s> is what the copy stops on
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    spec.optimize(quantization=shape.quantization)
    folder.mkdir(parents=True)
    spec.save(str(folder))


def build_tiny_package(out_dir: Path, version: str = PACKAGE_VERSION, shape: Shape = TINY) -> Path:
    """Write ``translate-en_zh-<version>.argosmodel`` into ``out_dir`` and return its path.

    ``shape=BASE`` gives a copy model of Transformer-base size (6+6 layers, 512 wide, a
    32k vocabulary, int8) whose compute is close to a real Argos model's; benchmarks use it.
    """
    import sentencepiece as spm

    top = f"translate-en_zh-{version.replace('.', '_')}"
    staging = out_dir / "staging" / top
    sp_bytes = _train_sentencepiece()
    processor = spm.SentencePieceProcessor(model_proto=sp_bytes)
    vocabulary = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    _save_copy_model(vocabulary, staging / "model", shape)
    (staging / "sentencepiece.model").write_bytes(sp_bytes)
    metadata = {
        "package_version": version,
        "argos_version": "1.9.0",
        "from_code": "en",
        "from_name": "English",
        "to_code": "zh",
        "to_name": "Chinese",
        "type": "translate",
        "links": [],
    }
    (staging / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
    (staging / "README.md").write_text(
        "Tiny test package built by tests/tiny_argos.py; it copies its input.\n", encoding="utf-8"
    )
    archive = out_dir / f"{top}.argosmodel"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(staging.rglob("*")):
            zf.write(path, path.relative_to(staging.parent).as_posix())
    return archive


# ---------------------------------------------------------------------------------------------
# pytest fixtures (import them into a test module: ``from tests.tiny_argos import ...``)


HEADERS = (
    ("Project-Id-Version", "press"),
    ("Language", "zh_CN"),
    ("MIME-Version", "1.0"),
    ("Content-Type", "text/plain; charset=UTF-8"),
    ("Content-Transfer-Encoding", "8bit"),
    ("Plural-Forms", "nplurals=1; plural=0;"),
)


@pytest.fixture(scope="session")
def tiny_argosmodel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny ``.argosmodel``, built once per test session."""
    return build_tiny_package(tmp_path_factory.mktemp("tiny-argos"))


def make_project(root: Path, glossary: str = "") -> Project:
    """A zh_CN project at ``root`` (source/ and locales/ created, optional glossary)."""
    (root / "source").mkdir(parents=True, exist_ok=True)
    (root / "locales" / "zh_CN" / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
    (root / "editions.toml").write_text(
        '[editions]\nsource-language = "en"\nlanguages = ["zh_CN"]\n', encoding="utf-8"
    )
    if glossary:
        (root / "locales" / "glossary.toml").write_text(glossary, encoding="utf-8")
    return find_project(explicit=root)


def write_po(path: Path, entries: list[Entry]) -> Path:
    """Write a zh_CN catalog holding ``entries``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(catalog_text(Catalog(headers=HEADERS, entries=tuple(entries))), "utf-8")
    return path


GLOSSARY = """
[[term]]
en = "DeepBlue Technology"
zh_CN = "深兰科技"

[[term]]
en = "Quzhou"
zh_CN = "衢州"
"""


@pytest.fixture
def tiny_project(tmp_path: Path, tiny_argosmodel: Path) -> Project:
    """A zh_CN project with the glossary terms of the press release and the tiny model."""
    from editions.models import install_archive

    project = make_project(tmp_path / "proj", GLOSSARY)
    install_archive(project, tiny_argosmodel)
    return project
