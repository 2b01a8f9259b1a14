"""The forum spaces' admin: the national cell's (and superusers'), never a coordinator's
even granted the model's permissions; a private space made there is read by its members
only; the kind, region, partner and members checked field by field."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from network.forums.models import Space, SpaceKind
from network.permissions import Action, can
from portal.models import User
from tests.auth import login_with_second_factor
from tests.network.forums.conftest import topic_in

pytestmark = pytest.mark.django_db

INDEX = reverse("forum_spaces:index")
ADD = reverse("forum_spaces:add")


def allowed_spaces(user: User) -> User:
    """``user`` made staff and granted the admin and every permission on spaces."""
    group, _ = Group.objects.get_or_create(name="Forums")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="network", codename__endswith="_space"),
    )
    user.groups.add(group)
    user.is_staff = True
    user.save()
    return user


def form_data(**fields) -> dict:
    data = {
        "title": "Coordination Bretagne",
        "slug": "coordination-bretagne",
        "description": "",
        "kind": SpaceKind.PRIVATE,
        "region": "",
        "partner": "",
        "members": [],
        "order": "100",
    }
    data.update(fields)
    return data


@pytest.mark.parametrize(
    ("member", "allowed"),
    [
        ("national", True),
        ("agent", False),
        ("coordinator", False),
        ("region_coordinator", False),
        ("trainer", False),
    ],
)
def test_only_the_national_cell_manages_the_spaces(members, member, allowed):
    # act / assert
    assert can(getattr(members, member).user, Action.MANAGE_FORUM_SPACES) is allowed


def test_the_national_cell_makes_a_private_space_that_only_its_members_read(
    client, member_client, members, spaces
):
    # arrange
    login_with_second_factor(client, allowed_spaces(members.national.user))
    chosen = [members.agent.user.pk, members.other_agent.user.pk]
    # act
    listing = client.get(INDEX)
    created = client.post(ADD, form_data(members=chosen))
    # assert
    assert listing.status_code == 200
    assert created.status_code == 302
    space = Space.objects.get(slug="coordination-bretagne")
    assert set(space.members.values_list("pk", flat=True)) == set(chosen)
    topic = topic_in(space, members.agent, title="Entre nous")
    readers = {
        name
        for name in ("agent", "other_agent", "coordinator", "region_coordinator", "trainer")
        if member_client(getattr(members, name)).get(topic.get_absolute_url()).status_code == 200
    }
    assert readers == {"agent", "other_agent"}


@pytest.mark.parametrize("member", ["coordinator", "region_coordinator", "trainer", "agent"])
def test_a_coordinator_cannot_reach_the_spaces_admin_even_granted_it(
    client, members, spaces, member
):
    # arrange
    login_with_second_factor(client, allowed_spaces(getattr(members, member).user))
    # act
    responses = [
        client.get(INDEX),
        client.get(ADD),
        client.get(reverse("forum_spaces:edit", args=[spaces.private.pk])),
        client.post(ADD, form_data()),
    ]
    # assert
    for response in responses:
        assert response.status_code in {302, 403}
        if response.status_code == 302:  # Wagtail's "permission denied": the admin's home
            assert response["Location"] == "/admin/"
    assert not Space.objects.filter(slug="coordination-bretagne").exists()
    assert INDEX not in client.get("/admin/").content.decode()


def test_a_superuser_manages_the_spaces(client, members, spaces):
    # arrange
    login_with_second_factor(client, User.objects.create_superuser("root@example.org", "x"))
    # act
    response = client.get(INDEX, {"q": "coordination"})
    # assert
    assert response.status_code == 200
    assert spaces.private.title in response.content.decode()


@pytest.mark.parametrize(
    ("fields", "field_in_error"),
    [
        ({"kind": SpaceKind.REGION}, "region"),
        ({"kind": SpaceKind.PARTNER}, "partner"),
        ({"kind": SpaceKind.NATIONAL, "members": "agent"}, "members"),
        ({"slug": "recherche"}, "slug"),
    ],
)
def test_a_space_that_does_not_hold_together_is_refused_with_a_message(
    client, members, spaces, fields, field_in_error
):
    # arrange
    login_with_second_factor(client, allowed_spaces(members.national.user))
    if fields.get("members") == "agent":
        fields = {**fields, "members": [members.agent.user.pk]}
    # act
    response = client.post(ADD, form_data(**fields))
    # assert
    assert response.status_code == 200
    assert field_in_error in response.context["form"].errors
    assert not Space.objects.filter(slug__in=["coordination-bretagne", "recherche"]).exists()


def test_a_space_holding_topics_is_not_deleted(client, members, spaces):
    # arrange
    login_with_second_factor(client, allowed_spaces(members.national.user))
    topic_in(spaces.private, members.agent)
    empty = Space.objects.create(kind=SpaceKind.PRIVATE, slug="vide", title="Vide")
    # act
    kept = client.post(reverse("forum_spaces:delete", args=[spaces.private.pk]))
    deleted = client.post(reverse("forum_spaces:delete", args=[empty.pk]))
    # assert
    assert kept.status_code == 302 and deleted.status_code == 302
    assert Space.objects.filter(pk=spaces.private.pk).exists()
    assert not Space.objects.filter(pk=empty.pk).exists()
