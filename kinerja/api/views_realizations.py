"""Realizations: read with status and evidence, create and update as draft, submit, add evidence.

Every write goes through kinerja.measurement.services (the pages' services): the same checks,
per-field messages, optimistic locking (``version``; a newer row is a 409 carrying it) and
audit. A token given a list of indicators may write only those. Writes accept an
``Idempotency-Key`` (kinerja.api.idempotency)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from kinerja.accounts.permissions import for_user, require
from kinerja.api import params
from kinerja.api.idempotency import HEADER, idempotent
from kinerja.api.models import ApiToken
from kinerja.api.problems import Conflict, PayloadTooLarge
from kinerja.api.selectors import scoped_positions
from kinerja.api.serializers_measurement import (
    EvidenceSerializer,
    EvidenceUpload,
    RealizationCreate,
    RealizationSerializer,
    RealizationUpdate,
    TransitionRequest,
)
from kinerja.catalog.models import DataSource, Indicator
from kinerja.core.uploads import EXTENSIONS, named_as_type
from kinerja.measurement import services
from kinerja.measurement.models import Evidence, Realization, Status

TAG = ["realisasi"]
IDEMPOTENCY = OpenApiParameter(
    HEADER,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="Kunci unik per permintaan tulis; pengulangan dengan kunci dan isi yang sama "
    "mendapat jawaban yang tersimpan, tidak diterapkan dua kali.",
)


def _realizations():
    return Realization.objects.select_related("entered_by__employee").prefetch_related(
        Prefetch(
            "evidence",
            queryset=Evidence.objects.select_related("source", "uploaded_by__employee"),
        )
    )


def _current(realization: Realization) -> dict:
    fresh = _realizations().get(pk=realization.pk)
    return RealizationSerializer(fresh).data


def token_allows(request, indicator: Indicator) -> None:
    """A token given a list of indicators writes only those (a system token always has one)."""
    token = request.auth
    if not isinstance(token, ApiToken):
        return
    limited = token.kind == ApiToken.Kind.SYSTEM or token.indicators.exists()
    if limited and not token.indicators.filter(pk=indicator.pk).exists():
        raise PermissionDenied(
            "Token ini hanya boleh mengirim realisasi indikator yang diberikan kepadanya."
        )


def _conflict(exc: services.RealizationConflict) -> Conflict:
    return Conflict(str(exc), current=_current(exc.current))


def _realization_or_404(request, pk: int) -> Realization:
    realization = get_object_or_404(
        Realization.objects.select_related("indicator__goal__position__decree", "position"),
        pk=pk,
    )
    require(request.user, "realization.view", realization)
    return realization


@extend_schema(tags=TAG)
class RealizationList(generics.ListCreateAPIView):
    serializer_class = RealizationSerializer

    @extend_schema(
        summary="Realisasi dengan status dan bukti", parameters=[params.RealizationParams]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        found = params.read(self.request, params.RealizationParams)
        positions = scoped_positions(self.request.user, {**found, "year": None})
        qs = for_user(self.request.user, "realization.view", _realizations()).filter(
            position__in=positions.order_by().values("pk")
        )
        for name in ("year", "period", "status"):
            if found.get(name) is not None:
                qs = qs.filter(**{name: found[name]})
        if found.get("indicator") is not None:
            qs = qs.filter(indicator_id=found["indicator"])
        return qs.order_by("position_id", "indicator_id", "year", "period", "pk")

    @extend_schema(
        summary="Isi realisasi satu periode (konsep)",
        request=RealizationCreate,
        responses={201: RealizationSerializer},
        parameters=[IDEMPOTENCY],
    )
    def post(self, request, *args, **kwargs):
        return idempotent(request, lambda: self._create(request))

    def _create(self, request) -> Response:
        body = RealizationCreate(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        indicator = (
            Indicator.objects.select_related("goal__position__decree")
            .filter(pk=data["indicator"])
            .first()
        )
        if indicator is None:
            missing = {"indicator": ["indikator tidak ditemukan"]}
            raise DRFValidationError(missing, code="does_not_exist")
        require(request.user, "realization.enter", indicator.goal.position)
        token_allows(request, indicator)
        try:
            realization = services.realization_save(
                actor=request.user,
                indicator=indicator,
                year=data["year"],
                period=data["period"],
                numerator=data.get("numerator"),
                denominator=data.get("denominator"),
                value=data.get("value"),
                note=data.get("note", ""),
                expected_version=0,
            )
        except services.RealizationConflict as exc:
            raise Conflict(
                "Realisasi periode ini sudah ada; ubah dengan PUT ke alamatnya dengan versi "
                "terakhir.",
                current=_current(exc.current),
                code="sudah_ada",
            ) from None
        location = reverse("api:realization", args=[realization.pk])
        return Response(
            _current(realization), status=status.HTTP_201_CREATED, headers={"Location": location}
        )


@extend_schema(tags=TAG)
class RealizationDetail(APIView):
    @extend_schema(summary="Satu realisasi", responses=RealizationSerializer)
    def get(self, request, pk: int):
        return Response(_current(_realization_or_404(request, pk)))

    @extend_schema(
        summary="Ubah realisasi (konsep atau dikembalikan)",
        request=RealizationUpdate,
        responses=RealizationSerializer,
        parameters=[IDEMPOTENCY],
    )
    def put(self, request, pk: int):
        return idempotent(request, lambda: self._update(request, pk))

    def _update(self, request, pk: int) -> Response:
        realization = _realization_or_404(request, pk)
        body = RealizationUpdate(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        indicator = realization.indicator
        token_allows(request, indicator)
        try:
            services.realization_save(
                actor=request.user,
                indicator=indicator,
                year=realization.year,
                period=realization.period,
                numerator=data.get("numerator"),
                denominator=data.get("denominator"),
                value=data.get("value"),
                note=data.get("note", ""),
                expected_version=data["version"],
            )
        except services.RealizationConflict as exc:
            raise _conflict(exc) from None
        return Response(_current(realization))


@extend_schema(tags=TAG)
class RealizationSubmit(APIView):
    @extend_schema(
        summary="Kirim realisasi untuk verifikasi atasan",
        request=TransitionRequest,
        responses=RealizationSerializer,
        parameters=[IDEMPOTENCY],
    )
    def post(self, request, pk: int):
        return idempotent(request, lambda: self._submit(request, pk))

    def _submit(self, request, pk: int) -> Response:
        realization = _realization_or_404(request, pk)
        body = TransitionRequest(data=request.data)
        body.is_valid(raise_exception=True)
        token_allows(request, realization.indicator)
        try:
            services.realization_transition(
                actor=request.user,
                realization=realization,
                to_status=Status.SUBMITTED,
                expected_version=body.validated_data["version"],
            )
        except services.RealizationConflict as exc:
            raise _conflict(exc) from None
        return Response(_current(realization))


@extend_schema(tags=TAG)
class EvidenceList(APIView):
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(summary="Bukti dukung satu realisasi", responses=EvidenceSerializer(many=True))
    def get(self, request, pk: int):
        realization = _realization_or_404(request, pk)
        rows = for_user(request.user, "evidence.view", Evidence).filter(realization=realization)
        rows = rows.select_related("source", "uploaded_by__employee").order_by("uploaded_at", "pk")
        return Response(EvidenceSerializer(rows, many=True).data)

    @extend_schema(
        summary="Unggah bukti dukung",
        request={"multipart/form-data": EvidenceUpload},
        responses={201: EvidenceSerializer},
        parameters=[IDEMPOTENCY],
    )
    def post(self, request, pk: int):
        limit = settings.KINERJA_MAX_EVIDENCE_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit + 64 * 1024:  # the file plus the form around it
            raise PayloadTooLarge(f"Berkas melebihi batas {limit // (1024 * 1024)} MB.")
        return idempotent(request, lambda: self._upload(request, pk, limit))

    def _upload(self, request, pk: int, limit: int) -> Response:
        realization = _realization_or_404(request, pk)
        body = EvidenceUpload(data=request.data)
        body.is_valid(raise_exception=True)
        upload = body.validated_data["file"]
        if upload.size > limit:
            raise PayloadTooLarge(f"Berkas melebihi batas {limit // (1024 * 1024)} MB.")
        token_allows(request, realization.indicator)
        source = DataSource.objects.filter(pk=body.validated_data["source"]).first()
        if source is None:
            missing = {"source": ["sumber data tidak ditemukan"]}
            raise DRFValidationError(missing, code="does_not_exist")
        evidence = services.evidence_add(
            actor=request.user,
            realization=realization,
            name=upload.name or "bukti",
            content=upload.read(),
            source=source,
        )
        evidence = Evidence.objects.select_related("source", "uploaded_by__employee").get(
            pk=evidence.pk
        )
        return Response(EvidenceSerializer(evidence).data, status=status.HTTP_201_CREATED)


@extend_schema(
    tags=TAG, summary="Daftar bukti dukung (untuk pemeriksa)", parameters=[params.RealizationParams]
)
class EvidenceIndex(generics.ListAPIView):
    """Every evidence file's metadata the caller may see (``for_user(user, "evidence.view")``),
    filtered like realizations: what an Inspektorat pulls for an audit."""

    serializer_class = EvidenceSerializer

    def get_queryset(self):
        found = params.read(self.request, params.RealizationParams)
        positions = scoped_positions(self.request.user, {**found, "year": None})
        qs = for_user(self.request.user, "evidence.view", Evidence).filter(
            realization__position__in=positions.order_by().values("pk")
        )
        for name in ("year", "period", "status"):
            if found.get(name) is not None:
                qs = qs.filter(**{f"realization__{name}": found[name]})
        if found.get("indicator") is not None:
            qs = qs.filter(realization__indicator_id=found["indicator"])
        return qs.select_related("source", "uploaded_by__employee").order_by(
            "realization__position_id", "realization_id", "uploaded_at", "pk"
        )


# The types evidence is accepted as (checked by content at upload).
FILE_TYPES = tuple(EXTENSIONS)


@extend_schema(tags=TAG)
class EvidenceFile(APIView):
    @extend_schema(
        summary="Unduh berkas bukti dukung",
        responses={(200, media): OpenApiResponse(OpenApiTypes.BINARY) for media in FILE_TYPES},
    )
    def get(self, request, pk: int):
        evidence = get_object_or_404(
            Evidence.objects.select_related("realization__position"), pk=pk
        )
        require(request.user, "evidence.view", evidence)
        try:
            handle = evidence.file.open("rb")
        except FileNotFoundError:
            raise Http404("Berkas bukti tidak ditemukan di penyimpanan.") from None
        response = FileResponse(
            handle,
            content_type=evidence.content_type,
            as_attachment=True,
            # Named after what the file is (checked by content at upload), as on the page.
            filename=named_as_type(evidence.original_name, evidence.content_type),
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response
