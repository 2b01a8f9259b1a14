from wagtail.models import Locale, Page


def search_pages(*, query: str, locale: Locale):
    """Live public pages of ``locale`` matching ``query``, best first."""
    if not query:
        return Page.objects.none()
    return Page.objects.live().public().filter(locale=locale).search(query)
