"""``editions release``: the gate, the folder, a reproducible archive and its verification."""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import zipfile
from pathlib import Path

import pytest

from editions.cli import main
from editions.project import find_project
from editions.release import release, verify
from tests.render_support import PRESS_CATALOG, PRESS_RELEASE, make_project

pytestmark = pytest.mark.system("chromium", "font:WenQuanYi Zen Hei")

RELEASE_CONFIG = '[editions.release]\nname = "press"\nversion = "1.0"\n'
EPOCH = 1543363200  # 2018-11-28T00:00:00Z


def _press_project(root: Path, catalog: str | None = None) -> Path:
    make_project(
        root,
        {"deepblue-quzhou": PRESS_RELEASE.read_text(encoding="utf-8")},
        {("zh_CN", "deepblue-quzhou"): catalog or PRESS_CATALOG.read_text(encoding="utf-8")},
        extra_config=RELEASE_CONFIG,
    )
    assert main(["extract", "--project", str(root)]) == 0
    return root


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The press release project after one release (``dist/press-1.0.tar.gz``)."""
    root = _press_project(tmp_path_factory.mktemp("release") / "proj")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
        assert main(["release", "--project", str(root)]) == 0
    return root


def _members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive) as tar:
        return {
            m.name: tar.extractfile(m).read()  # type: ignore[union-attr]
            for m in tar.getmembers()
            if m.isfile()
        }


def test_release_writes_the_folder_and_an_archive_of_every_edition(released: Path) -> None:
    dist = released / "dist"
    assert sorted(p.name for p in dist.iterdir()) == ["press-1.0", "press-1.0.tar.gz"]
    members = _members(dist / "press-1.0.tar.gz")
    names = {name.removeprefix("press-1.0/") for name in members}
    editions = {
        f"{lang}/deepblue-quzhou{suffix}"
        for lang in ("en", "zh_CN")
        for suffix in (".md", ".html", ".pdf", ".txt")
    } | {"zh_CN/deepblue-quzhou.bilingual.html", "zh_CN/deepblue-quzhou.bilingual.pdf"}
    assert names == editions | {"index.html", "manifest.json"}
    folder = {p.relative_to(dist / "press-1.0").as_posix() for p in (dist / "press-1.0").rglob("*")}
    assert {n for n in folder if "." in n.rsplit("/", 1)[-1]} == names
    for name, data in members.items():
        assert (dist / name).read_bytes() == data


def test_manifest_records_documents_languages_catalogs_tools_and_checksums(
    released: Path,
) -> None:
    manifest = json.loads((released / "dist" / "press-1.0" / "manifest.json").read_text())
    assert manifest["name"] == "press" and manifest["version"] == "1.0"
    assert manifest["date"] == "2018-11-28T00:00:00Z"
    assert manifest["source"] is None  # not a git checkout
    assert manifest["tools"]["editions"]
    assert manifest["tools"]["printer"][0].startswith(("Chrome/", "HeadlessChrome/"))
    (document,) = manifest["documents"]
    assert document["source"] == "source/deepblue-quzhou.md"
    assert document["sha256"] == hashlib.sha256(PRESS_RELEASE.read_bytes()).hexdigest()
    (chinese,) = document["languages"]
    assert chinese["language"] == "zh_CN" and chinese["reviewed_percent"] == 100.0
    assert chinese["catalog"]["sha256"] == hashlib.sha256(PRESS_CATALOG.read_bytes()).hexdigest()
    assert chinese["catalog"]["revision"]
    for item in manifest["files"]:
        data = (released / "dist" / "press-1.0" / item["path"]).read_bytes()
        assert item["sha256"] == hashlib.sha256(data).hexdigest()
        assert item["size"] == len(data)


def test_archive_entries_are_sorted_root_owned_and_dated_source_date_epoch(
    released: Path,
) -> None:
    with tarfile.open(released / "dist" / "press-1.0.tar.gz") as tar:
        members = tar.getmembers()
    assert [m.name for m in members if m.isfile()] == sorted(m.name for m in members if m.isfile())
    assert {(m.mtime, m.uid, m.gid, m.uname, m.gname) for m in members} == {(EPOCH, 0, 0, "", "")}


def test_two_releases_of_the_same_inputs_are_byte_identical(
    released: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    other = _press_project(tmp_path / "elsewhere")  # another folder, a fresh build
    made = release(find_project(explicit=other), out_dir=tmp_path / "out")
    first = (released / "dist" / "press-1.0.tar.gz").read_bytes()
    assert made.archive.read_bytes() == first
    assert made.archive_written
    again = release(find_project(explicit=other), out_dir=tmp_path / "out")
    assert not again.archive_written and again.build.built == ()  # reused, nothing rebuilt


def test_zip_archives_are_reproducible_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    root = _press_project(tmp_path / "proj")
    project = find_project(explicit=root)
    first = release(project, archive_format="zip", out_dir=tmp_path / "a").archive.read_bytes()
    second = release(project, archive_format="zip", out_dir=tmp_path / "b").archive.read_bytes()
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2018, 11, 28, 0, 0, 0)}
    assert verify(tmp_path / "a" / "press-1.0.zip").ok


def test_verify_passes_on_a_release_and_fails_on_a_tampered_one(
    released: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = released / "dist" / "press-1.0.tar.gz"
    assert main(["release", "--verify", str(archive)]) == 0
    assert "11 files match the manifest" in capsys.readouterr().out  # 10 editions + index
    assert verify(released / "dist" / "press-1.0").ok

    members = _members(archive)
    members["press-1.0/zh_CN/deepblue-quzhou.txt"] += b"\nBuy now!\n"
    members["press-1.0/zh_CN/extra.html"] = b"<p>not released</p>"
    del members["press-1.0/en/deepblue-quzhou.md"]
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(tampered, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    assert main(["release", "--verify", str(tampered)]) == 1
    out = capsys.readouterr().out
    assert "zh_CN/deepblue-quzhou.txt: content differs from the manifest" in out
    assert "zh_CN/extra.html: not listed in the manifest" in out
    assert "en/deepblue-quzhou.md: listed in the manifest but missing" in out


def test_verify_reports_a_file_that_is_no_release(tmp_path: Path) -> None:
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not an archive")
    result = verify(junk)
    assert not result.ok and "cannot read the release" in result.problems[0]


def test_one_unreviewed_entry_blocks_the_release_names_it_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = PRESS_CATALOG.read_text(encoding="utf-8")
    marker = 'msgid "XU Wenguang'
    catalog = catalog.replace(marker, "#, fuzzy\n" + marker, 1)
    root = _press_project(tmp_path / "proj", catalog)
    assert main(["release", "--project", str(root)]) == 1
    captured = capsys.readouterr()
    assert "XU Wenguang" in captured.out and "fuzzy" in captured.out
    assert "release blocked" in captured.err and "nothing was written" in captured.err
    assert not (root / "dist").exists()
    assert not (root / ".editions" / "release").exists()


def test_a_published_version_is_not_overwritten_with_different_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    root = _press_project(tmp_path / "proj")
    assert main(["release", "--project", str(root)]) == 0
    archive = root / "dist" / "press-1.0.tar.gz"
    before = archive.read_bytes()
    source = root / "source" / "deepblue-quzhou.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert main(["release", "--project", str(root)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert archive.read_bytes() == before
    assert main(["release", "--project", str(root), "--version", "1.1"]) == 0
    assert (root / "dist" / "press-1.1.tar.gz").is_file() and archive.read_bytes() == before


def test_a_version_that_cannot_name_a_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _press_project(tmp_path / "proj")
    assert main(["release", "--project", str(root), "--version", "../1"]) == 2
    assert "cannot name a release file" in capsys.readouterr().err
    assert not (root / "dist").exists()


def test_in_git_the_manifest_names_the_commit_and_the_release_is_dated_by_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = _press_project(tmp_path / "proj")
    (root / ".gitignore").write_text("/dist/\n/.editions/\n", encoding="utf-8")
    env = {"GIT_AUTHOR_DATE": "2018-11-29T08:00:00Z", "GIT_COMMITTER_DATE": "2018-11-29T08:00:00Z"}
    for command in (
        ["init", "-q"],
        ["add", "-A"],
        ["-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-qm", "release"],
    ):
        subprocess.run(["git", "-C", str(root), *command], check=True, env={**os.environ, **env})
    head = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    made = release(find_project(explicit=root))
    assert made.manifest["source"] == {"commit": head, "dirty": False}
    assert made.manifest["date"] == "2018-11-29T08:00:00Z"
    with tarfile.open(made.archive) as tar:
        assert {m.mtime for m in tar.getmembers()} == {1543478400}
