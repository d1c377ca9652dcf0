#!/usr/bin/env bash
# Production: gunicorn (kinerja/web/gunicorn_conf.py) with static files served by WhiteNoise.
# Needs KINERJA_ENV=production, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL (PostgreSQL); see
# docs/deployment.md. Collects the static files (hashed names, compressed) and applies the
# migrations first, so a release is: install the new version, restart the service.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${KINERJA_VENV:-.venv}"
export KINERJA_ENV="${KINERJA_ENV:-production}"
: "${SECRET_KEY:?SECRET_KEY wajib diisi (lihat docs/deployment.md)}"
: "${ALLOWED_HOSTS:?ALLOWED_HOSTS wajib diisi, mis. kinerja.sampangkab.go.id}"
: "${DATABASE_URL:?DATABASE_URL wajib diisi, mis. postgres://kinerja@127.0.0.1:5432/kinerja}"
"$VENV/bin/kinerja" collectstatic --no-input -v 0
"$VENV/bin/kinerja" migrate --no-input -v 0
exec "$VENV/bin/gunicorn" --config python:kinerja.web.gunicorn_conf kinerja.wsgi "$@"
