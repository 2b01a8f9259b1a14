from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.agenda, name="agenda"),
    path("calendrier/", views.calendar, name="calendar"),
    path("calendrier/<str:token>.ics", views.feed, name="feed"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/inscription/", views.register, name="register"),
    path("<int:pk>/annulation/", views.cancel, name="cancel"),
    path("<int:pk>/inscriptions/<int:registration_pk>/", views.decide, name="decide"),
    path("<int:pk>/presences/", views.attendance, name="attendance"),
    path("<int:pk>/emargement/", views.signature_sheet, name="signature_sheet"),
    path("<int:pk>/avis/", views.feedback, name="feedback"),
]
