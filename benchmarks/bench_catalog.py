"""Parse and import the Sampang decree: time and database queries.

Run from the repository root:  .venv/bin/python benchmarks/bench_catalog.py
Uses a throw-away SQLite database under a temporary directory."""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

tmp = tempfile.mkdtemp()
os.environ["KINERJA_VAR_DIR"] = tmp
os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from kinerja.catalog.parsing import parse_decree  # noqa: E402
from kinerja.catalog.services import SEED_PATH, catalog_import, load_document  # noqa: E402


def main(repeat: int = 20) -> None:
    call_command("migrate", verbosity=0)
    raw = SEED_PATH.read_bytes()
    parse = []
    for _ in range(repeat):
        start = time.perf_counter()
        parse_decree(raw)
        parse.append(time.perf_counter() - start)
    document, sha = load_document(raw)
    rows = []
    for label in ("first import", "re-import (no change)"):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            catalog_import(document=document, source_sha256=sha)
            rows.append((label, time.perf_counter() - start, len(queries.captured_queries)))
    print(f"parse seed: median {statistics.median(parse) * 1000:.1f} ms over {repeat} runs")
    for label, seconds, count in rows:
        print(f"{label}: {seconds * 1000:.0f} ms, {count} queries")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
