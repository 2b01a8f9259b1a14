from django.urls import path

from . import views

app_name = "steering"

urlpatterns = [
    path("", views.overview, name="overview"),
    # Fixed paths before the panels' slugs, which would catch them.
    path("maisons/", views.maisons, name="maisons"),
    path("<slug:slug>/", views.panel, name="panel"),
]
