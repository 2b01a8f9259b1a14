from django.urls import include, path

from . import search_views, views

app_name = "forums"

urlpatterns = [
    path("", views.index, name="index"),
    path("pieces-jointes/<int:pk>/<str:name>", views.attachment, name="attachment"),
    path("messages/<int:pk>/modifier/", views.edit_post, name="edit_post"),
    path("messages/<int:pk>/historique/", views.post_history, name="post_history"),
    path("messages/<int:pk>/supprimer/", views.delete_post, name="delete_post"),
    path("messages/<int:pk>/solution/", views.mark_solution, name="mark_solution"),
    path("messages/<int:pk>/merci/", views.thank, name="thank"),
    path("sujets/<int:pk>/moderation/", views.moderate, name="moderate"),
    path("sujets/<int:pk>/deplacer/", views.move_topic, name="move_topic"),
    path("", include("network.forums.moderation.urls")),  # issue 23: moderation
    path("", include("network.forums.following.urls")),
    path("recherche/", search_views.search, name="search"),
    path("digest/", include("network.forums.digests.urls")),
    path("<slug:slug>/", views.space, name="space"),
    path("<slug:slug>/nouveau-sujet/", views.new_topic, name="new_topic"),
    path("<slug:slug>/<int:pk>/", views.topic, name="topic"),
]
