from django.urls import include, path

from . import views
from .steering import views as steering

app_name = "training"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("ma-progression/", views.my_progress, name="my_progress"),
    path("modules/<slug:slug>/", views.module_detail, name="module"),
    path("modules/<slug:slug>/quiz/", views.quiz_start, name="quiz_start"),
    path("modules/<slug:slug>/scorm/", views.scorm_player, name="scorm_player"),
    path("modules/<slug:slug>/scorm/donnees/", views.scorm_commit, name="scorm_commit"),
    path("modules/<slug:slug>/scorm/contenu/<path:path>", views.scorm_file, name="scorm_file"),
    path("modules/<slug:slug>/apprenants/", views.module_learners, name="module_learners"),
    path("modules/<slug:slug>/lecons/<slug:lesson>/", views.lesson_detail, name="lesson"),
    path("tentatives/<uuid:pk>/", views.attempt, name="attempt"),
    path("tentatives/<uuid:pk>/prolonger/", views.attempt_extend, name="attempt_extend"),
    path("tentatives/<uuid:pk>/resultat/", views.attempt_result, name="attempt_result"),
    path("suivi/", views.follow_up, name="follow_up"),
    path("suivi/agents/", views.learners, name="learners"),
    path("suivi/agents/<int:pk>/", views.learner_detail, name="learner"),
    path("", include("training.records.urls")),
    path("certifications/", include("training.certifications.members_urls")),
    path("suivi/maisons/", steering.maisons, name="steering_maisons"),
    path("suivi/matrice/", steering.matrix, name="steering_matrix"),
    path("suivi/matrice/relancer/", steering.remind, name="remind_late_agents"),
]
