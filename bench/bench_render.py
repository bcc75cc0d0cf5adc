"""Speed and memory benchmark: render the seed document as a clerk does, several times.

    .venv/bin/python bench/bench_render.py            # report and check the targets
    .venv/bin/python bench/bench_render.py --runs 10

Each run is a fresh process (`officialdoc render content/2021.yaml -o <tmp>`), so the
figures include interpreter start-up, imports, font loading and both renderers. Fonts must
be prepared first (`officialdoc fonts --prepare`, done by scripts/setup-debian.sh): the
one-off CFF conversion is not what is measured. Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {
    "render_pdf_docx_s": 2.0,      # median wall time of one CLI render, both formats
    "render_pdf_s": 1.5,           # PDF only
    "peak_rss_mb": 400.0,          # peak resident memory of one render process
}


def run_once(formats: str, outdir: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one CLI render in a child process."""
    command = [sys.executable, "-m", "officialdoc.cli", "render", str(ROOT / "content" / "2021.yaml"),
               "-f", formats, "-o", str(outdir), "-q"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        run_once("pdf,docx", Path(tmp))  # warm the OS file cache
        both = [run_once("pdf,docx", Path(tmp)) for _ in range(args.runs)]
        pdf = [run_once("pdf", Path(tmp)) for _ in range(args.runs)]
    results["render_pdf_docx_s"] = statistics.median(t for t, _ in both)
    results["render_pdf_s"] = statistics.median(t for t, _ in pdf)
    results["peak_rss_mb"] = max(m for _, m in both + pdf)
    failed = 0
    for name, value in results.items():
        target = TARGETS[name]
        ok = value <= target
        failed += not ok
        print(f"{name:<20} {value:8.2f}   target ≤ {target:<6} {'ok' if ok else 'MISSED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
