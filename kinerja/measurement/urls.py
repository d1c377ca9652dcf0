from django.urls import path

from kinerja.measurement import views

app_name = "measurement"

urlpatterns = [
    path("", views.my_performance, name="mine"),
    path("verifikasi/", views.inbox, name="inbox"),
    path("unggah/", views.spreadsheet, name="spreadsheet"),
    path("jabatan/<int:pk>/<int:year>/", views.position_year, name="position_year"),
    path(
        "realisasi/<int:indicator_pk>/<int:year>/<int:period>/",
        views.realization_page,
        name="realization",
    ),
    path("realisasi/<int:pk>/status/", views.realization_status, name="status"),
    path("realisasi/<int:pk>/bukti/", views.evidence_upload, name="evidence_upload"),
    path("bukti/<int:pk>/", views.evidence_download, name="evidence_download"),
]
