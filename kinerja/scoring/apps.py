from django.apps import AppConfig


class ScoringConfig(AppConfig):
    """Registers the ``score`` command; the engine itself never imports Django."""

    name = "kinerja.scoring"
    label = "scoring"
    verbose_name = "Mesin capaian"
