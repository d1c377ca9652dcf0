"""Pages for entering, submitting and verifying realizations. Every state change goes through
kinerja.measurement.services; the views only translate forms and errors."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from kinerja.accounts.access import access_for, position_or_403, positions_for_user
from kinerja.accounts.permissions import allowed_actions, can, require
from kinerja.audit.readable import readable
from kinerja.audit.services import history_for
from kinerja.catalog.models import DataSource, Indicator
from kinerja.catalog.selectors import line_years, position_in_year
from kinerja.core.errors import error_messages, flash_errors
from kinerja.core.inputs import parse_int
from kinerja.core.numbers import format_bytes
from kinerja.core.periods import period_label
from kinerja.core.uploads import XLSX, named_as_type
from kinerja.measurement import services
from kinerja.measurement import spreadsheet as spreadsheet_io
from kinerja.measurement.achievement import achievement
from kinerja.measurement.due import due_for
from kinerja.measurement.evidence_rules import (
    changed_since_return,
    evidence_missing,
    evidence_required,
)
from kinerja.measurement.history import indicator_history
from kinerja.measurement.models import MONTHS, Evidence, Realization, Status
from kinerja.measurement.selectors import cell_value, inbox_for, periods_of
from kinerja.scoring import Period

FIELD_LABELS = {
    "numerator": "Pembilang",
    "denominator": "Penyebut",
    "value": "Nilai",
    "period": "Periode",
    "status": "Status",
    "reason": "Alasan",
    "file": "Berkas",
    "source": "Sumber data",
    "version": "Versi",
}


class RealizationForm(forms.Form):
    # Text fields on purpose: "1.234,5" is a valid Indonesian number; the service parses it.
    numerator = forms.CharField(label="Pembilang", required=False, max_length=40)
    denominator = forms.CharField(label="Penyebut", required=False, max_length=40)
    value = forms.CharField(label="Nilai", required=False, max_length=40)
    note = forms.CharField(
        label="Catatan", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class EvidenceForm(forms.Form):
    file = forms.FileField(label="Berkas bukti (PDF, JPG, PNG, XLSX)")
    source = forms.ModelChoiceField(label="Sumber data", queryset=DataSource.objects.none())


def _apply_errors(form: forms.Form, exc: ValidationError) -> None:
    for field, messages_ in error_messages(exc).items():
        target = field if field in form.fields else None
        for message in messages_:
            prefix = "" if target else f"{FIELD_LABELS.get(field, field)}: "
            form.add_error(target, prefix + message)


@login_required
def my_performance(request: HttpRequest) -> HttpResponse:
    """The positions this user holds, supervises, or (head/admin) reads."""
    access = access_for(request.user)
    positions = list(
        positions_for_user(request.user)
        .filter(Q(listed=True) | Q(pk__in=access.held))  # the head's own position too
        .order_by("decree", "-is_head", "order")
    )
    today = timezone.localdate()
    # This year, under the decree in force this year; the positions of other decrees (the same
    # jabatan in an earlier period) are reached from the position page's years.
    current = [p for p in positions if p.decree.period_start <= today.year <= p.decree.period_end]
    if current:
        positions, year = current, today.year
    else:  # no decree for this year yet: the latest year the latest decree covers
        latest = max((p.decree.period_end for p in positions), default=today.year)
        positions = [p for p in positions if p.decree.period_end == latest]
        year = min(today.year, latest)
    context = {
        "held": [p for p in positions if p.pk in access.held],
        "below": [p for p in positions if p.pk in access.below],
        "others": [p for p in positions if p.pk not in access.held and p.pk not in access.below],
        "year": year,
        "inbox_count": len(inbox_for(request.user)),
        "due": due_for(request.user, today),
    }
    return render(request, "measurement/my_performance.html", context)


def _as_of_param(request: HttpRequest, year: int) -> Period | None:
    """``?sd=2024-06`` or ``?sd=2024-Q2``: the figures up to that period; anything else (or
    another year) means "the latest period with data"."""
    raw = request.GET.get("sd", "")
    try:
        period = Period.parse(raw) if raw else None
    except ValueError:
        return None
    return period if period is not None and period.year == year else None


@login_required
def position_year(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    position = position_or_403(request.user, pk)
    if not position.decree.period_start <= year <= position.decree.period_end:
        # Each year is read with its own decree: the same jabatan there (stable key), if any.
        other = position_in_year(position, year)
        if other is None or not access_for(request.user).can_view(other.pk):
            raise Http404(
                f"Tidak ada keputusan yang berlaku tahun {year} untuk jabatan {position.name}."
            )
        return redirect("measurement:position_year", other.pk, year)
    as_of = _as_of_param(request, year)
    figures = achievement([position], year, as_of=as_of, with_quarters=False)
    access = access_for(request.user)
    goals: dict[int, list] = {}
    for figure in figures.indicators:
        goals.setdefault(figure.goal_id, []).append(figure)
    context = {
        "position": position,
        "year": year,
        "figures": figures,
        "goals": [(figures.goals[g], rows) for g, rows in goals.items()],
        "rollup": figures.positions.get(position.pk),
        "rules": figures.the_rules,
        "as_of": as_of,
        "as_of_choices": [
            (f"{year}-{m:02d}", period_label(year, "monthly", m)) for m in range(1, 13)
        ],
        "can_enter": access.can_enter(position.pk),
        "years": line_years(position),
    }
    return render(request, "measurement/position_year.html", context)


@login_required
def indicator_history_page(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_object_or_404(Indicator.objects.select_related("goal__position__decree"), pk=pk)
    require(request.user, "position.view", indicator.goal.position)
    context = {"indicator": indicator, "rows": indicator_history(request.user, indicator)}
    return render(request, "measurement/indicator_history.html", context)


@login_required
def realization_page(
    request: HttpRequest, indicator_pk: int, year: int, period: int
) -> HttpResponse:
    indicator = get_object_or_404(
        Indicator.objects.select_related("goal__position__decree"), pk=indicator_pk
    )
    position = indicator.goal.position
    require(request.user, "position.view", position)
    if period not in periods_of(indicator):
        raise Http404("Periode tidak dikenal untuk indikator ini.")
    realization = (
        Realization.objects.filter(
            indicator=indicator, year=year, frequency=indicator.frequency, period=period
        )
        .prefetch_related("evidence__source", "transitions__actor__employee")
        .first()
    )
    # One decision (kinerja.accounts.permissions): a control is shown only when allowed.
    actions = allowed_actions(request.user, realization) if realization else set()
    may_enter = can(request.user, "realization.enter", position)
    can_edit = may_enter and (realization is None or "realization.edit" in actions)
    initial = {"version": realization.version if realization else 0}
    if realization:
        initial.update(
            numerator=_plain(realization.numerator),
            denominator=_plain(realization.denominator),
            value=_plain(realization.value),
            note=realization.note,
        )
    form = RealizationForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST":
        if not may_enter:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.realization_save(
                    actor=request.user,
                    indicator=indicator,
                    year=year,
                    period=period,
                    numerator=data["numerator"],
                    denominator=data["denominator"],
                    value=data["value"],
                    note=data["note"],
                    expected_version=data["version"] if data["version"] is not None else 0,
                )
            except services.RealizationConflict as exc:
                conflict = exc
                form.add_error(None, str(exc))
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, "Realisasi tersimpan.")
                return redirect(request.path)
    evidence_form = EvidenceForm()
    evidence_form.fields["source"].queryset = indicator.sources.all()
    context = {
        "indicator": indicator,
        "position": position,
        "year": year,
        "period": period,
        "period_label": Realization(
            year=year, frequency=indicator.frequency, period=period
        ).period_label,
        "realization": realization,
        "value": cell_value(realization) if realization else None,
        "form": form,
        "evidence_form": evidence_form,
        "can_edit": can_edit,
        "can_add_evidence": "evidence.add" in actions,
        "can_submit": "realization.submit" in actions,
        "can_verify": "realization.verify" in actions,
        "can_return": "realization.return" in actions,
        "can_reopen": "realization.reopen" in actions,
        "evidence_required": evidence_required(indicator),
        "evidence_missing": bool(realization and evidence_missing(realization)),
        "unchanged_since_return": bool(
            realization
            and realization.status == Status.RETURNED
            and not changed_since_return(realization)
        ),
        "conflict": conflict,
        "last_return": next(
            (t for t in reversed(realization.transitions.all()) if t.to_status == Status.RETURNED),
            None,
        )
        if realization
        else None,
        "history": readable(history_for(realization).select_related("actor__employee"))
        if realization
        else [],
    }
    return render(request, "measurement/realization.html", context, status=409 if conflict else 200)


def _plain(value) -> str:
    return "" if value is None else f"{value.normalize():f}".replace(".", ",")


def _back(realization: Realization) -> str:
    return reverse(
        "measurement:realization",
        args=[realization.indicator_id, realization.year, realization.period],
    )


@login_required
@require_POST
def realization_status(request: HttpRequest, pk: int) -> HttpResponse:
    realization = get_object_or_404(Realization, pk=pk)
    if not access_for(request.user).can_view(realization.position_id):
        raise PermissionDenied
    to_status = request.POST.get("to", "")
    if to_status not in Status.values:
        return HttpResponse("Status tidak dikenal.", status=400)
    try:
        version = parse_int(request.POST.get("version"), "version", required=False)
        services.realization_transition(
            actor=request.user,
            realization=realization,
            to_status=to_status,
            reason=request.POST.get("reason", ""),
            expected_version=version,
        )
    except services.RealizationConflict as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        flash_errors(request, exc, FIELD_LABELS)
    else:
        messages.success(request, f"Status: {Status(to_status).label}.")
    if request.POST.get("next") == "inbox":
        return redirect("measurement:inbox")
    return redirect(_back(realization))


@login_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    realization = get_object_or_404(Realization.objects.select_related("indicator"), pk=pk)
    if not access_for(request.user).can_enter(realization.position_id):
        raise PermissionDenied
    form = EvidenceForm(request.POST, request.FILES)
    form.fields["source"].queryset = realization.indicator.sources.all()
    if not form.is_valid():
        for field, errors in form.errors.items():
            for error in errors:
                messages.error(request, f"{FIELD_LABELS.get(field, field)}: {error}")
        return redirect(_back(realization))
    upload = form.cleaned_data["file"]
    limit = settings.KINERJA_MAX_EVIDENCE_BYTES
    if upload.size > limit:
        messages.error(
            request,
            f"Berkas: ukuran {format_bytes(upload.size)} melebihi batas {format_bytes(limit)}.",
        )
        return redirect(_back(realization))
    try:
        services.evidence_add(
            actor=request.user,
            realization=realization,
            name=upload.name,
            content=upload.read(),
            source=form.cleaned_data["source"],
        )
    except ValidationError as exc:
        flash_errors(request, exc, FIELD_LABELS)
    else:
        messages.success(request, "Bukti dukung tersimpan.")
    return redirect(_back(realization))


@login_required
def evidence_download(request: HttpRequest, pk: int) -> HttpResponse:
    """Evidence lives outside the web root; it is served only to those who may see the data."""
    evidence = get_object_or_404(Evidence.objects.select_related("realization"), pk=pk)
    require(request.user, "evidence.view", evidence)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404("Berkas bukti tidak ditemukan di penyimpanan.") from None
    response = FileResponse(
        handle,
        content_type=evidence.content_type,
        as_attachment=True,
        # Named after what the file is (checked by content at upload), not what it was called.
        filename=named_as_type(evidence.original_name, evidence.content_type),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


from kinerja.measurement.inbox import inbox  # noqa: E402,F401  (the verifier's page)


class SpreadsheetForm(forms.Form):
    year = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100)
    month = forms.TypedChoiceField(
        label="Bulan", coerce=int, choices=[(i + 1, name) for i, name in enumerate(MONTHS)]
    )


@login_required
def spreadsheet(request: HttpRequest) -> HttpResponse:
    """Download a prefilled template for the positions one holds; upload it back."""
    require(request.user, "spreadsheet.use", None, "Unggah realisasi untuk pemegang jabatan.")
    today = timezone.localdate()
    positions = spreadsheet_io.template_positions(request.user, None)
    # The default is a year of the decree (its last one once its period is over), and that
    # year's December then: never a year outside the decree (issue #12).
    last = max([p.decree.period_end for p in positions] or [today.year])
    year = min(today.year, last)
    form = SpreadsheetForm(
        request.POST or request.GET or None,
        initial={"year": year, "month": today.month if year == today.year else 12},
    )
    result = None
    if request.method == "GET" and request.GET.get("unduh") and form.is_valid():
        year, month = form.cleaned_data["year"], form.cleaned_data["month"]
        # the same jabatan under each year's own decree
        in_force = [p for p in positions if p.decree.period_start <= year <= p.decree.period_end]
        body = spreadsheet_io.template_workbook(positions=in_force, year=year, month=month)
        response = HttpResponse(body, content_type=XLSX)
        response["Content-Disposition"] = (
            f'attachment; filename="realisasi-{year}-{month:02d}.xlsx"'
        )
        return response
    if request.method == "POST" and not positions:
        # Before the file is read: no one parses a workbook they may not apply.
        form.add_error(None, "Anda tidak memegang jabatan yang dapat mengisi realisasi.")
    elif request.method == "POST" and form.is_valid():
        upload = request.FILES.get("file")
        if upload is None:
            form.add_error(None, "Pilih berkas XLSX yang akan diunggah.")
        elif upload.size > settings.KINERJA_MAX_EVIDENCE_BYTES:
            form.add_error(
                None,
                f"Berkas {format_bytes(upload.size)} melebihi batas "
                f"{format_bytes(settings.KINERJA_MAX_EVIDENCE_BYTES)}.",
            )
        else:
            try:
                result = spreadsheet_io.upload_apply(
                    actor=request.user,
                    content=upload.read(),
                    year=form.cleaned_data["year"],
                    month=form.cleaned_data["month"],
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
    context = {"form": form, "positions": positions, "result": result}
    return render(request, "measurement/spreadsheet.html", context)
