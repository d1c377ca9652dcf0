"""Synthetic SIAK extracts: realistic enough to exercise the engine, fake enough to share.

Nobody in these files exists. Households (a head, usually a spouse, children, sometimes a parent
or grandchild) are spread over the real Kemendagri desa codes; coverage rates differ by kecamatan
around the published Sampang figures (KTP-el about 97% of wajib KTP-el, akta kelahiran 0-18 about
88%, KIA 10-30%); a small share of rows is deliberately invalid so that the quarantine has work.

Generation is vectorised with NumPy and written in chunks of whole kecamatan (at most about 1.5
million residents each), so a 40-million-row Jawa Timur extract needs bounded memory.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from . import synthetic_parts as parts
from .regions import desa_of, kabupaten_population, kecamatan_of, regions

CHUNK_RESIDENTS = 1_500_000
JATIM = "35"


@dataclass(frozen=True, slots=True)
class SynthResult:
    residents: Path
    services: Path
    resident_rows: int
    service_rows: int
    invalid_residents: int  # rows that must be quarantined
    invalid_services: int
    noted_residents: int = 0  # rows kept with a note (NIK digits differ from corrected data, ...)


class _Writer:
    """Appends pyarrow tables to one CSV or Parquet file."""

    def __init__(self, path: Path, fmt: str) -> None:
        self.path, self.fmt, self._w = path, fmt, None

    def write(self, table: pa.Table) -> None:
        if self._w is None:
            if self.fmt == "parquet":
                self._w = pq.ParquetWriter(self.path, table.schema, compression="zstd")
            else:
                self._w = pacsv.CSVWriter(self.path, table.schema)
        self._w.write_table(table)

    def close(self) -> None:
        if self._w is not None:
            self._w.close()


def _kabupaten_sizes(area: str, residents: int) -> dict[str, int]:
    pops = {k.code: k.total for k in kabupaten_population()}
    codes = sorted(pops) if area == JATIM else [area]
    if any(c not in pops for c in codes):
        raise ValueError(f"unknown kabupaten/kota code: {area}")
    weights = np.array([pops[c] for c in codes], dtype=float)
    return dict(zip(codes, parts.apportion(residents, weights / weights.sum()), strict=True))


def _chunks(area: str, residents: int, rng: np.random.Generator):
    """Yield (kecamatan codes, desa codes, desa populations) in groups of whole kecamatan."""
    for kab, size in _kabupaten_sizes(area, residents).items():
        desa = desa_of(kab)
        urban = np.array([d.level == "kelurahan" for d in desa])
        weights = rng.lognormal(0.0, 0.45, len(desa)) * np.where(urban, 1.6, 1.0)
        pops = parts.apportion(size, weights / weights.sum())
        by_kec: dict[str, list[int]] = {}
        for i, d in enumerate(desa):
            by_kec.setdefault(d.parent, []).append(i)
        group: list[int] = []
        for kec in kecamatan_of(kab):
            group += by_kec.get(kec.code, [])
            if pops[group].sum() >= CHUNK_RESIDENTS:
                yield [desa[i].code for i in group], pops[group]
                group = []
        if group:
            yield [desa[i].code for i in group], pops[group]


def synth(
    residents: int,
    seed: int,
    out_dir: str | Path,
    fmt: str = "csv",
    invalid_share: float = 0.002,
    *,
    area: str = "35.27",
    snapshot: date = date(2024, 12, 31),
    progress: Callable[[str, int, int], None] | None = None,
) -> SynthResult:
    """Write ``penduduk.<fmt>`` and ``layanan.<fmt>`` under ``out_dir``.

    ``area`` is a kabupaten/kota code (default Sampang, 35.27) or "35" for all of Jawa Timur, split
    by the 2024 register population. ``snapshot`` is the date the extract is taken: import it with
    ``extract_date=snapshot``. The same seed gives the same files.
    """
    if fmt not in ("csv", "parquet"):
        raise ValueError("fmt must be 'csv' or 'parquet'")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    res_path, svc_path = out / f"penduduk.{fmt}", out / f"layanan.{fmt}"
    rng = np.random.default_rng([seed, 0])
    chunks = list(_chunks(area, residents, rng))
    all_kec = np.array([int(r.code.replace(".", "")) for r in regions() if r.level == "kecamatan"])
    res_w, svc_w = _Writer(res_path, fmt), _Writer(svc_path, fmt)
    counts = np.zeros(5, dtype=np.int64)
    try:
        for i, (desa_codes, pops) in enumerate(chunks):
            if progress is not None:
                progress("Membuat data sintetis", i, len(chunks))
            crng = np.random.default_rng([seed, i + 1])
            ctx = parts.Chunk(
                index=i,
                n_chunks=len(chunks),
                desa=np.array(desa_codes),
                pops=pops,
                snapshot=parts.days(snapshot),
                all_kecamatan=all_kec,
                rng=crng,
            )
            people = parts.people(ctx)
            table, (bad, noted) = parts.residents_table(ctx, people, invalid_share)
            res_w.write(table)
            svc, bad_svc = parts.services_table(ctx, invalid_share)
            svc_w.write(svc)
            counts += (table.num_rows, svc.num_rows, bad, bad_svc, noted)
    finally:
        res_w.close()
        svc_w.close()
    if progress is not None:
        progress("Membuat data sintetis", len(chunks), len(chunks))
    return SynthResult(res_path, svc_path, *(int(c) for c in counts))
