"""Served like production (issue #16.7): gunicorn with the production settings
(kinerja/web/gunicorn_conf.py) serves a page and a hashed, compressed static file through
WhiteNoise, cacheable for a year, with no nginx in front."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

PORT = 8041
VENV_BIN = Path(sys.executable).parent


def _database(tmp_path: Path) -> str:
    """PostgreSQL (a fresh database k_look_serve) when the server at 127.0.0.1:5432 answers, as
    in production; else SQLite. KINERJA_SERVE_TEST_DB names another."""
    if os.environ.get("KINERJA_SERVE_TEST_DB"):
        return os.environ["KINERJA_SERVE_TEST_DB"]
    try:
        import psycopg

        with psycopg.connect(
            "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True, connect_timeout=3
        ) as connection:
            connection.execute("DROP DATABASE IF EXISTS k_look_serve WITH (FORCE)")
            connection.execute("CREATE DATABASE k_look_serve")
        return "postgres://postgres@127.0.0.1:5432/k_look_serve"
    except Exception:
        return f"sqlite:///{tmp_path}/db.sqlite3"


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        KINERJA_ENV="production",
        SECRET_KEY="uji-produksi-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=_database(tmp_path),
        KINERJA_VAR_DIR=str(tmp_path / "var"),
        STATIC_ROOT=str(tmp_path / "static"),
        KINERJA_BIND=f"127.0.0.1:{PORT}",
        WEB_CONCURRENCY="2",
        DJANGO_SETTINGS_MODULE="kinerja.settings",
    )
    return env


def _get(path: str, **headers: str):
    # As a TLS proxy on the same machine would send it (gunicorn trusts 127.0.0.1).
    request = urllib.request.Request(
        f"http://127.0.0.1:{PORT}{path}",
        headers={"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip", **headers},
    )
    return urllib.request.urlopen(request, timeout=10)


def _wait_for_port(process, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(process.stdout.read())
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", PORT)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError("gunicorn did not start")


@pytest.mark.skipif(not (VENV_BIN / "gunicorn").exists(), reason="gunicorn not installed")
def test_gunicorn_serves_pages_and_hashed_static_files(tmp_path):
    env = _env(tmp_path)
    kinerja = str(VENV_BIN / "kinerja")
    # The third-party apps' files (the admin's, DRF's, Swagger UI's: 900 files) are left out of
    # this collection only to keep the test short; scripts/serve.sh collects everything.
    skip = ["-i", "admin", "-i", "rest_framework", "-i", "drf_spectacular_sidecar"]
    for args in (
        ["collectstatic", "--no-input", "-v", "0", *skip],
        ["migrate", "--no-input", "-v", "0"],
    ):
        subprocess.run([kinerja, *args], env=env, check=True, timeout=300)
    process = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "--config",
            "python:kinerja.web.gunicorn_conf",
            "kinerja.wsgi",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _wait_for_port(process)
        page = _get("/masuk/")
        html = page.read().decode()
        assert page.status == 200
        assert "no-store" in page.headers["Cache-Control"]
        assert "Strict-Transport-Security" in page.headers
        # The layout links the hashed name of the stylesheet (ManifestStaticFilesStorage).
        css = re.search(r'href="(/static/web/kinerja\.[0-9a-f]{12}\.css)"', html).group(1)
        static = _get(css)
        assert static.status == 200
        assert static.headers["Content-Type"].startswith("text/css")
        assert static.headers["Content-Encoding"] == "gzip"  # compressed at collectstatic
        assert "immutable" in static.headers["Cache-Control"]
        assert "max-age=315360000" in static.headers["Cache-Control"]
        favicon = _get("/static/web/favicon.svg")
        assert favicon.status == 200 and "max-age=3600" in favicon.headers["Cache-Control"]
        # Without the proxy's header: redirected to HTTPS (SECURE_SSL_REDIRECT).
        plain = urllib.request.Request(f"http://127.0.0.1:{PORT}/masuk/")
        opener = urllib.request.build_opener(_NoRedirect)
        with pytest.raises(urllib.error.HTTPError) as answer:
            opener.open(plain, timeout=10)
        assert answer.value.code == 301
        assert answer.value.headers["Location"] == f"https://127.0.0.1:{PORT}/masuk/"
    finally:
        process.terminate()
        log = process.communicate(timeout=30)[0]
    # The access log: one line per request with status and duration, in the service's output.
    assert re.search(r'"GET /masuk/" 200 \d+ \d+ms', log), log
    assert "Booting worker" in log


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
