from django.urls import path

from . import views

app_name = "escalations"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("nouvelle/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:escalation_pk>/pieces-jointes/<int:pk>/", views.attachment, name="attachment"),
]
