from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "kinerja.planning"
    label = "planning"
    verbose_name = "Perencanaan kinerja"
