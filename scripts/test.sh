#!/usr/bin/env bash
# Install everything and run the whole suite: lint, then the tests on SQLite and on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export KINERJA_VAR_DIR="${KINERJA_VAR_DIR:-$PWD/var/test}"

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== migrations up to date"
.venv/bin/kinerja makemigrations --check --dry-run >/dev/null

echo "== tests on SQLite"
env -u DATABASE_URL .venv/bin/python -m pytest -n 2 "$@"

echo "== tests on PostgreSQL"
bash scripts/postgres.sh
DATABASE_URL="${TEST_POSTGRES_URL:-postgres://postgres:postgres@127.0.0.1:5432/test}" \
  .venv/bin/python -m pytest -n 2 -m "not e2e" "$@"
