#!/usr/bin/env bash
# Install what the tests need (fonts, LibreOffice, poppler) and run the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh --test
.venv/bin/python -m ruff check src tests bench
.venv/bin/python -m pytest -q "$@"
