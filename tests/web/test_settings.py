"""Production mode must refuse to run without a secret and pass Django's deploy checks."""

import os
import subprocess
import sys


def _kinerja(*args, **env):
    full = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    full.update(env)
    return subprocess.run(
        [sys.executable, "-m", "kinerja", *args],
        capture_output=True,
        text=True,
        env=full,
        timeout=60,
    )


def test_production_requires_secret_key():
    proc = _kinerja("check", KINERJA_ENV="production")
    assert proc.returncode != 0
    assert "SECRET_KEY is required" in proc.stderr


def test_production_passes_check_deploy():
    proc = _kinerja(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        KINERJA_ENV="production",
        SECRET_KEY="x" * 20 + "-production-secret-key-with-enough-entropy-9f8e7d",
        ALLOWED_HOSTS="kinerja.sampangkab.go.id",
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no issues" in proc.stdout
