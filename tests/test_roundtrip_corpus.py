"""Round trips over real Markdown nobody on the team wrote (tests/data/corpus, see SOURCES.md).

For every document: (a) keeping the English everywhere gives the input byte for byte; (b) the
msgid as translation renders to the same HTML (whitespace runs outside ``<pre>`` collapsed);
(c) a visibly changed translation (``【msgid】``) lands exactly where its block was and
nothing else moves.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest

from editions.markdown import render_html
from editions.segment import Segment, reassemble, segment_document
from editions.segment.escape import escape_pipes

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"
COMMONMARK = CORPUS / "commonmark"

_PRE = re.compile(r"(<pre[\s>].*?</pre>)", re.DOTALL)
_SPACE = re.compile(r"\s+")


def normalised_html(markdown_text: str) -> str:
    """HTML with every whitespace run outside ``<pre>`` collapsed to one space."""
    parts = _PRE.split(render_html(markdown_text))
    return "".join(
        part if index % 2 else _SPACE.sub(" ", part) for index, part in enumerate(parts)
    ).strip()


def gaps(text: str, segments: Sequence[Segment]) -> list[str]:
    """The text around and between the segments' spans: what no translation may touch."""
    pieces, position = [], 0
    for segment in segments:
        pieces.append(text[position : segment.start])
        position = segment.end
    pieces.append(text[position:])
    return pieces


def expected_gaps_after_translation(text: str, segments: Sequence[Segment]) -> list[str]:
    """The gaps of ``text`` as they must read after translation.

    Equal to :func:`gaps`, except after the alt text of an image written ``![alt]`` or
    ``![alt][]``: its alt text is also its reference label, so the label is kept as an explicit
    reference (``![translation][alt]``).
    """
    expected = gaps(text, segments)
    for index, segment in enumerate(segments):
        if segment.form.endswith(" ref"):
            label = escape_pipes(segment.msgid) if "cell" in segment.form else segment.msgid
            expected[index + 1] = f"][{label}{expected[index + 1]}"
    return expected


def wrapped(segment: Segment) -> str:
    return f"【{segment.msgid}】"


def commonmark_examples(path: Path) -> list[tuple[str, str]]:
    """(id, markdown) of each example of a markdown-it fixture file (``.``-separated)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    examples, index = [], 0
    while index < len(lines):
        if lines[index] != ".":
            index += 1
            continue
        end = lines.index(".", index + 1)
        html_end = lines.index(".", end + 1)
        markdown_text = "\n".join(lines[index + 1 : end]) + "\n"
        examples.append((f"{path.stem}:{index + 1}", markdown_text))
        index = html_end + 1
    return examples


def _documents() -> list[tuple[str, str]]:
    documents = [
        (path.name, path.read_text(encoding="utf-8"))
        for path in sorted(CORPUS.glob("*.md"))
        if path.name != "SOURCES.md"
    ]
    for fixture in sorted(COMMONMARK.glob("*.md")):
        documents.extend(commonmark_examples(fixture))
    return documents


DOCUMENTS = _documents()


PARAMS = [pytest.param(text, id=name) for name, text in DOCUMENTS]


def test_corpus_has_enough_real_documents() -> None:
    real = [p for p in CORPUS.glob("*.md") if p.name != "SOURCES.md"]
    sources = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    assert len(real) >= 40
    assert all(f"`{path.name}`" in sources for path in real)
    assert len(commonmark_examples(COMMONMARK / "commonmark_spec.md")) == 652


@pytest.mark.parametrize("text", PARAMS)
def test_keeping_english_gives_the_input_byte_for_byte(text: str) -> None:
    assert reassemble(text, lambda segment: None) == text


@pytest.mark.parametrize("text", PARAMS)
def test_msgid_as_translation_renders_the_same_html(text: str) -> None:
    same = reassemble(text, lambda segment: segment.msgid)
    assert normalised_html(same) == normalised_html(text)


@pytest.mark.parametrize("text", PARAMS)
def test_changed_translation_lands_where_its_block_was_and_nothing_else_moves(text: str) -> None:
    segments = segment_document(text)
    output = reassemble(text, wrapped, segments)
    again = segment_document(output)
    # The same blocks, in the same order, each holding exactly its translation ...
    assert [s.kind for s in again] == [s.kind for s in segments]
    assert [s.msgid for s in again] == [wrapped(s) for s in segments]
    # ... with the same container prefix on its continuation lines (indentation, ``>``) ...
    assert [s.continuation for s in again] == [s.continuation for s in segments]
    # ... and every byte outside the blocks' text unchanged: list markers and numbering,
    # heading markers, table pipes and delimiter rows, code, HTML, reference definitions.
    assert gaps(output, again) == expected_gaps_after_translation(text, segments)
    # Rendered, only the 【】 marks differ: structure, hard breaks, links all survive.
    unmarked = normalised_html(output).replace("【", "").replace("】", "")
    assert unmarked == normalised_html(text)
