"""The catalog as the API shows it: agencies, decrees, units, positions (with their stable key),
goals and indicators with formula, satuan, aggregation and sources. Read-only."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kinerja.api.selectors import stable_key
from kinerja.catalog.measures import satuan_of
from kinerja.catalog.models import Agency, DataSource, Decree, Goal, Indicator, Position, Unit


class AgencySerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["id", "name", "region", "region_code"]


class DecreeSerializer(serializers.ModelSerializer):
    agency = serializers.IntegerField(source="agency_id", read_only=True)

    class Meta:
        model = Decree
        fields = ["id", "agency", "number", "title", "period_start", "period_end", "enacted_on"]


class UnitSerializer(serializers.ModelSerializer):
    agency = serializers.IntegerField(source="agency_id", read_only=True)
    parent = serializers.IntegerField(source="parent_id", read_only=True, allow_null=True)

    class Meta:
        model = Unit
        fields = ["id", "agency", "name", "kind", "parent"]


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = DataSource
        fields = ["id", "name"]


class PositionSerializer(serializers.ModelSerializer):
    stable_key = serializers.SerializerMethodField(
        help_text="Sama untuk jabatan yang sama di keputusan pengganti."
    )
    decree = serializers.IntegerField(source="decree_id", read_only=True)
    agency = serializers.IntegerField(source="decree.agency_id", read_only=True)
    unit = serializers.IntegerField(source="unit_id", read_only=True, allow_null=True)
    supervisor = serializers.IntegerField(source="supervisor_id", read_only=True, allow_null=True)

    class Meta:
        model = Position
        fields = [
            "id",
            "key",
            "stable_key",
            "name",
            "decree",
            "agency",
            "unit",
            "supervisor",
            "is_head",
            "listed",
        ]

    @extend_schema_field(serializers.CharField())
    def get_stable_key(self, obj: Position) -> str:
        return stable_key(obj)


class IndicatorSerializer(serializers.ModelSerializer):
    stable_key = serializers.SerializerMethodField()
    position = serializers.IntegerField(source="goal.position_id", read_only=True)
    goal = serializers.IntegerField(source="goal_id", read_only=True)
    satuan = serializers.SerializerMethodField(help_text="'%' untuk persentase.")
    sources = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = [
            "id",
            "stable_key",
            "position",
            "goal",
            "name",
            "kind",
            "formula",
            "numerator",
            "denominator",
            "satuan",
            "measure_unit",
            "aggregation",
            "polarity",
            "frequency",
            "can_exceed_100",
            "sources",
        ]

    @extend_schema_field(serializers.CharField())
    def get_stable_key(self, obj: Indicator) -> str:
        return getattr(obj, "stable_key", "") or f"{obj.goal.position.key}#{obj.pk}"

    @extend_schema_field(serializers.CharField())
    def get_satuan(self, obj: Indicator) -> str:
        return satuan_of(obj.kind, obj.measure_unit)

    @extend_schema_field(SourceSerializer(many=True))
    def get_sources(self, obj: Indicator) -> list[dict]:
        return [{"id": s.pk, "name": s.name} for s in obj.sources.all()]


class GoalSerializer(serializers.ModelSerializer):
    indicators = IndicatorSerializer(many=True, read_only=True)

    class Meta:
        model = Goal
        fields = ["id", "statement", "order", "indicators"]


class PositionDetailSerializer(PositionSerializer):
    goals = GoalSerializer(many=True, read_only=True)

    class Meta(PositionSerializer.Meta):
        fields = [*PositionSerializer.Meta.fields, "goals"]
