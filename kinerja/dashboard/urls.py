from django.urls import path

from kinerja.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("kantor/<id:agency>/", views.office, name="office"),
    path("unit/<id:pk>/", views.unit_page, name="unit"),
]
