"""Catalog review against PermenPAN PER/09/M.PAN/5/2007 (Pedoman Umum Penetapan IKU) and
common sense.

Works on the catalog document (the import/export format), so the same findings come out of
``kinerja catalog check``, the web page and a JSON file under review before import.
No Django import.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Any

from kinerja.accounts.nip import NipError, parse_nip
from kinerja.catalog.measures import default_measure
from kinerja.catalog.quality_legal import repealed_citations, year_in_indicator

ERROR = "galat"
WARNING = "peringatan"
ADVICE = "saran"
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, ADVICE: 2}

ACTING_PREFIXES = ("Plt.", "Plh.")
# Indonesian active verbs (me-, mem-, men-, meng-, meny-) and a few nouns of activity: an
# indicator worded as an activity measures effort, not a result.
ACTIVITY_RE = re.compile(
    r"^(me(m|n|ng|ny)?[a-z]+|verifikasi|entry|entri|konsolidasi|monitoring|fasilitasi|setting)\b",
    re.IGNORECASE,
)
COMPARISON_RE = re.compile(r"\bdibandingkan\b|\bdibagi\b|\\d?frac|100\s*\\?%", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str
    why: str
    position_key: str | None = None
    position: str | None = None
    indicator: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _norm(text: str | None) -> str:
    return " ".join(re.sub(r"[^\w%]+", " ", (text or "").casefold()).split())


def check_document(doc: dict[str, Any]) -> list[Finding]:
    """All findings, most serious first, in the decree's order within a severity."""
    findings = _check_signatory(doc.get("decree") or {})
    owners: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = defaultdict(list)
    for pos in doc.get("positions") or []:
        if not pos.get("supervisor"):
            findings.append(
                Finding(
                    "no-supervisor",
                    WARNING,
                    f"Jabatan '{pos['name']}' tidak menyebut atasannya.",
                    "Tanpa atasan yang jelas tidak ada yang berwenang memverifikasi realisasi dan "
                    "menandatangani Perjanjian Kinerja sebagai pihak kedua.",
                    pos.get("key"),
                    pos.get("name"),
                )
            )
        for goal in pos.get("goals") or []:
            for ind in goal.get("indicators") or []:
                owners[_norm(ind["name"])].append((pos, ind))
                findings.extend(_check_indicator(pos, ind))
    for entries in owners.values():
        keys = list(dict.fromkeys(p["key"] for p, _ in entries))
        if len(keys) > 1:
            names = ", ".join(dict.fromkeys(p["name"] for p, _ in entries))
            first_pos, ind = entries[0]
            findings.append(
                Finding(
                    "duplicate-indicator",
                    WARNING,
                    f"Indikator '{ind['name']}' tercantum pada {len(keys)} jabatan: {names}.",
                    "Indikator yang sama pada dua jabatan membuat tanggung jawab kabur dan "
                    "realisasinya bisa terhitung dua kali dalam laporan.",
                    first_pos.get("key"),
                    first_pos.get("name"),
                    ind["name"],
                )
            )
    findings.extend(_check_merged_sources(doc))
    findings.extend(_check_period_bound(doc))
    findings.sort(key=lambda f: SEVERITY_ORDER[f.severity])
    return findings


def _check_period_bound(doc: dict[str, Any]) -> list[Finding]:
    """Repealed laws in Mengingat; indicators named after one year of a multi-year decree."""
    decree = doc.get("decree") or {}
    out = [
        Finding(
            "repealed-law",
            WARNING,
            f"Dasar hukum mengutip {act['kind']} Nomor {act['number']} Tahun {act['year']} "
            f"({act['title']}) yang telah dicabut/diganti oleh {act['by']}.",
            "Keputusan pengganti atau perubahan harus merujuk peraturan yang berlaku; evaluator "
            "SAKIP memeriksa dasar hukum dokumen kinerja.",
        )
        for _, act in repealed_citations(decree.get("legal_basis") or [])
    ]
    period = decree.get("period") or {}
    start, end = period.get("start"), period.get("end")
    for pos in doc.get("positions") or []:
        for goal in pos.get("goals") or []:
            for ind in goal.get("indicators") or []:
                year = year_in_indicator(ind["name"], start, end)
                if year is None:
                    continue
                out.append(
                    Finding(
                        "year-bound-indicator",
                        WARNING,
                        f"Indikator terikat pada tahun {year} padahal keputusan berlaku "
                        f"{start}-{end}.",
                        "Pada tahun lain target dan realisasinya tidak bermakna; rumuskan tanpa "
                        "tahun (mis. 'Tersusunnya Renja tahun berikutnya').",
                        pos.get("key"),
                        pos.get("name"),
                        ind["name"],
                    )
                )
    return out


def _check_merged_sources(doc: dict[str, Any]) -> list[Finding]:
    """A source cell such as "SIAK Register Pelayanan" is two sources whose list marks were lost
    when the decree was typed; counted as one, the indicator would miss SIAK."""
    entries = [
        (pos, ind, src)
        for pos in doc.get("positions") or []
        for goal in pos.get("goals") or []
        for ind in goal.get("indicators") or []
        for src in ind.get("sources") or []
    ]
    known = {src.casefold() for _, _, src in entries}
    out = []
    for pos, ind, src in entries:
        words = src.split()
        for cut in range(1, len(words)):
            left, right = " ".join(words[:cut]), " ".join(words[cut:])
            if left.casefold() in known and right.casefold() in known:
                out.append(
                    Finding(
                        "source-merged",
                        WARNING,
                        f"Sumber data '{src}' tampaknya gabungan dua sumber: '{left}' dan "
                        f"'{right}'.",
                        "Sumber yang tergabung tidak terhubung ke catatan sumber yang sama, "
                        "sehingga indikator ini tidak ikut terhitung bila data dari sumber itu "
                        "diolah otomatis (mis. SIAK).",
                        pos.get("key"),
                        pos.get("name"),
                        ind["name"],
                    )
                )
                break
    return out


def _check_indicator(pos: dict[str, Any], ind: dict[str, Any]) -> list[Finding]:
    out: list[Finding] = []
    name, kind = ind["name"], ind.get("kind")
    formula = ind.get("formula") or ""

    def add(code: str, severity: str, message: str, why: str) -> None:
        out.append(Finding(code, severity, message, why, pos.get("key"), pos.get("name"), name))

    lower = name.casefold()
    if kind in {"percentage", "ratio"} and not (ind.get("numerator") and ind.get("denominator")):
        add(
            "percentage-without-formula",
            ERROR,
            "Indikator persentase tanpa pembilang dan penyebut.",
            "Capaian tidak dapat dihitung ulang oleh pemeriksa tanpa rumus yang lengkap.",
        )
    if not formula.strip():
        add(
            "no-formula",
            ERROR,
            "Indikator tanpa penjelasan/formulasi penghitungan.",
            "PER/09/M.PAN/5/2007 meminta setiap IKU disertai cara pengukurannya.",
        )
    elif kind == "count" and _norm(formula) in {_norm(name), _norm("jumlah " + name)}:
        add(
            "formula-repeats-name",
            ADVICE,
            "Formulasi hanya mengulang nama indikator.",
            "Formulasi seharusnya menjelaskan apa yang dihitung, kapan dan dari dokumen apa, "
            "agar dua orang menghitung angka yang sama.",
        )
    if lower.startswith(("persentase", "prosentase", "cakupan", "rasio", "tingkat")) and (
        kind == "count"
    ):
        add(
            "percentage-name-count-formula",
            WARNING,
            f"Nama indikator diawali '{name.split()[0]}' tetapi formulasinya berupa jumlah.",
            "Target dan realisasi akan dibaca sebagai persen padahal yang diukur adalah "
            "banyaknya; capaian menjadi tidak bermakna.",
        )
    if lower.startswith("jumlah") and (kind != "count" or COMPARISON_RE.search(formula)):
        add(
            "count-name-comparison",
            WARNING,
            "Nama indikator diawali 'Jumlah' tetapi formulasinya membandingkan dua besaran.",
            "Nama dan cara hitung harus sejalan agar target ditulis dalam satuan yang benar.",
        )
    if kind == "count" and (not ind.get("measure_unit") or ind.get("measure_confirmed") is False):
        unit, aggregation = default_measure(name, ind.get("numerator"))
        if ind.get("measure_unit"):
            unit, aggregation = ind["measure_unit"], ind.get("aggregation")
        how = "nilai bulan terakhir" if aggregation == "stock" else "dijumlahkan antarbulan"
        add(
            "measure-unconfirmed",
            ADVICE,
            f"Satuan dan agregasi belum dikonfirmasi; usulan dari kata-katanya: satuan '{unit}', "
            f"{how}.",
            "Jumlah yang berupa keadaan (gedung dipelihara, tenaga dibayar) tidak boleh dijumlah "
            "12 bulan, dan target tanpa satuan tidak dapat dibaca di PK.",
        )
    if not ind.get("sources"):
        add(
            "no-source",
            ERROR,
            "Indikator tanpa sumber data.",
            "Tanpa sumber data realisasi tidak dapat diverifikasi oleh atasan maupun Inspektorat.",
        )
    if ACTIVITY_RE.match(name) and not lower.startswith(("meningkat", "menurun")):
        add(
            "activity-not-result",
            ADVICE,
            "Indikator dirumuskan sebagai kegiatan, bukan hasil.",
            "PER/09/M.PAN/5/2007: indikator kinerja mengukur keluaran atau hasil, bukan "
            "kegiatan yang dilakukan.",
        )
    return out


def _check_signatory(decree: dict[str, Any]) -> list[Finding]:
    out: list[Finding] = []
    sig = decree.get("signatory") or {}
    agency = decree.get("agency") or ""
    title = sig.get("title") or ""
    if title and agency and _norm(agency) not in _norm(title):
        out.append(
            Finding(
                "signatory-title-mismatch",
                ERROR,
                f"Jabatan penandatangan '{title}' tidak sesuai dengan nama perangkat daerah "
                f"'{agency}'{_suggest_words(title, agency)}.",
                "Keputusan yang ditandatangani dengan jabatan yang salah dapat dipersoalkan "
                "keabsahannya saat pemeriksaan.",
            )
        )
    acting = (sig.get("acting") or "").strip()
    if acting and acting not in ACTING_PREFIXES:
        close = difflib.get_close_matches(acting, ACTING_PREFIXES, n=1, cutoff=0.5)
        hint = f"; mungkin maksudnya '{close[0]}'" if close else ""
        out.append(
            Finding(
                "signatory-acting-unknown",
                ERROR,
                f"Awalan penandatangan '{acting}' bukan Plt. atau Plh.{hint}.",
                "Pejabat pelaksana tugas menandatangani sebagai Plt. atau Plh.; awalan lain "
                "membuat kewenangan penandatangan tidak jelas.",
            )
        )
    nip = sig.get("nip") or ""
    if nip:
        try:
            parse_nip(nip)
        except NipError as exc:
            out.append(
                Finding(
                    "signatory-nip-invalid",
                    ERROR,
                    f"NIP penandatangan {nip} tidak sah: {exc}.",
                    "NIP yang salah membuat identitas penandatangan tidak dapat dipastikan.",
                )
            )
    return out


def _suggest_words(title: str, agency: str) -> str:
    """Name the word of the title that differs from the agency's name, e.g. KEMERDEKAAN for
    KEPENDUDUKAN, so the reviewer sees the typo instead of hunting for it."""
    title_words = [w for w in re.findall(r"\w+", title.upper()) if len(w) > 3]
    pairs = []
    for word in re.findall(r"\w+", agency.upper()):
        if len(word) > 3 and word not in title_words:
            close = difflib.get_close_matches(word, title_words, n=1, cutoff=0.5)
            if close:
                pairs.append(f"'{close[0]}' seharusnya '{word}'")
    return f" ({'; '.join(pairs)})" if pairs else ""
