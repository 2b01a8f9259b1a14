from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home and editorial pages")

    def ready(self) -> None:
        from . import signals

        signals.connect()
