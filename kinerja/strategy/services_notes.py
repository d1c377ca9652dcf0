"""Writes of the quarterly evaluation notes (with the follow-up checked the next quarter) and of
the realizations of years before the system. Audited; the perencana writes them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.audit.services import audit_record
from kinerja.catalog.models import Agency, Goal, Indicator, Unit
from kinerja.core.inputs import YEAR_MIN, clean_text
from kinerja.strategy.models import EarlierRealization, Iku, QuarterNote
from kinerja.strategy.services import _check, _json

NOTE_TEXTS = ("pendorong", "penghambat", "tindak_lanjut")
MAX_TEXT = 3000


def _agency_of_subject(goal, indicator, iku) -> int:
    if goal is not None:
        return goal.position.decree.agency_id
    if indicator is not None:
        return indicator.goal.position.decree.agency_id
    return iku.sasaran.tujuan.renstra.agency_id


@transaction.atomic
def quarter_note_save(
    *,
    actor: Any,
    agency: Agency,
    year: int,
    quarter: int,
    texts: dict[str, Any],
    unit: Unit | None = None,
    goal: Goal | None = None,
    indicator: Indicator | None = None,
    iku: Iku | None = None,
    note: QuarterNote | None = None,
    check_access: bool = True,
) -> QuarterNote:
    """A note about one goal, indicator or IKU for a quarter (a new one, or ``note`` edited)."""
    _check(actor, agency, check_access)
    if not 1 <= quarter <= 4:
        raise ValidationError({"quarter": "triwulan harus 1 sampai 4"})
    if note is None:
        subjects = [s for s in (goal, indicator, iku) if s is not None]
        if len(subjects) != 1:
            raise ValidationError({"subject": "pilih satu kinerja, indikator atau IKU"})
        if _agency_of_subject(goal, indicator, iku) != agency.pk:
            raise ValidationError({"subject": "kinerja/indikator dari perangkat daerah lain"})
        if unit is not None and unit.agency_id != agency.pk:
            raise ValidationError({"unit": "unit dari perangkat daerah lain"})
        note = QuarterNote(
            agency=agency,
            unit=unit,
            year=year,
            quarter=quarter,
            goal=goal,
            indicator=indicator,
            iku=iku,
        )
        before = None
    else:
        if note.agency_id != agency.pk:
            raise ValidationError({"note": "catatan dari perangkat daerah lain"})
        before = {k: getattr(note, k) for k in NOTE_TEXTS}
    clean = {
        k: clean_text(texts.get(k) or "", k, max_length=MAX_TEXT, multiline=True)
        for k in NOTE_TEXTS
    }
    if not any(clean.values()):
        raise ValidationError({"pendorong": "isi paling sedikit satu faktor atau tindak lanjut"})
    if before == clean:
        return note
    for key, value in clean.items():
        setattr(note, key, value)
    note.updated_by = actor if getattr(actor, "pk", None) else None
    note.save()
    audit_record(
        actor=actor,
        action="quarter_note.save",
        obj=note,
        before=before,
        after=clean,
        agency=agency,
    )
    return note


@transaction.atomic
def follow_up_record(
    *,
    actor: Any,
    note: QuarterNote,
    done: bool,
    by: str,
    remark: str = "",
    check_access: bool = True,
) -> QuarterNote:
    """At the next quarter's meeting: was the note's tindak lanjut carried out, and by whom."""
    agency = note.agency
    _check(actor, agency, check_access)
    if not note.tindak_lanjut:
        raise ValidationError({"done": "catatan ini tidak memuat tindak lanjut"})
    by = clean_text(by, "by", max_length=255, multiline=False, required=True)
    remark = clean_text(remark, "remark", max_length=MAX_TEXT)
    checked = f"{note.year + (note.quarter == 4)}-TW{note.quarter % 4 + 1}"
    before = {
        "done": note.follow_up_done,
        "by": note.follow_up_by,
        "note": note.follow_up_note,
    }
    after = {"done": done, "by": by, "note": remark}
    if before == after:
        return note
    note.follow_up_done, note.follow_up_by, note.follow_up_note = done, by, remark
    note.follow_up_checked_in = checked
    note.save()
    audit_record(
        actor=actor,
        action="quarter_note.follow_up",
        obj=note,
        before=before,
        after=after,
        agency=agency,
    )
    return note


@transaction.atomic
def earlier_realization_save(
    *,
    actor: Any,
    agency: Agency,
    year: int,
    value: Decimal | None,
    source: str,
    iku: Iku | None = None,
    indicator: Indicator | None = None,
    first_system_year: int | None = None,
    check_access: bool = True,
) -> EarlierRealization | None:
    """A realization of a year before the system for an IKU or a decree indicator, with where
    it comes from (None removes it). ``first_system_year``: years from it on are measured in
    the system and refused here, so the two are never mixed."""
    _check(actor, agency, check_access)
    if (iku is None) == (indicator is None):
        raise ValidationError({"subject": "pilih satu IKU atau satu indikator"})
    if _agency_of_subject(None, indicator, iku) != agency.pk:
        raise ValidationError({"subject": "IKU/indikator dari perangkat daerah lain"})
    if year < YEAR_MIN or (first_system_year is not None and year >= first_system_year):
        raise ValidationError(
            {"year": f"hanya tahun sebelum data sistem (sebelum {first_system_year})"}
        )
    source = clean_text(
        source, "source", max_length=500, multiline=False, required=value is not None
    )
    row = (
        EarlierRealization.objects.select_for_update()
        .filter(iku=iku, indicator=indicator, year=year)
        .first()
    )
    before = {"value": _json(row.value), "source": row.source} if row else None
    if value is None:
        if row is not None:
            row.delete()
            audit_record(
                actor=actor,
                action="earlier.save",
                obj=agency,
                before=before,
                after=None,
                agency=agency,
            )
        return None
    after = {"value": _json(value), "source": source}
    if before is not None and Decimal(before["value"]) == value and before["source"] == source:
        return row
    row = row or EarlierRealization(agency=agency, iku=iku, indicator=indicator, year=year)
    row.value, row.source = value, source
    row.updated_by = actor if getattr(actor, "pk", None) else None
    row.save()
    audit_record(
        actor=actor,
        action="earlier.save",
        obj=row,
        before=before,
        after={**after, "year": year},
        agency=agency,
    )
    return row


@transaction.atomic
def earlier_import(
    *,
    actor: Any,
    renstra: Any,
    content: bytes,
    first_system_year: int | None,
    max_rows: int = 1000,
    check_access: bool = True,
) -> int:
    """Earlier-year realizations of the Renstra's IKU from ``Kode IKU | Tahun | Realisasi |
    Sumber``, all or nothing (every problem with row and column); returns the rows saved."""
    from kinerja.strategy import renstra_file, xlsx_limits
    from kinerja.strategy.budget_file import Problem

    agency = renstra.agency
    _check(actor, agency, check_access)
    xlsx_limits.check(content, max_rows=max_rows + 1, max_columns=10)
    try:
        rows, problems = renstra_file.read_earlier(content, max_rows=max_rows)
    except ValueError as exc:
        raise ValidationError({"file": str(exc)}) from None
    by_code: dict[str, list[Iku]] = {}
    for iku in Iku.objects.filter(sasaran__tujuan__renstra=renstra):
        by_code.setdefault(iku.code, []).append(iku)
    for row in rows:
        if len(by_code.get(row.code, [])) != 1:
            what = "tidak ada" if row.code not in by_code else "tidak tunggal"
            problems.append(Problem(row.row, "A (Kode IKU)", f"IKU {row.code} {what} di {renstra}"))
        if first_system_year is not None and row.year >= first_system_year:
            problems.append(
                Problem(
                    row.row, "B (Tahun)", f"hanya tahun sebelum data sistem ({first_system_year})"
                )
            )
    if problems:
        raise ValidationError({"file": [str(p) for p in sorted(problems, key=lambda p: p.row)]})
    for row in rows:
        earlier_realization_save(
            actor=actor,
            agency=agency,
            iku=by_code[row.code][0],
            year=row.year,
            value=row.value,
            source=row.source,
            first_system_year=first_system_year,
            check_access=False,
        )
    return len(rows)
