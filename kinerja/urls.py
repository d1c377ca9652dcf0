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
    path("admin/", admin.site.urls),
    path("katalog/", include("kinerja.catalog.urls")),
    path("kinerja/", include("kinerja.measurement.urls")),
    path("perencanaan/", include("kinerja.planning.urls")),
    path("penduduk/", include("kinerja.population.urls")),
    path("", include("kinerja.web.urls")),
]
