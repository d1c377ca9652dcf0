"""The dashboards: the head of office's overview, a whole unit on one page, a holder's day, and
the home page that opens the right one for each role.

Figures: the read model only (through ``office``, ``unit`` and ``holder``). Permissions:
``accounts.permissions`` only; a link is printed only when its page would open for this user.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode

from kinerja.accounts.access import access_for
from kinerja.accounts.models import Role
from kinerja.accounts.permissions import can, is_structural
from kinerja.catalog.models import Agency, Decree, Position, Unit
from kinerja.core.errors import error_text
from kinerja.core.inputs import parse_year
from kinerja.dashboard.holder import holder_home
from kinerja.dashboard.office import office_overview
from kinerja.dashboard.present import (
    coverage_chart,
    office_charts,
    predicate_legend,
    predicate_tone,
    rollup_text,
)
from kinerja.dashboard.unit import members, unit_overview

LEADING_UNITS = (Unit.Kind.BIDANG, Unit.Kind.SEKRETARIAT)


def _year(request: HttpRequest) -> int:
    """``?tahun=``, else the current year; a bad value is said, not silently replaced."""
    today = timezone.localdate()
    raw = request.GET.get("tahun", "")
    if not raw:
        return today.year
    try:
        return parse_year(raw, "tahun")
    except ValidationError as exc:
        messages.error(request, f"Tahun: {error_text(exc)} Ditampilkan tahun {today.year}.")
        return today.year


def _years(agency_id: int, year: int) -> list[int]:
    """Every year some decree of the agency covers (the year chooser), and the asked one."""
    years = {year}
    for start, end in Decree.objects.filter(agency_id=agency_id).values_list(
        "period_start", "period_end"
    ):
        years.update(range(start, end + 1))
    return sorted(years)


def cascade_url(user, agency: Agency, year: int) -> str:
    """The strategy app's cascade (pohon kinerja) of the agency for the year, when that page
    exists in this installation and would open for this user; else no link."""
    try:
        url = reverse("strategy:cascade", args=[agency.pk, year])
        allowed = can(user, "strategy.view", agency)
    except (NoReverseMatch, ValueError):  # no such page, or no such permission yet
        return ""
    return url if allowed else ""


class Lazy:
    """A mapping computed on first use: a cached template fragment never pays for it."""

    def __init__(self, build):
        self._build, self._value = build, None

    def __getitem__(self, key):
        if self._value is None:
            self._value = self._build()
        return self._value[key]

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default


# --- the home page per role --------------------------------------------------------------------


def office_agency(user) -> Agency | None:
    """The agency whose overview is this user's home: the one he heads, or holds the pimpinan
    role of."""
    access = access_for(user)
    if access.head_decrees:
        decree = Decree.objects.filter(pk__in=access.head_decrees).order_by("-period_start")
        return decree.select_related("agency").first().agency
    agencies = sorted(access.role_agencies(Role.PIMPINAN))
    return Agency.objects.filter(pk__in=agencies).order_by("pk").first() if agencies else None


def led_unit(user) -> Unit | None:
    """The bidang or sekretariat this user leads (Kepala Bidang, Sekretaris), if any."""
    held = access_for(user).held
    for p in Position.objects.filter(pk__in=held).select_related("unit").order_by("order"):
        if p.unit is not None and p.unit.kind in LEADING_UNITS and is_structural(p):
            return p.unit
    return None


def home_for(request: HttpRequest) -> HttpResponse | None:
    """The dashboard that is this user's home page, or None (the general home page)."""
    agency = office_agency(request.user)
    if agency is not None:
        return office(request, agency.pk)
    unit = led_unit(request.user)
    if unit is not None:
        return unit_page(request, unit.pk)
    if access_for(request.user).held:
        return mine(request)
    return None


# --- pages -------------------------------------------------------------------------------------


@login_required
def office(request: HttpRequest, agency: int) -> HttpResponse:
    agency_obj = get_object_or_404(Agency, pk=agency)
    if not can(request.user, "agency.read", agency_obj):
        raise PermissionDenied("Anda tidak berwenang membaca ringkasan perangkat daerah ini.")
    year = _year(request)
    today = timezone.localdate()
    data = office_overview(agency_obj, year, today)

    def link(kind: str, pk: int) -> str:
        if kind == "unit":
            return reverse("dashboard:unit", args=[pk]) + f"?tahun={year}"
        return reverse("measurement:position_year", args=[pk, year])

    population = can(request.user, "population.view", agency_obj)
    held = access_for(request.user).held
    figures, as_of = (data.coverage, data.coverage_as_of) if population else ([], None)
    coverage_link = reverse("population:coverage")
    context = {
        "agency": agency_obj,
        "year": year,
        "years": _years(agency_obj.pk, year),
        "data": data,
        "rules": data.figures.the_rules if data.figures else None,
        "overall_text": rollup_text(data.overall),
        "charts": Lazy(lambda: office_charts(data, link)),  # drawn only when not cached
        "coverage": figures,
        "coverage_as_of": as_of,
        "coverage_chart": Lazy(
            lambda: (
                coverage_chart(
                    figures, lambda key: f"{coverage_link}?{urlencode({'indikator': key})}"
                ).__dict__
            )
        )
        if figures
        else None,
        "lowest": [(f, data.position_names.get(f.position_id, "")) for f in data.lowest],
        "off_track": [(f, data.position_names.get(f.position_id, "")) for f in data.off_track],
        "missing": _missing_rows(data),
        "held": held,
        # the rendered page is cached per data version and per what differs between viewers
        "variant": f"p{int(population)}-h{'.'.join(map(str, sorted(held)))}",
        "documents": reverse("reports:documents", args=[agency_obj.pk, year]),
    }
    return render(request, "dashboard/office.html", context)


def _missing_rows(data) -> list[tuple[int | None, str, int]]:
    """Missing entries per bidang/sekretariat in the office's order, then those with no unit."""
    if data.waiting is None:
        return []
    found = data.waiting.missing_by_unit
    rows = [(u.unit_id, u.name, found[u.unit_id]) for u in data.units if found.get(u.unit_id)]
    if found.get(None):
        rows.append((None, "Kepala dan jabatan tanpa unit", found[None]))
    return rows


@login_required
def unit_page(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.select_related("agency"), pk=pk)
    year = _year(request)
    today = timezone.localdate()
    data = unit_overview(unit, year, today)
    ids = data.member_ids
    if not ids:  # no decree in force that year: decide on the unit's latest positions
        latest = Decree.objects.filter(agency_id=unit.agency_id).order_by("-period_start").first()
        ids = [p.pk for p in members(unit, latest)] if latest else []
    positions = Position.objects.filter(pk__in=ids).select_related("decree")
    if not ids and not can(request.user, "agency.read", unit.agency):
        raise PermissionDenied("Anda tidak berwenang membaca unit ini.")
    if not all(can(request.user, "position.view", p) for p in positions):
        raise PermissionDenied("Anda tidak berwenang membaca seluruh jabatan unit ini.")
    rules = data.rules
    inbox = ""
    if can(request.user, "inbox.view"):
        inbox = reverse("measurement:inbox") + "?" + urlencode({"unit": unit.pk})
    context = {
        "unit": unit,
        "year": year,
        "years": _years(unit.agency_id, year),
        "data": data,
        "rules": rules,
        "rollup_text": rollup_text(data.rollup),
        "tone": predicate_tone(rules, data.rollup.predicate if data.rollup else None),
        "legend": predicate_legend(rules),
        "inbox": inbox,
        "cascade": cascade_url(request.user, unit.agency, year),
        "office": (
            reverse("dashboard:office", args=[unit.agency_id]) + f"?tahun={year}"
            if can(request.user, "agency.read", unit.agency)
            else ""
        ),
        "mine": bool(access_for(request.user).held),
    }
    context["variant"] = "-".join(
        str(int(bool(context[k]))) for k in ("inbox", "cascade", "office", "mine")
    )
    return render(request, "dashboard/unit.html", context)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    data = holder_home(request.user, year, timezone.localdate())
    held = Position.objects.filter(pk__in=access_for(request.user).held).select_related("decree")
    first = held.order_by("pk").first()
    agency = office_agency(request.user)
    context = {
        "year": year,
        "data": data,
        "inbox": can(request.user, "inbox.view"),
        "unit": led_unit(request.user),
        "agency": agency,
        "years": _years(first.decree.agency_id, year) if first else [year],
        "held_any": first is not None,
    }
    return render(request, "dashboard/mine.html", context)
