"""Following and notifications, in the forums' URL namespace (included before its
``<slug:slug>/`` patterns)."""

from django.urls import path

from . import views

urlpatterns = [
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/tout-lu/", views.mark_all_read, name="mark_all_read"),
    path("notifications/<int:pk>/", views.open_notification, name="open_notification"),
    path("mentions/", views.mention_suggestions, name="mention_suggestions"),
    path("suivi/sujets/<int:pk>/", views.follow_topic, name="follow_topic"),
    path("suivi/espaces/<slug:slug>/", views.follow_space, name="follow_space"),
]
