from django.apps import AppConfig


class PopulationConfig(AppConfig):
    name = "kinerja.population"
    label = "population"
    verbose_name = "Data kependudukan (SIAK)"
