"""Document downloads and the page that offers them. Every view asks the one permission
decision (``accounts.permissions.can``) about the object whose data the document prints and
answers 403 otherwise, whatever id is typed into the URL."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kinerja.accounts.access import position_or_403
from kinerja.accounts.permissions import can, for_user, require
from kinerja.catalog.models import Agency, Decree, Unit
from kinerja.core.errors import flash_errors
from kinerja.core.inputs import parse_id
from kinerja.measurement.achievement import achievement
from kinerja.planning.models import Agreement
from kinerja.reports import files, xlsx_out
from kinerja.reports.builders import (
    LKJIP_LABELS,
    NOTE_LABELS,
    office_decree,
    office_positions,
    unit_lead,
    unit_scope,
)
from kinerja.reports.models import LKJIP_FIELDS, NOTE_FIELDS, EvaluationNote, LkjipText
from kinerja.reports.services import evaluation_note_save, lkjip_text_save
from kinerja.scoring import Period

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _send(data: bytes, name: str, fmt: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _check_format(fmt: str, allowed: tuple[str, ...]) -> None:
    if fmt not in allowed:
        raise Http404("Format dokumen tidak tersedia.")


def _agency_or_403(user, pk: int) -> Agency:
    agency = get_object_or_404(Agency, pk=pk)
    if not can(user, "agency.read", agency):
        raise PermissionDenied
    return agency


def _verified_only(request: HttpRequest) -> bool:
    return request.GET.get("semua") != "1"


@login_required
def agreement_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    _check_format(fmt, files.PK_FORMATS)
    agreement = get_object_or_404(Agreement.objects.select_related("position__decree"), pk=pk)
    if not can(request.user, "agreement.view", agreement):
        raise PermissionDenied
    data, name = files.agreement_file(agreement, fmt)
    return _send(data, name, fmt)


@login_required
def agreement_list_file(request: HttpRequest) -> HttpResponse:
    """The PK list page as XLSX: the same rows (``for_user``), the same ``?tahun=`` filter."""
    require(request.user, "planning.view", None, "Perjanjian Kinerja untuk pejabat dan perencana.")
    qs = for_user(
        request.user,
        "agreement.view",
        Agreement.objects.select_related("position", "first_party", "second_party"),
    )
    year = request.GET.get("tahun", "")
    if year.isascii() and year.isdigit() and len(year) == 4:
        qs = qs.filter(year=int(year))
    return _send(xlsx_out.agreements_xlsx(qs[:5000]), "perjanjian-kinerja", "xlsx")


def _decree_years(agency) -> range | None:
    spans = list(agency.decrees.values_list("period_start", "period_end"))
    if not spans:
        return None
    return range(min(s for s, _ in spans), max(e for _, e in spans) + 1)


@login_required
def documents_latest(request: HttpRequest, agency: int) -> HttpResponse:
    """The documents of this year, or of the last year of the latest decree's period."""
    agency_obj = _agency_or_403(request.user, agency)
    decree = agency_obj.decrees.order_by("-period_end").first()
    year = timezone.localdate().year
    if decree is not None:
        year = max(min(year, decree.period_end), decree.period_start)
    return redirect("reports:documents", agency=agency_obj.pk, year=year)


@login_required
def documents(request: HttpRequest, agency: int, year: int) -> HttpResponse:
    """The office's documents for a year, and the texts the perencana writes for them."""
    agency_obj = _agency_or_403(request.user, agency)
    units = list(
        Unit.objects.filter(
            agency=agency_obj, kind__in=[Unit.Kind.SEKRETARIAT, Unit.Kind.BIDANG]
        ).order_by("order", "name")
    )
    unit = None
    raw = request.GET.get("unit", "")
    if raw:
        unit = next((u for u in units if str(u.pk) == raw), None)
        if unit is None:
            raise Http404("Unit tidak dikenal.")
    notes = {
        n.quarter: n for n in EvaluationNote.objects.filter(agency=agency_obj, year=year, unit=unit)
    }
    quarters = [
        (q, [(NOTE_LABELS[f], f, getattr(notes.get(q), f, "")) for f in NOTE_FIELDS])
        for q in range(1, 5)
    ]
    lkjip = LkjipText.objects.filter(agency=agency_obj, year=year).first()
    decree = office_decree(agency_obj, year)
    context = {
        "agency": agency_obj,
        "year": year,
        "decree": decree,
        # every year some decree of the agency covers: 2024 is printed with its own decree
        "years": _decree_years(agency_obj) or [year],
        "quarters": quarters,
        "lkjip_fields": [(LKJIP_LABELS[f], f, getattr(lkjip, f, "")) for f in LKJIP_FIELDS],
        "can_write": can(request.user, "target.set", agency_obj),
        "units": units,
        "unit": unit,
    }
    return render(request, "reports/documents.html", context)


@login_required
def evaluation_file(
    request: HttpRequest, agency: int, year: int, quarter: int, fmt: str
) -> HttpResponse:
    _check_format(fmt, files.EVALUATION_FORMATS)
    if not 1 <= quarter <= 4:
        raise Http404("Triwulan 1 sampai 4.")
    agency_obj = _agency_or_403(request.user, agency)
    data, name = files.evaluation_file(
        agency_obj, year, quarter, fmt, verified_only=_verified_only(request)
    )
    return _send(data, name, fmt)


def _unit_or_403(user, agency: int, pk: int, year: int) -> Unit:
    """A unit of the agency, for those who read the agency or the position heading the unit."""
    unit = get_object_or_404(Unit.objects.select_related("agency"), pk=pk, agency_id=agency)
    if can(user, "agency.read", unit.agency):
        return unit
    decree = office_decree(unit.agency, year)
    positions = office_positions(decree) if decree else []
    scope = unit_scope(unit)
    lead = unit_lead([p for p in positions if p.unit_id in scope], unit)
    if lead is None or not can(user, "position.view", lead):
        raise PermissionDenied
    return unit


@login_required
def unit_evaluation_file(
    request: HttpRequest, agency: int, year: int, quarter: int, unit: int, fmt: str
) -> HttpResponse:
    _check_format(fmt, files.EVALUATION_FORMATS)
    if not 1 <= quarter <= 4:
        raise Http404("Triwulan 1 sampai 4.")
    unit_obj = _unit_or_403(request.user, agency, unit, year)
    data, name = files.evaluation_file(
        unit_obj.agency, year, quarter, fmt, verified_only=_verified_only(request), unit=unit_obj
    )
    return _send(data, name, fmt)


@login_required
@require_POST
def evaluation_note(request: HttpRequest, agency: int, year: int, quarter: int) -> HttpResponse:
    if not 1 <= quarter <= 4:
        raise Http404("Triwulan 1 sampai 4.")
    agency_obj = _agency_or_403(request.user, agency)
    if not can(request.user, "target.set", agency_obj):
        raise PermissionDenied
    unit = None
    if request.POST.get("unit"):
        try:
            unit_id = parse_id(request.POST.get("unit"), "unit")
        except ValidationError:
            raise Http404("Unit tidak dikenal.") from None
        unit = get_object_or_404(Unit, pk=unit_id, agency=agency_obj)
    try:
        evaluation_note_save(
            actor=request.user,
            agency=agency_obj,
            year=year,
            quarter=quarter,
            texts={f: request.POST.get(f, "") for f in NOTE_FIELDS},
            unit=unit,
        )
        messages.success(request, f"Catatan evaluasi triwulan {quarter} {year} disimpan.")
    except ValidationError as exc:
        flash_errors(request, exc, {f: NOTE_LABELS[f] for f in NOTE_FIELDS})
    target = redirect("reports:documents", agency=agency_obj.pk, year=year)
    if unit is not None:
        target["Location"] += f"?unit={unit.pk}"
    return target


@login_required
def action_plan_file(request: HttpRequest, agency: int, year: int, fmt: str) -> HttpResponse:
    _check_format(fmt, files.ACTION_PLAN_FORMATS)
    agency_obj = _agency_or_403(request.user, agency)
    data, name = files.action_plan_file(agency_obj, year, fmt)
    return _send(data, name, fmt)


@login_required
def position_action_plan_file(request: HttpRequest, pk: int, year: int, fmt: str):
    _check_format(fmt, files.ACTION_PLAN_FORMATS)
    position = position_or_403(request.user, pk)
    data, name = files.action_plan_file(position.decree.agency, year, fmt, positions=[position])
    return _send(data, name, fmt)


@login_required
def lkjip_file(request: HttpRequest, agency: int, year: int, fmt: str) -> HttpResponse:
    _check_format(fmt, files.LKJIP_FORMATS)
    agency_obj = _agency_or_403(request.user, agency)
    data, name = files.lkjip_file(agency_obj, year, fmt, verified_only=_verified_only(request))
    return _send(data, name, fmt)


@login_required
@require_POST
def lkjip_texts(request: HttpRequest, agency: int, year: int) -> HttpResponse:
    agency_obj = _agency_or_403(request.user, agency)
    if not can(request.user, "target.set", agency_obj):
        raise PermissionDenied
    try:
        lkjip_text_save(
            actor=request.user,
            agency=agency_obj,
            year=year,
            texts={f: request.POST.get(f, "") for f in LKJIP_FIELDS},
        )
        messages.success(request, f"Naskah LKjIP {year} disimpan.")
    except ValidationError as exc:
        flash_errors(request, exc, {f: LKJIP_LABELS[f] for f in LKJIP_FIELDS})
    return redirect("reports:documents", agency=agency_obj.pk, year=year)


@login_required
def decree_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    _check_format(fmt, files.DECREE_FORMATS)
    decree = get_object_or_404(Decree.objects.select_related("agency"), pk=pk)
    if not can(request.user, "agency.read", decree.agency):
        raise PermissionDenied
    data, name = files.decree_file(decree, fmt)
    return _send(data, name, fmt)


@login_required
def position_table(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """The position page's table as XLSX (the same read model, the same ``as_of``)."""
    position = position_or_403(request.user, pk)
    # the page's rule (measurement.views): ``?sd=2024-06``; anything else is the latest period
    raw = request.GET.get("sd", "")
    try:
        as_of = Period.parse(raw) if raw else None
    except ValueError:
        as_of = None
    if as_of is not None and as_of.year != year:
        as_of = None
    figures = achievement([position], year, as_of=as_of, with_cells=False, with_quarters=False)
    data = files.position_table(position, year, figures)
    return _send(data, f"capaian-{position.key}-{year}", "xlsx")
