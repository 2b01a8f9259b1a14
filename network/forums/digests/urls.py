from django.urls import path

from . import views

urlpatterns = [
    path("", views.preferences, name="digest_preferences"),
    path("desabonnement/<str:token>/", views.unsubscribe, name="digest_unsubscribe"),
]
