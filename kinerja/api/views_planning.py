"""Plans: targets (Renstra, Renja, Rencana Aksi per quarter) and Perjanjian Kinerja with their
items. Targets follow ``position.view`` of their indicator's position, PKs ``agreement.view``."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers

from kinerja.accounts.permissions import for_user, require
from kinerja.api import params
from kinerja.api.selectors import scoped_positions
from kinerja.planning.models import Agreement, AgreementItem, Target

TAG = ["rencana"]


class TargetSerializer(serializers.ModelSerializer):
    indicator = serializers.IntegerField(source="indicator_id", read_only=True)
    position = serializers.IntegerField(source="indicator.goal.position_id", read_only=True)

    class Meta:
        model = Target
        fields = [
            "id",
            "indicator",
            "position",
            "year",
            "plan",
            "quarter",
            "value",
            "value_max",
            "version",
            "updated_at",
        ]


class AgreementItemSerializer(serializers.ModelSerializer):
    indicator = serializers.IntegerField(source="indicator_id", read_only=True)

    class Meta:
        model = AgreementItem
        fields = [
            "id",
            "indicator",
            "goal_statement",
            "indicator_name",
            "measure_unit",
            "target_value",
            "target_max",
            "not_targeted_reason",
            "order",
        ]


class AgreementSerializer(serializers.ModelSerializer):
    position = serializers.IntegerField(source="position_id", read_only=True)
    replaces = serializers.IntegerField(source="replaces_id", read_only=True, allow_null=True)
    first_party = serializers.CharField(source="first_party.full_name", read_only=True)
    items = AgreementItemSerializer(many=True, read_only=True)

    class Meta:
        model = Agreement
        fields = [
            "id",
            "position",
            "year",
            "revision",
            "replaces",
            "status",
            "first_party",
            "first_party_acting",
            "second_party_title",
            "second_party_acting",
            "valid_from",
            "valid_until",
            "signed_on",
            "signed_at",
            "reason",
            "items",
        ]


@extend_schema(tags=TAG, summary="Target", parameters=[params.PlanningParams])
class TargetList(generics.ListAPIView):
    serializer_class = TargetSerializer

    def get_queryset(self):
        found = params.read(self.request, params.PlanningParams)
        positions = scoped_positions(self.request.user, found)
        qs = Target.objects.select_related("indicator__goal").filter(
            indicator__goal__position__in=positions.order_by().values("pk")
        )
        if found.get("year") is not None:
            qs = qs.filter(year=found["year"])
        if found.get("indicator") is not None:
            qs = qs.filter(indicator_id=found["indicator"])
        return qs.order_by("indicator_id", "year", "plan", "quarter", "pk")


@extend_schema(tags=TAG, summary="Perjanjian Kinerja (PK)", parameters=[params.CatalogParams])
class AgreementList(generics.ListAPIView):
    serializer_class = AgreementSerializer

    def get_queryset(self):
        found = params.read(self.request, params.CatalogParams)
        positions = scoped_positions(self.request.user, found)
        qs = for_user(self.request.user, "agreement.view", Agreement).filter(
            position__in=positions.order_by().values("pk")
        )
        if found.get("year") is not None:
            qs = qs.filter(year=found["year"])
        return (
            qs.select_related("first_party")
            .prefetch_related("items")
            .order_by("-year", "position_id", "revision", "pk")
        )


@extend_schema(tags=TAG, summary="Satu PK dengan butirnya")
class AgreementDetail(generics.RetrieveAPIView):
    serializer_class = AgreementSerializer

    def get_object(self):
        agreement = get_object_or_404(
            Agreement.objects.select_related("first_party", "position__decree").prefetch_related(
                "items"
            ),
            pk=self.kwargs["pk"],
        )
        require(self.request.user, "agreement.view", agreement)
        return agreement
