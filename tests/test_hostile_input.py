"""Bad input from a hostile run: each is a clear error (exit 2, nothing written) or a safe,
documented behaviour. Silent data loss first."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from editions.cli import main


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".editions" not in p.parts
    }


def _config(root: Path, body: str) -> None:
    (root / "editions.toml").write_text("[editions]\n" + body, encoding="utf-8")


def _fails_cleanly(
    argv: list[str], root: Path, capsys: pytest.CaptureFixture[str], *expected: str
) -> str:
    before = _files(root)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("editions: error: ")
    assert "Traceback" not in err
    for text in expected:
        assert text in err
    assert _files(root) == before
    return err


def test_two_sources_that_map_to_one_catalog_name_are_refused(
    project_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project_dir / "source" / "a").mkdir()
    (project_dir / "source" / "a" / "b.md").write_text("One.\n", encoding="utf-8")
    (project_dir / "source" / "a--b.md").write_text("Two.\n", encoding="utf-8")
    _fails_cleanly(
        ["extract", "--project", str(project_dir)], project_dir, capsys, "one catalog name 'a--b'"
    )


def test_extract_of_a_file_that_does_not_exist_is_an_error(
    project_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["extract", "--project", str(project_dir), str(project_dir / "source" / "nope.md")]
    _fails_cleanly(argv, project_dir, capsys, "source/nope.md: no such source document")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('languages = ["zh_CN", "../../x"]\n', "'../../x' is not a language code"),
        ('languages = ["xx_QQ"]\n', "unknown language code 'xx_QQ'"),
        ('languages = ["zh_CN"]\nlocales-dir = "../../tmp"\n', "lies outside the project"),
        ('languages = ["zh_CN"]\nbuild-dir = "../out"\n', "lies outside the project"),
        ('languages = ["zh_CN"]\nbuild-dir = "/tmp/out"\n', "lies outside the project"),
        ('languages = ["zh_CN"]\nsource-dir = "src\\u0000x"\n', "must be a folder name"),
        ('languages = ["zh_CN"]\n[editions.release]\nthreshold = "abc"\n', "must be a number"),
        ('languages = ["zh_CN"]\n[editions.release]\nthreshold = 150\n', "from 0 to 100"),
    ],
)
def test_configuration_values_that_become_paths_or_numbers_are_validated(
    project_dir: Path, capsys: pytest.CaptureFixture[str], body: str, message: str
) -> None:
    _config(project_dir, body)
    (project_dir / "source" / "a.md").write_text("One.\n", encoding="utf-8")
    for command in (["extract"], ["update"], ["build"]):
        _fails_cleanly([*command, "--project", str(project_dir)], project_dir, capsys, message)


def test_init_refuses_a_language_that_would_inject_toml_or_is_unknown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for bad in ('zh_CN"]\nsource-dir = "/etc', "xx_QQ"):
        assert main(["init", str(tmp_path / "p"), "--lang", bad]) == 2
        assert "language code" in capsys.readouterr().err
    assert not (tmp_path / "p").exists()


def test_init_over_an_existing_file_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "taken").write_text("mine", encoding="utf-8")
    assert main(["init", str(tmp_path / "taken"), "--lang", "zh_CN"]) == 2
    assert "not a folder" in capsys.readouterr().err
    assert (tmp_path / "taken").read_text(encoding="utf-8") == "mine"


def test_a_catalog_folder_that_cannot_be_made_is_an_error_not_a_traceback(
    project_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project_dir / "source" / "a.md").write_text("One.\n", encoding="utf-8")
    main(["extract", "--project", str(project_dir)])
    (project_dir / "locales" / "zh_CN").write_text("in the way", encoding="utf-8")
    capsys.readouterr()
    _fails_cleanly(
        ["update", "--project", str(project_dir), "--lang", "zh_CN"], project_dir, capsys,
        "cannot write", "locales/zh_CN",
    )  # fmt: skip


def test_a_full_disk_is_an_error_and_the_old_catalog_stays(
    project_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (project_dir / "source" / "a.md").write_text("One.\n", encoding="utf-8")
    main(["extract", "--project", str(project_dir)])
    main(["update", "--project", str(project_dir)])
    (project_dir / "source" / "a.md").write_text("One more.\n", encoding="utf-8")
    capsys.readouterr()

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)
    err = _fails_cleanly(["extract", "--project", str(project_dir)], project_dir, capsys)
    assert "No space left on device" in err
    assert not list((project_dir / "locales").glob(".*.tmp"))


def test_writing_where_no_folder_can_be_is_an_error_not_a_traceback(
    project_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project_dir / "source" / "a.md").write_text("One.\n", encoding="utf-8")
    main(["extract", "--project", str(project_dir)])
    main(["update", "--project", str(project_dir)])
    capsys.readouterr()
    argv = ["build", "--project", str(project_dir), "--drafts", "--out", "/proc/x"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("editions: error: ") and "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "usage", "suggestion"),
    [
        (["chek"], "usage: editions [-h]", "did you mean 'check'?"),
        (["check", "--relase"], "usage: editions check", "did you mean '--release'?"),
        (["build", "--drafs"], "usage: editions build", "did you mean '--drafts'?"),
    ],
)
def test_a_typo_gets_the_commands_usage_and_the_nearest_name(
    argv: list[str], usage: str, suggestion: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(usage)
    assert suggestion in err


def test_an_undeclared_language_suggests_the_declared_one(
    project_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", "--project", str(project_dir), "--lang", "zh"]) == 2
    assert "did you mean --lang zh_CN?" in capsys.readouterr().err


def test_no_project_hint_is_a_command_that_works(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", "--project", str(tmp_path)]) == 2
    hint = capsys.readouterr().err.split("fix: run '")[1].split("'")[0]
    assert hint == f"editions init {tmp_path} --lang zh_CN"
    assert main(hint.split()[1:]) == 0
