from django.shortcuts import redirect
from wagtail.models import Site


class MembersOnlyPageMixin:
    """A page kept out of every site and shown only through the members area: never in the
    search index, never in a sitemap; its address (the admin's "view live" too) and
    ``serve`` lead to ``members_url()``, which the members area's views guard."""

    search_fields = []

    def members_url(self) -> str:
        raise NotImplementedError

    @classmethod
    def get_indexed_objects(cls):
        return cls.objects.none()

    def get_indexed_instance(self):
        return None

    def get_sitemap_urls(self, request=None):
        return []

    def get_url_parts(self, request=None):
        site = Site.objects.filter(is_default_site=True).only("pk").first()
        if site is None:
            return None
        return site.pk, site.root_url, self.members_url()

    def serve(self, request, *args, **kwargs):
        return redirect(self.members_url())
