"""The factories build what they say: pages that serve, with the values a test gives."""

import pytest
from bs4 import BeautifulSoup

from directory.models import GuidePage, MaisonPage
from tests.factories import GuidePageFactory, MaisonPageFactory, PartnerFactory

pytestmark = pytest.mark.django_db


def test_a_maison_from_the_factory_is_served_with_its_hours(client):
    # arrange
    maison = MaisonPageFactory(
        title="France Services de Nulle-Part",
        address="3 rue des Essais",
        hours=[(0, "08:30", "12:15"), (2, "13:45", "17:05")],
    )
    # act
    response = client.get("/maisons/france-services-de-nulle-part/")
    # assert
    assert response.status_code == 200
    assert response.context["page"].pk == maison.pk
    text = BeautifulSoup(response.content.decode(), "html.parser").get_text(" ")
    assert "3 rue des Essais" in text
    assert "08:30" in text and "12:15" in text and "13:45" in text and "17:05" in text
    assert MaisonPage.objects.get(pk=maison.pk).opening_intervals.count() == 2


def test_a_guide_from_the_factory_is_served_with_its_partner(client):
    # arrange
    partner = PartnerFactory(name="Caisse d’essai")
    guide = GuidePageFactory(title="Demander une aide d’essai", partners=[partner])
    # act
    response = client.get("/demarches/demander-une-aide-dessai/")
    # assert
    assert response.status_code == 200
    assert response.context["page"].pk == guide.pk
    assert list(GuidePage.objects.get(pk=guide.pk).partners.all()) == [partner]
    assert "Caisse d’essai" in response.content.decode()
