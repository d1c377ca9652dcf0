"""Benchmark of the population engine against idiomatic polars and pandas, in one run:
synthetic extract -> import (validation, family facts, running counts; in a child process so
that its peak memory is its own) -> all indicators for all areas on one reference date, by the
engine (running counts), by the engine's one-pass SQL (the path before the running counts), by
polars and by pandas from the extract as read; the results must be identical.

    nice -n 10 .venv/bin/python benchmarks/bench_population.py --sizes 1000000
    nice -n 10 .venv/bin/python benchmarks/bench_population.py \\
        --sizes 1000000,10000000,40000000 --workdir /tmp/popbench --reuse

Up to 2 million residents the extract is Sampang (35.27), above that all of Jawa Timur (35).
Prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests" / "population"))

SNAPSHOT = date(2024, 12, 31)
AS_OF = date(2024, 12, 31)


def best(fn, repeat: int):
    times, value = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - t)
    return min(times), value


def rss_gib() -> float:
    """Peak resident memory of this process. VmHWM (Linux) is this program's own; ru_maxrss
    would include the parent's peak, inherited across fork by the import child."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024**2
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


def area_of(n: int) -> str:
    return "35.27" if n <= 2_000_000 else "35"


def import_child(residents: str, services: str, db: str, memory_limit: str) -> None:
    """Run in a child process: import into ``db`` and report time and peak memory as JSON."""
    from kinerja.population import import_extract

    t = time.perf_counter()
    s = import_extract(
        residents, services, db_path=db, extract_date=SNAPSHOT, memory_limit=memory_limit
    )
    secs = time.perf_counter() - t
    s.con.execute("CHECKPOINT")
    s.con.close()  # not s.close(): the parent computes on the file, then deletes it
    out = {"secs": secs, "accepted": s.accepted, "rejected": s.rejected, "rss": rss_gib()}
    print(json.dumps(out))


def run_size(n: int, args: argparse.Namespace, work: Path) -> list[tuple[str, str]]:
    import duckdb

    from kinerja.population import compute, service_counts, synth
    from kinerja.population.engine import remove_working_files

    area = area_of(n)
    rows: list[tuple[str, str]] = []
    d = work / f"n{n}"
    residents, services = d / "penduduk.parquet", d / "layanan.parquet"
    if not (args.reuse and residents.exists() and services.exists()):
        t = time.perf_counter()
        synth(n, seed=args.seed, out_dir=d, fmt="parquet", area=area, snapshot=SNAPSHOT,
              invalid_share=0)  # fmt: skip
        rows.append(("synth (write extract)", f"{time.perf_counter() - t:.0f} s"))
    db = d / "kerja.duckdb"
    child = subprocess.run(
        [
            sys.executable,
            __file__,
            "--import-child",
            str(residents),
            str(services),
            str(db),
            args.memory_limit,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    imp = json.loads(child.stdout.strip().splitlines()[-1])
    rows.append((f"import + validation ({args.memory_limit} DuckDB limit)", f"{imp['secs']:.1f} s"))
    rows.append(("import: peak memory of the process (RSS)", f"{imp['rss']:.2f} GiB"))
    rows.append(("rows accepted / rejected", f"{imp['accepted']:,} / {imp['rejected']:,}"))
    con = duckdb.connect(str(db), read_only=True)
    threads = con.execute("SELECT current_setting('threads')").fetchall()[0][0]
    secs, results = best(lambda: compute(con, AS_OF), args.repeat)
    rows.append((f"compute, running counts (best of {args.repeat}, {threads} threads)",
                 f"**{secs * 1000:.1f} ms** ({len(results):,} results)"))  # fmt: skip
    sql_repeat = max(1, args.repeat if n <= 2_000_000 else 1)
    secs_sql, via_sql = best(lambda: compute(con, AS_OF, via_sql=True), sql_repeat)
    rows.append((f"compute, one-pass SQL (before; best of {sql_repeat})",
                 f"{secs_sql * 1000:.0f} ms: {secs_sql / secs:.0f}x slower, "
                 f"{'identical' if via_sql == results else 'DIFFERENT'}"))  # fmt: skip
    secs_sc, _counts = best(lambda: service_counts(con), args.repeat)
    rows.append(("service counts per month, all areas", f"{secs_sc:.3f} s"))
    con.close()
    remove_working_files(db)
    mine = {
        (r.indicator, r.area_level, r.area_code): (r.numerator, r.denominator)
        for r in results
        if r.denominator
    }
    base_repeat = min(3, args.repeat) if n <= 2_000_000 else 1
    if n <= args.baselines_max and not args.no_polars:
        import polars as pl
        from test_population_independent import expected

        res, svc = pl.read_parquet(residents), pl.read_parquet(services)
        secs_pl, theirs = best(lambda: expected(res, svc, AS_OF, area), base_repeat)
        theirs = {k: v for k, v in theirs.items() if v[1]}
        rows.append((f"polars, same definitions from the extract (best of {base_repeat})",
                     f"{secs_pl:.2f} s: engine {secs_pl / secs:,.0f}x faster, "
                     f"{'identical' if mine == theirs else 'DIFFERENT'}"))  # fmt: skip
        del res, svc, theirs
    if n <= args.baselines_max and not args.no_pandas:
        import pandas as pd
        from pandas_baseline import compute_pandas

        res, svc = pd.read_parquet(residents), pd.read_parquet(services)
        secs_pd, theirs = best(lambda: compute_pandas(res, svc, AS_OF, area), base_repeat)
        theirs = {k: v for k, v in theirs.items() if v[1]}
        rows.append((f"pandas, same definitions from the extract (best of {base_repeat})",
                     f"{secs_pd:.2f} s: engine {secs_pd / secs:,.0f}x faster, "
                     f"{'identical' if mine == theirs else 'DIFFERENT'}"))  # fmt: skip
        del res, svc, theirs
    rows.append(("peak memory of the benchmark process so far (RSS)", f"{rss_gib():.1f} GiB"))
    if not args.keep:
        for p in (residents, services):
            p.unlink(missing_ok=True)
    return rows


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--import-child":
        import_child(*sys.argv[2:6])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000", help="comma-separated resident counts")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--memory-limit", default="3GB", help="DuckDB memory_limit for import")
    parser.add_argument("--baselines-max", type=int, default=10_000_000,
                        help="run polars and pandas only up to this size")  # fmt: skip
    parser.add_argument("--no-polars", action="store_true")
    parser.add_argument("--no-pandas", action="store_true")
    parser.add_argument("--workdir", default="")
    parser.add_argument("--reuse", action="store_true", help="reuse extracts in --workdir")
    parser.add_argument("--keep", action="store_true", help="keep the synthetic extracts")
    args = parser.parse_args()
    import duckdb
    import pandas
    import polars

    work = Path(args.workdir or tempfile.mkdtemp(prefix="bench-population-"))
    print(
        f"<!-- {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"DuckDB {duckdb.__version__}, polars {polars.__version__}, pandas {pandas.__version__}, "
        f"load average {os.getloadavg()[0]:.1f} at start -->"
    )
    for n in (int(s) for s in args.sizes.split(",")):
        print(f"\n| {n:,} residents ({area_of(n)}) | result |\n|---|---|", flush=True)
        for step, value in run_size(n, args, work):
            print(f"| {step} | {value} |", flush=True)
    print(f"<!-- load average {os.getloadavg()[0]:.1f} at the end -->")


if __name__ == "__main__":
    main()
