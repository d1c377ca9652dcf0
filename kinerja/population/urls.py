from django.urls import path

from kinerja.population import views

app_name = "population"

urlpatterns = [
    path("", views.coverage_page, name="coverage"),
]
