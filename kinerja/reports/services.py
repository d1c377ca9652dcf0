"""Writes of the reports app: the evaluation's factors and the LKjIP narrative (audited; only
the agency's perencana, through the one permission decision)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from kinerja.accounts.permissions import require
from kinerja.audit.services import audit_record
from kinerja.catalog.models import Agency, Unit
from kinerja.core.inputs import clean_text
from kinerja.reports.models import LKJIP_FIELDS, NOTE_FIELDS, EvaluationNote, LkjipText

MAX_TEXT = 5000
DENIED = "Hanya perencana perangkat daerah yang dapat mengubah naskah dokumen."


def _texts(fields: tuple[str, ...], texts: dict[str, Any]) -> dict[str, str]:
    return {
        name: clean_text(texts.get(name) or "", name, max_length=MAX_TEXT, multiline=True)
        for name in fields
    }


@transaction.atomic
def evaluation_note_save(
    *,
    actor: Any,
    agency: Agency,
    year: int,
    quarter: int,
    texts: dict[str, Any],
    unit: Unit | None = None,
) -> EvaluationNote:
    """The factors of the office's evaluation, or of one unit's (``unit``)."""
    require(actor, "target.set", agency, DENIED)
    if unit is not None and unit.agency_id != agency.pk:
        raise ValueError("unit of another agency")
    clean = _texts(NOTE_FIELDS, texts)
    note = (
        EvaluationNote.objects.select_for_update()
        .filter(agency=agency, unit=unit, year=year, quarter=quarter)
        .first()
    )
    before = {k: getattr(note, k) for k in NOTE_FIELDS} if note else None
    if note is None:
        note = EvaluationNote(agency=agency, unit=unit, year=year, quarter=quarter)
    for name, value in clean.items():
        setattr(note, name, value)
    note.updated_by = actor
    note.save()
    if before != clean:
        audit_record(
            actor=actor,
            action="evaluation_note.save",
            obj=note,
            before=before,
            after=clean,
            agency=agency,
        )
    return note


@transaction.atomic
def lkjip_text_save(*, actor: Any, agency: Agency, year: int, texts: dict[str, Any]) -> LkjipText:
    require(actor, "target.set", agency, DENIED)
    clean = _texts(LKJIP_FIELDS, texts)
    row = LkjipText.objects.select_for_update().filter(agency=agency, year=year).first()
    before = {k: getattr(row, k) for k in LKJIP_FIELDS} if row else None
    if row is None:
        row = LkjipText(agency=agency, year=year)
    for name, value in clean.items():
        setattr(row, name, value)
    row.updated_by = actor
    row.save()
    if before != clean:
        audit_record(
            actor=actor,
            action="lkjip_text.save",
            obj=row,
            before=before,
            after=clean,
            agency=agency,
        )
    return row
