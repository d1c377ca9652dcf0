"""Opening an extract file: the CSV dialect, the encoding, and what is wrong with a file as a whole.

DuckDB's CSV sniffer guesses the dialect from a sample; on a damaged file (NUL bytes, an unbalanced
quote, a file cut off in the middle) it guesses wrong and every column seems absent, so operators
were told "kolom wajib tidak ada" about a file whose real problem was a broken copy. Here the
header line is read by Python, the dialect is fixed from it (comma, semicolon, tab or pipe;
double quotes), and DuckDB reads with that dialect and no guessing. What still fails is explained
in Indonesian with the data row number, never with the content of the line (it holds NIKs).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

SAMPLE = 1 << 16
DELIMITERS = (",", ";", "\t", "|")


class ExtractFormatError(ValueError):
    """The file as a whole cannot be read: missing, unknown format, damaged, wrong encoding, or a
    required column absent. The message is Indonesian and quotes no content of the file."""


@dataclass(frozen=True, slots=True)
class Source:
    sql: str  # a DuckDB table expression reading the file, every column as text
    columns: tuple[str, ...]  # header names as written
    note: str = ""  # e.g. read as Latin-1


def sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _name(path: Path) -> str:
    return path.name


def open_source(path: str | Path) -> Source:
    """The table expression for ``path`` (.csv/.txt/.tsv or .parquet); raises ExtractFormatError
    with the real reason when the file cannot be an extract."""
    path = Path(path)
    lower = path.name.lower()
    if not path.is_file():
        raise ExtractFormatError(f"berkas tidak ditemukan: {_name(path)}")
    if lower.endswith((".parquet", ".pq")):
        return _parquet(path)
    if lower.endswith((".csv", ".txt", ".tsv")):
        return _csv(path)
    raise ExtractFormatError(f"format berkas tidak dikenal (harus .csv atau .parquet): {path.name}")


def _parquet(path: Path) -> Source:
    with path.open("rb") as fh:
        head = fh.read(4)
        fh.seek(max(path.stat().st_size - 4, 0))
        tail = fh.read(4)
    if head != b"PAR1" or tail != b"PAR1":
        raise ExtractFormatError(
            f"berkas {path.name} bukan Parquet yang utuh (terpotong atau bukan Parquet)"
        )
    import pyarrow.parquet as pq

    try:
        names = tuple(pq.read_schema(path).names)
    except Exception as exc:  # pyarrow raises several kinds; the message may quote data
        raise ExtractFormatError(f"berkas Parquet {path.name} tidak dapat dibaca") from exc
    return Source(f"read_parquet({sql_str(str(path))})", names)


def _csv(path: Path) -> Source:
    size = path.stat().st_size
    with path.open("rb") as fh:
        head = fh.read(SAMPLE)
        fh.seek(max(size - SAMPLE, 0))
        tail = fh.read(SAMPLE)
    if not head.strip():
        raise ExtractFormatError(f"berkas {path.name} kosong")
    if b"\x00" in head or b"\x00" in tail:
        raise ExtractFormatError(
            f"berkas {path.name} memuat byte NUL: bukan CSV teks (berkas rusak, terpotong saat "
            "disalin, atau ekspor biner/UTF-16); ekspor ulang sebagai CSV UTF-8"
        )
    if b"\n" not in head and size > len(head):
        raise ExtractFormatError(f"baris judul kolom berkas {path.name} tidak ditemukan")
    encoding, note = "utf-8", ""
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    try:
        text = head[: len(head) - 4 if len(head) == SAMPLE else len(head)].decode("utf-8")
    except UnicodeDecodeError:
        # Names and addresses are the only non-ASCII text in an extract and are never read, so a
        # Latin-1 (Windows-1252) export can be read as it is; the summary says so.
        encoding, note = "latin-1", f"berkas {path.name} bukan UTF-8; dibaca sebagai Latin-1"
        text = head.decode("latin-1")
    header_line = text.splitlines()[0] if text.splitlines() else ""
    delimiter = max(DELIMITERS, key=lambda d: _count_outside_quotes(header_line, d))
    header = next(csv.reader(io.StringIO(header_line), delimiter=delimiter), [])
    header = [h.strip().lstrip("\ufeff") for h in header]
    if len(header) < 2:
        raise ExtractFormatError(
            f"baris judul kolom berkas {path.name} tidak terbaca (pemisah kolom harus koma, titik "
            "koma, tab atau |)"
        )
    if header_line.count('"') % 2:
        raise ExtractFormatError(f'tanda kutip (") tidak seimbang di baris judul {path.name}')
    _check_tail(path, tail, size, delimiter, len(header), encoding)
    columns = "{" + ", ".join(f"{sql_str(h)}: 'VARCHAR'" for h in _unique(header)) + "}"
    sql = (
        f"read_csv({sql_str(str(path))}, header = true, auto_detect = false, "
        f"delim = {sql_str(delimiter)}, quote = '\"', escape = '\"', columns = {columns}, "
        f"null_padding = true, encoding = {sql_str(encoding)})"
    )
    return Source(sql, tuple(header), note)


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for n in names:
        key = n.lower() or "kolom"
        seen[key] = seen.get(key, 0) + 1
        out.append(n if seen[key] == 1 and n else f"{n or 'kolom'}_{seen[key]}")
    return out


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            count += 1
    return count


def _check_tail(path: Path, tail: bytes, size: int, delimiter: str, width: int, enc: str) -> None:
    """A copy cut off in the middle ends without a newline in a short last row: refuse the whole
    file, since the rows after the cut are missing and the figures would be silently low."""
    if tail.endswith((b"\n", b"\r")) or size <= 0:
        return
    last = tail.rsplit(b"\n", 1)[-1].decode(enc, errors="replace")
    if last.count('"') % 2:
        raise ExtractFormatError(
            f"berkas {path.name} terpotong: baris terakhir berhenti di dalam tanda kutip; salin "
            "ulang berkasnya"
        )
    fields = next(csv.reader(io.StringIO(last), delimiter=delimiter), [])
    if len(fields) < width:
        raise ExtractFormatError(
            f"berkas {path.name} terpotong: baris terakhir hanya {len(fields)} dari {width} kolom "
            "dan tanpa akhir baris; salin ulang berkasnya"
        )


_LINE = re.compile(r"on Line:\s*(\d+)", re.IGNORECASE)


def explain(exc: BaseException, name: str) -> str:
    """An Indonesian reason for a DuckDB read error, with the data row number (line 2 of the file
    is data row 1) and never the text of the line, which DuckDB quotes and which holds NIKs."""
    msg = str(exc)
    m = _LINE.search(msg)
    where = f" (sekitar baris data {int(m.group(1)) - 1})" if m else ""
    low = msg.lower()
    if "unterminated quote" in low or ("quote" in low and "unterminated" in low):
        return f'tanda kutip (") tidak seimbang di berkas {name}{where}'
    if "invalid unicode" in low or "utf-8" in low or "utf8" in low:
        return f"berkas {name} bukan UTF-8 yang sah{where}; simpan ulang sebagai CSV UTF-8"
    if "expected number of columns" in low or "too many columns" in low:
        return f"jumlah kolom salah di berkas {name}{where}: pemisah kolom di dalam nilai?"
    if "maximum line size" in low:
        return f"baris terlalu panjang di berkas {name}{where}: pemisah baris atau kutip rusak"
    if "parquet" in low:
        return f"berkas Parquet {name} rusak atau terpotong"
    return f"berkas {name} tidak dapat dibaca{where}"
