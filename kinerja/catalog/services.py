"""Catalog writes. The importer is the one way a decree document becomes database rows, whether
it comes from a decree text, an exported JSON file, a command or a page."""

from __future__ import annotations

import hashlib
import json
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.text import slugify

from kinerja.catalog import register_figures
from kinerja.catalog.measures import default_measure
from kinerja.catalog.models import (
    Agency,
    CatalogImport,
    DataSource,
    Decree,
    Duty,
    Goal,
    Indicator,
    IndicatorSource,
    Position,
    Unit,
)
from kinerja.catalog.parsing import DecreeParseError, parse_decree
from kinerja.catalog.validation import DocumentError, validate_document

FORMAT = "kinerja.catalog/1"
SEED_PATH = Path(__file__).resolve().parent / "data" / "sampang-188-2019.txt"


_SOURCE_CACHE: ContextVar[dict[str, DataSource] | None] = ContextVar("sources", default=None)
# An amendment applied after review names, per indicator row, the existing indicator it continues
# ("match_id"), possibly from another jabatan (a moved indicator). Those are looked up decree-wide
# and never deleted as "dropped" by the jabatan they left.
_MATCHED: ContextVar[dict[int, Indicator] | None] = ContextVar("matched", default=None)
_KEYS: ContextVar[set[str] | None] = ContextVar("indicator_keys", default=None)

# Positions shift when one above them is added or removed; reporting that would bury the real
# amendments under noise.
QUIET_FIELDS = {"order", "listed"}


@dataclass
class Change:
    """One difference the importer applied, worded for the person who ran it."""

    action: str  # "tambah" | "ubah" | "hapus"
    subject: str
    field: str = ""
    before: Any = None
    after: Any = None

    def message(self) -> str:
        if self.action == "tambah":
            return f"ditambahkan: {self.subject}"
        if self.action == "hapus":
            return f"dihapus: {self.subject}"
        return f"diubah: {self.subject}, {self.field}: {self.before!r} -> {self.after!r}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "subject": self.subject,
            "field": self.field,
            "before": self.before,
            "after": self.after,
        }


@dataclass
class ImportResult:
    decree: Decree
    created: bool
    changes: list[Change] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)


def load_document(raw: bytes) -> tuple[dict[str, Any], str]:
    """Read either a decree text or an exported catalog JSON; return the document and the
    SHA-256 of the input. Raises ``DecreeParseError``/``DocumentError`` with a located message."""
    sha = hashlib.sha256(raw).hexdigest()
    stripped = raw.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        try:
            document = json.loads(stripped.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            line = getattr(exc, "lineno", 1)
            raise DocumentError(f"line {line}: not valid catalog JSON ({exc})") from None
        validate_document(document)
        return document, sha
    document = parse_decree(raw)
    validate_document(document)
    return document, sha


def _set(obj: Any, values: dict[str, Any], subject: str, changes: list[Change]) -> bool:
    """Assign changed values and record each change (only on rows that already exist)."""
    dirty = False
    for name, value in values.items():
        field_ = obj._meta.get_field(name)
        if field_.is_relation:
            before_id = getattr(obj, field_.attname)
            if before_id == (value.pk if value is not None else None):
                continue
            before = getattr(obj, name) if before_id is not None else None
        else:
            before = getattr(obj, name)
            if before == value:
                continue
        if obj.pk is not None and name not in QUIET_FIELDS:
            changes.append(Change("ubah", subject, name, _plain(before), _plain(value)))
        setattr(obj, name, value)
        dirty = True
    return dirty


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "pk"):
        return str(value)
    return value


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


@transaction.atomic
def catalog_import(
    *,
    document: dict[str, Any],
    source_sha256: str,
    actor: str = "",
    amendment_number: str = "",
    predecessor: Decree | None = None,
) -> ImportResult:
    """Create or update a decree's catalog in place from a validated document.

    Positions are matched by key, goals by statement (then by order), indicators by name within
    their position, so re-importing the same text changes nothing and an amended text is applied
    as the differences it contains."""
    d = document["decree"]
    changes: list[Change] = []
    agency, _ = Agency.objects.get_or_create(name=d["agency"], region=d["region"])
    decree = Decree.objects.filter(agency=agency, number=d["number"]).first()
    created = decree is None
    if created:
        decree = Decree(agency=agency, number=d["number"])
    sig = d.get("signatory") or {}
    enacted = date.fromisoformat(d["enacted_on"]) if d.get("enacted_on") else None
    _set(
        decree,
        {
            "title": d["title"],
            "period_start": int(d["period"]["start"]),
            "period_end": int(d["period"]["end"]),
            "enacted_on": enacted,
            "enacted_at": d.get("enacted_at") or "",
            "signatory_name": sig.get("name") or "",
            "signatory_nip": sig.get("nip") or "",
            "signatory_rank": sig.get("rank") or "",
            "signatory_title": sig.get("title") or "",
            "signatory_acting": sig.get("acting") or "",
            "legal_basis": list(d.get("legal_basis") or []),
            "considerations": list(d.get("considerations") or []),
            "uses": list(d.get("uses") or []),
        },
        f"keputusan {d['number']}",
        changes,
    )
    decree.source_sha256 = source_sha256
    decree.imported_at = timezone.now()
    if predecessor is not None:
        decree.predecessor = predecessor
    decree.save()
    if created:
        changes.append(Change("tambah", f"keputusan {d['number']}"))

    units = _import_units(agency, document.get("units") or [], changes)
    token = _SOURCE_CACHE.set({s.name.casefold(): s for s in DataSource.objects.all()})
    wanted = {
        int(i["match_id"])
        for p in document["positions"]
        for g in p.get("goals") or []
        for i in g.get("indicators") or []
        if i.get("match_id")
    }
    matched = _MATCHED.set(
        {i.pk: i for i in Indicator.objects.filter(goal__position__decree=decree, pk__in=wanted)}
        if wanted
        else {}
    )
    keys = _KEYS.set(
        set(
            Indicator.objects.filter(goal__position__decree__agency=agency).values_list(
                "stable_key", flat=True
            )
        )
    )
    try:
        _import_positions(decree, document["positions"], units, changes)
    finally:
        _SOURCE_CACHE.reset(token)
        _MATCHED.reset(matched)
        _KEYS.reset(keys)
    warnings = list(document.get("warnings") or [])
    CatalogImport.objects.create(
        decree=decree,
        actor=actor,
        source_sha256=source_sha256,
        changes=[c.as_dict() for c in changes],
        warnings=warnings,
        amendment_number=amendment_number,
    )
    return ImportResult(decree=decree, created=created, changes=changes, warnings=warnings)


def _import_units(
    agency: Agency, rows: list[dict[str, Any]], changes: list[Change]
) -> dict[str, Unit]:
    existing = {u.name: u for u in Unit.objects.filter(agency=agency)}
    for order, row in enumerate(rows):
        unit = existing.get(row["name"])
        if unit is None:
            unit = Unit(agency=agency, name=row["name"])
            changes.append(Change("tambah", f"unit {row['name']}"))
        kind = row.get("kind") or Unit.Kind.LAINNYA
        if (
            _set(unit, {"kind": kind, "order": order}, f"unit {row['name']}", changes)
            or not unit.pk
        ):
            unit.save()
        existing[unit.name] = unit
    for row in rows:
        unit = existing[row["name"]]
        parent = existing.get(row["parent"]) if row.get("parent") else None
        if unit.parent_id != (parent.pk if parent else None):
            if unit.parent_id is not None or parent is not None:
                before = unit.parent.name if unit.parent else None
                if before is not None:
                    changes.append(
                        Change("ubah", f"unit {unit.name}", "parent", before, row.get("parent"))
                    )
            unit.parent = parent
            unit.save(update_fields=["parent"])
    return existing


def _import_positions(
    decree: Decree, rows: list[dict[str, Any]], units: dict[str, Unit], changes: list[Change]
) -> None:
    existing = {p.key: p for p in decree.positions.all()}
    seen: dict[str, Position] = {}
    for order, row in enumerate(rows):
        position = existing.get(row["key"])
        subject = f"jabatan {row['name']}"
        if position is None:
            position = Position(
                decree=decree, key=row["key"], stable_key=row.get("stable_key") or row["key"]
            )
            changes.append(Change("tambah", subject))
        unit = units.get(row["unit"]) if row.get("unit") else None
        dirty = _set(
            position,
            {
                "name": row["name"],
                "unit": unit,
                "supervisor_text": row.get("supervisor") or "",
                "order": order + 1,
                "listed": True,
            },
            subject,
            changes,
        )
        if dirty or position.pk is None:
            position.save()
        seen[position.key] = position
        _import_duties(position, row, changes)
        _import_goals(position, row.get("goals") or [], changes)
    head = _ensure_head(decree, seen, existing)
    for key, position in existing.items():
        if key not in seen and position.pk != head.pk:
            changes.append(Change("hapus", f"jabatan {position.name}"))
            _delete(position, f"jabatan '{position.name}'")
    by_name = {_norm(head.name): head}
    for position in seen.values():
        by_name.setdefault(_norm(position.name), position)
    for position in seen.values():
        if not position.supervisor_text:
            continue  # the decree is silent: keep what an admin may have set by hand
        target = by_name.get(_norm(position.supervisor_text))
        if target == position:
            target = None
        if position.supervisor_id != (target.pk if target else None):
            position.supervisor = target
            position.save(update_fields=["supervisor"])


def _delete(obj: Any, label: str) -> None:
    """Remove what an amendment dropped, unless targets, PKs, realizations or assignments still
    hang off it: then the whole import stops (and rolls back) saying so."""
    try:
        obj.delete()
    except ProtectedError as exc:
        kinds = sorted({o._meta.verbose_name for o in exc.protected_objects})
        raise DocumentError(
            f"line 1: {label} tidak ada lagi dalam keputusan tetapi masih memiliki "
            f"{', '.join(map(str, kinds))}; tidak ada yang diterapkan (padankan dengan baris "
            "baru, atau akhiri/pindahkan data itu lebih dulu)"
        ) from None


def _ensure_head(
    decree: Decree, seen: dict[str, Position], existing: dict[str, Position]
) -> Position:
    """The head of the agency tops the tree (verifies the Sekretaris and Kabid, signs their PK)
    although an IKI decree names the head only as a supervisor ("... oleh Kepala Dinas")."""
    title = f"Kepala {decree.agency.name.split()[0]}"
    listed = next((p for p in seen.values() if _norm(p.name) == _norm(title)), None)
    if listed is not None:
        if not listed.is_head:
            listed.is_head = True
            listed.save(update_fields=["is_head"])
        return listed
    key = slugify(title)
    head = existing.get(key)
    if head is None:
        head = Position.objects.create(
            decree=decree, key=key, stable_key=key, name=title, is_head=True, listed=False, order=0
        )
    return head


def _import_duties(position: Position, row: dict[str, Any], changes: list[Change]) -> None:
    existing = list(position.duties.values_list("kind", "text")) if position.pk else []
    for kind, key in ((Duty.Kind.TASK, "tasks"), (Duty.Kind.FUNCTION, "functions")):
        wanted = list(row.get(key) or [])
        current = [text for k, text in existing if k == kind]
        if current == wanted:
            continue
        if current:
            label = "tugas" if kind == Duty.Kind.TASK else "fungsi"
            changes.append(Change("ubah", f"jabatan {position.name}", label, current, wanted))
            position.duties.filter(kind=kind).delete()
        Duty.objects.bulk_create(
            Duty(position=position, kind=kind, text=text, order=i) for i, text in enumerate(wanted)
        )


def _import_goals(position: Position, rows: list[dict[str, Any]], changes: list[Change]) -> None:
    goals = list(position.goals.all())
    indicators = {_norm(i.name): i for i in Indicator.objects.filter(goal__position=position)}
    used_goals: set[int] = set()
    used_indicators: set[int] = set()
    for order, row in enumerate(rows):
        goal = next(
            (
                g
                for g in goals
                if g.pk not in used_goals and _norm(g.statement) == _norm(row["statement"])
            ),
            None,
        ) or next((g for g in goals if g.pk not in used_goals and g.order == order), None)
        subject = f"jabatan {position.name}, kinerja"
        if goal is None:
            goal = Goal(position=position)
            changes.append(Change("tambah", f"{subject} '{row['statement']}'"))
        if (
            _set(goal, {"statement": row["statement"], "order": order}, subject, changes)
            or not goal.pk
        ):
            goal.save()
        used_goals.add(goal.pk)
        for i_order, irow in enumerate(row.get("indicators") or []):
            matched = _MATCHED.get() or {}
            if irow.get("match_id"):
                indicator = matched.get(int(irow["match_id"]))
            elif irow.get("new"):
                indicator = None  # a reviewer said new, even where the wording repeats
            else:
                indicator = indicators.get(_norm(irow["name"]))
                if indicator is not None and indicator.pk in matched:
                    indicator = None  # continued elsewhere under its explicit match
            if indicator is not None and indicator.pk in used_indicators:
                indicator = None
            used_indicators.add(
                _import_indicator(position, goal, indicator, irow, i_order, changes)
            )
    for indicator in indicators.values():
        if indicator.pk not in used_indicators and indicator.pk not in (_MATCHED.get() or {}):
            changes.append(
                Change("hapus", f"jabatan {position.name}, indikator '{indicator.name}'")
            )
            _delete(indicator, f"indikator '{indicator.name}' ({position.name})")
    for goal in goals:
        if goal.pk not in used_goals:
            changes.append(Change("hapus", f"jabatan {position.name}, kinerja '{goal.statement}'"))
            _delete(goal, f"kinerja '{goal.statement}' ({position.name})")


def _measure(indicator: Indicator | None, row: dict[str, Any]) -> dict[str, Any]:
    """A count whose decree states no unit keeps the unit and aggregation a person set (or
    confirmed); a new one gets a default from its wording, left unconfirmed for the catalog
    check to list."""
    if row["kind"] != Indicator.Kind.COUNT or row.get("measure_unit"):
        return {}
    if indicator is not None and indicator.pk is not None:
        return {"measure_unit": indicator.measure_unit, "aggregation": indicator.aggregation}
    unit, aggregation = default_measure(row["name"], row.get("numerator"))
    return {"measure_unit": unit, "aggregation": aggregation, "measure_confirmed": False}


def _import_indicator(
    position: Position,
    goal: Goal,
    indicator: Indicator | None,
    row: dict[str, Any],
    order: int,
    changes: list[Change],
) -> int:
    subject = f"jabatan {position.name}, indikator '{row['name']}'"
    if indicator is None:
        indicator = Indicator(
            stable_key=row.get("stable_key") or _indicator_key(position, row["name"]),
            register_figure=row.get("register_figure") or register_figures.guess(row["name"]),
        )
        changes.append(Change("tambah", subject))
    values = {
        "goal": goal,
        "name": row["name"],
        "kind": row["kind"],
        "formula": row.get("formula") or "",
        "numerator": row.get("numerator") or "",
        "denominator": row.get("denominator") or "",
        "measure_unit": row.get("measure_unit") or "",
        "polarity": row.get("polarity") or Indicator.Polarity.HIGHER,
        "aggregation": row.get("aggregation") or Indicator.Aggregation.FLOW,
        "order": order,
    }
    values.update(_measure(indicator, row))
    created = indicator.pk is None
    if _set(indicator, values, subject, changes) or created:
        indicator.save()
    wanted = list(
        {s.strip().casefold(): s.strip() for s in row.get("sources") or [] if s.strip()}.values()
    )
    current = (
        []
        if created
        else [link.source.name for link in indicator.indicatorsource_set.select_related("source")]
    )
    if [c.casefold() for c in current] != [w.casefold() for w in wanted]:
        if current:
            changes.append(Change("ubah", subject, "sumber data", current, wanted))
        if current:
            indicator.indicatorsource_set.all().delete()
        IndicatorSource.objects.bulk_create(
            IndicatorSource(
                indicator=indicator, source=data_source_get_or_create(name=name), order=n
            )
            for n, name in enumerate(wanted)
        )
    return indicator.pk


def _indicator_key(position: Position, name: str) -> str:
    """A new indicator's stable key: its jabatan's stable key and its wording, made unique
    within the agency (the seed repeats some names under one jabatan)."""
    base = f"{position.stable_key}/{slugify(name)[:100]}"
    taken = _KEYS.get()
    if taken is None:
        taken = set(
            Indicator.objects.filter(
                goal__position__decree__agency_id=position.decree.agency_id
            ).values_list("stable_key", flat=True)
        )
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    taken.add(key)
    return key


def data_source_get_or_create(*, name: str) -> DataSource:
    """Sources are shared records matched without regard to case ("SIAK" == "Siak").

    Within one import the records are cached (``_SOURCE_CACHE``), because the seed alone names
    the same few sources hundreds of times."""
    cache = _SOURCE_CACHE.get()
    key = name.casefold()
    if cache is not None and key in cache:
        return cache[key]
    found = DataSource.objects.filter(name__iexact=name).first() or DataSource.objects.create(
        name=name
    )
    if cache is not None:
        cache[key] = found
    return found


def catalog_import_path(
    *, path: Path, actor: str = "", max_bytes: int | None = None
) -> ImportResult:
    """Import a decree text or catalog JSON from a file, refusing oversized input up front."""
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise DocumentError(f"line 1: file is {size:,} bytes; the limit is {max_bytes:,} bytes")
    document, sha = load_document(path.read_bytes())
    return catalog_import(document=document, source_sha256=sha, actor=actor)


__all__ = [
    "FORMAT",
    "SEED_PATH",
    "Change",
    "DecreeParseError",
    "DocumentError",
    "ImportResult",
    "catalog_import",
    "catalog_import_path",
    "data_source_get_or_create",
    "load_document",
]
