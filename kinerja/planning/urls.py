from django.urls import path

from kinerja.planning import views

app_name = "planning"

urlpatterns = [
    path("target/jabatan/<id:pk>/", views.targets, name="targets"),
    path("target/indikator/<id:pk>/", views.target_save, name="target_save"),
    path("pk/", views.agreements, name="agreements"),
    path("pk/buat/", views.agreement_create, name="agreement_create"),
    path("pk/<id:pk>/", views.agreement_detail, name="agreement"),
    path("pk/<id:pk>/tandatangan/", views.agreement_sign, name="agreement_sign"),
    path("pk/<id:pk>/perubahan/", views.agreement_revise, name="agreement_revise"),
    path("pk/butir/<id:pk>/", views.agreement_item, name="agreement_item"),
]
