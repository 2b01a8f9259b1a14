"""Visitors' feedback on the guides, in the Wagtail admin: only for those allowed to read it.

The guides are built with ``GuidePageFactory`` and the answers by each test: the summary
lists every answered guide, and the session's skeleton has no guide and no answer."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from wagtail.models import Page

from directory.guides.reviews import feedback_for_guide, feedback_summary
from directory.models import GuideFeedback, GuidePage
from portal.models import User
from tests.auth import login_with_second_factor
from tests.factories import GuidePageFactory

pytestmark = pytest.mark.django_db

SUMMARY_URL = "/admin/reports/avis-fiches/"
SCRIPT = "<script>alert('avis')</script> Trop long !"
# When the answers are dated: Tuesday 17 November 2026, 10:00 in Paris, minus their age.
ANSWERED_AT = datetime(2026, 11, 17, 10, tzinfo=ZoneInfo("Europe/Paris"))


def detail_url(guide) -> str:
    return f"{SUMMARY_URL}{guide.pk}/"


def more_guides(count: int) -> list[GuidePage]:
    return [GuidePageFactory(title=f"Démarche d’essai en plus {n:02d}") for n in range(count)]


@pytest.fixture
def guides(db) -> list[GuidePage]:
    """Three guides: "Allocation d’essai" and "Bourse d’essai" get answers, "Crédit
    d’essai" none."""
    return [
        GuidePageFactory(title=title)
        for title in ("Allocation d’essai", "Bourse d’essai", "Crédit d’essai")
    ]


@pytest.fixture
def editor(db):
    """A member of Wagtail's "Editors" group: may edit pages, not read the feedback."""
    user = User.objects.create_user("redacteur@france-services.example", "mot-de-passe")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def reader(editor):
    editor.user_permissions.add(Permission.objects.get(codename="view_guidefeedback"))
    return User.objects.get(pk=editor.pk)  # a fresh instance: no stale permission cache


def answer(guide, *, useful: bool, comment: str = "", days_ago: int = 0, language: str = "fr"):
    feedback = GuideFeedback.objects.create(
        guide=guide, useful=useful, comment=comment, language=language
    )
    GuideFeedback.objects.filter(pk=feedback.pk).update(
        created_at=ANSWERED_AT - timedelta(days=days_ago)
    )
    return feedback


@pytest.fixture
def answers(guides):
    first, second, _ = guides
    answer(first, useful=True, days_ago=3)
    answer(first, useful=True, comment="Très clair, merci.", days_ago=2)
    answer(first, useful=True, days_ago=2)
    answer(first, useful=False, comment=SCRIPT, days_ago=1, language="en")
    answer(second, useful=False, days_ago=5)


# Selectors -----------------------------------------------------------------------------


def test_summary_counts_the_answers_of_each_guide(guides, answers):
    # arrange
    first, second, _ = guides
    # act
    summary = {guide.pk: guide for guide in feedback_summary()}
    # assert
    assert list(summary) == [first.pk, second.pk]  # latest answer first; no answer, no row
    counts = {
        pk: (g.useful_count, g.not_useful_count, g.comment_count, g.useful_percent)
        for pk, g in summary.items()
    }
    assert counts == {first.pk: (3, 1, 2, 75), second.pk: (0, 1, 0, 0)}
    assert summary[first.pk].latest_answer == ANSWERED_AT - timedelta(days=1)
    assert summary[second.pk].latest_answer == ANSWERED_AT - timedelta(days=5)


def test_answers_of_a_guide_come_latest_first(guides, answers):
    # arrange
    first, *_ = guides
    # act
    comments = [feedback.comment for feedback in feedback_for_guide(first)]
    # assert
    assert comments[0] == SCRIPT
    assert len(comments) == 4


def test_summary_is_one_query_whatever_the_number_of_guides(
    guides, answers, django_assert_num_queries
):
    # arrange: twenty answered guides: the three, and seventeen more
    for guide in [*guides, *more_guides(17)]:
        answer(guide, useful=True, comment="Bien.")
    # act / assert
    with django_assert_num_queries(1):
        assert len(list(feedback_summary())) == 20


# Summary view --------------------------------------------------------------------------


def test_summary_view_shows_the_counts_and_links_to_each_guide(client, reader, guides, answers):
    # arrange
    login_with_second_factor(client, reader)
    first, second, third = guides
    # act
    response = client.get(SUMMARY_URL)
    # assert
    assert response.status_code == 200
    rows = {guide.pk: guide for guide in response.context["object_list"]}
    assert set(rows) == {first.pk, second.pk}
    assert (rows[first.pk].useful_count, rows[first.pk].not_useful_count) == (3, 1)
    html = response.content.decode()
    assert f'href="{detail_url(first)}"' in html
    assert f'href="{detail_url(third)}"' not in html
    assert "75&nbsp;%" in html
    assert SCRIPT not in html and escape(SCRIPT) not in html  # comments stay on the detail


def test_summary_queries_do_not_grow_with_the_guides(
    client, reader, guides, answers, django_assert_max_num_queries
):
    # arrange
    login_with_second_factor(client, reader)
    with CaptureQueriesContext(connection) as few:
        client.get(SUMMARY_URL)
    for guide in [*guides, *more_guides(17)]:
        answer(guide, useful=False, comment="À revoir.")
    # act / assert
    with django_assert_max_num_queries(len(few)):
        response = client.get(SUMMARY_URL)
    assert len(response.context["object_list"]) == 20


# Detail view ---------------------------------------------------------------------------


def test_detail_lists_the_answers_with_comments_escaped(client, reader, guides, answers):
    # arrange
    login_with_second_factor(client, reader)
    first, *_ = guides
    # act
    response = client.get(detail_url(first))
    # assert
    assert response.status_code == 200
    assert len(response.context["object_list"]) == 4
    html = response.content.decode()
    assert escape(SCRIPT) in html
    assert SCRIPT not in html
    assert "Très clair, merci." in html
    assert escape("Allocation d’essai") in html


def test_detail_shows_fifty_answers_a_page(client, reader, guides):
    # arrange
    login_with_second_factor(client, reader)
    first, *_ = guides
    GuideFeedback.objects.bulk_create(
        GuideFeedback(guide=first, useful=bool(i % 2)) for i in range(51)
    )
    # act
    pages = [client.get(detail_url(first), {"p": number}) for number in (1, 2)]
    # assert
    assert [len(page.context["object_list"]) for page in pages] == [50, 1]


def test_detail_of_an_unknown_guide_is_not_found(client, reader, guides):
    # arrange
    login_with_second_factor(client, reader)
    first, *_ = guides
    not_a_guide = first.get_parent()  # the guide index
    unknown = Page.objects.order_by("-pk").first().pk + 1000
    # act
    responses = [client.get(f"{SUMMARY_URL}{pk}/") for pk in (not_a_guide.pk, unknown)]
    # assert
    assert [response.status_code for response in responses] == [404, 404]


# Permissions ---------------------------------------------------------------------------


def test_an_editor_without_the_permission_is_refused(client, editor, guides, answers):
    # arrange
    login_with_second_factor(client, editor)
    first, *_ = guides
    # act
    responses = [client.get(SUMMARY_URL), client.get(detail_url(first))]
    # assert
    for response in responses:
        assert response.status_code in {302, 403}
        if response.status_code == 302:
            assert response["Location"] == reverse("wagtailadmin_home")


def test_the_menu_item_is_shown_only_to_readers(client, editor, guides):
    # arrange
    login_with_second_factor(client, editor)
    hidden = client.get(reverse("wagtailadmin_home")).content.decode()
    editor.user_permissions.add(Permission.objects.get(codename="view_guidefeedback"))
    # act
    shown = client.get(reverse("wagtailadmin_home")).content.decode()
    # assert
    assert SUMMARY_URL not in hidden
    assert SUMMARY_URL in shown


def test_a_superuser_sees_the_feedback(client, guides, answers):
    # arrange
    login_with_second_factor(
        client, User.objects.create_superuser("admin@france-services.example", "x")
    )
    # act
    response = client.get(SUMMARY_URL)
    # assert
    assert response.status_code == 200
    assert len(response.context["object_list"]) == 2


def test_the_permission_to_read_the_feedback_can_be_granted_to_a_group(client):
    # arrange
    login_with_second_factor(
        client, User.objects.create_superuser("admin@france-services.example", "x")
    )
    group = Group.objects.get(name="Editors")
    permission = Permission.objects.get(codename="view_guidefeedback")
    # act
    response = client.get(reverse("wagtailusers_groups:edit", args=[group.pk]))
    # assert
    assert response.status_code == 200
    html = response.content.decode()
    assert f'name="permissions" value="{permission.pk}"' in html
