from django.urls import path

from kinerja.planning import views

app_name = "planning"

urlpatterns = [
    path("target/jabatan/<int:pk>/", views.targets, name="targets"),
    path("target/indikator/<int:pk>/", views.target_save, name="target_save"),
    path("pk/", views.agreements, name="agreements"),
    path("pk/buat/", views.agreement_create, name="agreement_create"),
    path("pk/<int:pk>/", views.agreement_detail, name="agreement"),
    path("pk/<int:pk>/tandatangan/", views.agreement_sign, name="agreement_sign"),
    path("pk/<int:pk>/perubahan/", views.agreement_revise, name="agreement_revise"),
]
