from django.contrib.auth import views as auth_views
from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views
from .forms import LoginForm

app_name = "network"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("actualites/", views.news_list, name="news"),
    path("actualites/<int:pk>/", views.news_detail, name="news_detail"),
    path("membres/", views.member_directory, name="directory"),
    path("membres/<int:pk>/photo/", views.member_photo, name="member_photo"),
    path("mon-profil/", views.edit_profile, name="profile"),
    path("double-authentification/", views.two_factor_setup, name="two_factor_setup"),
    path("verification/", views.two_factor_verify, name="two_factor_verify"),
    path("mes-donnees/", views.my_data, name="my_data"),
    path("mes-donnees/export.json", views.export_my_data, name="export_my_data"),
    path("invitations/", views.invitations, name="invitations"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("rejoindre/", views.ask_to_join, name="join"),
    path("demandes/", views.join_requests, name="join_requests"),
    path("demandes/<int:pk>/", views.decide_join_request, name="decide_join_request"),
    path(
        "connexion/",
        auth_views.LoginView.as_view(
            template_name="network/login.html",
            authentication_form=LoginForm,
            redirect_authenticated_user=True,
            extra_context={"title": pgettext_lazy("page title", "Log in")},
        ),
        name="login",
    ),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("mot-de-passe/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "mot-de-passe/envoye/",
        auth_views.PasswordResetDoneView.as_view(template_name="network/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/termine/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="network/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
