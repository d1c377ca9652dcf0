"""Benchmark of the scoring engine: a whole kabupaten, bulk path against scalar path.

    .venv/bin/python benchmarks/bench_scoring.py [--indicators 50000] [--years 6] [--sample 2000]

Generates (seeded) about 40 agencies' indicators with monthly realisations over several years
(50,000 x 72 months = 3.6 million rows by default), scores every indicator-year with the bulk
NumPy path, scores a sample of indicators with the scalar Decimal path, checks that both give
identical output on the sample, and prints timings and peak memory. The scalar figure for the
whole kabupaten is extrapolated from the sample (and says so).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kinerja.scoring import score
from kinerja.scoring.bulk import BulkRows, BulkSeries, render_row, score_bulk
from kinerja.scoring.bulk_render import indicator_of, observations_of


def generate(indicators: int, years: int, seed: int = 20240601) -> tuple[BulkSeries, BulkRows]:
    """Plausible synthetic data: rates as numerator/denominator, counts as values, a few gaps,
    zero denominators, zero targets, ranges, caps and quarterly targets."""
    rng = np.random.default_rng(seed)
    kind = rng.choice(3, indicators, p=[0.55, 0.10, 0.35])
    aggregation = np.where(
        kind == 2, rng.random(indicators) < 0.1, rng.random(indicators) < 0.6
    ).astype(np.int8)
    polarity = rng.choice(3, indicators, p=[0.75, 0.15, 0.10])
    agency = rng.integers(0, 40, indicators)
    capped_agency = rng.random(40) < 0.3

    n = indicators * years
    ind = np.repeat(np.arange(indicators), years)
    year = np.tile(np.arange(2019, 2019 + years), indicators)
    k = kind[ind]
    level = rng.uniform(0.6, 0.99, n)
    annual = rng.integers(100, 50_000, n).astype(np.float64)
    target = np.where(
        k == 0, np.round(level * 100, 2), np.where(k == 1, np.round(level * 3, 2), annual)
    )
    target[rng.random(n) < 0.02] = 0.0
    pol = polarity[ind]
    target_min = np.where(pol == 2, np.round(target * 0.9, 2), np.nan)
    target_max = np.where(pol == 2, np.round(target * 1.05, 2), np.nan)
    target = np.where(pol == 2, np.nan, target)
    quarterly = np.full((n, 4), np.nan)
    split = (k == 2) & (aggregation[ind] == 0) & (pol != 2) & (rng.random(n) < 0.3)
    shares = rng.dirichlet(np.ones(4), n)
    quarterly[split] = np.round(annual[split, None] * shares[split])
    series = BulkSeries.build(
        year,
        kind=k,
        aggregation=aggregation[ind],
        polarity=pol,
        granularity=0,
        target=target,
        target_min=target_min,
        target_max=target_max,
        cap=np.where(capped_agency[agency[ind]], 120.0, np.nan),
        lower_formula=(rng.random(n) < 0.1).astype(np.int8),
        quarterly_targets=quarterly,
    )

    rows_series = np.repeat(np.arange(n), 12)
    slot = np.tile(np.arange(1, 13), n)
    keep = rng.random(n * 12) >= 0.01
    keep &= np.repeat(rng.random(n) >= 0.005, 12)
    rows_series, slot = rows_series[keep], slot[keep]
    m = len(rows_series)
    rk = k[rows_series]
    denominator = rng.integers(50, 5000, m).astype(np.float64)
    denominator[rng.random(m) < 0.005] = 0.0
    rate = np.clip(rng.normal(level[rows_series], 0.08), 0, 1.02)
    numerator = np.round(denominator * rate)
    monthly = annual[rows_series] / 12
    value = rng.poisson(monthly).astype(np.float64)
    decimal_counts = rng.random(m) < 0.1
    value[decimal_counts] = np.round(value[decimal_counts] + rng.random(decimal_counts.sum()), 2)
    rows = BulkRows(
        series=rows_series,
        slot=slot,
        numerator=np.where(rk == 2, np.nan, numerator),
        denominator=np.where(rk == 2, np.nan, denominator),
        value=np.where(rk == 2, value, np.nan),
    )
    return series, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indicators", type=int, default=50_000)
    parser.add_argument("--years", type=int, default=6)
    parser.add_argument("--sample", type=int, default=2_000, help="indicators for the scalar path")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    t0 = time.perf_counter()
    series, rows = generate(args.indicators, args.years)
    print(
        f"data: {args.indicators:,} indicators x {args.years} years = {len(series):,} "
        f"indicator-years, {len(rows.series):,} monthly rows "
        f"(generated in {time.perf_counter() - t0:.2f} s)"
    )

    timings = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        result = score_bulk(series, rows)
        timings.append(time.perf_counter() - t0)
    print(
        f"bulk path, all indicator-years: best {min(timings):.2f} s, "
        f"median {sorted(timings)[len(timings) // 2]:.2f} s over {args.repeat} runs; "
        f"{len(result.fallback):,} series ({len(result.fallback) / len(series):.2%}) "
        "settled by the scalar engine inside the bulk run"
    )

    tracemalloc.start()
    score_bulk(series, rows)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"bulk path peak traced allocation: {peak / 2**20:,.0f} MiB")

    sample = np.arange(min(args.sample, args.indicators) * args.years)
    t0 = time.perf_counter()
    inputs = [(indicator_of(series, i), observations_of(result, i)) for i in sample.tolist()]
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    scalar = [score(ind, obs) for ind, obs in inputs]
    elapsed = time.perf_counter() - t0
    factor = len(series) / len(sample)
    print(
        f"scalar path, {len(sample):,} indicator-years ({len(sample) // args.years:,} "
        f"indicators): {elapsed:.2f} s (+{build:.2f} s building objects); "
        f"extrapolated to all {len(series):,}: about {elapsed * factor:.0f} s"
    )

    t0 = time.perf_counter()
    mismatches = sum(
        render_row(result, i) != s.to_dict() for i, s in zip(sample.tolist(), scalar, strict=True)
    )
    print(
        f"agreement on the sample: {len(sample) - mismatches:,}/{len(sample):,} identical "
        f"(compared in {time.perf_counter() - t0:.2f} s)"
    )
    statuses = np.bincount(result.status, minlength=4)
    print("status counts (on_track, at_risk, off_track, no_data):", statuses.tolist())
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak RSS: {rss:,.0f} MiB")
    if mismatches:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
