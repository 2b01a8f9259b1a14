from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Members network")

    def ready(self):
        from . import audit  # noqa: F401 - connects the audit log's signal receivers
