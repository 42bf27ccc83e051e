"""The Argos engine on a tiny real package; the MT cache; translation memory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from editions.catalog import FUZZY, Catalog, Entry
from editions.engines import Engine
from editions.engines.argos import ArgosEngine, argos_code, find_model, installed_models
from editions.engines.cache import MTCache
from editions.engines.memory import TranslationMemory
from editions.errors import EngineError
from editions.project import Project


def test_argos_codes_of_project_languages() -> None:
    assert argos_code("zh_CN") == "zh"
    assert argos_code("zh_TW") == "zt"
    assert argos_code("en") == "en"


def test_installed_package_is_discovered_through_argos_package_objects(
    tiny_project: Project,
) -> None:
    (model,) = installed_models(tiny_project.models_dir)
    assert (model.from_code, model.to_code, model.model_id) == ("en", "zh", "translate-en_zh/0.1")
    assert find_model(tiny_project.models_dir, "en", "zh_CN") == model
    assert find_model(tiny_project.models_dir, "en", "fr") is None


def test_argos_settings_point_at_the_project_models_folder(tiny_project: Project) -> None:
    import argostranslate.settings

    installed_models(tiny_project.models_dir)
    assert argostranslate.settings.package_data_dir == tiny_project.models_dir.resolve()
    assert argostranslate.settings.package_dirs == [tiny_project.models_dir.resolve()]


def test_engine_translates_a_batch_in_order_through_ctranslate2(tiny_project: Project) -> None:
    (model,) = installed_models(tiny_project.models_dir)
    engine = ArgosEngine(model, threads=1)
    assert isinstance(engine, Engine)
    sentences = [f"Sentence number ZQ{i} is here." for i in range(1, 40)] + ["", "Short."]
    # the tiny model copies its input: order and batching are visible in the output
    assert engine.translate_batch(sentences, "en", "zh_CN") == sentences
    assert (engine.name, engine.model) == ("argos", "translate-en_zh/0.1")


def test_engine_refuses_a_language_pair_its_model_does_not_have(tiny_project: Project) -> None:
    (model,) = installed_models(tiny_project.models_dir)
    with pytest.raises(EngineError, match="translates en to zh, not en to fr"):
        ArgosEngine(model).translate_batch(["Hello."], "en", "fr")


def test_cuda_without_a_gpu_fails_with_the_fix(tiny_project: Project) -> None:
    import ctranslate2

    if ctranslate2.get_cuda_device_count() > 0:
        pytest.skip("a CUDA device is present")
    (model,) = installed_models(tiny_project.models_dir)
    with pytest.raises(EngineError, match="no CUDA device") as info:
        ArgosEngine(model, device="cuda")
    assert info.value.hint == "run with --device cpu"


def test_argos_reads_and_writes_nothing_in_the_home_directory(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    script = (
        "import sys; from pathlib import Path\n"
        "from editions.engines.argos import installed_models\n"
        "print(len(installed_models(Path(sys.argv[1]))))\n"
    )
    env = {**os.environ, "HOME": str(home)}
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "ARGOS_PACKAGES_DIR"):
        env.pop(name, None)
    models_dir = tmp_path / "proj" / ".editions" / "models"
    done = subprocess.run(
        [sys.executable, "-c", script, str(models_dir)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "0"
    assert list(home.iterdir()) == []


def test_cache_is_keyed_by_engine_model_and_sentence(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "mt.sqlite3"
    with MTCache(path) as cache:
        cache.put_many("argos", "translate-en_zh/1.9", [("Hello.", "你好。")])
    with MTCache(path) as cache:
        assert cache.get_many("argos", "translate-en_zh/1.9", ["Hello.", "Bye."]) == {
            "Hello.": "你好。"
        }
        assert cache.get_many("argos", "translate-en_zh/2.0", ["Hello."]) == {}
        assert len(cache) == 1


def test_memory_reuses_reviewed_translations_only() -> None:
    catalog = Catalog(
        entries=(
            Entry(msgid="Quzhou", msgstr="衢州"),
            Entry(msgid="Draft", msgstr="草稿", flags=(FUZZY,)),
            Entry(msgid="Gone", msgstr="没了", obsolete=True),
        )
    )
    memory = TranslationMemory()
    memory.add_catalog(catalog, "locales/zh_CN/LC_MESSAGES/a.po")
    recall = memory.recall("Quzhou")
    assert recall is not None and recall.msgstr == "衢州"
    assert memory.recall("Draft") is None
    assert memory.recall("Gone") is None


def test_memory_prefers_the_most_frequent_translation() -> None:
    memory = TranslationMemory()
    memory.add_catalog(Catalog(entries=(Entry(msgid="AI", msgstr="AI"),)), "a.po")
    memory.add_catalog(Catalog(entries=(Entry(msgid="AI", msgstr="人工智能"),)), "b.po")
    memory.add_catalog(Catalog(entries=(Entry(msgid="AI", msgstr="人工智能"),)), "c.po")
    recall = memory.recall("AI")
    assert recall is not None and (recall.msgstr, recall.origin) == ("人工智能", "b.po")
