from django.urls import path

from kinerja.strategy import views, views_budget

app_name = "strategy"

urlpatterns = [
    path("", views.index, name="index"),
    path("<id:agency>/<year:year>/", views.renstra, name="renstra"),
    path("<id:agency>/<year:year>/simpan/", views.renstra_save, name="renstra_save"),
    path("<id:agency>/<year:year>/iku/", views.iku_save, name="iku_save"),
    path("<id:agency>/<year:year>/iku/<id:pk>/", views.iku_target, name="iku_target"),
    path("<id:agency>/<year:year>/impor/", views.renstra_import, name="renstra_import"),
    path(
        "<id:agency>/<year:year>/templat/<id:pk>/", views.renstra_template, name="renstra_template"
    ),
    path("<id:agency>/<year:year>/keputusan-iku/", views.iku_decree, name="iku_decree"),
    path("<id:agency>/<year:year>/pohon/", views.cascade, name="cascade"),
    path("<id:agency>/<year:year>/pohon/tautan/", views.cascade_link, name="cascade_link"),
    path("<id:agency>/<year:year>/anggaran/", views_budget.budget, name="budget"),
    path(
        "<id:agency>/<year:year>/anggaran/templat/",
        views_budget.budget_template,
        name="budget_template",
    ),
    path(
        "<id:agency>/<year:year>/anggaran/impor/", views_budget.budget_import, name="budget_import"
    ),
    path("<id:agency>/<year:year>/anggaran/tautan/", views_budget.budget_link, name="budget_link"),
    path("<id:agency>/<year:year>/catatan/", views_budget.notes, name="notes"),
    path("<id:agency>/<year:year>/catatan/simpan/", views_budget.note_save, name="note_save"),
    path(
        "<id:agency>/<year:year>/catatan/<id:pk>/tindak-lanjut/",
        views_budget.follow_up,
        name="follow_up",
    ),
    path("<id:agency>/<year:year>/tahun-lalu/", views_budget.earlier, name="earlier"),
    path(
        "<id:agency>/<year:year>/tahun-lalu/simpan/", views_budget.earlier_save, name="earlier_save"
    ),
    path(
        "<id:agency>/<year:year>/tahun-lalu/impor/",
        views_budget.earlier_import,
        name="earlier_import",
    ),
]
