"""Benchmark of the achievement read model (issue #11): an office year through the database,
and a synthetic kabupaten through the bulk path into data objects.

    .venv/bin/python benchmarks/bench_achievement.py [--repeat 5] [--convert-repeat 2]
        [--trace-conversions] [--indicators 50000] [--years 6] [--skip-db] [--skip-kabupaten]

Part A, whole office year through the database: a throwaway SQLite database in a temporary
directory, ``migrate`` and ``kinerja demo`` (the Sampang decree with targets, signed PKs and a
year of realizations), then ``achievement(every position of the decree, year)``, its query count,
and the Kabid's position page through the test client, each against the login page (GET, no
session) timed in the same run.

Part B, synthetic kabupaten (no database): ``generate()`` of bench_scoring.py, ``score_bulk``
as the baseline, then turning its result into objects: ``bulk_render.scores(result)`` (what the
read model uses) and, for comparison, ``render_row`` for every series (the older dict way), each
as a ratio to the bulk computation, checking that both give the same output; peak traced
allocation (tracemalloc) of the bulk run (of the conversions too with ``--trace-conversions``)
and the process peak RSS after each step.

Timings are the best and the median of ``--repeat`` runs (``--convert-repeat`` for the two
conversions, 8 to 15 s each at full size); every ratio is median over median. The whole run
takes about 2.5 minutes of CPU (4 minutes on 2 cores shared with other work; 1.5 more with
``--trace-conversions``), 30 to 80 s of it loading the demo.
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import platform
import resource
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

MiB = 2**20


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """(best, median, last result) of ``repeat`` calls."""
    timings, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        timings.append(time.perf_counter() - t0)
    return min(timings), statistics.median(timings), out


def peak_traced(fn: Callable[[], Any]) -> str:
    """Peak traced allocation of one call (its result is kept until the peak is read), and how
    long the traced call took (tracing slows allocation-heavy Python code several times)."""
    t0 = time.perf_counter()
    tracemalloc.start()
    try:
        out = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del out
    return f"{peak / MiB:,.0f} MiB (traced run {time.perf_counter() - t0:.1f} s)"


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def row(rows: list[tuple[str, str]], label: str, value: str) -> None:
    rows.append((label, value))
    print(f"  {label:<58} {value}", flush=True)


def machine() -> list[str]:
    import numpy as np

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        f"nproc {os.cpu_count()}, CPU {cpu}",
        f"Python {platform.python_version()}, NumPy {np.__version__}",
        f"load average (1, 5, 15 min): {load}",
    ]


# --- part A: a whole office year through the database ------------------------------------------


def office_year(repeat: int, rows: list[tuple[str, str]]) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="kinerja-bench-achievement-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["KINERJA_VAR_DIR"] = str(workdir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "kinerja.settings"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("DEBUG", "0")  # as in production: no query log, no debug pages
    import django

    django.setup()
    logging.getLogger("axes").setLevel(logging.WARNING)  # one line per force_login otherwise

    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from kinerja.accounts.models import User
    from kinerja.catalog.models import Decree, Indicator, Position
    from kinerja.demo.demo_logins import ROLES
    from kinerja.measurement.achievement import achievement

    print(f"part A: office year through the database ({workdir})", flush=True)
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("demo", stdout=io.StringIO())
    setup = time.perf_counter() - t0

    decree = Decree.objects.select_related("agency").order_by("pk").first()
    year = max(min(2024, decree.period_end), decree.period_start)
    positions = list(Position.objects.filter(decree=decree).order_by("order"))
    indicators = Indicator.objects.filter(goal__position__decree=decree).count()
    row(rows, "setup: migrate + kinerja demo (not part of any ratio)", f"{setup:.1f} s")

    # Baseline: the login page, anonymous (template, CSRF token, middleware; one request).
    anonymous = Client()
    login_url = reverse("login")
    assert anonymous.get(login_url).status_code == 200
    base_best, base_median, _ = timed(lambda: anonymous.get(login_url), repeat * 10)
    row(
        rows,
        f"baseline: GET login page, best (median) of {repeat * 10}",
        _pair(base_best, base_median),
    )

    def office() -> Any:
        return achievement(positions, year)

    office()  # warm: imports, scale registry, template of nothing
    best, median, result = timed(office, repeat)
    with CaptureQueriesContext(connection) as captured:
        office()
    queries = len(captured)
    assert len(result.indicators) == indicators, (len(result.indicators), indicators)
    counted = result.agencies[decree.agency_id].counted
    row(
        rows,
        f"achievement({len(positions)} positions, {year}): {indicators} indicators",
        f"{_pair(best, median)}, {queries} queries, {median / base_median:.1f}x baseline",
    )
    row(
        rows,
        "  of which scored (capaian computed), office capaian",
        f"{counted}, {result.agencies[decree.agency_id].capaian}",
    )

    lean_best, lean_median, _ = timed(
        lambda: achievement(positions, year, with_cells=False, with_quarters=False), repeat
    )
    row(
        rows,
        "same, with_cells=False, with_quarters=False",
        f"{_pair(lean_best, lean_median)}, {lean_median / base_median:.1f}x baseline",
    )

    kabid = Position.objects.get(decree=decree, key=ROLES["atasan"])
    client = Client()
    client.force_login(User.objects.get(username="atasan"))
    page_url = reverse("measurement:position_year", kwargs={"pk": kabid.pk, "year": year})
    response = client.get(page_url)
    assert response.status_code == 200, response.status_code
    page_indicators = Indicator.objects.filter(goal__position=kabid).count()
    reset_queries()  # every request starts with an empty query log (request_started)
    with CaptureQueriesContext(connection) as captured:
        client.get(page_url)
    page_queries = len(captured)  # read now: the list is a view of the log the next request resets
    page_best, page_median, _ = timed(lambda: client.get(page_url), repeat * 2)
    row(
        rows,
        f"Kabid position page ({page_indicators} indicators), best (median) of {repeat * 2}",
        f"{_pair(page_best, page_median)}, {page_queries} queries, "
        f"{page_median / base_median:.1f}x baseline, {len(response.content) // 1024} KiB",
    )
    connection.close()
    shutil.rmtree(workdir, ignore_errors=True)


def _pair(best: float, median: float) -> str:
    return f"{ms(best)} ({ms(median)})"


# --- part B: a synthetic kabupaten, no database ------------------------------------------------


def kabupaten(
    indicators: int,
    years: int,
    repeat: int,
    convert_repeat: int,
    trace_conversions: bool,
    rows: list[tuple[str, str]],
) -> None:
    from bench_scoring import generate

    from kinerja.scoring.bulk import render_row, score_bulk
    from kinerja.scoring.bulk_objects import scores

    print(f"part B: synthetic kabupaten, {indicators:,} indicators x {years} years", flush=True)
    t0 = time.perf_counter()
    series, bulk_rows = generate(indicators, years)
    n = len(series)
    row(
        rows,
        f"generate: {n:,} indicator-years, {len(bulk_rows.series):,} monthly rows",
        f"{time.perf_counter() - t0:.2f} s (not part of any ratio)",
    )
    rss_generated = rss_mib()

    bulk_best, bulk_median, result = timed(lambda: score_bulk(series, bulk_rows), repeat)
    row(rows, f"baseline: score_bulk, best (median) of {repeat}", _pair_s(bulk_best, bulk_median))
    rss_bulk = rss_mib()

    obj_best, obj_median, objects = timed(lambda: scores(result), convert_repeat)
    row(
        rows,
        f"scores(result) -> {len(objects):,} Score objects, best (median) of {convert_repeat}",
        f"{_pair_s(obj_best, obj_median)}, {obj_median / bulk_median:.1f}x bulk, "
        f"{obj_median / n * 1e6:.1f} us/series",
    )
    plain = sum(
        1
        for i, s in enumerate(objects)
        if i not in result.fallback and s.reason is None and not s.flags and not s.missing
    )
    row(
        rows,
        "  series built from the arrays / through render_row",
        f"{plain / n:.1%} / {1 - plain / n:.1%}",
    )
    rss_scores = rss_mib()

    dict_best, dict_median, dicts = timed(
        lambda: [render_row(result, i) for i in range(len(result))], convert_repeat
    )
    row(
        rows,
        f"render_row for every series (old way), best (median) of {convert_repeat}",
        f"{_pair_s(dict_best, dict_median)}, {dict_median / bulk_median:.1f}x bulk, "
        f"{dict_median / n * 1e6:.1f} us/series",
    )
    rss_dicts = rss_mib()

    t0 = time.perf_counter()
    mismatches = sum(s.to_dict() != d for s, d in zip(objects, dicts, strict=True))
    row(
        rows,
        "scores(result) equals render_row on every series",
        f"{n - mismatches:,} / {n:,} (checked in {time.perf_counter() - t0:.1f} s)",
    )
    del objects, dicts

    row(
        rows,
        "peak traced allocation: score_bulk",
        peak_traced(lambda: score_bulk(series, bulk_rows)),
    )
    if trace_conversions:
        row(
            rows,
            "peak traced allocation: scores(result), list kept",
            peak_traced(lambda: scores(result)),
        )
        row(
            rows,
            "peak traced allocation: render_row list, kept",
            peak_traced(lambda: [render_row(result, i) for i in range(len(result))]),
        )
    row(
        rows,
        "process peak RSS after generate / bulk / scores / + dicts",
        f"{rss_generated:,.0f} / {rss_bulk:,.0f} / {rss_scores:,.0f} / {rss_dicts:,.0f} MiB",
    )
    if mismatches:
        raise SystemExit(f"{mismatches} series differ between scores() and render_row")


def _pair_s(best: float, median: float) -> str:
    return f"{best:.2f} s ({median:.2f} s)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--indicators", type=int, default=50_000)
    parser.add_argument("--years", type=int, default=6)
    parser.add_argument(
        "--convert-repeat", type=int, default=2, help="runs of scores() and of render_row"
    )
    parser.add_argument(
        "--trace-conversions",
        action="store_true",
        help="also trace the two conversions (about 45 s each under tracemalloc)",
    )
    parser.add_argument("--skip-db", action="store_true", help="part B only")
    parser.add_argument("--skip-kabupaten", action="store_true", help="part A only")
    args = parser.parse_args()

    started = time.perf_counter()
    for line in machine():
        print(line)
    rows: list[tuple[str, str]] = []
    if not args.skip_db:
        office_year(args.repeat, rows)
    if not args.skip_kabupaten:
        kabupaten(
            args.indicators,
            args.years,
            args.repeat,
            args.convert_repeat,
            args.trace_conversions,
            rows,
        )
    print("\n| measurement | result |\n|---|---|")
    for label, value in rows:
        print(f"| {label.strip()} | {value} |")
    print(f"load average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"whole run: {time.perf_counter() - started:.0f} s, peak RSS {rss_mib():,.0f} MiB")


if __name__ == "__main__":
    main()
