"""Pages of the Renstra and its IKU and of the cascade. Every view asks the one permission
decision on the agency (``strategy.view`` to read, ``strategy.edit`` to write) and answers 403
otherwise, whatever id is typed into the URL; writes go through the services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from kinerja.accounts.permissions import can
from kinerja.catalog.models import Agency, Goal, Indicator
from kinerja.core.errors import flash_errors
from kinerja.core.inputs import clean_text, parse_decimal, parse_id, parse_int, parse_year
from kinerja.strategy import renstra_file, selectors, services
from kinerja.strategy.models import Iku, IkuTarget, Renstra

LABELS = {
    "file": "Berkas",
    "year": "Tahun",
    "value": "Nilai",
    "title": "Judul",
    "number": "Nomor",
    "period_end": "Periode",
    "parent": "Tautan",
    "indicator": "Indikator",
    "code": "Kode",
    "name": "Nama",
    "satuan": "Satuan",
    "plan": "Dokumen",
    "subject": "Pokok catatan",
    "source": "Sumber",
    "by": "Oleh",
    "quarter": "Triwulan",
    "pendorong": "Catatan",
    "goals": "Kinerja",
    "item": "Sub kegiatan",
    "__all__": "",
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def agency_or_403(user, pk: int, action: str = "strategy.view") -> Agency:
    agency = get_object_or_404(Agency, pk=pk)
    if not can(user, action, agency):
        raise PermissionDenied
    return agency


PAGES = {
    "renstra": "strategy:renstra",
    "pohon": "strategy:cascade",
    "anggaran": "strategy:budget",
    "catatan": "strategy:notes",
    "tahun-lalu": "strategy:earlier",
}


def base_context(request: HttpRequest, agency: Agency, year: int, page: str) -> dict:
    suffix = f"?{request.GET.urlencode()}" if request.GET else ""
    return {
        "agency": agency,
        "year": year,
        "page": page,
        "year_links": [
            (y, reverse(PAGES[page], kwargs={"agency": agency.pk, "year": y}) + suffix)
            for y in range(year - 2, year + 3)
        ],
        "can_edit": can(request.user, "strategy.edit", agency),
    }


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The Renstra of this year for the user's agency; the inspektorat chooses an agency."""
    if not can(request.user, "strategy.view", None):
        raise PermissionDenied
    agencies = [
        a
        for a in Agency.objects.order_by("region", "name")
        if can(request.user, "strategy.view", a)
    ]
    year = timezone.localdate().year
    if len(agencies) == 1:
        return redirect("strategy:renstra", agency=agencies[0].pk, year=year)
    return render(request, "strategy/index.html", {"agencies": agencies, "year": year})


@login_required
def renstra(request: HttpRequest, agency: int, year: int) -> HttpResponse:
    agency_obj = agency_or_403(request.user, agency)
    view = selectors.renstra_view(agency_obj, year)
    context = base_context(request, agency_obj, year, "renstra")
    context.update(
        view=view, renstras=Renstra.objects.filter(agency=agency_obj).order_by("-period_start")
    )
    if view.renstra is not None and view.decree is not None and context["can_edit"]:
        context["indicators"] = list(
            Indicator.objects.filter(goal__position__decree=view.decree)
            .select_related("goal__position")
            .order_by("goal__position__order", "goal__order", "order")
        )
    return render(request, "strategy/renstra.html", context)


@login_required
@require_POST
def renstra_save(request: HttpRequest, agency: int, year: int) -> HttpResponse:
    agency_obj = agency_or_403(request.user, agency, "strategy.edit")
    try:
        start = parse_year(request.POST.get("period_start"), "period_end")
        end = parse_year(request.POST.get("period_end"), "period_end")
        services.renstra_save(
            actor=request.user,
            agency=agency_obj,
            period_start=start,
            period_end=end,
            title=request.POST.get("title", ""),
            number=request.POST.get("number", ""),
        )
    except ValidationError as exc:
        flash_errors(request, exc, LABELS)
    else:
        messages.success(request, f"Renstra {start}–{end} tersimpan.")
    return redirect("strategy:renstra", agency=agency_obj.pk, year=year)


def _renstra_of(request: HttpRequest, agency: Agency) -> Renstra:
    pk = parse_id(request.POST.get("renstra"), "renstra")
    return get_object_or_404(Renstra, pk=pk, agency=agency)


@login_required
@require_POST
def iku_save(request: HttpRequest, agency: int, year: int) -> HttpResponse:
    agency_obj = agency_or_403(request.user, agency, "strategy.edit")
    try:
        plan = _renstra_of(request, agency_obj)
        text = {
            k: clean_text(request.POST.get(k, ""), k, max_length=2000, multiline=False)
            for k in (
                "tujuan_code",
                "tujuan",
                "sasaran_code",
                "sasaran",
                "code",
                "name",
                "formula",
                "satuan",
                "data_source",
                "responsible",
            )
        }
        targets = {}
        for y in plan.years:
            value = parse_decimal(request.POST.get(f"target_{y}"), "value")
            if value is not None:
                targets[y] = value
        services.iku_save(
            actor=request.user,
            renstra=plan,
            tujuan=(text["tujuan_code"], text["tujuan"]),
            sasaran=(text["sasaran_code"], text["sasaran"]),
            values={
                "code": text["code"],
                "name": text["name"],
                "formula": text["formula"],
                "satuan": text["satuan"],
                "data_source": text["data_source"],
                "responsible": text["responsible"],
                "baseline": parse_decimal(request.POST.get("baseline"), "value"),
                "end_target": parse_decimal(request.POST.get("end_target"), "value"),
            },
            targets=targets,
        )
    except ValidationError as exc:
        flash_errors(request, exc, LABELS)
    else:
        messages.success(request, f"IKU {text['code']} tersimpan.")
    return redirect("strategy:renstra", agency=agency_obj.pk, year=year)


@login_required
@require_POST
def iku_target(request: HttpRequest, agency: int, year: int, pk: int) -> HttpResponse:
    """A Renja (or Renstra) target of one IKU for one year, or the indicator measuring it."""
    agency_obj = agency_or_403(request.user, agency, "strategy.edit")
    iku = get_object_or_404(Iku, pk=pk, sasaran__tujuan__renstra__agency=agency_obj)
    try:
        if "indicator" in request.POST:
            decree = selectors.decree_for(agency_obj, year)
            if decree is None:
                raise ValidationError({"indicator": "tidak ada keputusan yang berlaku tahun ini"})
            raw = request.POST.get("indicator")
            indicator = None
            if raw:
                indicator = get_object_or_404(
                    Indicator, pk=parse_id(raw, "indicator"), goal__position__decree=decree
                )
            services.iku_measure_set(
                actor=request.user, iku=iku, indicator=indicator, decree_id=decree.pk
            )
            messages.success(request, f"Indikator pengukur IKU {iku.code} tersimpan.")
        else:
            target_year = parse_year(request.POST.get("target_year"), "year")
            plan = request.POST.get("plan", IkuTarget.Plan.RENJA)
            services.iku_target_set(
                actor=request.user,
                iku=iku,
                year=target_year,
                plan=plan,
                value=parse_decimal(request.POST.get("value"), "value"),
            )
            messages.success(request, f"Target {plan} {target_year} IKU {iku.code} tersimpan.")
    except ValidationError as exc:
        flash_errors(request, exc, LABELS)
    return redirect("strategy:renstra", agency=agency_obj.pk, year=year)


@login_required
def renstra_template(request: HttpRequest, agency: int, year: int, pk: int) -> HttpResponse:
    """The Renstra's XLSX template, filled with what is entered (a round trip re-imports it)."""
    agency_obj = agency_or_403(request.user, agency)
    plan = get_object_or_404(Renstra, pk=pk, agency=agency_obj)
    rows, _ = selectors.iku_rows(plan, plan.period_start, None)
    data = []
    for r in rows:
        iku = r.iku
        targets = {t.year: t.value for t in iku.targets.filter(plan="renstra")}
        data.append(
            [
                iku.sasaran.tujuan.code,
                iku.sasaran.tujuan.statement,
                iku.sasaran.code,
                iku.sasaran.statement,
                iku.code,
                iku.name,
                iku.formula,
                iku.satuan,
                iku.data_source,
                iku.responsible_label,
                iku.baseline,
                *(targets.get(y) for y in plan.years),
                iku.end_target,
            ]
        )
    response = HttpResponse(renstra_file.template(plan.years, data), content_type=XLSX)
    name = f"renstra-{plan.period_start}-{plan.period_end}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def iku_decree(request: HttpRequest, agency: int, year: int) -> HttpResponse:
    """The IKU as decreed: ``No | Sasaran Strategis | IKU | Formulasi | Sumber Data |
    Penanggung Jawab``, a page to print."""
    agency_obj = agency_or_403(request.user, agency)
    view = selectors.renstra_view(agency_obj, year)
    if view.renstra is None:
        raise Http404("Belum ada Renstra untuk tahun ini.")
    return render(request, "strategy/iku_decree.html", {"agency": agency_obj, "view": view})


@login_required
@require_POST
def renstra_import(request: HttpRequest, agency: int, year: int) -> HttpResponse:
    agency_obj = agency_or_403(request.user, agency, "strategy.edit")
    upload = request.FILES.get("file")
    try:
        plan = _renstra_of(request, agency_obj)
        if upload is None:
            raise ValidationError({"file": "pilih berkas XLSX templat Renstra"})
        if upload.size > 5 * 1024 * 1024:
            raise ValidationError({"file": "berkas lebih dari 5 MB"})
        result = services.renstra_import(actor=request.user, renstra=plan, content=upload.read())
    except ValidationError as exc:
        flash_errors(request, exc, LABELS)
        messages.error(request, "Berkas ditolak seluruhnya; tidak ada yang diubah.")
    else:
        messages.success(request, f"{result['iku']} IKU dari berkas tersimpan.")
    return redirect("strategy:renstra", agency=agency_obj.pk, year=year)


# --- the cascade -------------------------------------------------------------------------------


@login_required
def cascade(request: HttpRequest, agency: int, year: int) -> HttpResponse:
    agency_obj = agency_or_403(request.user, agency)
    page = selectors.cascade(agency_obj, year)
    context = base_context(request, agency_obj, year, "pohon")
    context["tree"] = page
    context["rules"] = page.figures.the_rules if page.figures else None
    if context["can_edit"] and page.decree is not None:
        context["choices"] = selectors.goal_choices(page.decree)
        context["links"] = selectors.links_of(page.decree)
    return render(request, "strategy/cascade.html", context)


@login_required
@require_POST
def cascade_link(request: HttpRequest, agency: int, year: int) -> HttpResponse:
    agency_obj = agency_or_403(request.user, agency, "strategy.edit")
    try:
        goal = get_object_or_404(
            Goal,
            pk=parse_id(request.POST.get("goal"), "parent"),
            position__decree__agency=agency_obj,
        )
        raw = request.POST.get("parent", "")
        parent_goal, parent_ikus = None, []
        if raw.startswith("goal-"):
            parent_goal = get_object_or_404(
                Goal, pk=parse_id(raw[5:], "parent"), position__decree__agency=agency_obj
            )
        elif raw.startswith("iku-"):
            parent_ikus = [
                get_object_or_404(
                    Iku, pk=parse_id(raw[4:], "parent"), sasaran__tujuan__renstra__agency=agency_obj
                )
            ]
            if request.POST.get("add") == "1":  # another IKU besides those it serves already
                parent_ikus += list(
                    Iku.objects.filter(cascade_links__goal=goal).exclude(pk=parent_ikus[0].pk)
                )
        elif raw:
            raise ValidationError({"parent": "pilihan tidak dikenal"})
        services.cascade_link_set(
            actor=request.user, goal=goal, parent_goal=parent_goal, parent_ikus=parent_ikus
        )
    except ValidationError as exc:
        flash_errors(request, exc, LABELS)
    else:
        messages.success(request, f"Tautan kinerja '{goal.statement[:60]}' tersimpan.")
    return redirect("strategy:cascade", agency=agency_obj.pk, year=year)


def quarter_of(request: HttpRequest) -> int:
    try:
        return parse_int(request.GET.get("tw", "1") or "1", "quarter", minimum=1, maximum=4) or 1
    except ValidationError:
        raise Http404("Triwulan tidak dikenal.") from None
