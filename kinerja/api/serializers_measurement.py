"""Realizations and their evidence as the API reads and writes them.

Numbers on the way in are JSON numbers or plain decimal strings with a point ("1234.5"): the
API is for machines, so "1.234" is never read as one thousand two hundred thirty-four here. They
reach kinerja.measurement.services as Decimals, which validate them as the pages do."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kinerja.audit.services import actor_name
from kinerja.core.inputs import MAX_ID, YEAR_MAX, YEAR_MIN
from kinerja.core.periods import period_label
from kinerja.measurement.models import Evidence, Realization

PLAIN = re.compile(r"-?[0-9]{1,18}(\.[0-9]{1,18})?", re.ASCII)


@extend_schema_field(
    {
        "oneOf": [
            {"type": "number"},
            {"type": "string", "pattern": r"^-?[0-9]{1,18}(\.[0-9]{1,18})?$"},
        ],
        "nullable": True,
        "example": 1234,
    }
)
class NumberField(serializers.Field):
    """A JSON number or a decimal string with a point; null or absent for "not given"."""

    default_error_messages = {
        "invalid": "'{value}' bukan angka; pakai angka JSON atau teks dengan titik desimal, "
        "mis. 1234.5"
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_internal_value(self, data) -> Decimal:
        if isinstance(data, bool):
            self.fail("invalid", value=data)
        if isinstance(data, int):
            return Decimal(data)
        if isinstance(data, float):
            if data != data or data in (float("inf"), float("-inf")):
                self.fail("invalid", value=data)
            return Decimal(repr(data))
        if isinstance(data, str) and PLAIN.fullmatch(data.strip()):
            try:
                return Decimal(data.strip())
            except InvalidOperation:
                pass
        shown = str(data)[:24]
        self.fail("invalid", value=shown)

    def to_representation(self, value):
        return None if value is None else format(value.normalize(), "f")


class EvidenceSerializer(serializers.ModelSerializer):
    realization = serializers.IntegerField(source="realization_id", read_only=True)
    source = serializers.IntegerField(source="source_id", read_only=True)
    source_name = serializers.CharField(source="source.name", read_only=True)
    uploaded_by = serializers.SerializerMethodField()
    download = serializers.SerializerMethodField(help_text="Alamat unduhan berkas.")

    class Meta:
        model = Evidence
        fields = [
            "id",
            "realization",
            "source",
            "source_name",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "uploaded_at",
            "uploaded_by",
            "download",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_uploaded_by(self, obj: Evidence) -> str | None:
        return actor_name(obj.uploaded_by) if obj.uploaded_by is not None else None

    @extend_schema_field(serializers.CharField())
    def get_download(self, obj: Evidence) -> str:
        return reverse("api:evidence_file", args=[obj.pk])


class RealizationSerializer(serializers.ModelSerializer):
    indicator = serializers.IntegerField(source="indicator_id", read_only=True)
    position = serializers.IntegerField(source="position_id", read_only=True)
    period_label = serializers.SerializerMethodField()
    numerator = NumberField(read_only=True)
    denominator = NumberField(read_only=True)
    value = NumberField(read_only=True)
    entered_by = serializers.SerializerMethodField()
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = Realization
        fields = [
            "id",
            "indicator",
            "position",
            "year",
            "frequency",
            "period",
            "period_label",
            "numerator",
            "denominator",
            "value",
            "note",
            "status",
            "version",
            "entered_by",
            "updated_at",
            "verified_at",
            "evidence",
        ]

    @extend_schema_field(serializers.CharField())
    def get_period_label(self, obj: Realization) -> str:
        return period_label(obj.year, obj.frequency, obj.period)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_entered_by(self, obj: Realization) -> str | None:
        return actor_name(obj.entered_by) if obj.entered_by is not None else None


class RealizationValues(serializers.Serializer):
    """The entered numbers: ``value`` for a count, ``numerator`` and ``denominator`` for a
    percentage or ratio (the service says which, per field)."""

    numerator = NumberField()
    denominator = NumberField()
    value = NumberField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class RealizationCreate(RealizationValues):
    indicator = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    year = serializers.IntegerField(min_value=YEAR_MIN, max_value=YEAR_MAX)
    period = serializers.IntegerField(
        min_value=1, max_value=12, help_text="Bulan (1-12) atau triwulan (1-4)."
    )


class RealizationUpdate(RealizationValues):
    version = serializers.IntegerField(
        min_value=0,
        max_value=2**31 - 1,
        help_text="Versi yang terakhir dibaca; bila data sudah berubah sejak itu: 409.",
    )


class TransitionRequest(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=0,
        max_value=2**31 - 1,
        help_text="Versi yang terakhir dibaca; bila data sudah berubah sejak itu: 409.",
    )


class EvidenceUpload(serializers.Serializer):
    file = serializers.FileField(help_text="PDF, JPG, PNG atau XLSX.")
    source = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, help_text="Sumber data (id), salah satu sumber indikator."
    )
