from django.urls import path

from kinerja.web import views, views_branding, views_help

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("bantuan/", views_help.help_index, name="help"),
    path("bantuan/<slug:slug>/", views_help.help_topic, name="help_topic"),
    path("tampilan/", views_branding.branding_list, name="branding_list"),
    path("tampilan/<id:pk>/", views_branding.branding, name="branding"),
    path("tampilan/<id:pk>/logo-<slug:version>.png", views_branding.agency_logo, name="logo"),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", views.favicon, name="favicon"),
]
