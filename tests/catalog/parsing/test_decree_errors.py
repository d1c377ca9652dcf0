"""Broken input raises DecreeParseError with a line and a plain message; oddities only warn."""

from __future__ import annotations

from pathlib import Path

import pytest

from kinerja.catalog.parsing import DecreeParseError, parse_decree

BASE = (Path(__file__).parent / "fixtures" / "plt_signatory.txt").read_text(encoding="utf-8")
HEADER = "KINERJA\tINDIKATOR KINERJA\tPENJELASAN / FORMULASI PENGHITUNGAN\tSUMBER DATA"


def line_of(text: str, needle: str) -> int:
    return text.split("\n").index(needle) + 1


def error(raw) -> DecreeParseError:
    with pytest.raises(DecreeParseError) as info:
        parse_decree(raw)
    return info.value


def test_error_type():
    exc = DecreeParseError(7, "something  is\nwrong")
    assert isinstance(exc, ValueError)
    assert (exc.line, exc.message) == (7, "something is wrong")
    assert str(exc) == "line 7: something is wrong"


@pytest.mark.parametrize("raw", ["", "   \n\t\n", b"", b"\xef\xbb\xbf\r\n"])
def test_empty(raw):
    assert str(error(raw)) == "line 1: the text is empty; expected an IKI decree"


def test_nul_bytes():
    exc = error(b"KEPUTUSAN\nNomor : 1\nJABA\x00TAN : X\n")
    assert exc.line == 3
    assert "binary data" in exc.message
    assert error("one\ntwo\x00").line == 2
    assert error("hello".encode("utf-16")).line == 1


def test_undecodable_bytes():
    exc = error(b"KEPUTUSAN\r\nNomor : 1\r\nJABATAN : Sekre\xe9taris\r\n")
    assert exc.line == 3
    assert exc.message.startswith("not UTF-8 text (byte 0xe9)")


def test_not_text():
    assert error(12345).line == 1  # type: ignore[arg-type]


def test_no_position():
    exc = error("Surat undangan rapat\n\nKepada Yth. Bapak/Ibu\n")
    assert str(exc) == "line 1: no position (JABATAN) found; is this an IKI decree?"


def test_table_before_any_position():
    text = BASE.replace("MEMUTUSKAN\n", f"MEMUTUSKAN\n{HEADER}\n", 1)
    exc = error(text)
    assert exc.line == line_of(text, HEADER)
    assert exc.message == "indicator table before any position (JABATAN)"


def test_table_row_before_any_position():
    row = "Meningkatnya mutu\t- Jumlah A\tJumlah A\tSIAK"
    text = BASE.replace("\nINDIKATOR KINERJA INDIVIDU\n", f"\nINDIKATOR KINERJA INDIVIDU\n{row}\n")
    exc = error(text)
    assert exc.line == line_of(text, row)
    assert exc.message == "table row before any position (JABATAN)"


def test_position_without_table():
    start = BASE.index("1. JABATAN : Kepala Sub Bagian Umum")
    tail = BASE[start:]
    text = BASE[:start] + tail[: tail.index(HEADER)]
    exc = error(text)
    assert exc.line == line_of(text, "1. JABATAN : Kepala Sub Bagian Umum")
    assert exc.message.startswith("position 'Kepala Sub Bagian Umum' has no indicator table")


def test_table_without_rows():
    text = BASE.rstrip("\n").rsplit("\n", 1)[0] + "\n"
    exc = error(text)
    assert exc.line == len(text.rstrip("\n").split("\n"))
    assert exc.message == "the indicator table of position 'Kepala Sub Bagian Umum' has no rows"


def test_position_without_name():
    text = BASE.replace("1. JABATAN : Sekretaris", "1. JABATAN :", 1)
    exc = error(text)
    assert exc.line == line_of(text, "1. JABATAN :")
    assert exc.message == "position (JABATAN) without a name"


def test_decree_number_missing():
    text = BASE.replace("Nomor : 800/12/KEP/435.101/2021\n", "", 1)
    exc = error(text)
    assert str(exc) == "line 1: decree number not found; expected a line 'Nomor : ...'"


def test_nip_not_18_digits_is_a_warning():
    text = BASE.replace("NIP. 19750203 200003 2 004", "NIP. 19750203 200003 2 04", 1)
    doc = parse_decree(text)
    assert doc["decree"]["signatory"]["nip"] == "19750203200003204"
    assert doc["warnings"] == [
        {
            "line": line_of(text, "NIP. 19750203 200003 2 04"),
            "message": "NIP has 17 digits, expected 18; kept as written",
        }
    ]


def test_missing_metadata_warns_but_parses():
    text = BASE.replace("Pada tanggal : 3 Februari 2021", "Pada tanggal : 31 Februari 2021", 1)
    text = text.replace("TAHUN 2021-2026\n", "", 1)
    doc = parse_decree(text)
    assert doc["decree"]["enacted_on"] is None
    assert doc["decree"]["period"] == {"start": None, "end": None}
    messages = [w["message"] for w in doc["warnings"]]
    assert "enactment date '31 Februari 2021' not understood" in messages
    assert "period (TAHUN yyyy-yyyy) not found in the title" in messages


def test_repeated_position_names_get_numbered_keys():
    start = BASE.index("1. JABATAN : Sekretaris")
    block = BASE[start : BASE.index("1. JABATAN : Kepala Sub Bagian Umum")]
    doc = parse_decree(BASE + "\n" + block + block)
    keys = [p["key"] for p in doc["positions"]]
    assert keys == ["sekretaris", "kepala-sub-bagian-umum", "sekretaris-2", "sekretaris-3"]
    assert [u["name"] for u in doc["units"]] == ["Sekretariat", "Sub Bagian Umum"]
