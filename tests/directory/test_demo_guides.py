"""The demo's procedure guides: a test of the demo itself, which seeds it (``demo_site``)."""

import pytest

from directory.models import GuideAudience, GuidePage, GuideTheme
from portal.demo.loader import content as demo_content

pytestmark = pytest.mark.django_db

# Tasks the issue names, each with a guide of the demo.
REQUIRED_TASKS = {
    "prime-activite",
    "rsa",
    "aide-logement",
    "compte-ameli",
    "complementaire-sante-solidaire",
    "demande-retraite",
    "declaration-revenus",
    "prelevement-source",
    "inscription-france-travail",
    "actualisation-france-travail",
    "carte-grise",
    "carte-identite",
    "passeport",
    "procuration-vote",
    "cheque-energie",
    "aide-juridictionnelle",
}


def test_the_demo_has_the_common_tasks_with_their_taxonomies(demo_site):
    guides = GuidePage.objects.live()
    assert guides.count() >= 25
    slugs = set(guides.values_list("slug", flat=True))
    missing = {task for task in REQUIRED_TASKS if not any(task in slug for slug in slugs)}
    assert not missing, missing
    for guide in guides.prefetch_related("themes", "partners", "audiences"):
        assert guide.themes.exists() and guide.partners.exists(), guide.slug
        assert guide.audiences.exists() and len(guide.steps) >= 3, guide.slug
    assert GuideTheme.objects.filter(locale__language_code="fr").count() >= 11
    assert GuideAudience.objects.filter(locale__language_code="en").count() == 2
    assert len(demo_content().guides) == guides.count()
