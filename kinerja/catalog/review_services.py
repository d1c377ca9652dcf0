"""A new decree through review: upload, confirm or correct the matches, apply.

A successor decree (a later period) becomes a new ``Decree`` beside the old one: its positions
and indicators take the stable keys of those they continue, holders move to the new positions
on 1 January of its first year, and every earlier year keeps its figures under its own decree.
An amendment of the decree in force is applied to that decree in place, each indicator continuing
the one the reviewer matched, so its targets and realizations stay with it; an old row that
still carries data and was matched to nothing stops the whole apply, saying what hangs on it.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kinerja.accounts.carry import assignments_carry
from kinerja.accounts.permissions import require
from kinerja.audit.services import audit_record
from kinerja.catalog import matching
from kinerja.catalog.models import CatalogReview, Decree, Indicator, Position
from kinerja.catalog.parsing import DecreeParseError
from kinerja.catalog.services import catalog_import
from kinerja.catalog.validation import DocumentError, validate_document

MAX_BYTES = 10 * 1024 * 1024

# Settings a person made on an indicator that the decree text does not carry.
CARRIED_SETTINGS = ("frequency", "can_exceed_100", "register_figure")
CARRIED_MEASURE = ("measure_unit", "aggregation", "measure_confirmed")


def _require(actor: Any, agency: Any) -> None:
    """A person needs the catalog.import role; ``None`` is the command line (``kinerja catalog
    review``), run by whoever runs the site, audited as the system."""
    if actor is not None:
        require(actor, "catalog.import", agency, "Hanya administrator atau perencana.")


def read_file(raw: bytes, filename: str) -> tuple[dict[str, Any], str]:
    """A decree file of any accepted format (text, catalog JSON, DOCX, XLSX) as a validated
    catalog document and the SHA-256 of the bytes."""
    import hashlib

    from kinerja.catalog.parsing.files import read_decree_file

    if len(raw) > MAX_BYTES:
        limit = MAX_BYTES // (1024 * 1024)
        raise ValidationError(
            {"file": f"berkas {len(raw) // (1024 * 1024)} MB; batasnya {limit} MB"}
        )
    try:
        document = read_decree_file(raw, filename)
        validate_document(document)
    except (DecreeParseError, DocumentError) as exc:
        raise ValidationError({"file": f"{filename}: {exc}"}) from None
    return document, hashlib.sha256(raw).hexdigest()


def old_positions(decree: Decree) -> list[matching.OldPosition]:
    positions = list(decree.positions.filter(listed=True).order_by("order"))
    indicators: dict[int, list[matching.OldIndicator]] = {}
    for pk, name, position_id in (
        Indicator.objects.filter(goal__position__decree=decree, goal__position__listed=True)
        .order_by("goal__position__order", "goal__order", "order")
        .values_list("pk", "name", "goal__position_id")
    ):
        indicators.setdefault(position_id, []).append(matching.OldIndicator(pk, name, position_id))
    return [
        matching.OldPosition(p.pk, p.key, p.name, tuple(indicators.get(p.pk, ())))
        for p in positions
    ]


def _check_kind(base: Decree, document: dict[str, Any], kind: str) -> None:
    d = document["decree"]
    if (d["agency"], d["region"]) != (base.agency.name, base.agency.region):
        raise ValidationError(
            {
                "file": f"keputusan ini milik {d['agency']} {d['region']}, bukan "
                f"{base.agency.name} {base.agency.region}"
            }
        )
    start, end = int(d["period"]["start"]), int(d["period"]["end"])
    if kind == CatalogReview.Kind.SUCCESSOR:
        if Decree.objects.filter(agency=base.agency, number=d["number"]).exists():
            raise ValidationError(
                {"file": f"nomor {d['number']} sudah ada; untuk mengubahnya pilih 'perubahan'"}
            )
        if start <= base.period_start:
            raise ValidationError(
                {
                    "file": f"periode {start}-{end} tidak sesudah awal periode keputusan "
                    f"{base.number} ({base.period_start}-{base.period_end})"
                }
            )
    elif (start, end) != (base.period_start, base.period_end):
        raise ValidationError(
            {
                "file": f"perubahan harus untuk periode yang sama ({base.period_start}-"
                f"{base.period_end}); berkas ini {start}-{end}: unggah sebagai keputusan pengganti"
            }
        )


@transaction.atomic
def review_create(
    *, actor: Any, base: Decree, raw: bytes, filename: str, kind: str | None = None
) -> CatalogReview:
    """Read the file and propose the matches; nothing in the catalog changes yet."""
    _require(actor, base.agency)
    document, sha = read_file(raw, filename)
    if kind is None:
        start = int(document["decree"]["period"]["start"])
        kind = (
            CatalogReview.Kind.SUCCESSOR
            if start > base.period_end
            else CatalogReview.Kind.AMENDMENT
        )
    if kind not in CatalogReview.Kind.values:
        raise ValidationError({"kind": "jenis tinjauan tidak dikenal"})
    _check_kind(base, document, kind)
    proposal = matching.propose(old_positions(base), document)
    review = CatalogReview.objects.create(
        agency=base.agency,
        base=base,
        kind=kind,
        filename=filename[:255],
        source_sha256=sha,
        document=document,
        matches=proposal.as_matches(),
        proposal=proposal.as_matches(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(
        actor=actor,
        action="katalog.tinjau",
        obj=review,
        before=None,
        after={
            "berkas": filename,
            "nomor": document["decree"]["number"],
            "jenis": review.get_kind_display(),
        },
        agency=base.agency,
    )
    return review


def _valid_matches(review: CatalogReview, positions: dict, indicators: dict) -> dict:
    """Ids must be the base decree's, each used once, rows must be the document's."""
    errors: dict[str, str] = {}
    old = old_positions(review.base)
    position_ids = {p.id for p in old}
    indicator_ids = {i.id for p in old for i in p.indicators}
    rows = {r for r, _, _ in matching.indicator_rows(review.document)}
    keys = {p["key"] for p in review.document["positions"]}
    clean = {"positions": {}, "indicators": {}}
    for kind, given, allowed, valid_rows in (
        ("positions", positions, position_ids, keys),
        ("indicators", indicators, indicator_ids, rows),
    ):
        seen: dict[int, str] = {}
        for row, old_id in given.items():
            if row not in valid_rows:
                errors[f"{kind}:{row}"] = "baris tidak ada dalam keputusan baru"
                continue
            if old_id in (None, ""):
                clean[kind][row] = None
                continue
            old_id = int(old_id)
            if old_id not in allowed:
                errors[f"{kind}:{row}"] = "padanan bukan bagian keputusan lama"
            elif old_id in seen:
                errors[f"{kind}:{row}"] = f"padanan yang sama sudah dipakai baris {seen[old_id]}"
            else:
                seen[old_id] = row
                clean[kind][row] = old_id
        for row in valid_rows - set(clean[kind]) - {e.split(":", 1)[1] for e in errors}:
            clean[kind][row] = None
    if errors:
        raise ValidationError(errors)
    return clean


@transaction.atomic
def review_matches_set(
    *, actor: Any, review: CatalogReview, positions: dict, indicators: dict
) -> CatalogReview:
    """A person's corrections of the proposal (the whole table, as submitted)."""
    _require(actor, review.agency)
    _draft(review)
    before = review.matches
    review.matches = _valid_matches(review, positions, indicators)
    review.save(update_fields=["matches"])
    changed = sum(
        1
        for kind in ("positions", "indicators")
        for row, old_id in review.matches[kind].items()
        if (before.get(kind) or {}).get(row) != old_id
    )
    audit_record(
        actor=actor,
        action="katalog.tinjau.padanan",
        obj=review,
        before=None,
        after={"padanan diubah": changed},
        agency=review.agency,
    )
    return review


def _draft(review: CatalogReview) -> None:
    if review.status != CatalogReview.Status.DRAFT:
        raise ValidationError(
            {"status": f"tinjauan ini sudah {review.get_status_display().lower()}"}
        )


@transaction.atomic
def review_discard(*, actor: Any, review: CatalogReview, reason: str = "") -> CatalogReview:
    _require(actor, review.agency)
    _draft(review)
    review.status = CatalogReview.Status.DISCARDED
    review.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="katalog.tinjau.batal",
        obj=review,
        before={"status": "draft"},
        after={"status": "dibatalkan"},
        reason=reason,
        agency=review.agency,
    )
    return review


def _actor_name(actor: Any) -> str:
    return getattr(actor, "username", "") or str(actor or "")


@transaction.atomic
def review_apply(*, actor: Any, review: CatalogReview) -> Decree:
    """Apply the reviewed decree. All or nothing: any refusal rolls everything back."""
    _require(actor, review.agency)
    review = CatalogReview.objects.select_for_update().get(pk=review.pk)
    _draft(review)
    matches = _valid_matches(
        review, review.matches.get("positions", {}), review.matches.get("indicators", {})
    )
    try:
        if review.kind == CatalogReview.Kind.SUCCESSOR:
            decree = _apply_successor(actor, review, matches)
        else:
            decree = _apply_amendment(actor, review, matches)
    except DocumentError as exc:
        raise ValidationError({"file": str(exc).removeprefix("line 1: ")}) from None
    review.status = CatalogReview.Status.APPLIED
    review.applied_at = timezone.now()
    review.result = decree
    review.save(update_fields=["status", "applied_at", "result"])
    return decree


def _rows(document: dict[str, Any]):
    for p in document["positions"]:
        for g_index, goal in enumerate(p.get("goals") or []):
            for i_index, ind in enumerate(goal.get("indicators") or []):
                yield p, f"{p['key']}|{g_index}|{i_index}", ind


def _apply_successor(actor: Any, review: CatalogReview, matches: dict) -> Decree:
    base = review.base
    olds = {p.pk: p for p in base.positions.all()}
    old_indicators = {i.pk: i for i in Indicator.objects.filter(goal__position__decree=base)}
    document = copy.deepcopy(review.document)
    for row in document["positions"]:
        old = olds.get(matches["positions"].get(row["key"]) or 0)
        if old is not None:
            row["stable_key"] = old.stable_key
    for _p, row_id, ind in _rows(document):
        old = old_indicators.get(matches["indicators"].get(row_id) or 0)
        if old is not None:
            ind["stable_key"] = old.stable_key
            ind["register_figure"] = old.register_figure
    result = catalog_import(
        document=document,
        source_sha256=review.source_sha256,
        actor=_actor_name(actor),
        predecessor=base,
    )
    decree = result.decree
    _carry_settings(decree, document, matches, old_indicators)
    new_by_line = {p.stable_key: p for p in decree.positions.all()}
    _carry_supervisors(base, new_by_line)
    pairs = []
    for old in olds.values():
        pairs.append((old, new_by_line.get(old.stable_key)))
    carried = assignments_carry(
        actor=actor,
        pairs=pairs,
        starts_on=date(decree.period_start, 1, 1),
        reason=f"keputusan {decree.number} menggantikan {base.number}",
    )
    audit_record(
        actor=actor,
        action="katalog.terapkan",
        obj=review,
        before=None,
        after={
            "keputusan": decree.number,
            "menggantikan": base.number,
            "penugasan dilanjutkan": len(carried),
            **summary(review, matches),
        },
        agency=review.agency,
    )
    return decree


def _carry_settings(decree: Decree, document: dict, matches: dict, old_indicators: dict) -> None:
    """What a person set on the old indicator (frequency, exceeding 100%, register feed, the
    confirmed unit of a count) holds for the indicator that continues it."""
    stated = {row_id: bool(ind.get("measure_unit")) for _p, row_id, ind in _rows(document)}
    by_key = {i.stable_key: i for i in Indicator.objects.filter(goal__position__decree=decree)}
    for row_id, old_id in matches["indicators"].items():
        old = old_indicators.get(old_id or 0)
        new = by_key.get(old.stable_key) if old else None
        if new is None:
            continue
        names = list(CARRIED_SETTINGS)
        if new.kind == old.kind == Indicator.Kind.COUNT and not stated.get(row_id):
            names += CARRIED_MEASURE
        changed = [n for n in names if getattr(new, n) != getattr(old, n)]
        for n in changed:
            setattr(new, n, getattr(old, n))
        if changed:
            new.save(update_fields=changed)


def _carry_supervisors(base: Decree, new_by_line: dict[str, Position]) -> None:
    """A supervisor set by hand where the decree is silent (staff) carries to the same lines."""
    for old in base.positions.filter(supervisor__isnull=False).select_related("supervisor"):
        new = new_by_line.get(old.stable_key)
        above = new_by_line.get(old.supervisor.stable_key)
        if new is not None and new.supervisor_id is None and above is not None and above != new:
            new.supervisor = above
            new.save(update_fields=["supervisor"])


def _apply_amendment(actor: Any, review: CatalogReview, matches: dict) -> Decree:
    base = review.base
    olds = {p.pk: p for p in base.positions.all()}
    document = copy.deepcopy(review.document)
    amendment_number = document["decree"]["number"]
    keep = _decree_fields(base)
    keep["period"] = document["decree"]["period"]
    document["decree"] = keep
    taken = {olds[i].key for i in matches["positions"].values() if i}
    for row in document["positions"]:
        old = olds.get(matches["positions"].get(row["key"]) or 0)
        if old is not None:
            row["key"] = old.key
        elif row["key"] in {p.key for p in olds.values()} - taken:
            row["key"] = f"{row['key']}-baru"  # a person said it is new: never its namesake
    for _p, row_id, ind in _rows(document):
        old_id = matches["indicators"].get(row_id)
        if old_id:
            ind["match_id"] = old_id
        else:
            ind["new"] = True
    result = catalog_import(
        document=document,
        source_sha256=review.source_sha256,
        actor=_actor_name(actor),
        amendment_number=amendment_number,
    )
    audit_record(
        actor=actor,
        action="katalog.terapkan",
        obj=review,
        before=None,
        after={
            "keputusan": base.number,
            "perubahan": amendment_number,
            "perubahan diterapkan": len(result.changes),
            **summary(review, matches),
        },
        agency=review.agency,
    )
    return result.decree


def _decree_fields(decree: Decree) -> dict[str, Any]:
    return {
        "number": decree.number,
        "title": decree.title,
        "agency": decree.agency.name,
        "region": decree.agency.region,
        "period": {"start": decree.period_start, "end": decree.period_end},
        "enacted_on": decree.enacted_on.isoformat() if decree.enacted_on else None,
        "enacted_at": decree.enacted_at,
        "signatory": {
            "name": decree.signatory_name or None,
            "nip": decree.signatory_nip or None,
            "rank": decree.signatory_rank or None,
            "title": decree.signatory_title or None,
            "acting": decree.signatory_acting or None,
        },
        "legal_basis": decree.legal_basis,
        "considerations": decree.considerations,
        "uses": decree.uses,
    }


def summary(review: CatalogReview, matches: dict | None = None) -> dict[str, int]:
    """Counts per verdict, in words, for the audit trail and the page header."""
    matches = matches or review.matches
    old = old_positions(review.base)
    proposal = matching.propose(old, review.document)
    positions_new = sum(1 for v in matches["positions"].values() if not v)
    indicators_new = sum(1 for v in matches["indicators"].values() if not v)
    used_p = {v for v in matches["positions"].values() if v}
    used_i = {v for v in matches["indicators"].values() if v}
    return {
        "jabatan dilanjutkan": len(used_p),
        "jabatan baru": positions_new,
        "jabatan tidak ada lagi": len([p for p in old if p.id not in used_p]),
        "indikator dilanjutkan": len(used_i),
        "indikator baru": indicators_new,
        "indikator tidak ada lagi": len(
            [i for p in old for i in p.indicators if i.id not in used_i]
        ),
        "usulan otomatis diubah": sum(
            1
            for kind in ("positions", "indicators")
            for row, v in matches[kind].items()
            if proposal.as_matches()[kind].get(row) != v
        ),
    }
