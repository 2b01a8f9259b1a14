"""Search synonyms of each language (``content/search/synonyms.yaml``)."""

from wagtail.models import Locale

from search.models import SearchSynonym


def build(synonyms: dict[str, tuple[tuple[str, ...], ...]], log) -> None:
    created = 0
    for language_code, groups in synonyms.items():
        locale = Locale.objects.get(language_code=language_code)
        existing = {synonym.expressions for synonym in SearchSynonym.objects.filter(locale=locale)}
        for expressions in groups:
            text = "\n".join(expressions)
            if text not in existing:
                SearchSynonym.objects.create(locale=locale, expressions=text)
                created += 1
    log(f"Search: {created} synonym groups created.")
