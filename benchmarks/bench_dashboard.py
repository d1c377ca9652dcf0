"""Benchmark of the daily pages under load (issue #16): gunicorn on PostgreSQL, N concurrent
clients, each page as a ratio to a bare view of the same server.

    .venv/bin/python benchmarks/bench_dashboard.py --database postgres://postgres@127.0.0.1:5432/k_dash
        [--load-demo] [--port 8030] [--clients 20] [--requests 400] [--year 2026]

``--load-demo`` drops and recreates the database, migrates it and runs ``kinerja demo`` (the
Sampang decrees, people, targets, PKs, realizations, register). The server is the production
one: ``gunicorn -c kinerja/web/gunicorn_conf.py kinerja.wsgi`` with its defaults (workers
2 × cores + 1, 4 threads each), ``DEBUG`` off, access log discarded. Each client is a
``requests`` session signed in as the demo account a page is for (``kepala`` for the head's
dashboard, ``atasan`` for the bidang, position and inbox pages, ``pegawai`` for a holder's
day), in its own thread; every page is first warmed (each client 3 requests: every worker
computes its dashboards once per data version), then ``--requests`` requests are made by
``--clients`` clients at once. Latency is per request (until the body is read), throughput is
requests completed over the wall time of the run.

Baselines, same server, same run: the login page (anonymous GET: the middleware, a session, a
CSRF token and the layout template, the "bare view" the issue compares with) and
``/favicon.ico`` (a redirect with no template and no query: the floor of a request).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv" / "bin"


def run(cmd: list[str], env: dict) -> None:
    subprocess.run(cmd, env=env, check=True, cwd=ROOT)


def load_demo(env: dict, url: str) -> None:
    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
        run(["psql", admin, "-tAc", sql], env)
    run([str(VENV / "kinerja"), "migrate", "-v0"], env)
    t0 = time.perf_counter()
    run([str(VENV / "kinerja"), "demo"], env)
    print(f"demo loaded in {time.perf_counter() - t0:.0f} s", file=sys.stderr)


def targets(env: dict, year: int | None) -> tuple[int, dict[str, tuple[str, str]]]:
    """The year and each page's (account, path), read from the demo database."""
    code = (
        "import django, json; django.setup()\n"
        "from django.utils import timezone\n"
        "from kinerja.accounts.models import User\n"
        "from kinerja.accounts.access import access_for\n"
        "from kinerja.catalog.models import Agency, Decree\n"
        "from kinerja.catalog.selectors import decree_in_force\n"
        "from kinerja.dashboard.views import led_unit, office_agency\n"
        "head = User.objects.get(username='kepala'); kabid = User.objects.get(username='atasan')\n"
        "agency = office_agency(head)\n"
        "today = timezone.localdate().year\n"
        "year = today if decree_in_force(agency, today) else "
        "Decree.objects.filter(agency=agency).order_by('-period_end')[0].period_end\n"
        "position = min(access_for(kabid).held)\n"
        "print(json.dumps([agency.pk, led_unit(kabid).pk, position, year]))\n"
    )
    out = subprocess.run(
        [str(VENV / "python"), "-c", code], env=env, cwd=ROOT, check=True, capture_output=True,
        text=True,
    ).stdout  # fmt: skip
    agency, unit, position, found = eval(out.strip().splitlines()[-1])
    year = year or found
    return year, {
        "Login page (bare view)": ("", "/masuk/"),
        "Redirect, no template (floor)": ("", "/favicon.ico"),
        "Head of office dashboard": ("kepala", f"/dasbor/kantor/{agency}/?tahun={year}"),
        "Bidang page (Kabid)": ("atasan", f"/dasbor/unit/{unit}/?tahun={year}"),
        "Position page (Kabid)": ("atasan", f"/kinerja/jabatan/{position}/{year}/"),
        "Verification inbox (Kabid)": ("atasan", "/kinerja/verifikasi/"),
        "Holder's day (Kasi)": ("pegawai", f"/dasbor/?tahun={year}"),
    }


def session(base: str, username: str, password: str) -> requests.Session:
    s = requests.Session()
    if not username:
        return s
    page = s.get(base + "/masuk/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    r = s.post(
        base + "/masuk/",
        data={"csrfmiddlewaretoken": token, "username": username, "password": password},
        headers={"Referer": base + "/masuk/"},
        allow_redirects=False,
    )
    assert r.status_code == 302, f"login {username}: {r.status_code}"
    return s


def hammer(sessions: list[requests.Session], url: str, total: int) -> tuple[list[float], float]:
    latencies: list[float] = []
    lock = threading.Lock()
    per_client = total // len(sessions)
    errors: list[str] = []

    def client(s: requests.Session) -> None:
        mine = []
        for _ in range(per_client):
            t0 = time.perf_counter()
            r = s.get(url, allow_redirects=False)
            _ = r.content
            mine.append(time.perf_counter() - t0)
            if r.status_code not in (200, 302):
                errors.append(f"{url}: {r.status_code}")
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(s,)) for s in sessions]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    assert not errors, errors[:3]
    return latencies, wall


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--database", required=True)
    ap.add_argument("--load-demo", action="store_true")
    ap.add_argument("--port", type=int, default=8030)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=400)
    ap.add_argument("--year", type=int)
    ap.add_argument("--var-dir", default="/tmp/kinerja-bench-dashboard")
    args = ap.parse_args()
    env = {
        **os.environ,
        "DATABASE_URL": args.database,
        "KINERJA_VAR_DIR": args.var_dir,
        "DJANGO_SETTINGS_MODULE": "kinerja.settings",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "KINERJA_BIND": f"127.0.0.1:{args.port}",
        "PYTHONPATH": str(ROOT),
    }
    if args.load_demo:
        load_demo(env, args.database)
    year, pages = targets(env, args.year)
    accounts = (Path(args.var_dir) / "demo-accounts.txt").read_text().splitlines()
    passwords = dict(line.split(" ", 1) for line in accounts if " " in line)
    server = subprocess.Popen(
        [str(VENV / "gunicorn"), "-c", "kinerja/web/gunicorn_conf.py", "kinerja.wsgi"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(120):
            try:
                if requests.get(base + "/masuk/", timeout=10).status_code == 200:
                    break
            except requests.RequestException:  # not listening yet, or still starting
                time.sleep(0.5)
        load_before = os.getloadavg()
        rows = []
        for label, (user, path) in pages.items():
            sessions = [session(base, user, passwords.get(user, "")) for _ in range(args.clients)]
            hammer(sessions, base + path, 3 * args.clients)  # warm every worker
            latencies, wall = hammer(sessions, base + path, args.requests)
            rows.append(
                (
                    label,
                    path,
                    statistics.median(latencies),
                    pct(latencies, 0.95),
                    len(latencies) / wall,
                )
            )
            print(f"{label}: done", file=sys.stderr)
        load_after = os.getloadavg()
    finally:
        server.terminate()
        server.wait(timeout=30)
    bare = rows[0]
    probe = "import django, gunicorn; print(django.__version__, gunicorn.__version__)"
    versions = subprocess.run(
        [str(VENV / "python"), "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()
    pg = subprocess.run(
        ["psql", args.database, "-tAc", "show server_version"], capture_output=True, text=True
    ).stdout.strip()
    print(
        f"\nMachine: {os.cpu_count()} cores, {platform.processor() or platform.machine()}; Python "
        f"{platform.python_version()}, Django {versions[0]}, gunicorn {versions[1]}, PostgreSQL "
        f"{pg}; load average {load_before[0]:.1f} before, {load_after[0]:.1f} after.\n"
        f"{args.clients} clients, {args.requests} requests per page after warming, year {year}.\n"
    )
    print("| page | path | p50 | p95 | throughput | p95 / bare | throughput / bare |")
    print("|---|---|---|---|---|---|---|")
    for label, path, p50, p95, rps in rows:
        print(
            f"| {label} | `{path}` | {p50 * 1000:.0f} ms | {p95 * 1000:.0f} ms | {rps:.1f}/s | "
            f"{p95 / bare[3]:.2f} | {rps / bare[4]:.0%} |"
        )


if __name__ == "__main__":
    main()
