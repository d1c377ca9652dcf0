"""History in words: years as written, dates in Indonesian, labels for the keys (#16.6)."""

from types import SimpleNamespace

import pytest

from kinerja.audit.readable import readable

pytestmark = pytest.mark.django_db


class Entry(SimpleNamespace):
    def changed_fields(self):
        keys = list(dict.fromkeys([*(self.before or {}), *(self.after or {})]))
        return [(k, (self.before or {}).get(k), (self.after or {}).get(k)) for k in keys]


def _row(before, after):
    entry = Entry(
        at=None, actor=None, actor_label="Sistem", action_label="x", reason="", before=before,
        after=after,
    )  # fmt: skip
    return readable([entry])[0].changes


def test_years_dates_and_numbers_read_as_an_official_writes_them():
    changes = _row(
        {"year": 2024, "starts_on": "2019-08-26", "value": "1234.50"},
        {"year": 2026, "starts_on": "2025-01-01", "value": "90.0000"},
    )
    assert changes == [
        "Tahun: 2024 → 2026",
        "Mulai: 26 Agustus 2019 → 1 Januari 2025",
        "Nilai: 1.234,5 → 90",
    ]
    assert _row(None, {"tahun": 2026, "jumlah": 12000}) == ["Tahun: 2026", "Jumlah: 12.000"]
