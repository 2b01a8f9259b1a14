"""Mounted at ``/espace-agents/`` before the dashboards, whose ``pilotage/<slug>/`` would
otherwise catch the queue."""

from django.urls import path

from . import views

app_name = "maison_changes"

urlpatterns = [
    path("ma-maison/", views.mine, name="mine"),
    path("ma-maison/proposer/", views.propose, name="propose"),
    path("ma-maison/confirmer/", views.confirm, name="confirm"),
    path("ma-maison/retirer/", views.withdraw, name="withdraw"),
    path("pilotage/modifications/", views.queue, name="queue"),
    path("pilotage/modifications/<int:pk>/", views.detail, name="detail"),
]
