from datetime import date

import pytest

from kinerja.accounts.nip import NipError, parse_nip

TODAY = date(2026, 11, 25)


def test_seed_signatory_nip_parts():
    nip = parse_nip("19710106 199304 1 001", today=TODAY)
    assert nip.digits == "197101061993041001"
    assert nip.birth_date == date(1971, 1, 6)
    assert nip.appointed == (1993, 4)
    assert nip.sex == "L"
    assert nip.serial == 1
    assert nip.formatted() == "19710106 199304 1 001"


def test_woman_sex_digit():
    assert parse_nip("198502142010012003", today=TODAY).sex == "P"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("19710106199304100", "harus 18 digit, bukan 17"),
        ("1971010619930410011", "harus 18 digit, bukan 19"),
        ("19710106A993041001", "hanya boleh berisi angka"),
        ("197113061993041001", "bukan tanggal lahir yang sah"),
        ("197102301993041001", "bukan tanggal lahir yang sah"),
        ("197101061993131001", "bukan bulan pengangkatan yang sah"),
        ("197101061970041001", "harus sesudah tanggal lahir"),
        ("197101061993043001", "jenis kelamin) harus 1 atau 2, bukan 3"),
        ("197101061993041000", "tidak boleh 000"),
        ("197101062030041001", "masa depan"),
    ],
)
def test_wrong_nip_is_refused_with_reason(raw, reason):
    with pytest.raises(NipError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        parse_nip(raw, today=TODAY)
