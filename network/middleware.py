"""What a member sees stays in no cache: neither a shared one nor a shared computer's."""

from django.utils.cache import patch_cache_control

# The URL namespaces of the members' area: its pages (login and password pages included,
# in every language) and its JSON API.
MEMBERS_PAGES_NAMESPACES = {
    "network",
    "training",
    "events",
    "forums",
    "referents",
    "escalations",
    "steering",
    "activity",
    "maison_changes",
    "surveys",
}
MEMBERS_NAMESPACES = {*MEMBERS_PAGES_NAMESPACES, "members-api"}


class PrivatePagesMiddleware:
    """``Cache-Control: private, no-store`` on every response of the members' area."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = request.resolver_match
        if match is not None and MEMBERS_NAMESPACES.intersection(match.namespaces):
            patch_cache_control(response, private=True, no_store=True)
        return response
