from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Members network")

    def ready(self):
        from . import audit, signals  # noqa: F401 - connect their signal receivers
        from .forums import search  # noqa: F401 - keeps the posts' search entries in step
