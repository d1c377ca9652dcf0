#!/usr/bin/env bash
# Retake the users' guide screenshots (docs/guide/img) from the demo site and rewrite the
# docs/guide/*.md copies of the in-application guide (kinerja/web/guide/*.md).
set -euo pipefail
cd "$(dirname "$0")/.."
env -u DATABASE_URL KINERJA_GUIDE_WRITE=1 .venv/bin/python -m pytest -q tests/e2e/test_e2e_guide.py
.venv/bin/python -m kinerja.web.guide .
