from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "kinerja.catalog"
    label = "catalog"
    verbose_name = "Katalog IKI"
