"""``/certifications/``: public, no login (see ``public_views``)."""

from django.urls import path

from . import public_views as views

app_name = "certifications"

urlpatterns = [
    path("contexts/<str:name>", views.context, name="context"),
    path("emetteurs/<slug:slug>/", views.issuer, name="issuer"),
    path("emetteurs/<slug:slug>/jwks.json", views.jwks, name="jwks"),
    path("emetteurs/<slug:slug>/did.json", views.did_document, name="did"),
    path("emetteurs/<slug:slug>/statut/", views.status_list_jwt, name="status_list"),
    path("emetteurs/<slug:slug>/statut.json", views.status_list_json, name="status_list_json"),
    path("emetteurs/<slug:slug>/<slug:code>/", views.achievement, name="achievement"),
    path("<uuid:pk>/", views.verification, name="verify"),
    path("<uuid:pk>/credential.jwt", views.credential_jwt, name="credential_jwt"),
    path("<uuid:pk>/credential.json", views.credential_json, name="credential_json"),
]
