#!/usr/bin/env bash
# The test command: installs what it needs, then lint, types and the test suite against the real
# PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379), and real Tesseract.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null || echo "warning: PostgreSQL on 127.0.0.1:5432 does not answer" >&2
.venv/bin/ruff check .
.venv/bin/mypy
.venv/bin/lint-imports --no-cache
.venv/bin/python -m pytest -q "$@"
