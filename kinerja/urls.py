from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from kinerja.core.converters import IdConverter, PeriodConverter, YearConverter

register_converter(YearConverter, "year")
register_converter(IdConverter, "id")
register_converter(PeriodConverter, "period")

urlpatterns = [
    path("masuk/", auth_views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "akun/kata-sandi/",
        auth_views.PasswordChangeView.as_view(template_name="ops/password_change.html"),
        name="password_change",
    ),
    path(
        "akun/kata-sandi/selesai/",
        auth_views.PasswordChangeDoneView.as_view(template_name="ops/password_change_done.html"),
        name="password_change_done",
    ),
    path("admin/", admin.site.urls),
    path("katalog/", include("kinerja.catalog.urls")),
    path("kinerja/", include("kinerja.measurement.urls")),
    path("perencanaan/", include("kinerja.planning.urls")),
    path("penduduk/", include("kinerja.population.urls")),
    path("pengguna/", include("kinerja.accounts.urls")),
    path("audit/", include("kinerja.audit.urls")),
    path("laporan/", include("kinerja.reports.urls")),
    path("renstra/", include("kinerja.strategy.urls")),
    path("dasbor/", include("kinerja.dashboard.urls")),
    path("", include("kinerja.api.urls")),  # /api/v1/ and the token page /akses-api/
    path("", include("kinerja.web.urls")),
]
