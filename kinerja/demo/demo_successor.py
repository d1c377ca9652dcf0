"""The demo's successor decree for 2025-2029: a plausible revision of the seed, as an office would
make it with its next Renstra, imported through the review like a real one (issue #15).

What it changes, so the review table shows every kind of row:
- one jabatan renamed: Kepala Seksi Identitas Penduduk takes on the digital ID (IKD);
- one indicator moved: public-service promotion goes from the planning Kasubag to the Kasi for
  cooperation and innovation;
- two indicators reworded: the KTP-el coverage (its register feed must follow it) and the
  year-bound "Tersusunnya Renja 2020" the catalog check lists;
- two indicators added (IKD activation, a count and a percentage); one dropped (the tabloid);
- Mengingat cites UU 23/2014 instead of the repealed UU 32/2004.
"""

from __future__ import annotations

import copy
from typing import Any

NUMBER = "188/512/KEP/434.206/2025"
RENAMED_FROM = "Kepala Seksi Identitas Penduduk"
RENAMED_TO = "Kepala Seksi Identitas Penduduk dan Identitas Kependudukan Digital"
MOVED = "Jumlah promosi pelayanan publik"
MOVED_FROM = "kepala-sub-bagian-perencanaan-dan-keuangan"
MOVED_TO = "kepala-seksi-kerjasama-dan-inovasi-pelayanan"
REWORDED = {
    "Persentase penduduk ber KTP-el": "Persentase penduduk wajib KTP-el yang memiliki KTP-el",
    "Tersusunnya Renja 2020": "Tersusunnya Renja tahun berjalan",
}
DROPPED = "Jumlah tabloid Sakera Mesem yang diterbitkan"
ADDED_COUNT = {
    "name": "Jumlah penduduk yang mengaktivasi Identitas Kependudukan Digital",
    "kind": "count",
    "formula": "Jumlah penduduk yang mengaktivasi Identitas Kependudukan Digital (IKD)",
    "numerator": "Jumlah penduduk yang mengaktivasi Identitas Kependudukan Digital (IKD)",
    "denominator": None,
    "measure_unit": "orang",
    "aggregation": "flow",
    "polarity": "higher",
    "sources": ["SIAK", "Register Pelayanan"],
}
ADDED_RATE = {
    "name": "Persentase penduduk wajib KTP-el yang telah mengaktivasi IKD",
    "kind": "percentage",
    "formula": "Jumlah penduduk yang telah mengaktivasi IKD / Jumlah penduduk wajib KTP-el x 100%",
    "numerator": "Jumlah penduduk yang telah mengaktivasi IKD",
    "denominator": "Jumlah penduduk wajib KTP-el",
    "measure_unit": "%",
    "aggregation": "stock",
    "polarity": "higher",
    "sources": ["SIAK"],
}
UU_23_2014 = (
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah (Lembaran Negara Republik "
    "Indonesia Tahun 2014 Nomor 244, Tambahan Lembaran Negara Republik Indonesia Nomor 5587) "
    "sebagaimana telah beberapa kali diubah, terakhir dengan Undang-Undang Nomor 6 Tahun 2023"
)


def successor_document(seed: dict[str, Any], *, signatory: dict[str, Any]) -> dict[str, Any]:
    doc = copy.deepcopy(seed)
    d = doc["decree"]
    d["number"] = NUMBER
    d["title"] = d["title"].replace("2019-2024", "2025-2029")
    d["period"] = {"start": 2025, "end": 2029}
    d["enacted_on"] = "2025-01-06"
    d["signatory"] = signatory
    d["legal_basis"] = [UU_23_2014, *d["legal_basis"][1:]]
    d["considerations"] = [c.replace("2019-2024", "2025-2029") for c in d["considerations"]]
    doc["warnings"] = []
    moved = None
    for position in doc["positions"]:
        for goal in position["goals"]:
            kept = []
            for ind in goal["indicators"]:
                if ind["name"] == DROPPED:
                    continue
                if ind["name"] == MOVED and position["key"] == MOVED_FROM:
                    moved = ind
                    continue
                ind["name"] = REWORDED.get(ind["name"], ind["name"])
                kept.append(ind)
            goal["indicators"] = kept
        position["goals"] = [g for g in position["goals"] if g["indicators"]]
    for position in doc["positions"]:
        if position["name"] == RENAMED_FROM:
            position["name"] = RENAMED_TO
            position["key"] = "kepala-seksi-identitas-penduduk-dan-identitas-kependudukan-digital"
            position["unit"] = "Seksi Identitas Penduduk dan Identitas Kependudukan Digital"
            position["goals"][0]["indicators"].append(copy.deepcopy(ADDED_COUNT))
        if position["key"] == MOVED_TO and moved is not None:
            position["goals"][-1]["indicators"].append(moved)
        if position["key"] == "kepala-bidang-pelayanan-pendaftaran-penduduk":
            position["goals"][0]["indicators"].append(copy.deepcopy(ADDED_RATE))
    for unit in doc["units"]:
        if unit["name"] == "Seksi Identitas Penduduk":
            unit["name"] = "Seksi Identitas Penduduk dan Identitas Kependudukan Digital"
    return doc
