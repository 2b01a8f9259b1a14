"""Included in ``network.forums.urls`` (namespace ``forums``) before its space patterns."""

from django.urls import path

from . import views

urlpatterns = [
    path("messages/<int:pk>/signaler/", views.report_post, name="report_post"),
    path("messages/<int:pk>/examiner/", views.review_post, name="review_post"),
    path("<slug:slug>/moderation/", views.queue, name="moderation_queue"),
    path("<slug:slug>/moderation/sourdine/<int:user_id>/", views.mute_member, name="mute_member"),
    path(
        "<slug:slug>/moderation/sourdine/<int:user_id>/lever/",
        views.unmute_member,
        name="unmute_member",
    ),
]
