"""Benchmark: `editions check` against translate-toolkit's `pofilter` on 50,000 entries.

Generates 10 .po files of 5,000 English/Chinese entries each (numbers, dates, Markdown
links, code, emphasis, printf placeholders; about 5% with planted defects), then times, in
this one run, our checker (the library function ``run_checks`` that ``editions check``
calls, in-process, all checks on) and ``pofilter`` (CLI, all its default tests) over the same
files. Each tool runs ``--repeat`` times, taking turns, and its best time counts (every time
is printed; the machine's load average too). Ours is timed twice over: in one process, and
as ``editions check`` runs by default (one process per CPU when the input is large, which it
is here); pofilter has no parallel mode. Ends with ``speedup: X`` = pofilter's best time /
our best default time; the one-process ratio is printed beside it.

    python benchmarks/check_speed.py [--entries 50000] [--repeat 2]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from editions.checks import CheckContext, all_checks, run_checks

PAIRS = [
    ("There are {n:,} cameras in Quzhou.", "衢州有{n}个摄像头。"),
    ("More than {m} million pieces of data are gathered every day.", "每天汇集超过{m}00万条数据。"),
    ("The conference was held on November {d}, 2018.", "会议于2018年11月{d}日举行。"),
    (
        "Read [the report](https://example.org/r{n}) before **{d} May**.",
        "请在**5月{d}日**前阅读[报告](https://example.org/r{n})。",
    ),
    ("Run `editions check` on {n} files.", "对 {n} 个文件运行 `editions check`。"),
    (
        "DeepBlue Technology will set up the regional headquarters in Quzhou.",
        "深兰科技将在衢州设立区域总部。",
    ),
    (
        "Nearly {n} people attended the conference and witnessed the signing ceremony.",
        "近{n}人出席会议并见证了签约仪式。",
    ),
    ("Copy %s to %s ({n} bytes)", "将 %s 复制到 %s（{n} 字节）"),
    (
        "The development of Quzhou has ushered in a new era, a great era and a good era.",
        "衢州的发展迎来了新时代、大时代、好时代。",
    ),
]
DEFECTS = [
    lambda zh: zh.replace("，", ",").replace("。", "."),
    lambda zh: zh[: len(zh) // 3],
    lambda zh: zh + "阳性阳性阳性阳性",
    lambda zh: zh.replace("1", "7", 1) if "1" in zh else zh + " 7",
    lambda zh: zh.replace("](", "] (", 1) + "**",
]


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def generate(folder: Path, total: int, files: int = 10) -> list[Path]:
    rng = random.Random(42)
    paths = []
    per_file = total // files
    for index in range(files):
        lines = [
            'msgid ""',
            'msgstr ""',
            '"Language: zh_CN\\n"',
            '"MIME-Version: 1.0\\n"',
            '"Content-Type: text/plain; charset=UTF-8\\n"',
            '"Content-Transfer-Encoding: 8bit\\n"',
            '"Plural-Forms: nplurals=1; plural=0;\\n"',
            "",
        ]
        for number in range(per_file):
            english, chinese = rng.choice(PAIRS)
            values = {"n": rng.randint(2, 99999), "m": rng.randint(2, 9), "d": rng.randint(1, 28)}
            msgid = english.format(**values) + f" (#{index}-{number})"
            msgstr = chinese.format(**{**values, "n": values["n"]}) + f"（#{index}-{number}）"
            if rng.random() < 0.05:
                msgstr = rng.choice(DEFECTS)(msgstr)
            lines += [f"#: source/doc{index}.md:{number + 1}"]
            if "%s" in msgid:
                lines += ["#, c-format"]
            lines += [f"msgid {quote(msgid)}", f"msgstr {quote(msgstr)}", ""]
        path = folder / f"doc{index}.po"
        path.write_text("\n".join(lines), encoding="utf-8")
        paths.append(path)
    return paths


def time_ours(paths: list[Path], jobs: int) -> tuple[float, int]:
    start = time.perf_counter()
    findings = run_checks(None, paths, language="zh_CN", jobs=jobs)
    return time.perf_counter() - start, len(findings)


def time_pofilter(pofilter: str, folder: Path, out: Path) -> tuple[float, int]:
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(
        [pofilter, "--progress=none", "-i", str(folder), "-o", str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    elapsed = time.perf_counter() - start
    return elapsed, sum(p.read_text("utf-8").count("(pofilter)") for p in out.rglob("*.po"))


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each tool (best counts)")
    args = parser.parse_args()
    pofilter = shutil.which("pofilter")
    if pofilter is None:
        print("pofilter not found (pip install translate-toolkit)", file=sys.stderr)
        return 2
    checks = [spec.code for spec in all_checks() if spec.func is not None]
    zh_markdown = CheckContext(language="zh_CN", markdown=True)
    applying = [s.code for s in all_checks() if s.func is not None and s.applies(zh_markdown)]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "po"
        folder.mkdir()
        paths = generate(folder, args.entries)
        print(f"{args.entries} entries in {len(paths)} files; load average {load()}")
        skipped = sorted(set(checks) - set(applying))
        print(
            f"editions: run_checks (what 'editions check' runs), in-process; "
            f"{len(applying)} of {len(checks)} checks apply to these zh_CN Markdown catalogs "
            f"(not: {', '.join(skipped)})"
        )
        print(f"pofilter: {pofilter} (translate-toolkit {toolkit_version()}), all default tests")
        ours: list[float] = []
        theirs: list[float] = []
        for run in range(1, args.repeat + 1):
            seconds, found = time_ours(paths, jobs=1)
            ours.append(seconds)
            print(f"run {run}: editions check (1 process): {seconds:.2f} s, {found} findings")
            seconds, found = time_pofilter(pofilter, folder, Path(tmp) / "out")
            theirs.append(seconds)
            print(f"run {run}: pofilter: {seconds:.2f} s, {found} findings")
        defaults: list[float] = []
        for run in range(1, args.repeat + 1):
            seconds, _ = time_ours(paths, jobs=0)
            defaults.append(seconds)
            print(
                f"run {run}: editions check (default: one process per CPU for large inputs, "
                f"{os.cpu_count()} here): {seconds:.2f} s"
            )
        print(f"load average after: {load()}")
    best_ours, best_theirs, best_default = min(ours), min(theirs), min(defaults)
    print(
        f"best of {args.repeat}: pofilter {best_theirs:.2f} s (it has no parallel mode); "
        f"editions check {best_ours:.2f} s in one process ({best_theirs / best_ours:.1f}x), "
        f"{best_default:.2f} s as 'editions check' runs by default "
        f"({best_theirs / best_default:.1f}x)"
    )
    print(f"speedup: {best_theirs / best_default:.1f}")
    return 0


def toolkit_version() -> str:
    try:
        from translate.__version__ import sver

        return str(sver)
    except ImportError:
        return "unknown version"


if __name__ == "__main__":
    sys.exit(main())
