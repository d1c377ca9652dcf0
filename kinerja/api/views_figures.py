"""Scored figures from the one read model: per indicator, position, unit and office.

The positions are those the caller may view (``for_user``) in the decree in force for the year,
narrowed by agency, unit or position. A unit's or an office's roll-up is given only when every
position under it is among them: a roll-up of part of an office would be a different number
from the one the office reports."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from kinerja.api import params
from kinerja.api.pagination import Pagination
from kinerja.api.selectors import decree_in_force, scoped_positions, unit_and_below
from kinerja.api.serializers_figures import (
    IndicatorFigures,
    RollupFigures,
    indicator_figure,
    rollup,
)
from kinerja.catalog.models import Agency, Position
from kinerja.measurement.achievement import achievement
from kinerja.measurement.achievement_types import Achievement
from kinerja.scoring import Period

TAG = ["capaian"]


def _as_of(raw: str | None, year: int) -> Period | None:
    if not raw:
        return None
    try:
        period = Period.parse(raw)
    except ValueError:
        raise ValidationError({"as_of": ["periode tidak dikenal"]}, code="tidak_valid") from None
    if period.year != year:
        raise ValidationError(
            {"as_of": [f"periode {raw} bukan bagian dari tahun {year}"]}, code="tidak_valid"
        )
    return period


def _year_of(raw: str | None) -> int | None:
    """The year an ``as_of`` names, when the year itself is not given."""
    try:
        return Period.parse(raw).year if raw else None
    except ValueError:
        return None


def compute(request) -> tuple[Achievement, dict[str, Any], set[int]]:
    found = params.read(request, params.FigureParams)
    year = found.get("year") or _year_of(found.get("as_of")) or timezone.localdate().year
    found["year"] = year
    as_of = _as_of(found.get("as_of"), year)
    positions = list(scoped_positions(request.user, found).order_by("decree_id", "order", "pk"))
    figures = achievement(
        positions,
        year,
        as_of=as_of,
        verified_only=found.get("verified_only", False),
        with_quarters=False,
    )
    return figures, found, {p.pk for p in positions}


def _envelope(request, figures: Achievement, rows: list[dict]) -> Response:
    paginator = Pagination()
    page = paginator.paginate_queryset(rows, request)
    return Response(
        {
            "year": figures.year,
            "as_of": figures.as_of,
            "as_of_label": figures.as_of_label,
            "verified_only": figures.verified_only,
            "rules": [
                {"agency": agency, "lines": rules.lines()}
                for agency, rules in sorted(figures.rules.items())
            ],
            "count": paginator.page.paginator.count,
            "next": paginator.get_next_link(),
            "previous": paginator.get_previous_link(),
            "results": page,
        }
    )


@extend_schema(
    tags=TAG,
    summary="Capaian per indikator",
    parameters=[params.FigureParams, params.PagingParams],
    responses=IndicatorFigures,
)
class IndicatorFigureList(APIView):
    def get(self, request):
        figures, _, _ = compute(request)
        return _envelope(request, figures, [indicator_figure(f) for f in figures.indicators])


@extend_schema(
    tags=TAG,
    summary="Capaian per jabatan",
    parameters=[params.FigureParams, params.PagingParams],
    responses=RollupFigures,
)
class PositionFigureList(APIView):
    def get(self, request):
        figures, _, _ = compute(request)
        return _envelope(request, figures, [rollup(r) for r in figures.positions.values()])


@extend_schema(
    tags=TAG,
    summary="Capaian per unit kerja (unit yang seluruh jabatannya dalam jangkauan)",
    parameters=[params.FigureParams, params.PagingParams],
    responses=RollupFigures,
)
class UnitFigureList(APIView):
    def get(self, request):
        figures, _, included = compute(request)
        rows = []
        for unit_id, r in figures.units.items():
            under = Position.objects.filter(
                unit_id__in=unit_and_below(unit_id), decree_id__in=_decrees(included)
            ).values_list("pk", flat=True)
            if set(under) <= included:
                rows.append(rollup(r))
        return _envelope(request, figures, rows)


@extend_schema(
    tags=TAG,
    summary="Capaian kantor (seluruh jabatan keputusan yang berlaku dalam jangkauan)",
    parameters=[params.FigureParams, params.PagingParams],
    responses=RollupFigures,
)
class AgencyFigureList(APIView):
    def get(self, request):
        figures, _, included = compute(request)
        rows = []
        for agency_id, r in figures.agencies.items():
            decree = decree_in_force(Agency.objects.get(pk=agency_id), figures.year)
            everything = set(Position.objects.filter(decree=decree).values_list("pk", flat=True))
            if everything and everything <= included:
                rows.append(rollup(r))
        return _envelope(request, figures, rows)


def _decrees(position_ids: set[int]) -> list[int]:
    return list(
        Position.objects.filter(pk__in=position_ids)
        .order_by()
        .values_list("decree_id", flat=True)
        .distinct()
    )
