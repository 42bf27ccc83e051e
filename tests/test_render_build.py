"""Building editions: reviewed vs drafts, release threshold, OpenCC variants, incremental builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from editions import fsio
from editions.cli import main
from editions.errors import ProjectError
from editions.render import build
from tests.render_support import make_project, parse_page, po, snapshot

SOURCE = "# Software news\n\nThe software was released in Quzhou.\n\nIt has a new network.\n"
REVIEWED = {
    "Software news": "软件新闻",
    "The software was released in Quzhou.": "该软件在衢州发布。",
    "It has a new network.": "它有一个新的网络。",
}


def reviewed_project(root: Path, **options: object) -> object:
    return make_project(
        root,
        {"news": SOURCE},
        {("zh_CN", "news"): po("zh_CN", REVIEWED)},
        **options,  # type: ignore[arg-type]
    )


def test_release_build_leaves_fuzzy_drafts_out_and_holds_the_language_back(
    tmp_path: Path,
) -> None:
    drafts = {**REVIEWED, "It has a new network.": ("它有新网络。", True)}
    project = make_project(tmp_path, {"news": SOURCE}, {("zh_CN", "news"): po("zh_CN", drafts)})
    report = build(project, formats=["md"], out_dir=tmp_path / "out")
    [held] = report.unpublished
    assert (held.document, held.language) == ("news", "zh_CN")
    assert [(p.line, p.msgid) for p in held.missing] == [(5, "It has a new network.")]
    assert held.percent == pytest.approx(200 / 3)
    assert not (tmp_path / "out" / "zh_CN").exists()
    assert (tmp_path / "out" / "en" / "news.md").read_text(encoding="utf-8") == SOURCE


def test_drafts_build_uses_fuzzy_entries_and_says_so_visibly(tmp_path: Path) -> None:
    drafts = {**REVIEWED, "It has a new network.": ("它有新网络。", True)}
    project = make_project(tmp_path, {"news": SOURCE}, {("zh_CN", "news"): po("zh_CN", drafts)})
    report = build(project, formats=["md", "html"], out_dir=tmp_path / "out", drafts=True)
    assert not report.unpublished
    markdown = (tmp_path / "out" / "zh_CN" / "news.md").read_text(encoding="utf-8")
    assert markdown.startswith("> **Draft edition (zh_CN), not for publication: includes 1 ")
    assert "它有新网络。" in markdown
    banner = parse_page(tmp_path / "out" / "zh_CN" / "news.html").find(".//div[@role='note']")
    assert banner is not None and "Draft edition" in "".join(banner.itertext())
    english = parse_page(tmp_path / "out" / "en" / "news.html")
    assert english.find(".//div[@role='note']") is None


def test_draft_note_goes_after_front_matter(tmp_path: Path) -> None:
    source = "---\ndate: 2018-11-28\n---\n\n" + SOURCE
    draft = {"Software news": ("软件新闻", True)}
    project = make_project(tmp_path, {"news": source}, {("zh_CN", "news"): po("zh_CN", draft)})
    build(project, formats=["md"], out_dir=tmp_path / "out", drafts=True)
    markdown = (tmp_path / "out" / "zh_CN" / "news.md").read_text(encoding="utf-8")
    assert markdown.startswith("---\ndate: 2018-11-28\n---\n> **Draft edition (zh_CN)")


def test_a_drafts_build_marks_only_editions_that_use_unreviewed_text(tmp_path: Path) -> None:
    reviewed = {line: "译文" for line in ("Software news",)}
    project = make_project(
        tmp_path, {"news": "# Software news\n"}, {("zh_CN", "news"): po("zh_CN", reviewed)}
    )
    report = build(project, formats=["md", "html"], out_dir=tmp_path / "out", drafts=True)
    assert not any(edition.drafts for edition in report.editions)
    assert "Draft edition" not in (tmp_path / "out" / "zh_CN" / "news.md").read_text("utf-8")
    assert "Draft edition" not in (tmp_path / "out" / "zh_CN" / "news.html").read_text("utf-8")


def test_below_threshold_the_cli_names_the_missing_passages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    partial = {"Software news": "软件新闻"}
    make_project(tmp_path, {"news": SOURCE}, {("zh_CN", "news"): po("zh_CN", partial)})
    assert main(["build", "--project", str(tmp_path), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "unpublished news [zh_CN]: 33.3% reviewed, release threshold 100%" in out
    assert "line 3: The software was released in Quzhou." in out
    assert "line 5: It has a new network." in out


def test_lower_threshold_publishes_with_english_fallback_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    partial = {"Software news": "软件新闻", "It has a new network.": "它有一个新的网络。"}
    make_project(tmp_path, {"news": SOURCE}, {("zh_CN", "news"): po("zh_CN", partial)})
    code = main(
        [
            "build",
            "--project",
            str(tmp_path),
            "--out",
            str(tmp_path / "out"),
            "--threshold",
            "60",
            "--format",
            "md",
        ]
    )
    assert code == 0
    markdown = (tmp_path / "out" / "zh_CN" / "news.md").read_text(encoding="utf-8")
    assert markdown == "# 软件新闻\n\nThe software was released in Quzhou.\n\n它有一个新的网络。\n"
    out = capsys.readouterr().out
    assert "fallback   news [zh_CN]: 1 passage(s) shown in English" in out


def test_threshold_can_be_set_per_document(tmp_path: Path) -> None:
    partial = {"Software news": "软件新闻", "It has a new network.": "它有一个新的网络。"}
    project = make_project(
        tmp_path,
        {"news": SOURCE, "other": SOURCE},
        {("zh_CN", "news"): po("zh_CN", partial), ("zh_CN", "other"): po("zh_CN", partial)},
        extra_config="[editions.release]\nthreshold = 100\n"
        "[editions.release.documents]\nnews = 50\n",
    )
    report = build(project, formats=["md"], out_dir=tmp_path / "out")
    assert [(u.document, u.threshold) for u in report.unpublished] == [("other", 100.0)]
    assert (tmp_path / "out" / "zh_CN" / "news.md").is_file()


def test_traditional_chinese_is_derived_from_reviewed_simplified_through_opencc(
    tmp_path: Path,
) -> None:
    project = reviewed_project(tmp_path, languages=("zh_CN", "zh_TW", "zh_HK"))
    report = build(project, formats=["md", "html"], out_dir=tmp_path / "out")  # type: ignore[arg-type]
    taiwan = (tmp_path / "out" / "zh_TW" / "news.md").read_text(encoding="utf-8")
    hongkong = (tmp_path / "out" / "zh_HK" / "news.md").read_text(encoding="utf-8")
    assert taiwan == "# 軟體新聞\n\n該軟體在衢州釋出。\n\n它有一個新的網路。\n"
    assert hongkong.startswith("# 軟件新聞")
    assert parse_page(tmp_path / "out" / "zh_TW" / "news.html").get("lang") == "zh-TW"
    derived = {e.language: e.derived_from for e in report.built if e.format == "md"}
    assert derived == {"en": None, "zh_CN": None, "zh_TW": "zh_CN", "zh_HK": "zh_CN"}


def test_derived_languages_setting_names_the_base_catalog(tmp_path: Path) -> None:
    project = make_project(
        tmp_path,
        {"news": SOURCE},
        {("zh_Hans", "news"): po("zh_Hans", REVIEWED)},
        languages=("zh_Hans",),
        extra_config='derived-languages = { zh_TW = "zh_Hans" }\n',
    )
    build(project, formats=["md"], out_dir=tmp_path / "out")
    assert (
        (tmp_path / "out" / "zh_TW" / "news.md")
        .read_text(encoding="utf-8")
        .startswith("# 軟體新聞")
    )


def test_a_catalog_of_its_own_wins_over_derivation(tmp_path: Path) -> None:
    own = {key: f"台灣版：{value}" for key, value in REVIEWED.items()}
    project = make_project(
        tmp_path,
        {"news": SOURCE},
        {("zh_CN", "news"): po("zh_CN", REVIEWED), ("zh_TW", "news"): po("zh_TW", own)},
        languages=("zh_CN", "zh_TW"),
    )
    report = build(project, formats=["md"], out_dir=tmp_path / "out")
    taiwan = (tmp_path / "out" / "zh_TW" / "news.md").read_text(encoding="utf-8")
    assert taiwan.startswith("# 台灣版：软件新闻")  # its own text, not converted
    assert all(e.derived_from is None for e in report.built)


def test_no_change_rebuild_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = reviewed_project(tmp_path, languages=("zh_CN", "zh_TW"))
    out = tmp_path / "out"
    first = build(project, formats=["md", "html", "bilingual-html"], out_dir=out)  # type: ignore[arg-type]
    assert len(first.built) == 3 + 3 + 2
    before = snapshot(out)
    writes: list[Path] = []
    real_write = fsio.atomic_write_bytes
    monkeypatch.setattr(
        fsio, "atomic_write_bytes", lambda p, d: writes.append(p) or real_write(p, d)
    )
    again = build(project, formats=["md", "html", "bilingual-html"], out_dir=out)  # type: ignore[arg-type]
    assert writes == []
    assert snapshot(out) == before
    assert not again.built and len(again.unchanged) == 8 and not again.index_written


def test_changed_catalog_rebuilds_only_the_editions_it_feeds(tmp_path: Path) -> None:
    project = make_project(
        tmp_path,
        {"news": SOURCE, "other": SOURCE},
        {("zh_CN", "news"): po("zh_CN", REVIEWED), ("zh_CN", "other"): po("zh_CN", REVIEWED)},
        languages=("zh_CN", "zh_TW"),
    )
    out = tmp_path / "out"
    build(project, formats=["md", "html"], out_dir=out)
    changed = {**REVIEWED, "It has a new network.": "它拥有新网络。"}
    (tmp_path / "locales" / "zh_CN" / "LC_MESSAGES" / "news.po").write_text(
        po("zh_CN", changed), encoding="utf-8"
    )
    report = build(project, formats=["md", "html"], out_dir=out)
    rebuilt = sorted(e.path.relative_to(out).as_posix() for e in report.built)
    assert rebuilt == [
        "zh_CN/news.html",
        "zh_CN/news.md",
        "zh_TW/news.html",
        "zh_TW/news.md",
    ]


def test_template_change_rebuilds_html_but_not_markdown(tmp_path: Path) -> None:
    project = reviewed_project(tmp_path)
    out = tmp_path / "out"
    build(project, formats=["md", "html"], out_dir=out)  # type: ignore[arg-type]
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "_banner.html.j2").write_text("<p>house banner</p>\n", "utf-8")
    report = build(project, formats=["md", "html"], out_dir=out)  # type: ignore[arg-type]
    assert sorted(e.format for e in report.built) == ["html", "html"]
    assert sorted(e.format for e in report.unchanged) == ["md", "md"]


def test_an_output_edited_by_hand_is_rewritten(tmp_path: Path) -> None:
    project = reviewed_project(tmp_path)
    out = tmp_path / "out"
    build(project, formats=["md"], out_dir=out)  # type: ignore[arg-type]
    (out / "zh_CN" / "news.md").write_text("edited\n", encoding="utf-8")
    report = build(project, formats=["md"], out_dir=out)  # type: ignore[arg-type]
    assert [e.language for e in report.built] == ["zh_CN"]
    assert (out / "zh_CN" / "news.md").read_text(encoding="utf-8").startswith("# 软件新闻")


def test_edition_that_drops_below_threshold_is_withdrawn(tmp_path: Path) -> None:
    project = reviewed_project(tmp_path)
    out = tmp_path / "out"
    build(project, formats=["md"], out_dir=out)  # type: ignore[arg-type]
    (tmp_path / "source" / "news.md").write_text(SOURCE + "\nA new paragraph.\n", "utf-8")
    report = build(project, formats=["md"], out_dir=out)  # type: ignore[arg-type]
    assert report.removed == (out / "zh_CN" / "news.md",)
    assert not (out / "zh_CN" / "news.md").exists()


def test_undeclared_language_and_unknown_format_are_refused(tmp_path: Path) -> None:
    project = reviewed_project(tmp_path)
    with pytest.raises(ProjectError, match="'fr' is not declared"):
        build(project, languages=["fr"], out_dir=tmp_path / "out")  # type: ignore[arg-type]
    with pytest.raises(ProjectError, match="unknown format 'docx'"):
        build(project, formats=["docx"], out_dir=tmp_path / "out")  # type: ignore[arg-type]
    with pytest.raises(ProjectError, match="unknown paper size 'A5'"):
        build(project, formats=["pdf"], out_dir=tmp_path / "out", paper="A5")  # type: ignore[arg-type]
    assert not (tmp_path / "out").exists()
    assert main(["build", "--project", str(tmp_path), "--format", "md,docx"]) == 2


def test_markdown_editions_keep_the_byte_order_mark_of_the_source(tmp_path: Path) -> None:
    project = make_project(
        tmp_path, {"news": "\ufeff" + SOURCE}, {("zh_CN", "news"): po("zh_CN", REVIEWED)}
    )
    build(project, formats=["md", "html"], out_dir=tmp_path / "out")
    english = (tmp_path / "out" / "en" / "news.md").read_bytes()
    chinese = (tmp_path / "out" / "zh_CN" / "news.md").read_text(encoding="utf-8")
    assert english == ("\ufeff" + SOURCE).encode("utf-8")
    assert chinese.startswith("\ufeff# 软件新闻\n")  # the heading is still a heading
    assert not (tmp_path / "out" / "en" / "news.html").read_bytes().startswith(b"\xef\xbb\xbf")


def _files(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} - {
        ".editions-build.json"
    }


def test_a_deleted_source_leaves_no_edition_and_no_link(tmp_path: Path) -> None:
    about = "# About us\n\nWe make software.\n"
    project = make_project(
        tmp_path,
        {"news": SOURCE, "about": about},
        {("zh_CN", "news"): po("zh_CN", REVIEWED)},
        extra_config="[editions.release]\nthreshold = 0\n",
    )
    out = tmp_path / "out"
    build(project, formats=["md", "html"], out_dir=out)
    assert "zh_CN/about.html" in _files(out) and "en/about.md" in _files(out)
    (tmp_path / "source" / "about.md").unlink()
    report = build(project, formats=["md", "html"], out_dir=out)
    assert not [f for f in _files(out) if "about" in f]
    assert {p.name for p in report.removed} == {"about.md", "about.html"}
    assert "about" not in (out / "index.html").read_text(encoding="utf-8")


def test_outputs_of_a_format_not_built_now_are_removed_and_unlinked(tmp_path: Path) -> None:
    project = reviewed_project(tmp_path)
    out = tmp_path / "out"
    build(project, formats=["md", "html", "bilingual-html"], out_dir=out)  # type: ignore[arg-type]
    assert "zh_CN/news.bilingual.html" in _files(out)
    build(project, formats=["md", "html"], out_dir=out)  # type: ignore[arg-type]
    assert "zh_CN/news.bilingual.html" not in _files(out)
    assert "news.bilingual.html" not in (out / "index.html").read_text(encoding="utf-8")
    build(project, formats=["md"], out_dir=out)  # type: ignore[arg-type]
    assert _files(out) == {"en/news.md", "zh_CN/news.md"}  # no pages, no index of pages


def test_an_edition_that_falls_below_the_threshold_goes_in_every_format(tmp_path: Path) -> None:
    project = reviewed_project(tmp_path)
    out = tmp_path / "out"
    build(project, formats=["md", "html", "bilingual-html"], out_dir=out)  # type: ignore[arg-type]
    partial = {"Software news": "软件新闻"}
    (tmp_path / "locales" / "zh_CN" / "LC_MESSAGES" / "news.po").write_text(
        po("zh_CN", partial), encoding="utf-8"
    )
    build(project, formats=["md", "html"], out_dir=out)  # type: ignore[arg-type]
    assert not [f for f in _files(out) if f.startswith("zh_CN/")]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "zh_CN/" not in index


PICTURE = "# Software news\n\n![The office](images/office.png)\n\nIt has a new network.\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


def test_local_images_are_copied_into_each_edition_and_removed_with_it(tmp_path: Path) -> None:
    project = make_project(
        tmp_path,
        {"news": PICTURE},
        {("zh_CN", "news"): po("zh_CN", {"Software news": "软件新闻", "The office": "办公室",
                                         "It has a new network.": "它有一个新的网络。"})},
    )  # fmt: skip
    (tmp_path / "source" / "images").mkdir()
    (tmp_path / "source" / "images" / "office.png").write_bytes(PNG)
    out = tmp_path / "out"
    build(project, formats=["md", "html"], out_dir=out)
    for language in ("en", "zh_CN"):
        assert (out / language / "images" / "office.png").read_bytes() == PNG
        assert 'src="images/office.png"' in (out / language / "news.html").read_text("utf-8")
    assert "office.png" not in (out / "index.html").read_text(encoding="utf-8")
    again = build(project, formats=["md", "html"], out_dir=out)
    assert not again.built and not again.removed
    (tmp_path / "source" / "news.md").write_text(SOURCE, encoding="utf-8")
    build(project, formats=["md", "html"], out_dir=out)
    assert not list(out.rglob("office.png"))


def test_an_escaping_reference_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"news": "# News\n\n![x](../../etc/passwd)\n"})
    with pytest.raises(ProjectError, match="lies outside the source folder") as info:
        build(project, formats=["md", "html"], out_dir=tmp_path / "out")
    assert info.value.path == "source/news.md:3"
    assert not (tmp_path / "out").exists() or not _files(tmp_path / "out")


def test_a_missing_image_is_a_warning_and_the_build_goes_on(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"news": "# News\n\n![x](images/missing.png)\n"})
    report = build(project, formats=["md", "html"], out_dir=tmp_path / "out")
    assert report.warnings == (
        "source/news.md:3: 'images/missing.png' does not exist (source/images/missing.png)",
    )
    assert (tmp_path / "out" / "en" / "news.html").is_file()


def test_a_missing_image_stops_a_strict_build_before_anything_is_written(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"news": '# News\n\n<img src="images/gone.svg">\n'})
    with pytest.raises(ProjectError, match=r"'images/gone\.svg' does not exist") as info:
        build(project, formats=["md", "html"], out_dir=tmp_path / "out", strict=True)
    assert info.value.path == "source/news.md:3"
    assert not (tmp_path / "out").exists() or not _files(tmp_path / "out")
