#!/usr/bin/env bash
# Install everything kinerja needs on a Debian machine: the system packages (apt), a virtualenv
# in .venv and the project itself. Idempotent: a second run only checks.
#   scripts/setup.sh          what the application needs
#   scripts/setup.sh --test   plus the test tools (pytest, ruff, Chromium, PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-app}"
PYTHON="${PYTHON:-python3}"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
"$PYTHON" -c 'import sys; assert sys.version_info >= (3, 11)' 2>/dev/null || {
  echo "kinerja needs Python 3.11 or newer ($PYTHON is $("$PYTHON" --version 2>&1))" >&2; exit 1; }
"$PYTHON" -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
# WeasyPrint (PDF documents) needs Pango and a font with Indonesian glyphs (docs/reports.md).
for pkg in libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done
# `kinerja backup` / `restore` on PostgreSQL use the server's own pg_dump / pg_restore.
case "${DATABASE_URL:-}" in postgres*) command -v pg_dump >/dev/null || missing+=(postgresql-client) ;; esac
if [ "$mode" = "--test" ]; then
  command -v chromium >/dev/null || missing+=(chromium)
  command -v pg_ctlcluster >/dev/null || command -v pg_isready >/dev/null || missing+=(postgresql)
  command -v pdftoppm >/dev/null || missing+=(poppler-utils)  # first pages of documents as PNG
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
extras=""
[ "$mode" = "--test" ] && extras="[dev]"
stamp=".venv/.installed${extras}"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip 2>&1 | grep -v '^WARNING: Location' || true
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extras}" 2>&1 | grep -v '^WARNING: Location' || true
  .venv/bin/python -c 'import kinerja, django' && touch "$stamp"
fi
.venv/bin/python -c 'import kinerja, django' || { echo "installing the Python packages failed" >&2; exit 1; }
