"""Writes of programs, kegiatan, sub kegiatan, pagu and spending (audited, perencana only).

``budget_import`` takes a SIPD/DPA-like XLSX (``budget_file``) all or nothing: every problem is
reported with its row and column and nothing is written; a clean file creates or updates items
by code, sets the year's pagu and the months' spending it states, and a second import of the
same file finds nothing to change (no row, no audit entry, no import record).
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.audit.services import audit_record
from kinerja.catalog.models import Agency, Goal, Position
from kinerja.strategy import budget_file, xlsx_limits
from kinerja.strategy.models import BudgetImport, BudgetItem, Pagu, Spending
from kinerja.strategy.services import _check


@transaction.atomic
def budget_import(
    *,
    actor: Any,
    agency: Agency,
    year: int,
    content: bytes,
    filename: str = "",
    check_access: bool = True,
) -> dict[str, int]:
    """Returns what changed: {"item": n, "pagu": n, "spending": n}; all zero for a file already
    imported. Raises ValidationError({"file": [problems...]}) and writes nothing otherwise."""
    _check(actor, agency, check_access)
    max_rows = settings.KINERJA_MAX_UPLOAD_ROWS
    xlsx_limits.check(content, max_rows=max_rows + budget_file.HEADER_SCAN)
    try:
        parsed = budget_file.read_budget(content, max_rows=max_rows)
    except ValueError as exc:
        raise ValidationError({"file": str(exc)}) from None
    problems = list(parsed.problems)
    existing = {i.code: i for i in BudgetItem.objects.filter(agency=agency)}
    in_file = {r.code for r in parsed.rows}
    for row in parsed.rows:
        parent = row.parent_code
        if parent and parent not in in_file and parent not in existing:
            problems.append(
                budget_file.Problem(
                    row.row, "", f"induk {parent} tidak ada dalam berkas maupun data sebelumnya"
                )
            )
    if problems:
        problems.sort(key=lambda p: (p.row, p.column))
        raise ValidationError({"file": [str(p) for p in problems]})
    changed = {"item": 0, "pagu": 0, "spending": 0}
    pagu = {p.item_id: p for p in Pagu.objects.filter(item__agency=agency, year=year)}
    spent = {
        (s.item_id, s.month): s for s in Spending.objects.filter(item__agency=agency, year=year)
    }
    new_pagu, new_spent, changed_pagu, changed_spent = [], [], [], []
    for row in sorted(parsed.rows, key=lambda r: len(r.code)):
        item = existing.get(row.code)
        parent = existing.get(row.parent_code) if row.parent_code else None
        if item is None:
            item = BudgetItem.objects.create(
                agency=agency, code=row.code, name=row.name, level=row.level, parent=parent
            )
            existing[row.code] = item
            changed["item"] += 1
        elif (item.name, item.parent_id) != (row.name, getattr(parent, "pk", None)):
            item.name, item.parent = row.name, parent
            item.save()
            changed["item"] += 1
        if row.level != BudgetItem.Level.SUB:
            continue
        if row.pagu is not None:
            current = pagu.get(item.pk)
            if current is None:
                new_pagu.append(Pagu(item=item, year=year, amount=row.pagu))
            elif current.amount != row.pagu:
                current.amount = row.pagu
                changed_pagu.append(current)
        for month, amount in row.months.items():
            current = spent.get((item.pk, month))
            if current is None:
                new_spent.append(Spending(item=item, year=year, month=month, amount=amount))
            elif current.amount != amount:
                current.amount = amount
                changed_spent.append(current)
    Pagu.objects.bulk_create(new_pagu)
    Pagu.objects.bulk_update(changed_pagu, ["amount"])
    Spending.objects.bulk_create(new_spent)
    Spending.objects.bulk_update(changed_spent, ["amount"])
    changed["pagu"] = len(new_pagu) + len(changed_pagu)
    changed["spending"] = len(new_spent) + len(changed_spent)
    if any(changed.values()):
        sha = hashlib.sha256(content).hexdigest()
        record = BudgetImport.objects.create(
            agency=agency,
            year=year,
            sha256=sha,
            filename=filename[:255],
            summary=changed,
            imported_by=actor if getattr(actor, "pk", None) else None,
        )
        audit_record(
            actor=actor,
            action="budget.import",
            obj=record,
            before=None,
            after={**changed, "tahun": year, "berkas": filename[:255], "sha256": sha},
            agency=agency,
        )
    return changed


@transaction.atomic
def budget_item_link(
    *,
    actor: Any,
    item: BudgetItem,
    goals: list[Goal],
    responsible: Position | None,
    check_access: bool = True,
) -> BudgetItem:
    """The goals a sub kegiatan funds and the position answering for it (of the same agency).
    Goals of other decrees than the ones given are kept (a successor decree has its own)."""
    agency = item.agency
    _check(actor, agency, check_access)
    if item.level != BudgetItem.Level.SUB:
        raise ValidationError({"item": "hanya sub kegiatan yang ditautkan ke kinerja"})
    decrees = {g.position.decree_id for g in goals} | (
        {responsible.decree_id} if responsible else set()
    )
    if any(g.position.decree.agency_id != agency.pk for g in goals) or (
        responsible is not None and responsible.decree.agency_id != agency.pk
    ):
        raise ValidationError({"goals": "kinerja dan jabatan harus dari perangkat daerah ini"})
    before = {
        "goals": sorted(item.goals.values_list("pk", flat=True)),
        "responsible": item.responsible_id,
    }
    keep = [g.pk for g in item.goals.exclude(position__decree_id__in=decrees)] if decrees else []
    new_goals = sorted({*keep, *(g.pk for g in goals)})
    after = {"goals": new_goals, "responsible": getattr(responsible, "pk", None)}
    if before != after:
        item.goals.set(new_goals)
        item.responsible = responsible
        item.save(update_fields=["responsible"])
        audit_record(
            actor=actor,
            action="budget_item.link",
            obj=item,
            before=before,
            after=after,
            agency=agency,
        )
    return item
