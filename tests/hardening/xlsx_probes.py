"""Hostile and damaged XLSX files for the upload tests, built byte by byte with zipfile."""
# ruff: noqa: E501  (OOXML part templates: long namespace URIs)

from __future__ import annotations

import io
import zipfile

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Realisasi" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
SHEET = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "{dimension}<sheetData>{rows}</sheetData></worksheet>"
)


def workbook(*, shared: str = "<sst/>", sheet: str | None = None, dimension: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            sheet if sheet is not None else SHEET.format(dimension=dimension, rows=""),
        )
        archive.writestr("xl/sharedStrings.xml", shared)
    return buffer.getvalue()


def expanding_shared_strings(count: int) -> bytes:
    """Shared strings that compress ~1000 to 1 and that openpyxl keeps as one Python string
    each: the issue's 0.8 MB file that used 295 MB."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    body = "<si><t>a</t></si>" * count
    return workbook(shared=f'<sst xmlns="{ns}" count="{count}" uniqueCount="{count}">{body}</sst>')


def doctype_sheet() -> bytes:
    sheet = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    return workbook(sheet=sheet)


def broken_xml_sheet() -> bytes:
    return workbook(sheet="<worksheet><sheetData><row><c>")


def huge_dimension_sheet() -> bytes:
    return workbook(dimension='<dimension ref="A1:XFD1048576"/>')


TWO_SHEET_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Realisasi" sheetId="1" r:id="rId1"/>'
    '<sheet name="Petunjuk" sheetId="2" r:id="rId3"/></sheets></workbook>'
)
TWO_SHEET_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>'
    "</Relationships>"
)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cell_xml(value: object) -> str:
    """A cell as Excel writes it: numbers as <v>, text inline. A value of the form ("n", text)
    puts raw text in a numeric cell (what a damaged or hand-edited file holds)."""
    if value is None:
        return "<c/>"
    if isinstance(value, tuple):
        return f'<c t="n"><v>{_escape(value[1])}</v></c>'
    if isinstance(value, bool):
        return f'<c t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c t="n"><v>{value!r}</v></c>'
    return f'<c t="inlineStr"><is><t xml:space="preserve">{_escape(str(value))}</t></is></c>'


def rows_workbook(rows: list[list[object]], marker: object = None) -> bytes:
    """A workbook of the template's shape from plain rows (the first row is the header),
    written directly: fast enough for thousands of fuzz cases."""
    body = "".join("<row>" + "".join(cell_xml(v) for v in row) + "</row>" for row in rows)
    sheet1 = SHEET.format(dimension="", rows=body)
    sheet2 = SHEET.format(dimension="", rows="<row/>" * 3 + "<row>" + cell_xml(marker) + "</row>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            CONTENT_TYPES.replace(
                "</Types>",
                '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
            ),
        )
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", TWO_SHEET_WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", TWO_SHEET_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet1)
        archive.writestr("xl/worksheets/sheet2.xml", sheet2)
        archive.writestr(
            "xl/sharedStrings.xml",
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
        )
    return buffer.getvalue()


def unsupported_zip_version() -> bytes:
    """A workbook whose central directory asks for ZIP version 6.4: zipfile raises
    NotImplementedError, not BadZipFile (found by the fuzz test)."""
    content = bytearray(rows_workbook([["a"]]))
    at = 0
    while (at := content.find(b"PK\x01\x02", at)) != -1:
        content[at + 6] = 64
        at += 4
    return bytes(content)
