from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "kinerja.ops"
    label = "ops"
    verbose_name = "Operasional (keamanan, cadangan)"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from kinerja.ops.db import on_connection_created

        connection_created.connect(on_connection_created, dispatch_uid="kinerja.ops.budget")

        from django.contrib.auth.signals import user_logged_in

        from kinerja.ops.middleware import stamp_session

        user_logged_in.connect(stamp_session, dispatch_uid="kinerja.ops.session")
