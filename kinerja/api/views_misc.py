"""The answer to any path under /api/ that is not an endpoint: a 404 problem for every method."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view, authentication_classes, permission_classes

from kinerja.api.problems import problem


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@authentication_classes([])
@permission_classes([])
def not_found(request, *args, **kwargs):
    return problem(
        404,
        "Alamat ini tidak ada di API; daftar alamat ada di /api/v1/docs/.",
        instance=request.path,
    )
