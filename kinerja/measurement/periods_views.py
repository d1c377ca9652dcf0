"""The perencana's period page (#12.8): an entry deadline per period, closing, and reopening with
a reason. Writes through kinerja.measurement.periods_closing (audited)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from kinerja.accounts.access import access_for
from kinerja.accounts.models import Role
from kinerja.catalog.models import Agency, Decree
from kinerja.core.errors import error_text
from kinerja.core.inputs import parse_date
from kinerja.core.periods import period_label
from kinerja.measurement import periods_closing
from kinerja.measurement.models import PeriodSchedule

LABELS = {"period": "Periode", "reason": "Alasan", "deadline": "Batas pengisian"}


def _agency(request: HttpRequest) -> Agency:
    ids = access_for(request.user).role_agencies(Role.PERENCANA)
    agency = Agency.objects.filter(pk__in=ids).order_by("pk").first()
    if agency is None:
        raise PermissionDenied("Halaman ini untuk perencana perangkat daerah.")
    return agency


def _year(agency: Agency) -> int:
    today = timezone.localdate()
    decree = Decree.objects.filter(agency=agency).order_by("-period_end").first()
    if decree is None:
        return today.year
    return max(min(today.year, decree.period_end), decree.period_start)


@login_required
def periods(request: HttpRequest) -> HttpResponse:
    agency = _agency(request)
    year = _year(agency)
    if request.method == "POST":
        _act(request, agency, year)
        return redirect("measurement:periods")
    rows = {
        (s.frequency, s.period): s for s in PeriodSchedule.objects.filter(agency=agency, year=year)
    }
    table = [
        (freq, p, period_label(year, freq, p), rows.get((freq, p)))
        for freq, count in (("monthly", 12), ("quarterly", 4))
        for p in range(1, count + 1)
    ]
    return render(
        request, "measurement/periods.html", {"agency": agency, "year": year, "table": table}
    )


def _act(request: HttpRequest, agency: Agency, year: int) -> None:
    post = request.POST
    freq = post.get("frekuensi", "monthly")
    period = int(post["periode"]) if post.get("periode", "").isdigit() else 0
    args = {"actor": request.user, "agency": agency, "year": year, "frequency": freq}
    try:
        if post.get("aksi") == "batas":
            periods_closing.period_deadline_set(
                **args, period=period, deadline=parse_date(post.get("batas"), "deadline")
            )
            messages.success(request, "Batas pengisian disimpan.")
        elif post.get("aksi") == "tutup":
            periods_closing.period_close(**args, period=period)
            messages.success(request, "Periode ditutup.")
        elif post.get("aksi") == "buka":
            periods_closing.period_reopen(**args, period=period, reason=post.get("alasan", ""))
            messages.success(request, "Periode dibuka kembali.")
    except ValidationError as exc:
        messages.error(request, error_text(exc, LABELS))
