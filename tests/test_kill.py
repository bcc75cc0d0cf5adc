"""Kill test: ``officialdoc render`` killed (SIGKILL, SIGTERM, SIGINT) at random points, many times.

After every kill the PDF and the DOCX are complete, come from the same run (all or none),
and no temporary file is left: none at all after SIGTERM or SIGINT; after SIGKILL none once the next
run has recovered the folder (:func:`officialdoc.output.recover`, the first thing a render
into it does). The number of runs and the random seed come from the environment, so
bench/bench_kill.py runs the same test much longer:
OFFICIALDOC_KILL_RUNS (default 12), OFFICIALDOC_KILL_SEED (default 9704).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from pypdf import PdfReader

from officialdoc.output import recover

RUNS = int(os.environ.get("OFFICIALDOC_KILL_RUNS", "12"))
SEED = int(os.environ.get("OFFICIALDOC_KILL_SEED", "9704"))


def _content(seed_text: str, run: int) -> str:
    title = f"关于第{run}次做好法治宣传教育工作的通知"
    lines = seed_text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[at] = f"title: {title}"
    return "\n".join(lines) + "\n"


def _titles(out: Path) -> tuple[str, str]:
    pdf = PdfReader(out / "doc.pdf")
    assert len(pdf.pages) > 0
    with zipfile.ZipFile(out / "doc.docx") as docx:
        assert docx.testzip() is None
        core = docx.read("docProps/core.xml").decode()
    return str(pdf.metadata.title), core.split("<dc:title>")[1].split("</dc:title>")[0]


def _start(folder: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "officialdoc.cli", "render", "-q", "doc.yaml"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def test_outputs_survive_kills_at_random_points(tmp_path, repo_root):
    rng = random.Random(SEED)
    seed_text = (repo_root / "content" / "2021.yaml").read_text(encoding="utf-8")
    doc, out = tmp_path / "doc.yaml", tmp_path / "out"
    doc.write_text(_content(seed_text, 0), encoding="utf-8")
    started = time.monotonic()
    first = _start(tmp_path)
    assert first.wait(timeout=300) == 0, first.stderr.read().decode()
    full_run = time.monotonic() - started
    current = _titles(out)
    assert current[0] == current[1] == "关于第0次做好法治宣传教育工作的通知"
    finished = caught = 0
    for run in range(1, RUNS + 1):
        doc.write_text(_content(seed_text, run), encoding="utf-8")
        kind = (signal.SIGKILL, signal.SIGTERM, signal.SIGINT)[run % 3]
        process = _start(tmp_path)
        time.sleep(rng.uniform(0.3, 1.1) * full_run)  # start-up (imports) is the first third
        process.send_signal(kind)
        code = process.wait(timeout=300)
        errors = process.stderr.read().decode()
        assert code in (0, -kind, 128 + kind), (code, errors)
        # Python's own report of a Ctrl-C that came before officialdoc's code ran (-SIGINT) is no error
        assert "Traceback" not in errors or (code == -signal.SIGINT and errors.endswith("KeyboardInterrupt\n")), errors
        finished += code == 0
        if kind == signal.SIGKILL:
            caught += any(p.name.startswith(".") for p in out.iterdir())  # killed while writing
            recover(out)  # what the next render into the folder does first
        else:
            caught += code == 128 + kind
        assert [p.name for p in out.iterdir() if p.name.startswith(".")] == [], (run, kind)
        titles = _titles(out)
        assert titles[0] == titles[1], f"run {run} ({kind.name}): PDF and DOCX from different runs: {titles}"
        assert titles[0] in (current[0], f"关于第{run}次做好法治宣传教育工作的通知")
        current = titles
    print(f"{RUNS} kills (seed {SEED}): {finished} finished first, {caught} caught writing or rendering")


def test_concurrent_renders_of_the_same_file_never_mix(tmp_path, repo_root):
    """Four renders of one target at once: the PDF and the DOCX left come from the same run."""
    seed_text = (repo_root / "content" / "2021.yaml").read_text(encoding="utf-8")
    for run in range(4):
        (tmp_path / str(run)).mkdir()
        (tmp_path / str(run) / "doc.yaml").write_text(_content(seed_text, run), encoding="utf-8")
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "officialdoc.cli", "render", "-q", f"{run}/doc.yaml", "-o", "out"],
            cwd=tmp_path,
            stderr=subprocess.PIPE,
        )
        for run in range(4)
    ]
    for process in processes:
        assert process.wait(timeout=300) == 0, process.stderr.read().decode()
    out = tmp_path / "out"
    titles = _titles(out)
    assert titles[0] == titles[1]
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
