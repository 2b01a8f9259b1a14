"""The demo's changes (``content/maison_changes/changes.yaml``): two pending, one sent
back with its comment, built once."""

import pytest

from directory.models import Department
from network.maison_changes.models import MaisonChange
from network.models import Role
from portal.demo.builders import maison_changes
from tests.factories import MaisonPageFactory
from tests.network.conftest import make_member

pytestmark = pytest.mark.django_db


def test_the_demo_has_pending_and_sent_back_changes_built_once():
    for email, code in (
        ("agent@france-services.example", "34"),
        ("agent.puydedome@france-services.example", "63"),
        ("agent.nord@france-services.example", "59"),
    ):
        maison = MaisonPageFactory(department=Department.objects.get(code=code))
        make_member(email, Role.AGENT, maison=maison)
    make_member("cellule@france-services.example", Role.NATIONAL_CELL)
    maison_changes.build(lambda message: None)
    maison_changes.build(lambda message: None)
    changes = {
        c.maison.department.code: c
        for c in MaisonChange.objects.select_related("maison__department")
    }
    assert {code: c.status for code, c in changes.items()} == {
        "34": MaisonChange.Status.PENDING,
        "63": MaisonChange.Status.PENDING,
        "59": MaisonChange.Status.SENT_BACK,
    }
    assert set(changes["34"].proposal) == {"hours", "closures"}
    assert changes["63"].proposal["contact"]["phone"] == "04 73 82 00 00"
    assert changes["59"].comment.startswith("Précisez quelles salles")
