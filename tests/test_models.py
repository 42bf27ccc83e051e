"""Model management: install from a file, list, refuse unsafe archives, fail fast when missing."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from editions.cli import main
from editions.errors import EditionsError, ModelMissingError
from editions.models import check_archive, install_archive, list_models, require_model
from editions.project import Project
from tests.tiny_argos import make_project


def test_install_puts_the_package_in_the_project_models_folder(
    tmp_path: Path, tiny_argosmodel: Path
) -> None:
    project = make_project(tmp_path / "proj")
    model = install_archive(project, tiny_argosmodel)
    assert model.path.parent == project.models_dir
    assert (model.path / "model" / "model.bin").is_file()
    assert (model.path / "sentencepiece.model").is_file()
    assert list_models(project) == [model]


def test_cli_models_install_and_list(
    tmp_path: Path, tiny_argosmodel: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "proj"
    make_project(root)
    assert main(["models", "list", "--project", str(root)]) == 0
    assert "no models installed in .editions/models" in capsys.readouterr().out
    assert main(["models", "install", "--project", str(root), str(tiny_argosmodel)]) == 0
    assert "installed translate-en_zh/0.1 (en → zh)" in capsys.readouterr().out
    assert main(["models", "list", "--project", str(root)]) == 0
    assert "en → zh  translate-en_zh/0.1" in capsys.readouterr().out


def _archive(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in members.items():
            zf.writestr(name, text)
    return path


@pytest.mark.parametrize(
    "bad_member",
    ["../escape.txt", "pkg/../../escape.txt", "/etc/escape.txt", "pkg\\..\\escape.txt"],
)
def test_archive_with_paths_escaping_the_folder_is_refused(tmp_path: Path, bad_member: str) -> None:
    project = make_project(tmp_path / "proj")
    archive = _archive(
        tmp_path / "evil.argosmodel", {"pkg/metadata.json": "{}", bad_member: "gotcha"}
    )
    with pytest.raises(EditionsError, match="outside the models folder"):
        install_archive(project, archive)
    assert not (tmp_path / "escape.txt").exists()
    assert not project.models_dir.exists() or not any(project.models_dir.iterdir())


def test_symlink_member_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "link.argosmodel"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("pkg/metadata.json", "{}")
        link = zipfile.ZipInfo("pkg/model")
        link.external_attr = 0o120777 << 16
        zf.writestr(link, "/etc")
    with pytest.raises(EditionsError, match="outside the models folder"):
        check_archive(archive)


def test_not_a_zip_and_no_metadata_are_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.argosmodel"
    junk.write_text("not a zip", "utf-8")
    with pytest.raises(EditionsError, match="zip archive"):
        check_archive(junk)
    empty = _archive(tmp_path / "empty.argosmodel", {"pkg/README.md": "hi"})
    with pytest.raises(EditionsError, match=r"no pkg/metadata\.json"):
        check_archive(empty)


def test_missing_model_error_names_the_command_that_fixes_it(tmp_path: Path) -> None:
    project = make_project(tmp_path / "proj")
    with pytest.raises(ModelMissingError) as info:
        require_model(project, "en", "zh_CN")
    assert "editions models install en zh" in str(info.value.hint)


def test_draft_without_a_model_fails_fast_with_exit_2_and_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "proj"
    make_project(root)
    assert main(["draft", "--project", str(root), "--lang", "zh_CN"]) == 2
    err = capsys.readouterr().err
    assert "no Argos model for en → zh is installed" in err
    assert f"editions models install --project {root} en zh" in err


def test_models_install_with_language_codes_offline_says_one_clear_thing(
    tiny_project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only 'models install en zh' goes online; here the index URL is a closed local port."""
    import argostranslate.settings

    monkeypatch.setattr(
        argostranslate.settings, "remote_package_index", "http://127.0.0.1:9/index.json"
    )
    args = ["models", "install", "en", "zh", "--project", str(tiny_project.root)]
    assert main(args) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 2, captured.err
    assert "cannot reach the Argos package index (http://127.0.0.1:9/index.json)" in lines[0]
    assert "translate-en_zh-1_9.argosmodel (translate-en_zh 1.9, about 150 MB" in lines[1]
    assert "editions models install" in lines[1]
    assert "URLError" not in captured.out + captured.err


def _installed_metadata(project: Project) -> dict[str, bytes]:
    return {
        str(p.relative_to(project.models_dir)): p.read_bytes()
        for p in project.models_dir.rglob("metadata.json")
    }


def _variant(tiny_argosmodel: Path, out: Path, change: Callable[[str, bytes], bytes]) -> Path:
    """A copy of the tiny package with each member's bytes passed through ``change``."""
    with zipfile.ZipFile(tiny_argosmodel) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, change(info.filename, source.read(info)))
    return out


def test_a_damaged_package_over_an_installed_one_leaves_the_installed_one_working(
    tmp_path: Path, tiny_argosmodel: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path / "proj")
    install_archive(project, tiny_argosmodel)
    before = _installed_metadata(project)
    truncated = tmp_path / "truncated.argosmodel"
    truncated.write_bytes(tiny_argosmodel.read_bytes()[: tiny_argosmodel.stat().st_size // 2])
    listed = _variant(
        tiny_argosmodel,
        tmp_path / "list.argosmodel",
        lambda name, data: b"[1, 2]" if name.endswith("metadata.json") else data,
    )
    corrupt = tmp_path / "corrupt.argosmodel"
    data = bytearray(tiny_argosmodel.read_bytes())
    directory = data.rfind(b"PK\x01\x02")
    data[directory : directory + 4] = b"XXXX"  # a corrupt central directory
    corrupt.write_bytes(bytes(data))
    for bad in (truncated, listed, corrupt):
        args = ["models", "install", str(bad), "--project", str(project.root)]
        assert main(args) == 2
        err = capsys.readouterr().err
        assert err.startswith("editions: error: ") and "Traceback" not in err
        assert _installed_metadata(project) == before
        assert [m.from_code for m in list_models(project)] == ["en"]
    assert not [p for p in project.models_dir.iterdir() if p.name.startswith(".")]


def test_a_zip_bomb_is_refused_before_anything_is_unpacked(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.argosmodel"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("pkg/metadata.json", '{"from_code": "en", "to_code": "zh"}')
        with zf.open("pkg/model/zeros.bin", "w") as member:
            chunk = bytes(2**20)
            for _ in range(100):
                member.write(chunk)
    assert bomb.stat().st_size < 2**20
    project = make_project(tmp_path / "proj")
    with pytest.raises(EditionsError, match="zip bomb"):
        install_archive(project, bomb)
    assert not project.models_dir.exists() or not any(project.models_dir.iterdir())
