"""Benchmark of the documents (issue #13): the office's LKjIP PDF and the whole-office quarterly
evaluation (XLSX and PDF), each made by ``kinerja report`` in its own process, as an operator
would run it.

    .venv/bin/python benchmarks/bench_documents.py [--repeat 3] [--database-url URL]

Without ``--database-url`` a throwaway SQLite database is made in a temporary directory with
``migrate`` and ``kinerja demo`` (the Sampang decree, 142 indicators of 24 positions, signed PKs,
a year of realizations). For each document: wall time, CPU time (user + system) and the peak
resident memory of the process (``ru_maxrss`` of the child), best and median of ``--repeat``
runs, and the size of the file. A run of ``kinerja report pk 999`` (refused at once: Django
start-up and the command's imports, no document) is the baseline to subtract. The machine's
load average is printed, since wall time on a shared machine follows it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINERJA = str(ROOT / ".venv" / "bin" / "kinerja")

DOCUMENTS = [
    ("start-up only (pk 999, refused)", ["pk", "999"]),
    ("LKjIP PDF", ["lkjip", "--year", "2024", "--format", "pdf"]),
    ("LKjIP XLSX", ["lkjip", "--year", "2024", "--format", "xlsx"]),
    ("evaluation TW II XLSX", ["evaluasi", "--year", "2024", "--quarter", "2"]),
    ("evaluation TW II PDF", ["evaluasi", "--year", "2024", "--quarter", "2", "--format", "pdf"]),
    ("evaluation TW IV PDF", ["evaluasi", "--year", "2024", "--quarter", "4", "--format", "pdf"]),
]


WRAPPER = (
    "import resource, subprocess, sys, time;"
    "t = time.perf_counter();"
    "p = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
    "w = time.perf_counter() - t;"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN);"
    "print(p.returncode, w, u.ru_utime + u.ru_stime, u.ru_maxrss);"
    "sys.stderr.write(p.stderr)"
)


def run(args: list[str], env: dict[str, str], out: Path) -> tuple[float, float, int, int]:
    """Wall s, CPU s and peak RSS (KiB) of one ``kinerja report`` process (measured by a small
    wrapper process that runs only it), and the file's size."""
    command = [KINERJA, "report", *args, "-o", str(out)]
    if args[0] not in ("pk", "keputusan"):
        command += ["--agency", "1"]
    proc = subprocess.run(
        [sys.executable, "-c", WRAPPER, *command], env=env, capture_output=True, text=True
    )
    code, wall, cpu, peak = proc.stdout.split()
    if code not in ("0", "2"):
        sys.exit(proc.stderr)
    size = out.stat().st_size if out.exists() else 0
    return float(wall), float(cpu), int(peak), size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database-url")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "KINERJA_VAR_DIR": tmp}
        if options.database_url:
            env["DATABASE_URL"] = options.database_url
        else:
            env["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
            for step in (["migrate", "-v0"], ["demo"]):
                subprocess.run([KINERJA, *step], env=env, check=True, capture_output=True)
        print(f"load average before: {os.getloadavg()[0]:.1f}, CPUs: {os.cpu_count()}")
        print("| document | wall best / median s | CPU best / median s | peak RSS MiB | size KiB |")
        print("|---|---|---|---|---|")
        for label, args in DOCUMENTS:
            walls, cpus, peaks = [], [], []
            size = 0
            for i in range(options.repeat):
                out = Path(tmp) / f"doc-{i}.bin"
                out.unlink(missing_ok=True)
                wall, cpu, peak, size = run(args, env, out)
                walls.append(wall)
                cpus.append(cpu)
                peaks.append(peak)
            print(
                f"| {label} | {min(walls):.2f} / {statistics.median(walls):.2f} | "
                f"{min(cpus):.2f} / {statistics.median(cpus):.2f} | "
                f"{max(peaks) / 1024:.0f} | {size / 1024:.0f} |"
            )
        print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
