"""A population import killed with ``kill -9`` in the middle of matching (a real subprocess): what
it leaves is private, holds no NIK (queried, not grepped: DuckDB compresses strings), and the next
import removes it."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from kinerja.population import synth, workfiles

SCRIPT = """
import sys
from datetime import date
from kinerja.population import import_extract, workfiles
work = workfiles.create(sys.argv[2])
def progress(stage, done, total):
    print(stage, flush=True)
import_extract(sys.argv[1], db_path=work.database, extract_date=date(2024, 12, 31),
               progress=progress, threads=1)
print("SELESAI", flush=True)
"""


def test_killed_import_leaves_no_nik_and_is_cleaned(tmp_path):
    extract = synth(150_000, seed=3, out_dir=tmp_path / "ekstrak", invalid_share=0)
    niks = pl.read_csv(extract.residents, columns=["nik", "no_kk"], infer_schema=False)
    root = tmp_path / "population"
    proc = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, str(extract.residents), str(root)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    for line in proc.stdout:
        if line.startswith("Mencocokkan"):
            break
    time.sleep(0.3)
    assert proc.poll() is None, "the import finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL

    left = [p for p in root.rglob("*")]
    assert left, "nothing was written before the kill"
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
    for p in left:
        mode = stat.S_IMODE(p.stat().st_mode)
        assert mode & 0o077 == 0, (p.name, oct(mode))
    # Query every table of every DuckDB file left (a copy: opening replays the WAL).
    wanted = set(niks["nik"].to_list()) | set(niks["no_kk"].to_list())
    numbers = {int(n) for n in wanted}
    for db in [p for p in left if p.suffix == ".duckdb"]:
        copy = tmp_path / f"salinan-{db.parent.name}.duckdb"
        shutil.copy(db, copy)
        if Path(f"{db}.wal").exists():
            shutil.copy(f"{db}.wal", f"{copy}.wal")
        con = duckdb.connect(str(copy))
        try:
            tables = con.execute(
                "SELECT table_name, column_name, data_type FROM information_schema.columns"
            ).fetchall()
            for table, column, kind in tables:
                values = con.execute(f'SELECT DISTINCT CAST("{column}" AS VARCHAR) FROM "{table}"')
                found = {v for (v,) in values.fetchall() if v is not None}
                assert not found & wanted, (table, column)
                if kind in ("BIGINT", "HUGEINT", "UBIGINT"):
                    assert not {int(v) for v in found} & numbers, (table, column)
        finally:
            con.close()
    # The next import starts by removing what the killed one left (its process is gone).
    removed = workfiles.clean_stale(root)
    assert removed and not list(root.glob("kerja-*"))
    assert date.today()  # keep the import of date used
