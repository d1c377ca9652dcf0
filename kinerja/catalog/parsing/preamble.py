"""The decree's own text before the annex: number, title, agency, considerations, signature."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from .errors import DecreeParseError, Warnings
from .text import Line, collapse_spaced, readable_case, split_items, squash

MONTHS = {
    "januari": 1, "februari": 2, "pebruari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6,
    "juli": 7, "agustus": 8, "september": 9, "oktober": 10, "nopember": 11, "november": 11,
    "desember": 12,
}  # fmt: skip

_NUMBER_RE = re.compile(r"^(?:Nomor|No\.?)\s*:\s*(.*)$", re.IGNORECASE)
_BLOCK_RE = re.compile(
    r"^(Menimbang|Mengingat|Memperhatikan|Menetapkan|Kesatu|Pertama|Kedua|Ketiga|Keempat|"
    r"Kelima|Keenam|Ketujuh)\s*:\s*(.*)$",
    re.IGNORECASE,
)
_STOP_RE = re.compile(
    r"^(?:MEMUTUSKAN\b|Ditetapkan\s+di\b|Lampiran\b|Tembusan\b|INDIKATOR\s+KINERJA\s+INDIVIDU$)",
    re.IGNORECASE,
)
_ISSUER_RE = re.compile(r"^KEPALA\s+(.+?)\s+((?:KABUPATEN|KOTA|PROVINSI)\s+.+)$", re.IGNORECASE)
_AGENCY_RE = re.compile(
    r"^(DINAS|BADAN|KANTOR|SEKRETARIAT|INSPEKTORAT|SATUAN|RUMAH SAKIT)\b", re.IGNORECASE
)
_RANK_RE = re.compile(r"^(Juru|Pengatur|Penata|Pembina)\b", re.IGNORECASE)
_ACTING_RE = re.compile(r"^((?:P[lI1i][thT]|Pjs?)\.?)\s+(\S.*)$", re.IGNORECASE)
_NIP_RE = re.compile(r"^NIP\b\.?\s*:?\s*(.*)$", re.IGNORECASE)


def _plain(line: Line) -> str:
    """Line text without tabs, bullets or surrounding space: preamble layout is decoration."""
    return re.sub(r"^[-•]\s+", "", squash(line.text.replace("\t", " ")))


def parse_date(text: str) -> date | None:
    m = re.search(r"(\d{1,2})\s*([A-Za-z]+)\s*(\d{4})", text)
    try:
        if m and m.group(2).lower() in MONTHS:
            return date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
        m = re.search(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text)
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None
    return None


def _number(lines: list[Line], warnings: Warnings) -> str:
    found: list[tuple[int, str]] = []
    for line in lines:
        m = _NUMBER_RE.match(_plain(line))
        if m and squash(m.group(1)).strip(" .;,"):
            found.append((line.no, squash(m.group(1)).strip(" .;,")))
    if not found:
        raise DecreeParseError(1, "decree number not found; expected a line 'Nomor : ...'")
    number = found[0][1]
    for no, other in found[1:]:
        if other != number:
            warnings.add(no, f"number '{other}' differs from the decree number '{number}'")
    return number


def _issuer(lines: list[Line]) -> tuple[str | None, str | None]:
    texts = [_plain(line) for line in lines]
    for i, text in enumerate(texts):
        if re.match(r"^KEPUTUSAN\b", text, re.IGNORECASE) and not text.endswith(":"):
            parts = [text[len("KEPUTUSAN") :].strip()]
            for nxt in texts[i + 1 : i + 6]:
                if not nxt or _NUMBER_RE.match(nxt) or re.match(r"^TENTANG\b", nxt, re.I):
                    break
                parts.append(nxt)
            m = _ISSUER_RE.match(squash(" ".join(parts)))
            if m:
                return readable_case(m.group(1)), readable_case(m.group(2))
    agency = region = None
    for text in texts[:12]:
        m = re.match(r"^PEMERINTAH\s+((?:KABUPATEN|KOTA|PROVINSI)\s+.+)$", text, re.IGNORECASE)
        if m and region is None:
            region = readable_case(m.group(1))
        elif _AGENCY_RE.match(text) and agency is None:
            agency = readable_case(text)
    return agency, region


def _title(lines: list[Line]) -> tuple[str | None, int]:
    for i, line in enumerate(lines):
        m = re.match(r"^TENTANG\b\s*:?\s*(.*)$", _plain(line), re.IGNORECASE)
        if not m:
            continue
        parts = [m.group(1)] if m.group(1) else []
        for nxt in lines[i + 1 :]:
            text = _plain(nxt)
            if not text:
                if parts:
                    break
                continue
            if _BLOCK_RE.match(text) or re.match(
                r"^(KEPALA|BUPATI|WALI ?KOTA|GUBERNUR|DENGAN)\b", text
            ):
                break
            parts.append(text)
        if parts:
            return readable_case(" ".join(parts)), line.no
    return None, 1


def _period(title: str | None, line: int, warnings: Warnings) -> dict[str, int | None]:
    m = re.search(r"\b((?:19|20)\d\d)\s*[-–—/]\s*((?:19|20)\d\d)\b", title or "")
    if m:
        start, end = int(m.group(1)), int(m.group(2))
        if start > end:
            warnings.add(line, f"period {start}-{end} ends before it starts")
        return {"start": start, "end": end}
    m = re.search(r"\bTahun\s+((?:19|20)\d\d)\b", title or "", re.IGNORECASE)
    if m:
        return {"start": int(m.group(1)), "end": int(m.group(1))}
    warnings.add(line, "period (TAHUN yyyy-yyyy) not found in the title")
    return {"start": None, "end": None}


def _blocks(lines: list[Line]) -> dict[str, list[list[str]]]:
    """Menimbang, Mengingat and the diktum parts, each as its list of text lines."""
    blocks: dict[str, list[list[str]]] = {}
    current: list[str] | None = None
    for line in lines:
        text = _plain(line)
        m = _BLOCK_RE.match(text)
        if m:
            current = [m.group(2)]
            blocks.setdefault(m.group(1).lower(), []).append(current)
        elif _STOP_RE.match(text):
            current = None
        elif current is not None and text:
            current.append(squash(line.text.replace("\t", " ")))  # keep bullets for the items
    return blocks


def _uses(blocks: dict[str, list[list[str]]]) -> list[str]:
    for name in ("kesatu", "pertama", "kedua", "ketiga", "keempat", "kelima"):
        for block in blocks.get(name, []):
            for i, text in enumerate(block):
                m = re.search(r"\b(?:untuk|sebagai)\s*:\s*(.*)$", text, re.IGNORECASE)
                if m:
                    return split_items([m.group(1), *block[i + 1 :]])
    return []


def _signature(
    lines: list[Line], agency: str | None, warnings: Warnings
) -> tuple[dict[str, Any], str | None, str | None]:
    sig: dict[str, Any] = {"name": None, "nip": None, "rank": None, "title": None, "acting": None}
    start = next(
        (i for i, ln in enumerate(lines) if re.match(r"^Ditetapkan\s+di\b", _plain(ln), re.I)), None
    )
    if start is None:
        warnings.add(lines[-1].no if lines else 1, "signature block ('Ditetapkan di') not found")
        return sig, None, None
    place_text = re.sub(r"^Ditetapkan\s+di\s*:?\s*", "", _plain(lines[start]), flags=re.I)
    place = readable_case(collapse_spaced(place_text)) or None
    enacted: str | None = None
    body_start = start + 1
    for j in range(start, min(start + 4, len(lines))):
        text = _plain(lines[j])
        m = re.search(r"\bTanggal\s*:?\s*(.*)$", text, re.IGNORECASE)
        if m:
            parsed = parse_date(m.group(1))
            if parsed is None:
                warnings.add(lines[j].no, f"enactment date '{squash(m.group(1))}' not understood")
            enacted = parsed.isoformat() if parsed else None
            body_start = j + 1
            break
    else:
        warnings.add(lines[start].no, "enactment date ('Pada Tanggal') not found")
    body: list[str] = []
    nip_line: Line | None = None
    for line in lines[body_start:]:
        text = _plain(line).replace("__", "").strip()
        if _NIP_RE.match(text):
            nip_line = line
            break
        if _STOP_RE.match(text) or _NUMBER_RE.match(text):
            break
        if text:
            body.append(text)
    if nip_line is None:
        warnings.add(lines[start].no, "NIP of the signatory not found")
    else:
        sig["nip"] = _nip(nip_line, warnings)
    if body and _RANK_RE.match(body[-1]) and len(body) > 1:
        sig["rank"] = body.pop()
    if body:
        sig["name"] = body.pop()
    else:
        warnings.add(lines[start].no, "signatory name not found")
    if body:
        m = _ACTING_RE.match(body[0])
        if m:
            sig["acting"] = m.group(1)
            rest = " ".join(body[1:])
            body = (
                body[1:] if rest.upper().startswith(m.group(2).upper()) else [m.group(2), *body[1:]]
            )
            norm = m.group(1).rstrip(".").lower()
            if norm not in ("plt", "plh", "pj", "pjs"):
                guess = norm.replace("i", "l").replace("1", "l")
                warnings.add(
                    lines[start].no,
                    f"acting prefix '{m.group(1)}' kept as written (probably '{guess.title()}.')",
                )
        sig["title"] = squash(" ".join(body)) or None
    if sig["title"] and agency and squash(agency).upper() not in sig["title"].upper():
        warnings.add(
            lines[start].no,
            f"signature title '{sig['title']}' does not name the agency '{agency}'; "
            "kept as written",
        )
    return sig, place, enacted


def _nip(line: Line, warnings: Warnings) -> str | None:
    m = _NIP_RE.match(_plain(line))
    digits = re.sub(r"\D", "", m.group(1) if m else "")
    if len(digits) != 18:
        warnings.add(line.no, f"NIP has {len(digits)} digits, expected 18; kept as written")
        return digits or None
    try:
        date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        warnings.add(line.no, f"NIP {digits} does not start with a birth date (YYYYMMDD)")
    return digits


def parse_preamble(lines: list[Line], warnings: Warnings) -> dict[str, Any]:
    """Decree metadata; only the number is indispensable (it identifies the catalog)."""
    number = _number(lines, warnings)
    agency, region = _issuer(lines)
    if agency is None:
        warnings.add(1, "issuing agency (KEPALA DINAS ... KABUPATEN ...) not found")
    title, title_line = _title(lines)
    if title is None:
        warnings.add(1, "title (TENTANG ...) not found")
    period = _period(title, title_line, warnings)
    blocks = _blocks(lines)
    considerations = [i for b in blocks.get("menimbang", []) for i in split_items(b)]
    legal_basis = [i for b in blocks.get("mengingat", []) for i in split_items(b)]
    signatory, place, enacted = _signature(lines, agency, warnings)
    return {
        "number": number,
        "title": title,
        "agency": agency,
        "region": region,
        "period": period,
        "enacted_on": enacted,
        "enacted_at": place,
        "signatory": signatory,
        "legal_basis": legal_basis,
        "considerations": considerations,
        "uses": _uses(blocks),
    }
