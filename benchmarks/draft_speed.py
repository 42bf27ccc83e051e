"""Benchmark: `editions draft` against the naive Argos loop and against CTranslate2 alone.

One run, same sentences, same model, same decoding options (beam 4, as Argos uses):

- anchor: ``argostranslate.translate.translate(msgid, "en", "zh")`` once per entry;
- ours, cold: the draft path (parse, mask, split, cache lookup, batched MT, unmask, write);
- ours, warm: the same catalog drafted again from untranslated with the MT cache filled;
- floor: ``ctranslate2.Translator.translate_batch`` alone on the sentences our path sent to MT.

The model is the real en→zh Argos package when one is under ../shared/models (a .argosmodel
or an unpacked package folder); otherwise the tiny test package from tests/tiny_argos.py, and
the output says so. With the real model and the reviewed Chinese release present, it also
reports chrF (sacrebleu) of our drafts of the press release against the reviewed release.

Run: python benchmarks/draft_speed.py [--entries N]   (ends with ``speedup: X``)
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # for tests.tiny_argos

from editions.catalog import Catalog, Entry  # noqa: E402
from editions.draft import Drafter  # noqa: E402
from editions.engines.argos import ArgosEngine, argos_package_module, find_model  # noqa: E402
from editions.engines.cache import MTCache  # noqa: E402
from editions.engines.masking import glossary_terms  # noqa: E402
from editions.engines.sentences import split_sentences  # noqa: E402
from editions.glossary import load_glossary  # noqa: E402
from editions.models import install_archive  # noqa: E402
from editions.pofile import catalog_text, load_catalog  # noqa: E402
from editions.project import find_project  # noqa: E402

SHARED_MODELS = REPO.parent / "shared" / "models"
REVIEWED = REPO / "locales" / "zh_CN" / "LC_MESSAGES" / "deepblue-quzhou.po"
WORDS = " ".join(
    (
        "the city council signed a strategic agreement with technology company to build new",
        "public roads for self-driving cars robots retail logistics patrol cleaning machine",
        "vision research institute digital economy data center cameras every day more than",
        "pieces of information collected departments experts conference ceremony province",
    )
).split(" ")


def real_model_source() -> Path | None:
    """A real en→zh package under ../shared/models: an .argosmodel or an unpacked folder."""
    if not SHARED_MODELS.is_dir():
        return None
    archives = sorted(SHARED_MODELS.rglob("*en_zh*.argosmodel"))
    if archives:
        return archives[-1]
    folders = sorted(p.parent for p in SHARED_MODELS.rglob("metadata.json"))
    return folders[-1] if folders else None


def synthetic_entries(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    entries = []
    for number in range(count):
        sentences = []
        for _ in range(rng.randint(1, 3)):
            words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
            if rng.random() < 0.3:
                words.insert(rng.randrange(len(words)), f"{rng.randint(2, 9999):,}")
            if rng.random() < 0.2:
                words.insert(rng.randrange(len(words)), "**Quzhou**")
            sentences.append(" ".join(words).capitalize() + ".")
        entries.append(
            " ".join(sentences)
            + ("" if number % 5 else " See [the report](https://example.org/r).")
        )
    return entries


def press_release_entries() -> list[str]:
    source = REPO / "source" / "deepblue-quzhou.md"
    blocks = source.read_text("utf-8").split("\n\n")
    return [block.strip().lstrip("# ") for block in blocks if block.strip()]


def write_catalog(path: Path, msgids: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    headers = (("Language", "zh_CN"), ("Content-Type", "text/plain; charset=UTF-8"))
    entries = tuple(Entry(msgid=m) for m in msgids)
    path.write_text(catalog_text(Catalog(headers=headers, entries=entries)), "utf-8")


def row(label: str, seconds: float, note: str = "") -> None:
    print(f"{label:48} {seconds:8.3f} s  {note}")


def timed(action: object) -> float:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--entries",
        type=int,
        default=0,
        help="synthetic entries (default: 60; 300 with --stand-in tiny)",
    )
    parser.add_argument(
        "--stand-in",
        choices=("base", "tiny"),
        default="base",
        help="test model size used when no real model is present (default: base)",
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="draft-speed-"))
    try:
        return run(work, args.entries, args.stand_in)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(work: Path, entries_wanted: int, stand_in: str) -> int:
    root = work / "proj"
    (root / "source").mkdir(parents=True)
    (root / "editions.toml").write_text('[editions]\nlanguages = ["zh_CN"]\n', "utf-8")
    if (REPO / "locales" / "glossary.toml").is_file():
        (root / "locales").mkdir()
        shutil.copy(REPO / "locales" / "glossary.toml", root / "locales" / "glossary.toml")
    project = find_project(explicit=root)

    source = real_model_source()
    if source is None:
        from tests.tiny_argos import BASE, TINY, build_tiny_package

        real = False
        shape = BASE if stand_in == "base" else TINY
        archive = build_tiny_package(work / "tiny", "0.2" if stand_in == "base" else "0.1", shape)
        install_archive(project, archive)
        print(f"model: no real en→zh model under {SHARED_MODELS}; using the TEST package of")
        print(f"       tests/tiny_argos.py, size {stand_in!r}: a hand-wired copy model (output =")
        if stand_in == "base":
            print("       input) of Transformer-base size: 6+6 layers, width 512, 8 heads, FFN")
            print("       2048, 32k vocabulary, int8 — compute close to a real Argos model's")
        else:
            print("       input), 1 layer, width 96: times show our overheads, not MT compute")
    else:
        real = True
        if source.is_dir():
            shutil.copytree(source, project.models_dir / source.name)
        else:
            install_archive(project, source)
        print(f"model: REAL Argos package from {source}")
    model = find_model(project.models_dir, "en", "zh_CN")
    assert model is not None
    print(f"       {model.model_id} (argos-translate-lt, CTranslate2, CPU, beam 4)")

    count = entries_wanted or (300 if stand_in == "tiny" and not real else 60)
    msgids = press_release_entries() + synthetic_entries(count)
    po = project.po_path("zh_CN", "bench")
    write_catalog(po, msgids)
    untranslated = po.read_bytes()
    terms = glossary_terms(load_glossary(project.glossary_path()), "zh_CN")

    # --- anchor: the naive per-entry loop through argostranslate.translate -------------------
    argos_package_module(project.models_dir)
    import argostranslate.sbd
    import argostranslate.translate

    argostranslate.translate.get_installed_languages.cache_clear()
    has_sbd = any((model.path / "minisbd").glob("*.onnx"))
    if not has_sbd:
        # MiniSBD would download its English model from GitHub; use our offline splitter.
        def offline_split(self: object, text: str) -> list[str]:
            return [s.text for s in split_sentences(text) if s.text.strip()]

        argostranslate.sbd.MiniSBDSentencizer.split_sentences = offline_split  # type: ignore[method-assign]
        print("anchor sentence splitting: editions' splitter (MiniSBD's model is not offline)")
    argostranslate.translate.translate("Warm up.", "en", "zh")
    naive = timed(lambda: [argostranslate.translate.translate(m, "en", "zh") for m in msgids])

    # --- ours cold, and the floor (CTranslate2 translate_batch alone on the sentences our
    # path sent to MT), taking turns so that a machine that speeds up or slows down over the
    # run favours neither; the best of three each ----------------------------------------------
    import ctranslate2
    import sentencepiece

    engine = ArgosEngine(model)
    engine.translate_batch(["Warm up."], "en", "zh_CN")
    translator = ctranslate2.Translator(str(model.path / "model"), device="cpu")
    processor = sentencepiece.SentencePieceProcessor(
        model_file=str(model.path / "sentencepiece.model")
    )
    options = {
        "beam_size": 4,
        "max_batch_size": 32,
        "replace_unknowns": True,
        "length_penalty": 0.2,
    }
    cache_path = project.cache_dir / "mt.sqlite3"
    reports = []
    cold_times: list[float] = []
    floor_times: list[float] = []
    sent: list[str] = []
    for _ in range(3):
        cache_path.unlink(missing_ok=True)
        po.write_bytes(untranslated)
        with MTCache(cache_path) as cache:
            drafter = Drafter(engine, "en", "zh_CN", cache=cache, terms=terms)
            cold_times.append(timed(lambda d=drafter: reports.append(d.draft_catalog(po))))
            if not sent:
                sources = _all_sources(msgids, terms)
                sent = list(cache.get_many(engine.name, engine.model, sources))
        tokens = processor.encode(sent, out_type=str)
        floor_times.append(timed(lambda t=tokens: translator.translate_batch(t, **options)))
    cold, floor = min(cold_times), min(floor_times)
    drafted_bytes = po.read_bytes()
    with MTCache(cache_path) as cache:
        drafter = Drafter(engine, "en", "zh_CN", cache=cache, terms=terms)
        warm_times = []
        for _ in range(3):
            po.write_bytes(untranslated)
            warm_times.append(timed(lambda: reports.append(drafter.draft_catalog(po))))
        warm = min(warm_times)
        assert po.read_bytes() == drafted_bytes, "warm rerun must give the same catalog"

    cold_report = reports[0]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine: {os.cpu_count()} CPUs, load average {load} (other work shares the CPUs)")
    print(
        f"data: {len(msgids)} entries ({len(press_release_entries())} press release paragraphs + "
        f"{count} synthetic), {len(sent)} distinct sentences sent to MT"
    )
    print(f"draft summary (cold): {cold_report.summary()}")
    row("anchor  naive argostranslate.translate loop", naive)
    row("ours    editions draft, cold (best of 3)", cold, f"{naive / cold:.1f}x, target >= 3x")
    row("ours    editions draft, warm (best of 3)", warm, f"{naive / warm:.1f}x, target >= 50x")
    row("floor   ctranslate2 translate_batch (best of 3)", floor)
    overhead = 100 * (cold - floor) / floor
    print(f"overhead of ours over the floor: {overhead:.1f} % (target <= 10%)")

    if real:
        chrf_report(engine, terms, work)
    else:
        print("chrF: skipped (needs the real model; the tiny model copies English)")
    print(f"speedup: {naive / cold:.1f}")
    return 0


def _all_sources(msgids: list[str], terms: object) -> list[str]:
    from editions.engines.masking import mask_text

    return [
        s.text
        for m in msgids
        for s in split_sentences(mask_text(m, terms).text)  # type: ignore[arg-type]
        if s.text.strip()
    ]


def chrf_report(engine: ArgosEngine, terms: object, work: Path) -> None:
    if not REVIEWED.is_file():
        print(f"chrF: skipped ({REVIEWED.relative_to(REPO)} not there yet)")
        return
    import sacrebleu

    reviewed = [e for e in load_catalog(REVIEWED).live() if e.reviewed]
    po = work / "chrf" / "zh_CN.po"
    write_catalog(po, [e.msgid for e in reviewed])
    with MTCache(None) as cache:
        Drafter(engine, "en", "zh_CN", cache=cache, terms=terms).draft_catalog(po)  # type: ignore[arg-type]
    drafts = {e.msgid: e.msgstr for e in load_catalog(po).live()}
    hypotheses = [drafts.get(e.msgid, "") for e in reviewed]
    score = sacrebleu.corpus_chrf(hypotheses, [[e.msgstr for e in reviewed]])
    missing = sum(1 for h in hypotheses if not h)
    print(f"chrF of drafts vs reviewed release: {score.score:.1f}")
    print(f"      ({len(reviewed)} reviewed entries, {missing} without a draft)")


if __name__ == "__main__":
    sys.exit(main())
