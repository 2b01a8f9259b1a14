import pytest
from django.contrib.auth import authenticate, get_user_model

pytestmark = pytest.mark.django_db


def test_users_are_identified_by_a_lower_cased_email():
    user = get_user_model().objects.create_user("Agent.Dupont@Example.ORG", "un-mot-de-passe-long")
    assert user.email == "agent.dupont@example.org"
    assert not hasattr(user, "username") or user.username is None


def test_login_with_email_ignores_case():
    from django.test import RequestFactory

    get_user_model().objects.create_user("agent@example.org", "un-mot-de-passe-long")
    request = RequestFactory().post("/espace-agents/connexion/")  # django-axes needs one
    assert authenticate(request, username="AGENT@example.org", password="un-mot-de-passe-long")
    assert authenticate(request, username="agent@example.org", password="mauvais") is None


def test_email_is_unique():
    from django.db import IntegrityError, transaction

    users = get_user_model().objects
    users.create_user("agent@example.org", "un-mot-de-passe-long")
    with pytest.raises(IntegrityError), transaction.atomic():
        users.create_user("agent@example.org", "un-autre-mot-de-passe")


def test_superuser_flags_are_enforced():
    with pytest.raises(ValueError, match="is_staff=True"):
        get_user_model().objects.create_superuser("a@example.org", "x" * 12, is_staff=False)


def test_custom_image_and_document_models_are_used():
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    assert get_image_model()._meta.label == "portal.CustomImage"
    assert get_document_model()._meta.label == "portal.CustomDocument"
