"""Kill benchmark: the test suite's kill test (tests/test_kill.py), run much longer.

    .venv/bin/python bench/bench_kill.py                  # 200 kills, seed 9704
    .venv/bin/python bench/bench_kill.py --runs 500 --seed 1

Renders the seed document again and again, killing every run with SIGKILL or SIGTERM (in
turn) at a random point; after each kill the PDF and the DOCX must be complete and from the
same run, with no temporary file left (see the test's docstring). Exits as pytest does.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=9704)
    args = parser.parse_args()
    env = {**os.environ, "OFFICIALDOC_KILL_RUNS": str(args.runs), "OFFICIALDOC_KILL_SEED": str(args.seed)}
    command = [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider", "tests/test_kill.py"]
    return subprocess.run(command, cwd=ROOT, env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
