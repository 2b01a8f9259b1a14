"""The permission matrix: every role, every action, on its own territory and another's."""

from dataclasses import dataclass

import pytest

from network.models import AgentProfile, Role
from network.permissions import Action, Invitee, can, covers
from portal.models import User

pytestmark = pytest.mark.django_db

ROLES = ["agent", "coordinator", "region_coordinator", "trainer", "national"]


def test_every_member_sees_the_dashboard_and_the_directory(members):
    for name in ROLES:
        user = getattr(members, name).user
        assert can(user, Action.VIEW_DASHBOARD)
        assert can(user, Action.VIEW_DIRECTORY)


def test_nobody_else_does(members):
    from django.contrib.auth.models import AnonymousUser

    staff = User.objects.create_user("editeur@example.org", "x", is_staff=True)
    members.agent.user.is_active = False
    for user in (AnonymousUser(), staff, members.agent.user):
        for action in Action:
            assert not can(user, action, members.other_agent), (user, action)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("agent", False),
        ("trainer", False),
        ("coordinator", True),  # the Hérault
        ("region_coordinator", True),  # Occitanie, the Hérault's region
        ("other_coordinator", False),  # the Puy-de-Dôme
        ("national", True),
    ],
)
def test_approving_a_join_request_and_inviting_an_agent_of_an_herault_maison(
    members, who, allowed
):
    user = getattr(members, who).user
    maison = members.maison("34")
    assert can(user, Action.APPROVE_JOIN, maison) is allowed
    assert can(user, Action.INVITE, Invitee(Role.AGENT, maison)) is allowed


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.PARTNER_TRAINER, Role.NATIONAL_CELL])
def test_only_the_national_cell_invites_coordinators_and_trainers(members, role):
    for name in ROLES:
        expected = name == "national"
        assert can(getattr(members, name).user, Action.INVITE, Invitee(role)) is expected


def test_the_region_covers_its_departments_only(members):
    region = members.region_coordinator
    assert covers(region, members.maison("34"))
    assert not covers(region, members.maison("63"))
    assert not covers(members.agent, members.maison("34"))  # agents coordinate nothing


@pytest.mark.parametrize("action", [Action.EDIT_PROFILE, Action.EXPORT_DATA])
def test_own_data_only(members, action):
    def target(profile: AgentProfile):
        return profile if action == Action.EDIT_PROFILE else profile.user

    for name in ROLES:
        profile = getattr(members, name)
        assert can(profile.user, action, target(profile))
        assert not can(profile.user, action, target(members.other_agent)), name


def test_the_audit_log_is_the_national_cells(members):
    for name in ROLES:
        assert can(getattr(members, name).user, Action.READ_AUDIT_LOG) is (name == "national")


def test_an_unlisted_member_is_seen_by_themselves_only(members):
    members.other_agent.listed = False
    members.other_agent.save()
    assert not can(members.national.user, Action.VIEW_MEMBER, members.other_agent)
    assert can(members.other_agent.user, Action.VIEW_MEMBER, members.other_agent)
    assert can(members.agent.user, Action.VIEW_MEMBER, members.coordinator)


# Training -------------------------------------------------------------------------------

TRAINING_MATRIX = {
    # role: (take, follow, manage/see results of own partner's, of another partner's,
    #        of the national cell's modules)
    "agent": (True, False, False, False, False),
    "coordinator": (True, True, False, False, False),
    "region_coordinator": (True, True, False, False, False),
    "trainer": (True, True, True, False, False),
    "national": (True, True, True, True, True),
}


@pytest.mark.parametrize("name", ROLES)
@pytest.mark.parametrize("action", [Action.MANAGE_MODULES, Action.VIEW_MODULE_RESULTS])
def test_training_modules_by_role_and_partner(members, name, action):
    from tests.factories import PartnerFactory

    take, follow, own, other, national = TRAINING_MATRIX[name]
    user = getattr(members, name).user
    assert can(user, Action.TAKE_TRAINING) is take
    assert can(user, Action.FOLLOW_TRAINING) is follow
    assert can(user, action, members.trainer.partner) is own
    assert can(user, action, PartnerFactory(name="Autre partenaire")) is other
    assert can(user, action, None) is national


@pytest.mark.parametrize(
    ("who", "learner", "allowed"),
    [
        ("agent", "agent", True),  # their own progress
        ("agent", "other_agent", False),
        ("coordinator", "agent", True),  # the Hérault's agent
        ("coordinator", "other_agent", False),
        ("region_coordinator", "agent", True),
        ("other_coordinator", "agent", False),
        ("other_coordinator", "other_agent", True),
        ("trainer", "agent", False),
        ("national", "other_agent", True),
        ("coordinator", "other_coordinator", False),  # coordinators follow agents only
    ],
)
def test_following_a_learners_progress(members, who, learner, allowed):
    user = getattr(members, who).user
    assert can(user, Action.VIEW_LEARNER_PROGRESS, getattr(members, learner)) is allowed


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("agent", False),
        ("trainer", False),
        ("coordinator", True),
        ("region_coordinator", True),
        ("other_coordinator", True),
        ("national", True),
    ],
)
def test_steering_training_is_for_coordinators_and_the_national_cell(members, who, allowed):
    user = getattr(members, who).user
    assert can(user, Action.VIEW_TRAINING_STEERING) is allowed
    assert can(user, Action.REMIND_LATE_AGENTS) is allowed


@pytest.mark.parametrize(
    ("who", "maison", "allowed"),
    [
        ("coordinator", "34", True),  # the Hérault
        ("coordinator", "63", False),
        ("region_coordinator", "34", True),
        ("other_coordinator", "34", False),
        ("other_coordinator", "63", True),
        ("agent", "34", False),  # their own maison: still not theirs to remind
        ("trainer", "34", False),
        ("national", "63", True),
    ],
)
def test_reminding_late_agents_of_a_maison_on_ones_territory(members, who, maison, allowed):
    user = getattr(members, who).user
    assert can(user, Action.REMIND_LATE_AGENTS, members.maison(maison)) is allowed


# Events (sessions and regional meetings) ------------------------------------------------


def an_event(*, roles=(), maison=None, department=None, region=None, trainer=None):
    """What the rules read of an event (``training.events.models.Event``)."""
    from types import SimpleNamespace

    return SimpleNamespace(
        audience_roles=list(roles),
        maison=maison,
        maison_id=getattr(maison, "pk", None),
        department=department,
        department_id=getattr(department, "pk", None),
        region_id=getattr(region, "pk", None),
        region_id_for_audience=(
            department.region_id if department is not None else getattr(region, "pk", None)
        ),
        trainer_id=getattr(trainer, "pk", None),
    )


def test_every_member_sees_the_agenda(members):
    for name in ROLES:
        assert can(getattr(members, name).user, Action.VIEW_AGENDA)


@pytest.mark.parametrize(
    ("who", "national", "herault", "occitanie", "auvergne", "coordinators_only"),
    [
        ("agent", True, True, True, False, False),
        ("other_agent", True, False, False, True, False),
        ("coordinator", True, True, True, False, True),
        ("region_coordinator", True, False, True, False, True),  # no department of their own
        ("trainer", True, False, False, False, False),
        ("national", True, True, True, True, False),
    ],
)
def test_registering_by_role_and_territory(
    members, who, national, herault, occitanie, auvergne, coordinators_only
):
    from directory.models import Department

    hérault = Department.objects.get(code="34")
    puy_de_dome = Department.objects.get(code="63")
    user = getattr(members, who).user
    assert can(user, Action.REGISTER_EVENT, an_event()) is national
    assert can(user, Action.REGISTER_EVENT, an_event(department=hérault)) is herault
    assert can(user, Action.REGISTER_EVENT, an_event(region=hérault.region)) is occitanie
    assert can(user, Action.REGISTER_EVENT, an_event(region=puy_de_dome.region)) is auvergne
    assert (
        can(user, Action.REGISTER_EVENT, an_event(roles=[Role.COORDINATOR])) is coordinators_only
    )
    assert not can(user, Action.REGISTER_EVENT, None)


@pytest.mark.parametrize(
    ("who", "own_session", "at_gignac", "in_herault", "in_occitanie", "national_visio"),
    [
        ("agent", False, False, False, False, False),
        ("trainer", True, False, False, False, False),
        ("coordinator", False, True, True, False, False),
        ("region_coordinator", False, True, True, True, False),
        ("other_coordinator", False, False, False, False, False),
        ("national", True, True, True, True, True),
    ],
)
def test_managing_an_event(
    members, who, own_session, at_gignac, in_herault, in_occitanie, national_visio
):
    from directory.models import Department

    hérault = Department.objects.get(code="34")
    user = getattr(members, who).user
    events = {
        "own_session": an_event(trainer=members.trainer.user),
        "at_gignac": an_event(maison=members.maison("34")),
        "in_herault": an_event(department=hérault),
        "in_occitanie": an_event(region=hérault.region),
        "national_visio": an_event(),
    }
    expected = {
        "own_session": own_session,
        "at_gignac": at_gignac,
        "in_herault": in_herault,
        "in_occitanie": in_occitanie,
        "national_visio": national_visio,
    }
    for name, event in events.items():
        assert can(user, Action.MANAGE_EVENT, event) is expected[name], name
        # Approving is the coordinators' and the cell's, never the trainer's as such.
        approves = expected[name] and who != "trainer"
        assert can(user, Action.APPROVE_REGISTRATION, event) is approves, name


@pytest.mark.parametrize(
    ("whose", "status", "attended", "over", "allowed"),
    [
        ("own", "registered", True, True, True),
        ("own", "registered", None, True, True),  # attendance not taken
        ("own", "registered", False, True, False),  # marked absent
        ("own", "registered", True, False, False),  # not over yet
        ("own", "waiting", None, True, False),
        ("own", "cancelled", None, True, False),
        ("another", "registered", True, True, False),
    ],
)
def test_giving_feedback_on_ones_own_seat_after_the_event(
    members, whose, status, attended, over, allowed
):
    from datetime import timedelta
    from types import SimpleNamespace

    from django.utils import timezone

    user = members.agent.user
    owner = user if whose == "own" else members.other_agent.user
    ends_at = timezone.now() + timedelta(hours=-1 if over else 1)
    registration = SimpleNamespace(
        user_id=owner.pk,
        status=status,
        attended=attended,
        event=SimpleNamespace(ends_at=ends_at),
    )
    assert can(user, Action.GIVE_EVENT_FEEDBACK, registration) is allowed
    assert not can(members.national.user, Action.GIVE_EVENT_FEEDBACK, registration)


# Certifications --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Certified:
    """A certification definition or a credential as the rules read them: by their partner."""

    partner_id: int | None


@pytest.mark.parametrize(
    ("who", "own", "other"),
    [
        # issue/revoke for the trainer's partner, for another partner
        ("agent", False, False),  # never, not even for themselves
        ("coordinator", False, False),
        ("region_coordinator", False, False),
        ("trainer", True, False),
        ("national", True, True),
    ],
)
@pytest.mark.parametrize("action", [Action.ISSUE_CERTIFICATION, Action.REVOKE_CERTIFICATION])
def test_issuing_and_revoking_certifications_by_role_and_partner(members, who, own, other, action):
    from tests.factories import PartnerFactory

    user = getattr(members, who).user
    assert can(user, action, _Certified(members.trainer.partner_id)) is own
    assert can(user, action, _Certified(PartnerFactory(name="Autre partenaire").pk)) is other
    assert can(user, action, None) is False


@pytest.mark.parametrize(
    ("who", "own", "other", "any_"),
    [
        ("agent", False, False, False),
        ("coordinator", False, False, False),
        ("region_coordinator", False, False, False),
        ("trainer", True, False, True),
        ("national", True, True, True),
    ],
)
def test_managing_certification_definitions_by_role_and_partner(members, who, own, other, any_):
    from tests.factories import PartnerFactory

    user = getattr(members, who).user
    assert can(user, Action.MANAGE_CERTIFICATIONS, members.trainer.partner) is own
    assert can(user, Action.MANAGE_CERTIFICATIONS, PartnerFactory(name="Autre")) is other
    assert can(user, Action.MANAGE_CERTIFICATIONS, None) is any_


# Steering: dashboards, activity reports, maisons' changes, national surveys -------------


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("agent", False),
        ("trainer", False),
        ("coordinator", True),
        ("region_coordinator", True),
        ("national", True),
    ],
)
def test_the_dashboards_are_for_coordinators_and_the_national_cell(members, who, allowed):
    assert can(getattr(members, who).user, Action.VIEW_STEERING) is allowed


@pytest.mark.parametrize(
    ("who", "maison", "allowed"),
    [
        ("agent", "34", True),  # their own maison
        ("agent", "63", False),
        ("other_agent", "34", False),
        ("coordinator", "34", False),  # the agents report and propose, not coordinators
        ("trainer", "34", False),
        ("national", "34", False),
    ],
)
@pytest.mark.parametrize("action", [Action.REPORT_ACTIVITY, Action.PROPOSE_MAISON_CHANGE])
def test_reporting_and_proposing_changes_for_ones_own_maison_only(
    members, who, maison, allowed, action
):
    assert can(getattr(members, who).user, action, members.maison(maison)) is allowed


@pytest.mark.parametrize(
    ("who", "maison", "allowed"),
    [
        ("coordinator", "34", True),
        ("coordinator", "63", False),
        ("region_coordinator", "34", True),
        ("other_coordinator", "34", False),
        ("agent", "34", False),  # not their own change to approve
        ("trainer", "34", False),
        ("national", "63", True),
    ],
)
def test_deciding_a_maisons_change_on_ones_territory(members, who, maison, allowed):
    assert can(
        getattr(members, who).user, Action.DECIDE_MAISON_CHANGE, members.maison(maison)
    ) is (allowed)


def test_surveys_are_built_by_the_national_cell_and_answered_by_those_addressed(members):
    @dataclass
    class Survey:
        audience: set

        def addresses(self, profile):
            return profile.pk in self.audience

    survey = Survey({members.agent.pk})
    for name in ROLES:
        user = getattr(members, name).user
        assert can(user, Action.MANAGE_SURVEYS) is (name == "national")
        assert can(user, Action.ANSWER_SURVEY, survey) is (name == "agent")
        assert not can(user, Action.ANSWER_SURVEY, None)
