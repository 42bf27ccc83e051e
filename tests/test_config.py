"""The configuration model: every documented key is read, unknown ones are errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from editions.config import (
    KNOWN_KEYS,
    CheckSettings,
    ReleaseSettings,
    RenderSettings,
    Settings,
    read_settings,
)
from editions.errors import ProjectError
from tests.conftest import REPO


def _readme_configuration() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Project configuration", 1)[1]
    return re.search(r"```toml\n(.*?)```", section, re.DOTALL).group(1)  # type: ignore[union-attr]


def test_every_key_the_readme_documents_is_read_by_the_settings_model(tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text(_readme_configuration(), encoding="utf-8")
    assert read_settings(config) == Settings(
        source_language="en",
        languages=("zh_CN",),
        source_dir="source",
        locales_dir="locales",
        build_dir="build",
        models_dir=".editions/models",
        cache_dir=".editions/cache",
        derived_languages={"zh_TW": "zh_CN"},
        release=ReleaseSettings(
            threshold=100.0,
            documents={"deepblue-quzhou": 100.0},
            name="deepblue-quzhou",
            version="1.0",
            paper="A4",
        ),
        checks=CheckSettings(disable=(), severity={"W-same-as-source": "error"}, obsolete_limit=20),
        render=RenderSettings(templates="templates", nav=("intro.md", "guide/setup.md")),
    )
    documented = set(re.findall(r"^([a-z-]+) =", _readme_configuration(), re.MULTILINE))
    assert documented == {key for keys in KNOWN_KEYS.values() for key in keys} - {
        "release",
        "checks",
        "render",
        "extract",
    }


@pytest.mark.parametrize(
    ("name", "text", "line", "message", "hint"),
    [
        (
            "editions.toml",
            '[editions]\nlanguages = ["zh_CN"]\n\n[editions.release]\nthreshhold = 50\n',
            5,
            "unknown key 'threshhold' in [release]",
            "did you mean 'threshold'?",
        ),
        (
            "pyproject.toml",
            '[tool.editions]\nlanguages = ["zh_CN"]\nlocale-dir = "l"\n',
            3,
            "unknown key 'locale-dir' in the editions table",
            "did you mean 'locales-dir'?",
        ),
        (
            "editions.toml",
            'languages = ["zh_CN"]\n\n[checks]\ndisabel = []\n',
            4,
            "unknown key 'disabel' in [checks]",
            "did you mean 'disable'?",
        ),
        (
            "editions.toml",
            "[editions]\n\n[editions.checks.release-threshold]\ndefault = 50\n",
            3,
            "'checks.release-threshold' is no longer read",
            "the release threshold lives in [release]",
        ),
        (
            "editions.toml",
            '[tool.editions]\nlanguages = ["zh_CN"]\n',
            1,
            "editions.toml holds a [tool.editions] table",
            "rename the table to [editions]",
        ),
        (
            "editions.toml",
            '[editions]\nlanguages = "zh_CN"\n',
            2,
            "'languages' must be a list of strings",
            None,
        ),
        (
            "editions.toml",
            "[editions]\n[editions.release]\nthreshold = 101\n",
            3,
            "'release.threshold' must be from 0 to 100",
            None,
        ),
        (
            "editions.toml",
            "[editions]\n[editions.checks]\nobsolete-limit = -1\n",
            3,
            "'checks.obsolete-limit' must be a whole number",
            None,
        ),
    ],
)
def test_configuration_errors_name_file_line_and_the_nearest_key(
    tmp_path: Path, name: str, text: str, line: int, message: str, hint: str | None
) -> None:
    config = tmp_path / name
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ProjectError) as info:
        read_settings(config)
    assert info.value.path == str(config)
    assert info.value.line == line
    assert message in info.value.message
    if hint is not None:
        assert hint in str(info.value.hint)


def test_pyproject_without_an_editions_table_is_not_a_project(tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert read_settings(config) is None
