import pytest
from django.contrib.auth.models import Group, Permission

from network.models import AppendOnlyError, SecurityEvent
from portal.demo.loader import content
from portal.models import User
from tests.auth import login_with_second_factor
from tests.network.conftest import PASSWORD

pytestmark = pytest.mark.django_db

Kind = SecurityEvent.Kind


def login(client, email, password, address="203.0.113.5"):
    return client.post(
        "/espace-agents/connexion/",
        {"username": email, "password": password},
        REMOTE_ADDR=address,
    )


def kinds() -> list[str]:
    return list(SecurityEvent.objects.order_by("pk").values_list("kind", flat=True))


def test_logins_and_logouts_are_recorded_with_the_account_and_address(client, members):
    login(client, "agent@example.org", PASSWORD)
    client.post("/espace-agents/deconnexion/", REMOTE_ADDR="203.0.113.5")
    login(client, "agent@example.org", "wrong")
    login(client, "nobody@example.org", "wrong")
    events = list(SecurityEvent.objects.order_by("pk"))
    assert [event.kind for event in events] == [
        Kind.LOGIN_SUCCEEDED,
        Kind.LOGGED_OUT,
        Kind.LOGIN_FAILED,
        Kind.LOGIN_FAILED,
    ]
    agent_id = members.agent.user.pk
    assert [event.user_id for event in events] == [agent_id, agent_id, agent_id, None]
    assert {event.ip_address for event in events} == {"203.0.113.5"}
    assert "nobody@example.org" not in str([event.detail for event in events])


def test_a_lockout_is_recorded(client, members, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, "agent@example.org", "wrong", address=f"198.51.100.{attempt}")
    assert kinds().count(Kind.LOCKED_OUT) == 1
    locked = SecurityEvent.objects.get(kind=Kind.LOCKED_OUT)
    assert locked.user_id == members.agent.user.pk


def test_entries_can_be_neither_edited_nor_deleted(members):
    event = SecurityEvent.objects.create(kind=Kind.LOGIN_FAILED)
    event.kind = Kind.LOGIN_SUCCEEDED
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        SecurityEvent.objects.filter(pk=event.pk).update(kind=Kind.LOGIN_SUCCEEDED)
    with pytest.raises(AppendOnlyError):
        SecurityEvent.objects.all().delete()
    assert SecurityEvent.objects.get(pk=event.pk).kind == Kind.LOGIN_FAILED


def test_deleting_an_account_keeps_its_entries(members):
    user = members.other_agent.user
    user_id = user.pk
    SecurityEvent.objects.create(kind=Kind.LOGIN_SUCCEEDED, user_id=user_id)
    user.delete()
    assert SecurityEvent.objects.filter(user_id=user_id).count() == 1


def allowed_the_log(user: User) -> User:
    """``user`` made staff and granted the admin and the log's "view" permission."""
    group, _ = Group.objects.get_or_create(name="Audit")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_securityevent"),
    )
    user.groups.add(group)
    user.is_staff = True
    user.save()
    return user


@pytest.fixture
def auditor(members):
    return allowed_the_log(members.national.user)


def test_the_national_cell_reads_the_log_in_the_admin(client, auditor):
    event = SecurityEvent.objects.create(kind=Kind.LOCKED_OUT, ip_address="203.0.113.9")
    login_with_second_factor(client, auditor)
    index = client.get("/admin/audit_log/")
    assert index.status_code == 200
    assert "203.0.113.9" in index.content.decode()
    assert client.get(f"/admin/audit_log/inspect/{event.pk}/").status_code == 200


def test_no_one_edits_the_log_in_the_admin_superusers_included(client, auditor):
    event = SecurityEvent.objects.create(kind=Kind.LOCKED_OUT)
    superuser = User.objects.create_superuser("root@example.org", "x")
    for user in (auditor, superuser):
        login_with_second_factor(client, user)
        for url in (
            "/admin/audit_log/add/",
            f"/admin/audit_log/edit/{event.pk}/",
            f"/admin/audit_log/delete/{event.pk}/",
        ):
            assert client.get(url).status_code in {302, 403, 404}, (user, url)
        assert client.post(f"/admin/audit_log/delete/{event.pk}/").status_code in {302, 403, 404}
    assert SecurityEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.parametrize("member", [None, "region_coordinator", "trainer", "agent"])
def test_the_permission_alone_does_not_open_the_log_outside_the_national_cell(
    client, members, member
):
    SecurityEvent.objects.create(kind=Kind.LOCKED_OUT, ip_address="203.0.113.9")
    if member is None:
        editor = allowed_the_log(User.objects.create_user("editeur@example.org", "x"))
    else:
        editor = allowed_the_log(getattr(members, member).user)
    login_with_second_factor(client, editor)
    response = client.get("/admin/audit_log/")
    assert response.status_code in {302, 403}
    if response.status_code == 302:  # Wagtail's "permission denied": back to the admin home
        assert response["Location"] == "/admin/"
    assert "203.0.113.9" not in response.content.decode()
    assert "audit_log" not in client.get("/admin/").content.decode()


def test_staff_without_the_permission_cannot_read_it(client, members):
    editor = User.objects.create_user("editeur@example.org", "x", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    login_with_second_factor(client, editor)
    response = client.get("/admin/audit_log/")
    assert response.status_code in {302, 403}
    assert "audit_log" not in client.get("/admin/").content.decode()


def test_a_password_reset_is_recorded(
    client, members, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the e-mail's task
        client.post("/espace-agents/mot-de-passe/", {"email": "agent@example.org"})
    link = next(line for line in mailoutbox[0].body.splitlines() if "/mot-de-passe/" in line)
    page = client.get("/" + link.split("://", 1)[1].split("/", 1)[1], follow=True)
    new_password = "une phrase de passe nouvelle"
    client.post(
        page.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password}
    )
    assert (
        SecurityEvent.objects.get(kind=Kind.PASSWORD_RESET_SENT).user_id == members.agent.user.pk
    )
    assert SecurityEvent.objects.get(kind=Kind.PASSWORD_RESET).user_id == members.agent.user.pk


def admin_form(profile, **changes) -> dict:
    fields = {
        "user": profile.user_id,
        "role": profile.role,
        "maison": profile.maison_id or "",
        "department": profile.department_id or "",
        "region": profile.region_id or "",
        "partner": profile.partner_id or "",
        "job_title": profile.job_title,
    }
    return {**fields, **changes}


def test_a_role_change_in_the_admin_is_recorded_with_before_and_after(client, members):
    superuser = User.objects.create_superuser("root@example.org", "x")
    login_with_second_factor(client, superuser)
    agent = members.agent
    herault = agent.maison.department
    response = client.post(
        f"/admin/member_profiles/edit/{agent.pk}/",
        admin_form(agent, role="coordinator", maison="", department=herault.pk),
        REMOTE_ADDR="203.0.113.7",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = SecurityEvent.objects.get(kind=Kind.ROLE_CHANGED)
    assert (event.user_id, event.actor_id, event.ip_address) == (
        agent.user.pk,
        superuser.pk,
        "203.0.113.7",
    )
    assert event.detail["before"]["role"] == "agent"
    assert event.detail["before"]["maison"] == agent.maison_id
    assert event.detail["after"] == {
        "user": agent.user_id,
        "role": "coordinator",
        "maison": None,
        "department": herault.pk,
        "region": None,
        "partner": None,
        "escalation_auditor": False,
    }


def test_other_profile_edits_in_the_admin_are_not_role_changes(client, members):
    login_with_second_factor(client, User.objects.create_superuser("root@example.org", "x"))
    agent = members.agent
    response = client.post(
        f"/admin/member_profiles/edit/{agent.pk}/", admin_form(agent, job_title="Accueil")
    )
    assert response.status_code == 302
    agent.refresh_from_db()
    assert agent.job_title == "Accueil"
    assert not SecurityEvent.objects.filter(kind=Kind.ROLE_CHANGED).exists()


@pytest.fixture
def editor(members):
    """A coordinator in the national editors' group: may edit profiles, not roles."""
    user = members.coordinator.user
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=content().group_name("national_editors")))
    return user


def test_an_editor_outside_the_national_cell_cannot_change_a_role_theirs_included(
    client, members, editor
):
    login_with_second_factor(client, editor)
    for profile in (members.coordinator, members.agent):
        response = client.post(
            f"/admin/member_profiles/edit/{profile.pk}/",
            admin_form(profile, role="national_cell", maison="", department=""),
        )
        assert response.status_code == 200
        assert "Seule la cellule nationale" in response.content.decode()
        profile.refresh_from_db()
        assert profile.role != "national_cell"
    # The rest of a profile stays theirs to edit.
    response = client.post(
        f"/admin/member_profiles/edit/{members.agent.pk}/",
        admin_form(members.agent, job_title="Accueil"),
    )
    assert response.status_code == 302
    assert not SecurityEvent.objects.filter(kind=Kind.ROLE_CHANGED).exists()


def test_the_national_cell_changes_others_roles_not_its_own(client, members):
    national = allowed_the_log(members.national.user)
    national.groups.add(Group.objects.get(name=content().group_name("national_editors")))
    login_with_second_factor(client, national)
    own = client.post(
        f"/admin/member_profiles/edit/{members.national.pk}/",
        admin_form(
            members.national, role="coordinator", department=members.agent.maison.department_id
        ),
    )
    assert own.status_code == 200
    assert "Seule la cellule nationale" in own.content.decode()
    newcomer = User.objects.create_user("nouvelle@example.org", "x")
    other = client.post(
        f"/admin/member_profiles/edit/{members.agent.pk}/",
        admin_form(members.agent, user=newcomer.pk),
    )
    assert other.status_code == 302
    event = SecurityEvent.objects.get(kind=Kind.ROLE_CHANGED)
    assert event.actor_id == national.pk
    assert (event.detail["before"]["user"], event.detail["after"]["user"]) == (
        members.agent.user_id,
        newcomer.pk,
    )


def test_the_escalation_auditor_privilege_is_granted_like_a_role(client, members, editor):
    # arrange
    national = members.national
    # act: an editor outside the national cell, then a superuser for an agent and for the
    # national cell
    login_with_second_factor(client, editor)
    by_editor = client.post(
        f"/admin/member_profiles/edit/{national.pk}/",
        admin_form(national, escalation_auditor="on"),
    )
    login_with_second_factor(client, User.objects.create_superuser("root@example.org", "x"))
    for_an_agent = client.post(
        f"/admin/member_profiles/edit/{members.agent.pk}/",
        admin_form(members.agent, escalation_auditor="on"),
    )
    granted = client.post(
        f"/admin/member_profiles/edit/{national.pk}/",
        admin_form(national, escalation_auditor="on"),
    )
    # assert
    assert by_editor.status_code == 200
    assert "Seule la cellule nationale" in by_editor.content.decode()
    assert for_an_agent.status_code == 200
    assert "Seul un membre de la cellule nationale audite" in for_an_agent.content.decode()
    members.agent.refresh_from_db()
    assert not members.agent.escalation_auditor
    assert granted.status_code == 302
    national.refresh_from_db()
    assert national.escalation_auditor
    event = SecurityEvent.objects.get(kind=Kind.ROLE_CHANGED)
    assert (
        event.detail["before"]["escalation_auditor"],
        event.detail["after"]["escalation_auditor"],
    ) == (False, True)


def test_a_profile_cannot_be_copied_in_the_admin(client, members):
    login_with_second_factor(client, User.objects.create_superuser("root@example.org", "x"))
    assert client.get(f"/admin/member_profiles/copy/{members.agent.pk}/").status_code == 404
