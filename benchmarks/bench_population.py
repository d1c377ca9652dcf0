"""Benchmark of the population engine: synthetic extract -> import (validation, quarantine) ->
all indicators for all areas on one reference date, against the pandas baseline on the same
validated data (results must be identical).

    .venv/bin/python benchmarks/bench_population.py                  # 1 million, Sampang
    .venv/bin/python benchmarks/bench_population.py --jatim          # 40 million, Jawa Timur

Prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import platform
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests" / "population"))

from kinerja.population import compute, import_extract, service_counts, synth  # noqa: E402

SNAPSHOT = date(2024, 12, 31)
AS_OF = date(2024, 12, 31)


def best(fn, repeat: int):
    times, value = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - t)
    return min(times), value


def peak_rss_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


def run(args: argparse.Namespace) -> list[tuple[str, str]]:
    work = Path(args.workdir or tempfile.mkdtemp(prefix="bench-population-"))
    area = "35" if args.jatim else "35.27"
    n = args.residents or (40_000_000 if args.jatim else 1_000_000)
    rows: list[tuple[str, str]] = [("residents", f"{n:,}"), ("area", area), ("format", args.fmt)]

    t = time.perf_counter()
    extract = synth(
        n,
        seed=args.seed,
        out_dir=work,
        fmt=args.fmt,
        area=area,
        snapshot=SNAPSHOT,
        invalid_share=args.invalid_share,
    )
    rows.append(("synth (write extract)", f"{time.perf_counter() - t:.1f} s"))
    rows.append(("service transactions", f"{extract.service_rows:,}"))

    db = work / "kerja.duckdb" if (args.jatim or n > 2_000_000) else None
    t = time.perf_counter()
    summary = import_extract(
        extract.residents,
        extract.services,
        db_path=db,
        extract_date=SNAPSHOT,
        memory_limit=args.memory_limit,
    )
    rows.append(("import + validation", f"{time.perf_counter() - t:.2f} s"))
    rows.append(("rows accepted / rejected", f"{summary.accepted:,} / {summary.rejected:,}"))

    secs, results = best(lambda: compute(summary, AS_OF), args.repeat)
    rows.append(("compute: all indicators, all areas (DuckDB)", f"{secs:.3f} s"))
    rows.append(("area results", f"{len(results):,}"))
    secs_sc, counts = best(lambda: service_counts(summary), args.repeat)
    rows.append(("service counts per month, all areas", f"{secs_sc:.3f} s ({len(counts):,} rows)"))

    if not args.no_polars:
        # The independent polars recomputation of tests/population (idiomatic polars on the
        # extract as read: text KK numbers, calendar ages, families by grouping); identical results.
        import polars as pl
        from test_population_independent import expected

        res = (
            pl.read_csv(extract.residents, infer_schema=False)
            if args.fmt == "csv"
            else (pl.read_parquet(extract.residents))
        )
        svc = (
            pl.read_csv(extract.services, infer_schema=False)
            if args.fmt == "csv"
            else (pl.read_parquet(extract.services))
        )
        secs_pl, theirs = best(lambda: expected(res, svc, AS_OF), args.repeat)
        mine = {
            (r.indicator, r.area_level, r.area_code): (r.numerator, r.denominator)
            for r in results
            if r.denominator
        }
        theirs = {k: v for k, v in theirs.items() if v[1]}
        same = "identical" if mine == theirs else "DIFFERENT"
        rows.append(("compute: same definitions in polars (from the extract)", f"{secs_pl:.3f} s"))
        rows.append(("results of polars vs DuckDB", same))
        rows.append(("DuckDB speed-up over polars", f"{secs_pl / secs:.1f}x"))
    summary.close()
    rows.append(("peak memory (process RSS)", f"{peak_rss_gib():.1f} GiB"))
    if not args.keep:
        for p in (extract.residents, extract.services):
            p.unlink(missing_ok=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=0, help="default 1M, or 40M with --jatim")
    parser.add_argument("--jatim", action="store_true", help="all of Jawa Timur (takes minutes)")
    parser.add_argument("--fmt", choices=("csv", "parquet"), default="parquet")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory-limit", default="6GB", help="DuckDB memory_limit")
    parser.add_argument("--no-polars", action="store_true")
    parser.add_argument("--invalid-share", type=float, default=0.002)
    parser.add_argument("--workdir", default="")
    parser.add_argument("--keep", action="store_true", help="keep the synthetic extract")
    args = parser.parse_args()
    import os

    import duckdb
    import polars

    print(
        f"<!-- {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"DuckDB {duckdb.__version__}, polars {polars.__version__} -->"
    )
    print("| step | result |\n|---|---|")
    for step, value in run(args):
        print(f"| {step} | {value} |")


if __name__ == "__main__":
    main()
