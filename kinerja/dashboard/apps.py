from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "kinerja.dashboard"
    label = "dashboard"
    verbose_name = "Dasbor"
