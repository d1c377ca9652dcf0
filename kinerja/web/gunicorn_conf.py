"""Gunicorn settings for production (``scripts/serve.sh``; docs/deployment.md).

Every value comes from the environment so one systemd unit fits every office; the defaults are
what a small office server (2-4 cores, PostgreSQL on the same machine) runs well with.

- ``KINERJA_BIND`` (``127.0.0.1:8000``): where to listen; ``0.0.0.0:8443`` to serve the LAN.
- ``WEB_CONCURRENCY`` (2 x cores + 1, at most 9): worker processes. Pages are CPU-bound in
  Python (template rendering, scoring), so more workers than that only queue on the cores.
- ``GUNICORN_THREADS`` (4): threads per worker. Threaded workers ("gthread") because no
  buffering proxy stands in front: a browser keeps idle connections open (pre-connects, keep-
  alive), and a plain "sync" worker would sit on each of them while other requests wait. Pages
  are CPU work under one interpreter lock, so a few threads are enough to keep the cores busy.
- ``GUNICORN_TIMEOUT`` (60 s): a worker silent that long is restarted. Above the 10 s query
  budget (``KINERJA_QUERY_BUDGET_SECONDS``) and above the slowest document (the LKjIP PDF takes
  a few seconds), so only a hung worker is killed.
- ``GUNICORN_MAX_REQUESTS`` (1000, with up to 100 jitter): a worker is replaced after that many
  requests, so a slow leak never grows without bound.
- ``KINERJA_TLS_CERT`` / ``KINERJA_TLS_KEY``: serve HTTPS directly (no nginx needed).
- ``LOG_LEVEL`` (``info``): the error log level; the access log goes to stdout (the journal).
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


bind = os.environ.get("KINERJA_BIND", "127.0.0.1:8000").split(",")
workers = _int("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 9))
worker_class = "gthread"
threads = _int("GUNICORN_THREADS", 4)
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100)
# Load the application once in the master: workers fork with it (faster start, less memory).
preload_app = True
# X-Forwarded-Proto is trusted only from these addresses (a TLS proxy on the same machine).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

certfile = os.environ.get("KINERJA_TLS_CERT") or None
keyfile = os.environ.get("KINERJA_TLS_KEY") or None

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# Time, client, request line, status, size, duration in ms; no query string beyond the path's
# (it can carry search words), no cookies.
access_log_format = '%(t)s %(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
proc_name = "kinerja"
# Gunicorn 24+ opens a control socket under ~/.gunicorn by default; the service needs none (and
# two instances on one machine would share its path).
control_socket_disable = True
