"""The certifications' addresses in the members' area, included in the training area's
(``training:`` names)."""

from django.urls import path

from . import members_views as views

urlpatterns = [
    path("", views.my_certifications, name="my_certifications"),
    path("<uuid:pk>/nom/", views.holder_name, name="certification_holder_name"),
    path("<uuid:pk>/certificat.pdf", views.certificate_pdf, name="certification_pdf"),
    path("delivrees/", views.issued, name="certifications_issued"),
    path("delivrees/<slug:code>/delivrer/", views.issue, name="certification_issue"),
    path("delivrees/<uuid:pk>/statut/", views.change_status, name="certification_status"),
]
