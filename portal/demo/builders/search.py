"""Search synonyms of the default language (``content/search/synonyms.yaml``)."""

from wagtail.models import Locale

from search.models import SearchSynonym


def build(synonyms, log) -> None:
    locale = Locale.get_default()
    created = 0
    existing = {synonym.expressions for synonym in SearchSynonym.objects.filter(locale=locale)}
    for expressions in synonyms:
        text = "\n".join(expressions)
        if text not in existing:
            SearchSynonym.objects.create(locale=locale, expressions=text)
            created += 1
    log(f"Search: {created} synonym groups created.")
