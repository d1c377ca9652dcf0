#!/usr/bin/env bash
# Make sure a PostgreSQL server answers on 127.0.0.1:5432 for the test suite.
set -euo pipefail
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
pg_isready -q -h 127.0.0.1 -p 5432 && exit 0
cluster_version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$cluster_version" ]; then
  echo "no PostgreSQL cluster found in /etc/postgresql" >&2; exit 1
fi
echo "starting PostgreSQL $cluster_version"
as_root pg_ctlcluster --skip-systemctl-redirect "$cluster_version" main start
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
pg_isready -h 127.0.0.1 -p 5432
# A cluster installed by setup.sh uses password auth on TCP: give the postgres role the
# password the test URL carries (on a trust-auth server the password is simply ignored).
as_root runuser -u postgres -- psql -q -c "ALTER ROLE postgres PASSWORD 'postgres'" >/dev/null 2>&1 || true
