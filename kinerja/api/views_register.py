"""Register (SIAK) figures per area: numerator, denominator and coverage per kabupaten,
kecamatan or desa from the agency's latest extract, as the coverage page shows them. Who may read
them is ``can(user, "population.view", agency)``; no person is ever in these figures."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from kinerja.accounts.permissions import require
from kinerja.api import params
from kinerja.api.pagination import Pagination
from kinerja.catalog.models import Agency
from kinerja.population.models import AreaFigure
from kinerja.population.selectors import agencies_for, coverage, latest_import

TAG = ["register"]


class AreaOut(serializers.Serializer):
    indicator_key = serializers.CharField()
    area_code = serializers.CharField()
    area_name = serializers.CharField()
    level = serializers.CharField()
    numerator = serializers.IntegerField()
    denominator = serializers.IntegerField()
    coverage = serializers.CharField(
        allow_null=True, help_text="Persen dua desimal; null bila penyebut 0 (tidak dihitung)."
    )


class RegisterOut(serializers.Serializer):
    agency = serializers.IntegerField(allow_null=True)
    extract = serializers.IntegerField(allow_null=True)
    extract_date = serializers.DateField(allow_null=True)
    as_of = serializers.DateField(allow_null=True)
    as_of_dates = serializers.ListField(child=serializers.DateField())
    reason = serializers.CharField(allow_null=True)
    count = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    results = AreaOut(many=True)


def _empty(agency: int | None, reason: str) -> Response:
    return Response(
        {
            "agency": agency,
            "extract": None,
            "extract_date": None,
            "as_of": None,
            "as_of_dates": [],
            "reason": reason,
            "count": 0,
            "next": None,
            "previous": None,
            "results": [],
        }
    )


@extend_schema(
    tags=TAG,
    summary="Angka register per wilayah",
    parameters=[params.RegisterParams, params.PagingParams],
    responses=RegisterOut,
)
class RegisterFigures(APIView):
    def get(self, request):
        found = params.read(request, params.RegisterParams)
        if found.get("agency") is not None:
            agency = Agency.objects.filter(pk=found["agency"]).first()
            if agency is None:
                raise Http404("Perangkat daerah tidak ditemukan.")
            require(request.user, "population.view", agency)
            agency_ids = [agency.pk]
        else:
            require(request.user, "population.view")
            agency_ids = agencies_for(request.user)
        extract = latest_import(agency_ids)
        agency_id = agency_ids[0] if agency_ids and len(agency_ids) == 1 else None
        if extract is None:
            return _empty(agency_id, "belum ada ekstrak register yang diimpor")
        qs = AreaFigure.objects.filter(extract=extract)
        dates = sorted(set(qs.order_by().values_list("as_of", flat=True)), reverse=True)
        as_of = found.get("as_of") or dates[0]
        if as_of not in dates:
            raise ValidationError(
                {"as_of": [f"tidak ada angka per {as_of.isoformat()}; pilih dari as_of_dates"]}
            )
        qs = qs.filter(as_of=as_of, area_level=found.get("level", "kecamatan"))
        if found.get("indicator_key"):
            qs = qs.filter(indicator_key=found["indicator_key"])
        rows = [
            {
                "indicator_key": key,
                "area_code": code,
                "area_name": name,
                "level": level,
                "numerator": a,
                "denominator": b,
                "coverage": None if coverage(a, b) is None else f"{coverage(a, b):f}",
            }
            for key, code, name, level, a, b in qs.order_by(
                "indicator_key", "area_code"
            ).values_list(
                "indicator_key", "area_code", "area_name", "area_level", "numerator", "denominator"
            )
        ]
        paginator = Pagination()
        page = paginator.paginate_queryset(rows, request)
        return Response(
            {
                "agency": extract.agency_id,
                "extract": extract.pk,
                "extract_date": extract.extract_date,
                "as_of": as_of,
                "as_of_dates": dates,
                "reason": None,
                "count": paginator.page.paginator.count,
                "next": paginator.get_next_link(),
                "previous": paginator.get_previous_link(),
                "results": page,
            }
        )
