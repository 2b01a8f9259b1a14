"""Bench-only URLconf: a bare Django view ahead of the portal's own patterns."""

from django.http import HttpResponse
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def ok(request):
    """The floor: Django's middleware stack and nothing else (no template, no query)."""
    return HttpResponse("ok")


urlpatterns = [
    path("__bench__/ok/", ok, name="bench_ok"),
    *portal_urlpatterns,
]
