from django.urls import path

from kinerja.population import views

app_name = "population"

urlpatterns = [
    path("", views.coverage_page, name="coverage"),
    path("cakupan.xlsx", views.coverage_xlsx, name="coverage_xlsx"),
    path("impor/", views.import_page, name="import"),
    path("impor/<id:pk>/", views.job_page, name="job"),
    path("impor/<id:pk>/karantina.csv", views.job_quarantine, name="job_quarantine"),
]
