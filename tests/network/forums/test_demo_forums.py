"""The demo's forums: a space per region, the national and partners' ones, and topics
among the demo members with a solved question and thanks."""

import pytest
from django.core.management import call_command

from directory.models import Region
from network.forums.models import Space, SpaceKind, Thanks, Topic

pytestmark = pytest.mark.django_db


def test_the_demo_has_spaces_topics_a_solved_question_and_thanks(demo_site):
    # act
    call_command("seed_demo")
    call_command("seed_demo")  # a second run adds nothing
    # assert
    assert Space.objects.filter(kind=SpaceKind.REGION).count() == Region.objects.count()
    assert Space.objects.filter(kind=SpaceKind.NATIONAL).count() == 1
    assert Space.objects.filter(kind=SpaceKind.PARTNER, partner__slug="caf").exists()
    assert Topic.objects.count() == 5
    solved = Topic.objects.get(solution__isnull=False)
    assert solved.space.slug == "partenaire-caf"
    assert solved.solution.author.email == "formation.caf@france-services.example"
    assert Thanks.objects.count() == 4
    assert Topic.objects.filter(pinned=True).count() == 2
