from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .models import public


class AllLocalesSitemap(Sitemap):
    """Wagtail's sitemap lists the default language only; this one lists every language."""

    def items(self):
        site = self.get_wagtail_site()
        roots = site.root_page.get_translations(inclusive=True).only("path")
        under_a_root = reduce(or_, (Q(path__startswith=root.path) for root in roots))
        return (
            public(Page.objects.live())
            .filter(under_a_root)
            .order_by("path")
            .defer_streamfields()
            .specific(defer=True)
        )
