"""Catalog reads: agencies, decrees, units, positions (with goals and indicators) and indicators.

Everything is scoped by ``for_user(user, "position.view", …)``: a caller sees the catalog of the
positions they may view, as on the pages."""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics

from kinerja.accounts.permissions import require
from kinerja.api import params
from kinerja.api.selectors import (
    filter_positions,
    scoped_positions,
    visible_agencies,
    visible_positions,
)
from kinerja.api.serializers_catalog import (
    AgencySerializer,
    DecreeSerializer,
    IndicatorSerializer,
    PositionDetailSerializer,
    PositionSerializer,
    UnitSerializer,
)
from kinerja.catalog.models import Decree, Goal, Indicator, Position, Unit

TAG = ["katalog"]


def _indicators():
    return Indicator.objects.select_related("goal__position").prefetch_related("sources")


@extend_schema(tags=TAG, summary="Perangkat daerah dalam jangkauan")
class AgencyList(generics.ListAPIView):
    serializer_class = AgencySerializer

    def get_queryset(self):
        return visible_agencies(self.request.user).order_by("pk")


@extend_schema(
    tags=TAG, summary="Keputusan (IKI) dalam jangkauan", parameters=[params.CatalogParams]
)
class DecreeList(generics.ListAPIView):
    serializer_class = DecreeSerializer

    def get_queryset(self):
        found = params.read(self.request, params.CatalogParams)
        positions = filter_positions(
            visible_positions(self.request.user),
            agency=found.get("agency"),
            decree=found.get("decree"),
            year=found.get("year"),
        )
        return Decree.objects.filter(pk__in=positions.order_by().values("decree_id")).order_by(
            "agency_id", "-period_start", "pk"
        )


@extend_schema(tags=TAG, summary="Unit kerja", parameters=[params.CatalogParams])
class UnitList(generics.ListAPIView):
    serializer_class = UnitSerializer

    def get_queryset(self):
        found = params.read(self.request, params.CatalogParams)
        agencies = visible_agencies(self.request.user)
        if found.get("agency") is not None:
            agencies = agencies.filter(pk=found["agency"])
        qs = Unit.objects.filter(agency__in=agencies)
        if found.get("unit") is not None:
            qs = qs.filter(pk=found["unit"])
        return qs.order_by("agency_id", "order", "pk")


@extend_schema(tags=TAG, summary="Jabatan", parameters=[params.CatalogParams])
class PositionList(generics.ListAPIView):
    serializer_class = PositionSerializer

    def get_queryset(self):
        found = params.read(self.request, params.CatalogParams)
        positions = scoped_positions(self.request.user, found)
        return positions.order_by("decree_id", "order", "pk")


@extend_schema(tags=TAG, summary="Satu jabatan dengan kinerja dan indikatornya")
class PositionDetail(generics.RetrieveAPIView):
    serializer_class = PositionDetailSerializer

    def get_object(self):
        position = get_object_or_404(
            Position.objects.select_related("decree__agency").prefetch_related(
                Prefetch(
                    "goals",
                    queryset=Goal.objects.prefetch_related(
                        Prefetch("indicators", queryset=_indicators())
                    ),
                )
            ),
            pk=self.kwargs["pk"],
        )
        require(self.request.user, "position.view", position)
        return position


@extend_schema(tags=TAG, summary="Indikator kinerja", parameters=[params.PlanningParams])
class IndicatorList(generics.ListAPIView):
    serializer_class = IndicatorSerializer

    def get_queryset(self):
        found = params.read(self.request, params.PlanningParams)
        positions = scoped_positions(self.request.user, found)
        qs = _indicators().filter(goal__position__in=positions.order_by().values("pk"))
        if found.get("indicator") is not None:
            qs = qs.filter(pk=found["indicator"])
        return qs.order_by(
            "goal__position__decree_id", "goal__position__order", "goal__order", "order", "pk"
        )


@extend_schema(tags=TAG, summary="Satu indikator")
class IndicatorDetail(generics.RetrieveAPIView):
    serializer_class = IndicatorSerializer

    def get_object(self):
        indicator = get_object_or_404(_indicators(), pk=self.kwargs["pk"])
        require(self.request.user, "position.view", indicator.goal.position)
        return indicator
