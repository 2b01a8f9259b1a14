import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from network.models import AgentProfile, Role
from network.permissions import Action, Invitee, can
from portal.demo.loader import content

DEMO = content()
NATIONAL_EDITORS = DEMO.group_name("national_editors")
MODERATORS = DEMO.group_name("moderators")
COORDINATORS = DEMO.group_name("coordinators")
DEMO_PASSWORD = DEMO.accounts["password"]

pytestmark = pytest.mark.django_db


def test_the_demo_has_the_admin_groups(demo_site):
    editors = Group.objects.get(name=NATIONAL_EDITORS)
    assert editors.permissions.filter(codename="view_securityevent").exists()
    assert editors.page_permissions.filter(permission__codename="publish_page").exists()
    moderators = Group.objects.get(name=MODERATORS)
    assert moderators.page_permissions.filter(permission__codename="publish_page").exists()
    assert not moderators.permissions.filter(codename="view_securityevent").exists()
    assert Group.objects.filter(name=COORDINATORS).exists()


def test_seed_demo_creates_one_member_per_role_and_prints_them(demo_site, client, capsys):
    call_command("seed_demo")
    call_command("seed_demo")  # idempotent
    output = capsys.readouterr().out
    profiles = AgentProfile.objects.filter(user__email__endswith="@france-services.example")
    assert set(profiles.values_list("role", flat=True)) == set(Role.values)
    assert all(profile.maison for profile in profiles.filter(role=Role.AGENT))
    for profile in profiles:
        assert f"{profile.user.email} / {DEMO_PASSWORD}" in output
    coordinator = profiles.get(role=Role.COORDINATOR)
    agent = profiles.get(user__email="agent@france-services.example")
    assert can(coordinator.user, Action.APPROVE_JOIN, agent.maison)
    assert can(coordinator.user, Action.INVITE, Invitee(Role.AGENT, agent.maison))
    national = profiles.get(role=Role.NATIONAL_CELL)
    assert national.user.groups.filter(name=NATIONAL_EDITORS).exists()
    response = client.post(
        "/espace-agents/connexion/", {"username": agent.user.email, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302


def test_no_member_account_without_demo_accounts(demo_site, settings):
    settings.PORTAL_SEED_DEMO_ACCOUNTS = False
    call_command("seed_demo")
    assert not AgentProfile.objects.exists()
