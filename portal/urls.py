from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from directory.maisons import views as directory_views
from directory.maisons.api import api as directory_api
from network.api import api as members_api
from search import views as search_views
from search.autocomplete import autocomplete_view

from . import documents
from .routing import serve
from .views import robots_txt, sitemap

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document view, answering byte ranges too (videos).
    re_path(r"^documents/(\d+)/(.*)$", documents.serve, name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", directory_api.urls),
    path("api/v1/", members_api.urls),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("recherche/", search_views.search, name="search"),
    path("recherche/suggestions/", autocomplete_view, name="search_suggestions"),
    path(
        "maisons/<slug:slug>/calendrier.ics",
        directory_views.maison_calendar_feed,
        name="maison_calendar",
    ),
    # Certifications' public side: verification pages, issuers' keys and status lists.
    path("certifications/", include("training.certifications.public_urls")),
    path("espace-agents/formation/", include("training.urls")),
    path("espace-agents/agenda/", include("training.events.urls")),
    path("espace-agents/forums/", include("network.forums.urls")),
    # Escalations to partners' back offices, and the référents directory.
    path("espace-agents/saisines/", include("network.escalations.urls")),
    path("espace-agents/referents/", include("network.escalations.referents.urls")),
    path("espace-agents/enquetes/", include("network.surveys.urls")),
    # Maisons updating their information; its queue before the dashboards' panels.
    path("espace-agents/", include("network.maison_changes.urls")),
    path("espace-agents/activite/", include("network.activity.urls")),
    path("espace-agents/pilotage/", include("network.steering.urls")),
    path("espace-agents/", include("network.urls")),
    path("", include("directory.urls")),
    # Wagtail's own URLs, its page view wrapped to remember routes.
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, serve, name="wagtail_serve"),
    prefix_default_language=False,
)
