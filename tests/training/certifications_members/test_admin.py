"""Certification definitions in the Wagtail admin: a partner's trainers see and edit their
partner's only, the national cell every partner's; the criteria are edited inline."""

import pytest
from django.contrib.auth.models import Permission
from wagtail.permissions import policy_registry

from tests.factories import PartnerFactory
from tests.training.factories import module_with
from training.certifications.models import CertificationDefinition

from .conftest import make_definition

pytestmark = pytest.mark.django_db

INDEX = "/admin/certification_definitions/"


def edit_url(definition) -> str:
    return f"{INDEX}edit/{definition.pk}/"


@pytest.fixture
def admin_door(members):
    """The admin's door for the trainer and the national cell, as their groups give it."""
    access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for profile in (members.trainer, members.national, members.coordinator):
        profile.user.user_permissions.add(access)


def test_the_trainer_lists_and_edits_only_their_partners_definitions(
    members, member_client, admin_door, trainer_definition
):
    # arrange
    other = make_definition(PartnerFactory(), title="Certification d’un autre partenaire")
    client = member_client(members.trainer)
    # act
    index = client.get(INDEX)
    own = client.get(edit_url(trainer_definition))
    foreign = client.get(edit_url(other))
    foreign_post = client.post(edit_url(other), {"title": "Détournée"})
    # assert
    html = index.content.decode()
    assert index.status_code == 200
    assert "Référent d’essai" in html
    assert "Certification d’un autre partenaire" not in html
    assert own.status_code == 200
    assert (foreign.status_code, foreign_post.status_code) == (404, 404)
    other.refresh_from_db()
    assert other.title == "Certification d’un autre partenaire"


def test_the_national_cell_edits_any_partners_definition(
    members, member_client, admin_door, trainer_definition
):
    # act
    response = member_client(members.national).get(edit_url(trainer_definition))
    # assert
    assert response.status_code == 200


def test_a_coordinator_cannot_enter_the_definitions(
    members, member_client, admin_door, trainer_definition
):
    # act
    responses = [
        member_client(members.coordinator).get(INDEX),
        member_client(members.coordinator).get(edit_url(trainer_definition)),
    ]
    # assert
    assert all(response.status_code in {302, 403} for response in responses)


def test_the_trainer_adds_a_definition_with_a_criterion_for_their_partner_only(
    members, member_client, admin_door
):
    # arrange
    module = module_with(lessons=1)
    other_partner = PartnerFactory()
    data = {
        "partner": members.trainer.partner.pk,
        "code": "referent-nouveau",
        "title": "Référent nouveau",
        "description": "Une description.",
        "criteria": "Avoir suivi le module.",
        "validity_months": "24",
        "live": "on",
        "module_criteria-TOTAL_FORMS": "1",
        "module_criteria-INITIAL_FORMS": "0",
        "module_criteria-MIN_NUM_FORMS": "0",
        "module_criteria-MAX_NUM_FORMS": "1000",
        "module_criteria-0-module": module.pk,
        "module_criteria-0-min_score": "80",
        "module_criteria-0-ORDER": "1",
    }
    client = member_client(members.trainer)
    # act
    added = client.post(f"{INDEX}new/", data)
    refused = client.post(
        f"{INDEX}new/", {**data, "partner": other_partner.pk, "code": "referent-autre"}
    )
    # assert
    assert added.status_code == 302
    definition = CertificationDefinition.objects.get(code="referent-nouveau")
    assert definition.partner == members.trainer.partner
    assert [(c.module, c.min_score) for c in definition.module_criteria.all()] == [(module, 80)]
    assert refused.status_code == 200  # the form refuses the other partner
    assert not CertificationDefinition.objects.filter(code="referent-autre").exists()


def test_the_policy_answers_from_the_permission_module(members, trainer_definition):
    # arrange
    policy = policy_registry.get_by_type(CertificationDefinition)
    other = make_definition(PartnerFactory())
    # act / assert
    assert policy.user_has_permission_for_instance(
        members.trainer.user, "change", trainer_definition
    )
    assert not policy.user_has_permission_for_instance(members.trainer.user, "change", other)
    assert policy.user_has_permission_for_instance(members.national.user, "change", other)
    assert not policy.user_has_permission(members.agent.user, "view")
    assert not policy.user_has_permission(members.trainer.user, "delete")
