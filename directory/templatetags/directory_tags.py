from datetime import datetime

from django import template
from django.utils.dates import WEEKDAYS
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from directory.maisons.hours import OpenStatus
from portal.locales import default_language

register = template.Library()


def _time(moment: datetime) -> str:
    return f"{moment:%H:%M}"  # the same in every language of the site


@register.simple_tag
def status_badge(status: OpenStatus) -> str:
    """The DSFR badge "open now" or "closed, opens Monday at 08:00". Times are the
    maison's own (the zone of its datetimes), not the visitor's: a maison in Réunion
    opens at 08:00 in Réunion. A maison that publishes no hours is neither."""
    if not status.hours_published:
        return format_html(
            '<span class="fr-badge fr-badge--info">{}</span>',
            _("Hours not published, call before coming"),
        )
    if status.is_open:
        if status.closes_at:
            text = _("Open now, closes at %(time)s") % {"time": _time(status.closes_at)}
        else:
            text = _("Open now")
        return format_html('<span class="fr-badge fr-badge--success">{}</span>', text)
    if status.next_opening:
        text = _("Closed, opens %(day)s at %(time)s") % {
            "day": WEEKDAYS[status.next_opening.weekday()],
            "time": _time(status.next_opening),
        }
    else:
        text = _("Closed")
    return format_html('<span class="fr-badge fr-badge--warning">{}</span>', text)


@register.simple_tag
def maison_data_lang() -> str:
    """The language of the maisons' data (names, addresses, stops: not translated) when
    the page is in another one, for a ``lang`` attribute; "" otherwise."""
    language = default_language()
    return "" if get_language() == language else language
