from django.urls import path

from kinerja.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.users, name="users"),
    path("buat/", views.user_create, name="user_create"),
    path("<id:pk>/", views.user_detail, name="user"),
    path("<id:pk>/aksi/", views.user_action, name="user_action"),
]
