"""Writes of the site search: what was searched, and what found nothing."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query

from portal.search_terms import plain_terms

from .models import UnansweredSearch


@transaction.atomic
def record_search(query_string: str, *, found: bool) -> Query | None:
    """Count one search for ``query_string`` today (Wagtail's search terms report) and,
    when it ``found`` nothing, one unanswered search. Queries are kept as their words,
    in lower case, as editors enter promotions ("Carte-Grise !" is "carte grise"); one
    without a word is not kept."""
    words_typed = plain_terms(query_string)
    if not words_typed:
        return None
    query = Query.get(words_typed)
    query.add_hit()
    if not found:
        unanswered, _ = UnansweredSearch.objects.get_or_create(
            query=query, date=timezone.localdate()
        )
        UnansweredSearch.objects.filter(pk=unanswered.pk).update(hits=F("hits") + 1)
    return query
