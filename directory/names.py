"""Names of the translatable models named by slug in every language."""

from dataclasses import dataclass

from django.core.cache import cache

from portal.content_version import content_version

CACHE_SECONDS = 60 * 60


@dataclass(frozen=True)
class Name:
    text: str
    # The language of ``text`` when it is not the one asked for (not translated yet).
    language: str = ""

    def __str__(self) -> str:
        return self.text


def names_by_slug(model, language: str) -> dict[str, Name]:
    """{slug: name} of a translatable model named by slug in every language (partners,
    guide themes and audiences), in ``language`` when translated, else in another
    language (marked); cached until the content changes."""
    key = f"directory:names:{model._meta.model_name}:{content_version()}:{language}"
    names = cache.get(key)
    if names is None:
        names = {}
        for slug, text, code in model.objects.order_by("name").values_list(
            "slug", "name", "locale__language_code"
        ):
            if slug not in names or code == language:
                names[slug] = Name(text, "" if code == language else code)
        cache.set(key, names, CACHE_SECONDS)
    return names
