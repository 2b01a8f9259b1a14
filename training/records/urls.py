"""The record's addresses, included in the training area's (``training:`` names)."""

from django.urls import path

from . import views

urlpatterns = [
    path("mon-parcours/", views.my_record, name="my_record"),
    path("mon-parcours/attestation.pdf", views.my_record_pdf, name="my_record_pdf"),
    path("suivi/agents/<int:pk>/parcours/", views.learner_record, name="learner_record"),
    path(
        "suivi/agents/<int:pk>/attestation.pdf",
        views.learner_record_pdf,
        name="learner_record_pdf",
    ),
]
