from django.urls import path

from kinerja.measurement import periods_views, views

app_name = "measurement"

urlpatterns = [
    path("", views.my_performance, name="mine"),
    path("verifikasi/", views.inbox, name="inbox"),
    path("unggah/", views.spreadsheet, name="spreadsheet"),
    path("periode/", periods_views.periods, name="periods"),
    path("jabatan/<id:pk>/<year:year>/", views.position_year, name="position_year"),
    path("indikator/<id:pk>/riwayat/", views.indicator_history_page, name="indicator_history"),
    path(
        "realisasi/<id:indicator_pk>/<year:year>/<period:period>/",
        views.realization_page,
        name="realization",
    ),
    path("realisasi/<id:pk>/status/", views.realization_status, name="status"),
    path("realisasi/<id:pk>/bukti/", views.evidence_upload, name="evidence_upload"),
    path("bukti/<id:pk>/", views.evidence_download, name="evidence_download"),
]
