"""Text helpers: decoding, line model, list items, casing and slugs."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .errors import DecreeParseError

BOM = "\ufeff"


@dataclass(frozen=True)
class Line:
    no: int  # 1-based line number in the input
    text: str  # markdown bold removed, right-stripped; tabs kept


def decode(raw: str | bytes) -> str:
    """Turn the input into text, refusing binary data with the line where it shows up.

    Decrees arrive as exports from word processors: UTF-8 with or without BOM, Windows or Unix
    line endings. Anything else is almost certainly the wrong file, and saying so early (with a
    line number) beats a confusing "no position found" later.
    """
    if isinstance(raw, (bytes, bytearray, memoryview)):
        data = bytes(raw)
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        nul = data.find(b"\x00")
        if nul >= 0:
            line = data.count(b"\n", 0, nul) + 1
            raise DecreeParseError(line, "binary data (NUL byte); expected a plain text decree")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            bad = data[exc.start]
            raise DecreeParseError(
                line, f"not UTF-8 text (byte 0x{bad:02x}); save the decree as UTF-8 plain text"
            ) from None
    elif isinstance(raw, str):
        text = raw
        nul = text.find("\x00")
        if nul >= 0:
            line = text.count("\n", 0, nul) + 1
            raise DecreeParseError(line, "binary data (NUL byte); expected a plain text decree")
    else:
        raise DecreeParseError(1, f"expected text or bytes, got {type(raw).__name__}")
    if text.startswith(BOM):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DecreeParseError(1, "the text is empty; expected an IKI decree")
    return text


def split_lines(text: str) -> list[Line]:
    """Number lines as an editor does; bold markers are formatting, not content."""
    return [Line(i, raw.replace("**", "").rstrip()) for i, raw in enumerate(text.split("\n"), 1)]


def squash(text: str) -> str:
    """Collapse whitespace (tabs included) to single spaces."""
    return " ".join(text.split())


LABEL_RE = re.compile(
    r"^\s*(?:[-•*]\s*)?(?:\d{1,2}\s*[.)]\s*)?"
    r"(nama\s+jabatan|jabatan|tugas\s+pokok|uraian\s+tugas|tugas|fungsi)\s*:\s*(.*)$",
    re.IGNORECASE,
)
LABELS = {"nama jabatan": "jabatan", "tugas pokok": "tugas", "uraian tugas": "tugas"}


def label_of(text: str) -> tuple[str, str] | None:
    """('jabatan'|'tugas'|'fungsi', rest of line) for a position label line, else None."""
    m = LABEL_RE.match(text.replace("\t", " "))
    if not m:
        return None
    word = squash(m.group(1)).lower()
    return LABELS.get(word, word), m.group(2).strip()


# ---------------------------------------------------------------- list items

_BULLET_RE = re.compile(r"^[-•*–]\s*")
_MARK_RE = re.compile(r"^([a-zA-Z]|\d{1,2})[.)]\s+(?=\S)")
_TRAIL_RE = re.compile(r"(?:\s*[;,.:]\s*(?:dan|atau)?)+\s*$", re.IGNORECASE)


def _next_mark(mark: str) -> str | None:
    if mark.isdigit():
        return str(int(mark) + 1)
    if mark in ("z", "Z"):
        return None
    return chr(ord(mark) + 1)


def clean_item(text: str) -> str:
    """Drop list glue ("; dan", trailing ";" or ".") so items read the same whatever the style."""
    text = squash(text)
    prev = None
    while prev != text:
        prev = text
        text = _TRAIL_RE.sub("", text).strip()
    return text


def split_items(texts: list[str]) -> list[str]:
    """Split a TUGAS/FUNGSI/Menimbang block into items.

    Decrees write lists as "a." markers, "- a." markers, bare dashes, numbers, or as one
    paragraph; markers may start lines or run on after a ";" ("...; dan h. pelaksanaan ...").
    A marker in mid-line only counts when it is the next letter of the sequence, so words
    like "a." inside sentences do not split an item.
    """
    items: list[list[str]] = []  # [mark or "", text]
    for raw in texts:
        line = raw.replace("\t", " ").strip()
        if not line:
            continue
        bulleted = bool(_BULLET_RE.match(line)) and not line.startswith("--")
        if bulleted:
            line = _BULLET_RE.sub("", line, count=1)
        m = _MARK_RE.match(line)
        if m:
            items.append([m.group(1), line[m.end() :]])
        elif bulleted or not items:
            items.append(["", line])
        else:
            items[-1][1] += " " + line
    out: list[str] = []
    for mark, text in items:
        pieces = [text]
        expected = _next_mark(mark) if mark else None
        while expected is not None:
            pattern = re.compile(
                r";\s*(?:(?:dan|atau)\s+)?" + re.escape(expected) + r"[.)]\s+(?=\S)",
                re.IGNORECASE if expected.isalpha() else 0,
            )
            m = pattern.search(pieces[-1])
            if not m:
                break
            head, tail = pieces[-1][: m.start()], pieces[-1][m.end() :]
            pieces[-1:] = [head, tail]
            expected = _next_mark(expected)
        out.extend(p for p in (clean_item(p) for p in pieces) if p)
    return out


# ---------------------------------------------------------------- casing and slugs

_SMALL = {
    "dan", "di", "ke", "dari", "yang", "untuk", "pada", "atas", "serta", "tentang", "dengan",
    "atau", "oleh", "dalam", "bagi", "sebagai", "terhadap",
}  # fmt: skip
_ACRONYMS = {
    "RI", "DPRD", "SKPD", "OPD", "UPT", "UPTD", "IKI", "IKU", "SAKIP", "ASN", "PNS", "NIP",
    "KTP", "KK", "KIA", "SIAK", "RSUD", "BPBD", "BKPSDM", "BAPPEDA", "II", "III", "IV",
}  # fmt: skip


def readable_case(text: str) -> str:
    """Title-case text typed in capitals ("DINAS ... DAN ...") so it reads like a name.

    Text that already mixes cases is kept as written: the author chose its casing.
    """
    text = squash(text)
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return text
    words = []
    for i, word in enumerate(text.split(" ")):
        core = word.strip("()[],.;:")
        if core.upper() in _ACRONYMS or any(c.isdigit() for c in word):
            words.append(word)
        elif i > 0 and core.lower() in _SMALL:
            words.append(word.lower())
        else:
            words.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
    return " ".join(words)


def collapse_spaced(text: str) -> str:
    """Join letter-spaced words ("S A M P A N G" -> "SAMPANG") as letterheads print them."""
    text = squash(text)
    tokens = text.split(" ")
    if len(tokens) > 2 and all(len(t) == 1 for t in tokens):
        return "".join(tokens)
    return re.sub(r"\b(?:[A-Za-z] ){2,}[A-Za-z]\b", lambda m: m.group(0).replace(" ", ""), text)


def slugify(text: str) -> str:
    """ASCII, lowercase, hyphen-separated: stable keys for URLs and re-imports."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "jabatan"


def same_text(a: str, b: str) -> bool:
    return squash(a).casefold() == squash(b).casefold()
