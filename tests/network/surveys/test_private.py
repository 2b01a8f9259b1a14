"""Surveys are never public: not served on the site, not indexed, not in the sitemap, not
cached; in the admin, only the national cell changes them or reads their answers."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from wagtail.models import GroupPagePermission, Page

from network.surveys import admin as surveys_admin
from network.surveys.models import SurveyPage
from tests.network.conftest import make_member

from .conftest import make_survey

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_log_in(client, survey):
    for url in ("/espace-agents/enquetes/", f"/espace-agents/enquetes/{survey.pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and "/connexion/" in response["Location"]
        assert "no-store" in response["Cache-Control"]


def test_a_survey_is_in_no_search_and_no_sitemap(client, members):
    # arrange
    survey = make_survey(title="Enquête confidentielle Zorglub")
    # act
    search = client.get("/recherche/", {"q": "Zorglub"})
    sitemap = client.get("/sitemap.xml").content.decode()
    # assert
    assert BeautifulSoup(search.content, "html.parser").select(".search-result__link") == []
    assert "Zorglub" not in sitemap and "/enquetes" not in sitemap
    assert not Page.objects.filter(pk=survey.pk).search("Zorglub")
    assert survey.url == f"/espace-agents/enquetes/{survey.pk}/"


def test_only_the_national_cell_edits_surveys_in_the_admin(members, survey):
    # arrange: a moderator's group may change every page of the tree
    moderator = make_member(
        "moderateur@example.org", "coordinator", department=members.coordinator.department
    )
    group = Group.objects.create(name="Modérateurs d’essai")
    GroupPagePermission.objects.create(
        group=group,
        page=Page.get_first_root_node(),
        permission=Permission.objects.get(
            content_type__app_label="wagtailcore", codename="change_page"
        ),
    )
    moderator.user.groups.add(group)
    request = RequestFactory().get("/admin/")
    # act, assert
    request.user = moderator.user
    with pytest.raises(PermissionDenied):
        surveys_admin.refuse_survey_page(request, survey)
    with pytest.raises(PermissionDenied):
        surveys_admin.refuse_survey_creation(request, survey.get_parent(), SurveyPage)
    forms = Page.objects.filter(pk=survey.pk)
    assert not surveys_admin.hide_survey_answers(moderator.user, forms).exists()
    request.user = members.national.user
    surveys_admin.refuse_survey_page(request, survey)
    assert surveys_admin.hide_survey_answers(members.national.user, forms).exists()
