from django.contrib.auth.models import AbstractUser
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """The project's own user model from day one, so linking users to employees (pegawai)
    later needs no swap of ``AUTH_USER_MODEL`` on a live database."""

    class Meta(AbstractUser.Meta):
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
