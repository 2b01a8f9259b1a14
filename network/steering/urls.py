from django.urls import path

from . import views

app_name = "steering"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("<slug:slug>/", views.panel, name="panel"),
]
