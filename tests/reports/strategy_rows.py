"""A small DPA workbook for the document tests of the strategy sections."""

import io

from openpyxl import Workbook


def budget_rows() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["Kode", "Nama", "Pagu", "Realisasi TW I", "Realisasi TW II"])
    ws.append(["2.12.02", "PROGRAM PENDAFTARAN PENDUDUK"])
    ws.append(["2.12.02.2.01", "Pelayanan Pendaftaran Penduduk"])
    ws.append(["2.12.02.2.01.0001", "Pelayanan KTP-el", 1_000_000, 150_000, 250_000])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
