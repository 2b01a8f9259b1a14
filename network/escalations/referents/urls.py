from django.urls import path

from . import views

app_name = "referents"

urlpatterns = [
    path("", views.directory, name="index"),
    path("guichets/nouveau/", views.back_office_create, name="back_office_create"),
    path("guichets/<int:pk>/", views.back_office, name="back_office"),
    path("guichets/<int:pk>/modifier/", views.back_office_edit, name="back_office_edit"),
    path("guichets/<int:pk>/referents/", views.referent_add, name="referent_add"),
    path("referents/<int:pk>/retirer/", views.referent_remove, name="referent_remove"),
    path("referents/<int:pk>/absence/", views.referent_away, name="referent_away"),
    path("referents/<int:pk>/retour/", views.referent_back, name="referent_back"),
    path("partenaires/<int:pk>/motifs/", views.motives, name="motives"),
    path("motifs/<int:pk>/renommer/", views.motive_rename, name="motive_rename"),
    path("motifs/<int:pk>/deplacer/", views.motive_move, name="motive_move"),
    path("motifs/<int:pk>/proposer/", views.motive_switch, name="motive_switch"),
    path("motifs/<int:pk>/supprimer/", views.motive_remove, name="motive_remove"),
]
