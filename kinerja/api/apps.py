from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "kinerja.api"
    label = "api"
    verbose_name = "API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kinerja.api import schema  # noqa: F401  (registers the token scheme)
