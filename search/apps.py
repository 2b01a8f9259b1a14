from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Site search")

    def ready(self) -> None:
        from portal.content_version import bump_content_version_on_change

        from .models import SearchSynonym

        # Synonyms are read from the cache, keyed on the content version.
        bump_content_version_on_change(SearchSynonym)
