from django.urls import path

from kinerja.catalog import views, views_review, views_settings

app_name = "catalog"

urlpatterns = [
    path("", views.decree_list, name="decree_list"),
    path("cari/", views.search, name="search"),
    path("<id:pk>/", views.decree_detail, name="decree_detail"),
    path("<id:pk>/organisasi/", views.organisation, name="organisation"),
    path("<id:pk>/pemeriksaan/", views.quality_check, name="check"),
    path("<id:pk>/ekspor.json", views.export_json, name="export_json"),
    path("<id:pk>/ekspor.xlsx", views.export_xlsx, name="export_xlsx"),
    path("jabatan/<id:pk>/", views.position_detail, name="position_detail"),
    path("<id:pk>/satuan/", views_settings.measures, name="measures"),
    path("<id:pk>/tinjau/", views_review.review_upload, name="review_upload"),
    path("<id:pk>/templat.xlsx", views_review.review_template, name="review_template"),
    path("tinjauan/<id:pk>/", views_review.review_detail, name="review"),
    path("tinjauan/<id:pk>/terapkan/", views_review.review_apply_view, name="review_apply"),
    path("tinjauan/<id:pk>/batalkan/", views_review.review_discard_view, name="review_discard"),
]
