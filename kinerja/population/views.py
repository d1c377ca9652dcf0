"""The coverage page: where coverage is low, per kecamatan and desa, so the office knows where to
send mobile services. Aggregates only: no person appears here."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from kinerja.catalog.models import Agency
from kinerja.population.coverage_view import (
    BANDS,
    XLSX,
    coverage_bars,
    coverage_workbook,
    kabupaten_and_kecamatan,
)
from kinerja.population.definitions import BY_KEY, Rules
from kinerja.population.jobs import can_import, job_start
from kinerja.population.models import AreaFigure, Computation, ImportJob
from kinerja.population.selectors import (
    COVERAGE_KEYS,
    DECREE_INDICATORS,
    SORTS,
    agencies_for,
    angka,
    area_rows,
    coverage,
    kabupaten_figures,
    latest_import,
    persen,
    sort_rows,
)

LEVELS = {"kecamatan": "Kecamatan", "desa": "Desa/kelurahan"}
COLUMNS = [
    ("wilayah", "Wilayah"),
    ("pembilang", "Pembilang"),
    ("penyebut", "Penyebut"),
    ("cakupan", "Cakupan"),
]


def _coverage_context(request: HttpRequest) -> dict:
    """What the page and its XLSX show for the request's indicator, level, kecamatan, date and
    order: the kabupaten total first, then the areas (lowest coverage first by default)."""
    agencies = agencies_for(request.user)
    if agencies is not None and not agencies:
        raise PermissionDenied
    extract = latest_import(agencies)
    context: dict = {
        "extract": extract,
        "levels": LEVELS.items(),
        "rows": [],
        "can_import": can_import(request.user),
    }
    if extract is None:
        return context
    dates = sorted(
        set(
            AreaFigure.objects.filter(extract=extract, area_level="kabupaten")
            .order_by()
            .values_list("as_of", flat=True)
            .distinct()
        ),
        reverse=True,
    )
    as_of = dates[0]
    try:
        asked = date.fromisoformat(request.GET.get("tanggal", ""))
        if asked in dates:
            as_of = asked
    except ValueError:
        pass
    key = request.GET.get("indikator", "")
    key = key if key in COVERAGE_KEYS else COVERAGE_KEYS[0]
    level = request.GET.get("tingkat", "kecamatan")
    level = level if level in LEVELS else "kecamatan"
    sort = request.GET.get("urut", "cakupan")
    sort = sort if sort.lstrip("-") in SORTS else "cakupan"
    total, kecamatan_rows = kabupaten_and_kecamatan(extract, as_of, key)
    kecamatan = request.GET.get("kecamatan", "")
    if kecamatan not in {r.code for r in kecamatan_rows}:
        kecamatan = ""
    if kecamatan and "tingkat" not in request.GET:
        level = "desa"  # a kecamatan chosen: its desa
    rows = (
        sort_rows(kecamatan_rows, sort)
        if level == "kecamatan"
        else area_rows(extract, as_of, key, level, kecamatan=kecamatan, sort=sort)
    )
    chosen = next((r for r in kecamatan_rows if r.code == kecamatan), None)
    query = {
        "indikator": key,
        "tingkat": level,
        "kecamatan": kecamatan,
        "tanggal": as_of.isoformat(),
    }
    headers = [
        {
            "field": f,
            "label": label,
            "active": sort.lstrip("-") == f,
            "desc": sort.startswith("-"),
            "next": f"-{f}" if sort == f else f,
            "aria": "descending" if sort == f"-{f}" else "ascending" if sort == f else "none",
        }
        for f, label in COLUMNS
    ]
    computation = Computation.objects.filter(extract=extract, as_of=as_of).first()
    context.update(
        {
            "rules": Rules.from_dict(computation.rules).describe() if computation else [],
            "dates": dates,
            "as_of": as_of,
            "indicators": [(k, DECREE_INDICATORS[k]) for k in COVERAGE_KEYS],
            "key": key,
            "indicator_name": DECREE_INDICATORS[key],
            "definition": BY_KEY[key],
            "level": level,
            "kecamatan": kecamatan,
            "kecamatan_row": chosen,
            "kecamatans": kecamatan_rows,
            "sort": sort,
            "headers": headers,
            "total": total,
            "rows": rows,
            "bands": BANDS,
            "chart": coverage_bars(rows, total, chosen, query),
            "query": urlencode(query),
            "xlsx": f"{reverse('population:coverage_xlsx')}?{urlencode({**query, 'urut': sort})}",
        }
    )
    return context


@login_required
def coverage_page(request: HttpRequest) -> HttpResponse:
    return render(request, "population/coverage.html", _coverage_context(request))


@login_required
def coverage_xlsx(request: HttpRequest) -> HttpResponse:
    """The table of the page as a spreadsheet: the same rows in the same order, numbers as
    numbers (the percentage with two decimals), the kabupaten total first."""
    context = _coverage_context(request)
    if context["extract"] is None:
        raise Http404("Belum ada ekstrak SIAK yang dihitung.")
    data = coverage_workbook(context)
    name = f"cakupan-{context['key']}-{context['level']}-{context['as_of'].isoformat()}.xlsx"
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _job_or_404(request: HttpRequest, pk: int) -> ImportJob:
    if not can_import(request.user):
        raise PermissionDenied
    return get_object_or_404(ImportJob.objects.select_related("agency", "extract"), pk=pk)


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    """Upload an extract (CSV or Parquet); the import runs in the background (jobs.py)."""
    if not can_import(request.user):
        raise PermissionDenied
    agencies = [a for a in Agency.objects.order_by("pk") if can_import(request.user, a)]
    error = ""
    if request.method == "POST":
        try:
            agency = next(a for a in agencies if str(a.pk) == request.POST.get("agency", ""))
        except StopIteration:
            agency = agencies[0] if len(agencies) == 1 else None
        try:
            extract_date = date.fromisoformat(request.POST.get("extract_date", ""))
        except ValueError:
            extract_date = None
        residents = request.FILES.get("residents")
        if agency is None or extract_date is None or residents is None:
            error = "Pilih perangkat daerah, tanggal ekstrak dan berkas penduduk."
        elif extract_date > timezone.localdate():
            error = "Tanggal ekstrak tidak boleh di masa depan."
        else:
            try:
                job = job_start(
                    user=request.user,
                    agency=agency,
                    residents=residents,
                    services=request.FILES.get("services"),
                    extract_date=extract_date,
                )
            except ValidationError as exc:
                error = "; ".join(exc.messages)
            else:
                return redirect("population:job", pk=job.pk)
    context = {
        "agencies": agencies,
        "error": error,
        "today": timezone.localdate(),
        "jobs": ImportJob.objects.select_related("agency")[:10],
    }
    return render(request, "population/import.html", context, status=400 if error else 200)


@login_required
def job_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Progress while the import runs (the page reloads itself), then the result: accepted,
    rejected per reason, notes, the quarantine report, the figures on the extract date."""
    job = _job_or_404(request, pk)
    context: dict = {"job": job, "figures": [], "rules": []}
    if job.extract is not None:
        as_of = job.extract_date
        for f in kabupaten_figures(job.extract, as_of):
            definition = BY_KEY.get(f.indicator_key)
            shown = (
                persen(coverage(f.numerator, f.denominator))
                if definition and definition.unit == "persen"
                else f"{angka(f.numerator)} dari {angka(f.denominator)}"
            )
            name = definition.indicator if definition else f.indicator_key
            context["figures"].append((name, shown, angka(f.numerator), angka(f.denominator)))
        computation = Computation.objects.filter(extract=job.extract, as_of=as_of).first()
        if computation is not None:
            context["rules"] = Rules.from_dict(computation.rules).describe()
        context["counts"] = {
            k: angka(getattr(job.extract, k))
            for k in (
                "residents_accepted",
                "residents_rejected",
                "residents_noted",
                "services_accepted",
                "services_rejected",
                "families",
            )
        }
        context["reasons"] = [(r, angka(n)) for r, n in job.extract.reasons.items()]
        context["warnings"] = [(r, angka(n)) for r, n in job.extract.warnings.items()]
    return render(request, "population/job.html", context)


@login_required
def job_quarantine(request: HttpRequest, pk: int) -> FileResponse:
    """The quarantine report of a finished import: row number, masked NIK, reason, action."""
    job = _job_or_404(request, pk)
    path = Path(job.extract.quarantine_path) if job.extract else None
    if path is None or not path.is_file():
        raise Http404("laporan karantina tidak ada")
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=f"karantina-impor-{job.extract.pk}.csv"
    )
