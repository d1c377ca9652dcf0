#!/usr/bin/env bash
# Install, load the Sampang decree and demo accounts, and serve on http://127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/kinerja migrate --no-input -v 0
.venv/bin/kinerja demo
echo "kinerja: http://127.0.0.1:${PORT:-8000}/ (Ctrl+C untuk berhenti)"
exec .venv/bin/kinerja runserver "127.0.0.1:${PORT:-8000}"
