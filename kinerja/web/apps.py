from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "kinerja.web"
    label = "web"
    verbose_name = "Antarmuka web"

    def ready(self) -> None:
        from kinerja.web import admin_display

        admin_display.install()  # Indonesian years, decimals and codes in the admin
