from django.apps import AppConfig


class MeasurementConfig(AppConfig):
    name = "kinerja.measurement"
    label = "measurement"
    verbose_name = "Pengukuran kinerja"
