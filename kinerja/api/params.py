"""Query parameters of the list endpoints, read by serializers so that the description names
them and a bad value is a 400 naming the parameter (never a 500, never silently ignored)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from kinerja.core.inputs import MAX_ID, YEAR_MAX, YEAR_MIN
from kinerja.measurement.models import Status


def _id(help_text: str) -> serializers.IntegerField:
    return serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text=help_text
    )


def _year(help_text: str = "Tahun; menyaring ke keputusan yang berlaku pada tahun itu."):
    return serializers.IntegerField(
        required=False, min_value=YEAR_MIN, max_value=YEAR_MAX, help_text=help_text
    )


class AgencyParams(serializers.Serializer):
    year = _year()


class CatalogParams(serializers.Serializer):
    agency = _id("Perangkat daerah (id).")
    decree = _id("Keputusan (id).")
    year = _year()
    unit = _id("Unit kerja (id), termasuk unit di bawahnya.")
    position = _id("Jabatan (id).")
    stable_key = serializers.SlugField(
        required=False,
        max_length=120,
        help_text="Kunci tetap jabatan: jabatan yang sama di setiap keputusan.",
    )


class PlanningParams(CatalogParams):
    indicator = _id("Indikator (id).")


class RealizationParams(PlanningParams):
    period = serializers.IntegerField(
        required=False, min_value=1, max_value=12, help_text="Bulan (1-12) atau triwulan (1-4)."
    )
    status = serializers.ChoiceField(required=False, choices=Status.choices)


class FigureParams(serializers.Serializer):
    year = _year("Tahun capaian (bawaan: tahun berjalan).")
    as_of = serializers.RegexField(
        r"^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$",
        required=False,
        help_text="Sampai periode: '2026-06' (bulan), '2026-Q2' (triwulan) atau '2026' (tahun); "
        "bawaan: periode terakhir yang terisi.",
    )
    verified_only = serializers.BooleanField(
        required=False, default=False, help_text="Hanya realisasi terverifikasi."
    )
    agency = _id("Perangkat daerah (id).")
    unit = _id("Unit kerja (id), termasuk unit di bawahnya.")
    position = _id("Jabatan (id).")


class RegisterParams(serializers.Serializer):
    agency = _id("Perangkat daerah (id); bawaan: yang pertama dalam jangkauan.")
    indicator_key = serializers.CharField(
        required=False, max_length=40, help_text="Kunci angka register, mis. 'ktp_el'."
    )
    level = serializers.ChoiceField(
        required=False, choices=["kabupaten", "kecamatan", "desa"], default="kecamatan"
    )
    as_of = serializers.DateField(required=False, help_text="Tanggal acuan (bawaan: terbaru).")


def read(request: Any, params: type[serializers.Serializer]) -> dict[str, Any]:
    """The validated query parameters (400 with each bad parameter named)."""
    serializer = params(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class PagingParams(serializers.Serializer):
    page = serializers.IntegerField(required=False, min_value=1, help_text="Halaman (dari 1).")
    page_size = serializers.IntegerField(
        required=False, min_value=1, max_value=500, help_text="Baris per halaman (bawaan 100)."
    )
