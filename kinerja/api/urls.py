"""/api/v1/: the versioned API, its OpenAPI description and documentation page; /akses-api/: the
administrator's token page. Anything else under /api/ is a 404 problem, never an HTML page."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from kinerja.api import (
    views_catalog,
    views_figures,
    views_planning,
    views_realizations,
    views_register,
    views_tokens,
)
from kinerja.api.views_misc import not_found

app_name = "api"


class Docs(SpectacularSwaggerSplitView):
    template_name = "api/docs.html"
    title = "kinerja API v1"


V1 = "api/v1/"
urlpatterns = [
    path(f"{V1}schema/", SpectacularAPIView.as_view(), name="schema"),
    path(f"{V1}docs/", Docs.as_view(url_name="api:schema"), name="docs"),
    path(f"{V1}agencies/", views_catalog.AgencyList.as_view(), name="agencies"),
    path(f"{V1}decrees/", views_catalog.DecreeList.as_view(), name="decrees"),
    path(f"{V1}units/", views_catalog.UnitList.as_view(), name="units"),
    path(f"{V1}positions/", views_catalog.PositionList.as_view(), name="positions"),
    path(f"{V1}positions/<id:pk>/", views_catalog.PositionDetail.as_view(), name="position"),
    path(f"{V1}indicators/", views_catalog.IndicatorList.as_view(), name="indicators"),
    path(f"{V1}indicators/<id:pk>/", views_catalog.IndicatorDetail.as_view(), name="indicator"),
    path(f"{V1}targets/", views_planning.TargetList.as_view(), name="targets"),
    path(f"{V1}agreements/", views_planning.AgreementList.as_view(), name="agreements"),
    path(f"{V1}agreements/<id:pk>/", views_planning.AgreementDetail.as_view(), name="agreement"),
    path(f"{V1}realizations/", views_realizations.RealizationList.as_view(), name="realizations"),
    path(
        f"{V1}realizations/<id:pk>/",
        views_realizations.RealizationDetail.as_view(),
        name="realization",
    ),
    path(
        f"{V1}realizations/<id:pk>/submit/",
        views_realizations.RealizationSubmit.as_view(),
        name="realization_submit",
    ),
    path(
        f"{V1}realizations/<id:pk>/evidence/",
        views_realizations.EvidenceList.as_view(),
        name="evidence",
    ),
    path(f"{V1}evidence/", views_realizations.EvidenceIndex.as_view(), name="evidence_index"),
    path(
        f"{V1}evidence/<id:pk>/file/",
        views_realizations.EvidenceFile.as_view(),
        name="evidence_file",
    ),
    path(f"{V1}figures/indicators/", views_figures.IndicatorFigureList.as_view(), name="fig_ind"),
    path(f"{V1}figures/positions/", views_figures.PositionFigureList.as_view(), name="fig_pos"),
    path(f"{V1}figures/units/", views_figures.UnitFigureList.as_view(), name="fig_unit"),
    path(f"{V1}figures/agencies/", views_figures.AgencyFigureList.as_view(), name="fig_agency"),
    path(f"{V1}register/", views_register.RegisterFigures.as_view(), name="register"),
    re_path(r"^api(/.*)?$", not_found, name="not_found"),
    path("akses-api/", views_tokens.tokens, name="tokens"),
]
