"""PDF editions, printed by the real headless Chromium and read back with pypdf and poppler.

One build per paper size serves the module: the press release (English, Chinese, bilingual)
and a press release with a dateline, a contact block and a link.
"""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import pypdf
import pytest

from editions.errors import ProjectError
from editions.render import build
from editions.render.chromium import reproducible
from tests.render_support import PRESS_CATALOG, PRESS_RELEASE, make_project

pytestmark = pytest.mark.system("chromium", "font:WenQuanYi Zen Hei")

HEADLINE_EN = "DeepBlue Technology Made the Layout in Quzhou"
HEADLINE_ZH = "深兰科技布局衢州"
WITH_CONTACT = """\
---
date: 2018-11-28
contact: DeepBlue Technology press office | press@deepblue.example | +86 21 0000 0000
---
# Quzhou signs with DeepBlue

Read the [full agreement](https://deepblue.example/quzhou-agreement) online.
"""
CONTACT_PO = """\
msgid ""
msgstr ""
"Language: zh_CN\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"

msgid "Quzhou signs with DeepBlue"
msgstr "衢州与深兰签约"

msgid "Read the [full agreement](https://deepblue.example/quzhou-agreement) online."
msgstr "请在线阅读[协议全文](https://deepblue.example/quzhou-agreement)。"
"""
CLOSING = "，。、；：！？）》」』"


def _project(root: Path) -> Path:
    make_project(
        root,
        {"deepblue-quzhou": PRESS_RELEASE.read_text(encoding="utf-8"), "signing": WITH_CONTACT},
        {
            ("zh_CN", "deepblue-quzhou"): PRESS_CATALOG.read_text(encoding="utf-8"),
            ("zh_CN", "signing"): CONTACT_PO,
        },
    )
    return root


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Output folders of one A4 and one Letter build of the same project."""
    from editions.project import find_project

    root = _project(tmp_path_factory.mktemp("pdf") / "proj")
    project = find_project(explicit=root)
    folders = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        for paper in ("A4", "Letter"):
            out = root / f"out-{paper}"
            build(project, formats=["pdf", "bilingual-pdf"], out_dir=out, paper=paper)
            folders[paper] = out
    return folders


def _text(path: Path) -> str:
    """The PDF's text, NFKC-normalised (pypdf returns the font's compatibility forms)."""
    reader = pypdf.PdfReader(path)
    return unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in reader.pages))


def _positions(text: str, needles: list[str]) -> list[int]:
    flat = "".join(text.split())
    return [flat.find("".join(needle.split())) for needle in needles]


def test_each_language_prints_its_headline_and_body_in_reading_order(
    printed: dict[str, Path],
) -> None:
    paragraphs = [p for p in PRESS_RELEASE.read_text(encoding="utf-8").split("\n\n") if p]
    english = _text(printed["A4"] / "en" / "deepblue-quzhou.pdf")
    found = _positions(english, [HEADLINE_EN, paragraphs[1][:60], paragraphs[-1][-60:]])
    assert -1 not in found and found == sorted(found)

    chinese = _text(printed["A4"] / "zh_CN" / "deepblue-quzhou.pdf")
    found = _positions(chinese, [HEADLINE_ZH, "2018年11月28日", "见证了签约仪式"])
    assert -1 not in found and found == sorted(found)
    assert "衢州" in chinese and "深兰科技" in chinese
    assert "DeepBlue" not in chinese  # no English fallback in a reviewed edition


def test_bilingual_pdf_holds_both_languages_side_by_side(printed: dict[str, Path]) -> None:
    text = _text(printed["A4"] / "zh_CN" / "deepblue-quzhou.bilingual.pdf")
    assert HEADLINE_ZH in "".join(text.split())
    assert "DeepBlue" in text and "深兰科技" in text


def test_every_font_is_embedded_as_a_real_font(printed: dict[str, Path]) -> None:
    for pdf in sorted(printed["A4"].rglob("*.pdf")):
        reader = pypdf.PdfReader(pdf)
        for page in reader.pages:
            fonts = page["/Resources"]["/Font"]
            for name, ref in fonts.items():
                font = ref.get_object()
                assert font["/Subtype"] != "/Type3", f"{pdf.name}: {name} is a Type 3 font"
                descriptor_owner = (
                    font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
                )
                descriptor = descriptor_owner["/FontDescriptor"].get_object()
                assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), (
                    f"{pdf.name}: {font.get('/BaseFont')} is not embedded"
                )


@pytest.mark.parametrize(("paper", "size"), [("A4", (595, 842)), ("Letter", (612, 792))])
def test_page_size_is_the_one_asked_for(
    printed: dict[str, Path], paper: str, size: tuple[int, int]
) -> None:
    for pdf in sorted(printed[paper].rglob("*.pdf")):
        for page in pypdf.PdfReader(pdf).pages:
            box = page.mediabox
            assert (round(float(box.width)), round(float(box.height))) == size


def test_pages_are_numbered(printed: dict[str, Path]) -> None:
    reader = pypdf.PdfReader(printed["A4"] / "zh_CN" / "deepblue-quzhou.bilingual.pdf")
    total = len(reader.pages)
    assert total > 1
    for number, page in enumerate(reader.pages, start=1):
        assert f"{number} / {total}" in page.extract_text()


def test_chinese_lines_never_start_with_closing_punctuation(printed: dict[str, Path]) -> None:
    text = _text(printed["A4"] / "zh_CN" / "deepblue-quzhou.pdf")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert len(lines) > 10
    assert [line for line in lines if line[0] in CLOSING] == []


def test_dateline_contact_block_and_link_targets_are_printed(printed: dict[str, Path]) -> None:
    chinese = "".join(_text(printed["A4"] / "zh_CN" / "signing.pdf").split())
    found = _positions(chinese, ["衢州与深兰签约", "2018年11月28日", "协议全文", "媒体联系"])
    assert -1 not in found and found == sorted(found)
    assert "https://deepblue.example/quzhou-agreement" in chinese
    assert "press@deepblue.example" in chinese
    english = "".join(_text(printed["A4"] / "en" / "signing.pdf").split())
    assert "November28,2018" in english and "Mediacontact" in english


@pytest.mark.system("pdftoppm")
def test_first_page_renders_with_ink_where_the_headline_is(printed: dict[str, Path]) -> None:
    pdf = printed["A4"] / "zh_CN" / "deepblue-quzhou.pdf"
    image = subprocess.run(
        ["pdftoppm", "-gray", "-r", "40", "-f", "1", "-l", "1", str(pdf)],
        capture_output=True,
        check=True,
    ).stdout
    header, width, height, _maxval, pixels = _pgm(image)
    assert header == b"P5" and (width, height) == (331, 468)  # A4 at 40 dpi
    rows = [pixels[y * width : (y + 1) * width] for y in range(height)]
    inked = [sum(1 for value in row if value < 200) for row in rows]
    headline_band = sum(inked[int(height * 0.05) : int(height * 0.15)])
    bottom_margin = sum(inked[int(height * 0.975) :])
    assert inked[: int(height * 0.05)] == [0] * int(height * 0.05)  # the top margin is empty
    assert headline_band > 1000  # large type in the headline area
    assert sum(inked) > 5 * headline_band  # a page of body text under it
    assert bottom_margin == 0  # the margin holds nothing but the page number above it


def _pgm(data: bytes) -> tuple[bytes, int, int, int, bytes]:
    fields = data.split(maxsplit=4)
    return fields[0], int(fields[1]), int(fields[2]), int(fields[3]), fields[4]


def test_the_same_edition_prints_to_the_same_bytes(
    printed: dict[str, Path], tmp_path: Path
) -> None:
    from editions.project import find_project

    root = printed["A4"].parent
    again = tmp_path / "again"
    build(find_project(explicit=root), formats=["pdf"], out_dir=again, paper="A4")
    for pdf in sorted(again.rglob("*.pdf")):
        assert pdf.read_bytes() == (printed["A4"] / pdf.relative_to(again)).read_bytes()


def test_reproducible_sets_both_dates_without_moving_a_byte(printed: dict[str, Path]) -> None:
    pdf = b"%PDF-1.4\n/CreationDate (D:20261202124210+00'00')\n/ModDate (D:20261202124211+00'00')"
    fixed = reproducible(pdf, 1543363200)
    assert len(fixed) == len(pdf)
    assert fixed.count(b"(D:20181128000000+00'00')") == 2
    # the project is not in git and SOURCE_DATE_EPOCH is unset: 1980-01-01, ZIP's first day
    info = pypdf.PdfReader(printed["A4"] / "en" / "deepblue-quzhou.pdf").metadata
    assert info is not None
    assert info["/CreationDate"] == info["/ModDate"] == "D:19800101000000+00'00'"


def test_missing_chromium_is_a_clear_error_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from editions.project import find_project

    root = _project(tmp_path / "proj")
    monkeypatch.setenv("EDITIONS_CHROMIUM", str(tmp_path / "no-such-chromium"))
    with pytest.raises(ProjectError, match="EDITIONS_CHROMIUM") as caught:
        build(find_project(explicit=root), formats=["html", "pdf"], out_dir=tmp_path / "out")
    assert "Chromium" in (caught.value.hint or "")
    assert not (tmp_path / "out").exists()


def test_printers_started_side_by_side_from_threads_each_print_their_pages(
    tmp_path: Path,
) -> None:
    """In a fresh process (as the command line runs, fds 3 and 4 free), four browsers
    start at once from four threads, three times over: each prints its own pages."""
    for number in range(8):
        page = tmp_path / f"page-{number}.html"
        page.write_text(f"<!DOCTYPE html><html><body><p>Page {number}</p></body></html>")
    script = (
        "import io, sys; from pathlib import Path; import pypdf; "
        "from editions.render.chromium import find_chromium, print_pages; "
        "pages = [Path(sys.argv[1]) / f'page-{n}.html' for n in range(8)]; "
        "texts = [[pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text() "
        "for pdf in print_pages(pages, find_chromium(), workers=4)[0]] for _ in range(3)]; "
        "print(texts == [[f'Page {n}' for n in range(8)]] * 3)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "True"
