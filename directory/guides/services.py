"""Writes for the procedure guides."""

from django.db import transaction
from wagtail.models import Locale

from directory.guides.models import GuideIndexPage
from portal.models import home_page


@transaction.atomic
def ensure_guide_index() -> GuideIndexPage:
    """The ``/demarches/`` page of the default language, created if absent (under the
    default language's home page)."""
    locale = Locale.get_default()
    index = GuideIndexPage.objects.filter(locale=locale).first()
    if index is not None:
        return index
    parent = home_page(locale)
    if parent is None:
        raise RuntimeError("No home page in the default language: seed the site first.")
    index = parent.specific.add_child(
        instance=GuideIndexPage(
            title="Fiches démarches",
            slug="demarches",
            intro=(
                "Les démarches courantes expliquées simplement, et où trouver de l’aide "
                "près de chez vous."
            ),
            locale=parent.locale,
        )
    )
    index.save_revision().publish()
    return index
