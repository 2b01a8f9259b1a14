from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Site search")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from portal.content_version import bump_content_version

        from .models import SearchSynonym

        # Synonyms are read from the cache, keyed on the content version.
        for signal in (post_save, post_delete):
            signal.connect(
                bump_content_version,
                sender=SearchSynonym,
                dispatch_uid=f"portal-content-searchsynonym-{signal!r}",
            )
