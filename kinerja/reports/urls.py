from django.urls import path

from kinerja.reports import views

app_name = "reports"

urlpatterns = [
    path("pk/daftar.xlsx", views.agreement_list_file, name="agreement_list"),
    path("pk/<id:pk>/<slug:fmt>/", views.agreement_file, name="agreement"),
    path("keputusan/<id:pk>/<slug:fmt>/", views.decree_file, name="decree"),
    path("jabatan/<id:pk>/<year:year>/xlsx/", views.position_table, name="position_table"),
    path(
        "jabatan/<id:pk>/<year:year>/rencana-aksi/<slug:fmt>/",
        views.position_action_plan_file,
        name="position_action_plan",
    ),
    path("<id:agency>/", views.documents_latest, name="documents_latest"),
    path("<id:agency>/<year:year>/", views.documents, name="documents"),
    path(
        "<id:agency>/<year:year>/evaluasi/<int:quarter>/catatan/",
        views.evaluation_note,
        name="evaluation_note",
    ),
    path(
        "<id:agency>/<year:year>/evaluasi/<int:quarter>/<slug:fmt>/",
        views.evaluation_file,
        name="evaluation",
    ),
    path(
        "<id:agency>/<year:year>/evaluasi/<int:quarter>/unit/<id:unit>/<slug:fmt>/",
        views.unit_evaluation_file,
        name="unit_evaluation",
    ),
    path(
        "<id:agency>/<year:year>/rencana-aksi/<slug:fmt>/",
        views.action_plan_file,
        name="action_plan",
    ),
    path("<id:agency>/<year:year>/lkjip/naskah/", views.lkjip_texts, name="lkjip_texts"),
    path("<id:agency>/<year:year>/lkjip/<slug:fmt>/", views.lkjip_file, name="lkjip"),
]
