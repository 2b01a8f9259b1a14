from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.answer, name="answer"),
    path("<int:pk>/suivi/", views.follow_up, name="follow_up"),
    path("<int:pk>/relancer/", views.remind, name="remind"),
    path("<int:pk>/resultats/", views.results, name="results"),
]
