"""Writes of the site search: what was searched, and what found nothing."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string

from portal.search_terms import plain_terms

from .models import UnansweredSearch


@transaction.atomic
def record_search(query_string: str, *, found: bool) -> str | None:
    """Count one search for ``query_string`` today (Wagtail's search terms report) and,
    when it ``found`` nothing, one unanswered search; the query as kept (its words, in
    lower case, as editors enter promotions: "Carte-Grise !" is "carte grise"), or None
    for one without a word, which is not kept.

    A query already counted today takes one UPDATE, the usual case."""
    words_typed = plain_terms(query_string)
    if not words_typed:
        return None
    kept = normalise_query_string(words_typed)
    counted = QueryDailyHits.objects.filter(
        query__query_string=kept, date=timezone.now().date()
    ).update(hits=F("hits") + 1)
    if not counted:
        Query.get(kept).add_hit()
    if not found:
        unanswered, _ = UnansweredSearch.objects.get_or_create(
            query=Query.get(kept), date=timezone.localdate()
        )
        UnansweredSearch.objects.filter(pk=unanswered.pk).update(hits=F("hits") + 1)
    return kept
